"""Where an economy comes from on the command line: a folder, a workbook, or the generator."""

from __future__ import annotations

from pathlib import Path

from kurultai.economy.model import Economy


def load_economy(source: str) -> Economy:
    """A folder of tables, an ONS .xls workbook, or ``synthetic:N[:SEED]``."""
    if source.startswith("synthetic:"):
        from kurultai.economy.synthetic import synthetic

        parts = source.split(":")
        try:
            n = int(float(parts[1]))
            seed = int(parts[2]) if len(parts) > 2 else 0
        except (IndexError, ValueError):
            raise SystemExit(f"error: {source!r} should look like synthetic:10000 or synthetic:10000:7")
        return synthetic(n, seed=seed)
    path = Path(source)
    if not path.exists():
        raise SystemExit(f"error: {source}: no such file or folder")
    if path.is_dir():
        from kurultai.economy.tables import read_economy

        return read_economy(path)
    if path.suffix.lower() in (".xls", ".xlsx"):
        from kurultai.economy.ons import read_ons_workbook

        return read_ons_workbook(path)
    raise SystemExit(f"error: {source}: expected a folder of tables, an ONS workbook (.xls) "
                     f"or synthetic:N")

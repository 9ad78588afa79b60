"""A plan version as files: CSV or Parquet tables (zipped with summary.json), or one JSON."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

from kurultai.planning.plan_io import product_table, resource_table, summary, technique_table, write_plan
from kurultai.web.plans.models import PlanVersion
from kurultai.web.plans.runner import plan_of


def about(version: PlanVersion) -> dict:
    """What the version is: number, year, status, times and the inputs it was computed from."""
    run = version.run
    return {"version": version.number, "year": version.year, "status": version.status,
            "parent_version": version.parent.number if version.parent else None,
            "requested_at": run.requested_at.isoformat(), "computed_at": version.created_at.isoformat(),
            "approved_at": version.approved_at.isoformat() if version.approved_at else None,
            "priority_round": run.snapshot.get("priority_round"),
            "priority_shares": run.snapshot.get("shares"),
            "objections": run.snapshot.get("objections", {}),
            "economy": run.snapshot.get("provenance", ""),
            "certificate": version.certificate}


def as_json(version: PlanVersion) -> bytes:
    plan = plan_of(version)
    document = {"plan": about(version), "summary": summary(plan),
                "products": product_table(plan).to_dict(orient="records"),
                "techniques": technique_table(plan).to_dict(orient="records"),
                "resources": resource_table(plan).to_dict(orient="records")}
    return json.dumps(document, indent=1, ensure_ascii=False, default=_plain).encode()


def as_zip(version: PlanVersion, fmt: str) -> bytes:
    """The tables of ``write_plan`` in ``fmt`` ('csv' or 'parquet') and plan.json, zipped."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        write_plan(plan_of(version), folder, fmt)
        Path(folder, "plan.json").write_text(json.dumps(about(version), indent=1, ensure_ascii=False,
                                                        default=_plain))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()


def _plain(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, float):
        return value
    raise TypeError(f"cannot write {type(value).__name__} to JSON")

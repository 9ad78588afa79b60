"""``kurultai``: make, balance and plan economies from the command line.

Each subcommand lives in a small module that registers itself on the parser.
"""

from __future__ import annotations

import argparse
import sys

from kurultai.cli import economy_commands

DESCRIPTION = """\
Kurultai: software for a democratically planned economy.

Start with a synthetic economy, plan it, and read the report:
  kurultai synth --n 10000 --out my-economy
  kurultai plan my-economy --out my-plan

An economy is a folder of tables (see docs/formats.md), an ONS input-output
workbook (.xls), or synthetic:N for a generated one of N products.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kurultai", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    economy_commands.register(commands)
    try:
        from kurultai.cli import platform_commands
    except ImportError:
        platform_commands = None
    if platform_commands is not None:
        platform_commands.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

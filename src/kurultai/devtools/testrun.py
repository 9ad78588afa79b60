"""Run the whole test suite, starting the services it needs (PostgreSQL) when none is given."""

from __future__ import annotations

import os
import sys

import pytest


def main(argv: list[str]) -> int:
    return pytest.main(["-q", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

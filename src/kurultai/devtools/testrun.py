"""Run the whole test suite against PostgreSQL: the one in DATABASE_URL, or a private one.

    python -m kurultai.devtools.testrun [pytest arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys

from kurultai.devtools.postgres import private_postgresql


def run_pytest(argv: list[str], env: dict[str, str]) -> int:
    return subprocess.call([sys.executable, "-m", "pytest", "-q", *argv], env=env)


def main(argv: list[str]) -> int:
    env = dict(os.environ)
    if env.get("DATABASE_URL"):
        print("[testrun] using the PostgreSQL in DATABASE_URL", flush=True)
        return run_pytest(argv, env)
    with private_postgresql() as url:
        print(f"[testrun] started a private PostgreSQL at {url}", flush=True)
        env["DATABASE_URL"] = url
        return run_pytest(argv, env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

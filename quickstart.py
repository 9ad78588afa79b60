#!/usr/bin/env python3
"""Set up everything Kurultai needs on a fresh machine with only Python, then run it.

    python3 quickstart.py          # the platform with its demo data, on SQLite
    python3 quickstart.py test     # the whole test suite (starts its own PostgreSQL)

Each step is idempotent: the virtual environment is made once and reinstalled only when
pyproject.toml changes; Debian packages are installed only when missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
EXTRAS = "test,bench,web"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[quickstart] {message}", flush=True)


def run(*cmd, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def ensure_venv() -> None:
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        run(sys.executable, "-m", "venv", VENV)
    say("installing Kurultai and its dependencies")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".[{EXTRAS}]", cwd=ROOT)
    stamp.write_text(wanted)


def apt_install(*packages: str) -> None:
    if shutil.which("apt-get") is None:
        sys.exit(f"[quickstart] please install these Debian/Ubuntu packages: {' '.join(packages)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    say(f"installing {' '.join(packages)} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def ensure_chromium() -> None:
    if not CHROMIUM.exists():
        apt_install("chromium")


def ensure_xgettext() -> None:
    """The protection tests compare their catalogues with Django's makemessages, which runs
    GNU gettext's xgettext (the platform's own catalogue check needs no system tool)."""
    if shutil.which("xgettext") is None:
        apt_install("gettext")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    ensure_venv()
    if command == "test":
        ensure_chromium()
        ensure_xgettext()
        return subprocess.call([str(PYTHON), "-m", "kurultai.devtools.testrun", *argv[1:]],
                               cwd=ROOT)
    if command == "demo":
        return subprocess.call([str(PYTHON), "-m", "kurultai.cli.main", "demo", *argv[1:]], cwd=ROOT)
    sys.exit(f"usage: python3 quickstart.py [demo|test] (got {command!r})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

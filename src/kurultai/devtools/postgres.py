"""A private, throw-away PostgreSQL server for one test run.

Uses the Debian PostgreSQL binaries (any version under /usr/lib/postgresql), installing the
``postgresql`` package with apt-get when none is there. The cluster lives in a temporary folder,
listens on a free loopback port and on a Unix socket in that folder, trusts local connections,
trades durability for speed (fsync off) and is deleted when the run ends. initdb refuses to run
as root, so under root the server runs as the ``postgres`` user (or ``nobody``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

USER = "kurultai"


def _version_key(path: str) -> tuple:
    version = Path(path).parent.parent.name
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def find_bin_dir() -> Path | None:
    """The bin folder of the newest installed PostgreSQL server, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def install_postgresql() -> None:
    if shutil.which("apt-get") is None:
        raise RuntimeError("PostgreSQL is not installed and apt-get is missing: install the "
                           "PostgreSQL server, or set DATABASE_URL to a server you have")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends",
                    "postgresql"], check=True, env=env)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> list[str]:
    """Prefix that drops root for initdb and pg_ctl; empty when not root."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
    raise RuntimeError("running as root, and neither a 'postgres' nor a 'nobody' user exists "
                       "to run PostgreSQL as")


@contextlib.contextmanager
def private_postgresql(max_connections: int = 300) -> Iterator[str]:
    """Start a private server; yields its DATABASE_URL; stops and deletes it afterwards."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        install_postgresql()
        bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL was installed but no initdb was found")
    as_user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="kurultai-pg-"))
    data, log = root / "data", root / "server.log"
    if as_user:
        owner = pwd.getpwnam(as_user[2])
        os.chown(root, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    try:
        subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", USER,
                        "--auth=trust", "-E", "UTF8", "--no-locale"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 "
                   f"-c max_connections={max_connections} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log),
                        "-o", options, "-w", "-t", "60", "start"],
                       check=True, stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as error:
        details = (error.stderr or b"").decode(errors="replace")
        if log.exists():
            details += log.read_text(errors="replace")
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"could not start the private PostgreSQL: {details.strip()}") from error
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)

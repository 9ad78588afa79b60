"""``demo``, ``serve``, ``manage``, ``recount`` and ``audit verify``: the platform's side of the CLI."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

console = Console(soft_wrap=True)
SETTINGS = "kurultai.web.config.settings"


def register(commands) -> None:
    p = commands.add_parser(
        "demo", help="start the platform with its demo community (SQLite by default)",
        description="Migrate the database, load the demo community of Osh and Jalal-Abad (once) "
                    "and serve the platform. The database is data/kurultai.sqlite3 unless "
                    "DATABASE_URL or KURULTAI_DATA_DIR say otherwise.")
    _server_arguments(p)
    p.set_defaults(run=demo)

    p = commands.add_parser("serve", help="migrate the database and serve the platform",
                            description="Serve the platform (a development server; see "
                                        "docs/deploy-postgresql.md for production).")
    _server_arguments(p)
    p.set_defaults(run=serve)

    p = commands.add_parser("manage", help="run a Django management command of the platform",
                            description="For example: kurultai manage createsuperuser")
    p.add_argument("args", nargs=argparse.REMAINDER, help="the management command and its arguments")
    p.set_defaults(run=manage)

    p = commands.add_parser(
        "recount", help="recount a published ballot box on this machine",
        description="Read a ballot box downloaded from the platform (the JSON file), check every "
                    "ballot and receipt, count it again by the election's rule and print the "
                    "result with its fingerprint.")
    p.add_argument("ballotbox", help="the ballot box file, e.g. ballot-box-1.json")
    p.add_argument("--expect", default=None,
                   help="fingerprint published with the result (sha256:...); exit 1 if it differs")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(run=recount)

    p = commands.add_parser("audit", help="check the platform's audit log",
                            description="Audit-log tools.")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="recompute the hash chain; exit 1 on any edited or deleted entry")
    v.set_defaults(run=audit_verify)


def _server_arguments(p) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def _prepare_database() -> None:
    from django.core.management import call_command

    from kurultai.web.config.database import data_dir

    if not os.environ.get("DATABASE_URL"):
        data_dir().mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def _run_server(args) -> int:
    """Serve the pages, with the task worker that computes plans running beside the server."""
    import subprocess

    from django.core.management import call_command

    worker = subprocess.Popen([sys.executable, "-m", "django", "db_worker", "--no-reload"],
                              env=dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS))
    try:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, verbosity=1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return 0


def demo(args) -> int:
    _django()
    from kurultai.web.core.demo import DEMO_LOGINS, PASSWORD, load_demo

    _prepare_database()
    loaded = load_demo()
    console.print("[bold]Kurultai demo community[/bold] " +
                  ("loaded." if loaded else "already in the database."))
    console.print(f"Open [bold]http://{args.host}:{args.port}/[/bold] in a browser. Demo logins "
                  f"(password [bold]{PASSWORD}[/bold]):")
    for username, role in DEMO_LOGINS:
        console.print(f"  [bold]{username}[/bold]: {role}")
    return _run_server(args)


def serve(args) -> int:
    _django()
    _prepare_database()
    return _run_server(args)


def manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kurultai manage", *args.args])
    return 0


def recount(args) -> int:
    from kurultai.democracy import BallotError, fingerprint
    from kurultai.democracy import recount as count_again

    path = Path(args.ballotbox)
    if not path.is_file():
        console.print(f"[red]{path}: no such file[/red]")
        return 2
    try:
        box = json.loads(path.read_text(encoding="utf-8"))
        result = count_again(box).to_dict()
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        console.print(f"[red]{path}: not a JSON ballot box ({error})[/red]")
        return 2
    except BallotError as error:
        console.print(f"[red]{path}: {error}[/red]")
        return 2
    digest = fingerprint(box)
    if args.json:
        print(json.dumps({"fingerprint": digest, "result": result}, ensure_ascii=False, indent=1))
    else:
        _print_result(box, result, digest)
    if args.expect and args.expect != digest:
        console.print(f"[red]The fingerprint differs from the published one ({args.expect}).[/red]")
        return 1
    return 0


def _print_result(box: dict, result: dict, digest: str) -> None:
    election = box["election"]
    console.print(f"[bold]{election.get('title') or election['id']}[/bold] — rule {election['rule']}, "
                  f"{len(box['ballots'])} ballots")
    console.print(f"fingerprint {digest}")
    stages = result.get("stages") or result.get("rounds")
    if stages:
        table = Table(title="stage by stage")
        table.add_column("candidate")
        for number, _stage in enumerate(stages, start=1):
            table.add_column(str(number), justify="right")
        for candidate in result["candidates"]:
            table.add_row(candidate, *[str(s["totals"].get(candidate, "—")) for s in stages])
        console.print(table)
    if "elected" in result:
        console.print("elected: " + (", ".join(result["elected"]) or "nobody"))
    if "carried" in result:
        console.print(f"yes {result['yes']}, no {result['no']}, abstain {result['abstain']}: "
                      + ("carried" if result["carried"] else "not carried"))


def audit_verify(args) -> int:
    _django()
    from kurultai.web.audit.log import verify

    check = verify()
    if check.ok:
        console.print(f"audit chain intact: {check.checked} entries, head {check.head_hash}")
        return 0
    console.print(f"[red]audit chain broken: {check.problem}[/red]")
    return 1

"""Screenshots of the platform's main pages, on a desk and on a phone, into docs/screenshots/.

    python -m kurultai.devtools.screenshots [--out docs/screenshots]

Runs ``kurultai demo`` on a fresh SQLite database in a temporary folder, then drives Debian's
Chromium with Playwright through the pages a newcomer sees first.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"desk": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Two demo members of Amir-Timur who have not voted yet: one votes at each size.
VOTERS = {"desk": "ulugbek", "phone": "zarina"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the demo server did not answer at {url}")


def _shoot(base: str, out: Path) -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size_name, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport)

            def snap(name, full_page=True, _page=page, _size=size_name):
                path = out / f"{name}-{_size}.png"
                _page.screenshot(path=str(path), full_page=full_page)
                written.append(path)

            page.goto(f"{base}/")
            snap("home")
            page.goto(f"{base}/elections/1/")
            snap("election-result")
            page.goto(f"{base}/elections/1/ballot-box/")
            snap("ballot-box", full_page=False)
            page.goto(f"{base}/kurultai/motions/1/")
            snap("kurultai-motion")
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", VOTERS[size_name])
            page.fill("#id_password", "kurultai-demo")
            page.click("main form button[type=submit]")
            page.goto(f"{base}/elections/3/vote/")
            snap("vote")
            page.select_option("#rank_c2", "1")
            page.select_option("#rank_c1", "2")
            page.click("#ballot button[type=submit]")
            snap("receipt")
            page.click("header .languages button[lang=ky]")
            page.goto(f"{base}/committees/cheremushki/")
            snap("committee-ky")
            page.click("header .languages button[lang=uz]")
            page.goto(f"{base}/")
            snap("home-uz", full_page=False)
            page.click("header .languages button[lang=ru]")
            page.goto(f"{base}/elections/")
            snap("elections-ru", full_page=False)
            page.click("header .languages button[lang=en]")
            page.close()
        browser.close()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="kurultai-shots-") as data:
        env = dict(os.environ, KURULTAI_DATA_DIR=data)
        env.pop("DATABASE_URL", None)
        server = subprocess.Popen([sys.executable, "-m", "kurultai.cli.main", "demo", "--port", str(port)],
                                  env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(f"http://127.0.0.1:{port}/")
            for path in _shoot(f"http://127.0.0.1:{port}", out):
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

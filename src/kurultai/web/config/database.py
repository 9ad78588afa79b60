"""Choose the database: SQLite in a data folder by default, PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

REPO_ROOT = Path(__file__).resolve().parents[4]


def data_dir() -> Path:
    """Where the embedded SQLite database lives (KURULTAI_DATA_DIR, default ./data in the repo)."""
    return Path(os.environ.get("KURULTAI_DATA_DIR", REPO_ROOT / "data"))


def database_settings() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=0)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3",
                  "NAME": str(data_dir() / "kurultai.sqlite3"),
                  "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"}}
    config.setdefault("TEST", {})
    return config

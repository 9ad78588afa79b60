"""The protection settings, each with its default; a deployment overrides them in Django settings."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # How many reports one sender may make in a window, by keyed IP hash and by browser session.
    "PROTECTION_REPORTS_PER_IP": 5,
    "PROTECTION_REPORTS_PER_SESSION": 3,
    "PROTECTION_REPORT_WINDOW_SECONDS": 3600,
    # A form sent sooner than this after it was shown is a script's, not a person's.
    "PROTECTION_REPORT_MIN_SECONDS": 2,
    "PROTECTION_REPORT_MAX_AGE_SECONDS": 6 * 3600,
    "PROTECTION_PHOTO_MAX_BYTES": 5 * 1024 * 1024,
    "PROTECTION_PHOTO_MAX_SIDE": 1600,
    # Hours a closed request keeps its household location; 0 deletes it at the moment it closes.
    "PROTECTION_LOCATION_RETENTION_HOURS": 0,
    "PROTECTION_ALERT_EMAILS": False,
    "PROTECTION_ALERT_POLL_SECONDS": 5,
    # Empty: neighbourhoods are drawn on a blank background, with no tile server at all.
    "PROTECTION_MAP_TILE_URL": "",
    "PROTECTION_MAP_TILE_ATTRIBUTION": "",
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])

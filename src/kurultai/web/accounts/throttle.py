"""How many wrong passwords an account takes before log-in to it pauses, and for how long.

Counted per account, not per address: behind a reverse proxy every member would share one
address, and a limit on it would lock everyone out. The price is that anyone can pause log-in
to an account they know the name of, for at most WINDOW; the member's sessions stay valid.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kurultai.web.accounts.models import FailedLogin

WINDOW = timedelta(minutes=15)
ATTEMPTS = 5


def _key(username: str) -> str:
    return (username or "").strip().casefold()


def paused(username: str) -> bool:
    """Whether ATTEMPTS wrong passwords for this account fall within the last WINDOW."""
    since = timezone.now() - WINDOW
    return FailedLogin.objects.filter(username=_key(username), at__gte=since).count() >= ATTEMPTS


def failed(username: str) -> None:
    """Note a wrong password, and forget the ones older than WINDOW (of every account)."""
    now = timezone.now()
    FailedLogin.objects.filter(at__lt=now - WINDOW).delete()
    FailedLogin.objects.create(username=_key(username), at=now)


def succeeded(username: str) -> None:
    FailedLogin.objects.filter(username=_key(username)).delete()

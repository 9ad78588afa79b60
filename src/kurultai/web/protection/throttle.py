"""Abuse resistance for forms anyone may send, with no outside service.

Three checks: a honeypot field that people never see but form-filling scripts fill in; a signed
time stamp that must be a few seconds old (people read and type; scripts post at once) and not
stale; and counts per sender within a window, kept in the database under keyed hashes of the IP
address and of a random per-browser id, so the table never holds an address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.protection import conf
from kurultai.web.protection.models import Throttle

SIGNER_SALT = "kurultai.protection.form-started"
HONEYPOT = "website"


class Refused(Exception):
    """A submission refused as abuse or over the limit; the message is for the sender."""


def _keyed(kind: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def sender_keys(request) -> dict[str, str]:
    """Keyed hashes of the sender's IP address and of a random id kept in its session cookie."""
    browser = request.session.get("sender_id")
    if not browser:
        browser = request.session["sender_id"] = secrets.token_hex(16)
    return {"ip": _keyed("ip", request.META.get("REMOTE_ADDR", "")), "session": _keyed("session", browser)}


def form_stamp() -> str:
    """The time the form was shown, signed so that a sender cannot backdate it."""
    return signing.Signer(salt=SIGNER_SALT).sign(str(int(timezone.now().timestamp())))


def check_form(data) -> None:
    """Refuse a filled honeypot, a missing or forged stamp, a form sent too fast or too late."""
    if data.get(HONEYPOT):
        raise Refused(_("The form could not be accepted. Please try again."))
    stamp = data.get("started", "")
    try:
        shown = int(signing.Signer(salt=SIGNER_SALT).unsign(stamp))
    except (signing.BadSignature, ValueError):
        raise Refused(_("The form could not be accepted. Please try again.")) from None
    age = timezone.now().timestamp() - shown
    if age < conf.get("PROTECTION_REPORT_MIN_SECONDS"):
        raise Refused(_("The form was sent too fast. Please check it and send it again."))
    if age > conf.get("PROTECTION_REPORT_MAX_AGE_SECONDS"):
        raise Refused(_("The form was open too long. Please fill it in again."))


def count(request, action: str, now=None) -> None:
    """Count this submission against its sender, or refuse it if a limit is already reached."""
    now = now or timezone.now()
    window = timedelta(seconds=conf.get("PROTECTION_REPORT_WINDOW_SECONDS"))
    Throttle.objects.filter(at__lt=now - window).delete()
    limits = {"ip": conf.get("PROTECTION_REPORTS_PER_IP"), "session": conf.get("PROTECTION_REPORTS_PER_SESSION")}
    keys = sender_keys(request)
    for kind, key in keys.items():
        if Throttle.objects.filter(action=action, key=key, at__gte=now - window).count() >= limits[kind]:
            raise Refused(_("Too many reports from here in a short time. Please wait before sending another."))
    Throttle.objects.bulk_create([Throttle(action=action, key=key, at=now) for key in keys.values()])

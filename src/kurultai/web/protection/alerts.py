"""Alerts: raised when a report is verified, to its neighbourhood's and the adjacent committees.

The same short text goes to the page (live), to the plain-text feed that an SMS or messaging
gateway relays, and by e-mail when e-mail is configured. It never holds a household's location:
only what the public incident report says.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Committee, Membership
from kurultai.web.protection import conf
from kurultai.web.protection.access import AccessError, is_guardian, is_locked_down, is_suspended
from kurultai.web.protection.models import Alert, Incident

log = logging.getLogger(__name__)


def raise_alerts(incident: Incident, now) -> list[Alert]:
    """One alert to the neighbourhood's own committee and one to each adjacent neighbourhood's."""
    targets: list[tuple[Committee, str]] = [(incident.neighbourhood.committee, Alert.Reach.OWN)]
    for other in incident.neighbourhood.adjacent.select_related("committee").order_by("name"):
        if all(other.committee_id != c.pk for c, _reach in targets):
            targets.append((other.committee, Alert.Reach.ADJACENT))
    alerts = [Alert.objects.get_or_create(incident=incident, committee=committee,
                                          defaults={"reach": reach, "raised_at": now})[0]
              for committee, reach in targets]
    record("alert.raised", f"incident:{incident.pk}", {"committees": [c.slug for c, _r in targets]})
    transaction.on_commit(lambda: send_emails(alerts))
    return alerts


def acknowledge(alert: Alert, member, now=None) -> Alert:
    """A member of the alerted committee says: we have seen it and are acting."""
    if not is_guardian(member, alert.committee):
        raise AccessError(_("Only members of the alerted committee can acknowledge this alert."))
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = now or timezone.now(), member
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
        record("alert.acknowledged", f"alert:{alert.pk}", {"committee": alert.committee.slug}, actor=member)
    return alert


def alert_text(alert: Alert) -> str:
    """One line: what, where, how serious, when; nothing a public report does not already say."""
    incident = alert.incident
    when = timezone.localtime(incident.happened_at).strftime("%Y-%m-%d %H:%M")
    what = " ".join(_(incident.what).split()) if incident.what else ""
    if len(what) > 140:
        what = what[:139] + "…"
    return _("%(seriousness)s in %(neighbourhood)s, %(street)s, at %(when)s: %(what)s") % {
        "seriousness": incident.get_seriousness_display().upper(), "neighbourhood": _(incident.neighbourhood.name),
        "street": _(incident.street) if incident.street else "", "when": when, "what": what}


def feed_lines(committee: Committee, after: int = 0, limit: int = 50) -> list[str]:
    """The plain-text feed of a committee, newest last, for a gateway polling with ``after``."""
    alerts = (Alert.objects.filter(committee=committee, pk__gt=after)
              .select_related("incident__neighbourhood").order_by("pk")[:limit])
    return [f"{a.pk}\t{a.get_reach_display()}\t{alert_text(a)}" for a in alerts]


def send_emails(alerts: list[Alert]) -> int:
    """E-mail every admitted, not suspended member of each alerted committee that has an address."""
    if not conf.get("PROTECTION_ALERT_EMAILS"):
        return 0
    messages = []
    for alert in alerts:
        if is_locked_down(alert.committee):
            continue
        members = [m.member for m in Membership.objects.filter(
            committee=alert.committee, status=Membership.Status.ADMITTED).select_related("member")]
        addresses = [u.email for u in members if u.email and not is_suspended(alert.committee, u)]
        if addresses:
            subject = _("Verified incident: %(neighbourhood)s") % {
                "neighbourhood": _(alert.incident.neighbourhood.name)}
            messages.extend((subject, alert_text(alert), None, [address]) for address in addresses)
    try:
        return send_mass_mail(messages, fail_silently=False)
    except OSError:
        log.exception("alert e-mail could not be sent")
        return 0

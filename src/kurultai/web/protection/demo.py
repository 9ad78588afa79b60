"""The demo's protection and relief: neighbourhood boundaries, protection committees, reports in
every state, alerts, safe places and open relief requests and offers.

Built on the platform's demo community (its people and district committees) through this app's
own services, so the audit log holds what real use would write. Runs once; again changes nothing.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from importlib import resources

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
# Demo texts are stored in English and marked for the catalogues; pages translate them on display.
from django.utils.translation import gettext_noop as _

from kurultai.web.committees.models import Committee, Membership
from kurultai.web.protection.alerts import acknowledge
from kurultai.web.protection.models import Neighbourhood, SafePlace
from kurultai.web.protection.services import ask_escort, report
from kurultai.web.protection.verification import confirm, mark_false
from kurultai.web.relief import services as relief

DISTRICTS = {"Osh": "osh-district", "Jalal-Abad": "jalal-abad-district"}

# neighbourhood slug: (protection committee slug, its name, secretary, members); the platform's
# demo already has the Cheremushki and Sputnik committees and their members.
PROTECTION = {
    "cheremushki": ("cheremushki-protection", None, None, []),
    "sputnik": ("sputnik-protection", None, None, []),
    "amir-timur": ("amir-timur-protection", _("Amir-Timur protection committee"), "otabek",
                   ["natalia", "jasur", "gulnoza"]),
    "furkat": ("furkat-protection", _("Furkat protection committee"), "nurlan", ["jypar", "viktor"]),
    "kurmanbek": ("kurmanbek-protection", _("Kurmanbek protection committee"), "kanat", ["bermet", "irina"]),
}

# Names of the demo's places and things, for the translation catalogues.
NAMES = [_("Cheremushki"), _("Amir-Timur"), _("Furkat"), _("Sputnik"), _("Kurmanbek"), _("Osh"), _("Jalal-Abad"),
         _("litres"), _("kg"), _("boxes"), _("seats")]


def boundaries() -> list[dict]:
    """The shipped GeoJSON features (approximate, hand-drawn demo boundaries)."""
    text = resources.files("kurultai.web.protection").joinpath("data/neighbourhoods.geojson").read_text("utf-8")
    return json.loads(text)["features"]


def shares_edge(a: dict, b: dict) -> bool:
    """Two hand-drawn polygons are adjacent when they share at least two corner points."""
    corners = lambda g: {tuple(p) for ring in g["coordinates"] for p in ring}  # noqa: E731
    return len(corners(a) & corners(b)) >= 2


def _committee(slug, name, secretary, members, users) -> Committee:
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        committee = Committee.objects.create(
            slug=slug, name=name, kind=Committee.Kind.PROTECTION, place="",
            description=_("Neighbours of every community keeping each other safe: open to all."))
        for username, role in [(secretary, Membership.Role.SECRETARY)] + [(m, Membership.Role.MEMBER) for m in members]:
            Membership.objects.create(committee=committee, member=users[username], role=role,
                                      status=Membership.Status.ADMITTED, admitted_at=timezone.now())
    return committee


def _neighbourhoods(users) -> dict[str, Neighbourhood]:
    made: dict[str, Neighbourhood] = {}
    features = boundaries()
    for feature in features:
        props = feature["properties"]
        slug, name, secretary, members = PROTECTION[props["slug"]]
        ring = feature["geometry"]["coordinates"][0][:-1]
        made[props["slug"]] = Neighbourhood.objects.create(
            slug=props["slug"], name=props["name"], city=props["city"], boundary=feature["geometry"],
            centre_lat=sum(p[1] for p in ring) / len(ring), centre_lon=sum(p[0] for p in ring) / len(ring),
            committee=_committee(slug, name, secretary, members, users),
            district=Committee.objects.filter(slug=DISTRICTS[props["city"]]).first())
    for i, a in enumerate(features):
        for b in features[i + 1:]:
            if shares_edge(a["geometry"], b["geometry"]):
                made[a["properties"]["slug"]].adjacent.add(made[b["properties"]["slug"]])
    return made


def _incidents(n, users, now) -> None:
    def filed(where, street, what, hours_ago, seriousness, point=None, by=None):
        lat, lon = point or (None, None)
        return report(by, neighbourhood=n[where], street=street, what=what, seriousness=seriousness,
                      happened_at=now - timedelta(hours=hours_ago), lat=lat, lon=lon)

    water = filed("cheremushki", _("Water main at Lenin street"),
                  _("The water main is broken; the blocks on the east side have had no water since the morning."),
                  5, 2, (40.5470, 72.7950))
    for member in ("rustam", "sergei"):
        confirm(water, users[member], now - timedelta(hours=4))
    own_alert = water.alerts.get(committee__slug="cheremushki-protection")
    acknowledge(own_alert, users["aigul"], now - timedelta(hours=3))
    crowd = filed("sputnik", _("Bus stop by the market"),
                  _("A crowd with sticks is gathering by the market; shops are closing."), 2, 3, (40.9275, 72.9990))
    for member in ("ulan", "zarina"):
        confirm(crowd, users[member], now - timedelta(hours=1))
    fire = filed("amir-timur", _("Courtyards by the Ak-Buura bridge"),
                 _("Smoke seen over the courtyards; people say a house is on fire."), 1, 3, (40.5350, 72.7940))
    confirm(fire, users["natalia"], now - timedelta(minutes=40))
    filed("furkat", _("School No. 12"), _("Someone says the school will be attacked tonight."), 3, 4)
    rumour = filed("cheremushki", _("Hospital gate"),
                   _("Message going round: the hospital refuses patients from our street."), 6, 2)
    mark_false(rumour, users["elena"], _("We went to the hospital: it treats everyone. Doctors of every "
                                        "community are on shift; the gate is open day and night."))


def _places(n) -> None:
    for where, kind, name, address, point, capacity, occupancy in [
        ("cheremushki", "shelter", _("School No. 5 gym"), _("Lenin street 12"), (40.5450, 72.7900), 120, 64),
        ("cheremushki", "water", _("Water tanker stop"), _("Cheremushki square"), (40.5500, 72.7950), 400, 0),
        ("amir-timur", "medical", _("First-aid point at the teahouse"), _("Ak-Buura embankment 3"),
         (40.5320, 72.7850), 20, 7),
        ("sputnik", "shelter", _("House of Culture"), _("Toktogul street 40"), (40.9300, 72.9950), 200, 150),
        ("kurmanbek", "medical", _("Regional hospital emergency ward"), _("Lenin street 2"),
         (40.9430, 73.0000), 60, 41),
    ]:
        SafePlace.objects.create(neighbourhood=n[where], kind=kind, name=name, address=address,
                                 lat=point[0], lon=point[1], capacity=capacity, occupancy=occupancy)


def _relief(n, users) -> None:
    relief.offer(users["bahodir"], kind="food", quantity=Decimal(500), unit=_("kg"),
                 what=_("Flour from the Uzgen farms"), place=_("Uzgen road, farm store"), lat=40.5100, lon=72.8500)
    relief.offer(users["viktor"], kind="transport", quantity=Decimal(12), unit=_("seats"),
                 what=_("Bus with driver"), place=_("Osh bus depot"), lat=40.5200, lon=72.8100)
    relief.offer(users["sergei"], kind="water", quantity=Decimal(8000), unit=_("litres"),
                 what=_("Tanker truck of drinking water"), place=_("Osh bus depot"), lat=40.5200, lon=72.8100)
    relief.offer(users["asel"], kind="medicine", quantity=Decimal(30), unit=_("boxes"),
                 what=_("Dressings and painkillers"), place=_("Jalal-Abad regional hospital"),
                 lat=40.9430, lon=73.0000)
    water = relief.ask(n["cheremushki"], "water", Decimal(600), _("litres"), _("Twelve flats, no water since morning"),
                       "Lenin street 31, flat 4", "+996 555 000 111", 40.5465, 72.7960)
    relief.ask(n["amir-timur"], "food", Decimal(40), _("kg"), _("Family of seven, the shop is closed"),
               "Ak-Buura embankment 17", "+996 777 000 222", 40.5310, 72.7870)
    relief.ask(n["sputnik"], "medicine", Decimal(5), _("boxes"), "", "Toktogul street 88", "+996 700 000 333")
    relief.ask(n["furkat"], "food", Decimal(100), _("kg"), _("Kitchen for the shelter"), "Navoi street 5", "")
    delivery = relief.propose_for(water, users["rustam"])[0]
    relief.advance(delivery, users["rustam"])
    relief.advance(delivery, users["rustam"])


def protection_demo_loaded() -> bool:
    return Neighbourhood.objects.exists()


def load_protection_demo() -> bool:
    """Build the demo's protection and relief once; False when already there or no demo community."""
    if protection_demo_loaded() or not Committee.objects.filter(slug="osh-district").exists():
        return False
    users = {u.username: u for u in User.objects.all()}
    now = timezone.now()
    with transaction.atomic():
        n = _neighbourhoods(users)
        _incidents(n, users, now)
        _places(n)
        ask_escort(n["furkat"], "evacuation", 4, _("one person in a wheelchair"), "Navoi street 21",
                   "+996 555 000 444", 40.5350, 72.8100)
        _relief(n, users)
    return True


PROTECTION_LOGINS = [
    ("elena", _("secretary of the Cheremushki protection committee: confirms reports, marks rumours false")),
    ("rustam", _("member of the Cheremushki protection committee: sees alerts and household addresses")),
    ("asel", _("secretary of the Sputnik protection committee in Jalal-Abad")),
]

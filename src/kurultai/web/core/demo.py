"""The demo community: neighbourhoods of Osh and Jalal-Abad, their enterprises, people, votes.

Everything is built through the platform's own services, so the demo's audit log, ballots and
mandates are what real use would produce. Names of places and things are marked for the
translation catalogues (``_`` only marks them; the pages translate them); people's names are kept as people write them. Nobody's ethnicity is
recorded: there is no field for it.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from kurultai.web.assembly import services as assembly
from kurultai.web.plans.demo import load_demo_plan
from kurultai.web.committees.models import Committee, Enterprise, Membership
from kurultai.web.committees.services import admit, apply
from kurultai.web.elections.calling import call_election, nominate
from kurultai.web.elections.casting import cast
from kurultai.web.elections.closing import close_if_due
from kurultai.web.elections.models import Election
from kurultai.web.protection.demo import load_protection_demo

PASSWORD = "kurultai-demo"

PEOPLE = [
    ("aigul", "Айгүл", "Токтосунова"), ("bakyt", "Бакыт", "Абдыкадыров"),
    ("nurlan", "Нурлан", "Исаков"), ("gulnara", "Гүлнара", "Осмонова"),
    ("erlan", "Эрлан", "Сыдыков"), ("jypar", "Жыпар", "Маматова"),
    ("tilek", "Тилек", "Бообеков"), ("cholpon", "Чолпон", "Касымова"),
    ("mirlan", "Мирлан", "Тургунбаев"), ("dinara", "Динара", "Эсенова"),
    ("ulan", "Улан", "Кадыров"), ("asel", "Асель", "Мамытова"),
    ("kanat", "Канат", "Жумабаев"), ("bermet", "Бермет", "Садыкова"),
    ("rustam", "Rustam", "Yusupov"), ("dilnoza", "Dilnoza", "Rahimova"),
    ("sherzod", "Sherzod", "Tursunov"), ("madina", "Madina", "Nazarova"),
    ("otabek", "Otabek", "Xolmatov"), ("gulnoza", "Gulnoza", "Ergasheva"),
    ("bahodir", "Bahodir", "Mirzayev"), ("nodira", "Nodira", "Sobirova"),
    ("jasur", "Jasur", "Qodirov"), ("zarina", "Zarina", "Abdullayeva"),
    ("ulugbek", "Ulug'bek", "Hamidov"), ("feruza", "Feruza", "Aliyeva"),
    ("akmal", "Akmal", "Rasulov"),
    ("elena", "Елена", "Петрова"), ("sergei", "Сергей", "Иванов"),
    ("olga", "Ольга", "Кузнецова"), ("andrei", "Андрей", "Смирнов"),
    ("natalia", "Наталья", "Волкова"), ("dmitri", "Дмитрий", "Соколов"),
    ("tatiana", "Татьяна", "Морозова"), ("viktor", "Виктор", "Павлов"),
    ("irina", "Ирина", "Лебедева"),
]

# slug, name, kind, place, parent slug, description
COMMITTEES = [
    ("kurultai", _("People's Kurultai of the South"), "kurultai", _("Osh"), None,
     _("The assembly of delegates from the workplaces and districts of Osh and Jalal-Abad.")),
    ("osh-district", _("Osh city district committee"), "district", _("Osh"), "kurultai",
     _("Delegates of the neighbourhoods of Osh.")),
    ("jalal-abad-district", _("Jalal-Abad district committee"), "district", _("Jalal-Abad"),
     "kurultai", _("Delegates of the neighbourhoods of Jalal-Abad.")),
    ("cheremushki", _("Cheremushki neighbourhood committee"), "neighbourhood", _("Osh"),
     "osh-district", _("The blocks of flats around Cheremushki, mixed streets, one water main.")),
    ("amir-timur", _("Amir-Timur neighbourhood committee"), "neighbourhood", _("Osh"),
     "osh-district", _("Houses with courtyards along the Ak-Buura river.")),
    ("furkat", _("Furkat neighbourhood committee"), "neighbourhood", _("Osh"), "osh-district", ""),
    ("sputnik", _("Sputnik neighbourhood committee"), "neighbourhood", _("Jalal-Abad"),
     "jalal-abad-district", ""),
    ("kurmanbek", _("Kurmanbek neighbourhood committee"), "neighbourhood", _("Jalal-Abad"),
     "jalal-abad-district", ""),
    ("cheremushki-protection", _("Cheremushki protection committee"), "protection", _("Osh"), None,
     _("Neighbours of every community keeping each other safe: open to all.")),
    ("sputnik-protection", _("Sputnik protection committee"), "protection", _("Jalal-Abad"), None,
     _("Neighbours of every community keeping each other safe: open to all.")),
    ("cotton-gin", _("Kara-Suu cotton gin workers' committee"), "workplace", _("Kara-Suu"),
     "kurultai", ""),
    ("textile-mill", _("Osh textile mill workers' committee"), "workplace", _("Osh"), "kurultai", ""),
    ("bakery", _("Cheremushki bakery workers' committee"), "workplace", _("Osh"), "kurultai", ""),
    ("power-station", _("Uch-Kurgan power station workers' committee"), "workplace",
     _("Uch-Kurgan"), "kurultai", ""),
    ("hospital", _("Jalal-Abad hospital workers' committee"), "workplace", _("Jalal-Abad"),
     "kurultai", ""),
    ("school", _("Jalal-Abad school No. 5 workers' committee"), "workplace", _("Jalal-Abad"),
     "kurultai", ""),
    ("bus-depot", _("Osh bus depot workers' committee"), "workplace", _("Osh"), "kurultai", ""),
]

# slug, committee slug, name, sector, place, workers, description
ENTERPRISES = [
    ("kara-suu-cotton-gin", "cotton-gin", _("Kara-Suu cotton gin"), _("Textiles"), _("Kara-Suu"),
     140, _("Cleans and bales the cotton of the Kara-Suu and Aravan farms.")),
    ("osh-textile-mill", "textile-mill", _("Osh textile mill"), _("Textiles"), _("Osh"), 620,
     _("Spins and weaves cotton; sews work clothes and school uniforms.")),
    ("cheremushki-bakery", "bakery", _("Cheremushki bakery"), _("Food"), _("Osh"), 35,
     _("Bread for eleven thousand people every morning.")),
    ("uch-kurgan-power-station", "power-station", _("Uch-Kurgan power station"), _("Energy"),
     _("Uch-Kurgan"), 310, _("Hydroelectric station on the Naryn river.")),
    ("jalal-abad-hospital", "hospital", _("Jalal-Abad regional hospital"), _("Health"),
     _("Jalal-Abad"), 480, _("Open to everyone, day and night.")),
    ("jalal-abad-school-5", "school", _("Jalal-Abad school No. 5"), _("Education"),
     _("Jalal-Abad"), 64, _("Lessons in Kyrgyz, Uzbek and Russian.")),
    ("osh-bus-depot", "bus-depot", _("Osh bus depot"), _("Transport"), _("Osh"), 210,
     _("City and intercity buses of Osh.")),
]

# committee slug: (secretary, admitted members, applicants waiting)
MEMBERS = {
    "cheremushki": ("aigul", ["bakyt", "gulnara", "erlan", "rustam", "dilnoza", "sherzod",
                              "madina", "elena", "sergei", "olga", "tilek", "nodira", "andrei"],
                    ["irina", "akmal"]),
    "amir-timur": ("otabek", ["gulnoza", "bahodir", "jasur", "zarina", "cholpon", "mirlan",
                              "natalia", "dmitri", "ulugbek"], ["feruza"]),
    "furkat": ("nurlan", ["jypar", "tatiana", "viktor", "feruza"], []),
    "sputnik": ("dinara", ["ulan", "asel", "kanat", "zarina"], []),
    "kurmanbek": ("kanat", ["bermet", "akmal", "irina"], []),
    "cheremushki-protection": ("elena", ["aigul", "rustam", "bakyt", "dilnoza", "sergei"], []),
    "sputnik-protection": ("asel", ["ulan", "zarina", "tatiana"], []),
    "cotton-gin": ("mirlan", ["jasur", "gulnoza", "erlan"], []),
    "textile-mill": ("madina", ["olga", "nodira", "cholpon", "dilnoza", "feruza"], []),
    "bakery": ("bakyt", ["gulnara", "sherzod", "elena", "akmal"], []),
    "power-station": ("andrei", ["tilek", "bahodir", "dmitri"], []),
    "hospital": ("ulan", ["asel", "natalia", "zarina", "irina"], []),
    "school": ("bermet", ["kanat", "ulugbek", "tatiana"], []),
    "bus-depot": ("sergei", ["rustam", "otabek", "viktor", "nurlan"], []),
    # Founding delegates, seated before the platform kept the records of their elections.
    "osh-district": ("dinara", ["nurlan"], []),
    "jalal-abad-district": ("ulan", ["asel"], []),
    "kurultai": ("bermet", ["dinara", "ulan", "madina", "mirlan", "andrei", "sergei", "otabek",
                            "bakyt", "nurlan"], []),
}


def _people() -> dict[str, User]:
    # One hash for the shared, published demo password: hashing it 36 times would only add seconds.
    password = make_password(PASSWORD)
    return {username: User.objects.create(username=username, password=password, first_name=first,
                                          last_name=last)
            for username, first, last in PEOPLE}


def _committees() -> dict[str, Committee]:
    committees: dict[str, Committee] = {}
    for slug, name, kind, place, parent, description in COMMITTEES:
        committees[slug] = Committee.objects.create(
            slug=slug, name=name, kind=kind, place=place, description=description,
            parent=committees.get(parent) if parent else None,
            delegate_seats=3 if kind == "neighbourhood" else 1)
    for slug, committee_slug, name, sector, place, workers, description in ENTERPRISES:
        Enterprise.objects.create(slug=slug, committee=committees[committee_slug], name=name,
                                  sector=sector, place=place, workers=workers,
                                  description=description)
    return committees


def _memberships(committees, users) -> None:
    founding_role = {"osh-district": Membership.Role.DELEGATE,
                     "jalal-abad-district": Membership.Role.DELEGATE,
                     "kurultai": Membership.Role.DELEGATE}
    for slug, (secretary, admitted, waiting) in MEMBERS.items():
        committee = committees[slug]
        Membership.objects.create(committee=committee, member=users[secretary],
                                  role=Membership.Role.SECRETARY, status=Membership.Status.ADMITTED,
                                  admitted_at=timezone.now())
        for username in admitted:
            if slug in founding_role:
                Membership.objects.create(committee=committee, member=users[username],
                                          role=founding_role[slug],
                                          status=Membership.Status.ADMITTED,
                                          admitted_at=timezone.now())
            else:
                admit(apply(committee, users[username]), users[secretary])
        for username in waiting:
            apply(committee, users[username])


def _ranked_ballots(rng: random.Random, keys: list[str], weights: list[float], voters: int):
    """Plausible ranked ballots: popular candidates first more often, some ballots short."""
    for _ in range(voters):
        remaining, ranking = list(keys), []
        shares = list(weights)
        while remaining and (not ranking or rng.random() < 0.75):
            pick = rng.choices(range(len(remaining)), weights=shares)[0]
            ranking.append(remaining.pop(pick))
            shares.pop(pick)
        yield ranking


def _election(committee, secretary, users, *, title, rule, office, seats=1, candidates=(),
              answers=(), question="", opens, closes):
    election = call_election(committee, secretary, title=title, rule=rule, office=office,
                             seats=seats, question=question, answers=answers,
                             opens_at=timezone.now() + timedelta(minutes=1),
                             closes_at=timezone.now() + timedelta(days=30))
    for username in candidates:
        nominate(election, users[username], secretary)
    Election.objects.filter(pk=election.pk).update(opens_at=opens, closes_at=closes)
    election.refresh_from_db()
    return election


def _voters(committee) -> list[User]:
    return [m.member for m in committee.admitted().select_related("member").order_by("member__username")]


def _elections(committees, users, rng) -> None:
    now = timezone.now()
    cheremushki = committees["cheremushki"]
    finished = _election(
        cheremushki, users["aigul"], users, title=_("Delegates of Cheremushki to the Osh district"),
        rule=Election.Rule.STV, office=Election.Office.DELEGATE, seats=3,
        candidates=["gulnara", "rustam", "elena", "erlan", "dilnoza", "sergei"],
        opens=now - timedelta(days=1), closes=now + timedelta(hours=1))
    keys = list(finished.options.order_by("key").values_list("key", flat=True))
    for voter, ranking in zip(_voters(cheremushki),
                              _ranked_ballots(rng, keys, [5, 4, 3.5, 2, 2.5, 1.5], 13)):
        cast(finished, voter, ranking)
    Election.objects.filter(pk=finished.pk).update(opens_at=now - timedelta(days=14),
                                                   closes_at=now - timedelta(days=7))
    finished.refresh_from_db()
    close_if_due(finished)

    bakery = committees["bakery"]
    question = _election(
        bakery, users["bakyt"], users, title=_("Bake for the households without gas"),
        question=_("Shall the bakery bake bread every evening for the households of Cheremushki "
                   "whose gas is cut off, without charge, until the gas is back?"),
        rule=Election.Rule.YESNO, office=Election.Office.QUESTION,
        opens=now - timedelta(days=1), closes=now + timedelta(hours=1))
    for voter, answer in zip(_voters(bakery), ["yes", "yes", "no", "yes", "abstain"]):
        cast(question, voter, answer)
    Election.objects.filter(pk=question.pk).update(opens_at=now - timedelta(days=10),
                                                   closes_at=now - timedelta(days=8))
    question.refresh_from_db()
    close_if_due(question)

    amir_timur = committees["amir-timur"]
    open_election = _election(
        amir_timur, users["otabek"], users, title=_("Delegates of Amir-Timur to the Osh district"),
        rule=Election.Rule.STV, office=Election.Office.DELEGATE, seats=2,
        candidates=["gulnoza", "natalia", "mirlan", "bahodir"],
        opens=now - timedelta(days=2), closes=now + timedelta(days=5))
    keys = list(open_election.options.order_by("key").values_list("key", flat=True))
    for voter, ranking in zip(_voters(amir_timur)[:6], _ranked_ballots(rng, keys, [3, 3, 2, 1], 6)):
        cast(open_election, voter, ranking)

    depot = committees["bus-depot"]
    routes = _election(
        depot, users["sergei"], users, title=_("Which routes run first after the curfew"),
        question=_("Tick every route the depot should restore in the first week."),
        rule=Election.Rule.APPROVAL, office=Election.Office.QUESTION,
        answers=[_("Osh bazaar – Cheremushki"), _("Osh – Kara-Suu"), _("Osh – Uzgen"),
                 _("Jalal-Abad – Bazar-Korgon")],
        opens=now - timedelta(days=1), closes=now + timedelta(days=3))
    cast(routes, users["rustam"], ["o1", "o2"])

    hospital = committees["hospital"]
    _election(hospital, users["ulan"], users, title=_("Secretary of the hospital workers' committee"),
              rule=Election.Rule.IRV, office=Election.Office.SECRETARY, candidates=["asel", "natalia"],
              opens=now + timedelta(days=3), closes=now + timedelta(days=10))


def _kurultai(committees, users) -> None:
    kurultai = committees["kurultai"]
    now = timezone.now()
    session = assembly.open_session(kurultai, users["bermet"], _("First session of the Kurultai"),
                                    _("1. Water for the neighbourhoods.\n2. Food.\n3. Safety in the streets."),
                                    now - timedelta(days=3))
    water = assembly.propose(session, users["dinara"], _("Water for Cheremushki and Amir-Timur"),
                             _("The power station and the bus depot lend pumps and drivers so that "
                               "Cheremushki and Amir-Timur have running water within a week."))
    assembly.second(water, users["andrei"])
    assembly.comment(water, users["sergei"], _("The depot has four tanker trucks ready."))
    assembly.open_roll_call(water, users["bermet"])
    for username, choice in [("dinara", "yes"), ("ulan", "yes"), ("madina", "yes"),
                             ("mirlan", "yes"), ("andrei", "yes"), ("sergei", "yes"),
                             ("otabek", "abstain"), ("bakyt", "yes")]:
        assembly.vote(water, users[username], choice)
    assembly.close_roll_call(water, users["bermet"])

    canteen = assembly.propose(session, users["madina"], _("Open the mill's canteen to all"),
                               _("The textile mill's canteen serves a hot meal every day to anyone "
                                 "from the neighbourhoods, whoever they are."))
    assembly.second(canteen, users["otabek"])
    assembly.comment(canteen, users["mirlan"], _("The cotton gin can send rice and oil."))
    assembly.comment(canteen, users["nurlan"], _("We should say how many meals a day the kitchen can make."))

    flour = assembly.propose(session, users["ulan"], _("Flour from Uzgen for the bakeries of Osh"),
                             _("The farms of Uzgen send flour to the bakeries of Osh each week; the "
                               "bus depot carries it."), follows=water.decision)
    assembly.second(flour, users["bakyt"])
    assembly.open_roll_call(flour, users["bermet"])
    for username, choice in [("ulan", "yes"), ("bakyt", "yes"), ("madina", "yes"), ("nurlan", "no")]:
        assembly.vote(flour, users[username], choice)

    assembly.propose(session, users["sergei"], _("Joint patrols in every mixed street"),
                     _("Each protection committee forms patrols of neighbours from every community."))


def demo_loaded() -> bool:
    return Committee.objects.filter(slug="kurultai").exists()


def load_demo() -> bool:
    """Build the demo community once; returns False when it is already there."""
    if demo_loaded():
        return False
    rng = random.Random(2010)
    with transaction.atomic():
        users = _people()
        committees = _committees()
        _memberships(committees, users)
        _elections(committees, users, rng)
        _kurultai(committees, users)
    load_protection_demo()
    load_demo_plan()
    return True


DEMO_LOGINS = [
    ("aigul", _("secretary of the Cheremushki neighbourhood committee: admits members, calls elections")),
    ("ulugbek", _("member in Amir-Timur: an election is open for him to vote in")),
    ("bermet", _("secretary of the Kurultai: opens sessions and roll calls")),
    ("madina", _("delegate in the Kurultai, secretary of the textile mill's workers' committee")),
]

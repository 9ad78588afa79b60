"""Election pages: calling, nominating, voting, the receipt, results and the ballot box."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kurultai.web.committees.models import Committee
from kurultai.web.elections.calling import ElectionError, call_election, nominate
from kurultai.web.elections.casting import VotingError, cast, has_voted
from kurultai.web.elections.boxes import ballots_of, box_of
from kurultai.web.elections.closing import close_if_due
from kurultai.web.elections.display import stage_table, totals_table
from kurultai.web.elections.forms import CallElectionForm, NominationForm, PetitionForm, parse_choice
from kurultai.web.elections.models import Election, Mandate, RecallPetition
from kurultai.web.elections.recall import open_petition, sign
from kurultai.web.voting_core import BallotError, normalise_receipt


def _election(pk) -> Election:
    election = get_object_or_404(Election.objects.select_related("committee"), pk=pk)
    return close_if_due(election)


def election_list(request):
    elections = Election.objects.select_related("committee").order_by("-closes_at")
    for election in elections:
        close_if_due(election)
    phases = {"open": [], "nominations": [], "counted": [], "closed": []}
    for election in Election.objects.select_related("committee").order_by("closes_at"):
        phases[election.phase()].append(election)
    phases["counted"].reverse()
    return render(request, "elections/list.html", {"phases": phases})


def election_detail(request, pk):
    election = _election(pk)
    labels = {o.key: o.label for o in election.options.all()}
    context = {
        "election": election,
        "phase": election.phase(),
        "options": election.options.select_related("member"),
        "is_elector": election.committee.is_elector(request.user),
        "has_voted": request.user.is_authenticated and has_voted(election, request.user),
        "participants": election.participations.count(),
        "electors": election.committee.electors_count(),
        "petition": RecallPetition.objects.filter(vote=election).first(),
    }
    if election.result:
        if election.is_ranked:
            context["stages"] = stage_table(election.result, labels)
        else:
            context["totals"] = totals_table(election.result, labels)
        context["winners"] = [labels.get(k, k) for k in election.result.get("elected", [])]
    if election.phase() == "nominations" and context["is_elector"] and election.takes_nominations:
        members = election.committee.admitted().values_list("member", flat=True)
        context["nomination_form"] = NominationForm(members=User.objects.filter(pk__in=members)
                                                    .exclude(candidacies__election=election))
    return render(request, "elections/detail.html", context)


@login_required
def call(request, slug):
    committee = get_object_or_404(Committee, slug=slug)
    if not committee.is_secretary(request.user):
        raise PermissionDenied(_("Only the committee's secretary calls elections."))
    form = CallElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            election = call_election(committee, request.user, title=data["title"], rule=data["rule"],
                                     office=data["office"], seats=data["seats"],
                                     opens_at=data["opens_at"], closes_at=data["closes_at"],
                                     question=data["question"], answers=data["answer_list"])
            return redirect(election)
        except ElectionError as error:
            form.add_error(None, str(error))
    return render(request, "elections/call.html", {"committee": committee, "form": form})


@login_required
@require_POST
def nominate_view(request, pk):
    election = _election(pk)
    members = election.committee.admitted().values_list("member", flat=True)
    form = NominationForm(request.POST, members=User.objects.filter(pk__in=members))
    if form.is_valid():
        try:
            nominate(election, form.cleaned_data["candidate"], request.user,
                     form.cleaned_data["statement"])
            messages.success(request, _("The nomination is recorded."))
        except ElectionError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose a candidate."))
    return redirect(election)


@never_cache
@login_required
def vote(request, pk, change=False):
    """The ballot form; on a valid POST the receipt is shown in the response and kept nowhere."""
    election = _election(pk)
    if not election.committee.is_elector(request.user):
        raise PermissionDenied(_("Only admitted members of %(committee)s vote in this election.")
                               % {"committee": election.committee.name})
    if not election.is_open():
        messages.error(request, _("Voting in this election is not open."))
        return redirect(election)
    error = None
    if request.method == "POST":
        try:
            choice = parse_choice(election, request.POST)
            code = request.POST.get("change_code", "") if change else None
            receipt = cast(election, request.user, choice, code)
            return render(request, "elections/receipt.html",
                          {"election": election, "receipt": receipt, "changed": change})
        except (ValueError, VotingError) as problem:
            error = str(problem)
    already = has_voted(election, request.user)
    if already and not change and request.method == "GET":
        return redirect("elections:change", pk=election.pk)
    return render(request, "elections/vote.html", {
        "election": election, "options": election.options.all(), "change": change,
        "ranks": range(1, election.options.count() + 1), "error": error})


def ballot_box_json(request, pk):
    election = _election(pk)
    if not election.counted_at:
        raise PermissionDenied(_("The ballot box is published when voting closes."))
    body = json.dumps(box_of(election), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballot-box-{election.pk}.json"'
    return response


def _shown(choice, labels) -> list[str]:
    if isinstance(choice, list):
        return [labels.get(key, key) for key in choice]
    return [labels.get(choice, choice)]


def ballot_box(request, pk):
    """The published box as a page, with a search for one's own receipt code."""
    election = _election(pk)
    if not election.counted_at:
        raise PermissionDenied(_("The ballot box is published when voting closes."))
    labels = {o.key: o.label for o in election.options.all()}
    ballots = ballots_of(election)
    query = request.GET.get("receipt", "").strip()
    found = None
    if query:
        try:
            wanted = normalise_receipt(query)
        except BallotError:
            wanted = None
        found = next((choice for receipt, choice in ballots if receipt == wanted), False)
    return render(request, "elections/box.html", {
        "election": election, "query": query, "found": found is not False and found is not None,
        "found_labels": _shown(found, labels) if found not in (None, False) else [],
        "rows": [(receipt, _shown(choice, labels)) for receipt, choice in ballots]})


@login_required
def recall(request, mandate_id):
    mandate = get_object_or_404(Mandate.objects.select_related("holder", "committee", "body"),
                                pk=mandate_id)
    form = PetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            petition = open_petition(mandate, request.user, form.cleaned_data["reason"])
            return redirect(petition)
        except ElectionError as error:
            form.add_error(None, str(error))
    return render(request, "elections/recall.html", {
        "mandate": mandate, "form": form, "petitions": mandate.petitions.all(),
        "is_elector": mandate.committee.is_elector(request.user)})


def petition(request, pk):
    item = get_object_or_404(RecallPetition.objects.select_related("mandate__holder",
                                                                   "mandate__committee"), pk=pk)
    if item.vote_id:
        close_if_due(item.vote)
        item.refresh_from_db()
    signed = request.user.is_authenticated and item.signatures.filter(member=request.user).exists()
    return render(request, "elections/petition.html", {
        "petition": item, "signatures": item.signatures.select_related("member"),
        "signed": signed, "is_elector": item.mandate.committee.is_elector(request.user)})


@login_required
@require_POST
def sign_petition(request, pk):
    item = get_object_or_404(RecallPetition, pk=pk)
    try:
        sign(item, request.user)
        messages.success(request, _("Your signature is recorded."))
    except ElectionError as error:
        messages.error(request, str(error))
    return redirect(item)

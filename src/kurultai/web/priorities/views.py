"""Priority rounds: the list, a round with its ballot form and result, the published box."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurultai.web.economy.permissions import is_planning_commission
from kurultai.web.economy.views import latest_import
from kurultai.web.priorities.models import PriorityRound, ProductGroup
from kurultai.web.priorities.targets import for_round, grouping
from kurultai.web.priorities.voting import PriorityError, cast, count, has_voted, is_elector


def round_list(request):
    return render(request, "priorities/list.html", {"rounds": PriorityRound.objects.all()})


def _groups():
    shares = grouping()
    return [{"code": g.code, "label": g.label,
             "products": sorted(shares.get(g.code, {}).items())}
            for g in ProductGroup.objects.order_by("position", "code")]


def round_detail(request, pk):
    round_ = get_object_or_404(PriorityRound, pk=pk)
    groups = _groups()
    context = {"round": round_, "phase": round_.phase(), "groups": groups,
               "is_elector": is_elector(request.user),
               "has_voted": request.user.is_authenticated and has_voted(round_, request.user),
               "is_commission": is_planning_commission(request.user),
               "economy_import": latest_import()}
    if round_.counted_at:
        rule = for_round(round_)
        shares = round_.shares()
        context["rows"] = [{"code": g["code"], "label": g["label"], "share": shares.get(g["code"], 0.0),
                            "base_share": rule.base_shares[g["code"]],
                            "multiplier": rule.multipliers[g["code"]]} for g in groups]
        context["chart"] = {"labels": [r["label"] for r in context["rows"]],
                            "voted": [round(100 * r["share"], 2) for r in context["rows"]],
                            "base": [round(100 * r["base_share"], 2) for r in context["rows"]],
                            "voted_name": _("voted share"), "base_name": _("share in the base economy")}
    return render(request, "priorities/round.html", context)


@login_required
@require_POST
def vote(request, pk):
    round_ = get_object_or_404(PriorityRound, pk=pk)
    points = {key.removeprefix("points-"): value for key, value in request.POST.items()
              if key.startswith("points-")}
    change_code = request.POST.get("change_code", "").strip() or None
    try:
        receipt = cast(round_, request.user, points, change_code)
    except PriorityError as error:
        messages.error(request, str(error))
        return redirect(round_)
    return render(request, "priorities/receipt.html", {"round": round_, "receipt": receipt,
                                                      "points": points})


@login_required
@require_POST
def count_round(request, pk):
    round_ = get_object_or_404(PriorityRound, pk=pk)
    if not is_planning_commission(request.user):
        raise PermissionDenied(_("Only the planning commission counts a priority round."))
    try:
        count(round_, request.user)
        messages.success(request, _("The round is counted and its ballot box published."))
    except PriorityError as error:
        messages.error(request, str(error))
    return redirect(round_)


def ballot_box(request, pk):
    round_ = get_object_or_404(PriorityRound, pk=pk)
    if not round_.box:
        raise Http404(_("The ballot box is published after the count."))
    response = JsonResponse(round_.box, json_dumps_params={"indent": 1, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="priority-round-{round_.pk}-box.json"'
    return response

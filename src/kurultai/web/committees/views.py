"""Committee pages, joining and admission, enterprise pages and their editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurultai.web.committees.forms import EnterpriseForm
from kurultai.web.committees.models import Committee, Enterprise, Membership
from kurultai.web.committees.services import CommitteeError, admit, apply, can_edit_enterprise, save_enterprise
from kurultai.web.elections.models import Mandate


def committee_list(request):
    committees = Committee.objects.select_related("parent").order_by("kind", "place", "name")
    groups = [(label, [c for c in committees if c.kind == kind]) for kind, label in Committee.Kind.choices]
    return render(request, "committees/list.html", {"groups": [g for g in groups if g[1]]})


def committee_detail(request, slug):
    committee = get_object_or_404(Committee.objects.select_related("parent"), slug=slug)
    memberships = committee.memberships.select_related("member")
    mine = memberships.filter(member=request.user).first() if request.user.is_authenticated else None
    context = {
        "committee": committee,
        "admitted": [m for m in memberships if m.status == Membership.Status.ADMITTED],
        "applicants": [m for m in memberships if m.status == Membership.Status.APPLIED],
        "mine": mine,
        "is_secretary": committee.is_secretary(request.user),
        "elections": committee.elections.order_by("-closes_at"),
        "mandates": Mandate.objects.filter(committee=committee, ended_on__isnull=True)
                    .select_related("holder", "body"),
        "children": committee.children.all(),
        "enterprise": getattr(committee, "enterprise", None),
    }
    return render(request, "committees/detail.html", context)


@login_required
@require_POST
def join(request, slug):
    committee = get_object_or_404(Committee, slug=slug)
    try:
        apply(committee, request.user)
        messages.success(request, _("Your application is with the committee's secretary."))
    except CommitteeError as error:
        messages.error(request, str(error))
    return redirect(committee)


@login_required
@require_POST
def admit_member(request, slug, membership_id):
    membership = get_object_or_404(Membership, pk=membership_id, committee__slug=slug)
    try:
        admit(membership, request.user)
    except CommitteeError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("%(name)s is admitted.") % {
        "name": membership.member.get_full_name() or membership.member.username})
    return redirect(membership.committee)


def enterprise_detail(request, slug):
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    return render(request, "committees/enterprise.html", {
        "enterprise": enterprise, "can_edit": can_edit_enterprise(enterprise, request.user)})


@login_required
def enterprise_edit(request, slug):
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    if not can_edit_enterprise(enterprise, request.user):
        raise PermissionDenied(_("Only the officers of this enterprise's workers' committee edit it."))
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        save_enterprise(form.save(commit=False), request.user, form.changed_data)
        messages.success(request, _("The enterprise is saved."))
        return redirect(enterprise)
    return render(request, "committees/enterprise_edit.html", {"enterprise": enterprise, "form": form})

"""Log-in, log-out, sign-up and the member's own page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kurultai.web.accounts.forms import SignupForm
from kurultai.web.audit.log import record
from kurultai.web.committees.models import Membership
from kurultai.web.elections.models import Election, Mandate


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        record("member.signed_up", f"member:{user.username}", {}, actor=user)
        login(request, user)
        messages.success(request, _("Welcome! Now find your committee and ask to join."))
        return redirect("committees:list")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def me(request):
    memberships = Membership.objects.filter(member=request.user).select_related("committee")
    admitted = [m.committee_id for m in memberships if m.status == Membership.Status.ADMITTED]
    elections = (Election.objects.filter(committee_id__in=admitted, counted_at__isnull=True)
                 .select_related("committee").order_by("closes_at"))
    voted = set(request.user.participations.values_list("election_id", flat=True))
    mandates = Mandate.objects.filter(holder=request.user).select_related("body", "committee")
    return render(request, "accounts/me.html", {
        "memberships": memberships, "elections": elections, "voted": voted, "mandates": mandates})

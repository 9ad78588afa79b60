"""The kurultai's pages: sessions, motions with their debate and public roll calls, decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kurultai.web.assembly import services
from kurultai.web.assembly.forms import CommentForm, MotionForm, SessionForm
from kurultai.web.assembly.models import Decision, Motion, RollCallVote, Session
from kurultai.web.committees.models import Committee, Membership
from kurultai.web.elections.models import Mandate


def _kurultai():
    return Committee.objects.filter(kind=Committee.Kind.KURULTAI).first()


def index(request):
    assembly = _kurultai()
    form = None
    if assembly and assembly.role_of(request.user) == "secretary":
        form = SessionForm()
    return render(request, "assembly/index.html", {
        "assembly": assembly,
        "sessions": Session.objects.select_related("assembly"),
        "decisions": Decision.objects.select_related("motion")[:20],
        "delegates": assembly.memberships.filter(status="admitted").select_related("member")
        if assembly else [],
        "form": form,
    })


@login_required
@require_POST
def new_session(request):
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session = services.open_session(_kurultai(), request.user, **form.cleaned_data)
            return redirect(session)
        except services.AssemblyError as error:
            messages.error(request, str(error))
    return redirect("assembly:index")


def session(request, pk):
    item = get_object_or_404(Session.objects.select_related("assembly"), pk=pk)
    return render(request, "assembly/session.html", {
        "session": item, "motions": item.motions.select_related("proposer", "seconder"),
        "is_delegate": services.is_delegate(item, request.user), "form": MotionForm(),
        "is_chair": services.is_chair(item, request.user),
        "quorum": item.quorum(), "delegates": item.delegates().count()})


@login_required
@require_POST
def close(request, pk):
    item = get_object_or_404(Session, pk=pk)
    try:
        services.close_session(item, request.user)
    except services.AssemblyError as error:
        messages.error(request, str(error))
    return redirect(item)


def delegate(request, username):
    """A delegate's public record: the seats they hold and every roll-call vote they cast."""
    person = get_object_or_404(User, username=username)
    return render(request, "assembly/delegate.html", {
        "person": person,
        "mandates": Mandate.objects.filter(holder=person).select_related("committee", "body"),
        "seats": person.memberships.filter(role__in=Membership.OFFICERS,
                                           status=Membership.Status.ADMITTED)
        .select_related("committee"),
        "votes": RollCallVote.objects.filter(delegate=person)
        .select_related("motion__session").order_by("-cast_at")})


@login_required
@require_POST
def propose(request, pk):
    item = get_object_or_404(Session, pk=pk)
    form = MotionForm(request.POST)
    if form.is_valid():
        try:
            motion = services.propose(item, request.user, **form.cleaned_data)
            return redirect(motion)
        except services.AssemblyError as error:
            messages.error(request, str(error))
    return redirect(item)


def motion(request, pk):
    item = get_object_or_404(Motion.objects.select_related("session__assembly", "proposer",
                                                           "seconder"), pk=pk)
    return render(request, "assembly/motion.html", {
        "motion": item, "comments": item.comments.select_related("author"),
        "votes": item.votes.select_related("delegate"), "tally": item.tally(),
        "is_delegate": services.is_delegate(item.session, request.user),
        "is_chair": services.is_chair(item.session, request.user),
        "my_vote": item.votes.filter(delegate=request.user).first()
        if request.user.is_authenticated else None,
        "quorum": item.session.quorum(), "comment_form": CommentForm(),
        "decision": getattr(item, "decision", None)})


@login_required
@require_POST
def act(request, pk, action):
    """Second, comment, open or close the roll call, or vote: each step a POST."""
    item = get_object_or_404(Motion.objects.select_related("session__assembly"), pk=pk)
    try:
        if action == "second":
            services.second(item, request.user)
        elif action == "comment":
            form = CommentForm(request.POST)
            if form.is_valid():
                services.comment(item, request.user, form.cleaned_data["text"])
        elif action == "open":
            services.open_roll_call(item, request.user)
        elif action == "close":
            services.close_roll_call(item, request.user)
        elif action == "vote":
            services.vote(item, request.user, request.POST.get("choice", ""))
    except services.AssemblyError as error:
        messages.error(request, str(error))
    return redirect(item)

"""Forms for calling an election, nominating, voting and recall."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kurultai.web.elections.models import Election


class CallElectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    office = forms.ChoiceField(label=gettext_lazy("What is decided"), choices=[
        c for c in Election.Office.choices if c[0] != Election.Office.RECALL])
    rule = forms.ChoiceField(label=gettext_lazy("Counting rule"), choices=Election.Rule.choices)
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1, max_value=50, initial=1)
    question = forms.CharField(label=gettext_lazy("Question or description"), required=False,
                               widget=forms.Textarea)
    answers = forms.CharField(
        label=gettext_lazy("Answers for an approval question, one a line"), required=False,
        widget=forms.Textarea)
    opens_at = forms.DateTimeField(label=gettext_lazy("Voting opens"),
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    closes_at = forms.DateTimeField(label=gettext_lazy("Voting closes"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def clean(self):
        data = super().clean()
        answers = [line.strip() for line in data.get("answers", "").splitlines() if line.strip()]
        if data.get("office") == Election.Office.QUESTION and data.get("rule") in ("stv", "irv", "approval") \
                and len(answers) < 2:
            self.add_error("answers", _("Give at least two answers, one a line."))
        if data.get("office") != Election.Office.QUESTION and data.get("rule") == Election.Rule.YESNO:
            self.add_error("rule", _("A yes-or-no vote decides a question, not an office."))
        data["answer_list"] = answers
        return data


class NominationForm(forms.Form):
    candidate = forms.ModelChoiceField(label=gettext_lazy("Candidate"), queryset=None)
    statement = forms.CharField(label=gettext_lazy("Statement"), required=False, widget=forms.Textarea)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = members
        self.fields["candidate"].label_from_instance = lambda u: u.get_full_name() or u.username


def parse_choice(election: Election, post) -> object:
    """Turn the ballot form into the stored choice; raises ValueError with a message."""
    options = list(election.options.values_list("key", flat=True))
    if election.rule == Election.Rule.YESNO:
        answer = post.get("answer")
        if answer not in ("yes", "no"):
            raise ValueError(_("Choose yes or no."))
        return answer
    if election.rule == Election.Rule.APPROVAL:
        return [key for key in options if post.get(f"approve_{key}")]
    ranks = {}
    for key in options:
        raw = post.get(f"rank_{key}", "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) < 1:
            raise ValueError(_("Preferences are the numbers 1, 2, 3 and so on."))
        ranks[key] = int(raw)
    if len(set(ranks.values())) != len(ranks):
        raise ValueError(_("Give each preference number to one candidate only."))
    if not ranks:
        raise ValueError(_("Mark at least your first preference."))
    return sorted(ranks, key=ranks.get)


class PetitionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why should this delegate be recalled?"),
                             widget=forms.Textarea, max_length=4000)

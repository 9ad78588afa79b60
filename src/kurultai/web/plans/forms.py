"""Forms of the plan pages: starting a run, and a committee's review of its assignment."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from kurultai.web.plans.models import Review
from kurultai.web.priorities.models import PriorityRound


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("plan year"), min_value=2000, max_value=2200)
    priority_round = forms.ModelChoiceField(
        label=_("priorities from"), required=False,
        queryset=PriorityRound.objects.filter(counted_at__isnull=False),
        empty_label=_("the base economy's final demand"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.now().year + 1})
        super().__init__(*args, **kwargs)
        # A round's title is stored as written (the demo's are in the catalogues): show it translated.
        self.fields["priority_round"].label_from_instance = lambda r: gettext(r.title)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("your committee's answer"), choices=Review.Decision.choices,
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, assignments=(), **kwargs):
        super().__init__(*args, **kwargs)
        for a in assignments:
            self.fields[f"capacity_{a.technique}"] = forms.FloatField(
                label=_("capacity you can really reach for %(technique)s") % {"technique": a.technique},
                required=False, min_value=0)

    def revised(self) -> dict[str, float]:
        return {name.removeprefix("capacity_"): value for name, value in self.cleaned_data.items()
                if name.startswith("capacity_") and value is not None}

"""Forms of the reports pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kurultai.web.reports.submit import periods


class ReportForm(forms.Form):
    """Actual output for one period, one field per technique the plan assigns the enterprise."""

    period = forms.ChoiceField(label=_("period"))
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def __init__(self, *args, version, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p, p) for p in periods(version.year)]
        for a in assignments:
            self.fields[f"q_{a.technique}"] = forms.FloatField(
                label=_("%(technique)s: produced") % {"technique": a.technique}, min_value=0, required=False)

    def lines(self) -> list[dict]:
        return [{"technique": name.removeprefix("q_"), "quantity": value}
                for name, value in self.cleaned_data.items() if name.startswith("q_") and value is not None]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: period, technique, quantity."))


class ThresholdForm(forms.Form):
    percent = forms.FloatField(label=_("alert when output strays from the plan by more than (%)"),
                               min_value=0.1, max_value=100)

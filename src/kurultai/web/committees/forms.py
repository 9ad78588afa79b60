"""Forms of the committees app."""

from django import forms

from kurultai.web.committees.models import Enterprise


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ("name", "sector", "place", "workers", "description")

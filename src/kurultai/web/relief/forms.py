"""Forms for relief requests and offers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kurultai.web.protection.forms import NeighbourhoodChoice, PointMixin
from kurultai.web.protection.models import Neighbourhood
from kurultai.web.relief.models import Kind, ReliefOffer


class ReliefRequestForm(PointMixin, forms.Form):
    neighbourhood = NeighbourhoodChoice(Neighbourhood.objects.all(), label=_("Neighbourhood"))
    kind = forms.ChoiceField(label=_("What is needed"), choices=Kind.choices)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.01, max_digits=10, decimal_places=2)
    unit = forms.CharField(label=_("Unit (litres, kg, boxes, seats…)"), max_length=20)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    address = forms.CharField(label=_("Where you are (address)"), max_length=200,
                              help_text=_("Only your neighbourhood's protection committee sees this; "
                                          "it is deleted when the request closes."))
    contact = forms.CharField(label=_("Phone or how to reach you"), max_length=100, required=False)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    started = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label=_("Leave this empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean(self):
        return self.clean_point(super().clean())


class ReliefOfferForm(forms.ModelForm):
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)

    class Meta:
        model = ReliefOffer
        fields = ["kind", "what", "quantity", "unit", "place", "lat", "lon"]
        labels = {"kind": _("Kind"), "what": _("What is offered"), "quantity": _("Quantity"), "unit": _("Unit"),
                  "place": _("Where it is")}

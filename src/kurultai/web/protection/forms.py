"""Forms for reports, escorts and safe places; point fields are checked against the neighbourhood."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kurultai.web.protection.geo import contains
from kurultai.web.protection.models import EscortRequest, Incident, Neighbourhood, SafePlace
from kurultai.web.protection.photos import clean_photo


class NeighbourhoodChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{_(obj.name)} ({_(obj.city)})"


class PointMixin:
    """Optional latitude and longitude, both or neither, inside the chosen neighbourhood."""

    def clean_point(self, cleaned):
        lat, lon, where = cleaned.get("lat"), cleaned.get("lon"), cleaned.get("neighbourhood")
        if (lat is None) != (lon is None):
            self.add_error("lat", _("Give both latitude and longitude, or neither."))
        elif lat is not None and where is not None and where.boundary and not contains(where.boundary, lat, lon):
            self.add_error("lat", _("The point on the map is outside the chosen neighbourhood."))
        return cleaned


class IncidentForm(PointMixin, forms.ModelForm):
    neighbourhood = NeighbourhoodChoice(Neighbourhood.objects.all(), label=_("Neighbourhood"))
    happened_at = forms.DateTimeField(label=_("When"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"), input_formats=["%Y-%m-%dT%H:%M"])
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    photo = forms.ImageField(required=False, label=_("Photo (optional)"),
                             help_text=_("Location and camera details are removed from the photo."),
                             widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    started = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label=_("Leave this empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    class Meta:
        model = Incident
        fields = ["neighbourhood", "street", "happened_at", "seriousness", "what", "lat", "lon"]
        labels = {"street": _("Street or landmark"), "seriousness": _("How serious"), "what": _("What happened")}

    def clean_happened_at(self):
        when = self.cleaned_data["happened_at"]
        if when > timezone.now() + timedelta(minutes=10):
            raise forms.ValidationError(_("This time is in the future."))
        return when

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        photo.seek(0)
        return clean_photo(photo)

    def clean(self):
        return self.clean_point(super().clean())


class FalseForm(forms.Form):
    note = forms.CharField(label=_("Why the report is false (shown to everyone)"), widget=forms.Textarea,
                           max_length=1000)


class EscortForm(PointMixin, forms.Form):
    neighbourhood = NeighbourhoodChoice(Neighbourhood.objects.all(), label=_("Neighbourhood"))
    kind = forms.ChoiceField(label=_("What you need"), choices=EscortRequest.Kind.choices)
    people = forms.IntegerField(label=_("How many people"), min_value=1, max_value=200, initial=1)
    needs = forms.CharField(label=_("Special needs (e.g. wheelchair, infant)"), max_length=200, required=False)
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


class PlaceForm(forms.ModelForm):
    class Meta:
        model = SafePlace
        fields = ["capacity", "occupancy"]


class NewPlaceForm(forms.ModelForm):
    """A committee adds a shelter, medical point or water point (the point is optional)."""

    class Meta:
        model = SafePlace
        fields = ["kind", "name", "address", "capacity", "occupancy", "lat", "lon"]
        widgets = {"lat": forms.HiddenInput, "lon": forms.HiddenInput}

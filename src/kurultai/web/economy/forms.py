"""Forms of the economy pages: a technique with its inputs, a CSV upload, a base import."""

from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from kurultai.web.economy.models import Product, Resource
from kurultai.web.economy.techniques import TechniqueSpec


class TechniqueForm(forms.Form):
    """One technique; inputs are rows of (product, quantity), resources one field each."""

    code = forms.SlugField(label=_("code"), max_length=60,
                           help_text=_("A short name of your own, unique in the economy."))
    name = forms.CharField(label=_("name"), max_length=200)
    product = forms.ModelChoiceField(label=_("makes"), queryset=Product.objects.all(),
                                     to_field_name="code")
    capacity = forms.FloatField(label=pgettext_lazy("production", "capacity"), required=False, validators=[MinValueValidator(0)],
                                help_text=_("Most output in the plan period, in the product's "
                                            "unit; empty for no limit."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for resource in Resource.objects.all():
            self.fields[f"resource_{resource.code}"] = forms.FloatField(
                label=_("%(resource)s per unit of output") % {"resource": resource.name},
                required=False, min_value=0, help_text=resource.unit)

    def spec(self, inputs: dict[str, float]) -> TechniqueSpec:
        data = self.cleaned_data
        resources = {name.removeprefix("resource_"): value for name, value in data.items()
                     if name.startswith("resource_") and value}
        return TechniqueSpec(data["code"], data["name"], data["product"].code, data["capacity"],
                             inputs, resources)


class InputForm(forms.Form):
    product = forms.ModelChoiceField(label=_("input"), queryset=Product.objects.all(),
                                     to_field_name="code", required=False)
    quantity = forms.FloatField(label=_("per unit of output"), required=False, min_value=0)


InputFormSet = forms.formset_factory(InputForm, extra=4)


def inputs_of(formset) -> dict[str, float]:
    """The product inputs given in the formset rows, refusing a product given twice."""
    inputs: dict[str, float] = {}
    for form in formset:
        product, quantity = form.cleaned_data.get("product"), form.cleaned_data.get("quantity")
        if product is None or not quantity:
            continue
        if product.code in inputs:
            form.add_error("product", _("This input is given twice."))
        inputs[product.code] = quantity
    return inputs


class TechniqueUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns: technique, name, product, capacity, uses, quantity."))


class BaseImportForm(forms.Form):
    """The six tables of the foundation's folder format, one file each."""

    TABLES = ("products", "techniques", "inputs", "resources", "resource_use", "targets")

    name = forms.CharField(label=_("name"), max_length=200)
    description = forms.CharField(label=_("how it was made"), widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for table in self.TABLES:
            self.fields[table] = forms.FileField(label=f"{table}.csv")

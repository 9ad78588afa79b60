"""Economy pages: the whole economy with provenance, an enterprise's techniques, base import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kurultai.economy.model import EconomyError
from kurultai.economy.tables import read_economy
from kurultai.web.committees.models import Enterprise
from kurultai.web.committees.services import can_edit_enterprise
from kurultai.web.economy.forms import (BaseImportForm, InputFormSet, TechniqueForm,
                                        TechniqueUploadForm, inputs_of)
from kurultai.web.economy.models import EconomyImport, Product, Resource, Source, Technique
from kurultai.web.economy.permissions import is_planning_commission
from kurultai.web.economy.store import StoreError, import_base
from kurultai.web.economy.techniques import TechniqueError, parse_csv, save_techniques, spec_of


def latest_import() -> EconomyImport | None:
    return EconomyImport.objects.order_by("-imported_at", "-pk").first()


def overview(request):
    products = Product.objects.annotate(
        base_techniques=Count("techniques", filter=Q(techniques__source=Source.BASE)),
        enterprise_techniques=Count("techniques", filter=Q(techniques__source=Source.ENTERPRISE)))
    return render(request, "economy/overview.html", {
        "economy_import": latest_import(),
        "products": products,
        "resources": Resource.objects.all(),
        "reported": Technique.objects.filter(source=Source.ENTERPRISE)
                    .select_related("product", "enterprise"),
        "is_commission": is_planning_commission(request.user),
    })


def technique_detail(request, code):
    technique = get_object_or_404(Technique.objects.select_related("product", "enterprise"), code=code)
    return render(request, "economy/technique.html", {
        "technique": technique,
        "inputs": technique.inputs.select_related("product").order_by("-quantity"),
        "resource_uses": technique.resource_uses.select_related("resource"),
        "economy_import": latest_import(),
    })


def enterprise_techniques(request, slug):
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    return render(request, "economy/enterprise.html", {
        "enterprise": enterprise,
        "sector": getattr(getattr(enterprise, "economy_sector", None), "product", None),
        "techniques": enterprise.techniques.select_related("product"),
        "can_edit": can_edit_enterprise(enterprise, request.user),
        "upload_form": TechniqueUploadForm(),
        "economy_import": latest_import(),
    })


@login_required
def technique_edit(request, slug, code=None):
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    if not can_edit_enterprise(enterprise, request.user):
        raise PermissionDenied(_("Only the officers of this enterprise's workers' committee "
                                 "register its techniques."))
    initial, rows = {}, []
    if code is not None:
        spec = spec_of(get_object_or_404(Technique, code=code, enterprise=enterprise))
        initial = {"code": spec.code, "name": spec.name, "product": spec.product,
                   "capacity": spec.capacity,
                   **{f"resource_{k}": v for k, v in spec.resources.items()}}
        rows = [{"product": k, "quantity": v} for k, v in spec.inputs.items()]
    else:
        sector = getattr(enterprise, "economy_sector", None)
        if sector is not None:
            initial["product"] = sector.product.code
    form = TechniqueForm(request.POST or None, initial=initial)
    formset = InputFormSet(request.POST or None, initial=rows, prefix="inputs")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        inputs = inputs_of(formset)
        if not any(f.errors for f in formset):
            try:
                save_techniques(enterprise, [form.spec(inputs)], request.user)
            except TechniqueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The technique is registered."))
                return redirect("economy:enterprise", slug=enterprise.slug)
    return render(request, "economy/technique_edit.html", {
        "enterprise": enterprise, "form": form, "formset": formset, "code": code})


@login_required
def technique_upload(request, slug):
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    if not can_edit_enterprise(enterprise, request.user):
        raise PermissionDenied(_("Only the officers of this enterprise's workers' committee "
                                 "register its techniques."))
    form = TechniqueUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = request.FILES["file"].read().decode("utf-8-sig")
            specs = parse_csv(text, set(Product.objects.values_list("code", flat=True)),
                              set(Resource.objects.values_list("code", flat=True)))
            save_techniques(enterprise, specs, request.user)
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text."))
        except TechniqueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(count)s techniques registered from the file.")
                             % {"count": len(specs)})
    return redirect("economy:enterprise", slug=enterprise.slug)


@login_required
def base_import(request):
    if not is_planning_commission(request.user):
        raise PermissionDenied(_("Only the kurultai's planning commission imports the base economy."))
    form = BaseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            for table in BaseImportForm.TABLES:
                Path(folder, f"{table}.csv").write_bytes(request.FILES[table].read())
            try:
                economy = read_economy(folder, format="csv")
                done = import_base(economy, form.cleaned_data["name"],
                                   form.cleaned_data["description"], request.user)
            except (EconomyError, StoreError) as error:
                # The reader names the file by its temporary path; show the table's name only.
                form.add_error(None, str(error).replace(folder + "/", ""))
            else:
                messages.success(request, _("Base economy imported: %(products)s products, "
                                            "%(techniques)s techniques.")
                                 % {"products": done.products, "techniques": done.techniques})
                return redirect("economy:overview")
    return render(request, "economy/import.html", {"form": form, "economy_import": latest_import()})

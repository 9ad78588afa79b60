"""Enterprise techniques: their shape, the CSV they are uploaded in, and saving them."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Enterprise
from kurultai.web.committees.services import can_edit_enterprise
from kurultai.web.economy.models import (Product, Resource, Source, Technique, TechniqueInput,
                                         TechniqueResource)
from kurultai.web.economy.store import StoreError, stored_economy

CSV_COLUMNS = ("technique", "name", "product", "capacity", "uses", "quantity")


class TechniqueError(Exception):
    """A technique that cannot be registered; the message names the row, field and problem."""


@dataclass
class TechniqueSpec:
    """What a workers' committee says about one way their enterprise makes a product."""

    code: str
    name: str
    product: str
    capacity: float | None
    inputs: dict[str, float] = field(default_factory=dict)
    resources: dict[str, float] = field(default_factory=dict)


def parse_csv(text: str, products: set[str], resources: set[str]) -> list[TechniqueSpec]:
    """Techniques from CSV in long form: one row per product or resource a technique uses.

    Columns: technique, name, product, capacity, uses, quantity. Rows of one technique repeat
    its name, product and capacity; ``uses`` is a product or resource code and ``quantity``
    how much of it one unit of output needs. Rows are counted from 1 below the header.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(c.strip() for c in (reader.fieldnames or ()))
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise TechniqueError(_("The CSV file has no column %(columns)s; it needs the columns "
                               "%(all)s.") % {"columns": ", ".join(missing), "all": ", ".join(CSV_COLUMNS)})
    specs: dict[str, TechniqueSpec] = {}
    for row_number, raw in enumerate(reader, start=1):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        where = _("row %(row)s") % {"row": row_number}
        code = row["technique"]
        if not code:
            raise TechniqueError(_("%(where)s, column technique: empty.") % {"where": where})
        capacity = _number(row["capacity"], where, "capacity", blank_ok=True)
        if row["product"] not in products:
            raise TechniqueError(_("%(where)s, column product: unknown product %(value)r.")
                                 % {"where": where, "value": row["product"]})
        spec = specs.setdefault(code, TechniqueSpec(code, row["name"] or code, row["product"], capacity))
        if (spec.product, spec.capacity) != (row["product"], capacity):
            raise TechniqueError(_("%(where)s: technique %(code)s has a different product or "
                                   "capacity than on its first row.") % {"where": where, "code": code})
        uses, quantity = row["uses"], _number(row["quantity"], where, "quantity")
        if not uses:
            continue
        target = spec.inputs if uses in products else spec.resources if uses in resources else None
        if target is None:
            raise TechniqueError(_("%(where)s, column uses: %(value)r is neither a product nor a "
                                   "resource.") % {"where": where, "value": uses})
        if uses in target:
            raise TechniqueError(_("%(where)s, column uses: %(value)r is given twice for technique "
                                   "%(code)s.") % {"where": where, "value": uses, "code": code})
        target[uses] = quantity
    if not specs:
        raise TechniqueError(_("The CSV file has no rows."))
    return list(specs.values())


def _number(text: str, where: str, column: str, blank_ok: bool = False) -> float | None:
    if text == "" and blank_ok:
        return None
    try:
        value = float(text)
    except ValueError:
        raise TechniqueError(_("%(where)s, column %(column)s: %(value)r is not a number.")
                             % {"where": where, "column": column, "value": text}) from None
    if not math.isfinite(value) or value < 0:
        raise TechniqueError(_("%(where)s, column %(column)s: %(value)s is not a finite number of "
                               "zero or more.") % {"where": where, "column": column, "value": text})
    return value


def save_techniques(enterprise: Enterprise, specs: list[TechniqueSpec], user) -> list[Technique]:
    """Create or replace the enterprise's techniques, all or none.

    Only officers of the enterprise's workers' committee may; a code used by base data or by
    another enterprise is refused; the whole economy must stay productive afterwards.
    """
    if not can_edit_enterprise(enterprise, user):
        raise TechniqueError(_("Only the officers of this enterprise's workers' committee register "
                               "its techniques."))
    products = {p.code: p for p in Product.objects.all()}
    resources = {r.code: r for r in Resource.objects.all()}
    saved = []
    with transaction.atomic():
        for spec in specs:
            other = Technique.objects.filter(code=spec.code).exclude(enterprise=enterprise).first()
            if other is not None:
                raise TechniqueError(_("The code %(code)s is already used by another technique; "
                                       "choose another.") % {"code": spec.code})
            technique, _created = Technique.objects.update_or_create(
                code=spec.code, defaults={"name": spec.name, "product": products[spec.product],
                                          "capacity": spec.capacity, "source": Source.ENTERPRISE,
                                          "enterprise": enterprise, "changed_by": user})
            technique.inputs.all().delete()
            technique.resource_uses.all().delete()
            TechniqueInput.objects.bulk_create([
                TechniqueInput(technique=technique, product=products[code], quantity=q)
                for code, q in spec.inputs.items() if q])
            TechniqueResource.objects.bulk_create([
                TechniqueResource(technique=technique, resource=resources[code], quantity=q)
                for code, q in spec.resources.items() if q])
            saved.append(technique)
        try:
            stored_economy()
        except StoreError as error:
            raise TechniqueError(_("With these techniques the economy is not valid: %(error)s")
                                 % {"error": error}) from error
        record("technique.registered", f"enterprise:{enterprise.slug}",
               {"techniques": [s.code for s in specs]}, actor=user)
    return saved


def spec_of(technique: Technique) -> TechniqueSpec:
    return TechniqueSpec(technique.code, technique.name, technique.product.code, technique.capacity,
                         {i.product.code: i.quantity for i in technique.inputs.select_related("product")},
                         {r.resource.code: r.quantity for r in technique.resource_uses.select_related("resource")})

"""Moving economies between the planning core's ``Economy`` and the platform's tables."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from django.db import transaction
from django.utils.translation import gettext as _

from kurultai.economy.model import Catalogue, Economy, EconomyError
from kurultai.web.audit.log import record
from kurultai.web.economy.models import (EconomyImport, Product, Resource, Source, Technique,
                                         TechniqueInput, TechniqueResource)


class StoreError(Exception):
    """An economy that cannot be stored or built, with a message naming what is wrong."""


def import_base(economy: Economy, name: str, description: str, user=None) -> EconomyImport:
    """Replace the base data by ``economy``; techniques reported by enterprises are kept.

    Products and resources are matched by id. A product or resource that enterprise techniques
    still use cannot be dropped: the import is refused with the first such id.
    """
    product_ids, resource_ids = set(economy.products.ids), set(economy.resources.ids)
    with transaction.atomic():
        used = TechniqueInput.objects.filter(technique__source=Source.ENTERPRISE)
        for code in used.values_list("product__code", flat=True).distinct():
            if code not in product_ids:
                raise StoreError(_("The new base economy has no product %(code)s, which an "
                                   "enterprise's technique uses.") % {"code": code})
        for code in Technique.objects.filter(source=Source.ENTERPRISE).values_list(
                "product__code", flat=True).distinct():
            if code not in product_ids:
                raise StoreError(_("The new base economy has no product %(code)s, which an "
                                   "enterprise makes.") % {"code": code})
        for code in TechniqueResource.objects.filter(technique__source=Source.ENTERPRISE).values_list(
                "resource__code", flat=True).distinct():
            if code not in resource_ids:
                raise StoreError(_("The new base economy has no resource %(code)s, which an "
                                   "enterprise's technique uses.") % {"code": code})
        Technique.objects.filter(source=Source.BASE).delete()
        Product.objects.exclude(code__in=product_ids).delete()
        Resource.objects.exclude(code__in=resource_ids).delete()
        units = economy.products.units
        products = {}
        for i, code in enumerate(economy.products.ids):
            products[code], _created = Product.objects.update_or_create(code=code, defaults={
                "name": economy.products.names[i], "unit": "" if units is None else units[i],
                "base_target": float(economy.targets[i]), "base_weight": float(economy.weights[i]),
                "position": i})
        resource_units = economy.resources.units
        resources = {}
        for k, code in enumerate(economy.resources.ids):
            resources[code], _created = Resource.objects.update_or_create(code=code, defaults={
                "name": economy.resources.names[k],
                "unit": "" if resource_units is None else resource_units[k],
                "available": float(economy.available[k]), "position": k})
        done = EconomyImport.objects.create(name=name, description=description, imported_by=user,
                                            products=economy.n, techniques=economy.t,
                                            resources=economy.m)
        inputs, uses = economy.inputs.tocsc(), economy.resource_use.tocsc()
        for j, code in enumerate(economy.techniques.ids):
            cap = float(economy.capacity[j])
            technique = Technique.objects.create(
                code=code, name=economy.techniques.names[j],
                product=products[economy.products.ids[economy.makes[j]]],
                capacity=cap if np.isfinite(cap) else None, source=Source.BASE,
                economy_import=done, changed_by=user)
            rows = slice(inputs.indptr[j], inputs.indptr[j + 1])
            TechniqueInput.objects.bulk_create([
                TechniqueInput(technique=technique, product=products[economy.products.ids[i]],
                               quantity=float(q))
                for i, q in zip(inputs.indices[rows], inputs.data[rows]) if q])
            rows = slice(uses.indptr[j], uses.indptr[j + 1])
            TechniqueResource.objects.bulk_create([
                TechniqueResource(technique=technique, resource=resources[economy.resources.ids[k]],
                                  quantity=float(q))
                for k, q in zip(uses.indices[rows], uses.data[rows]) if q])
        record("economy.imported", f"economy-import:{done.pk}",
               {"name": name, "products": economy.n, "techniques": economy.t,
                "resources": economy.m}, actor=user)
    return done


def stored_economy(targets: dict[str, float] | None = None,
                   weights: dict[str, float] | None = None,
                   capacities: dict[str, float] | None = None) -> Economy:
    """The economy in the tables, base and enterprise techniques together.

    ``targets`` and ``weights`` (by product code) replace the base ones where given, and
    ``capacities`` (by technique code) replace stored capacities, as objections do.
    """
    products = list(Product.objects.order_by("position", "code"))
    resources = list(Resource.objects.order_by("position", "code"))
    techniques = list(Technique.objects.select_related("product").order_by("pk"))
    if not products or not techniques:
        raise StoreError(_("No economy has been imported yet."))
    p_at = {p.pk: i for i, p in enumerate(products)}
    r_at = {r.pk: k for k, r in enumerate(resources)}
    t_at = {t.pk: j for j, t in enumerate(techniques)}
    a = sp.coo_matrix(_triplets(TechniqueInput.objects.values_list("product_id", "technique_id", "quantity"),
                                p_at, t_at), shape=(len(products), len(techniques)))
    r = sp.coo_matrix(_triplets(TechniqueResource.objects.values_list("resource_id", "technique_id", "quantity"),
                                r_at, t_at), shape=(len(resources), len(techniques)))
    capacity = np.array([np.inf if t.capacity is None else t.capacity for t in techniques])
    for code, value in (capacities or {}).items():
        at = next((j for j, t in enumerate(techniques) if t.code == code), None)
        if at is None:
            raise StoreError(_("No technique %(code)s in the economy.") % {"code": code})
        capacity[at] = value
    d = np.array([p.base_target for p in products])
    w = np.array([p.base_weight for p in products])
    for values, given in ((d, targets), (w, weights)):
        for i, p in enumerate(products):
            if given is not None:
                values[i] = given.get(p.code, 0.0)
    try:
        return Economy(
            products=Catalogue.of([p.code for p in products], [p.name for p in products],
                                  [p.unit for p in products], kind="product"),
            techniques=Catalogue.of([t.code for t in techniques], [t.name for t in techniques],
                                    kind="technique"),
            makes=np.array([p_at[t.product_id] for t in techniques], dtype=np.int64),
            inputs=a.tocsc(),
            resources=Catalogue.of([x.code for x in resources], [x.name for x in resources],
                                   [x.unit for x in resources], kind="resource"),
            resource_use=r.tocsr(),
            available=np.array([x.available for x in resources]),
            capacity=capacity, targets=d, weights=w)
    except EconomyError as error:
        raise StoreError(str(error)) from error


def _triplets(rows, row_at: dict, col_at: dict):
    rows = list(rows)
    data = np.array([q for _r, _c, q in rows], dtype=float)
    i = np.array([row_at[r] for r, _c, _q in rows], dtype=np.int64)
    j = np.array([col_at[c] for _r, c, _q in rows], dtype=np.int64)
    return data, (i, j)

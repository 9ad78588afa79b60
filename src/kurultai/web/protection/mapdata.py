"""The public map layers as one GeoJSON FeatureCollection: boundaries, reports, safe places.

Nothing from a household's request is ever part of it: those locations are not public.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kurultai.web.protection.models import Incident, Neighbourhood, SafePlace


def map_features() -> dict:
    features = []
    for n in Neighbourhood.objects.all():
        if n.boundary:
            features.append({"type": "Feature", "geometry": n.boundary, "properties": {
                "layer": "neighbourhood", "name": _(n.name), "city": _(n.city), "url": n.get_absolute_url()}})
    for i in Incident.objects.exclude(lat=None).exclude(lon=None).exclude(status=Incident.Status.FALSE):
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [i.lon, i.lat]},
                         "properties": {"layer": "incident", "status": i.status, "label": i.get_status_display(),
                                        "seriousness": i.get_seriousness_display(), "street": i.street,
                                        "url": i.get_absolute_url()}})
    for p in SafePlace.objects.exclude(lat=None).exclude(lon=None):
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                         "properties": {"layer": "place", "kind": p.kind, "name": p.name,
                                        "label": p.get_kind_display(), "capacity": p.capacity,
                                        "occupancy": p.occupancy, "url": p.neighbourhood.get_absolute_url()}})
    return {"type": "FeatureCollection", "features": features}

"""Distances on the Earth's surface and points inside neighbourhood boundaries.

Written out rather than taken from a GIS library: one formula and one ray-casting loop are all the
matching and the report form need, and a GIS stack would be the platform's heaviest dependency.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Is the point inside a GeoJSON Polygon or MultiPolygon (outer rings, holes respected)?"""
    polygons = {"Polygon": lambda g: [g["coordinates"]],
                "MultiPolygon": lambda g: g["coordinates"]}.get(geometry.get("type"), lambda g: [])(geometry)
    for rings in polygons:
        if rings and _in_ring(rings[0], lon, lat) and not any(_in_ring(hole, lon, lat) for hole in rings[1:]):
            return True
    return False


def _in_ring(ring: list, x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside

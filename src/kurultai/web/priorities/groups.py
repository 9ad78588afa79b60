"""The product groups members vote on, and how they map onto the 34 sectors of the demo economy.

A sector may be split between groups by fixed fractions: the one utilities sector of the ADB
tables holds both electricity and water, so it goes 80 % to energy and 20 % to water (a demo
assumption, see docs/priorities.md).
"""

from django.utils.translation import gettext_lazy as _

GROUP_NAMES = {
    "food": _("Food"),
    "housing": _("Housing"),
    "water": _("Water"),
    "health": _("Health"),
    "education": _("Education"),
    "energy": _("Energy"),
    "transport": _("Transport"),
    "clothing": _("Clothing"),
    "communication": _("Communication and printing"),
    "culture": _("Culture, rest and services"),
    "public": _("Public administration"),
    "industry": _("Industry, trade and exports"),
}

DEMO_GROUPS: dict[str, dict[str, float]] = {
    "food": {"AHF": 1.0, "FBT": 1.0},
    "housing": {"CON": 1.0, "REA": 1.0},
    "water": {"UTL": 0.2},
    "health": {"HSW": 1.0},
    "education": {"EDU": 1.0},
    "energy": {"UTL": 0.8, "CRP": 1.0},
    "transport": {"ITR": 1.0, "WTR": 1.0, "ATR": 1.0, "OTR": 1.0, "TRE": 1.0, "MTV": 1.0},
    "clothing": {"TEX": 1.0, "LTH": 1.0},
    "communication": {"TEL": 1.0, "PPP": 1.0},
    "culture": {"HRS": 1.0, "OSV": 1.0},
    "public": {"PAD": 1.0},
    "industry": {"MIN": 1.0, "WDC": 1.0, "CCP": 1.0, "RBP": 1.0, "ONM": 1.0, "MFM": 1.0,
                 "MCH": 1.0, "EOE": 1.0, "MFG": 1.0, "WST": 1.0, "RTR": 1.0, "FIN": 1.0,
                 "OBA": 1.0},
}


def group_name(code: str) -> str:
    return str(GROUP_NAMES.get(code, code))

"""Template filters of the platform."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def tr(value):
    """Translate stored text that the catalogues know (demo names, fixed answers); else as is."""
    return gettext(str(value)) if value else value


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def display_name(user):
    return user.get_full_name() or user.username if user else ""

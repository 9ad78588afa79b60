"""Template filters of the economy pages."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def tr_paragraphs(text):
    """Stored text of several paragraphs (blank-line separated), each translated where the
    catalogues know it, joined into one: a description made of marked parts, like the demo's."""
    if not text:
        return text
    return " ".join(gettext(part.strip()) for part in str(text).split("\n\n") if part.strip())

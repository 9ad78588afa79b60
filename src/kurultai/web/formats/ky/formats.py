"""Kyrgyz number formats: Django ships "." as the decimal separator, but Kyrgyz writes a comma
(as CLDR's ky locale and the browsers' Intl do), and "2.000" would read as two thousand."""

from django.conf.locale.ky.formats import *  # noqa: F401,F403  (dates and the rest unchanged)

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3

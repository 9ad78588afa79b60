"""Values every page needs: the languages to switch between and the current path."""

from django.conf import settings


def site(request):
    return {"site_languages": settings.LANGUAGES}

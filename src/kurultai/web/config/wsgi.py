"""WSGI entry point: ``gunicorn kurultai.web.config.wsgi`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurultai.web.config.settings")
application = get_wsgi_application()

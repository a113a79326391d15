"""Load the settings before anything else, and stop with one clear line if they are bad.

Used by manage.py and gunicorn.conf.py: a missing DJANGO_SECRET_KEY or a malformed
DATABASE_URL then ends start-up with `Configuration error: ...`, not a traceback.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def load_settings_or_exit():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 (touching it loads the module)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        raise SystemExit(1) from None

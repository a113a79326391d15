"""The static files' storage: whitenoise's hashed names with gzip and brotli copies,
each name's address worked out once a process.

A page names eight static files; working each address out again (the manifest
looked up, the name cleaned, quoted and joined to STATIC_URL) was a sixth of
rendering a page that is not kept, such as a search nobody made before. The
manifest is read when the process starts and does not change while it runs:
collectstatic runs before a deploy, and a deploy restarts the workers."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        # DEBUG serves names as they are, and a test may switch it: only the
        # hashed addresses are kept.
        if force or settings.DEBUG:
            return super().url(name, force)
        try:
            return self._addresses[name]
        except KeyError:
            address = self._addresses[name] = super().url(name)
            return address

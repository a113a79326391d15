"""Which build rendered a stored page: a digest of the templates, code and static
file names that render pages, and of the public origin (SITE_URL). A stored page of another build is rendered again,
so a deploy never serves old markup."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

from glossary_site.content import origin, registry


@cache
def current():
    """The digest of this build (16 hex digits), computed once per process."""
    digest = hashlib.sha256(settings.PAGES_BUILD.encode())
    # The origin pages write their absolute addresses on: a new SITE_URL renders them again.
    digest.update(origin.site_origin().encode())
    base = Path(settings.BASE_DIR)
    # The core and the apps that registered kinds, the project's templates, and the
    # hashed names of the static files the pages link.
    packages = {Path(__file__).resolve().parents[1]} | {
        Path(kind.model._meta.app_config.path) for kind in registry.kinds()
    }
    sources = [path for package in packages for path in package.glob("**/*.py")]
    sources += [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    sources += [Path(settings.STATIC_ROOT) / "staticfiles.json"]
    for source in sorted(set(sources)):
        if not source.is_file() or {"tests", "migrations"} & set(source.parts):
            continue
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]

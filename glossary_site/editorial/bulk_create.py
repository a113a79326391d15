"""Temporary: the old path of glossary_site.exchange.bulk, for tests not moved yet."""

from glossary_site.exchange.bulk import *  # noqa: F403

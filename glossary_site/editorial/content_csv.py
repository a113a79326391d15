"""Temporary: the old path of glossary_site.exchange.spreadsheet, for tests not moved yet."""

from glossary_site.exchange.spreadsheet import *  # noqa: F403

"""Temporary: the old path of glossary_site.exchange's file format, for tests not moved yet."""

from glossary_site.exchange.content_file import *  # noqa: F403
from glossary_site.exchange.files import *  # noqa: F403
from glossary_site.exchange.records import *  # noqa: F403
from glossary_site.exchange.values import *  # noqa: F403

"""Query pieces both apps share: a page's short lists fetched with its main row.

A term or article page shows a few short lists beside its body (related terms,
tags, the previous and next article). Fetched one query each, they would make the
page's query count grow with every list the design adds; folded into the main
query as JSON columns, the page stays within its budget of queries however much
content there is.
"""

from datetime import UTC, datetime
from operator import attrgetter

from django.db.models import Aggregate, JSONField, OuterRef, Subquery, Value
from django.db.models.functions import JSONObject
from django.utils import timezone


class JSONList(Aggregate):
    """The grouped rows as one JSON array (SQLite json_group_array, PostgreSQL jsonb_agg)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _row(fields):
    return JSONObject(**{field: field for field in fields})


def rows_pointing_at(queryset, link, *fields):
    """For each row of the outer query: the rows of `queryset` whose `link` is that
    row, as a JSON list of {field: value} (None when there are none). Unordered:
    SQLite before 3.44 cannot order inside an aggregate, so instances() sorts."""
    rows = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JSONList(_row(fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def first_rows(queryset, link, count, *fields):
    """Like rows_pointing_at, but only the first `count` rows of the ordered
    queryset: for lists that could run to thousands (the articles mentioning a
    much-used term)."""
    first = queryset.filter(**{link: OuterRef(OuterRef("pk"))}).values("pk")[:count]
    rows = (
        queryset.model._base_manager.filter(pk__in=first)
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(rows=JSONList(_row(fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def first_row(queryset, *fields):
    """The first row of an ordered queryset, as {field: value}, or None."""
    return Subquery(queryset.values(row=_row(fields))[:1], output_field=JSONField())


def instances(model, rows, *, by, reverse=False):
    """Unsaved model instances from JSON rows, sorted by the field `by`, for templates
    that call their methods (get_absolute_url)."""
    return sorted((instance(model, row) for row in rows or []), key=attrgetter(by), reverse=reverse)


def instance(model, row):
    """One unsaved instance from a JSON row, or None. JSON has no dates: they are
    parsed back, and SQLite's (stored in UTC without an offset) made aware."""
    if row is None:
        return None
    return model(**{name: _value(model, name, value) for name, value in row.items()})


def _value(model, name, value):
    value = model._meta.get_field(name).to_python(value)
    if isinstance(value, datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value

"""The editor's home page (the admin index, editorial/admin_site.py): "New term"
and "New article", their own drafts, what is scheduled, what changed lately,
broken links in the pages that changed lately and, on a site in several
languages, each language's coverage and its translations out of date. Each list is a few bounded queries per kind, on indexed columns,
whatever the size of the site: no list reads every body."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Window
from django.urls import NoReverseMatch, reverse

from glossary_site.content import languages, registry
from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial import linkcheck
from glossary_site.editorial.publishing import when

SHOWN = 10  # rows per list
CHECKED = 50  # the public pages changed last whose links are checked
HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass
class Row:
    title: str
    url: str  # the item's admin page, "" when it has none (deleted)
    kind: str  # "term", "article"
    note: str  # what happens, before the time
    at: datetime | None = None  # when; shown after the note unless timeless
    timeless: bool = False
    after: str = ""  # after the time

    @property
    def shown_at(self):
        return "" if self.timeless or self.at is None else when(self.at)


def _kinds(user):
    """The kinds the user may see in the admin."""
    return [
        kind
        for kind in registry.kinds()
        if user.has_perm(f"{kind.model._meta.app_label}.view_{kind.model._meta.model_name}")
        or user.has_perm(f"{kind.model._meta.app_label}.change_{kind.model._meta.model_name}")
    ]


def _admin_url(site, kind, pk):
    opts = kind.model._meta
    try:
        return reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def _newest(rows):
    return sorted(rows, key=lambda row: row.at, reverse=True)[:SHOWN]


def new_items(user, site):
    """("New term", its add form's address) for each kind the user may add, and the
    import and export screens for those allowed them."""
    links = []
    for kind in registry.kinds():
        opts = kind.model._meta
        if not user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            continue
        try:
            url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_add")
        except NoReverseMatch:  # a kind this admin site does not edit
            continue
        links.append((f"New {opts.verbose_name}", url))
    # The admin's import and export screens (editorial/transfer_admin.py), for whom may use them.
    if user.has_perm("glossary_site.transfer_content"):
        links.append(("Import and export", reverse(f"{site.name}:transfer")))
    return links


def my_drafts(user, site):
    """Drafts the user saved a revision of, the last changed first."""
    rows = []
    for kind in _kinds(user):
        mine = kind.model.history.model.objects.filter(history_user=user).values("id")
        drafts = kind.model.objects.filter(status=kind.model.Status.DRAFT, pk__in=mine)
        for item in drafts.order_by("-updated_at").only("pk", "title", "updated_at")[:SHOWN]:
            note = "Draft, last saved"
            rows.append(Row(item.title, _admin_url(site, kind, item.pk), kind.name, note, item.updated_at))
    return _newest(rows)


def scheduled(user, site):
    """Items that go public later and changes of live pages kept aside, soonest first."""
    kinds = {kind.name: kind for kind in _kinds(user)}
    rows = []
    for kind in kinds.values():
        for item in (
            kind.model.objects.scheduled()
            .order_by("published_at")
            .only("pk", "title", "published_at")[:SHOWN]
        ):
            note = "Goes public"
            rows.append(Row(item.title, _admin_url(site, kind, item.pk), kind.name, note, item.published_at))
    changes = list(ScheduledChange.objects.filter(kind__in=kinds).order_by("due_at")[:SHOWN])
    for name, kind in kinds.items():
        ids = [change.object_id for change in changes if change.kind == name]
        titles = dict(kind.model.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
        for change in changes:
            if change.kind == name and change.object_id in titles:
                what = "Unpublished" if change.unpublish and not change.values else "Change goes public"
                after = " (could not be applied)" if change.error else ""
                url = _admin_url(site, kind, change.object_id)
                rows.append(Row(titles[change.object_id], url, name, what, change.due_at, after=after))
    return sorted(rows, key=lambda row: row.at)[:SHOWN]


def _recent_records(kind, count):
    """The kind's latest revisions (history_date is indexed), one per item."""
    records = (
        kind.model.history.model.objects.select_related("history_user")
        .order_by("-history_date", "-history_id")
        .only("id", "title", "history_date", "history_type", "history_user__username")[: count * 3]
    )
    latest = {}
    for record in records:
        latest.setdefault(record.id, record)
    return list(latest.values())[:count]


def recently_changed(user, site):
    """The pages changed last, by anyone, with who and when."""
    rows = []
    for kind in _kinds(user):
        for record in _recent_records(kind, SHOWN):
            who = record.history_user.get_username() if record.history_user else "the site"
            note = f"{HISTORY_TYPES.get(record.history_type, 'Changed')} by {who},"
            url = "" if record.history_type == "-" else _admin_url(site, kind, record.id)
            rows.append(Row(record.title, url, kind.name, note, record.history_date))
    return _newest(rows)


def broken_links(user, site):
    """Links in public pages changed lately to glossary or blog pages readers cannot
    reach (missing, unpublished, or an old address answering 410)."""
    kinds = _kinds(user)
    targets = [(kind, linkcheck.url_prefix(kind.url_name)) for kind in registry.kinds() if kind.editor_key]
    pages, wanted = [], {kind.name: set() for kind, _ in targets}
    for kind in kinds:
        ids = [record.id for record in _recent_records(kind, CHECKED)]
        for item in kind.model.objects.published().filter(pk__in=ids).only("pk", "title", "body"):
            links = [
                (target, prefix, slug)
                for target, prefix in targets
                for slug in linkcheck.linked_slugs(item.body, prefix)
            ]
            for target, _, slug in links:
                wanted[target.name].add(slug)
            pages.append((kind, item, links))
    missing = {kind.name: linkcheck.unreachable_slugs(kind, wanted[kind.name]) for kind, _ in targets}
    rows = []
    for kind, item, links in pages:
        for target, prefix, slug in links:
            if slug in missing[target.name]:
                url = _admin_url(site, kind, item.pk)
                rows.append(
                    Row(item.title, url, kind.name, f"links to {prefix}{slug}/, which readers cannot open")
                )
    return rows[:SHOWN]


@dataclass
class LanguageDesk:
    code: str  # "de"
    name: str  # "German"
    coverage: list  # [(noun, translated, sources, out of date)] per kind
    out_of_date: list  # [Row], the first SHOWN by title
    more: int  # out of date beyond those shown

    @property
    def summary(self):
        """ "German: 12 of 34 terms, 3 out of date; 1 of 5 articles" """
        parts = [
            f"{done} of {total} {noun}" + (f", {behind} out of date" if behind else "")
            for noun, done, total, behind in self.coverage
        ]
        more = f" Below, the first {len(self.out_of_date)} by title." if self.more else ""
        return f"{self.name}: {'; '.join(parts)}.{more}"


def translation_desk(user, site):
    """Per translation language: how much of each kind is translated, and the
    translations behind their source, with links to their change pages. Per
    language and kind, two counts and one query for the out-of-date list and its
    length together (content/translations.py)."""
    if not languages.is_multilingual():
        return []
    kinds, desks = _kinds(user), []
    source_counts = {
        kind.name: kind.model.objects.filter(language=languages.source_language()).count() for kind in kinds
    }
    for code in languages.translation_languages():
        coverage, rows, behind_total = [], [], 0
        for kind in kinds:
            behind, count = _out_of_date(kind, code)
            behind_total += count
            # Every item in the language: one written there first, with no source,
            # counts as translated too.
            translated = kind.model.objects.filter(language=code).count()
            coverage.append(
                (kind.model._meta.verbose_name_plural, translated, source_counts[kind.name], count)
            )
            rows += [
                Row(title, _admin_url(site, kind, pk), kind.name, "source changed since")
                for pk, title in behind
            ]
        rows = sorted(rows, key=lambda row: row.title.casefold())[:SHOWN]
        desks.append(
            LanguageDesk(code, languages.language_name(code), coverage, rows, behind_total - len(rows))
        )
    return desks


def _out_of_date(kind, code):
    """The first SHOWN out-of-date translations by title, and how many there are, in
    one pass over the language's translations (a window count)."""
    found = list(
        kind.model.objects.out_of_date(code)
        .annotate(total=Window(Count("pk")))
        .order_by("title")
        .values_list("pk", "title", "total")[:SHOWN]
    )
    return [(pk, title) for pk, title, _ in found], found[0][2] if found else 0


def lists(request, site):
    """Every list of the home page, for the index template."""
    user = request.user
    return {
        "new_items": new_items(user, site),
        "my_drafts": my_drafts(user, site),
        "scheduled": scheduled(user, site),
        "recently_changed": recently_changed(user, site),
        "broken_links": broken_links(user, site),
        "translations": translation_desk(user, site),
        "broken_note": f"In the {CHECKED} public pages of each kind changed last: links to glossary "
        "or blog pages readers cannot open.",
    }

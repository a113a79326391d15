"""Review links for people without an account: /review/<token>/ shows one revision
of a draft, or a scheduled change of a live page, to anyone who has the link, until
it expires (settings.REVIEW_LINK_DAYS) or an editor revokes it in the admin.

The page is the public one (the kind's own detail template, the body rendered by
the one sanitising renderer and linked as a save would, once, when the link is
made: a request renders nothing), with a banner saying it is a preview. It is never indexed (noindex in the page and the headers) and never
stored by any cache (no-store; serving/pagecache.py also passes /review/ by), and
nothing lists it: sitemaps, feeds and search read published() items only."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import View

from glossary_site.content import registry
from glossary_site.content.scheduled import ScheduledChange
from glossary_site.content.seo import PageMeta
from glossary_site.editorial.models import ReviewLink
from glossary_site.markup import images, mentions
from glossary_site.markup.markdown import rendered_parts

TOKEN_BYTES = 32  # 256 random bits: never guessed, never enumerated


class NothingToReview(Exception):
    """The item is public as it is, with no scheduled change: share its own address."""


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _pending_change(item):
    change = ScheduledChange.objects.filter(kind=registry.of(item).name, object_id=item.pk).first()
    return change if change is not None and change.values else None


def reviewable(item):
    """Whether the item has something to show that the public cannot see yet."""
    return not item.is_published or _pending_change(item) is not None


def make(item, user):
    """A new link to what the item's editors are working on: its pending scheduled
    change if it has one, else its latest revision if it is not public. Returns
    (link, token); the token is shown once and only its hash is kept."""
    kind = registry.of(item)
    change = _pending_change(item)
    if change is not None:
        record = item.history.filter(version=change.base_version).order_by("-history_id").first()
        values, due = change.values, change.due_at
    elif not item.is_published:
        record, values, due = item.history.order_by("-history_id").first(), {}, None
    else:
        raise NothingToReview(item)
    if record is None:
        raise NothingToReview(item)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    shown = _rendered(_as_of(kind, record.history_id, item.pk, values))
    link = ReviewLink.objects.create(
        body_html=shown.body_html,
        toc_html=shown.toc_html,
        reading_time=shown.reading_time,
        kind=kind.name,
        object_id=item.pk,
        history_id=record.history_id,
        version=record.version,
        values=values,
        scheduled_for=due,
        title=values.get("title", record.title),
        token_hash=_hash(token),
        created_by=user if getattr(user, "pk", None) else None,
        expires_at=timezone.now() + timedelta(days=settings.REVIEW_LINK_DAYS),
    )
    return link, token


def url(token):
    return reverse("review", kwargs={"token": token})


def active(token):
    """The link a token opens, or None: unknown, expired and revoked look the same."""
    return ReviewLink.objects.filter(
        token_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def revision(link):
    """The item as the link's revision has it (with the scheduled change's fields)
    and its body as stored when the link was made; None if it was deleted."""
    kind = registry.get(link.kind)
    if not kind.model.objects.filter(pk=link.object_id).exists():
        return None
    item = _as_of(kind, link.history_id, link.object_id, link.values)
    if item is None:
        return None
    if link.reading_time is None:
        return _rendered(item)  # a link made before renders were stored; expires soon
    item.body_html, item.toc_html, item.reading_time = link.body_html, link.toc_html, link.reading_time
    return item


def _as_of(kind, history_id, object_id, values):
    record = kind.model.history.filter(history_id=history_id, id=object_id).first()
    if record is None:
        return None
    item = record.instance
    for name, value in values.items():
        setattr(item, name, value)
    return item


def _rendered(item):
    """The item with its body rendered and linked as a save would."""
    html, item.reading_time, item.toc_html, _ = rendered_parts(item.body, item.language)
    item.body_html, _ = mentions.link(html, item.own_term_id(), item.own_names(), item.language)
    item.body_html = images.with_sources(item.body_html)
    return item


class ReviewView(View):
    """The revision a review link shows, as its public page will look."""

    def get(self, request, token):
        link = active(token) if len(token) < 100 else None
        item = revision(link) if link is not None else None
        if item is None:
            raise Http404("No such review link.")
        kind = registry.get(link.kind)
        if kind.prepare_review:
            kind.prepare_review(item)
        opts = kind.model._meta
        context = {
            "object": item,
            "review": link,
            "meta": _meta(kind, item, request.path),
        }
        response = render(request, f"{opts.app_label}/{opts.model_name}_detail.html", context)
        add_never_cache_headers(response)  # no-store, private: no cache or proxy keeps it
        response["X-Robots-Tag"] = "noindex"
        # The address is the key: no link on the page may send it on as a Referer,
        # not even to this site, whose logs would keep it.
        response["Referrer-Policy"] = "no-referrer"
        return response


def _meta(kind, item, path):
    """The page's own metadata, but never indexed and naming only this address: no
    JSON-LD describing a page that is not public."""
    public = kind.page_meta(item)
    return PageMeta(
        title=f"Preview: {public.title}",
        description=public.description,
        path=path,
        noindex=True,
        breadcrumbs=public.breadcrumbs,
    )

"""Responsive images: WebP copies of every uploaded image at a few widths, made by
the background worker, and the <picture> that offers them to browsers.

An upload (the editor's, an import's, an article cover) enqueues `make_versions`;
the worker writes `versions/<name>-<width>w.webp` for each width below the
original's (and the original's own width up to the largest), then records them in
a ResponsiveImage row and renders again every body that shows the image, so pages
saved before the versions existed offer them too. Until the row exists a page
shows the original alone: a <source> must never name a file not yet written, as a
browser that picks it shows a broken image rather than falling back.

The <picture> is added to sanitised HTML from our own rows, after the sanitiser:
editors cannot write <picture> or <source> themselves."""

import io
import re
from html import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.tasks import task
from PIL import Image

from glossary_site.content import registry
from glossary_site.markup.models import ResponsiveImage
from glossary_site.serving import counters, keys

# The body column is at most 44rem (prose.css); below that, the screen less its margins.
SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"

_UPLOADED_IMG_RE = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>')
_OUR_PICTURE_RE = re.compile(r'<picture><source type="image/webp"[^>]*>(<img\b[^>]*>)</picture>')


def widths_for(width, fmt=""):
    """WebP widths for an image `width` px wide: never wider than it."""
    chosen = [w for w in settings.RESPONSIVE_IMAGE_WIDTHS if w < width]
    if width <= max(settings.RESPONSIVE_IMAGE_WIDTHS) and fmt != "WEBP":
        chosen.append(width)  # the whole image in WebP too, when it is not one already
    return chosen


def version_name(name, width):
    stem = name.rsplit(".", 1)[0]
    return f"versions/{stem}-{width}w.webp"


def srcset(name, widths):
    return ", ".join(f"{default_storage.url(version_name(name, w))} {w}w" for w in widths)


def _name(url):
    """The storage name of an image stored here, from its URL; None for any other."""
    if not url.startswith(settings.MEDIA_URL):
        return None
    name = url.removeprefix(settings.MEDIA_URL)
    return name if name.startswith(("uploads/", "covers/")) else None


def with_sources(html, not_made=None):
    """Sanitised body HTML with each uploaded image whose WebP versions exist in a
    <picture>; any <picture> of ours already there is made again (idempotent).

    not_made: a set given the names of the images shown whose versions were not
    recorded yet, for `look_again()`."""
    html = _OUR_PICTURE_RE.sub(r"\1", html)
    names = {_name(m["src"]) for m in _UPLOADED_IMG_RE.finditer(html)} - {None}
    if not names:
        return html
    known = dict(ResponsiveImage.objects.filter(name__in=names).values_list("name", "widths"))
    if not_made is not None:
        not_made.update(names - known.keys())

    def wrap(match):
        name = _name(match["src"])
        if not known.get(name):
            return match[0]
        source = f'<source type="image/webp" srcset="{escape(srcset(name, known[name]))}" sizes="{SIZES}">'
        return f"<picture>{source}{match[0]}</picture>"

    return _UPLOADED_IMG_RE.sub(wrap, html)


def enqueue(name):
    """Have the worker make the versions of a stored image (after the commit)."""
    transaction.on_commit(lambda: make_versions.enqueue(name))


def look_again(names):
    """After the commit of a body rendered while the versions of `names` were not
    recorded: render it again if they are by then.

    The worker may have recorded them and rendered again the bodies it could see
    while this body's save was still open, so neither would give it its <picture>.
    make_versions commits its row before it looks for bodies: a body committed after
    that look is committed after the row, and this task, queued at its commit, sees
    the row."""
    for name in sorted(names):
        transaction.on_commit(lambda name=name: show_versions.enqueue(name))


@task()
def make_versions(name):
    """Write the WebP versions of one stored image, record them and render again the
    bodies that show it. Idempotent: run twice, it writes the same files."""
    with default_storage.open(name) as file, Image.open(file) as image:
        image.load()
        animated = getattr(image, "n_frames", 1) > 1
        # A still WebP of an animation would lose it: animations stay as they are.
        widths = [] if animated else widths_for(image.width, image.format)
        for width in widths:
            _write(image, width, version_name(name, width))
    # The row is committed before the bodies are looked for (see look_again). A stop
    # in between loses nothing: the worker runs a task cut off by a stop again.
    ResponsiveImage.objects.update_or_create(name=name, defaults={"widths": widths})
    show_versions.call(name)
    return widths


@task()
def show_versions(name):
    """Render again the bodies and covers that show a stored image whose versions are
    recorded (nothing if they are not yet: make_versions will)."""
    if not ResponsiveImage.objects.filter(name=name).exists():
        return
    with transaction.atomic():
        _render_again(default_storage.url(name))
        # Covers read the row through their page: those pages are rendered again.
        counters.changed(keys=_items_with_file(name))


def _write(image, width, target):
    height = max(1, round(image.height * width / image.width))
    copy = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA")
    buffer = io.BytesIO()
    copy.resize((width, height), Image.Resampling.LANCZOS).save(buffer, format="WEBP", quality=80, method=4)
    if default_storage.exists(target):
        default_storage.delete(target)  # else storage would save under another name
    default_storage.save(target, ContentFile(buffer.getvalue()))


def _items_with_file(name):
    """Page keys (serving/keys.py) of the items whose file fields hold `name`."""
    found_keys = set()
    for kind in registry.kinds():
        for field in kind.model._meta.fields:
            if isinstance(field, models.FileField):
                found = kind.model.objects.filter(**{field.name: name}).values_list("pk", flat=True)
                found_keys |= {keys.item(kind.name, pk) for pk in found}
    return found_keys


def _render_again(url):
    """Give the stored bodies that show the image its new sources (with_sources is
    idempotent: nothing else of the body changes)."""
    for kind in registry.kinds():
        changed = set()
        for pk, html in (
            kind.model.objects.filter(body__contains=url).values_list("pk", "body_html").iterator()
        ):
            wrapped = with_sources(html)
            if wrapped != html:
                kind.model.objects.filter(pk=pk).update(body_html=wrapped)
                changed.add(keys.item(kind.name, pk))
        counters.changed(keys=changed)  # update() sends no signal


def stored_images():
    """Names of every uploaded image and cover in storage (versions left out)."""
    names = []
    for folder in ("uploads", "covers"):
        try:
            _, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        names += [f"{folder}/{file}" for file in files]
    return sorted(names)

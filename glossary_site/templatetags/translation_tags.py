"""The reader's notice on a translation whose source changed since it was made."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from glossary_site.content import languages, translations

register = template.Library()

# The link's markup in the message as translators see it; the tag adds hreflang
# and marks the language's name with its own lang, which a catalog cannot be
# trusted to keep.
LINK_OPEN, LINK_CLOSE = '<a href="%(url)s">', "</a>"


@register.inclusion_tag("includes/translation_notice.html")
def translation_notice(item):
    """Near the top of a translation's page while its source has changed since (not
    minor) and the reader can open the source; nothing at all on a source."""
    if languages.is_source(item.language):
        return {"notice": None}
    source = translations.source_of(item)
    if source is None or not source.is_published or not translations.is_out_of_date(item, source):
        return {"notice": None}
    return {"notice": notice_text(source.get_absolute_url(), source.language)}


def notice_text(url, code):
    """The message in the active language, its link escaped and marked with the
    source's language."""
    message = gettext(
        'The original has changed since this page was translated. <a href="%(url)s">'
        "Read the original (%(language)s)</a>."
    )
    before, found, rest = message.partition(LINK_OPEN)
    inside, closed, after = rest.partition(LINK_CLOSE)
    name = languages.native_name(code)
    if not (found and closed):  # a catalog that dropped the link: the link goes last
        return format_html(
            '{} <a href="{}" hreflang="{}">{}</a>',
            message % {"url": url, "language": name},
            url,
            code,
            url,
        )
    label_before, _, label_after = inside.partition("%(language)s")
    return format_html(
        '{}<a href="{}" hreflang="{}">{}<span lang="{}">{}</span>{}</a>{}',
        before,
        url,
        code,
        label_before,
        code,
        name,
        label_after,
        after,
    )

"""The publishable base as both content models use it."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article
from terms.models import Term

MODELS = [Term, Article]
PAST = timedelta(days=-1)
FUTURE = timedelta(days=1)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        ("published", PAST, True),
        ("published", FUTURE, False),
        ("draft", PAST, False),
        ("draft", FUTURE, False),
    ],
)
def test_published_shows_only_published_items_whose_time_has_come(db, model, status, offset, public):
    item = model.objects.create(
        title="Item", slug="item", body="Text", status=status, published_at=timezone.now() + offset
    )
    assert (item in model.objects.published()) is public
    assert item.is_published is public


@pytest.mark.parametrize("model", MODELS)
def test_saving_stores_rendered_html_and_reading_time(db, model):
    item = model.objects.create(title="Item", slug="item", body="## Heading\n\n" + "word " * 500)
    item.refresh_from_db()
    assert item.body_html.startswith('<h2 id="heading">Heading <a class="heading-anchor"')
    assert item.reading_time == 3

    item.body = "Short now."
    item.save(update_fields=["body"])
    item.refresh_from_db()
    assert item.body_html == "<p>Short now.</p>"
    assert item.reading_time == 1


@pytest.mark.parametrize("model", MODELS)
def test_slugs_are_unique(db, model):
    model.objects.create(title="One", slug="same", body="x")
    with pytest.raises(IntegrityError):
        model.objects.create(title="Two", slug="same", body="y")


def test_urls_come_from_the_url_names(make_term, make_article):
    assert make_term(slug="api").get_absolute_url() == "/glossary/api/"
    assert make_article(slug="news").get_absolute_url() == "/blog/news/"


@pytest.mark.parametrize(
    ("title", "letter"),
    [("API", "A"), ("backend", "B"), ("2FA", "#"), ("Élan", "E"), ("ñandú", "N"), (".NET", "#")],
)
def test_a_term_is_listed_under_its_folded_first_letter_or_hash(title, letter):
    assert Term(title=title).letter == letter

"""Old addresses and alias addresses are per language: a German term's old slug or
alias answers under /de/ only, and the same spelling may be an English one too."""

import pytest
from django.core.exceptions import ValidationError

from glossary_site.content.redirects import SlugRedirect
from terms.models import Term, TermAlias


@pytest.fixture
def proxies(make_term, translate):
    english = make_term(title="Proxy", slug="proxy", body="A go-between.")
    german = translate(english, "de", title="Proxy", slug="proxy", body="Ein Vermittler.")
    return english, german


def rename(term, slug):
    term = Term.objects.get(pk=term.pk)
    term.slug = slug
    term.save()
    return term


def test_the_same_old_slug_in_two_languages_redirects_each_to_its_own_page(proxies, client):
    english, german = proxies

    rename(english, "proxy-server")
    rename(german, "stellvertreter")

    assert client.get("/glossary/proxy/")["Location"] == "/glossary/proxy-server/"
    assert client.get("/de/glossary/proxy/")["Location"] == "/de/glossary/stellvertreter/"
    languages = SlugRedirect.objects.filter(old_slug="proxy").values_list("language", flat=True)
    assert sorted(languages) == ["de", "en"]


def test_a_german_rename_leaves_the_english_address_alone(proxies, client):
    _, german = proxies

    rename(german, "stellvertreter")

    assert client.get("/glossary/proxy/").status_code == 200
    assert client.get("/de/glossary/proxy/")["Location"] == "/de/glossary/stellvertreter/"
    assert client.get("/api/terms/proxy/?lang=de")["Location"] == "/api/terms/stellvertreter/?lang=de"


def test_an_english_page_taking_an_old_german_slug_keeps_the_german_redirect(proxies, client):
    english, german = proxies
    rename(german, "stellvertreter")

    rename(english, "proxy-server")
    rename(english, "proxy")  # the English page takes its slug back

    assert client.get("/glossary/proxy/").status_code == 200
    assert client.get("/de/glossary/proxy/")["Location"] == "/de/glossary/stellvertreter/"


def test_an_alias_address_may_be_spelled_as_one_of_another_language(proxies, client):
    english, german = proxies
    TermAlias.objects.create(term=english, name="Forward proxy", slug="forward-proxy")
    TermAlias.objects.create(term=german, name="Forward-Proxy", slug="forward-proxy")
    rename(german, "stellvertreter")

    assert client.get("/glossary/forward-proxy/")["Location"] == "/glossary/proxy/"
    assert client.get("/de/glossary/forward-proxy/")["Location"] == "/de/glossary/stellvertreter/"
    assert TermAlias.objects.get(term=german).language == "de"


def test_an_alias_address_is_still_unique_within_its_language(proxies, make_term):
    english, _ = proxies
    other = make_term(title="Gateway", slug="gateway")
    TermAlias.objects.create(term=english, name="Relay", slug="relay")

    twin = TermAlias(term=other, name="Relay host", slug="relay")
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert "relay" in str(refused.value.message_dict["slug"])

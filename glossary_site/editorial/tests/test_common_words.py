"""A term named by a common word (issue 25): before it goes live, or when a live term
takes such a title, the admin shows how many published pages it would link and some
of their sentences, and offers "link only as written" and "don't link automatically"."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.testing.admin_forms import change_data
from terms.models import Term


@pytest.fixture
def service(make_term, make_article):
    make_article(title="Quality", body="Good service quality keeps readers. A slow page loses them.")
    make_article(title="Hosting", body="Our hosting service is fast.")
    make_article(title="Draft", body="Every service here is a draft.", status="draft")
    make_term(title="Service Mesh", slug="service-mesh", body="A service mesh routes calls.")
    return make_term(title="Service", slug="service", status=Term.Status.DRAFT)


def publish(admin_client, term, **changes):
    data = change_data(term, term.version, status="published", **changes)
    return admin_client.post(f"/admin/terms/term/{term.pk}/change/", data)


def notice(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".edit-impact")


def test_publishing_a_common_word_shows_the_pages_and_sentences_it_would_link(service, admin_client):
    held = publish(admin_client, service)

    assert held.status_code == 200
    shown = notice(held)
    assert shown.select_one("h2").get_text() == "Link “Service” wherever pages say “service”?"
    text = " ".join(shown.get_text().split())
    # Not the draft article, not inside "Service Mesh" (another term's name), not itself.
    assert "it would link 2 published pages" in text
    assert sorted(li.get_text() for li in shown.select(".edit-impact-sentences li")) == [
        "Good service quality keeps readers.",
        "Our hosting service is fast.",
    ]
    buttons = {button.get_text(): button.get("value") for button in shown.select("button")}
    assert buttons == {
        "Yes, link it automatically": "on",
        "Link only as written": "as_written",
        "Don't link automatically": "off",
    }
    assert Term.objects.get(pk=service.pk).status == Term.Status.DRAFT


def test_a_sample_sentence_ends_where_its_heading_or_list_item_ends(make_term, make_article, admin_client):
    make_article(title="Calls", body="## What it is\n\nA service answers calls")
    make_article(title="Lists", body="## Kinds\n\n- one service\n- two")
    term = make_term(title="Service", slug="service", status=Term.Status.DRAFT)
    shown = notice(publish(admin_client, term))
    assert [li.get_text() for li in shown.select(".edit-impact-sentences li")] == [
        "A service answers calls",
        "one service",
    ]


@pytest.mark.parametrize(
    ("choice", "rules"),
    [("as_written", (True, "always")), ("off", (False, "auto")), (None, (True, "auto"))],
)
def test_each_answer_publishes_with_its_link_rules(service, admin_client, choice, rules):
    answer = {"link_choice": choice} if choice else {"confirm_impact": "on"}
    response = publish(admin_client, service, **answer)
    assert response.status_code == 302
    saved = Term.objects.get(pk=service.pk)
    assert saved.status == Term.Status.PUBLISHED
    assert (saved.link_automatically, saved.match_case) == rules


def test_a_title_the_pages_write_as_a_name_publishes_without_asking(make_term, make_article, admin_client):
    make_article(body="We run Kafka daily, and Kafka keeps every event.")
    kafka = make_term(title="Kafka", slug="kafka", status=Term.Status.DRAFT)
    assert publish(admin_client, kafka).status_code == 302


def test_a_term_linked_only_when_capitalised_publishes_without_asking(service, admin_client):
    assert publish(admin_client, service, match_case="capitalised").status_code == 302


def test_renaming_a_live_term_to_a_common_word_offers_the_choices_too(make_term, make_article, admin_client):
    make_article(body="Each host runs two workers.")
    machine = make_term(title="Machine", slug="machine")
    data = change_data(machine, machine.version, title="Host")
    url = f"/admin/terms/term/{machine.pk}/change/"
    shown = notice(admin_client.post(url, data))
    assert "it would link 1 published page" in " ".join(shown.get_text().split())
    assert admin_client.post(url, {**data, "link_choice": "off"}).status_code == 302
    renamed = Term.objects.get(pk=machine.pk)
    assert (renamed.title, renamed.link_automatically) == ("Host", False)


def test_adding_a_published_term_named_by_a_common_word_asks_first(service, make_article, admin_client):
    make_article(body="Each host runs two workers.")
    new = Term(title="Host", slug="host", summary="A machine.", body="A machine.", status="published")
    new.published_at = service.published_at
    data = change_data(new, 0)
    data.pop("base_version")
    held = admin_client.post("/admin/terms/term/add/", data)
    assert held.status_code == 200
    assert "it would link 1 published page" in " ".join(notice(held).get_text().split())
    assert not Term.objects.filter(slug="host").exists()
    assert admin_client.post("/admin/terms/term/add/", {**data, "link_choice": "off"}).status_code == 302
    assert Term.objects.get(slug="host").link_automatically is False

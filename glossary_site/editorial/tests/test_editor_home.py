"""The editor's home page: the admin index lists the editor's drafts, what is
scheduled, what changed lately and broken links (glossary_site/editorial/home.py)."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from glossary_site.editorial import scheduling
from terms.models import Term


def make_editor(django_user_model, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def section(client, title):
    page = BeautifulSoup(client.get("/admin/").content, "html.parser")
    heading = page.find("h2", string=title)
    assert heading is not None, title
    return heading.find_parent("section")


def titles(found):
    return [li.a.get_text() if li.a else li.contents[0].strip() for li in found.select("li")]


def saved_by(user, term):
    term._history_user = user
    term.save()
    return term


def test_an_editor_sees_their_own_drafts_and_not_others(editor, django_user_model, make_term):
    other = make_editor(django_user_model, "olga")
    saved_by(editor, make_term(title="Mine", status=Term.Status.DRAFT))
    saved_by(other, make_term(title="Hers", status=Term.Status.DRAFT))
    saved_by(editor, make_term(title="Mine but public"))

    assert titles(section(as_user(editor), "Your drafts")) == ["Mine"]


def test_scheduled_lists_future_items_and_changes_of_live_pages_soonest_first(editor, make_term):
    now = timezone.now()
    make_term(title="Later", published_at=now + timedelta(days=3))
    live = make_term(title="Live with a change", body="Old.")
    live.body = "New."
    scheduling.schedule(live, now + timedelta(days=1), False, editor)

    found = section(as_user(editor), "Scheduled")

    assert titles(found) == ["Live with a change", "Later"]
    assert "Change goes public" in found.get_text() and "Goes public" in found.get_text()


def test_recently_changed_shows_each_page_once_newest_first_with_who(editor, make_term):
    first = make_term(title="First")
    make_term(title="Second")
    saved_by(editor, first)  # changed again, last

    found = section(as_user(editor), "Recently changed")

    assert titles(found)[:2] == ["First", "Second"]
    assert titles(found).count("First") == 1
    assert "Changed by ed" in found.select("li")[0].get_text()


def test_broken_links_lists_links_to_missing_and_unpublished_pages_only(editor, make_term):
    make_term(title="Public target", slug="public-target")
    make_term(title="Draft target", slug="draft-target", status=Term.Status.DRAFT)
    renamed = make_term(title="Renamed", slug="old-name")
    renamed.slug = "new-name"
    renamed.save()  # its old address answers 301: not broken
    make_term(
        title="Linker",
        body="See [a](/glossary/public-target/), [b](/glossary/draft-target/), "
        "[c](/glossary/no-such-term/), [d](/glossary/old-name/) and [e](/blog/no-such-article/).",
    )

    found = section(as_user(editor), "Broken links").get_text(" ", strip=True)

    assert "/glossary/draft-target/" in found
    assert "/glossary/no-such-term/" in found
    assert "/blog/no-such-article/" in found
    assert "/glossary/public-target/" not in found and "/glossary/old-name/" not in found


def test_the_stock_model_list_gives_way_to_a_compact_list_of_content_types(editor):
    page = BeautifulSoup(as_user(editor).get("/admin/").content, "html.parser")
    assert page.select_one("#content-main .app-list") is None
    types = page.find("h2", string="All content types").find_parent("section")
    links = {a.get_text(): a["href"] for a in types.select("a")}
    assert links["Terms"] == "/admin/terms/term/" and links["Articles"] == "/admin/articles/article/"


def test_the_admin_is_branded_with_the_sites_name(editor):
    page = BeautifulSoup(as_user(editor).get("/admin/").content, "html.parser")
    assert settings.SITE_NAME in page.title.get_text()
    assert settings.SITE_NAME in page.select_one("#site-name").get_text()


def _index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_the_home_page_costs_the_same_few_queries_however_much_content(editor, make_term):
    client = as_user(editor)
    now = timezone.now()
    make_term(title="Seed", body="[x](/glossary/nowhere/)")
    client.get("/admin/")  # the session and permission caches warm up
    few = _index_queries(client)

    for n in range(150):
        status = Term.Status.DRAFT if n % 3 == 0 else Term.Status.PUBLISHED
        term = make_term(
            title=f"Bulk {n}",
            status=status,
            published_at=now + timedelta(days=1 + n) if n % 5 == 0 else now - timedelta(days=n),
            body=f"Links [x](/glossary/bulk-{n + 1}/) and [y](/glossary/missing-{n}/).",
        )
        saved_by(editor, term)
    many = _index_queries(client)

    assert many == few, (few, many)
    assert many <= 20, many  # 19 now: session, user, log, and a few per kind and list

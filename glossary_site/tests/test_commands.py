"""load_demo and ensure_admin, the commands `make run` relies on."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article
from glossary_site.management.commands import ensure_admin
from terms.models import Term

SEED_TITLES = [
    "Moving our support phone lines to the cloud",
    "Designing money screens people trust",
    "Comparing four kinds of trading system",
]


def test_load_demo_twice_doubles_nothing(db, media_root):
    call_command("load_demo")
    counts = (Term.objects.count(), Article.objects.count())
    call_command("load_demo")
    assert (Term.objects.count(), Article.objects.count()) == counts
    assert counts[0] >= 26


def test_demo_has_the_model_term_and_the_three_newest_articles(db, demo):
    term = Term.objects.published().get(slug="backend-developer")
    assert term.title == "Backend Developer"
    assert term.published_at.strftime("%B %-d, %Y") == "March 19, 2024"
    assert term.reading_time == 3
    assert term.body.startswith(
        "A backend developer is a professional in the field of information technology"
    )
    assert "<h2" in term.body_html and "<ol>" in term.body_html
    assert [a.title for a in Article.objects.published()[:3]] == SEED_TITLES


def test_demo_terms_cover_most_of_the_alphabet(db, demo):
    letters = {term.letter for term in Term.objects.published()}
    assert len(letters) >= 20


def test_load_demo_leaves_an_editors_changes_alone(db, media_root):
    call_command("load_demo")
    Term.objects.filter(slug="backend-developer").update(title="Edited by an editor")
    call_command("load_demo")
    assert Term.objects.get(slug="backend-developer").title == "Edited by an editor"


def test_ensure_admin_creates_one_admin_and_keeps_its_password(db, tmp_path, monkeypatch, capsys):
    password_file = tmp_path / ".admin-password"
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", password_file)
    call_command("ensure_admin")
    password = password_file.read_text().strip()
    assert password in capsys.readouterr().out
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)

    call_command("ensure_admin")
    assert get_user_model().objects.count() == 1
    assert "exists already" in capsys.readouterr().out


def test_demo_shows_related_terms_an_alias_and_a_cover(db, demo, client):
    term = Term.objects.get(slug="backend-developer")
    assert {t.slug for t in term.related.all()} == {"frontend-developer", "api", "database"}
    assert Term.objects.get(slug="api").related.filter(slug="backend-developer").exists()  # both ways
    response = client.get("/glossary/back-end-developer/")
    assert response.status_code == 301 and response["Location"] == "/glossary/backend-developer/"
    article = Article.objects.get(slug="moving-our-support-phone-lines-to-the-cloud")
    assert (article.cover_width, article.cover_height) == (1200, 630) and article.cover_alt
    assert (demo / article.cover.name).is_file()

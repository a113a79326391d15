"""After a change of renderer, the worker renders every older body again: linked,
searchable and on its page as a save would leave it, and restartable after a kill."""

import pytest
from django.core.management import call_command
from django.db import transaction

from articles.models import Article
from glossary_site.markup import rerendering
from glossary_site.markup.markdown import RENDERER_VERSION
from glossary_site.search import indexing
from glossary_site.serving.models import StoredPage

OLD_HTML = "<p>Steps:\n- put it on a queue\n- let a worker take it</p>"  # Python-Markdown's


@pytest.fixture
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker():
    call_command("run_worker", "--batch", "--no-startup-delay", "--worker-id", "test", verbosity=0)


def rendered_by_the_old_renderer(article):
    Article.objects.filter(pk=article.pk).update(body_html=OLD_HTML, renderer_version=1)


@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_older_bodies_again_with_links_search_and_pages(
    worker_queue, make_term, make_article, client
):
    make_term(title="Queue", slug="queue")
    article = make_article(
        title="Jobs", slug="jobs", body="Steps:\n- put it on a queue\n- let a worker take it"
    )
    assert article.renderer_version == RENDERER_VERSION, "a save stamps the version"
    rendered_by_the_old_renderer(article)
    indexing.documents().filter(kind="article", object_id=article.pk).update(body="Words of the old render")
    client.get(article.get_absolute_url())  # a stored page of the old render

    run_worker()

    article.refresh_from_db()
    assert article.renderer_version == RENDERER_VERSION
    assert "<ul>\n<li>put it on a " in article.body_html
    assert 'href="/glossary/queue/"' in article.body_html, "linked as a save links"
    document = indexing.documents().get(kind="article", object_id=article.pk)
    assert "let a worker take it" in document.body and "old render" not in document.body
    page = StoredPage.objects.get(path=article.get_absolute_url())
    assert "<li>let a worker take it</li>" in page.html, "the stored page shows the new render"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_way_loses_nothing_and_the_next_one_finishes(worker_queue, make_article):
    articles = [
        make_article(title=f"Item {n}", slug=f"item-{n}", body=f"Para {n}\n- a\n- b") for n in range(5)
    ]
    for article in articles:
        rendered_by_the_old_renderer(article)

    assert rerendering.rerender_chunk(size=2) == 2  # one chunk done, then ...
    with pytest.raises(KeyboardInterrupt), transaction.atomic():
        rerendering.rerender_chunk(size=2)
        raise KeyboardInterrupt  # ... killed before the next one committed

    versions = dict(Article.objects.values_list("slug", "renderer_version"))
    assert sorted(versions.values()) == [1, 1, 1, RENDERER_VERSION, RENDERER_VERSION]

    run_worker()

    for article in Article.objects.all():
        assert article.renderer_version == RENDERER_VERSION
        assert "<ul>" in article.body_html and OLD_HTML not in article.body_html
    assert not rerendering.stale(rerendering.registry.get("article")).exists()

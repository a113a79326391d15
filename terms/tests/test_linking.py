"""A term's own linking rules, as editors set them in the admin, and what the
admin shows of the links: the stored pages, relinking and the preview agree."""

from io import StringIO

from bs4 import BeautifulSoup
from django.core.management import call_command

from terms.models import Term, TermAlias

PREVIEW = "/markdownx/markdownify/"


def test_a_new_terms_own_name_never_links_a_shorter_term_inside_it(make_term):
    make_term(title="Protocol", slug="protocol")
    udp = make_term(title="User Datagram Protocol", slug="udp", body="User Datagram Protocol drops packets.")
    assert "term-link" not in udp.body_html


def test_an_alias_added_after_the_first_save_is_unlinked_in_its_own_body(
    make_term, django_capture_on_commit_callbacks
):
    make_term(title="Class", slug="class")
    pseudo = make_term(title="State selector", slug="pseudo-class", body="A pseudo class matches state.")
    assert 'href="/glossary/class/"' in pseudo.body_html, "before the alias, 'class' is another term"
    with django_capture_on_commit_callbacks(execute=True):
        TermAlias.objects.create(term=pseudo, name="pseudo class", slug="pseudo-class-alias")
    pseudo.refresh_from_db()
    assert "term-link" not in pseudo.body_html


def test_switching_a_term_off_unlinks_it_everywhere(
    make_term, make_article, django_capture_on_commit_callbacks
):
    block = make_term(title="Block", slug="block")
    article = make_article(body="Browsers block pop-ups.")
    assert 'href="/glossary/block/"' in article.body_html
    with django_capture_on_commit_callbacks(execute=True):
        block.link_automatically = False
        block.save()
    article.refresh_from_db()
    assert "term-link" not in article.body_html


def test_an_alias_kept_from_linking_links_nothing_while_the_title_still_links(
    make_term, make_article, django_capture_on_commit_callbacks
):
    runtime = make_term(title="Container Runtime", slug="container-runtime")
    alias = TermAlias.objects.create(term=runtime, name="Runtime", slug="runtime")
    article = make_article(body="Pick a runtime that starts quickly. A container runtime starts containers.")

    def links():
        article.refresh_from_db()
        page = BeautifulSoup(article.body_html, "html.parser")
        return [(link.contents[0], link["href"]) for link in page.select("a.term-link")]

    assert links() == [("runtime", "/glossary/container-runtime/")], "before the editor's choice"
    with django_capture_on_commit_callbacks(execute=True):
        alias.link_automatically = False
        alias.save()
    assert links() == [("container runtime", "/glossary/container-runtime/")]
    assert Term.objects.published().filter(aliases__name="Runtime").exists(), "still one of the term's names"


def test_an_alias_kept_from_linking_still_keeps_a_shorter_name_inside_it_unlinked(make_term, make_article):
    make_term(title="Queue", slug="queue")
    broker = make_term(title="Message Broker", slug="message-broker")
    TermAlias.objects.create(
        term=broker, name="Message Queue", slug="message-queue", link_automatically=False
    )
    article = make_article(body="A message queue holds jobs. Each queue has a name.")
    page = BeautifulSoup(article.body_html, "html.parser")
    [link] = page.select("a.term-link")
    assert (link["href"], link.previous_sibling) == ("/glossary/queue/", "A message queue holds jobs. Each ")


def test_a_terms_own_phrases_and_the_site_wide_ones_apply_to_stored_pages(make_term, make_article, settings):
    make_term(title="Safe", slug="safe", never_link_in="safe to retry\nsafe to say")
    make_term(title="Instance", slug="instance")
    article = make_article(body="For instance, a GET is safe to retry. Mark the method safe.")
    links = article.body_html.count("term-link")
    assert links == 1 and ">safe</a>. " not in article.body_html and "method <a" in article.body_html


def test_match_case_always_keeps_the_lowercase_verb_unlinked(make_term, make_article):
    make_term(title="Go", slug="go", match_case="always")
    article = make_article(body="Let us go. Go compiles fast.")
    assert article.body_html.count("term-link") == 1 and "Let us go. <a" in article.body_html


def test_two_published_terms_sharing_a_title_are_left_for_the_editor(make_term, make_article):
    make_term(title="Node", slug="node-dom")
    make_term(title="Node", slug="node-runtime")
    article = make_article(body="Every node in the tree.")
    assert "term-link" not in article.body_html


def test_the_preview_of_a_draft_term_never_links_inside_its_own_name(staff_client, make_term):
    make_term(title="Protocol", slug="protocol")
    draft = make_term(title="User Datagram Protocol", slug="udp", status="draft")
    html = staff_client.post(f"{PREVIEW}?own_term={draft.pk}", {"content": "User Datagram Protocol."}).content
    assert b"term-link" not in html


def test_the_preview_keeps_opted_out_words_plain(staff_client, make_term):
    make_term(title="Server", slug="server")
    html = staff_client.post(PREVIEW, {"content": "A [server]{.nolink}, a server."}).content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert [link.get_text() for link in page.select("a.term-link")] == ["server"]
    assert html.startswith("<p>A server, a <a") and "nolink" not in html


def test_the_admin_lists_the_pages_linking_a_term_with_the_sentence(make_term, make_article, admin_client):
    ledger = make_term(title="Ledger", slug="ledger")
    make_article(title="Payments", body="# Intro\n\nEvery payment lands in the ledger. Then it settles.")
    make_term(title="Journal", slug="journal", body="Unlike a ledger, a journal is raw.")
    make_article(title="Unrelated", body="Nothing here.")
    page = admin_client.get(f"/admin/terms/term/{ledger.pk}/change/").content.decode()
    assert "2 pages link this term automatically" in page
    assert "Every payment lands in the <strong>ledger</strong>." in page
    assert "Unlike a <strong>ledger</strong>, a journal is raw." in page
    assert "Unrelated" not in page


def test_the_admin_says_when_no_page_links_a_term(make_term, admin_client):
    lonely = make_term(title="Lonely", slug="lonely")
    page = admin_client.get(f"/admin/terms/term/{lonely.pk}/change/").content.decode()
    assert "No page links this term automatically." in page
    assert Term.objects.get(pk=lonely.pk).link_automatically


def test_a_draft_terms_name_keeps_a_shorter_term_inside_it_unlinked(make_term, make_article):
    make_term(title="Gateway", slug="gateway")
    make_term(title="Payment Gateway", slug="payment-gateway", status=Term.Status.DRAFT)
    article = make_article(body="Our payment gateways retry. Any gateway would.")
    page = BeautifulSoup(article.body_html, "html.parser")
    assert [(a.get_text(), a["href"]) for a in page.select("a.term-link")] == [
        ("gateway", "/glossary/gateway/")
    ]


def test_a_plural_title_links_the_singular_in_stored_pages(make_term, make_article):
    make_term(title="Queues", slug="queues")
    article = make_article(body="Put the job on a queue.")
    assert [a.get_text() for a in BeautifulSoup(article.body_html, "html.parser").select("a.term-link")] == [
        "queue"
    ]


def test_a_new_draft_unlinks_the_shorter_name_inside_its_own(
    make_term, make_article, django_capture_on_commit_callbacks
):
    make_term(title="Gateway", slug="gateway")
    article = make_article(body="Our payment gateway retries.")
    assert "term-link" in article.body_html
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="Payment Gateway", slug="payment-gateway", status=Term.Status.DRAFT)
    article.refresh_from_db()
    assert "term-link" not in article.body_html


def test_a_new_term_links_the_pages_with_its_other_word_forms(
    make_term, make_article, django_capture_on_commit_callbacks
):
    singular = make_article(body="Put the job on a queue.")
    compound = make_article(body="Each time stamp is in UTC.")
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="Queues", slug="queues")
        make_term(title="Timestamp", slug="timestamp")
    for article, words in ((singular, "queue"), (compound, "time stamp")):
        article.refresh_from_db()
        assert [a.get_text() for a in BeautifulSoup(article.body_html, "html.parser").select("a")] == [words]


def test_a_term_linked_only_when_capitalised_leaves_the_common_word_alone(make_term, make_article):
    make_term(title="Service", slug="service", match_case="capitalised")
    article = make_article(body="Good service quality matters. The Service runs the jobs.")
    assert [a.get_text() for a in BeautifulSoup(article.body_html, "html.parser").select("a.term-link")] == [
        "Service"
    ]


def test_link_only_when_capitalised_goes_out_in_a_content_file_and_comes_back(tmp_path, make_term):
    make_term(title="Service", slug="service", match_case="capitalised")
    call_command("export_content", tmp_path, stdout=StringIO())
    assert "match_case: capitalised\n" in (tmp_path / "terms" / "service.md").read_text()
    Term.objects.all().delete()
    call_command("import_content", tmp_path, stdout=StringIO())
    assert Term.objects.get(slug="service").match_case == "capitalised"

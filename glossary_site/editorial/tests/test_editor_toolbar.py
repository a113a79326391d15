"""What the body editor's toolbar (static/js/admin-toolbar.js) needs from the form:
its script and stylesheet beside markdownx's, and the addresses it reads from the
text box. What it does is tested in a browser (glossary_site/tests/test_editor_browser.py)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from glossary_site.markup.alt_text import PLACEHOLDER


@pytest.mark.parametrize("url", ["/admin/terms/term/add/", "/admin/articles/article/add/"])
def test_the_add_forms_load_the_toolbar_beside_markdownx(editor_client, url):
    page = BeautifulSoup(editor_client.get(url).content, "html.parser")
    scripts = [tag["src"] for tag in page.select("script[src]")]
    assert any("markdownx/js/markdownx" in src for src in scripts)
    assert any(src.endswith("js/admin-toolbar.js") for src in scripts)
    assert any(tag["href"].endswith("css/admin-toolbar.css") for tag in page.select("link[rel=stylesheet]"))


def test_the_body_box_tells_the_toolbar_where_to_upload_and_check_term_links(editor_client):
    page = BeautifulSoup(editor_client.get("/admin/terms/term/add/").content, "html.parser")
    box = page.select_one("textarea.markdownx-editor[name=body]")
    assert box["data-markdownx-upload-urls-path"] == settings.MARKDOWNX_UPLOAD_URLS_PATH
    assert box["data-glossary-prefix"] == "/glossary/"
    assert box["data-link-check-url"].endswith("/link-check/")
    assert box["id"] == "id_body"  # the toolbar's aria-controls points at it


def test_the_toolbar_selects_the_uploads_alt_placeholder_for_the_editor_to_type_over():
    script = (settings.BASE_DIR / "static" / "js" / "admin-toolbar.js").read_text()
    assert f'const ALT_PLACEHOLDER = "{PLACEHOLDER}";' in script

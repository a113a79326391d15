"""What an editor meets in the admin: byline, tags and a cover that must be a real image with alt text."""

from django.utils import timezone

from articles.models import Article
from glossary_site.testing.images import image_bytes


def article_form(**fields):
    now = timezone.now()
    data = {
        "title": "With a cover",
        "slug": "with-a-cover",
        "summary": "",
        "body": "Text.",
        "status": "published",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "cover_alt": "",
    }
    return {**data, **fields}


def test_article_form_offers_author_tags_and_cover(admin_client):
    page = admin_client.get("/admin/articles/article/add/").content.decode()
    for name in ("author", "tags", "cover", "cover_alt"):
        assert f'name="{name}"' in page
    assert 'enctype="multipart/form-data"' in page


def test_a_cover_without_alt_text_is_refused_with_the_reason(admin_client, cover_upload):
    response = admin_client.post("/admin/articles/article/add/", article_form(cover=cover_upload()))
    assert response.status_code == 200
    assert "Describe the cover image" in response.content.decode()
    assert not Article.objects.exists()


def test_a_cover_in_a_format_the_site_does_not_serve_is_refused(admin_client, cover_upload):
    # Django's own image field takes anything Pillow reads (BMP, TIFF...); ours does not.
    bmp = cover_upload("cover.bmp", image_bytes(fmt="BMP"))
    response = admin_client.post("/admin/articles/article/add/", article_form(cover=bmp, cover_alt="Text."))
    assert response.status_code == 200
    assert "Only PNG, JPEG, WebP and GIF images can be uploaded." in response.content.decode()
    assert not Article.objects.exists()


def test_an_article_saves_with_author_tags_and_a_described_cover(
    admin_client, cover_upload, make_author, make_tag
):
    author, tag = make_author("Ada"), make_tag("Fintech")
    form = article_form(author=author.pk, tags=[tag.pk], cover=cover_upload(), cover_alt="A teal square.")
    response = admin_client.post("/admin/articles/article/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert (article.author, list(article.tags.all())) == (author, [tag])
    assert (article.cover_width, article.cover_height, article.cover_alt) == (8, 6, "A teal square.")


def test_article_list_filters_by_tag_and_author(admin_client, make_article, make_author, make_tag):
    make_article(author=make_author("Ada")).tags.add(make_tag("Fintech"))
    page = admin_client.get("/admin/articles/article/").content.decode()
    assert "By tags" in page and "By author" in page


def test_tags_and_authors_have_admin_pages_with_search(admin_client, make_tag, make_author):
    make_tag("Fintech")
    make_author("Ada Lovelace")
    assert "Fintech" in admin_client.get("/admin/articles/tag/?q=fin").content.decode()
    assert "Ada Lovelace" in admin_client.get("/admin/articles/author/?q=ada").content.decode()
    assert admin_client.get("/admin/articles/author/add/").status_code == 200

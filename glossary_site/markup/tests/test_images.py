"""Responsive images: WebP versions made by the worker, offered in <picture>."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from glossary_site.markup import images, relinking
from glossary_site.markup.models import ResponsiveImage

UPLOAD = "/markdownx/upload/"


def png(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(staff_client, size, capture):
    """Upload as an editor does; the worker's task runs when the upload commits."""
    with capture(execute=True):
        code = staff_client.post(UPLOAD, {"image": SimpleUploadedFile("p.png", png(size))}).json()[
            "image_code"
        ]
    return code.split("(", 1)[1].rstrip(")")


@pytest.mark.parametrize(
    ("width", "fmt", "expected"),
    [
        (2000, "PNG", [480, 960, 1600]),
        (1200, "JPEG", [480, 960, 1200]),
        (800, "PNG", [480, 800]),
        (300, "GIF", [300]),
        (800, "WEBP", [480]),
        (480, "PNG", [480]),
    ],
)
def test_versions_are_never_wider_than_the_original(width, fmt, expected):
    assert images.widths_for(width, fmt) == expected


def test_an_upload_gets_webp_versions_of_the_right_sizes(
    staff_client, media_root, django_capture_on_commit_callbacks
):
    url = upload(staff_client, (2000, 1000), django_capture_on_commit_callbacks)
    name = url.removeprefix("/media/")
    assert ResponsiveImage.objects.get(name=name).widths == [480, 960, 1600]
    for width in (480, 960, 1600):
        with Image.open(media_root / images.version_name(name, width)) as version:
            assert version.format == "WEBP" and version.size == (width, width // 2)


def test_a_body_offers_the_webp_versions_before_the_original(
    staff_client, make_term, client, django_capture_on_commit_callbacks
):
    url = upload(staff_client, (2000, 1000), django_capture_on_commit_callbacks)
    term = make_term(title="Chart", slug="chart", body=f"![A chart]({url})")
    page = BeautifulSoup(client.get(term.get_absolute_url()).content, "html.parser")
    picture = page.select_one(".prose picture")
    source, image = picture.find_all(["source", "img"])
    assert source["type"] == "image/webp" and source["sizes"] == images.SIZES
    stem = url.removeprefix("/media/").rsplit(".", 1)[0]
    assert source["srcset"] == ", ".join(f"/media/versions/{stem}-{w}w.webp {w}w" for w in (480, 960, 1600))
    assert image["src"] == url and (image["width"], image["height"]) == ("2000", "1000")


def test_a_body_saved_before_the_versions_exist_gets_them_when_they_do(
    staff_client, make_term, client, django_capture_on_commit_callbacks
):
    # The upload's task has not run yet: the page shows the original alone.
    url = staff_client.post(UPLOAD, {"image": SimpleUploadedFile("p.png", png((1000, 500)))}).json()[
        "image_code"
    ]
    url = url.split("(", 1)[1].rstrip(")")
    term = make_term(title="Chart", slug="chart", body=f"![A chart]({url})")
    before = BeautifulSoup(client.get(term.get_absolute_url()).content, "html.parser")
    assert before.select_one(".prose picture") is None and before.select_one(".prose img")["src"] == url
    images.make_versions.call(url.removeprefix("/media/"))
    after = BeautifulSoup(client.get(term.get_absolute_url()).content, "html.parser")
    assert after.select_one(".prose picture source")["srcset"].endswith("-1000w.webp 1000w")


def test_saving_again_keeps_one_picture(staff_client, make_term, django_capture_on_commit_callbacks):
    url = upload(staff_client, (900, 600), django_capture_on_commit_callbacks)
    term = make_term(title="Chart", slug="chart", body=f"![A chart]({url})")
    term.save()
    relinking.relink({("term", term.pk)}, from_stored=True)  # linked again from its stored HTML
    term.refresh_from_db()
    assert term.body_html.count("<picture>") == 1 and term.body_html.count("<source") == 1


def test_editors_cannot_write_picture_or_source_themselves(make_term):
    body = '<picture><source type="image/webp" srcset="https://evil.example/x.webp 1w"><img src="/x.png"></picture>'
    term = make_term(title="Sneaky", slug="sneaky", body=body)
    assert "<source" not in term.body_html and "evil.example" not in term.body_html


def test_an_article_cover_is_offered_in_webp(
    make_article, client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Covered", slug="covered", cover_alt="A blue field")
        article.cover.save("blue.png", SimpleUploadedFile("blue.png", png((1200, 600))), save=False)
        article.save()
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    picture = page.select_one("picture")
    assert picture.source["srcset"].endswith("-1200w.webp 1200w")
    cover = picture.select_one("img.entry-cover")
    assert (cover["width"], cover["height"]) == ("1200", "600")


def test_the_command_queues_images_uploaded_before_versions_existed(media_root, capsys, db):
    (media_root / "uploads").mkdir()
    Image.new("RGB", (700, 350)).save(media_root / "uploads" / "old-700x350.png")
    Image.new("RGB", (100, 50)).save(media_root / "uploads" / "done-100x50.png")
    ResponsiveImage.objects.create(name="uploads/done-100x50.png", widths=[100])
    call_command("make_image_versions")  # the tests' task backend runs each task at once
    assert "queued 1 of 2 image(s)" in capsys.readouterr().out
    assert ResponsiveImage.objects.get(name="uploads/old-700x350.png").widths == [480, 700]
    assert (media_root / "versions/uploads/old-700x350-480w.webp").exists()


def test_an_animated_gif_is_left_as_it_is(media_root, db):
    (media_root / "uploads").mkdir()
    frames = [Image.new("RGB", (600, 300), color) for color in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(media_root / "uploads" / "anim-600x300.gif", save_all=True, append_images=frames[1:])
    assert images.make_versions.call("uploads/anim-600x300.gif") == []
    assert not Article.objects.exists() and ResponsiveImage.objects.get().widths == []


def test_a_body_saved_while_the_worker_makes_its_versions_still_gets_them(
    staff_client, make_term, client, django_capture_on_commit_callbacks
):
    url = staff_client.post(UPLOAD, {"image": SimpleUploadedFile("p.png", png((1000, 500)))}).json()[
        "image_code"
    ]
    url = url.split("(", 1)[1].rstrip(")")
    name = url.removeprefix("/media/")
    with django_capture_on_commit_callbacks(execute=True):
        term = make_term(title="Chart", slug="chart", body=f"![A chart]({url})")
        # Meanwhile, in the worker: the versions recorded and the bodies it could see
        # rendered again; this one, not committed yet, was not among them.
        ResponsiveImage.objects.create(name=name, widths=images.widths_for(1000, "PNG"))
    page = BeautifulSoup(client.get(term.get_absolute_url()).content, "html.parser")
    assert page.select_one(".prose picture source")["srcset"].endswith("-1000w.webp 1000w")


@pytest.mark.django_db(transaction=True)
def test_versions_cut_off_by_a_killed_worker_are_made_by_the_next_one(
    settings, staff_client, make_term, client
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    url = staff_client.post(UPLOAD, {"image": SimpleUploadedFile("p.png", png((1000, 500)))}).json()[
        "image_code"
    ]
    url = url.split("(", 1)[1].rstrip(")")
    term = make_term(title="Chart", slug="chart", body=f"![A chart]({url})")
    # The worker took the run and was killed during it (SIGKILL: no cleanup).
    DBTaskResult.objects.filter(task_path=images.make_versions.module_path).update(
        status="RUNNING", worker_ids=["test"]
    )

    call_command("run_worker", "--batch", "--no-startup-delay", "--worker-id", "test", verbosity=0)

    assert ResponsiveImage.objects.get(name=url.removeprefix("/media/")).widths == [480, 960, 1000]
    page = BeautifulSoup(client.get(term.get_absolute_url()).content, "html.parser")
    assert page.select_one(".prose picture source")["srcset"].endswith("-1000w.webp 1000w")

"""Queue the WebP versions of images uploaded before the site made them.

`manage.py make_image_versions` enqueues one task per stored upload and cover that
has no versions yet (`--all`: every one, e.g. after RESPONSIVE_IMAGE_WIDTHS
changed); the background worker (`manage.py run_worker`) makes them and renders
again the pages that show each image."""

from django.core.management.base import BaseCommand

from glossary_site.markup import images
from glossary_site.markup.models import ResponsiveImage


class Command(BaseCommand):
    help = "Queue WebP versions of stored images for the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Make them again for every image.")

    def handle(self, *args, all=False, **options):
        names = images.stored_images()
        done = set() if all else set(ResponsiveImage.objects.values_list("name", flat=True))
        queued = [name for name in names if name not in done]
        for name in queued:
            images.make_versions.enqueue(name)
        self.stdout.write(f"queued {len(queued)} of {len(names)} image(s) for the worker")

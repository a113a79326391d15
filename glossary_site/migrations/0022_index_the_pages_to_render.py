# For pages.to_do(), the worker's list of pages to render (`stale OR build < current
# OR build > current`): the old partial index on stale rows could not serve it (no
# SQLite plan searches an index of `path` for `stale`), and without an index on
# `build` each call read every stored page.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("glossary_site", "0021_old_addresses_per_language"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="storedpage",
            name="storedpage_stale_idx",
        ),
        migrations.AddIndex(
            model_name="storedpage",
            index=models.Index(
                condition=models.Q(("stale", True)), fields=["stale"], name="storedpage_to_do_stale_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="storedpage",
            index=models.Index(fields=["build"], name="storedpage_to_do_build_idx"),
        ),
    ]

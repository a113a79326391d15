"""Create the `admin` superuser on a fresh local site, once.

The random password is printed once and kept in an ignored file so that the
person who ran `make run` can always find it again.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


class Command(BaseCommand):
    help = "Create the 'admin' superuser with a random password if no superuser exists."

    def handle(self, *args, **options):
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            where = f" (password in {PASSWORD_FILE.name})" if PASSWORD_FILE.exists() else ""
            self.stdout.write(f"An admin account exists already{where}.")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser("admin", email="", password=password)
        PASSWORD_FILE.write_text(password + "\n", encoding="utf-8")
        PASSWORD_FILE.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Created admin user 'admin' with password: {password}")
            + f"\n(saved in {PASSWORD_FILE.name}; log in at /admin/)"
        )

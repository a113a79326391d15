"""Failed admin logins, counted so that guessing cannot be turned against an editor.

django-axes locks the pair of username and address after AXES_FAILURE_LIMIT
failures within AXES_COOLOFF_TIME (settings.py), never the account itself: its
owner, from an address that has not failed, still logs in. What the pair cannot
stop is a username guessed at from many addresses; this slows those addresses
down instead of locking anyone out. Once a username has had SLOW_AFTER failures
within the cool-off time, from anywhere, an address that failed for it must wait
SLOW_SECONDS after its last failure before trying that username again, and the
form says for how long. Nothing sleeps, so no worker is held; an address that has
not failed for the username is never refused; and the count is axes' own records,
so unlocking in the admin or with `axes_reset_username` ends the wait too."""

import math

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Max, Q, Sum
from django.utils import timezone

from glossary_site.serving.security import client_ip

SLOW_AFTER = 3
SLOW_SECONDS = 60


def wait(username, address, now=None):
    """Seconds `address` must still wait before trying `username`, or None."""
    if not username or not address:
        return None
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - settings.AXES_COOLOFF_TIME
    )
    seen = recent.aggregate(
        failures=Sum("failures_since_start"),
        last_here=Max("attempt_time", filter=Q(ip_address=address)),
    )
    if (seen["failures"] or 0) < SLOW_AFTER or seen["last_here"] is None:
        return None
    left = math.ceil(SLOW_SECONDS - (now - seen["last_here"]).total_seconds())
    return left if left > 0 else None


class ThrottledLoginForm(AdminAuthenticationForm):
    """The admin's login form, which first asks whether this address must wait."""

    def clean(self):
        username = self.cleaned_data.get("username")
        seconds = wait(username, client_ip(self.request)) if self.request is not None else None
        if seconds is not None:
            # Refused before the password is checked: nothing is learnt, nothing counted.
            raise ValidationError(
                "This account has had many failed logins lately, some from your address: "
                f"try again in {seconds} s.",
                code="throttled",
            )
        return super().clean()

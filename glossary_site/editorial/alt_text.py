"""Alt text before publishing: a body whose image has no alt text, or the upload's
placeholder "Describe this image", cannot be published (or stay published); a
draft may be saved with it, so the editor can finish later. The same rule holds
for the Publish and Schedule actions of the lists (editorial/admin.py)."""

from glossary_site.editorial.conflicts import ConflictCheckingForm
from glossary_site.markup.alt_text import PLACEHOLDER, images_without_alt

SHOWN = 3  # images named in the message


def problem(body):
    """Why the body may not be published, or ""."""
    missing = images_without_alt(body)
    if not missing:
        return ""
    named = ", ".join(missing[:SHOWN]) + (f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else "")
    return (
        f"Not published: {len(missing)} image(s) have no alt text ({named}). Write what each image shows "
        f"between ![ and ]; “{PLACEHOLDER}” is the upload's prompt, not alt text. To finish later, "
        "save it as a draft."
    )


class AltTextCheckingForm(ConflictCheckingForm):
    """Runs after a conflict's merge, on the body that would be saved."""

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status", self.instance.status)
        if status == self.instance.Status.PUBLISHED and "body" in cleaned:
            message = problem(cleaned["body"])
            if message:
                self.add_error("body", message)
        return cleaned

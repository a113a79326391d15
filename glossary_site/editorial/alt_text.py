"""Alt text before publishing: a body whose image has no alt text, or the upload's
placeholder "Describe this image", cannot be published (or stay published); a
draft may be saved with it, so the editor can finish later. The same rule holds
for the Publish and Schedule actions of the lists (editorial/admin.py); the item
form runs AltTextCheck (editorial/forms.py)."""

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


class AltTextCheck:
    """The item form's check that refuses to publish a body with an image lacking alt
    text. Adds no field; runs after the conflict check, on the body a merge would save."""

    fields = {}

    def __init__(self, form):
        self.form = form

    def clean(self, cleaned):
        instance = self.form.instance
        status = cleaned.get("status", instance.status)
        if status == instance.Status.PUBLISHED and "body" in cleaned:
            message = problem(cleaned["body"])
            if message:
                self.form.add_error("body", message)

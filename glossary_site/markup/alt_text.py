"""Alt text of the images a body shows: readers who cannot see an image get only it.

An upload inserts ![Describe this image](…) to prompt the editor; that placeholder
says nothing of the image, so it counts as no alt text at all. The editor warns as
the editor types (static/js/admin-editor.js), and the admin refuses to publish a
body with such an image (editorial/alt_text.py)."""

import re

PLACEHOLDER = "Describe this image"

# Fenced code and inline code show Markdown; they hold no image.
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]*`", re.S | re.M)
# ![alt](source …) and ![alt][reference]
_IMAGE = re.compile(r"!\[([^\]]*)\]\s*(?:\(\s*<?([^)\s>]*)|\[([^\]]*)\])")


def images_without_alt(markdown):
    """The sources (or reference names) of the body's images whose alt text is
    empty or the upload's placeholder, in order."""
    text = _CODE.sub("", markdown or "")
    return [
        source or reference
        for alt, source, reference in _IMAGE.findall(text)
        if not alt.strip() or alt.strip().casefold() == PLACEHOLDER.casefold()
    ]

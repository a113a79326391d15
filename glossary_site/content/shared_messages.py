"""Messages the catalogs carry for parts of the page other work adds (the notice on
an out-of-date translation, the language switcher): marked here so `make messages`
keeps them and their translations until a template uses them itself."""

from django.utils.translation import gettext_noop

OUT_OF_DATE_MESSAGES = (
    gettext_noop("This translation may be out of date"),
    gettext_noop(
        'The original has changed since this page was translated. <a href="%(url)s">Read the original '
        "(%(language)s)</a>."
    ),
)
LANGUAGE_SWITCHER_MESSAGES = (
    gettext_noop("This page is also available in"),
    gettext_noop("Not available in other languages yet."),
    gettext_noop("Language"),
)

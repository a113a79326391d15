"""Log lines that stay one line, and keep no secret from an address.

Tracebacks are folded so log tools see one event. A review link's token
(/review/<token>/, editorial/review.py) opens a draft for anyone who has it, so
every line, gunicorn's access log included (gunicorn.conf.py), shows it as
REDACTED, in the request line, the Referer or a message naming the path."""

import logging
import re

# The path segment after /review/, raw (/review/abc/) or with its slash encoded.
SECRET_PATH = re.compile(r"(/review(?:/|%2f))[^/?#\s\"]+", re.IGNORECASE)
REDACTED = "REDACTED"


def redact(text):
    """`text` with every review token replaced by REDACTED."""
    return SECRET_PATH.sub(rf"\g<1>{REDACTED}", text)


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        message = redact(super().format(record))
        return message.replace("\n", " | ")

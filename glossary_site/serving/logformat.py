"""Log lines that stay one line: tracebacks are folded so log tools see one event."""

import logging


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        message = super().format(record)
        return message.replace("\n", " | ")

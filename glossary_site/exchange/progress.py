"""The progress lines of a long import, on a stream (the command's stderr)."""

import time

PROGRESS_FROM = 100  # items; smaller imports need no progress line


class Progress:
    """A progress line every 5 %: done, rate and time left, for imports that take a
    while. (The links are made after the last item, in the same transaction.)
    `stream` None: nothing is shown."""

    def __init__(self, total, stream, doing="Importing"):
        self.total, self.stream, self.doing, self.count, self.shown = total, stream, doing, 0, -1
        self.started = time.monotonic()

    def step(self, count=1):
        self.count += count
        percent = self.count * 100 // self.total if self.total else 100
        if self.stream is not None and percent // 5 > self.shown:
            self.shown = percent // 5
            elapsed = max(time.monotonic() - self.started, 1e-6)
            rate = self.count / elapsed
            left = (self.total - self.count) / rate
            bar = "#" * (percent // 5) + "." * (20 - percent // 5)
            self.stream.write(
                f"{self.doing} [{bar}] {self.count}/{self.total} ({percent}%), "
                f"{rate:,.0f} items/s, {duration(left)} left"
            )

    def done(self):
        if self.stream is not None:
            self.stream.write(
                f"Saved {self.count} items in {duration(time.monotonic() - self.started)}; linking bodies"
            )
            self.stream.flush()


def shown_for(items, stream):
    """The stream, for an import large enough to show its progress; else None."""
    return stream if items >= PROGRESS_FROM else None


def linking(items, stream):
    """progress(done, total) of the bodies linked at the end of the batch."""
    bar = Progress(0, shown_for(items, stream), "Linking")

    def linked(done, total):
        if done == 0:  # starting: the rate counts from here
            bar.total, bar.started = total, time.monotonic()
            return
        bar.step(done - bar.count)

    return linked


def duration(seconds):
    seconds = int(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"

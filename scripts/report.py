"""The one progress channel: library code says what it did through a `Reporter`; only the
command line decides where it goes."""
from __future__ import annotations

import sys


class Reporter:
    """The one place progress is printed; library code reports through it."""

    def __init__(self, quiet: bool = False, stream=None) -> None:
        self.quiet = quiet
        self.stream = stream

    def __call__(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=self.stream or sys.stderr)

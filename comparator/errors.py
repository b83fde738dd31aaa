"""User errors: named exceptions the CLI turns into one line on stderr and exit code 2."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class ComparatorError(Exception):
    """An error in what the user gave us (files, codebook, gold), not a bug."""


class InputError(ComparatorError):
    """An article file that cannot be used: missing, unreadable, empty, binary, too large."""


class CodebookError(ComparatorError):
    """A codebook that is not valid; lists every problem with its path."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        listed = "; ".join(self.problems)
        super().__init__(f"codebook {source}: {len(self.problems)} problem(s): {listed}")

    def __reduce__(self):
        return type(self), (self.source, self.problems)  # picklable, so it crosses from a helper process


class GoldError(ComparatorError):
    """A hand-coding (gold) file that cannot be used."""


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM arrived: unwind so every cleanup runs, then exit with 128 + the signal's number.

    Not ``KeyboardInterrupt``: CPython may swallow an exception raised while a C extension imports (seen with
    ``_elementtree``), and one that is a ``KeyboardInterrupt`` makes the interpreter kill itself with SIGINT at
    exit even after it was handled. So the signal is also remembered, and ``check_stopped`` raises again before
    a brief is put in place."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


_STOPS: list[int] = []  # the signals that arrived during this command


@contextmanager
def stops_unwind() -> Iterator[None]:
    """Within: SIGINT and SIGTERM raise ``Interrupted`` (and are remembered for ``check_stopped``)."""
    _STOPS.clear()
    previous = {sig: signal.signal(sig, _on_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _STOPS.clear()  # a stop belongs to the command it arrived in


def _on_stop(signum: int, frame) -> None:
    _STOPS.append(signum)
    raise Interrupted(signum)


def check_stopped() -> None:
    """Raise ``Interrupted`` if a stop arrived, even one some library swallowed on its way up."""
    if _STOPS:
        raise Interrupted(_STOPS[0])

"""User errors: named exceptions the CLI turns into one line on stderr and exit code 2."""

from __future__ import annotations


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
    """SIGTERM arrived: unwind like KeyboardInterrupt does for SIGINT, so every cleanup runs."""

    exit_code = 143

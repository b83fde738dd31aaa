"""What the tests share besides fixtures: where the data lives and two ways to run the command."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold.yaml"
DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def invoke_cli(*args: str) -> subprocess.CompletedProcess:
    """The command in this process (click's runner): the same exit code, stdout and stderr as a user sees,
    without the cost of starting Python for every refusal."""
    from click.testing import CliRunner

    from comparator.cli import main

    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "comparator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def weasyprint_warnings():
    """Like caplog at WARNING for logger 'weasyprint', but usable around a module-scoped build."""
    logger = logging.getLogger("weasyprint")
    handler, level = _Collect(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)

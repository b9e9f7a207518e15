"""Shared test helpers: where the shared sample lives and where the project's fixtures are."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = SHARED / "000_4248eb844d2ba1f1.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``jixiao ARGS`` in this process, 200 columns wide: exit code, stdout, stderr.
    (Rich fixes a console's width when it is made if COLUMNS is set then, as it is in
    pytest-xdist's workers: the command line's consoles, made at import, are widened here.)"""
    from jixiao import terminal
    from jixiao.cli import app

    terminal.out.size = terminal.err.size = (200, 50)
    result = CliRunner().invoke(app, list(args), input=stdin, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session")
def sample_path() -> Path:
    assert SAMPLE.exists(), f"the shared sample must sit beside the checkout: {SAMPLE}"
    return SAMPLE

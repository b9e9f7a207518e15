"""``scripts/venv-python``: the interpreter ``scripts/setup`` makes ``.venv`` from
(``JIXIAO_PYTHON``; else Debian's own Python 3.11 when it has venv and its headers; else
python3), and the test run's own interpreter is the one it names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "venv-python"


def chosen(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "JIXIAO_PYTHON"}
    done = subprocess.run(
        [str(SCRIPT)], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def stand_in(folder: Path, exit_code: int) -> Path:
    """A stand-in interpreter whose check for venv and headers exits with ``exit_code``."""
    path = folder / f"python-{exit_code}"
    path.write_text(f"#!/bin/sh\nexit {exit_code}\n")
    path.chmod(0o755)
    return path


def test_jixiao_python_is_taken_as_it_is() -> None:
    assert chosen(JIXIAO_PYTHON="/opt/my/python3.12") == "/opt/my/python3.12"


def test_the_distribution_python_when_it_has_venv_and_headers(tmp_path: Path) -> None:
    good, bad = stand_in(tmp_path, 0), stand_in(tmp_path, 1)
    assert chosen(JIXIAO_DISTRO_PYTHON=str(good)) == str(good)
    assert chosen(JIXIAO_DISTRO_PYTHON=str(bad)) == "python3"
    assert chosen(JIXIAO_DISTRO_PYTHON=str(tmp_path / "missing")) == "python3"


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (ROOT / ".venv").resolve() or "JIXIAO_PYTHON" in os.environ,
    reason="runs in the .venv that scripts/setup made with its own choice",
)
def test_the_tests_run_on_the_interpreter_it_names() -> None:
    # (as scripts/setup compares them: the real path of each one's base interpreter)
    real_path = "import os, sys; print(os.path.realpath(sys._base_executable))"
    named = subprocess.check_output([chosen(), "-c", real_path], text=True).strip()
    assert Path(os.path.realpath(sys._base_executable)) == Path(named)

"""Settings made at first start: the secret key kept in the data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.web.settings import secret_key

PRINT_KEY = "import jixiao.web.settings as s; print(s.SECRET_KEY)"


def test_a_key_is_made_once_and_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = secret_key(data)
    kept = data / "secret_key"
    assert len(first) >= 50 and kept.read_text("utf-8") == first
    assert kept.stat().st_mode & 0o777 == 0o600
    assert secret_key(data) == first  # read back, not made again
    assert not list(data.glob(".secret_key.*"))  # no draft left


def test_a_failed_first_start_leaves_no_key_and_no_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise PermissionError(dst)

    monkeypatch.setattr(os, "link", refuse)
    with pytest.raises(PermissionError):
        secret_key(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_processes_starting_together_share_one_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JIXIAO_SECRET_KEY"}
    env["JIXIAO_DATA"] = str(tmp_path / "data")
    starting = [
        subprocess.Popen(
            [sys.executable, "-c", PRINT_KEY], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(8)
    ]
    keys = {p.communicate()[0].strip() for p in starting}
    assert all(p.returncode == 0 for p in starting)
    assert keys == {(tmp_path / "data" / "secret_key").read_text("utf-8")}

"""Settings made at first start: the secret key kept in the data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PRINT_KEY = "import jixiao.web.settings as s; print(s.SECRET_KEY)"


def test_processes_starting_together_share_one_whole_secret_key(tmp_path: Path) -> None:
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
    kept = tmp_path / "data" / "secret_key"
    assert keys == {kept.read_text("utf-8")} and len(kept.read_text("utf-8")) >= 50
    assert kept.stat().st_mode & 0o777 == 0o600
    assert not list(kept.parent.glob(".secret_key.*"))  # no draft left

"""Bad input and bad targets: an export that cannot be written says so and leaves no half
file; an input that failed to read stops the export."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import jixiao
from jixiao.pipeline import Run
from jixiao.writers.output import ExportError, atomic, failures, require_complete, write_files
from jixiao.writers.xlsx import write_xlsx


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_missing_folder(pujiang: Run, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="目标文件夹不存在"):
        write_xlsx(pujiang.results[:1], tmp_path / "nope" / "a.xlsx", pujiang.profile)
    assert leftovers(tmp_path) == []


def unwritable(tmp_path: Path) -> Path:
    """A folder this process may not write into (as root, a sysfs folder: root may write
    anywhere else)."""
    if os.geteuid() == 0:
        return Path("/sys/kernel")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def test_no_permission(pujiang: Run, tmp_path: Path) -> None:
    folder = unwritable(tmp_path)
    before = leftovers(folder)
    with pytest.raises(ExportError, match=r"权限|无法在|Permission"):
        write_xlsx(pujiang.results[:1], folder / "a.xlsx", pujiang.profile)
    assert leftovers(folder) == before


def test_a_failure_midway_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("writer broke")
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == ["a.xlsx"]


def test_a_folder_of_files_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    paths = write_files(out, {"a.csv": b"1", "b.csv": b"2"})
    assert [p.read_bytes() for p in paths] == [b"1", b"2"] and leftovers(out) == ["a.csv", "b.csv"]
    with pytest.raises(ExportError, match="目标文件夹不存在"):
        write_files(tmp_path / "x" / "y", {"a.csv": b"1"})


def test_target_that_is_a_folder(pujiang: Run, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="是一个文件夹"):
        write_xlsx(pujiang.results[:1], tmp_path, pujiang.profile)


def test_unreadable_input_stops_the_export(sample_copy: Path) -> None:
    folder = sample_copy.parent
    (folder / "broken.txt").write_bytes(b"\x00\xff" * 50)
    (folder / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    try:
        run = jixiao.run(folder, profile="pujiang-2023")
        assert len(run.results) == 28
        failed = failures(run)
        assert sorted((Path(f.file).name, f.finding.code) for f in failed) == [
            ("broken.txt", "JX001"),
            ("notes.txt", "JX002"),
        ]
        with pytest.raises(ExportError, match="有 2 处输入未能读取，未写出任何文件"):
            require_complete(run)
    finally:
        (folder / "broken.txt").unlink()
        (folder / "notes.txt").unlink()


def test_no_forms_at_all(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError, match="没有读到任何自评表"):
        require_complete(jixiao.run(tmp_path / "empty"))

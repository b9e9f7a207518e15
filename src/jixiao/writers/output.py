"""Writing exports safely, and refusing to export what was not read.

- ``atomic(target)`` yields a temporary path in the target's folder; the file is renamed onto
  the target (``os.replace``) only when it was written completely, and removed on any error.
  A missing folder or a folder without write permission is an ``ExportError`` that says so.
- ``failures(run)`` lists what failed to read or score (a file-level JX001/JX002/JX901, a form
  whose scoring failed). An export with failures writes nothing: a published set of forms
  with some silently missing would be a half file (``require_complete``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jixiao.findings import Finding
from jixiao.pipeline import Result, Run
from jixiao.profiles import Profile, load_profile

FAILURE_CODES = frozenset({"JX001", "JX002", "JX901"})


class ExportError(Exception):
    """An export that cannot be written; the message (Chinese) says why."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be exported: the file and the finding that says why."""

    file: str
    finding: Finding

    def __str__(self) -> str:
        return self.finding.render()


def failures(run: Run) -> list[Failure]:
    """Inputs that failed to read (file-level JX001/JX002/JX901) or to score (JX901)."""
    out = [
        Failure(doc.file, f) for doc in run.files for f in doc.findings if f.code in FAILURE_CODES
    ]
    for r in run.results:
        if r.sheet is None:
            out.extend(Failure(r.file, f) for f in r.findings if f.code == "JX901")
    return out


def require_complete(run: Run) -> None:
    """Raise ``ExportError`` listing every input that failed, or when there is no form."""
    failed = failures(run)
    if failed:
        lines = "\n".join(f"  {f}" for f in failed)
        raise ExportError(f"有 {len(failed)} 处输入未能读取，未写出任何文件：\n{lines}")
    if not run.results:
        raise ExportError("没有读到任何自评表，未写出任何文件")


def profile_of(profile: Profile | str) -> Profile:
    return load_profile(profile) if isinstance(profile, str) else profile


def check_results(results: Sequence[Result]) -> None:
    """Writers need forms that were scored; a form whose scoring failed cannot be exported."""
    if not results:
        raise ExportError("没有可导出的自评表")
    broken = [r for r in results if r.sheet is None]
    if broken:
        names = "、".join(r.form.project or r.file for r in broken)
        raise ExportError(f"以下自评表重算失败（JX901），未写出任何文件：{names}")


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise ExportError(f"目标文件夹不存在：{folder}")
    if not folder.is_dir():
        raise ExportError(f"目标路径的上级不是文件夹：{folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"没有写入目标文件夹的权限：{folder}")


def check_target(target: str | Path) -> None:
    """Raise ``ExportError`` now if ``target`` cannot be written (before any work is done)."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"目标是一个文件夹，不是文件：{target}")
    _check_folder(target.parent)


def check_folder_target(folder: str | Path) -> None:
    """Raise ``ExportError`` now if files cannot be written into ``folder`` (made if missing)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"目标不是文件夹：{folder}")
    _check_folder(folder if folder.exists() else folder.parent)


@contextmanager
def atomic(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it when the block ends without error."""
    target = Path(target)
    check_target(target)
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        with open(temp, "xb"):
            pass
    except OSError as exc:
        raise ExportError(f"无法在 {folder} 中写入：{exc.strerror or exc}") from exc
    try:
        yield temp
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(target: str | Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic(target) as temp:
        temp.write_bytes(data)


def write_files(folder: str | Path, files: dict[str, bytes]) -> list[Path]:
    """Write several files into ``folder`` (made if its parent exists): every file is first
    written beside its target, and the set is renamed into place only when all were written."""
    folder = Path(folder)
    if not folder.exists():
        _check_folder(folder.parent)
        try:
            folder.mkdir()
        except OSError as exc:
            raise ExportError(f"无法创建文件夹 {folder}：{exc.strerror or exc}") from exc
    _check_folder(folder)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = folder / name
            temp = folder / f".{name}.{secrets.token_hex(4)}.part"
            temps.append((temp, target))
            with open(temp, "xb") as fh:
                fh.write(data)
        for temp, target in temps:
            os.replace(temp, target)
    except OSError as exc:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise ExportError(f"无法写入 {folder}：{exc.strerror or exc}") from exc
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    return [target for _, target in temps]

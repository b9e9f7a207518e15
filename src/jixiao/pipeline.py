"""The one readable run: read → extract (values parsed on the way) → score → check.

The CLI and the web app call these functions and never compute anything themselves.
A stage that fails unexpectedly on a file becomes a JX901 finding; the batch goes on.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jixiao.checks.runner import check, check_batch
from jixiao.extract import Extracted, extract
from jixiao.findings import Finding, finding
from jixiao.model import Form, Source
from jixiao.profiles import DEFAULT, Profile, load_profile
from jixiao.readers import read_grids
from jixiao.scoring import ScoreSheet, score

TEXT_SUFFIXES = (".txt", ".tsv", ".csv", ".md", ".htm", ".html")


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    """What one file gave: its forms (each with its own findings) and file-level findings."""

    file: str
    forms: tuple[Extracted, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def form_list(self) -> list[Form]:
        return [x.form for x in self.forms]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is read and checked, or its results
    rendered: that makes millions of small acyclic objects, and the collector's passes over
    them (each walks every form still held) cost more than the work itself. Nests. (Not
    across files: some readers leave cyclic garbage, which the collector frees between.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(path: str | Path) -> Document:
    """Read one file into forms. Never raises for bad input."""
    with gc_paused():
        return _read(Path(path))


def _read(p: Path) -> Document:
    try:
        grids, findings = read_grids(p)
        forms: list[Extracted] = []
        for grid in grids:
            found, more = extract(grid)
            forms.extend(found)
            findings.extend(more)
    except Exception as exc:  # noqa: BLE001 - a stage failure is data (JX901), not a crash
        return Document(
            file=str(p),
            findings=(
                finding(
                    "JX901", f"读取时出现内部错误：{type(exc).__name__}: {exc}", Source(file=str(p))
                ),
            ),
        )
    if grids and not forms and not any(f.code == "JX002" for f in findings):
        findings.append(finding("JX002", "文件中未找到自评表", Source(file=str(p))))
    return Document(file=str(p), forms=tuple(forms), findings=tuple(findings))


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the files under directories named (sorted, hidden files skipped)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(p).parts
                ):
                    yield child
        else:
            yield p


def read_many(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Read every file named or under a directory named, one document at a time."""
    for p in expand(paths):
        yield read(p)


# ---------------------------------------------------------------------------------------
# Read → score → check.


@dataclass(frozen=True, kw_only=True, slots=True)
class Result:
    """One form read, recomputed and checked."""

    file: str
    form: Form
    sheet: ScoreSheet | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Run:
    """Everything a run produced: per-form results, per-file findings, cross-form findings."""

    profile: Profile
    results: tuple[Result, ...]
    files: tuple[Document, ...]
    batch_findings: tuple[Finding, ...]

    def all_findings(self) -> list[Finding]:
        out = [f for d in self.files for f in d.findings]
        out += [f for r in self.results for f in r.findings]
        return out + list(self.batch_findings)


def selected(code: str, select: Collection[str] | None, ignore: Collection[str] | None) -> bool:
    """Whether a code passes ``--select`` / ``--ignore`` (prefixes allowed: JX4, JX40)."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


def evaluate(x: Extracted, file: str, profile: Profile) -> Result:
    """Score and check one extracted form; a scoring failure becomes JX901."""
    try:
        sheet = score(x.form, profile)
    except Exception as exc:  # noqa: BLE001 - a stage failure is data (JX901)
        failed = finding("JX901", f"重算时出现内部错误：{type(exc).__name__}: {exc}", x.form.source)
        return Result(file=file, form=x.form, sheet=None, findings=(*x.findings, failed))
    return Result(
        file=file, form=x.form, sheet=sheet, findings=(*x.findings, *check(x.form, sheet, profile))
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Checked:
    """One file read, recomputed and checked: its own findings and one result per form.
    (What a batch worker sends back; ``document.forms`` is empty, the forms are in
    ``results``.)"""

    document: Document
    results: tuple[Result, ...]


def check_file(
    path: str | Path,
    profile: Profile,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> Checked:
    """Read, recompute and check one file; findings filtered by ``--select``/``--ignore``."""
    doc = read(path)
    with gc_paused():
        keep = tuple(f for f in doc.findings if selected(f.code, select, ignore))
        results = []
        for x in doc.forms:
            r = evaluate(x, doc.file, profile)
            kept = tuple(f for f in r.findings if selected(f.code, select, ignore))
            results.append(Result(file=r.file, form=r.form, sheet=r.sheet, findings=kept))
    return Checked(document=Document(file=doc.file, findings=keep), results=tuple(results))


def iter_run(
    paths: str | Path | Iterable[str | Path],
    profile: Profile | str = DEFAULT,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> Iterator[Checked]:
    """``run`` one file at a time, without the cross-form checks: for streaming output.
    (``jixiao.batch`` runs the same on a process pool or a Dask cluster.)"""
    prof = load_profile(profile) if isinstance(profile, str) else profile
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    for p in expand(items):
        yield check_file(p, prof, select, ignore)


def run(
    paths: str | Path | Iterable[str | Path],
    profile: Profile | str = DEFAULT,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> Run:
    """Read, recompute and check every form in the files and directories named."""
    prof = load_profile(profile) if isinstance(profile, str) else profile
    results: list[Result] = []
    files: list[Document] = []
    for checked in iter_run(paths, prof, select=select, ignore=ignore):
        files.append(checked.document)
        results.extend(checked.results)
    batch = check_batch((r.form for r in results), prof)
    batch = [f for f in batch if selected(f.code, select, ignore)]
    return Run(
        profile=prof, results=tuple(results), files=tuple(files), batch_findings=tuple(batch)
    )

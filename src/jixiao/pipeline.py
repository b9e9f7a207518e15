"""The one readable run: read → extract (values parsed on the way) → later score and check.

The CLI and the web app call these functions and never compute anything themselves.
A stage that fails unexpectedly on a file becomes a JX901 finding; the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jixiao.extract import Extracted, extract
from jixiao.findings import Finding, finding
from jixiao.model import Form, Source
from jixiao.readers import read_grids

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


def read(path: str | Path) -> Document:
    """Read one file into forms. Never raises for bad input."""
    p = Path(path)
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
            findings=(finding("JX901", f"读取时出现内部错误：{type(exc).__name__}: {exc}", Source(file=str(p))),),
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
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(p).parts):
                    yield child
        else:
            yield p


def read_many(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Read every file named or under a directory named, one document at a time."""
    for p in expand(paths):
        yield read(p)

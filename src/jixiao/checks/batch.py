"""JX6xx: checks across the forms of a batch or a department.

The checks take the forms one at a time (``Batch.add``) and keep only what they need, so
memory stays flat however many forms a batch has and however big they are: JX601 a count
and whether every grade so far is the best; JX602, for each distinct indicator table, a
16-byte digest and the first project that had it. They see a form only through its
``FormKey`` (grade, table digest, project, source), which a batch worker can make where the
form was read and send instead of the form (``Batch.add_key``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from typing import NamedTuple, Protocol

from jixiao.checks.base import with_severity
from jixiao.findings import Finding, finding
from jixiao.model import Form, Source
from jixiao.profiles import Profile


class FormKey(NamedTuple):
    """What the cross-form checks need of one form."""

    grade: str | None
    digest: bytes | None  # of the indicator table; None when it has no indicators
    project: str
    source: Source


def form_key(form: Form, profile: Profile) -> FormKey:
    grade = form.grade or (profile.grade(form.total) if form.total is not None else None)
    digest = table_digest(form) if form.indicators else None
    return FormKey(grade, digest, form.project, form.source)


class BatchCheck(Protocol):
    """One cross-form check: fed every form's key, then asked for its findings."""

    def add(self, key: FormKey) -> None: ...

    def findings(self) -> list[Finding]: ...


class AllBest:
    """JX601: every form of the set graded 优 (the profile's best grade)."""

    def __init__(self, profile: Profile) -> None:
        self.best = profile.grades[0][0]
        self.forms = 0
        self.all_best = True

    def add(self, key: FormKey) -> None:
        self.forms += 1
        self.all_best = self.all_best and key.grade == self.best

    def findings(self) -> list[Finding]:
        if self.forms >= 2 and self.all_best:
            return [
                finding("JX601", f"本批{self.forms}张自评表全部评为“{self.best}”，自评区分度不足")
            ]
        return []


_SEP = "\x1f"


def table_digest(form: Form) -> bytes:
    """A 16-byte digest of the indicator table's cells (seven a row, so the flat list of
    cells gives back the rows), equal when the cells are equal. The cells are joined by
    ``_SEP``, or spelled out by ``repr`` in the rare table where a cell holds ``_SEP``."""
    cells = [
        cell
        for i in form.indicators
        for cell in (i.level1, i.level2, i.name, i.target, i.actual, str(i.weight), str(i.score))
    ]
    text = _SEP.join(cells)
    if text.count(_SEP) != len(cells) - 1:
        text = repr(cells)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class SameTable:
    """JX602: two projects share an identical indicator table (reported at the later one)."""

    def __init__(self, profile: Profile) -> None:
        self.first: dict[bytes, str] = {}  # table digest → project of the first form with it
        self.found: list[Finding] = []

    def add(self, key: FormKey) -> None:
        if key.digest is None:
            return
        other = self.first.setdefault(key.digest, key.project)
        if other != key.project:
            self.found.append(
                finding(
                    "JX602",
                    f"项目“{key.project}”与“{other}”的指标表完全相同",
                    key.source,
                    block="indicators",
                    suggestion="按项目实际设置指标",
                )
            )

    def findings(self) -> list[Finding]:
        return list(self.found)


BATCH_CHECKS: dict[str, Callable[[Profile], BatchCheck]] = {"JX601": AllBest, "JX602": SameTable}


class Batch:
    """The cross-form checks (all, or those in ``codes``) over forms added one at a time;
    ``len`` is how many forms were added."""

    def __init__(self, profile: Profile, codes: Collection[str] | None = None) -> None:
        self.profile = profile
        self.checks = [
            make(profile) for code, make in BATCH_CHECKS.items() if codes is None or code in codes
        ]
        self.forms = 0

    def add(self, form: Form) -> None:
        self.add_key(form_key(form, self.profile))

    def add_key(self, key: FormKey) -> None:
        self.forms += 1
        for c in self.checks:
            c.add(key)

    def __len__(self) -> int:
        return self.forms

    def findings(self) -> list[Finding]:
        return with_severity([f for c in self.checks for f in c.findings()], self.profile)

"""Many files: the pipeline's per-file work on a local process pool, or on a Dask cluster.

``checked(files, profile, jobs=N)`` and ``documents(files, jobs=N)`` stream one result per
file, in the files' order, as soon as it (and every file before it) is done. At most a
small window of files is in flight, so memory stays flat however many files there are:
the caller keeps what it needs of each result and lets the rest go. With
``dask="tcp://host:8786"`` the same functions run on an existing Dask cluster
(``distributed.Client``); no cluster code of our own.

``outcomes(files, profile, fmt, jobs=N)`` is what ``jixiao check`` runs: each worker also
writes the file's output (JSON items or text lines) and makes each form's ``FormKey``, and
sends back only those (``Outcome``), not the pickled forms, which the main process would
spend most of its time unpickling.

``Tally`` keeps what the end of a ``check`` needs (counts by code and severity, the
findings of unreadable files, and what the cross-form checks keep of each form: a digest of
its indicator table, see ``checks.batch``) without keeping the results or the forms.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from jixiao import report
from jixiao.checks.batch import Batch, FormKey, form_key
from jixiao.checks.codes import Severity
from jixiao.findings import Finding
from jixiao.pipeline import Checked, Document, Run, check_file, gc_paused, read, selected
from jixiao.profiles import Profile

T = TypeVar("T")
WINDOW_PER_JOB = 8  # files in flight per worker
DASK_CHUNK = 8  # files a Dask task
DASK_WINDOW = 3  # tasks in flight per Dask worker thread


def checked(
    files: Iterable[Path],
    profile: Profile,
    *,
    jobs: int = 1,
    dask: str | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> Iterator[Checked]:
    """Read, recompute and check each file (``pipeline.check_file``), in order, streaming."""
    sel, ign = _frozen(select), _frozen(ignore)
    return _map(check_file, files, jobs, dask, profile, sel, ign)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file checked, as the main process of ``check`` needs it: the file's own
    findings (``document``, no forms), its output written (``text``: JSON items or text
    lines), the code and severity of every form finding, and each form's ``FormKey``."""

    document: Document
    text: tuple[str, ...]
    found: tuple[tuple[str, Severity], ...]
    keys: tuple[FormKey, ...]


def outcome_of(c: Checked, profile: Profile, fmt: str) -> Outcome:
    """A checked file made into its ``Outcome`` (``fmt``: ``json`` or ``text``)."""
    if fmt == "json":
        items = (report.form_json(r) for r in c.results)
        text = tuple(map(report.json_text, items))
    else:
        run = Run(profile=profile, results=c.results, files=(c.document,), batch_findings=())
        text = tuple(report.finding_lines(run))
    found = tuple((f.code, f.level) for r in c.results for f in r.findings)
    keys = tuple(form_key(r.form, profile) for r in c.results)
    return Outcome(document=c.document, text=text, found=found, keys=keys)


def _check_out(
    path: str,
    profile: Profile,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    fmt: str,
) -> Outcome:
    with gc_paused():  # one file's worth of objects, collected after
        return outcome_of(check_file(path, profile, select, ignore), profile, fmt)


def outcomes(
    files: Iterable[Path],
    profile: Profile,
    fmt: str,
    *,
    jobs: int = 1,
    dask: str | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> Iterator[Outcome]:
    """``checked``, with each file's output written and its forms' keys made where it was
    read (in the worker)."""
    sel, ign = _frozen(select), _frozen(ignore)
    return _map(_check_out, files, jobs, dask, profile, sel, ign, fmt)


def documents(
    files: Iterable[Path], *, jobs: int = 1, dask: str | None = None
) -> Iterator[Document]:
    """Read each file (``pipeline.read``), in order, streaming."""
    return _map(read, files, jobs, dask)


def _frozen(codes: Collection[str] | None) -> tuple[str, ...] | None:
    return None if codes is None else tuple(codes)


def _map(
    fn: Callable[..., T], files: Iterable[Path], jobs: int, dask: str | None, *args: Any
) -> Iterator[T]:
    items = (str(f) for f in files)
    if dask:
        return _on_dask(dask, fn, items, args)
    if jobs <= 1:
        return (fn(item, *args) for item in items)
    return _on_pool(jobs, fn, items, args)


def _on_pool(
    jobs: int, fn: Callable[..., T], items: Iterator[str], args: tuple[Any, ...]
) -> Iterator[T]:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["jixiao.pipeline"])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from _windowed(pool, fn, items, args, jobs * WINDOW_PER_JOB)


def _windowed(
    pool: Executor, fn: Callable[..., T], items: Iterator[str], args: tuple[Any, ...], window: int
) -> Iterator[T]:
    """Results in submission order, with at most ``window`` futures outstanding."""
    pending: deque[Future[T]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item, *args))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _on_dask(
    address: str, fn: Callable[..., T], items: Iterator[str], args: tuple[Any, ...]
) -> Iterator[T]:
    """Tasks of ``DASK_CHUNK`` files each: a task of one file is small beside what the
    scheduler and the comms spend on it."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        workers = max(1, sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        for chunk in batched(items, DASK_CHUNK):
            pending.append(client.submit(_each, fn, chunk, *args, pure=False))
            if len(pending) >= workers * DASK_WINDOW:
                yield from _take(pending.popleft())
        while pending:
            yield from _take(pending.popleft())


def batched(items: Iterator[str], n: int) -> Iterator[tuple[str, ...]]:
    """Tuples of ``n`` items (the last shorter): ``itertools.batched`` of Python 3.12."""
    while chunk := tuple(islice(items, n)):
        yield chunk


def _each(fn: Callable[..., T], items: tuple[str, ...], *args: Any) -> list[T]:
    return [fn(item, *args) for item in items]


def _take(future: Any) -> Any:
    try:
        return future.result()
    finally:
        future.release()


# ---------------------------------------------------------------------------------------
# What the end of a batch needs.


@dataclass
class Tally:
    """Counts of a streamed batch, and ``forms``: the cross-form checks fed each form as it
    comes (``len(forms)`` is how many); ``finish`` reports them."""

    profile: Profile
    select: Collection[str] | None = None
    ignore: Collection[str] | None = None
    files: int = 0
    forms: Batch = field(init=False)
    by_code: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[Severity] = field(default_factory=Counter)
    file_findings: list[Document] = field(default_factory=list)
    batch_findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.forms = Batch(self.profile)

    def add(self, o: Outcome) -> None:
        self.files += 1
        if o.document.findings:
            self.file_findings.append(o.document)
        self._count((f.code, f.level) for f in o.document.findings)
        self._count(o.found)
        for key in o.keys:
            self.forms.add_key(key)

    def _count(self, found: Iterable[tuple[str, Severity]]) -> None:
        for code, level in found:
            self.by_code[code] += 1
            self.by_severity[level] += 1

    def finish(self) -> list[Finding]:
        found = self.forms.findings()
        self.batch_findings = [f for f in found if selected(f.code, self.select, self.ignore)]
        self._count((f.code, f.level) for f in self.batch_findings)
        return self.batch_findings

    def worst(self) -> Severity | None:
        present = [s for s, n in self.by_severity.items() if n]
        return max(present, key=lambda s: s.rank) if present else None

    def summary(self) -> dict[str, Any]:
        """The ``summary`` of ``check --format json``."""
        return report.summary_of(
            files=self.files,
            forms=len(self.forms),
            profile=self.profile.name,
            by_code=self.by_code,
            by_severity=self.by_severity,
            batch_findings=self.batch_findings,
            file_documents=self.file_findings,
        )

    def summary_lines(self) -> list[str]:
        """The summary under ``check``'s findings."""
        return report.summary_lines_of(
            files=self.files,
            forms=len(self.forms),
            profile=self.profile.name,
            by_code=self.by_code,
            by_severity=self.by_severity,
        )


__all__ = ["Outcome", "Tally", "checked", "documents", "outcome_of", "outcomes"]

"""The output of ``jixiao check``: findings as linter lines with a summary, or as JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from jixiao.checks.codes import CODES, Severity
from jixiao.findings import Finding
from jixiao.openjson import dec
from jixiao.pipeline import Document, Result, Run, gc_paused


def json_text(value: object) -> str:
    """JSON as ``jixiao`` writes it: two-space indent, Chinese as it is; the text of
    ``json.dumps(value, ensure_ascii=False, indent=2)``. orjson writes it ten times faster
    (a sixth of a checked form's time); what it refuses, the standard library writes: a
    file name that is not valid UTF-8 (its bytes kept as lone surrogates), integers beyond
    64 bits."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # (orjson.JSONEncodeError is one)
        return json.dumps(value, ensure_ascii=False, indent=2)


def stated_numbers(r: Result) -> dict[str, Any]:
    t = r.form.funds.total
    return {
        "rate": dec(t.rate),
        "execution_score": dec(t.score),
        "total": dec(r.form.total),
        "grade": r.form.grade,
    }


def recomputed_numbers(r: Result) -> dict[str, Any]:
    s = r.sheet
    if s is None:
        return {"rate": None, "execution_score": None, "total": None, "grade": None}
    return {
        "rate": dec(s.shown(s.rate)),
        "execution_score": dec(s.shown(s.execution_score)),
        "total": dec(s.shown(s.total)),
        "grade": s.grade,
    }


def _counts(run: Run) -> dict[str, Any]:
    """What ``summary_of`` and ``summary_lines_of`` take, counted over a whole run."""
    findings = run.all_findings()
    return {
        "files": len(run.files),
        "forms": len(run.results),
        "profile": run.profile.name,
        "by_code": Counter(f.code for f in findings),
        "by_severity": Counter(f.level for f in findings),
    }


def summary(run: Run) -> dict[str, Any]:
    return summary_of(**_counts(run), batch_findings=run.batch_findings, file_documents=run.files)


def summary_of(
    *,
    files: int,
    forms: int,
    profile: str,
    by_code: Mapping[str, int],
    by_severity: Mapping[Severity, int],
    batch_findings: Iterable[Finding],
    file_documents: Iterable[Document],
) -> dict[str, Any]:
    """The ``summary`` of ``check --format json`` from counts (a whole run, or a stream)."""
    return {
        "files": files,
        "forms": forms,
        "profile": profile,
        "by_code": dict(sorted(by_code.items())),
        "by_severity": {s.value: by_severity.get(s, 0) for s in Severity},
        "findings": [f.to_json() for f in batch_findings],
        "file_findings": [
            {"file": d.file, "findings": [f.to_json() for f in d.findings]}
            for d in file_documents
            if d.findings
        ],
    }


def form_json(r: Result) -> dict[str, Any]:
    """One form of ``check --format json``: who, the stated and recomputed numbers, findings."""
    return {
        "project": r.form.project or None,
        "unit": r.form.unit or None,
        "year": r.form.year,
        "source": r.form.source.to_json(),
        "stated": stated_numbers(r),
        "recomputed": recomputed_numbers(r),
        "findings": [f.to_json() for f in r.findings],
    }


def run_json(run: Run) -> dict[str, Any]:
    """``check --format json`` of a run (the collector paused: see ``pipeline.gc_paused``)."""
    with gc_paused():
        return {"forms": [form_json(r) for r in run.results], "summary": summary(run)}


def finding_lines(run: Run) -> list[str]:
    """The findings of a run, one a line: files, forms, then the cross-form ones."""
    lines: list[str] = []
    for d in run.files:
        lines.extend(f.render() for f in d.findings)
    for r in run.results:
        lines.extend(_with_project(f, r.form.project) for f in r.findings)
    lines.extend(f.render() for f in run.batch_findings)
    return lines


def _with_project(f: Finding, project: str) -> str:
    where = str(f.location.source) if f.location.source else "-"
    text = f"{where}: {f.code} [{f.level.label}] {project or '（无项目名称）'} · {f.message}"
    return text + (f"（建议：{f.suggestion}）" if f.suggestion else "")


def summary_lines(run: Run) -> list[str]:
    return summary_lines_of(**_counts(run))


def summary_lines_of(
    *,
    files: int,
    forms: int,
    profile: str,
    by_code: Mapping[str, int],
    by_severity: Mapping[Severity, int],
) -> list[str]:
    """The summary under ``check``'s finding lines, from counts."""
    out = [
        f"共 {files} 个文件、{forms} 张自评表（规则：{profile}）；"
        f"发现 错误 {by_severity.get(Severity.ERROR, 0)}、警告 {by_severity.get(Severity.WARNING, 0)}、"
        f"提示 {by_severity.get(Severity.INFO, 0)}。"
    ]
    for code, n in sorted(by_code.items()):
        out.append(f"  {code} {n:>4}  {CODES[code].title}")
    return out

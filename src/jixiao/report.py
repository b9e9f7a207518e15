"""The output of ``jixiao check``: findings as linter lines with a summary, or as JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from jixiao.checks.codes import CODES, Severity
from jixiao.findings import Finding
from jixiao.openjson import dec
from jixiao.pipeline import Result, Run


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


def summary(run: Run) -> dict[str, Any]:
    findings = run.all_findings()
    by_code = Counter(f.code for f in findings)
    by_severity = Counter(f.level.value for f in findings)
    return {
        "files": len(run.files),
        "forms": len(run.results),
        "profile": run.profile.name,
        "by_code": dict(sorted(by_code.items())),
        "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
        "findings": [f.to_json() for f in run.batch_findings],
        "file_findings": [
            {"file": d.file, "findings": [f.to_json() for f in d.findings]}
            for d in run.files
            if d.findings
        ],
    }


def run_json(run: Run) -> dict[str, Any]:
    return {
        "forms": [
            {
                "project": r.form.project or None,
                "unit": r.form.unit or None,
                "year": r.form.year,
                "source": r.form.source.to_json(),
                "stated": stated_numbers(r),
                "recomputed": recomputed_numbers(r),
                "findings": [f.to_json() for f in r.findings],
            }
            for r in run.results
        ],
        "summary": summary(run),
    }


def run_lines(run: Run) -> list[str]:
    """One finding a line (file:line:column: CODE [级别] 项目 · message), then the summary."""
    lines: list[str] = []
    for d in run.files:
        lines.extend(f.render() for f in d.findings)
    for r in run.results:
        lines.extend(_with_project(f, r.form.project) for f in r.findings)
    lines.extend(f.render() for f in run.batch_findings)
    lines.append("")
    lines.extend(summary_lines(run))
    return lines


def _with_project(f: Finding, project: str) -> str:
    where = str(f.location.source) if f.location.source else "-"
    text = f"{where}: {f.code} [{f.level.label}] {project or '（无项目名称）'} · {f.message}"
    return text + (f"（建议：{f.suggestion}）" if f.suggestion else "")


def summary_lines(run: Run) -> list[str]:
    findings = run.all_findings()
    counts = Counter(f.code for f in findings)
    sev = Counter(f.level for f in findings)
    out = [
        f"共 {len(run.files)} 个文件、{len(run.results)} 张自评表（规则：{run.profile.name}）；"
        f"发现 错误 {sev[Severity.ERROR]}、警告 {sev[Severity.WARNING]}、"
        f"提示 {sev[Severity.INFO]}。"
    ]
    for code, n in sorted(counts.items()):
        out.append(f"  {code} {n:>4}  {CODES[code].title}")
    return out

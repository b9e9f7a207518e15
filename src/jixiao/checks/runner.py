"""Run the checks: every per-form check on a form, and the cross-form checks on a batch.
A check that fails unexpectedly becomes a JX901 finding for that form.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from jixiao.checks import funds, plausibility, scores, structure, values
from jixiao.checks.base import Check, Ctx
from jixiao.checks.batch import BATCH_CHECKS
from jixiao.checks.codes import CODES, Severity
from jixiao.findings import Finding, finding
from jixiao.model import Form
from jixiao.profiles import Profile
from jixiao.scoring import ScoreSheet

FORM_CHECKS: dict[str, Check] = {
    **structure.CHECKS,
    **funds.CHECKS,
    **values.CHECKS,
    **scores.CHECKS,
    **plausibility.CHECKS,
}


def with_severity(findings: list[Finding], profile: Profile) -> list[Finding]:
    """Apply the profile's per-code severity overrides."""
    return [
        replace(f, severity=profile.severity[f.code]) if f.code in profile.severity else f
        for f in findings
    ]


def check(
    form: Form,
    sheet: ScoreSheet,
    profile: Profile,
    codes: Collection[str] | None = None,
) -> list[Finding]:
    """Run the per-form checks (all, or those in ``codes``) and return their findings."""
    ctx = Ctx(form=form, sheet=sheet, profile=profile)
    out: list[Finding] = []
    for code, fn in FORM_CHECKS.items():
        if codes is not None and code not in codes:
            continue
        try:
            out.extend(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - a failing check is a finding, not a crash
            out.append(
                finding(
                    "JX901", f"检查{code}时出现内部错误：{type(exc).__name__}: {exc}", form.source
                )
            )
    return with_severity(out, profile)


def check_batch(
    forms: Sequence[Form], profile: Profile, codes: Collection[str] | None = None
) -> list[Finding]:
    """The cross-form checks (JX6xx) over a batch."""
    out: list[Finding] = []
    for code, fn in BATCH_CHECKS.items():
        if codes is None or code in codes:
            out.extend(fn(forms, profile))
    return with_severity(out, profile)


__all__ = ["CODES", "FORM_CHECKS", "Severity", "check", "check_batch"]

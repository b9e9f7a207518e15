"""Run the checks: every per-form check on a form, and the cross-form checks on a batch.
A check that fails unexpectedly becomes a JX901 finding for that form.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final

from jixiao.checks import funds, plausibility, scores, structure, values
from jixiao.checks.base import Check, Ctx, with_severity
from jixiao.checks.batch import Batch
from jixiao.checks.codes import CODES, Severity
from jixiao.findings import Finding, finding
from jixiao.model import Form
from jixiao.profiles import Profile
from jixiao.scoring import ScoreSheet

FORM_CHECKS: Final[dict[str, Check]] = {
    **structure.CHECKS,
    **funds.CHECKS,
    **values.CHECKS,
    **scores.CHECKS,
    **plausibility.CHECKS,
}


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
    forms: Iterable[Form], profile: Profile, codes: Collection[str] | None = None
) -> list[Finding]:
    """The cross-form checks (JX6xx) over a batch (``Batch`` takes the forms one at a time)."""
    batch = Batch(profile, codes)
    for form in forms:
        batch.add(form)
    return batch.findings()


__all__ = ["CODES", "FORM_CHECKS", "Severity", "check", "check_batch"]

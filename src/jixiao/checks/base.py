"""What every check gets (``Ctx``: the form, its score sheet, the profile) and how it
builds located findings. A check is a function ``Ctx -> Iterable[Finding]``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.findings import Finding, finding
from jixiao.model import Form, Indicator
from jixiao.profiles import Profile
from jixiao.scoring import ScoreSheet
from jixiao.values.types import num


@dataclass(frozen=True, kw_only=True, slots=True)
class Ctx:
    form: Form
    sheet: ScoreSheet
    profile: Profile

    def d(self, value: Decimal | None) -> str:
        """A number as the profile shows it."""
        return "空" if value is None else num(self.profile.round(value))

    def at_form(self, code: str, message: str, field: str, block: str, **kw: str | None) -> Finding:
        src = self.form.sources.get(field, self.form.source)
        return finding(
            code, message, src, block=block, column=field, suggestion=kw.get("suggestion")
        )

    def at_fund(self, code: str, message: str, row: str, column: str, **kw: str | None) -> Finding:
        fund_row = getattr(self.form.funds, row)
        src = fund_row.sources.get(column) or fund_row.sources.get("label") or self.form.source
        return finding(
            code,
            message,
            src,
            block="funds",
            row=row,
            column=column,
            suggestion=kw.get("suggestion"),
        )

    def at_goal(self, code: str, message: str, field: str, **kw: str | None) -> Finding:
        src = self.form.goal.sources.get(field, self.form.source)
        return finding(
            code, message, src, block="goal", column=field, suggestion=kw.get("suggestion")
        )

    def at_ind(self, code: str, message: str, index: int, column: str, **kw: str | None) -> Finding:
        ind = self.form.indicators[index - 1]
        src = ind.sources.get(column, ind.source)
        return finding(
            code,
            f"指标{index}“{ind.name}”：{message}",
            src,
            block="indicators",
            row=index,
            column=column,
            suggestion=kw.get("suggestion"),
        )

    def indexed(self) -> Iterable[tuple[int, Indicator]]:
        return enumerate(self.form.indicators, 1)


Check = Callable[[Ctx], Iterable[Finding]]

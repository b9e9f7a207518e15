"""Rule profiles: versioned TOML data (weights, bands, rounding, thresholds, grades,
severities), validated on load. ``load_profile(name_or_path)``; ``available()`` lists them.

A profile may name a ``base`` profile; its tables are merged over the base's, key by key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao import rounding
from jixiao.checks.codes import CODES, Severity

DEFAULT = "mof-2020"
_ROUNDING = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}
_REVERSE = ("linear", "ratio")


class ProfileError(ValueError):
    """A profile that cannot be used; the message says which key and why."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Profile:
    name: str
    version: int
    description: str
    rounding: str
    places: int
    tolerance: Decimal
    weights: dict[str, Decimal]
    bands: dict[str, tuple[Decimal, Decimal]]
    reverse: str
    over_achievement: Decimal
    grades: tuple[tuple[str, Decimal], ...]
    low_execution: Decimal
    unspent_share: Decimal
    inflation_margin: Decimal
    unit_factor: Decimal
    unit_factor_range: tuple[Decimal, Decimal]
    severity: dict[str, Severity]
    # Worked out from ``places`` and ``rounding`` once, not at each of a form's dozens of
    # roundings (each a Python call from the compiled checks); not compared or shown.
    step: Decimal = field(init=False, repr=False, compare=False)  # 0.01 for two places
    mode: str = field(init=False, repr=False, compare=False)  # the decimal module's constant

    def __post_init__(self) -> None:
        object.__setattr__(self, "step", Decimal(1).scaleb(-self.places))
        object.__setattr__(self, "mode", _ROUNDING[self.rounding])

    def round(self, value: Decimal) -> Decimal:
        """Round once, as the profile says, to ``places`` decimals."""
        return rounding.rounded(value, self.step, self.mode)

    def same(self, stated: Decimal, recomputed: Decimal) -> bool:
        """Whether a stated number equals a recomputed one within the tolerance."""
        return rounding.same(stated, recomputed, self.step, self.mode, self.tolerance)

    def grade(self, total: Decimal) -> str:
        return rounding.grade(total, self.grades)


def available() -> list[Profile]:
    """The built-in profiles, by name."""
    folder = resources.files("jixiao.profiles") / "data"
    names = sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )
    return [load_profile(n) for n in names]


@lru_cache(maxsize=32)
def load_profile(name_or_path: str = DEFAULT) -> Profile:
    """Load a built-in profile by name, or a user's profile from a ``.toml`` path."""
    data = _raw(name_or_path)
    where = name_or_path
    try:
        return _build(data, where)
    except ProfileError:
        raise
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise ProfileError(f"规则配置 {where} 无效：{exc}") from exc


def _raw(name_or_path: str, depth: int = 0) -> dict[str, Any]:
    if depth > 4:
        raise ProfileError(f"规则配置 {name_or_path} 的 base 嵌套过深")
    if name_or_path.endswith(".toml") or "/" in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            raise ProfileError(f"找不到规则配置文件：{name_or_path}")
        text = path.read_text(encoding="utf-8")
    else:
        res = resources.files("jixiao.profiles") / "data" / f"{name_or_path}.toml"
        if not res.is_file():
            raise ProfileError(f"没有名为 {name_or_path} 的规则配置；可用：mof-2020、pujiang-2023")
        text = res.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"规则配置 {name_or_path} 不是有效的 TOML：{exc}") from exc
    base = data.pop("base", None)
    if base is None:
        return data
    merged = _raw(str(base), depth + 1)
    for k, v in data.items():
        if isinstance(v, dict) and isinstance(merged.get(k), dict):
            merged[k] = {**merged[k], **v}
        else:
            merged[k] = v
    return merged


def _dec(value: Any, key: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ProfileError(f'{key} 应为写成字符串的小数（如 "0.01"），而不是 {value!r}')
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ProfileError(f"{key} 不是数字：{value!r}") from exc


def _pair(value: Any, key: str) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise ProfileError(f"{key} 应为两个数的列表 [下限, 上限]")
    low, high = _dec(value[0], key), _dec(value[1], key)
    if low > high:
        raise ProfileError(f"{key} 的下限大于上限")
    return low, high


def _build(d: dict[str, Any], where: str) -> Profile:
    for table in ("rounding", "weights", "bands", "quantitative", "grades", "thresholds"):
        if not isinstance(d.get(table), dict):
            raise ProfileError(f"规则配置 {where} 缺少 [{table}] 表")
    r, q, t = d["rounding"], d["quantitative"], d["thresholds"]
    if r.get("mode") not in _ROUNDING:
        raise ProfileError(f"rounding.mode 应为 {' 或 '.join(_ROUNDING)}，而不是 {r.get('mode')!r}")
    if q.get("reverse") not in _REVERSE:
        raise ProfileError(
            f"quantitative.reverse 应为 linear 或 ratio，而不是 {q.get('reverse')!r}"
        )
    weights = {k: _dec(v, f"weights.{k}") for k, v in d["weights"].items()}
    for k in ("execution", "output", "benefit", "satisfaction", "total"):
        if k not in weights:
            raise ProfileError(f"weights 缺少 {k}")
    bands = {
        k: _pair(d["bands"].get(k), f"bands.{k}") for k in ("achieved", "partial", "not_achieved")
    }
    grades = tuple((str(k), _dec(v, f"grades.{k}")) for k, v in d["grades"].items())
    if [g[1] for g in grades] != sorted((g[1] for g in grades), reverse=True) or not grades:
        raise ProfileError("grades 应从高到低排列")
    severity: dict[str, Severity] = {}
    for code, level in d.get("severity", {}).items():
        if code not in CODES:
            raise ProfileError(f"severity 中的 {code} 不是已知的检查代码")
        try:
            severity[code] = Severity(level)
        except ValueError as exc:
            raise ProfileError(f"severity.{code} 应为 error、warning 或 info") from exc
    places = r.get("places", 2)
    if not isinstance(places, int) or not 0 <= places <= 6:
        raise ProfileError("rounding.places 应为 0 到 6 的整数")
    return Profile(
        name=str(d.get("name", where)),
        version=int(d.get("version", 1)),
        description=str(d.get("description", "")),
        rounding=r["mode"],
        places=places,
        tolerance=_dec(r.get("tolerance", "0.01"), "rounding.tolerance"),
        weights=weights,
        bands=bands,
        reverse=q["reverse"],
        over_achievement=_dec(q["over_achievement"], "quantitative.over_achievement"),
        grades=grades,
        low_execution=_dec(t["low_execution"], "thresholds.low_execution"),
        unspent_share=_dec(t["unspent_share"], "thresholds.unspent_share"),
        inflation_margin=_dec(t["inflation_margin"], "thresholds.inflation_margin"),
        unit_factor=_dec(t["unit_factor"], "thresholds.unit_factor"),
        unit_factor_range=_pair(t["unit_factor_range"], "thresholds.unit_factor_range"),
        severity=severity,
    )

"""Open data: the forms as JSON (the shape of ``jixiao show --format json``), and as three
tables (forms, indicators, findings) in CSV or Parquet. Columns are stable and documented in
``docs/data-dictionary.md``; add columns at the end, never rename or reorder them.

Numbers: in JSON and CSV a decimal string as written (``2087.07``), recomputed numbers rounded
by the profile; empty (CSV) or ``null`` (JSON) for a dash or a blank. In Parquet, numbers are
``decimal128(24, 6)``. CSV files are UTF-8 with a byte-order mark (so Excel shows the Chinese
text), comma-separated, quoted where needed, CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from jixiao import openjson
from jixiao.checks.codes import CODES, Severity
from jixiao.findings import Finding
from jixiao.model import FUND_COLUMNS, FUND_ROWS, Indicator
from jixiao.pipeline import Result
from jixiao.profiles import Profile
from jixiao.report import recomputed_numbers
from jixiao.scoring import ScoreSheet
from jixiao.scoring.engine import IndicatorScore
from jixiao.values import Achievement, Value, number_of, unit_of
from jixiao.values.types import num
from jixiao.writers.output import (
    check_folder_target,
    check_results,
    check_target,
    profile_of,
    write_bytes,
    write_files,
)

Cell = str | int | Decimal | None

FORM_COLUMNS = (
    "form",
    "file",
    "line",
    "title",
    "year",
    "project",
    "department",
    "unit",
    *(f"{row}_{col}" for row in FUND_ROWS for col in FUND_COLUMNS),
    "goal_expected",
    "goal_achieved",
    "indicators",
    "indicator_weight",
    "indicator_score",
    "total",
    "grade",
    "profile",
    "recomputed_annual",
    "recomputed_spent",
    "recomputed_rate",
    "recomputed_execution_score",
    "recomputed_total",
    "recomputed_grade",
    "unit_corrections",
    "errors",
    "warnings",
    "infos",
    "codes",
)
INDICATOR_COLUMNS = (
    "form",
    "project",
    "indicator",
    "level1",
    "level2",
    "name",
    "target",
    "actual",
    "weight",
    "score",
    "deviation",
    "target_kind",
    "target_op",
    "target_number",
    "target_unit",
    "actual_kind",
    "actual_number",
    "actual_unit",
    "actual_band",
    "method",
    "recomputed_score",
    "explanation",
    "line",
)
FINDING_COLUMNS = (
    "form",
    "project",
    "code",
    "severity",
    "title",
    "message",
    "block",
    "row",
    "column",
    "file",
    "line",
    "suggestion",
)
INTEGER_COLUMNS = frozenset(
    {"form", "line", "year", "indicators", "indicator", "errors", "warnings", "infos"}
)
DECIMAL_COLUMNS = frozenset(
    {
        *(f"{row}_{col}" for row in FUND_ROWS for col in FUND_COLUMNS),
        "indicator_weight",
        "indicator_score",
        "total",
        "recomputed_annual",
        "recomputed_spent",
        "recomputed_rate",
        "recomputed_execution_score",
        "recomputed_total",
        "weight",
        "score",
        "target_number",
        "actual_number",
        "recomputed_score",
    }
)
PARQUET_SCALE = 6

Table = tuple[tuple[str, ...], list[list[Cell]]]


# ---------------------------------------------------------------------------------------
# JSON.


def json_data(
    results: Sequence[Result], profile: Profile | str, recomputed: bool = False
) -> dict[str, Any]:
    """``{"forms": [...]}`` as ``jixiao show --format json``; with ``recomputed``, each form
    also carries ``recomputed`` (rate, execution score, total, grade, indicator scores,
    corrections) and ``findings``."""
    prof = profile_of(profile)
    data = openjson.forms_json([r.form for r in results])
    if recomputed:
        for form, r in zip(data["forms"], results, strict=True):
            form["recomputed"] = _recomputed_json(r, prof)
            form["findings"] = [f.to_json() for f in r.findings]
    return data


def _recomputed_json(r: Result, profile: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {"profile": profile.name, **recomputed_numbers(r)}
    sheet = r.sheet
    if sheet is None:
        return out
    out["annual"] = openjson.dec(sheet.annual)
    out["spent"] = openjson.dec(sheet.spent)
    out["corrections"] = [
        {"row": c.row, "column": c.column, "stated": num(c.stated), "corrected": num(c.corrected)}
        for c in sheet.corrections
    ]
    out["indicators"] = [
        {
            "method": s.method,
            "score": openjson.dec(sheet.shown(s.score)),
            "explanation": s.explanation,
        }
        for s in sheet.indicators
    ]
    return out


def json_bytes(
    results: Sequence[Result], profile: Profile | str, recomputed: bool = False
) -> bytes:
    check_results(results)
    text = json.dumps(json_data(results, profile, recomputed), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_json(
    results: Sequence[Result], path: str | Path, profile: Profile | str, recomputed: bool = False
) -> None:
    check_target(path)
    write_bytes(path, json_bytes(results, profile, recomputed))


# ---------------------------------------------------------------------------------------
# The three tables.


def tables(
    results: Sequence[Result], profile: Profile | str, extra: Sequence[Finding] = ()
) -> dict[str, Table]:
    """forms, indicators and findings as (columns, rows); ``extra`` findings belong to no
    form (file-level notes, cross-form findings)."""
    prof = profile_of(profile)
    forms: list[list[Cell]] = []
    inds: list[list[Cell]] = []
    finds: list[list[Cell]] = []
    for i, r in enumerate(results, 1):
        forms.append(_form_row(i, r, prof))
        sheet_inds = r.sheet.indicators if r.sheet else ()
        for j, ind in enumerate(r.form.indicators, 1):
            s = sheet_inds[j - 1] if sheet_inds else None
            inds.append(_indicator_row(i, r, j, ind, s, prof))
        finds.extend(_finding_row(i, r.form.project, f) for f in r.findings)
    finds.extend(_finding_row(None, "", f) for f in extra)
    return {
        "forms": (FORM_COLUMNS, forms),
        "indicators": (INDICATOR_COLUMNS, inds),
        "findings": (FINDING_COLUMNS, finds),
    }


def _form_row(i: int, r: Result, profile: Profile) -> list[Cell]:
    form, sheet = r.form, r.sheet
    funds = [getattr(row, col) for _, row in form.funds.rows() for col in FUND_COLUMNS]
    weights = [x.weight for x in form.indicators if x.weight is not None]
    scores = [x.score for x in form.indicators if x.score is not None]
    levels = [f.level for f in r.findings]
    return [
        i,
        form.source.file,
        form.source.line,
        form.title,
        form.year,
        form.project,
        form.department,
        form.unit,
        *funds,
        form.goal.expected,
        form.goal.achieved,
        len(form.indicators),
        sum(weights, Decimal(0)) if weights else None,
        sum(scores, Decimal(0)) if scores else None,
        form.total,
        form.grade,
        profile.name,
        *_recomputed_cells(sheet),
        levels.count(Severity.ERROR),
        levels.count(Severity.WARNING),
        levels.count(Severity.INFO),
        " ".join(sorted({f.code for f in r.findings})),
    ]


def _recomputed_cells(sheet: ScoreSheet | None) -> list[Cell]:
    if sheet is None:
        return [None] * 7
    corrections = "；".join(
        f"{c.row}.{c.column}:{num(c.stated)}→{num(c.corrected)}" for c in sheet.corrections
    )
    return [
        sheet.annual,
        sheet.spent,
        sheet.shown(sheet.rate),
        sheet.shown(sheet.execution_score),
        sheet.shown(sheet.total),
        sheet.grade,
        corrections or None,
    ]


def _value_cells(value: Value) -> list[Cell]:
    op = getattr(value, "op", None)
    return [value.kind, op, number_of(value), unit_of(value) or None]


def _indicator_row(
    i: int, r: Result, j: int, ind: Indicator, s: IndicatorScore | None, profile: Profile
) -> list[Cell]:
    actual = _value_cells(ind.actual_value)
    band = ind.actual_value.band if isinstance(ind.actual_value, Achievement) else None
    return [
        i,
        r.form.project,
        j,
        ind.level1,
        ind.level2,
        ind.name,
        ind.target,
        ind.actual,
        ind.weight,
        ind.score,
        ind.deviation,
        *_value_cells(ind.target_value),
        actual[0],
        actual[2],
        actual[3],
        band,
        s.method if s else None,
        profile.round(s.score) if s and s.score is not None else None,
        s.explanation if s else None,
        ind.source.line,
    ]


def _finding_row(i: int | None, project: str, f: Finding) -> list[Cell]:
    loc, src = f.location, f.location.source
    return [
        i,
        project,
        f.code,
        f.level.value,
        CODES[f.code].title,
        f.message,
        loc.block,
        None if loc.row is None else str(loc.row),
        loc.column,
        src.file if src else None,
        src.line if src else None,
        f.suggestion,
    ]


# ---------------------------------------------------------------------------------------
# CSV and Parquet.


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return num(value)
    return str(value)


def csv_files(
    results: Sequence[Result], profile: Profile | str, extra: Sequence[Finding] = ()
) -> dict[str, bytes]:
    """``{"forms.csv": bytes, "indicators.csv": …, "findings.csv": …}``."""
    check_results(results)
    out = {}
    for name, (columns, rows) in tables(results, profile, extra).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([_csv_text(v) for v in row] for row in rows)
        out[f"{name}.csv"] = buffer.getvalue().encode("utf-8-sig")
    return out


def write_csv(
    results: Sequence[Result],
    folder: str | Path,
    profile: Profile | str,
    extra: Sequence[Finding] = (),
) -> list[Path]:
    """Write forms.csv, indicators.csv and findings.csv into ``folder`` (made if missing)."""
    check_folder_target(folder)
    return write_files(folder, csv_files(results, profile, extra))


def parquet_files(
    results: Sequence[Result], profile: Profile | str, extra: Sequence[Finding] = ()
) -> dict[str, bytes]:
    """``{"forms.parquet": bytes, …}``: the same tables, typed."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    check_results(results)
    out = {}
    for name, (columns, rows) in tables(results, profile, extra).items():
        arrays = {}
        for k, column in enumerate(columns):
            values = [row[k] for row in rows]
            arrays[column] = pa.array(_typed(column, values), type=_arrow_type(column))
        buffer = io.BytesIO()
        pq.write_table(pa.table(arrays), buffer)
        out[f"{name}.parquet"] = buffer.getvalue()
    return out


def _arrow_type(column: str) -> Any:
    import pyarrow as pa

    if column in INTEGER_COLUMNS:
        return pa.int64()
    if column in DECIMAL_COLUMNS:
        return pa.decimal128(24, PARQUET_SCALE)
    return pa.string()


def _typed(column: str, values: list[Cell]) -> list[Any]:
    """Values for an Arrow column: decimals at the Parquet scale, text as str."""
    if column in INTEGER_COLUMNS:
        return values
    if column in DECIMAL_COLUMNS:
        step = Decimal(1).scaleb(-PARQUET_SCALE)
        return [
            v.quantize(step, rounding=ROUND_HALF_EVEN) if isinstance(v, Decimal) else None
            for v in values
        ]
    return [None if v is None else str(v) for v in values]


def write_parquet(
    results: Sequence[Result],
    folder: str | Path,
    profile: Profile | str,
    extra: Sequence[Finding] = (),
) -> list[Path]:
    """Write forms.parquet, indicators.parquet and findings.parquet into ``folder``."""
    check_folder_target(folder)
    return write_files(folder, parquet_files(results, profile, extra))

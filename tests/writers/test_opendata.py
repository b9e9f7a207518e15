"""Open data: JSON in the shape of ``jixiao show --format json`` (validated by its schema),
and forms / indicators / findings as CSV and Parquet with the documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest

from jixiao import openjson
from jixiao.findings import Finding
from jixiao.pipeline import Run
from jixiao.writers import opendata
from tests.conftest import ROOT

DICTIONARY = ROOT / "docs" / "data-dictionary.md"


@pytest.fixture(scope="module")
def extra(pujiang: Run) -> list[Finding]:
    return [*(f for d in pujiang.files for f in d.findings), *pujiang.batch_findings]


def test_json_is_the_form_as_data(pujiang: Run) -> None:
    data = json.loads(opendata.json_bytes(pujiang.results, pujiang.profile))
    jsonschema.validate(data, openjson.schema())
    assert data == openjson.forms_json([r.form for r in pujiang.results])


def test_json_recomputed_adds_numbers_and_findings(pujiang: Run) -> None:
    data = json.loads(opendata.json_bytes(pujiang.results, pujiang.profile, recomputed=True))
    jsonschema.validate(data, openjson.schema())
    form = data["forms"][22]
    assert form["funds"]["total"]["spent"] == "256175.00"  # as stated
    rec = form["recomputed"]
    assert rec["spent"] == "25.6175" and rec["rate"] == "99.99" and rec["total"] == "99.99"
    assert rec["corrections"] == [
        {"row": "total", "column": "spent", "stated": "256175.00", "corrected": "25.6175"}
    ]
    seventh = data["forms"][6]["recomputed"]
    assert seventh["indicators"][0]["score"] == "7.50" and seventh["grade"] == "良"
    assert {f["code"] for f in data["forms"][6]["findings"]} >= {"JX402", "JX409"}


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_tables(pujiang: Run, extra: list[Finding], tmp_path: Path) -> None:
    paths = opendata.write_csv(pujiang.results, tmp_path / "csv", pujiang.profile, extra)
    assert sorted(p.name for p in paths) == ["findings.csv", "forms.csv", "indicators.csv"]
    forms = read_csv((tmp_path / "csv" / "forms.csv").read_bytes())
    inds = read_csv((tmp_path / "csv" / "indicators.csv").read_bytes())
    finds = read_csv((tmp_path / "csv" / "findings.csv").read_bytes())
    assert list(forms[0]) == list(opendata.FORM_COLUMNS)
    assert list(inds[0]) == list(opendata.INDICATOR_COLUMNS)
    assert list(finds[0]) == list(opendata.FINDING_COLUMNS)
    assert len(forms) == 28 and len(inds) == sum(len(r.form.indicators) for r in pujiang.results)
    assert len(finds) == len(pujiang.all_findings())
    first = forms[0]
    assert first["project"] == "社工" and first["total_initial"] == "2087.07"
    assert first["appropriation_weight"] == "" and first["total"] == "99.55"
    assert first["recomputed_rate"] == "95.53" and first["grade"] == ""
    assert forms[22]["unit_corrections"] == "total.spent:256175.00→25.6175"
    seventh = next(row for row in inds if row["form"] == "7")
    assert (seventh["target_op"], seventh["target_number"], seventh["target_unit"]) == (
        "=",
        "8.00",
        "人",
    )
    assert (seventh["score"], seventh["recomputed_score"], seventh["method"]) == (
        "14.90",
        "7.50",
        "positive",
    )
    batch = [row for row in finds if row["form"] == ""]
    assert {row["code"] for row in batch} == {f.code for f in pujiang.batch_findings}


def test_parquet_tables_are_typed(pujiang: Run, extra: list[Finding], tmp_path: Path) -> None:
    opendata.write_parquet(pujiang.results, tmp_path / "pq", pujiang.profile, extra)
    forms = pq.read_table(tmp_path / "pq" / "forms.parquet")
    assert forms.column_names == list(opendata.FORM_COLUMNS) and forms.num_rows == 28
    assert str(forms.schema.field("total_spent").type) == "decimal128(24, 6)"
    assert str(forms.schema.field("year").type) == "int64"
    assert forms.column("total_spent")[22].as_py() == Decimal("256175.000000")
    assert forms.column("recomputed_spent")[22].as_py() == Decimal("25.617500")
    inds = pq.read_table(tmp_path / "pq" / "indicators.parquet")
    assert inds.column_names == list(opendata.INDICATOR_COLUMNS)
    assert str(inds.schema.field("recomputed_score").type) == "decimal128(24, 6)"
    finds = pq.read_table(tmp_path / "pq" / "findings.parquet")
    assert finds.num_rows == len(pujiang.all_findings())


def test_every_column_is_documented() -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    for table, columns in (
        ("forms", opendata.FORM_COLUMNS),
        ("indicators", opendata.INDICATOR_COLUMNS),
        ("findings", opendata.FINDING_COLUMNS),
    ):
        section = text.split(f"## {table}")[1].split("\n## ")[0]
        documented = re.findall(r"^\| `([a-z0-9_]+)` \|", section, re.M)
        assert documented == list(columns), table

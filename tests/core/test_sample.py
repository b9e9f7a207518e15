"""All 28 forms of the shared sample read completely, field by field, against a table
checked by hand against the text (tests/fixtures/pujiang_2023_expected.json)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from jixiao import openjson, pipeline
from tests.conftest import FIXTURES, SAMPLE

EXPECTED = json.loads((FIXTURES / "pujiang_2023_expected.json").read_text(encoding="utf-8"))
INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")


@pytest.fixture(scope="module")
def forms() -> list[dict[str, Any]]:
    doc = pipeline.read(SAMPLE)
    return openjson.forms_json(doc.form_list)["forms"]


@pytest.fixture(scope="module")
def lines() -> list[list[str]]:
    return [line.split("\t") for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_reads_28_forms_without_findings(forms: list[dict[str, Any]]) -> None:
    doc = pipeline.read(SAMPLE)
    assert len(forms) == 28
    assert doc.findings == ()
    assert [f.code for x in doc.forms for f in x.findings] == []


@pytest.mark.parametrize("i", range(28))
def test_form_fields(i: int, forms: list[dict[str, Any]], lines: list[list[str]]) -> None:
    want, got = EXPECTED["forms"][i], forms[i]
    assert got["source"]["line"] == want["line"]
    for field in ("title", "year", "project", "department", "unit", "total", "grade"):
        assert got[field] == want[field], field
    assert got["funds"] == want["funds"]
    goal_cells = [c.strip() for c in lines[want["goal"]["expected_line"] - 1] if c.strip()]
    assert got["goal"]["expected"] == goal_cells[0]
    assert got["goal"]["achieved"] == goal_cells[-1]
    assert [{k: ind[k] for k in INDICATOR_FIELDS} for ind in got["indicators"]] == want[
        "indicators"
    ]


def test_no_value_unparsed(forms: list[dict[str, Any]]) -> None:
    kinds = [
        (ind["name"], side, ind[f"{side}_value"]["kind"])
        for f in forms
        for ind in f["indicators"]
        for side in ("target", "actual")
    ]
    assert [k for k in kinds if k[2] in ("unparsed", "empty")] == []


def test_json_validates_against_schema(forms: list[dict[str, Any]]) -> None:
    import jsonschema

    jsonschema.validate({"forms": forms}, openjson.schema())


def test_json_round_trip_to_form(forms: list[dict[str, Any]]) -> None:
    """Every sample form read back from its open-data JSON gives the same JSON."""
    for f in forms:
        again = openjson.form_json(openjson.form_from_json(f))
        assert {k: v for k, v in again.items() if k != "source"} == {
            k: v for k, v in f.items() if k != "source"
        }


@pytest.mark.parametrize(
    ("patch", "where"),
    [
        ({"total": "九十"}, "total"),
        ({"year": "2023"}, "year"),
        ({"funds": {"total": {"annual": 12.5}}}, "funds.total.annual"),
        ({"indicators": [{"weight": "abc"}]}, "indicators[1].weight"),
        ({"indicators": "none"}, "indicators"),
    ],
)
def test_json_to_form_errors_name_the_field(patch: dict[str, Any], where: str) -> None:
    with pytest.raises(openjson.FormJSONError, match=where.replace("[", r"\[").replace("]", r"\]")):
        openjson.form_from_json({"project": "x", **patch})

"""Every sample form written as xlsx, xls, docx, HTML and PDF, in two template layouts,
reads back equal, field for field, to the text reading, with no finding."""

from __future__ import annotations

import re
from typing import Any

import pytest

from jixiao import openjson, pipeline
from tests.readers.conftest import Written, strip_sources

FORMATS = ("xlsx", "xls", "docx", "html", "pdf")
LAYOUTS = ("national", "variant")
FREE_TEXT = re.compile(r"\s+")


def _read(path: Any) -> tuple[list[dict[str, Any]], list[str]]:
    doc = pipeline.read(path)
    findings = [f.render() for f in doc.findings] + [
        f.render() for x in doc.forms for f in x.findings
    ]
    return [openjson.form_json(x.form) for x in doc.forms], findings


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_reads_back_every_form(
    fmt: str, layout: str, formats: dict[str, Written], sample_forms: list[dict[str, Any]]
) -> None:
    got, findings = _read(getattr(formats[fmt], layout))
    assert findings == []
    assert len(got) == 28
    want = [strip_sources(f) for f in sample_forms]
    have = [strip_sources(f) for f in got]
    if fmt == "pdf":
        # A PDF keeps no space where a line wraps inside a cell: the long free texts are
        # compared without whitespace; every other field, exactly.
        for form in (*want, *have):
            form["goal"] = {k: _squash(v) for k, v in form["goal"].items()}
            for ind in form["indicators"]:
                ind["deviation"] = _squash(ind["deviation"])
    for i, (w, h) in enumerate(zip(want, have, strict=True)):
        assert h == w, f"form {i + 1} ({w['project']})"


def _squash(text: str | None) -> str | None:
    return None if text is None else FREE_TEXT.sub("", text)


def test_pdf_loses_only_spaces_at_line_wraps(
    formats: dict[str, Written], sample_forms: list[dict[str, Any]]
) -> None:
    got, _ = _read(formats["pdf"].national)
    differ = [
        (w["project"], key)
        for w, h in zip(sample_forms, got, strict=True)
        for key in ("expected", "achieved")
        if w["goal"][key] != h["goal"][key]
    ]
    assert len(differ) <= 3, differ


@pytest.mark.parametrize(
    ("fmt", "where"),
    [
        ("xlsx", {"sheet": "Sheet1", "row": 3, "column": 3}),
        ("xls", {"sheet": "Sheet1", "row": 3, "column": 3}),
        ("docx", {"sheet": "表格1", "row": 3, "column": 3}),
        ("pdf", {"page": 1, "row": 3, "column": 3}),
    ],
)
def test_cells_keep_their_source_position(
    fmt: str, where: dict[str, Any], formats: dict[str, Written]
) -> None:
    form = pipeline.read(formats[fmt].national).forms[0].form
    src = form.sources["project"]
    assert form.project == "社工"
    assert {k: getattr(src, k) for k in where} == where


def test_html_sources_give_the_line_of_the_row(formats: dict[str, Written]) -> None:
    path = formats["html"].national
    form = pipeline.read(path).forms[0].form
    line = form.sources["project"].line
    assert line is not None
    assert "社工" in path.read_text(encoding="utf-8").splitlines()[line - 1 : line + 3][-1] or (
        "社工" in "".join(path.read_text(encoding="utf-8").splitlines()[line - 1 : line + 3])
    )


def test_one_form_per_sheet_names_the_sheet(formats: dict[str, Written]) -> None:
    forms = pipeline.read(formats["xlsx"].variant).forms
    assert [x.form.source.sheet for x in forms[:3]] == ["表1", "表2", "表3"]

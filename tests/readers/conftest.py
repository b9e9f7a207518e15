"""Session fixtures: the sample's 28 forms written once as xlsx, xls, docx, HTML and PDF, in
two template layouts, by the real libraries (see ``make``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from jixiao import openjson, pipeline
from tests.conftest import SAMPLE
from tests.readers import make


def read_text(tmp_path: Path, text: str, name: str = "form.txt") -> pipeline.Document:
    """``text`` written to a file and read."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return pipeline.read(path)


def strip_sources(form: dict[str, Any]) -> dict[str, Any]:
    """A form's JSON without its source positions (they differ by format, by design)."""
    out = {k: v for k, v in form.items() if k != "source"}
    out["indicators"] = [{k: v for k, v in i.items() if k != "source"} for i in form["indicators"]]
    return out


@pytest.fixture(scope="session")
def sample_forms() -> list[dict[str, Any]]:
    """The sample's forms as the text reader reads them: what every format must give back."""
    return [openjson.form_json(x.form) for x in pipeline.read(SAMPLE).forms]


@dataclass(frozen=True)
class Written:
    """Files of one format: layout name → path."""

    national: Path
    variant: Path


@pytest.fixture(scope="session")
def tables(sample_forms: list[dict[str, Any]]) -> dict[str, list[make.Table]]:
    return {
        "national": [make.national(f) for f in sample_forms],
        "variant": [make.variant(f, name=f"表{i + 1}") for i, f in enumerate(sample_forms)],
    }


@pytest.fixture(scope="session")
def formats(
    tables: dict[str, list[make.Table]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Written]:
    """Every format in both layouts. National: all forms on one sheet, one docx, one flowing
    page (tables run across PDF pages); variant: one form per sheet, per docx page, per PDF
    page, with the total as a live formula saved without its value (openpyxl)."""
    d = tmp_path_factory.mktemp("formats")
    nat, var = tables["national"], tables["variant"]
    html_nat = make.write_html(["首页 > 信息公开 > 绩效自评", *nat], d / "national.html")
    html_var = make.write_html(var, d / "variant.html", page_per_table=True)
    return {
        **_office(nat, var, d),
        "html": Written(html_nat, html_var),
        "pdf": Written(
            make.write_pdf(html_nat, d / "national.pdf"),
            make.write_pdf(html_var, d / "variant.pdf"),
        ),
    }


def _office(nat: list[make.Table], var: list[make.Table], d: Path) -> dict[str, Written]:
    return {
        "xlsx": Written(
            make.write_xlsx([nat], d / "national.xlsx"),
            make.write_xlsx([[t] for t in var], d / "variant.xlsx", formulas=True),
        ),
        "xls": Written(
            make.write_xls([nat], d / "national.xls"),
            make.write_xls([[t] for t in var], d / "variant.xls"),
        ),
        "docx": Written(
            make.write_docx(nat, d / "national.docx"),
            make.write_docx(var, d / "variant.docx", page_break_between=True),
        ),
    }

"""Session fixtures for the writer tests: the sample run once per profile, and every export of
its 28 forms written once (the LibreOffice recalculation runs once for all workbooks)."""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import jixiao
from jixiao.pipeline import Run
from jixiao.writers.formulas import a1
from jixiao.writers.table import form_table
from jixiao.writers.xlsx import write_xlsx
from tests.conftest import SAMPLE
from tests.writers.office import Values, recalculate
from tests.writers.synthetic import ratio_profile, write_cases

PROFILES = ("pujiang-2023", "mof-2020")
MODES = ("stated", "recomputed")
# Every exported workbook the recalculation test checks: name → (run, recomputed).
EXPORTS = {
    **{f"{p}-{m}": (p, m == "recomputed") for p in PROFILES for m in MODES},
    "synthetic-stated": ("synthetic", False),
    "synthetic-recomputed": ("synthetic", True),
    "synthetic-ratio-recomputed": ("synthetic-ratio", True),
}
POISON = "777777"
# A person edits the exported workbook: form 2's 全年执行数 and form 7's first indicator score.
EDITS = ((2, "total.spent", Decimal(60)), (7, "indicator.1.score", Decimal(0)))


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The sample under both profiles, and the synthetic edge cases (mof-2020, and a profile
    with the ratio variant of reverse indicators)."""
    folder = tmp_path_factory.mktemp("synthetic")
    cases = write_cases(folder)
    out = {p: jixiao.run(SAMPLE, profile=p) for p in PROFILES}
    out["synthetic"] = jixiao.run(cases, profile="mof-2020")
    out["synthetic-ratio"] = jixiao.run(cases, profile=str(ratio_profile(folder)))
    return out


@dataclass(frozen=True)
class Workbooks:
    """The exported workbooks ({profile}-{mode}) and, for each (and for the poisoned and
    edited copies), the values of every sheet after LibreOffice recalculated it."""

    exported: dict[str, Path]
    recalculated: dict[str, list[Values]]

    def value(self, name: str, sheet: int, address: str) -> Decimal | str | None:
        """A recalculated cell: a number as Decimal, text as str, blank as None."""
        col, row = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()  # type: ignore[union-attr]
        c = 0
        for ch in col:
            c = c * 26 + ord(ch) - ord("A") + 1
        rows = self.recalculated[name][sheet]
        text = rows[int(row) - 1][c - 1] if int(row) <= len(rows) else ""
        if text == "":
            return None
        try:
            return Decimal(text)
        except ArithmeticError:
            return text


def _poisoned(src: Path, dest: Path) -> Path:
    """A copy whose formula cells carry a wrong cached value: if LibreOffice kept cached
    values instead of recalculating, the comparison would see it."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text, n = re.subn(r"(</f>)<v>[^<]*</v>", rf"\1<v>{POISON}</v>", text)
                assert n > 0, f"no formula values in {item.filename}"
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return dest


def _edited(src: Path, dest: Path, run: Run) -> Path:
    wb = openpyxl.load_workbook(src)
    for number, key, value in EDITS:
        cell = form_table(run.results[number - 1], run.profile).keyed()[key]
        wb.worksheets[number - 1][a1(cell.row, cell.col)].value = float(value)
    wb.save(dest)
    return dest


@pytest.fixture(scope="session")
def workbooks(runs: dict[str, Run], tmp_path_factory: pytest.TempPathFactory) -> Workbooks:
    folder = tmp_path_factory.mktemp("xlsx")
    exported: dict[str, Path] = {}
    for name, (key, recomputed) in EXPORTS.items():
        run = runs[key]
        exported[name] = folder / f"{name}.xlsx"
        write_xlsx(run.results, exported[name], run.profile, recomputed=recomputed)
    extra = [
        _poisoned(exported["pujiang-2023-stated"], folder / "poisoned.xlsx"),
        _edited(exported["pujiang-2023-stated"], folder / "edited.xlsx", runs["pujiang-2023"]),
    ]
    files = [*exported.values(), *extra]
    sheets = {f.stem: openpyxl.load_workbook(f, read_only=True).sheetnames for f in files}
    recalculated = recalculate(
        files,
        sheets,
        tmp_path_factory.mktemp("recalculated"),
        tmp_path_factory.mktemp("lo-profile"),
    )
    return Workbooks(exported=exported, recalculated=recalculated)


def cell_value(value: object) -> Decimal | str | None:
    """A spreadsheet value as a Decimal (numbers) or text."""
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value)
    if isinstance(value, int | float):
        return Decimal(repr(value))
    return str(value)


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, copied where tests may put files beside it."""
    folder = tmp_path_factory.mktemp("sample")
    return Path(shutil.copy(SAMPLE, folder / SAMPLE.name))


@pytest.fixture(scope="session")
def pujiang(runs: dict[str, Run]) -> Run:
    return runs["pujiang-2023"]


@pytest.fixture(scope="session")
def exported_pdf(pujiang: Run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 28 forms as stated, as one PDF (written once: WeasyPrint takes a while)."""
    from jixiao.writers.pdf import write_pdf

    path = tmp_path_factory.mktemp("pdf") / "forms.pdf"
    write_pdf(pujiang.results, path, pujiang.profile)
    return path


@pytest.fixture(scope="session")
def exported_docx(pujiang: Run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jixiao.writers.docx import write_docx

    path = tmp_path_factory.mktemp("docx") / "forms.docx"
    write_docx(pujiang.results, path, pujiang.profile)
    return path


def without_sources(value: object) -> object:
    """A form's open-data JSON without its "source" entries (positions differ by format)."""
    if isinstance(value, dict):
        return {k: without_sources(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [without_sources(v) for v in value]
    return value

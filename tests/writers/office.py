"""LibreOffice headless for the tests: recalculate workbooks as a spreadsheet program would.

Each run gets its own user profile, set to recalculate every formula when an OOXML file is
loaded (LibreOffice's default keeps the cached values a file carries). The values come back
as CSV, one file per sheet, numbers unformatted (as the spreadsheet holds them): that is
twice as fast as saving workbooks again.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is required: scripts/setup-system installs it"
    return found


# Comma, double quote, UTF-8, from line 1, …, values not "as shown", every sheet (-1).
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

Values = list[list[str]]


def recalculate(
    files: list[Path], sheets: dict[str, list[str]], outdir: Path, profile: Path
) -> dict[str, list[Values]]:
    """Open every workbook in one LibreOffice run, recalculate, and return the values of
    each sheet ({input stem: [rows of sheet 1, …]}); ``sheets`` names each file's sheets."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        CSV_ALL_SHEETS,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    out: dict[str, list[Values]] = {}
    for f in files:
        out[f.stem] = []
        for name in sheets[f.stem]:
            path = outdir / f"{f.stem}-{name}.csv"
            assert path.exists(), f"LibreOffice did not write {path}: {done.stdout}{done.stderr}"
            with open(path, encoding="utf-8", newline="") as fh:
                out[f.stem].append(list(csv.reader(fh)))
    return out

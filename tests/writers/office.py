"""LibreOffice headless for the tests: recalculate workbooks as a spreadsheet program would.

Each run gets its own user profile, set to recalculate every formula when an OOXML file is
loaded (LibreOffice's default keeps the cached values a file carries).
"""

from __future__ import annotations

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


def convert(files: list[Path], to: str, outdir: Path, profile: Path) -> dict[str, Path]:
    """Convert ``files`` in one LibreOffice run; returns {input stem: output path}."""
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
        to,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    ext = to.split(":")[0]
    out = {f.stem: outdir / f"{f.stem}.{ext}" for f in files}
    missing = [str(p) for p in out.values() if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}: {done.stdout}{done.stderr}"
    return out

"""Rule profiles: built-ins, inheritance, a user's TOML, and clear errors on bad ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import pipeline
from jixiao.checks.codes import Severity
from jixiao.profiles import ProfileError, available, load_profile
from tests.checks.forms import base, write


def test_builtins() -> None:
    names = [p.name for p in available()]
    assert names == ["mof-2020", "pujiang-2023"]
    mof, pj = load_profile("mof-2020"), load_profile("pujiang-2023")
    assert (mof.rounding, pj.rounding) == ("half_up", "down")
    assert pj.weights == mof.weights and pj.bands == mof.bands  # inherited from base
    assert mof.round(Decimal("95.535")) == Decimal("95.54")
    assert pj.round(Decimal("95.539")) == Decimal("95.53")


def _write(tmp: Path, text: str) -> str:
    path = tmp / "my.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_profile_overrides_severity(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name = "mine"\nbase = "mof-2020"\n[severity]\nJX405 = "error"\n')
    prof = load_profile(path)
    assert prof.name == "mine" and prof.severity == {"JX405": Severity.ERROR}
    form = write(tmp_path, base())
    spec_run = pipeline.run(form, prof)
    assert spec_run.all_findings() == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('base = "mof-2020"\n[rounding]\nmode = "banker"\n', "rounding.mode"),
        ('base = "mof-2020"\n[severity]\nJX999 = "error"\n', "JX999"),
        ('base = "mof-2020"\n[severity]\nJX405 = "fatal"\n', "severity.JX405"),
        ('base = "mof-2020"\n[bands]\nachieved = ["1", "0.8"]\n', "bands.achieved"),
        ('base = "mof-2020"\n[thresholds]\nlow_execution = 0.9\n', "thresholds.low_execution"),
        ('base = "nope"\n', "nope"),
        ("this is = not toml [", "TOML"),
        ('name = "x"\n', "[rounding]"),
    ],
)
def test_bad_profiles(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message.replace("[", r"\[")):
        load_profile(_write(tmp_path, text))


def test_missing_profile() -> None:
    with pytest.raises(ProfileError, match="没有名为"):
        load_profile("nonexistent")

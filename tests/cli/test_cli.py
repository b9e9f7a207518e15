"""The ``jixiao`` command: show, schema, check, profiles; exit codes and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.checks.forms import base, mutate, write
from tests.conftest import EXAMPLES, SAMPLE, invoke


def test_show_json_sample() -> None:
    code, out, _ = invoke("show", str(SAMPLE), "--format", "json")
    assert code == 0
    forms = json.loads(out)["forms"]
    assert len(forms) == 28
    assert forms[0]["funds"]["total"]["annual"] == "2138.12"
    assert forms[6]["indicators"][0]["target_value"] == {
        "kind": "comparison",
        "op": "=",
        "number": "8.00",
        "unit": "人",
    }


def test_show_one_form_as_table() -> None:
    code, out, _ = invoke("show", str(SAMPLE), "--form", "7")
    assert code == 0
    for text in (
        "劝导队经费（信）",
        "维稳工作完成率",
        "14.90",
        "96.57",
        "项目资金",
        "评分等级：优",
    ):
        assert text in out
    assert "社工数量" not in out


def test_show_form_out_of_range() -> None:
    code, _, err = invoke("show", str(SAMPLE), "--form", "29")
    assert code == 2 and "共读到 28 张表" in err


def test_schema_validates_show_output() -> None:
    import jsonschema

    _, schema_text, _ = invoke("schema")
    _, out, _ = invoke("show", str(EXAMPLES), "--format", "json")
    jsonschema.validate(json.loads(out), json.loads(schema_text))


def test_bad_input_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_binary.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_noform.txt").write_text("会议纪要\n没有表格\n", encoding="utf-8")
    truncated = "\n".join(write(tmp_path, base()).read_text(encoding="utf-8").splitlines()[:6])
    (tmp_path / "d_truncated.txt").write_text(truncated, encoding="utf-8")
    (tmp_path / "form.txt").rename(tmp_path / "e_good.txt")
    code, out, err = invoke("show", str(tmp_path), "--format", "json")
    assert code == 0
    assert [f["project"] for f in json.loads(out)["forms"]] == ["职业技能培训补贴"] * 2
    assert "a_binary.txt: JX001" in err
    assert "b_empty.txt" in err and "JX002" in err
    assert "c_noform.txt" in err
    assert "d_truncated.txt:6: JX003" in err and "缺少绩效指标" in err


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x00" * 10)
    assert invoke("show", str(tmp_path / "x.txt"))[0] == 2
    assert invoke("show", str(tmp_path / "missing.txt"))[0] == 2
    assert invoke("check", str(tmp_path / "x.txt"))[0] == 2


def test_check_exit_codes(tmp_path: Path) -> None:
    clean = write(tmp_path, base(), name="clean.txt")
    assert invoke("check", str(clean))[0] == 0
    warn = write(tmp_path, mutate(ind={(3, 3): "=95(%)"}), name="warn.txt")
    assert invoke("check", str(warn))[0] == 0
    assert invoke("check", str(warn), "--fail-on", "warning")[0] == 1
    err_form = write(tmp_path, mutate(ind={(0, 4): "5(次)"}), name="err.txt")
    code, out, _ = invoke("check", str(err_form))
    assert code == 1
    assert "err.txt:" in out and "JX402 [错误] 职业技能培训补贴" in out
    assert "共 1 个文件、1 张自评表" in out


def test_check_select_ignore(tmp_path: Path) -> None:
    path = write(tmp_path, mutate(ind={(0, 4): "5(次)"}))
    _, out, _ = invoke("check", str(path), "--format", "json", "--select", "JX4")
    codes = {f["code"] for f in json.loads(out)["forms"][0]["findings"]}
    assert codes == {"JX402", "JX409"}
    _, out, _ = invoke("check", str(path), "--format", "json", "--ignore", "JX402,JX409")
    assert json.loads(out)["forms"][0]["findings"] == []
    assert invoke("check", str(path), "--select", "JX99")[0] == 2


def test_check_json_shape_on_sample() -> None:
    code, out, _ = invoke("check", str(SAMPLE), "--profile", "pujiang-2023", "--format", "json")
    assert code == 1
    data = json.loads(out)
    form = next(f for f in data["forms"] if f["project"] == "劝导队经费（信）")
    assert form["stated"] == {
        "rate": "66.74",
        "execution_score": "6.67",
        "total": "96.57",
        "grade": "优",
    }
    assert form["recomputed"] == {
        "rate": "66.74",
        "execution_score": "6.67",
        "total": "89.17",
        "grade": "良",
    }
    finding = next(f for f in form["findings"] if f["code"] == "JX402")
    assert finding["severity"] == "error"
    assert finding["location"] == {
        "block": "indicators",
        "row": 1,
        "column": "score",
        "file": str(SAMPLE),
        "line": 128,
    }
    assert data["summary"]["forms"] == 28
    assert [f["code"] for f in data["summary"]["findings"]] == ["JX601"]


def test_check_bad_profile(tmp_path: Path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text("x = [", encoding="utf-8")
    code, _, err = invoke("check", str(SAMPLE), "--profile", str(bad))
    assert code == 2 and "TOML" in err


def test_profiles_lists_builtins() -> None:
    code, out, _ = invoke("profiles")
    assert code == 0 and "mof-2020" in out and "pujiang-2023" in out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, base(), encoding=encoding)
    code, out, err = invoke("show", str(path), "--format", "json")
    assert code == 0 and json.loads(out)["forms"][0]["project"] == "职业技能培训补贴"
    assert ("JX004" in err) == (encoding != "utf-8-sig")

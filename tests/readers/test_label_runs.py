"""The rules for tables whose copy lost its rows: OCR misreadings of the labels read back
(``ocr``), funds labels followed by their values (``label_run``), a total stated at the
top (自评总分)."""

from __future__ import annotations

from jixiao.extract.builder import row_keys
from jixiao.extract.label_run import labelled_values
from jixiao.extract.labels import key
from jixiao.extract.ocr import fold_ocr


def test_ocr_misreadings_of_labels_are_read_back() -> None:
    assert fold_ocr("项Fl资金(万兀)") == "项目资金(万元)"
    assert fold_ocr("年初预匏数调整预算将,A、") == "年初预算数调整预算数,A、"
    assert key("顼目名称") == "项目名称"


def test_ocr_fold_leaves_words_alone() -> None:
    """预算将 is a word in prose; only after 调整 and before no character is it 预算数."""
    assert fold_ocr("调整预算将于下年度支付") == "调整预算将于下年度支付"
    assert fold_ocr("预算将按计划执行") == "预算将按计划执行"


def test_labels_then_values_with_stated_weight() -> None:
    cells = ["资金总额", "□", "预算数", "(A)", "执行数(B)", "执行率(B/A)", "得分", "(20",
             "分*执行率)", "285.84", "285.84", "100%", "20", "三级指标"]  # fmt: skip
    found = labelled_values(row_keys(cells), 1)
    assert found is not None
    values, placed = found
    assert {n: str(v) for n, v in values.items()} == {
        "annual": "285.84",
        "spent": "285.84",
        "rate": "100",
        "score": "20",
        "weight": "20",
    }
    assert placed["annual"] == 9


def test_labels_then_a_run_split_by_the_arithmetic() -> None:
    cells = [
        "",
        "年初预算数",
        "调整预算数",
        ",A、",
        "全年执行数(B)",
        "执行率(B/A)",
        "64.864.864.8100%",
    ]
    found = labelled_values(row_keys(cells), 0)
    assert found is not None
    assert [str(v) for v in found[0].values()] == ["64.8", "64.8", "64.8", "100"]


def test_labels_then_values_that_disagree_are_not_read() -> None:
    """90 spent of 100 is not a rate of 100%: which value is which cannot be known."""
    cells = ["预算数", "执行数", "执行率", "100", "90", "100%"]
    assert labelled_values(row_keys(cells), 0) is None
    short = ["预算数", "执行数", "执行率", "100", "100"]
    assert labelled_values(row_keys(short), 0) is None


def test_total_stated_at_the_top() -> None:
    from jixiao.extract import extract
    from jixiao.readers.grid import Grid, RowPos

    rows = [
        ["绩效自评表", "自评总分:", "69"],
        ["项目名称", "办公网维护"],
        ["年度资金总额", "5", "5", "5"],
    ]
    grid = Grid(file="t", rows=rows, positions=[RowPos(line=i) for i in range(1, 4)])
    forms, _ = extract(grid)
    assert str(forms[0].form.total) == "69"

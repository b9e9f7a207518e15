"""The reader of indicator records run together in a table with no score columns."""

from __future__ import annotations

from jixiao.extract.plain_records import plain_records

HEADER = ("level1", "level2", "name", "target", "actual", "deviation")


def test_pairs_end_records() -> None:
    got = plain_records("库存数量真实率100%100%变质比例00", HEADER)
    assert got == (
        [
            {"name": "库存数量真实率", "target": "100%", "actual": "100%"},
            {"name": "变质比例", "target": "0", "actual": "0"},
        ],
        "",
    )


def test_numbers_inside_a_name_stay_in_it() -> None:
    got = plain_records("5000吨稻谷、500吨成品粮储备到位率100%100%", HEADER)
    assert got is not None
    assert got[0][0]["name"] == "5000吨稻谷、500吨成品粮储备到位率"


def test_achievement_label_and_placeholder() -> None:
    got = plain_records("灭火设备配备率100%1000件达成预期指标查明率不低于95%达成预期指标", HEADER)
    assert got is not None
    first, second = got[0]
    assert first == {
        "name": "灭火设备配备率",
        "target": "100%",
        "actual": "1000件",
        "deviation": "达成预期指标",
    }
    assert second == {"name": "查明率", "target": "不低于95%", "actual": "达成预期指标"}
    got = plain_records("补贴保障率100%无没有轮换", HEADER)
    assert got is not None
    assert got[0][0] == {
        "name": "补贴保障率",
        "target": "100%",
        "actual": "无",
        "deviation": "没有轮换",
    }


def test_section_label_ends_the_records() -> None:
    got = plain_records("满意度调查90%100%说明无", HEADER)
    assert got == ([{"name": "满意度调查", "target": "90%", "actual": "100%"}], "说明无")


def test_not_read() -> None:
    assert plain_records("库存数量真实率100%100%", (*HEADER, "weight", "score")) is None
    assert plain_records("一段没有数值的说明文字", HEADER) is None
    assert plain_records("100%100%100%", HEADER) is None

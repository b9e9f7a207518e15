"""Numbers run together (``readers.runs``) and the extractor's use of them: a run is read
only when one split is confirmed, never guessed."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import glued_records
from jixiao.extract.footer import total_value
from jixiao.extract.funds import fund_run
from jixiao.readers import runs


def test_splits_follow_how_numbers_are_written() -> None:
    assert ("20", "20", "10", "100.00%", "10") in runs.splits("202010100.00%10", 5)
    assert all(not p.startswith("0") or p == "0" for s in runs.splits("2020", 2) for p in s)
    assert runs.splits("1.2.3", 1) == ()


def test_funds_run_needs_one_confirmed_split() -> None:
    cols = {"annual": 1, "spent": 2, "weight": 3, "rate": 4, "score": 5}
    got = fund_run(cols, ["年度资金总额", "202010100.00%10"], [1])
    assert got == {
        "annual": Decimal(20),
        "spent": Decimal(20),
        "weight": Decimal(10),
        "rate": Decimal("100.00"),
        "score": Decimal(10),
    }
    three = {"annual": 1, "spent": 2, "rate": 3}
    assert fund_run(three, ["合计", "194.9194.9100%"], [1]) == {
        "annual": Decimal("194.9"),
        "spent": Decimal("194.9"),
        "rate": Decimal(100),
    }
    # 63631 | 0 | 0% agrees too, but spending nothing agrees with any budget: it confirms
    # nothing, so 63 | 63 | 100% is the one reading.
    assert fund_run(three, ["合计", "6363100%"], [1]) == {
        "annual": Decimal(63),
        "spent": Decimal(63),
        "rate": Decimal(100),
    }
    # A column the model has not (a stacked header's 历年结余结转) is split off and read past.
    carried = {"_carried": 1, "annual": 2, "spent": 3, "rate": 4}
    assert fund_run(carried, ["合计", "56363100%"], [1]) == {
        "annual": Decimal(63),
        "spent": Decimal(63),
        "rate": Decimal(100),
    }
    # 4 | 1 | 25% and 41 | 2 | 5% both spend and agree: not one reading, so none.
    assert fund_run(three, ["合计", "4125%"], [1]) is None
    assert fund_run(three, ["合计", "2020"], [1]) is None  # no rate: nothing confirms


def test_total_run() -> None:
    assert total_value("100100") == Decimal(100)
    assert total_value("95.5") == Decimal("95.5")


def test_glued_records() -> None:
    header = ("level1", "level2", "name", "weight", "target", "actual", "score", "deviation")
    got = glued_records("水标尺宽度10≥50厘米≥50厘米10验收合格率20100%100%19", header)
    assert got == [
        {
            "name": "水标尺宽度",
            "weight": "10",
            "target": "≥50厘米",
            "actual": "≥50厘米",
            "score": "10",
        },
        {"name": "验收合格率", "weight": "20", "target": "100%", "actual": "100%", "score": "19"},
    ]
    assert glued_records("没有数字的说明文字", header) is None
    assert glued_records("名称10≥50米", ("name", "target", "actual")) is None

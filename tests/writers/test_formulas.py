"""Formula text by profile, and the small helpers of the table layout."""

from __future__ import annotations

from decimal import Decimal

from jixiao.profiles import load_profile
from jixiao.writers import formulas as fx
from jixiao.writers.table import places_of, show


def test_a1() -> None:
    assert [fx.a1(0, 0), fx.a1(5, 7), fx.a1(9, 25), fx.a1(0, 26), fx.a1(6, 27)] == [
        "A1",
        "H6",
        "Z10",
        "AA1",
        "AB7",
    ]


def test_rounding_follows_the_profile() -> None:
    down, half = load_profile("pujiang-2023"), load_profile("mof-2020")
    assert fx.rounded("E6/D6*100", down) == "ROUNDDOWN(ROUND(E6/D6*100,10),2)"
    assert fx.rounded("E6/D6*100", half) == "ROUND(ROUND(E6/D6*100,10),2)"


def test_grade_uses_the_cut_offs() -> None:
    assert fx.grade("G20", load_profile("mof-2020")) == (
        'IF(G20>=90,"优",IF(G20>=80,"良",IF(G20>=60,"中","差")))'
    )


def test_indicator_formulas() -> None:
    assert fx.positive("F1", "J1", "K1", "≥") == (
        "IF(J1=0,F1,IF(MAX(K1,0)>=J1,F1,F1*MAX(K1,0)/J1))"
    )
    assert "IF(MAX(K1,0)<=0,F1,0)" in fx.positive("F1", "J1", "K1", "=")
    assert fx.reverse("F1", "J1", "K1", "ratio") == (
        "IF(MAX(K1,0)<=J1,F1,IF(J1=0,0,F1*J1/MAX(K1,0)))"
    )
    assert "IF(MAX(K1,0)>=2*J1,0,F1*(1-(MAX(K1,0)-J1)/J1))" in fx.reverse(
        "F1", "J1", "K1", "linear"
    )


def test_numbers_keep_their_written_decimals() -> None:
    assert [places_of(Decimal(v)) for v in ("10.00", "100", "94.8", "25.6175")] == [2, 0, 1, 4]
    assert show(Decimal("2087.07"), 2, grouped=True) == "2,087.07"
    assert show(Decimal("100.00"), None) == "100" and show(Decimal("94.80"), None) == "94.8"
    assert show(None, 2) == "" and show("—", 2) == "—"

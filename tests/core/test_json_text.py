"""``report.json_text`` writes the very text of ``json.dumps(…, ensure_ascii=False,
indent=2)``: on every checked form of the sample, and on the shapes a summary has."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from jixiao import pipeline, report
from jixiao.profiles import load_profile
from tests.conftest import SAMPLE


def _standard(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_checked_forms_as_the_standard_library_writes_them() -> None:
    checked = pipeline.check_file(SAMPLE, load_profile("pujiang-2023"))
    items = [report.form_json(r) for r in checked.results]
    assert len(items) == 28 and any(item["findings"] for item in items)
    assert [report.json_text(item) for item in items] == [_standard(item) for item in items]


_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.text(st.characters(exclude_categories=[]), max_size=8)  # lone surrogates too
)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=4) | st.integers(0, 99), inner, max_size=3)
    ),
    max_leaves=12,
)


def test_what_orjson_refuses_is_written_by_the_standard_library() -> None:
    # A file name that is not UTF-8 (GBK bytes from a zip) holds lone surrogates.
    for value in ({"file": "/data/\udcca\udcbe.txt"}, {"n": 2**70}):
        assert report.json_text(value) == _standard(value)


@given(_VALUES)
def test_any_summary_shape_as_the_standard_library_writes_it(value: object) -> None:
    assert report.json_text(value) == _standard(value)

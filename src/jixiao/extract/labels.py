"""The table's labels, in one place: what each header, row and column of the form is
called (项目名称, 年度资金总额, 全年预算数, 一级指标 …, with other provinces' variants), the
level-1 and level-2 indicator names, and how a cell's text is read as a label (``key``), as
content (``clean``) or as a number (``amount``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

from jixiao.extract.ocr import fold_ocr
from jixiao.memo import Memo
from jixiao.unicode import nfkc

HEADER_FIELDS: Final = {
    "项目名称": "project",
    "部门(单位)名称": "department",
    "专项资金名称": "project",
    "评价项目": "project",  # a scoring sheet's 评价项目:2018年耕地地力保护补贴 (no anchor)
    "主管部门": "department",
    "县级主管部门": "department",
    "实施单位": "unit",
    "项目实施单位": "unit",
}
PROJECT_LABELS: Final = ("项目名称", "专项资金名称", "部门(单位)名称")  # a form starts with one
HEADLESS_LABELS: Final = ("主管部门", "评价项目")  # where a form without one starts
# (prefix of the normalised header text, funds column)
FUND_COLUMN_LABELS: Final = (
    ("年初预算", "initial"),
    ("全年预算", "annual"),
    ("调整后预算", "annual"),
    ("调整预算", "annual"),
    ("预算数", "annual"),
    ("全年执行", "spent"),
    ("实际执行", "spent"),
    ("预算执行数", "spent"),
    ("执行数", "spent"),
    ("分值", "weight"),
    ("分数", "weight"),
    ("权重", "weight"),
    ("执行率权重", "weight"),  # Chongqing's 部门整体 form: 执行率(%) | 执行率权重 | 执行率得分
    ("执行率得分", "score"),
    ("执行率", "rate"),
    ("预算执行率", "rate"),
    ("得分", "score"),
)


# (substring of the normalised row label, funds row)
FUND_ROW_LABELS: Final = (
    ("资金总额", "total"),
    ("总额", "total"),
    ("财政拨款", "appropriation"),
    ("财政资金", "appropriation"),
    ("预算内拨款", "appropriation"),  # Wuhan: 一般预算内拨款
    ("结转", "carryover"),
    ("其他资金", "other"),
    ("合计", "total"),  # a funds block's last row, under its sources
)


# (prefix of the normalised header text, indicator column); first match wins.
INDICATOR_COLUMN_LABELS: Final = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("指标名称", "name"),
    ("年度指标值", "target"),
    ("预期指标值", "target"),
    ("指标值", "target"),
    ("年初目标值", "target"),
    ("目标值", "target"),
    ("指标性质", "operator"),
    ("计算符号", "operator"),
    ("符号", "operator"),
    ("度量单位", "unit"),
    ("计量单位", "unit"),
    ("实际完成值", "actual"),
    ("单项指标实际完成值", "actual"),
    ("完成值", "actual"),
    ("全年完成值", "actual"),
    ("全年实际值", "actual"),
    ("实际值", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("指标分值", "weight"),
    ("得分", "score"),
    ("自评得分", "score"),
    ("偏差原因", "deviation"),
    ("未完成原因", "deviation"),
)


FUND_HEADER_PREFIXES: Final = ("年初预算", "全年预算", "全年执行")

# A funds header stacked one label a line (``stacked``): (prefix of the label, funds column);
# a name starting with "_" is a column read past.
STACKED_FUND_LABELS: Final = (
    ("年初部门预算", "initial"),
    ("历年结余结转", "_carried"),
    ("年中调整", "_adjusted"),
    ("小计", "annual"),  # ④=①+②+③: the year's budget, all of it
    ("年度拨付", "spent"),
    ("支出实现率", "rate"),
    ("本年度结余", "_balance"),
    ("资金结余率", "_balance_rate"),
)
GOAL_PREFIXES: Final = ("预期目标", "年度总体目标", "总体目标")
INDICATOR_HEADER_PREFIX: Final = "一级指标"
LEVEL1_WORDS: Final = ("产出", "效益", "满意度", "效果")
TITLE_RE: Final = re.compile(r"绩效自(?:我)?评")
YEAR_RE: Final = re.compile(r"(?<!\d)(20\d\d)\s*年")
TOTAL_LABELS: Final = ("总分", "合计")
GRADE_LABELS: Final = ("评分等级", "自评等级", "绩效等级", "等级")
DASHES: Final = frozenset({"", "—", "-", "－", "–", "/", "--", "——", "无"})
# A province's scoring template (项目决策(10分) | 项目目标 | 完整性 …): words prose uses too
# (加强项目管理), so a run-together text is cut at them only with their points, (10分).
SCORING_LEVEL1_LABELS: Final = ("项目决策", "项目管理", "项目产出", "项目效益")
LEVEL1_LABELS: Final = ("产出指标", "效益指标", "效果指标", "满意度指标", *SCORING_LEVEL1_LABELS)
LEVEL2_LABELS: Final = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
    # A district template's short names (产出数量 for 数量指标, 社会效益 for 社会效益指标).
    "产出数量",
    "产出质量",
    "产出时效",
    "产出成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    # The scoring template's level-2 names under 项目决策 and 项目管理.
    "项目目标",
    "项目立项",
    "投入管理",
    "财务管理",
)


SUB_ROW_PREFIX: Final = "其中"  # 其中桃树种植面积 | 1.5亩 | 1.5亩: a part of the indicator above
PLACEHOLDER: Final = r"指标\d*[:：]?|[…．.。、]+|/"  # the template's 指标2 / …… rows
PLACEHOLDER_RE: Final = re.compile(f"^(?:{PLACEHOLDER})$")
SECTION_LABELS: Final = (
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人",
    "财务负责人",
    "说明",
    "注:",
)
POINTS_RE: Final = re.compile(r"\(\d+(?:\.\d+)?分\)$")  # 产出指标(50分): a weight in the label
TAIL_LABELS: Final = (("权重", "weight"), ("单项指标得分", "score"), ("得分", ""))
# The labels a row is told by (``rows``): a cell starting with one, or holding a funds row
# label (年度资金总额), or the first character of one spaced over two cells (合 | 计).
ROW_LABEL_PREFIXES: Final = (
    *HEADER_FIELDS,
    *FUND_HEADER_PREFIXES,
    *(label for label, _ in STACKED_FUND_LABELS),
    "预算数",
    *GOAL_PREFIXES,
    INDICATOR_HEADER_PREFIX,
    "年度指标值",
    "二级指标",
    "三级指标",
    *(label for label, _ in TAIL_LABELS[:2]),
    *TOTAL_LABELS,
    *GRADE_LABELS,
)
FUND_ROW_NEEDLES: Final = tuple(needle for needle, _ in FUND_ROW_LABELS)
# The funds labels spaced over two cells (合 | 计), and their first characters.
SPACED_LABELS: Final = tuple(n for n in FUND_ROW_NEEDLES if len(n) == 2)
SPACED_LABEL_STARTS: Final = tuple(n[0] for n in SPACED_LABELS)
# The first characters of ROW_LABEL_PREFIXES (most cells start with none of them).
_ROW_LABEL_FIRSTS: Final = frozenset(p[0] for p in ROW_LABEL_PREFIXES)
_TAG_RE: Final = re.compile(r"<[^>]*>")
WAN_RE: Final = re.compile(r"(?<=\d)\s*万元?\s*$")  # 150万: the block's unit written in the cell
_PLAIN_NUMBER_RE: Final = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?%?$|^[+-]?\.\d+%?$")


def key(text: str) -> str:
    """A cell's text for label matching: HTML tags and all whitespace removed, NFKC, and the
    traditional forms of the labels' characters folded to simplified (pages re-hosted
    through a converter write 項目名稱 for 项目名称), and OCR's misreadings of them read back
    (``ocr``: 项Fl for 项目)."""
    return _KEY.of(text)


def _key_uncached(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub("", text)
    text = "".join(nfkc(text).split())
    if _TRADITIONAL_RE.search(text):
        text = text.translate(TRADITIONAL)
    return fold_ocr(text)


_KEY: Final = Memo(_key_uncached, 65536)

# The labels a row is told by (``ROW_LABEL_PREFIXES`` at the start of a cell, a funds row
# label anywhere, one spaced over two cells: 合 | 计), asked of one cell (``key_and_hint``)
# and of a whole row's keys joined with ``SEP`` (``ROW_LABEL_RE``; ``FUND_ROW_RE`` for the
# funds labels alone).
SEP: Final = "\x1f"  # between a row's keys in ``Keys.joined`` (whitespace: no key holds it)
FUND_ROW_RE: Final = re.compile(
    "|".join(map(re.escape, FUND_ROW_NEEDLES))
    + "".join(f"|{SEP}{n[0]}{SEP}{n[1]}{SEP}" for n in SPACED_LABELS)
)
ROW_LABEL_RE: Final = re.compile(
    f"{re.escape(SEP)}(?:{'|'.join(map(re.escape, ROW_LABEL_PREFIXES))})|{FUND_ROW_RE.pattern}"
)


def key_and_hint(text: str) -> tuple[str, int]:
    """A cell's ``key``, and whether it holds a label a row is told by: 2 when it starts with
    one of ``ROW_LABEL_PREFIXES`` or holds a funds row label, 1 when it is the first
    character of one spaced over two cells (合 | 计: the next cell tells), else 0. (One
    lookup a cell for both: every row's cells are asked.)"""
    return _KEY_AND_HINT.of(text)


def _key_and_hint_uncached(text: str) -> tuple[str, int]:
    k = key(text)
    starts = k[:1] in _ROW_LABEL_FIRSTS and k.startswith(ROW_LABEL_PREFIXES)
    if starts or any(n in k for n in FUND_ROW_NEEDLES):
        return k, 2
    return k, int(k in SPACED_LABEL_STARTS)


_KEY_AND_HINT: Final = Memo(_key_and_hint_uncached, 65536)

# The characters of the table's labels that differ in traditional writing.
_TRADITIONAL_CHARS: Final = (
    "項稱門實單資萬預數執額當財撥結轉總體標期際況績進級質產時會滿務對類與計論據應發經濟態續響內來"
)
TRADITIONAL: Final = str.maketrans(
    _TRADITIONAL_CHARS,
    "项称门实单资万预数执额当财拨结转总体标期际况绩进级质产时会满务对类与计论据应发经济态续响内来",
)
# (Translating is slow: test first. A set's ``isdisjoint`` would make a string of each
# character of the text, which costs more than the pattern.)
_TRADITIONAL_RE: Final = re.compile(f"[{_TRADITIONAL_CHARS}]")


def clean(text: str) -> str:
    """A cell's text as content: HTML tags dropped, outer whitespace stripped."""
    return _CLEAN.of(text)


def _clean_uncached(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub("", text)
    return text.strip()


_CLEAN: Final = Memo(_clean_uncached, 65536)


def amount(text: str) -> tuple[Decimal | None, bool]:
    """Read a number cell: (value, ok). Dashes and blanks are (None, True)."""
    return _AMOUNT.of(text)


def _amount_uncached(text: str) -> tuple[Decimal | None, bool]:
    t = key(text)
    if t in DASHES:
        return None, True
    if not _PLAIN_NUMBER_RE.match(t):
        return None, False
    try:
        return Decimal(t.replace(",", "").rstrip("%")), True
    except InvalidOperation:
        return None, False


_AMOUNT: Final = Memo(_amount_uncached, 65536)


def is_plain_number(text: str) -> bool:
    return _IS_PLAIN_NUMBER.of(text)


def _is_plain_number_uncached(text: str) -> bool:
    return bool(_PLAIN_NUMBER_RE.match(key(text)))


_IS_PLAIN_NUMBER: Final = Memo(_is_plain_number_uncached, 65536)


def match_prefix(k: str, table: Sequence[tuple[str, str]]) -> str | None:
    for prefix, name in table:
        if k.startswith(prefix):
            return name
    return None


@lru_cache(maxsize=1024)
def columns(keys: tuple[str, ...], table: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """A header row's columns: column name → index of the first cell labelled with it.
    (Cached: a document repeats its template's header rows; callers must not modify it.)"""
    cols: dict[str, int] = {}
    for c, k in enumerate(keys):
        name = match_prefix(k, table)
        if name and name not in cols:
            cols[name] = c
    return cols


def is_level1(k: str) -> bool:
    return k.startswith(LEVEL1_WORDS) and "指标" in k


def level_of(k: str) -> int:
    """1 or 2 for a level-1 or level-2 indicator label (a weight in brackets allowed), else 0."""
    return _LEVEL_OF.of(k)


def _level_of_uncached(k: str) -> int:
    bare = POINTS_RE.sub("", k)
    if bare in LEVEL1_LABELS:
        return 1
    return 2 if bare in LEVEL2_LABELS else 0


_LEVEL_OF: Final = Memo(_level_of_uncached, 4096)

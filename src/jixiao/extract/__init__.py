"""Grid → forms: the only place that knows the labels and layout of the self-evaluation table.

Every reader produces a ``Grid``; ``extract(grid)`` finds each form in it by its labels
(项目名称, 项目资金, 年度总体目标, 一级指标, 总分, 评分等级) and builds ``Form``s. Columns are
learned from each block's header row, never from fixed positions; rows that lost their
leading empty cells are realigned on their numbers (or on a level-2 label); blank
level-1/level-2 cells mean "same as above". What cannot be read becomes a JX003 finding
beside the form.

Other provinces' templates are read from their labels too: 全年预算数（A）, 执行率（B/A）,
调整后预算数; a target split into 指标性质 | 指标值 | 度量单位 (or 计算符号, 计量单位); the
weight before the target; 产出指标(50分) with the weight in the label; spaced-out and
traditional-script labels; two-row indicator headers; 其中 sub-rows and the template's
指标2 / …… placeholder rows; a scoring template's levels (项目决策(10分) | 项目目标) with 一
for no target. A form with no 项目名称 (a 部门整体 form) starts at its 主管部门 row.

The modules, in the order a grid goes through them:

- ``labels``: every label and its variants; a cell as a label key, as text, as a number;
  ``ocr`` reads back OCR's misreadings of the labels (项Fl for 项目, 预匏数 for 预算数).
- ``stream``: a grid whose rows were lost in copying (``layout == "cells"``) regrouped
  into rows; ``unglue`` cuts a table run together in one cell at its labels and joins
  labels cut in two, and joins a document site's page chunks (1、 2、 …, also when each is
  one cell a line); ``records`` reads
  indicator rows run together, ``plain_records`` those of a table with no score columns.
- ``forms``: the forms found in a grid and each assembled into a ``Form``; ``rows``
  decides each row's kind, handled by ``header``, ``funds`` (``stacked`` for a funds header
  stacked one label a line), ``goal``, ``indicators``
  (``loose`` for rows whose cells were joined by spaces, ``layout == "words"``, a section
  label among them dropped) and ``footer`` (and a total stated at the top, 自评总分; the
  scores a wrapped row left after 总分 given back one for one); ``label_run`` reads a funds
  block copied label after label, then its values, when no total row had them (or only
  执行率 | 执行率权重 | 执行率得分 when OCR lost the amounts); ``core_records`` reads a flat
  table run together whose records end at 是否核心指标 (100%22否); ``scoring_sheet`` reads
  a scoring sheet (目标名称 | 评分标准 | 分值 | 得分) whose criteria fell among its names
  and numbers; ``by_source`` a funds block by source (中央 | 省、地 | 本级 | 其他 | 合计 |
  执行数) whose amounts cannot be placed, by what the arithmetic agrees on; ``builder``
  holds one form's state while it is read.
- With no 项目名称 and no 主管部门: ``tail`` reads a table's tail (records with no header
  above them), ``points_table`` a scoring table whose weights are in its labels
  (…评价得分表: 相关性(5分) 5), each laid out in rows under a header for the rest.
"""

from __future__ import annotations

from jixiao.extract.forms import extract
from jixiao.extract.labels import amount, clean, is_plain_number, key, level_of
from jixiao.extract.records import glued_records
from jixiao.extract.stream import regroup
from jixiao.findings import Extracted

__all__ = [
    "Extracted",
    "amount",
    "clean",
    "extract",
    "glued_records",
    "is_plain_number",
    "key",
    "level_of",
    "regroup",
]

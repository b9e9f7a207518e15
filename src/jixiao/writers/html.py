"""The official table as print HTML (the page the PDF writer hands to WeasyPrint).

Each form is a section starting on a new page: its title and year above, then the ruled
table in two parts that join without a gap: header, funds and goal; then the indicators, whose
header row is a ``<thead>`` so that it is repeated on every page the indicators run over.
Optionally the form's findings follow on a page of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from jixiao.findings import Finding
from jixiao.writers.table import FINDINGS_HEADERS, FINDINGS_SHARES, Cell, Table, finding_cells

FONT_STACK = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif'

CSS = f"""
@page {{
  size: A4 landscape;
  margin: 12mm 10mm 12mm 10mm;
}}
html {{ font: 9pt/1.35 {FONT_STACK}; color: #000; }}
section + section {{ break-before: page; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 2pt 0; }}
p.year {{ text-align: center; margin: 0 0 6pt 0; font-size: 10pt; }}
table.official {{
  width: 100%; border-collapse: collapse; table-layout: fixed;
}}
table.official + table.official {{ margin-top: -0.75pt; }}
table.official td, table.official th {{
  border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle;
  overflow-wrap: anywhere; word-break: break-all;
}}
table.official th {{ font-weight: bold; text-align: center; }}
td.label, td.head {{ text-align: center; }}
td.head {{ font-weight: bold; }}
td.right {{ text-align: right; }}
td.center {{ text-align: center; }}
td.stated {{ color: #444; font-style: italic; }}
td.flag {{ background: #fce4e4; }}
tr {{ break-inside: avoid; }}
h2 {{ font-size: 13pt; margin: 0 0 6pt 0; }}
table.findings {{
  width: 100%; border-collapse: collapse; font-size: 8.5pt; table-layout: fixed;
}}
table.findings th, table.findings td {{
  border: 0.5pt solid #666; padding: 2pt 3pt; vertical-align: top; overflow-wrap: anywhere;
}}
table.findings th {{ background: #eee; }}
"""


def document(tables: Sequence[Table], findings: Sequence[Sequence[Finding]] | None = None) -> str:
    """A whole HTML document: one section per form (and its findings, if given)."""
    parts = []
    for i, table in enumerate(tables):
        parts.append(form_section(table))
        if findings is not None and findings[i]:
            parts.append(findings_section(i + 1, table.name, findings[i]))
    title = escape(tables[0].name if len(tables) == 1 else "项目支出绩效自评表")
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>{''.join(parts)}</body></html>"
    )


def form_section(table: Table) -> str:
    rows = list(table.rows())
    colgroup = _colgroup(table)
    out = ['<section class="form">']
    for row in rows[: table.title_rows]:
        for cell in row:
            if cell.role == "title":
                out.append(f"<h1>{_text(cell)}</h1>")
            else:
                out.append(f'<p class="year">{_text(cell)}</p>')
    top = "".join(_tr(r) for r in rows[table.title_rows : table.head_row])
    out.append(f'<table class="official">{colgroup}<tbody>{top}</tbody></table>')
    head = _tr(rows[table.head_row], header=True)
    body = "".join(_tr(r) for r in rows[table.head_row + 1 :])
    out.append(
        f'<table class="official">{colgroup}<thead>{head}</thead><tbody>{body}</tbody></table>'
    )
    out.append("</section>")
    return "".join(out)


def _colgroup(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.3f}%">' for w in table.widths)
    return f"<colgroup>{cols}</colgroup>"


def _tr(cells: list[Cell], *, header: bool = False) -> str:
    return "<tr>" + "".join(_td(c, header=header) for c in cells) + "</tr>"


def _td(cell: Cell, *, header: bool = False) -> str:
    tag = "th" if header and cell.role == "head" else "td"
    classes: list[str] = [cell.role]
    if cell.align != "left":
        classes.append(cell.align)
    if cell.flag:
        classes.append("flag")
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    title = f' title="{escape(cell.comment)}"' if cell.comment else ""
    return f'<{tag} class="{" ".join(classes)}"{spans}{title}>{_text(cell)}</{tag}>'


def _text(cell: Cell) -> str:
    return escape(cell.text).replace("\n", "<br>")


def findings_section(index: int, project: str, findings: Sequence[Finding]) -> str:
    """A page listing a form's findings."""
    heads = FINDINGS_HEADERS[2:]
    total = sum(FINDINGS_SHARES)
    cols = "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in FINDINGS_SHARES)
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{escape(v)}</td>" for v in finding_cells(index, project, f)[2:])
        + "</tr>"
        for f in findings
    )
    return (
        f'<section class="findings"><h2>审核发现：{escape(project)}</h2>'
        f'<table class="findings"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        "</section>"
    )

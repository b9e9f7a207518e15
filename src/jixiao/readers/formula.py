"""A small evaluator for the formulas forms use, for workbooks saved without cached values.

Excel stores each formula's last result beside it; files written by other tools
(openpyxl, some exporters) often do not. The forms' formulas are simple: sums, rates and
scores. The grammar, in ``Decimal``::

    expr    := term (("+" | "-") term)*
    term    := factor (("*" | "/") factor)*
    factor  := ("-" | "+") factor | atom ["%"]
    atom    := NUMBER | REF | RANGE | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"

``NAME`` is one of SUM, ROUND, ROUNDDOWN, ROUNDUP, MIN, MAX, ABS, AVERAGE. Anything
else (IF, text, other sheets) raises ``FormulaError``; the reader reports the cell (JX003).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

Number = Decimal | list[Decimal]
Lookup = Callable[[int, int], Decimal | None]

_TOKEN_RE = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<ref>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|(?P<name>[A-Z][A-Z0-9.]*)(?=\s*\()"
    r"|(?P<op>[-+*/(),%]))"
)


class FormulaError(ValueError):
    """A formula this evaluator does not know, or one that refers to a non-number."""


def col_index(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int]:
    """'$H$30' → (30, 8): row and column, 1-based."""
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", ref)
    if not m:
        raise FormulaError(f"无法识别的单元格引用：{ref}")
    return int(m.group(2)), col_index(m.group(1))


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos, text = 0, text.strip().lstrip("=").upper()
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"无法解析的公式：={text}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _round(mode: str) -> Callable[[list[Number]], Decimal]:
    def fn(args: list[Number]) -> Decimal:
        value, places = _scalar(args[0]), int(_scalar(args[1])) if len(args) > 1 else 0
        return value.quantize(Decimal(1).scaleb(-places), rounding=mode)

    return fn


def _flat(args: list[Number]) -> list[Decimal]:
    return [x for a in args for x in (a if isinstance(a, list) else [a])]


_FUNCTIONS: dict[str, Callable[[list[Number]], Decimal]] = {
    "SUM": lambda a: sum(_flat(a), Decimal(0)),
    "MIN": lambda a: min(_flat(a)),
    "MAX": lambda a: max(_flat(a)),
    "AVERAGE": lambda a: sum(_flat(a), Decimal(0)) / len(_flat(a)),
    "ABS": lambda a: abs(_scalar(a[0])),
    "ROUND": _round(ROUND_HALF_UP),
    "ROUNDDOWN": _round(ROUND_DOWN),
    "ROUNDUP": _round(ROUND_UP),
}


def _scalar(x: Number) -> Decimal:
    if isinstance(x, list):
        raise FormulaError("区域不能用作单个数值")
    return x


class _Parser:
    def __init__(self, text: str, lookup: Lookup) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.lookup = lookup

    def peek(self) -> str:
        return self.toks[self.i][1] if self.i < len(self.toks) else ""

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.toks):
            raise FormulaError("公式不完整")
        self.i += 1
        return self.toks[self.i - 1]

    def expr(self) -> Number:
        value = self.term()
        while self.peek() in ("+", "-"):
            op, rhs = self.take()[1], _scalar(self.term())
            value = _scalar(value) + rhs if op == "+" else _scalar(value) - rhs
        return value

    def term(self) -> Number:
        value = self.factor()
        while self.peek() in ("*", "/"):
            op, rhs = self.take()[1], _scalar(self.factor())
            if op == "/" and rhs == 0:
                raise FormulaError("公式除以零（#DIV/0!）")
            value = _scalar(value) * rhs if op == "*" else _scalar(value) / rhs
        return value

    def factor(self) -> Number:
        if self.peek() in ("-", "+"):
            sign = self.take()[1]
            operand = _scalar(self.factor())
            return -operand if sign == "-" else operand
        value = self.atom()
        if self.peek() == "%":
            self.take()
            return _scalar(value) / 100
        return value

    def atom(self) -> Number:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "ref":
            return self.cell(*split_ref(text))
        if kind == "range":
            (r0, c0), (r1, c1) = (split_ref(p) for p in text.split(":"))
            cells = [self.lookup(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
            return [v for v in cells if v is not None]
        if kind == "name":
            return self.call(text)
        if text == "(":
            value = self.expr()
            self.expect(")")
            return value
        raise FormulaError(f"公式中出现意外的“{text}”")

    def call(self, name: str) -> Decimal:
        fn = _FUNCTIONS.get(name)
        if fn is None:
            raise FormulaError(f"不支持的函数 {name}")
        self.expect("(")
        args: list[Number] = []
        if self.peek() != ")":
            args.append(self.expr())
            while self.peek() == ",":
                self.take()
                args.append(self.expr())
        self.expect(")")
        try:
            return fn(args)
        except (IndexError, ValueError, InvalidOperation, ZeroDivisionError) as exc:
            raise FormulaError(f"{name} 的参数有误") from exc

    def cell(self, r: int, c: int) -> Decimal:
        value = self.lookup(r, c)
        return Decimal(0) if value is None else value

    def expect(self, text: str) -> None:
        if self.take()[1] != text:
            raise FormulaError(f"公式缺少“{text}”")


def evaluate(text: str, lookup: Lookup) -> Decimal:
    """The value of a formula; ``lookup(row, col)`` gives a cell's number (None if blank)."""
    p = _Parser(text, lookup)
    value = _scalar(p.expr())
    if p.i != len(p.toks):
        raise FormulaError(f"无法解析的公式：{text}")
    return value

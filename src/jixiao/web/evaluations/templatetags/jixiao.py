"""Template filters: numbers as people write them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """A stored decimal without its padding zeros (94.800000 → 94.8, 100.000000 → 100)."""
    if value is None or value == "":
        return "—"
    if not isinstance(value, Decimal):
        return str(value)
    text = format(value.normalize(), "f")
    return text

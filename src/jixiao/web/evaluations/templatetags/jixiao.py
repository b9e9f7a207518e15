"""Template filters and tags: numbers as people write them; the editor's computed cells."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html

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


@register.simple_tag
def calc(values: dict[str, Any], *parts: Any) -> str:
    """A computed element of the editor: ``{% calc calc "calc-score" 3 %}`` draws the span
    with id ``calc-score-3`` holding ``calc["calc-score-3"]`` (the same id htmx swaps)."""
    key = "-".join("" if p is None else str(p) for p in parts)
    return format_html('<span id="{}" class="calc">{}</span>', key, values.get(key, ""))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (``None`` when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None

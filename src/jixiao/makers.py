"""``positional``: fast makers of the frozen, slotted dataclasses that hot paths build by the
thousand (the extractor's forms and indicators, the value parser's values, findings, the
scoring engine's scores). Only the standard library here: every layer may import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

_T = TypeVar("_T")


def positional(cls: type[_T]) -> Callable[..., _T]:
    """A maker of the frozen, slotted dataclass ``cls`` from every field's value, in field
    order: the same object as calling the class with keywords, for hot paths (the extractor,
    the scoring engine, findings).

    The frozen class refuses attribute assignment, so its ``__init__`` sets each field
    through ``object.__setattr__``, a slow call. The maker instead fills an instance of a
    plain class with the same slots (``obj.name = name``: the interpreter's fastest store),
    then gives the instance its class, which Python allows between classes of the same
    layout (the same bases, the same slots added). A third of the cost of the keyword
    call. (Written out the way ``dataclasses`` writes ``__init__``.)"""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    slots = cls.__dict__.get("__slots__")
    if slots is None:
        raise TypeError(f"positional: {cls.__name__} has no __slots__")
    if any("__setattr__" in vars(base) for base in cls.__mro__[1:-1]):
        raise TypeError(f"positional: a base of {cls.__name__} guards its attributes")
    # (the bases and own slots of ``cls``, so that the layouts match)
    blank = type(f"_{cls.__name__}Blank", cls.__bases__, {"__slots__": slots})
    probe: Any = object.__new__(blank)
    probe.__class__ = cls  # (a class of another layout fails here, when made, not on first use)
    scope: dict[str, object] = {"new": object.__new__, "blank": blank, "cls": cls}
    body = "".join(f"    obj.{n} = {n}\n" for n in names)
    exec(
        f"def make({', '.join(names)}):\n    obj = new(blank)\n{body}"
        "    obj.__class__ = cls\n    return obj\n",
        scope,
    )
    return scope["make"]  # type: ignore[return-value]

"""Which modules are compiled to C by mypyc (``setup.py`` builds them beside their
sources), and the guard that keeps a compiled module from hiding its edited source.

Python loads ``funds.cpython-311-….so`` before ``funds.py``. After an edit or a checkout,
a compiled file built from another text of its source would run the old code, so
``guard`` then loads every one of these modules from source (all of them: compiled
modules call each other's functions directly, not through the module), and says so.
``setup.py`` records the digest of every source it compiled (``STAMP``), taken before the
compiler reads them and written once the build succeeds: a source saved during the build,
or a checkout of other sources, then differs from it, while a checkout of the same text
does not. Without a stamp (a build interrupted, or made before stamps), file times decide.
``JIXIAO_PURE=1`` loads the sources always.

The guard runs when this module is imported, first thing in ``jixiao/__init__``.
(``setup.py`` reads this file before jixiao is built: no imports from jixiao here.)
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# The read path, the per-form checks and the scoring engine, as paths under src/ (globs
# allowed). Classes that workers pickle stay Python classes (``mypyc_attr``).
COMPILED = (
    "jixiao/extract/*.py",
    "jixiao/values/parser.py",
    "jixiao/values/numerals.py",
    "jixiao/unicode.py",
    "jixiao/memo.py",
    "jixiao/rounding.py",
    # the per-form checks (not batch: its checks are few a form; not codes: an enum)
    "jixiao/checks/base.py",
    "jixiao/checks/runner.py",
    "jixiao/checks/structure.py",
    "jixiao/checks/funds.py",
    "jixiao/checks/values.py",
    "jixiao/checks/scores.py",
    "jixiao/checks/plausibility.py",
    "jixiao/scoring/engine.py",
    "jixiao/readers/text.py",
    "jixiao/readers/grid.py",
)
SRC = Path(__file__).resolve().parent.parent
STAMP = "jixiao/native-build.json"  # under src/: module → digest of the source compiled


def sources(src: Path = SRC) -> dict[str, Path]:
    """Module name → source file, for every compiled module."""
    found = (p for pattern in COMPILED for p in sorted(src.glob(pattern)))
    return {_module_name(p.relative_to(src)): p for p in found}


def _module_name(relative: Path) -> str:
    parts = relative.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def compiled_file(source: Path) -> Path | None:
    """The compiled file beside a source, if one was built."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def digests(found: dict[str, Path]) -> dict[str, str]:
    """Module name → SHA-256 of its source, for ``sources``' modules."""
    return {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in found.items()}


def orphans(src: Path = SRC, compiled: dict[str, Path] | None = None) -> dict[str, Path]:
    """Module name → source, for the compiled files (of this Python: ``compiled_file``)
    beside sources that are compiled no more (an earlier build's, of a module since taken
    off ``COMPILED``; ``compiled``: ``sources(src)``): Python would load them before their
    source, and their build's shared library may be gone."""
    compiled = sources(src) if compiled is None else compiled
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    kinds = {suffix.rsplit(".", 1)[1] for suffix in suffixes}  # (one walk of the tree: "so")
    found = {
        so.with_name(so.name.removesuffix(suffix) + ".py")
        for kind in kinds
        for so in src.glob(f"jixiao/**/*.{kind}")
        for suffix in suffixes
        if so.name.endswith(suffix)
    }
    named = {_module_name(p.relative_to(src)): p for p in found if p.exists()}
    return {name: p for name, p in named.items() if name not in compiled}


def stamped(src: Path = SRC) -> dict[str, str] | None:
    """The digests the last successful build recorded, if it did."""
    try:
        found = json.loads((src / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def stale(src: Path = SRC) -> list[str]:
    """The compiled modules that must not be loaded: built from another text of their
    source (by the stamp; without one, older than their source), not built while others
    are, or compiled no more (``orphans``). Empty when none is built (a pure install), and
    outside a checkout (no ``setup.py`` beside ``src``): an installed package is not
    edited."""
    if not (src.parent / "setup.py").exists():
        return []
    found = sources(src)
    built = {name: compiled_file(p) for name, p in found.items()}
    if not any(built.values()):
        return list(orphans(src, found))
    stamp = stamped(src)
    now = digests(found) if stamp is not None else {}

    def other_text(name: str, so: Path) -> bool:
        if stamp is not None:
            return stamp.get(name) != now[name]
        return so.stat().st_mtime_ns < found[name].stat().st_mtime_ns

    other = [name for name, so in built.items() if so is None or other_text(name, so)]
    return [*other, *orphans(src, found)]


class SourceFirst:
    """A finder that loads the compiled modules from their ``.py`` sources."""

    def __init__(self, modules: dict[str, Path]) -> None:
        self.modules = modules

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        source = self.modules.get(name)
        return None if source is None else importlib.util.spec_from_file_location(name, source)


def guard() -> None:
    """Load the sources instead of the compiled modules when ``JIXIAO_PURE`` is set or any
    of these is stale (before the first of them is imported)."""
    if any(isinstance(f, SourceFirst) for f in sys.meta_path):
        return
    if not os.environ.get("JIXIAO_PURE"):
        out_of_date = stale()
        if not out_of_date:
            return
        more = "等" if len(out_of_date) > 3 else ""
        warnings.warn(
            f"jixiao 的编译模块未编译或与源代码不符（{'、'.join(out_of_date[:3])}{more}），"
            "本次使用源代码运行（较慢）；运行 scripts/setup 重新编译",
            stacklevel=2,
        )
    compiled = sources()
    sys.meta_path.insert(0, SourceFirst({**compiled, **orphans(SRC, compiled)}))


def loaded_compiled() -> list[str]:
    """The compiled modules that are loaded as compiled code."""
    return [
        name
        for name in sources()
        if (module := sys.modules.get(name)) is not None
        and str(getattr(module, "__file__", "")).endswith(
            tuple(importlib.machinery.EXTENSION_SUFFIXES)
        )
    ]


if __name__ == "jixiao.native":
    guard()

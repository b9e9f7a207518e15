"""Builds jixiao with its read path (the extractor, the value parser, the text reader),
its per-form checks and its scoring engine compiled to C by mypyc: the same source,
type-checked by mypy, reads a form in half the instructions compiled, and scores and checks
it in a quarter fewer (valgrind; ``python -m bench`` for the rates).

``JIXIAO_PURE=1`` builds plain Python (a machine with no C compiler). The list of
compiled modules is ``jixiao.native.COMPILED``; once a build in place (an editable
install) succeeds, the digest of each source compiled is written to
``src/jixiao/native-build.json``, and a compiled module built from another text of its
source is not loaded (``jixiao.native``). Describing the package (pip's metadata hooks, a
source archive) compiles nothing."""

import json
import os
import runpy
import sys
from pathlib import Path

from setuptools import setup

# (Read as a file: jixiao cannot be imported before it is built.)
native = runpy.run_path(os.path.join("src", "jixiao", "native.py"), run_name="setup")
stamp = native["SRC"] / native["STAMP"]
# The commands that only describe the package: pip's metadata hooks run this file with
# ``egg_info`` or ``dist_info`` first, ``python -m build`` with ``sdist`` for the source
# archive. Any other first command (``bdist_wheel``, ``editable_wheel``, ``build_ext``,
# ``install``…) compiles.
DESCRIBE = {"egg_info", "dist_info", "sdist"}
commands = [a for a in sys.argv[1:] if not a.startswith("-")]


def remove_groups(keep: set[str]) -> None:
    """Remove the shared libraries of mypyc builds (one a build, named for it) but ``keep``."""
    for group in native["SRC"].glob("*__mypyc.*"):
        if group.name.split(".")[0] not in keep:
            group.unlink()


def remove_compiled(modules: dict[str, Path]) -> None:
    """Remove the compiled files beside these modules' sources (Python loads a compiled
    module before its source)."""
    for source in modules.values():
        compiled = native["compiled_file"](source)
        if compiled is not None:
            compiled.unlink()


if os.environ.get("JIXIAO_PURE"):
    stamp.unlink(missing_ok=True)
    remove_compiled({**native["sources"](), **native["orphans"]()})  # (an earlier build's)
    remove_groups(keep=set())
    setup()
elif not commands or commands[0] in DESCRIBE:
    # No C is needed to describe the package: mypyc's type-check and translation (~14 s)
    # is left to the run that builds.
    setup()
else:
    from mypyc.build import mypycify
    from setuptools.command.build_ext import build_ext

    found = native["sources"]()
    paths = [str(p.relative_to(os.getcwd())) for p in found.values()]
    # The build environment has none of the readers' libraries (openpyxl, lxml…) or their
    # stubs: the compiled modules do not use them, and mypy, following imports, must not
    # stop at them. (The test command type-checks everything with them installed.)
    options = ["--ignore-missing-imports", "--no-incremental"]
    digests = native["digests"](found)  # the texts mypyc is about to read

    extensions = mypycify([*options, *paths], opt_level="3")

    class BuildAndStamp(build_ext):
        """``build_ext`` that, once the compiled modules are beside their sources (in place,
        as an editable install builds them), records the digest of each source compiled and
        removes the shared library of an earlier build (each build names its own)."""

        def run(self) -> None:
            if self.inplace:  # (until this build succeeds, file times decide)
                stamp.unlink(missing_ok=True)
            super().run()
            if self.inplace:
                stamp.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", "utf-8")
                remove_groups(keep={e.name for e in extensions})
                remove_compiled(native["orphans"]())

    setup(ext_modules=extensions, cmdclass={"build_ext": BuildAndStamp})

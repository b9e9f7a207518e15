"""Builds jixiao with its read path (the extractor, the value parser) compiled to C by
mypyc: the same source, type-checked by mypy, runs 2.3 times as fast compiled, which is
what takes copied text past 3,000 forms per second per core (``python -m bench``).

``JIXIAO_PURE=1`` builds plain Python (a machine with no C compiler). The list of
compiled modules is ``jixiao.native.COMPILED``; a compiled module older than its source
is not loaded (``jixiao.native``)."""

import os
import runpy

from setuptools import setup

# (Read as a file: jixiao cannot be imported before it is built.)
native = runpy.run_path(os.path.join("src", "jixiao", "native.py"), run_name="setup")

if os.environ.get("JIXIAO_PURE"):
    setup()
else:
    from mypyc.build import mypycify

    paths = [str(p.relative_to(os.getcwd())) for p in native["sources"]().values()]
    # The build environment has none of the readers' libraries (openpyxl, lxml…) or their
    # stubs: the compiled modules do not use them, and mypy, following imports, must not
    # stop at them. (The test command type-checks everything with them installed.)
    options = ["--ignore-missing-imports", "--no-incremental"]
    setup(ext_modules=mypycify([*options, *paths], opt_level="3"))

"""The compiled modules (``jixiao.native``, built by ``setup.py``): the tests run on them
(unless ``JIXIAO_PURE`` is set), they read and check every form as the Python sources do,
and a compiled module built from another text of its source is never loaded."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bench.corpus import DEFECTS, make_form, to_text

from jixiao import native
from tests.conftest import EXAMPLES, SAMPLE

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]

# Every form and finding of the files given, as JSON, read by the process that runs it;
# and each form checked: its recomputed numbers and every finding.
READ_ALL = """
import json, sys
from jixiao import native, openjson, pipeline, report
from jixiao.profiles import load_profile
profile = load_profile("pujiang-2023")
out = []
for path in sys.argv[1:]:
    doc = pipeline.read(path)
    checked = pipeline.check_file(path, profile)
    out.append({
        "forms": [openjson.form_json(x.form) for x in doc.forms],
        "findings": [f.to_json() for x in doc.forms for f in x.findings],
        "file_findings": [f.to_json() for f in doc.findings],
        "checked": [report.form_json(r) for r in checked.results],
    })
print(json.dumps({"compiled": native.loaded_compiled(), "read": out}, ensure_ascii=False))
"""


def _read_all(paths: list[Path], pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "JIXIAO_PURE"}
    if pure:
        env["JIXIAO_PURE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", READ_ALL, *map(str, paths)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_tests_run_on_the_compiled_modules() -> None:
    """What ships is what is tested: every listed module is loaded compiled (a stale build
    falls back to the sources and fails here: run scripts/setup)."""
    for name in native.sources():
        importlib.import_module(name)
    if os.environ.get("JIXIAO_PURE"):
        assert native.loaded_compiled() == []
    else:
        assert sorted(native.loaded_compiled()) == sorted(native.sources())
        assert len(native.sources()) >= 25
        # The build recorded what it compiled.
        assert native.stamped() == native.digests(native.sources())


def test_compiled_reads_and_checks_what_the_sources_do(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    rates = dict.fromkeys(DEFECTS, 0.2)
    corpus.write_text("\n".join(to_text(make_form(7, i, rates)) for i in range(40)), "utf-8")
    words = tmp_path / "words.txt"  # the sample copied with spaces: the general paths
    words.write_text(
        "\n".join(" ".join(line.split("\t")) for line in SAMPLE.read_text("utf-8").splitlines()),
        "utf-8",
    )
    paths = [SAMPLE, corpus, words, EXAMPLES / "示例镇-2024-自评表.txt"]
    compiled, pure = _read_all(paths, pure=False), _read_all(paths, pure=True)
    assert pure["compiled"] == []
    assert compiled["compiled"] or os.environ.get("JIXIAO_PURE")
    assert compiled["read"] == pure["read"]
    forms = [len(doc["forms"]) for doc in compiled["read"]]  # type: ignore[attr-defined]
    assert forms[:2] == [28, 40] and all(forms)
    checked = [item for doc in compiled["read"] for item in doc["checked"]]  # type: ignore[attr-defined]
    assert len(checked) == sum(forms) and sum(len(item["findings"]) for item in checked) > 40


def _touch(path: Path, text: str, mtime: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(mtime, mtime))


def test_stale_tells_compiled_files_older_than_their_sources(tmp_path: Path) -> None:
    src = tmp_path / "src"
    extract = src / "jixiao" / "extract"
    _touch(extract / "__init__.py", "", 2_000)
    _touch(extract / "b.py", "", 2_000)
    _touch(tmp_path / "setup.py", "", 1_000)  # a checkout
    assert native.stale(src) == []  # nothing built: a pure install
    _touch(extract / f"__init__{SUFFIX}", "", 3_000)
    _touch(extract / f"b{SUFFIX}", "", 3_000)
    assert native.stale(src) == []
    _touch(extract / "b.py", "edited", 4_000)
    assert native.stale(src) == ["jixiao.extract.b"]
    (extract / f"__init__{SUFFIX}").unlink()
    assert native.stale(src) == ["jixiao.extract", "jixiao.extract.b"]
    (tmp_path / "setup.py").unlink()  # installed, not a checkout: pip keeps no file times
    assert native.stale(src) == []


def test_stale_tells_sources_other_than_the_stamped_ones(tmp_path: Path) -> None:
    """With the digests the build recorded, the text decides, not file times: a source
    saved while the build ran is stale although older than its compiled file, and a
    source checked out again with the same text is not, although newer."""
    src = tmp_path / "src"
    extract = src / "jixiao" / "extract"
    _touch(tmp_path / "setup.py", "", 1_000)
    for name in ("__init__", "b"):
        _touch(extract / f"{name}.py", f"# {name}", 2_000)
        _touch(extract / f"{name}{SUFFIX}", "", 3_000)
    stamp = src / native.STAMP
    digests = native.digests(native.sources(src))
    stamp.write_text(json.dumps(digests), "utf-8")
    assert native.stamped(src) == digests and len(digests) == 2
    assert native.stale(src) == []
    _touch(extract / "b.py", "# b", 4_000)  # the same text, newer
    assert native.stale(src) == []
    _touch(extract / "b.py", "# saved during the build", 2_500)  # older than b.so
    assert native.stale(src) == ["jixiao.extract.b"]
    stamp.write_text("{not json", "utf-8")  # unreadable: file times decide
    assert native.stamped(src) is None and native.stale(src) == []


def test_only_a_build_in_place_stamps_the_sources(tmp_path: Path) -> None:
    """pip also runs setup.py for the metadata, which builds nothing: that run, and a source
    archive's, neither call mypyc nor touch the stamp; a build elsewhere (for a wheel) calls
    mypyc and leaves the stamp; only a build that puts the compiled modules beside their
    sources records the digests (setup.py run on a copy, with mypyc replaced by a stand-in
    that compiles nothing and notes each call)."""
    src = Path(native.__file__).parent.parent
    project = tmp_path / "project"
    shutil.copytree(
        src / "jixiao",
        project / "src" / "jixiao",
        ignore=shutil.ignore_patterns("*.so", "__pycache__", "*.json"),
    )
    shutil.copy2(src.parent / "setup.py", project / "setup.py")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "jixiao"\nversion = "0"\n\n'
        '[tool.setuptools.packages.find]\nwhere = ["src"]\n',
        "utf-8",
    )
    fake = tmp_path / "stand-in" / "mypyc"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", "utf-8")
    calls = tmp_path / "mypycify-calls"
    (fake / "build.py").write_text(
        f"def mypycify(args, opt_level):\n"
        f"    with open({str(calls)!r}, 'a') as f:\n"
        f"        f.write('call\\n')\n"
        f"    return []\n",
        "utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "JIXIAO_PURE"}
    env["PYTHONPATH"] = str(fake.parent)
    stamp = project / "src" / native.STAMP
    stamp.write_text("{}", "utf-8")  # one left by an earlier build

    def setup_py(*command: str) -> None:
        cmd = [sys.executable, "setup.py", "-q", *command]
        subprocess.run(cmd, cwd=project, env=env, capture_output=True, check=True)

    setup_py("egg_info")
    setup_py("sdist", "-d", "build")  # (an option's value named like a command)
    assert stamp.read_text("utf-8") == "{}" and not calls.exists()
    setup_py("build_ext", "--build-lib", str(tmp_path / "wheel-build"))  # as for a wheel
    assert stamp.read_text("utf-8") == "{}" and calls.read_text("utf-8") == "call\n"
    earlier = project / "src" / "0123456789abcdef__mypyc.cpython-311-x86_64-linux-gnu.so"
    earlier.write_bytes(b"")  # the shared library of an earlier build
    # an earlier build's compiled files: of a module compiled no more, and of one still
    orphan = project / "src" / "jixiao" / "model" / f"source{SUFFIX}"
    kept = project / "src" / "jixiao" / "extract" / f"labels{SUFFIX}"
    orphan.write_bytes(b"")
    kept.write_bytes(b"")
    setup_py("build_ext", "--inplace")
    assert not earlier.exists() and not orphan.exists() and kept.exists()
    found = native.sources(project / "src")
    assert len(found) >= 25 and native.stamped(project / "src") == native.digests(found)
    assert calls.read_text("utf-8") == "call\ncall\n"
    orphan.write_bytes(b"")
    env["JIXIAO_PURE"] = "1"  # a pure build removes every compiled file, orphans too
    setup_py("build_ext", "--inplace")
    assert not orphan.exists() and not kept.exists() and not stamp.exists()


def test_a_module_compiled_no_more_is_loaded_from_its_source(tmp_path: Path) -> None:
    """A compiled file an earlier build left beside a source that is not compiled now (taken
    off COMPILED since) would load first: it is stale, and not a source that is plain."""
    src = tmp_path / "src"
    (tmp_path / "setup.py").write_text("", "utf-8")  # a checkout
    model = src / "jixiao" / "model"
    model.mkdir(parents=True)
    for name in ("source.py", f"source{SUFFIX}", "form.py", "form.cpython-399-other.so"):
        (model / name).write_text("", "utf-8")  # (the last: another Python's, never loaded)
    assert native.orphans(src) == {"jixiao.model.source": model / "source.py"}
    assert native.stale(src) == ["jixiao.model.source"]
    memo = src / "jixiao" / "memo.py"  # a compiled module, built after its source
    memo.write_text("", "utf-8")
    memo.with_name(f"memo{SUFFIX}").write_text("", "utf-8")
    os.utime(memo, (1, 1))
    assert native.stale(src) == ["jixiao.model.source"]
    (model / f"source{SUFFIX}").unlink()
    assert native.orphans(src) == {} and native.stale(src) == []


def _built_copy(tmp_path: Path) -> Path:
    """A checkout's src/ copied with its compiled files (setup.py beside it)."""
    src = Path(native.__file__).parent.parent
    copy = tmp_path / "src"
    shutil.copytree(src / "jixiao", copy / "jixiao", ignore=shutil.ignore_patterns("__pycache__"))
    for group in src.glob(f"*__mypyc{SUFFIX}"):
        shutil.copy2(group, copy / group.name)
    shutil.copy2(src.parent / "setup.py", tmp_path / "setup.py")
    return copy


@pytest.mark.skipif(
    bool(os.environ.get("JIXIAO_PURE")), reason="a pure build has no compiled file to copy"
)
def test_the_guard_loads_a_module_compiled_no_more_from_its_source(tmp_path: Path) -> None:
    """An earlier build's compiled file beside a source compiled no more (here another
    module's, which cannot load under this name): jixiao warns and loads the source."""
    copy = _built_copy(tmp_path)
    package = copy / "jixiao"
    shutil.copy2(package / f"memo{SUFFIX}", package / "model" / f"source{SUFFIX}")
    done = subprocess.run(
        [sys.executable, "-c", "from jixiao.model import source; print(source.__file__)"],
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == str(package / "model" / "source.py")
    assert "jixiao.model.source" in done.stderr


@pytest.mark.skipif(
    bool(os.environ.get("JIXIAO_PURE")), reason="a pure build has no compiled file to go stale"
)
def test_an_edited_source_is_loaded_instead_of_its_compiled_file(tmp_path: Path) -> None:
    """A copy of the built package with one source edited after the build: jixiao warns and
    loads every module from its source, so the edit takes effect."""
    copy = _built_copy(tmp_path)
    labels = copy / "jixiao" / "extract" / "labels.py"
    labels.write_text(labels.read_text("utf-8") + "\nEDITED = True\n", "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jixiao import native, pipeline; from jixiao.extract import labels;"
            "print(labels.EDITED, native.loaded_compiled())",
        ],
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["True", "[]"]
    assert "与源代码不符" in done.stderr and "jixiao.extract.labels" in done.stderr

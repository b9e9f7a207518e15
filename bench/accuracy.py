"""Accuracy of the checker on the synthetic corpus: precision and recall per injected code.

    python -m bench.accuracy --forms 2000 --seed 1

Generates the corpus (``bench.corpus``), runs ``jixiao.run(dir, profile="pujiang-2023")`` and
compares, per code, the forms the checker flagged with the forms the ground truth says it
should flag (a finding counts once for a form and code). Writes ``bench/results-accuracy.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import jixiao
from bench.corpus import CODES, generate

ERROR_CODES = ("JX202", "JX203", "JX205", "JX402", "JX403", "JX404", "JX407", "JX408")
PROFILE = "pujiang-2023"
RESULTS = Path(__file__).with_name("results-accuracy.json")


def evaluate(folder: Path, profile: str = PROFILE) -> dict[str, Any]:
    """Run the checker over a generated corpus and score it against ``truth.jsonl``."""
    forms = [json.loads(x) for x in (folder / "forms.jsonl").read_text("utf-8").splitlines()]
    truth = [json.loads(x) for x in (folder / "truth.jsonl").read_text("utf-8").splitlines()]
    expected: dict[str, set[str]] = defaultdict(set)
    for t in truth:
        expected[t["code"]].add(t["form"])
    started = time.perf_counter()
    run = jixiao.run(folder, profile=profile, select=list(CODES))
    elapsed = time.perf_counter() - started
    by_file: dict[str, list[Any]] = defaultdict(list)
    for r in run.results:
        by_file[Path(r.file).name].append(r)
    found: dict[str, set[str]] = defaultdict(set)
    examples: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    misaligned = 0
    for f in forms:
        results = by_file.get(f["file"], [])
        res: Any = results[f["position"]] if f["position"] < len(results) else None
        if res is None or res.form.project != f["project"]:
            misaligned += 1
            continue
        for finding in res.findings:
            found[finding.code].add(f["form"])
            is_fp = finding.code in CODES and f["form"] not in expected[finding.code]
            if is_fp and len(examples[finding.code]["fp"]) < 5:
                examples[finding.code]["fp"].append(f"{f['form']} {finding.message}")
    table: dict[str, dict[str, Any]] = {}
    for code in CODES:
        tp = len(found[code] & expected[code])
        fp = len(found[code] - expected[code])
        fn = len(expected[code] - found[code])
        table[code] = {
            "severity": "error" if code in ERROR_CODES else "other",
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
            "false_negatives": sorted(expected[code] - found[code])[:5],
            "false_positives": examples[code]["fp"],
        }
    kinds: dict[str, dict[str, Any]] = {}
    for t in truth:
        k: dict[str, Any] = kinds.setdefault(
            t["kind"], {"code": t["code"], "injected": 0, "detected": 0}
        )
        k["injected"] += 1
        k["detected"] += int(t["form"] in found[t["code"]])
    for k in kinds.values():
        k["recall"] = round(k["detected"] / k["injected"], 4)
    return {
        "forms": len(forms),
        "read": len(run.results),
        "misaligned": misaligned,
        "profile": profile,
        "seconds": round(elapsed, 2),
        "codes": table,
        "kinds": dict(sorted(kinds.items())),
    }


def render(report: dict[str, Any]) -> str:
    lines = [
        f"表数 {report['forms']}，读出 {report['read']}，未对齐 {report['misaligned']}，"
        f"规则 {report['profile']}，检查用时 {report['seconds']} 秒",
        f"{'code':<7}{'sev':<7}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>9}",
    ]
    for code, row in report["codes"].items():
        lines.append(
            f"{code:<7}{row['severity']:<7}{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
            f"{row['precision']:>11.4f}{row['recall']:>9.4f}"
        )
    lines.append("")
    lines.append(f"{'defect kind':<26}{'code':<7}{'injected':>9}{'detected':>9}{'recall':>9}")
    for kind, k in report["kinds"].items():
        lines.append(
            f"{kind:<26}{k['code']:<7}{k['injected']:>9}{k['detected']:>9}{k['recall']:>9.4f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="检查器在合成语料上的精确率与召回率")
    ap.add_argument("--forms", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jixiao-corpus-") as tmp:
        folder = generate(args.forms, args.seed, tmp)
        report = evaluate(folder)
    report["seed"] = args.seed
    report["command"] = f"python -m bench.accuracy --forms {args.forms} --seed {args.seed}"
    print(render(report))
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

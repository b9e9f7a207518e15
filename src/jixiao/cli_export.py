"""The ``export`` and ``summary`` commands (registered on the main ``jixiao`` app).

Both read, recompute and check the forms named, then write one output. Nothing is written
when an input failed to read (a file-level JX001/JX002/JX901, or a form whose scoring failed)
or when the output cannot be written (missing folder, no permission): the command says so and
exits with 2. A written file is complete: it is built beside the target and renamed into place.
Writers are imported when a command runs (WeasyPrint and pyarrow are slow to import).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jixiao import pipeline
from jixiao.profiles import DEFAULT, Profile, ProfileError, load_profile
from jixiao.terminal import err, out

EXIT_USAGE = 2


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    pdf = "pdf"
    docx = "docx"
    json = "json"
    csv = "csv"
    parquet = "parquet"


FOLDER_FORMATS = (ExportFormat.csv, ExportFormat.parquet)

Paths = Annotated[list[Path], typer.Argument(help="自评表文件或目录")]
ProfileOption = Annotated[str, typer.Option(help="规则配置名或 .toml 路径")]
Output = Annotated[Path, typer.Option("-o", "--output", help="输出文件（csv、parquet 为文件夹）")]


def _fail(message: str) -> typer.Exit:
    err.print(message, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_USAGE)


def _profile(name: str) -> Profile:
    try:
        return load_profile(name)
    except ProfileError as exc:
        raise _fail(str(exc)) from exc


def _complete_run(paths: list[Path], profile: Profile) -> pipeline.Run:
    """Read, recompute and check; stop (exit 2) when an input failed to read."""
    from jixiao.writers.output import ExportError, require_complete

    run = pipeline.run(paths, profile)
    try:
        require_complete(run)
    except ExportError as exc:
        raise _fail(str(exc)) from exc
    return run


def _format_of(fmt: ExportFormat | None, output: Path) -> ExportFormat:
    if fmt is not None:
        return fmt
    try:
        return ExportFormat(output.suffix.lower().lstrip("."))
    except ValueError as exc:
        raise _fail(f"无法从 {output} 判断导出格式：请用 --to 指定") from exc


def export(
    paths: Paths,
    output: Output,
    to: Annotated[
        ExportFormat | None, typer.Option("--to", help="xlsx、pdf、docx、json、csv 或 parquet")
    ] = None,
    recomputed: Annotated[
        bool, typer.Option("--recomputed", help="按规则重算后的表（旁列填报数与说明）")
    ] = False,
    findings: Annotated[
        bool, typer.Option("--findings", help="在每张表后附审核发现（xlsx、pdf、docx）")
    ] = False,
    profile: ProfileOption = DEFAULT,
) -> None:
    """导出自评表：官方版式的 xlsx（含实时公式）、PDF、Word，或开放数据 JSON、CSV、Parquet。"""
    from jixiao.writers.output import ExportError

    fmt = _format_of(to, output)
    prof = _profile(profile)
    run = _complete_run(paths, prof)
    try:
        written = _write(fmt, run, output, prof, recomputed=recomputed, findings=findings)
    except ExportError as exc:
        raise _fail(f"导出失败：{exc}") from exc
    out.print(
        f"已导出 {len(run.results)} 张自评表：{'、'.join(map(str, written))}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def _write(
    fmt: ExportFormat,
    run: pipeline.Run,
    output: Path,
    profile: Profile,
    *,
    recomputed: bool,
    findings: bool,
) -> list[Path]:
    results = list(run.results)
    extra = [*(f for d in run.files for f in d.findings), *run.batch_findings]
    if fmt is ExportFormat.xlsx:
        from jixiao.writers.xlsx import write_xlsx

        write_xlsx(results, output, profile, recomputed=recomputed, findings=findings)
    elif fmt is ExportFormat.pdf:
        from jixiao.writers.pdf import write_pdf

        write_pdf(results, output, profile, recomputed=recomputed, findings=findings)
    elif fmt is ExportFormat.docx:
        from jixiao.writers.docx import write_docx

        write_docx(results, output, profile, recomputed=recomputed, findings=findings)
    elif fmt is ExportFormat.json:
        from jixiao.writers.opendata import write_json

        write_json(results, output, profile, recomputed=recomputed)
    elif fmt is ExportFormat.csv:
        from jixiao.writers.opendata import write_csv

        return write_csv(results, output, profile, extra)
    else:
        from jixiao.writers.opendata import write_parquet

        return write_parquet(results, output, profile, extra)
    return [output]


def summary(
    paths: Paths,
    output: Annotated[Path, typer.Option("-o", "--output", help="summary.xlsx 或 summary.html")],
    profile: ProfileOption = DEFAULT,
) -> None:
    """部门汇总：每表一行（资金、执行率、填报与重算的总分和等级、各级发现数）、合计、等级分布、
    执行率与自评分对照图、全部审核发现。"""
    from jixiao.writers.output import ExportError
    from jixiao.writers.summary import SUFFIXES, write_summary

    if output.suffix.lower() not in SUFFIXES:
        raise _fail(f"汇总只能写成 {' 或 '.join(SUFFIXES)}：{output}")
    run = _complete_run(paths, _profile(profile))
    try:
        write_summary(run, output)
    except ExportError as exc:
        raise _fail(f"导出失败：{exc}") from exc
    out.print(
        f"已写出部门汇总（{len(run.results)} 张自评表）：{output}", markup=False, highlight=False
    )


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``summary`` to the app."""
    app.command()(export)
    app.command()(summary)

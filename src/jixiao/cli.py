"""The ``jixiao`` command (Typer): arguments, output and exit codes, nothing else."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jixiao import openjson, pipeline, report
from jixiao.checks.codes import CODES, Severity
from jixiao.profiles import DEFAULT, ProfileError, available, load_profile
from jixiao.render import form_table

app = typer.Typer(
    help="jixiao（绩效）：项目支出绩效自评表的读取、重算与审核。",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


EXIT_USAGE = 2


@app.command()
def show(
    files: Annotated[list[Path], typer.Argument(help="自评表文件或目录")],
    form: Annotated[int | None, typer.Option("--form", help="只显示第 N 张表（从 1 起）")] = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="table 或 json")] = ShowFormat.table,
) -> None:
    """显示读取到的自评表（终端表格或开放数据 JSON）。"""
    forms = []
    for doc in pipeline.read_many(files):
        for f in doc.findings:
            err.print(f.render(), markup=False, highlight=False, soft_wrap=True)
        for x in doc.forms:
            for f in x.findings:
                err.print(f.render(), markup=False, highlight=False, soft_wrap=True)
            forms.append(x.form)
    if not forms:
        err.print("没有读到任何自评表。")
        raise typer.Exit(EXIT_USAGE)
    if form is not None:
        if not 1 <= form <= len(forms):
            err.print(f"--form {form} 超出范围：共读到 {len(forms)} 张表。")
            raise typer.Exit(EXIT_USAGE)
        forms = [forms[form - 1]]
    if fmt is ShowFormat.json:
        json.dump(openjson.forms_json(forms), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for one in forms:
        out.print(form_table(one))
        out.print()


@app.command()
def schema() -> None:
    """输出 ``show --format json`` 的 JSON Schema。"""
    json.dump(openjson.schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


def _codes(values: list[str] | None) -> list[str] | None:
    """Split ``--select JX4,JX502`` into code prefixes; reject what matches no code."""
    if not values:
        return None
    codes = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    for c in codes:
        if not any(k.startswith(c) for k in CODES):
            err.print(f"未知的检查代码：{c}")
            raise typer.Exit(EXIT_USAGE)
    return codes


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="自评表文件或目录")],
    profile: Annotated[str, typer.Option(help="规则配置名或 .toml 路径")] = DEFAULT,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="text 或 json")] = CheckFormat.text,
    fail_on: Annotated[
        Severity, typer.Option("--fail-on", help="达到该级别即以 1 退出")
    ] = Severity.ERROR,
    select: Annotated[
        list[str] | None, typer.Option(help="只报告这些代码（可用前缀，如 JX4）")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="不报告这些代码")] = None,
) -> None:
    """重算并检查自评表：每条发现一行，附汇总。退出码：0 无问题，1 有达到 --fail-on 的发现，2 用法错误或无可读内容。"""
    try:
        prof = load_profile(profile)
    except ProfileError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_USAGE) from exc
    run = pipeline.run(paths, prof, select=_codes(select), ignore=_codes(ignore))
    if fmt is CheckFormat.json:
        json.dump(report.run_json(run), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in report.run_lines(run):
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    if not run.results:
        raise typer.Exit(EXIT_USAGE)
    if any(f.level.rank >= fail_on.rank for f in run.all_findings()):
        raise typer.Exit(1)


@app.command()
def profiles() -> None:
    """列出内置规则配置。"""
    for p in available():
        out.print(f"{p.name}\tv{p.version}\t{p.description}", markup=False)


def _register_commands() -> None:
    """Commands that live beside their subsystem: exports and the web app."""
    from jixiao import cli_export
    from jixiao.web import cli as web_cli

    cli_export.register(app)
    web_cli.register(app)


_register_commands()

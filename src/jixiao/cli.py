"""The ``jixiao`` command (Typer): arguments, output and exit codes, nothing else."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from jixiao import batch, openjson, pipeline, report
from jixiao.checks.codes import CODES, Severity
from jixiao.profiles import DEFAULT, ProfileError, available, load_profile
from jixiao.render import form_table
from jixiao.terminal import err, out

app = typer.Typer(
    help="jixiao（绩效）：项目支出绩效自评表的读取、重算与审核。",
    no_args_is_help=True,
    add_completion=False,
)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


EXIT_USAGE = 2


Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="并行进程数（默认：文件较多时用全部 CPU）", min=1),
]
DaskAddress = Annotated[
    str | None, typer.Option("--dask", help="在已有的 Dask 集群上运行（调度器地址）")
]


def _jobs(jobs: int | None, files: list[Path]) -> int:
    if jobs is not None:
        return jobs
    return (os.cpu_count() or 1) if len(files) >= AUTO_POOL_FILES else 1


AUTO_POOL_FILES = 8


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr (only where stderr is a terminal)."""
    if not err.is_terminal or total < 2:
        yield lambda: None
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("读取文件", total=total)
        yield lambda: bar.advance(task)


class _JsonList:
    """``{"key": [item, item, …], …}`` written item by item, so nothing is kept."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.count = 0

    def item(self, value: object) -> None:
        self.written(report.json_text(value))

    def written(self, body: str) -> None:
        """An item already written as JSON (``indent=2``)."""
        head = f'{{\n  "{self.key}": [\n' if self.count == 0 else ",\n"
        sys.stdout.write(head + "    " + body.replace("\n", "\n    "))
        self.count += 1

    def close(self, **more: object) -> None:
        if self.count == 0:
            sys.stdout.write(f'{{\n  "{self.key}": [')
        sys.stdout.write("\n  ]")
        for name, value in more.items():
            body = report.json_text(value).replace("\n", "\n  ")
            sys.stdout.write(f',\n  "{name}": {body}')
        sys.stdout.write("\n}\n")


def _say(line: str, console: Console = err) -> None:
    console.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
def show(
    files: Annotated[list[Path], typer.Argument(help="自评表文件或目录")],
    form: Annotated[int | None, typer.Option("--form", help="只显示第 N 张表（从 1 起）")] = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="table 或 json")] = ShowFormat.table,
    jobs: Jobs = None,
    dask: DaskAddress = None,
) -> None:
    """显示读取到的自评表（终端表格或开放数据 JSON）。目录下的文件逐个读取、逐个输出。"""
    paths = list(pipeline.expand(files))
    stream = _JsonList("forms") if fmt is ShowFormat.json else None
    seen = 0
    with _progress(len(paths)) as step:
        for doc in batch.documents(paths, jobs=_jobs(jobs, paths), dask=dask):
            step()
            for f in (*doc.findings, *(f for x in doc.forms for f in x.findings)):
                _say(f.render())
            for x in doc.forms:
                seen += 1
                if form is not None and seen != form:
                    continue
                if stream is not None:
                    stream.item(openjson.form_json(x.form))
                else:
                    out.print(form_table(x.form))
                    out.print()
    if not seen:
        err.print("没有读到任何自评表。")
        raise typer.Exit(EXIT_USAGE)
    if form is not None and not 1 <= form <= seen:
        err.print(f"--form {form} 超出范围：共读到 {seen} 张表。")
        raise typer.Exit(EXIT_USAGE)
    if stream is not None:
        stream.close()


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
    jobs: Jobs = None,
    dask: DaskAddress = None,
) -> None:
    """重算并检查自评表：每条发现一行，附汇总。退出码：0 无问题，1 有达到 --fail-on 的发现，2 用法错误或无可读内容。"""
    try:
        prof = load_profile(profile)
    except ProfileError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_USAGE) from exc
    sel, ign = _codes(select), _codes(ignore)
    files = list(pipeline.expand(paths))
    tally = batch.Tally(prof, sel, ign)
    stream = _JsonList("forms") if fmt is CheckFormat.json else None
    work = batch.outcomes(
        files, prof, fmt.value, jobs=_jobs(jobs, files), dask=dask, select=sel, ignore=ign
    )
    with _progress(len(files)) as step:
        for one in work:
            step()
            tally.add(one)
            for text in one.text:
                if stream is not None:
                    stream.written(text)
                else:
                    _say(text, out)
    found = tally.finish()
    if stream is not None:
        stream.close(summary=tally.summary())
    else:
        for f in found:
            _say(f.render(), out)
        for line in ["", *tally.summary_lines()]:
            _say(line, out)
    if not tally.forms:
        raise typer.Exit(EXIT_USAGE)
    worst = tally.worst()
    if worst is not None and worst.rank >= fail_on.rank:
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

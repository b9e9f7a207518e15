"""The ``jixiao`` command (Typer): arguments, output and exit codes, nothing else."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jixiao import openjson, pipeline
from jixiao.render import form_table

app = typer.Typer(
    help="jixiao（绩效）：项目支出绩效自评表的读取、重算与审核。",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


class ShowFormat(str, Enum):
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
            err.print(f.render(), markup=False, highlight=False)
        for x in doc.forms:
            for f in x.findings:
                err.print(f.render(), markup=False, highlight=False)
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
    for f in forms:
        out.print(form_table(f))
        out.print()


@app.command()
def schema() -> None:
    """输出 ``show --format json`` 的 JSON Schema。"""
    json.dump(openjson.schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

"""The web commands, registered on the main ``jixiao`` app: ``serve`` (migrate, demo data,
production WSGI server), ``import`` (store forms as the web import does) and ``users add``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao.terminal import err, out

users_app = typer.Typer(help="管理用户账号。", no_args_is_help=True)

DataOption = Annotated[Path | None, typer.Option("--data", help="数据目录（SQLite 数据库所在）")]
ROLES = ("filler", "reviewer", "bureau", "admin")


def setup_django(data: Path | None) -> None:
    """Point the settings at the data folder, start Django and bring the database up to date."""
    if data is not None:
        os.environ["JIXIAO_DATA"] = str(data.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    data: DataOption = None,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="空数据库时载入示例数据和演示账号")
    ] = False,
    threads: Annotated[int, typer.Option(help="服务线程数")] = 8,
) -> None:
    """启动网页服务（迁移数据库后以生产级 WSGI 服务器运行）。"""
    setup_django(data)
    if demo:
        from jixiao.web.demo_data import load_demo

        accounts = load_demo()
        if accounts:
            out.print("已载入示例数据。演示账号（密码仅显示这一次）：", markup=False)
            for name, role, password in accounts:
                out.print(f"  {name:<10} {role:<8} 密码：{password}", markup=False)
        else:
            out.print("数据库已有数据，未载入示例数据。", markup=False)
    from waitress import serve as waitress_serve

    from jixiao.web.wsgi import application

    out.print(f"jixiao 网页服务：http://{host}:{port}/  （Ctrl+C 停止）", markup=False)
    waitress_serve(application, host=host, port=port, threads=threads, ident="jixiao")


def import_(
    paths: Annotated[list[Path], typer.Argument(help="自评表文件或目录")],
    data: DataOption = None,
) -> None:
    """把自评表存入数据库（与网页导入相同：同一项目、单位、年度保存为新版本）。"""
    setup_django(data)
    from jixiao.pipeline import expand
    from jixiao.web.evaluations import services

    files = [(str(p), p) for p in expand(paths)]
    if not files:
        err.print("没有找到文件。", markup=False)
        raise typer.Exit(2)
    previews = services.preview_files(None, files)
    for pf in previews:
        for f in pf.findings:
            err.print(f.render(), markup=False, soft_wrap=True)
        for p in pf.forms:
            if not p.allowed:
                err.print(f"{pf.name}: 未导入“{p.result.form.project}”：{p.reason}", markup=False)
    batch = services.do_import(None, files, note="命令行导入")
    out.print(f"已导入 {batch.forms} 张自评表（{batch.files} 个文件）。", markup=False)
    if batch.forms == 0:
        raise typer.Exit(2)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[
        str,
        typer.Option(
            help="角色：filler（填报人）、reviewer（审核人）、bureau（财政）、admin（管理员）"
        ),
    ],
    unit: Annotated[str | None, typer.Option(help="填报人的实施单位名称")] = None,
    department: Annotated[
        str | None, typer.Option(help="审核人的主管部门名称（或新单位所属部门）")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码")
    ] = False,
    data: DataOption = None,
) -> None:
    """新增用户账号。"""
    if role not in ROLES:
        err.print(f"角色应为 {'、'.join(ROLES)} 之一。", markup=False)
        raise typer.Exit(2)
    if not password_stdin:
        err.print("请用 --password-stdin 从标准输入提供密码。", markup=False)
        raise typer.Exit(2)
    password = sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        err.print("密码至少 8 个字符。", markup=False)
        raise typer.Exit(2)
    setup_django(data)
    from jixiao.web.accounts.services import AccountError, do_add_user

    try:
        user = do_add_user(name, role, password, unit=unit, department=department)
    except AccountError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(2) from exc
    out.print(f"已新增用户 {user.get_username()}（{role}）。", markup=False)


def register(app: typer.Typer) -> None:
    """Add the web commands to the app."""
    app.command("serve")(serve)
    app.command("import")(import_)
    app.add_typer(users_app, name="users")

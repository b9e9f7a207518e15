"""The command line's two Rich consoles, standard output and standard error, shared by every
subcommand (``jixiao.cli``, ``jixiao.cli_export``, ``jixiao.web.cli``)."""

from __future__ import annotations

from rich.console import Console

out = Console()
err = Console(stderr=True)

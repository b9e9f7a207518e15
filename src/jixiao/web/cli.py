"""The web commands: ``serve``, ``import``, ``users`` (registered on the main app)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the web commands to the app (none yet)."""

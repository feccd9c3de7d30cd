"""Shared CLI pieces: the workspace option, progress bars on stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

stderr = Console(stderr=True)

workspace_option = click.option(
    "--workspace",
    "-w",
    "workspace",
    default=".",
    envvar="ASSAY_WORKSPACE",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Workspace folder (env ASSAY_WORKSPACE).",
)


@contextmanager
def progress(description: str, total: int | None) -> Iterator[Any]:
    """A rich progress bar on stderr; yields advance(n)."""
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=False,
    )
    with bar:
        task_id = bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task_id, n)

        yield advance

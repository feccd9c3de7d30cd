"""Shared CLI pieces: the workspace option, the engine options, progress bars on stderr."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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

from assay.engines import ENGINES, Engine, make_engine

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


def engine_options(workers_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--engine, --ray-address and --workers: where a command's batch work runs (never what it makes)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(
            (
                click.option(
                    "--engine",
                    type=click.Choice(ENGINES),
                    default=None,
                    help="Where batches run: 'local' (this process; default) or 'ray' (assay[ray] extra).",
                ),
                click.option(
                    "--ray-address",
                    default=None,
                    metavar="ADDR",
                    help="With --engine ray: a Ray cluster to join (default: start a local Ray).",
                ),
                click.option("--workers", type=click.IntRange(1), default=None, help=workers_help),
            )
        ):
            command = option(command)
        return command

    return decorate


def start_engine(engine: str | None, ray_address: str | None, workers: int | None) -> Engine:
    """The engine the options name (local when none is given)."""
    if ray_address and engine != "ray":
        raise click.BadParameter("--ray-address needs --engine ray", param_hint="--ray-address")
    return make_engine(engine or "local", address=ray_address or None, workers=workers)

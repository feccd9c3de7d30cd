"""`assay export jsonl|parquet`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assay.cli.common import progress, workspace_option
from assay.export import Format, export
from assay.records import Status
from assay.workspace import Workspace

_STATUS = click.Choice([s.value for s in Status] + ["any"])


def _run(fmt: Format, workspace: str, out: Path | None, status: str, verifier: str) -> None:
    space = Workspace.open(workspace)
    destination = out or space.artifacts / "exports" / f"samples.{fmt}"
    store = space.store()
    try:
        with progress(f"exporting {fmt}", None) as advance:
            count = export(
                store,
                destination,
                fmt,
                verifier,
                None if status == "any" else Status(status),
                lambda: advance(1),
            )
    finally:
        store.close()
    click.echo(f"{count} samples written to {destination}")


F = TypeVar("F", bound=Callable[..., Any])


def _options(function: F) -> F:
    function = click.option(
        "--verifier", default="math-steps@1", show_default=True, help="Select by this verifier's verdict."
    )(function)
    function = click.option(
        "--status",
        type=_STATUS,
        default="verified",
        show_default=True,
        help="Export candidates with this verdict status (any: all).",
    )(function)
    function = click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Output file (default: artifacts/exports/samples.<format>).",
    )(function)
    return workspace_option(function)


@click.group("export")
def export_group() -> None:
    """Export samples as SFT chat data with provenance."""


@export_group.command("jsonl")
@_options
def jsonl_command(workspace: str, out: Path | None, status: str, verifier: str) -> None:
    """Export to JSONL: {"messages": [...], "provenance": {...}} per line.

    \b
    Example:
      assay export jsonl -w my-run --out verified.jsonl
    """
    _run("jsonl", workspace, out, status, verifier)


@export_group.command("parquet")
@_options
def parquet_command(workspace: str, out: Path | None, status: str, verifier: str) -> None:
    """Export to Parquet: columns messages (list of {role, content}) and provenance (JSON).

    \b
    Example:
      assay export parquet -w my-run --out verified.parquet
    """
    _run("parquet", workspace, out, status, verifier)

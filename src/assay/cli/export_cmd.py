"""`assay export jsonl|parquet`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assay.cli.common import progress, workspace_option
from assay.export import Format, Gates, card_path, domain_verifiers, export
from assay.records import Status
from assay.workspace import Workspace

_STATUS = click.Choice([s.value for s in Status] + ["any"])


def _eval_prompts(paths: tuple[Path, ...]) -> tuple[str, ...]:
    """Prompts of evaluation files: JSONL lines with "prompt" (or "question"), or plain text lines."""
    prompts = []
    for path in paths:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                prompts.append(line)
                continue
            if isinstance(record, dict):
                text = record.get("prompt", record.get("question"))
                if isinstance(text, str):
                    prompts.append(text)
            elif isinstance(record, str):
                prompts.append(record)
    return tuple(prompts)


def _run(
    fmt: Format,
    workspace: str,
    out: Path | None,
    status: str,
    verifier: str | None,
    gates: dict[str, Any],
) -> None:
    force = gates.pop("force")
    space = Workspace.open(workspace)
    destination = out or space.artifacts / "exports" / f"samples.{fmt}"
    minimum = gates["min_human_share"] if gates["min_human_share"] is not None else space.min_human_share
    gate = Gates(
        dedup=gates["dedup"],
        eval_prompts=_eval_prompts(gates["decontaminate"]),
        eval_sources=tuple(str(p) for p in gates["decontaminate"]),
        min_human_share=minimum,
        allow_low_human_share=gates["allow_low_human_share"],
    )
    by_domain = domain_verifiers(dict(space.verify.verifiers))  # [verify] choices, else defaults
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
                generation=gates["generation"],
                generator=gates["generator"],
                gates=gate,
                inputs=gates["decontaminate"],
                force=force,
                by_domain=by_domain,
            )
    finally:
        store.close()
    click.echo(f"{count} samples written to {destination}; dataset card: {card_path(destination)}")


F = TypeVar("F", bound=Callable[..., Any])


def _options(function: F) -> F:
    function = click.option(
        "--verifier",
        default=None,
        help="Select every row by this verifier's verdict, e.g. math-answer@2 (default: each problem's "
        "domain's own verifier, as [verify] in assay.toml chooses).",
    )(function)
    function = click.option(
        "--generation",
        type=click.IntRange(0),
        default=None,
        help="Only candidates of this loop generation (0: seed and reference data).",
    )(function)
    function = click.option(
        "--generator", default=None, help="Only candidates of this generator (a model id, or human-seed@1)."
    )(function)
    function = click.option(
        "--dedup/--no-dedup", default=True, show_default=True, help="Drop exact and near-duplicate rows."
    )(function)
    function = click.option(
        "--decontaminate",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        multiple=True,
        help="Evaluation file (JSONL with prompt/question, or text lines); rows with its prompts go.",
    )(function)
    function = click.option(
        "--min-human-share",
        type=click.FloatRange(0, 1),
        default=None,
        help="Refuse to export below this share of human data (default: [export] min_human_share).",
    )(function)
    function = click.option(
        "--allow-low-human-share", is_flag=True, help="Export even below the minimum human share."
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
        help="Output file (default: artifacts/exports/samples.<format>); its card: <out>.README.md.",
    )(function)
    function = click.option(
        "--force",
        is_flag=True,
        help="Write --out even if it is the database, an input, or in another workspace's artifacts/.",
    )(function)
    return workspace_option(function)


@click.group("export")
def export_group() -> None:
    """Export samples as SFT chat data with provenance.

    \b
    Example:
      assay export jsonl -w my-run --out verified.jsonl
    """


@export_group.command("jsonl")
@_options
def jsonl_command(workspace: str, out: Path | None, status: str, verifier: str | None, **gates: Any) -> None:
    """Export to JSONL: {"messages": [...], "provenance": {...}} per line.

    \b
    Example:
      assay export jsonl -w my-run --out verified.jsonl
    """
    _run("jsonl", workspace, out, status, verifier, gates)


@export_group.command("parquet")
@_options
def parquet_command(
    workspace: str, out: Path | None, status: str, verifier: str | None, **gates: Any
) -> None:
    """Export to Parquet: columns messages (list of {role, content}) and provenance (JSON).

    \b
    Example:
      assay export parquet -w my-run --out verified.parquet
    """
    _run("parquet", workspace, out, status, verifier, gates)

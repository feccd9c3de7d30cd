"""`assay export jsonl|parquet`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assay.cli.common import progress, workspace_option
from assay.errors import AssayError
from assay.export import Format, Gates, card_path, export
from assay.export_rows import Unselected, domain_verifiers
from assay.export_trl import TRL_KINDS, TrlKind, export_trl
from assay.records import Status
from assay.selection import Selection
from assay.store import Store
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
    shape, scorer = gates.pop("shape"), gates.pop("scorer")
    reviewed_flag, queue = gates.pop("reviewed"), gates.pop("queue")
    _check_shape(shape, status, scorer)
    if queue is not None and not reviewed_flag:
        raise click.UsageError("--queue names the review queue of --reviewed: add --reviewed")
    if reviewed_flag and shape != "sft":
        raise click.UsageError("--reviewed exports the kept set as --format sft rows")
    space = Workspace.open(workspace)
    selection = _selection(space, shape, scorer, gates)
    if reviewed_flag and selection is not None:
        raise click.UsageError(
            "--reviewed exports what people kept: no --min-score, --top-k-per-problem, --top"
        )
    name = "samples" if shape == "sft" else shape
    destination = out or space.artifacts / "exports" / f"{name}.{fmt}"
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
    if shape != "sft":
        _run_trl(shape, fmt, store, destination, verifier, scorer, gate, by_domain, gates, force, space)
        return
    reviewed = None
    if reviewed_flag:
        from assay.review.kept import kept_set, pick_queue

        try:
            reviewed = kept_set(store.engine, pick_queue(store.engine, queue))
        except BaseException:
            store.close()
            raise
    unselected = Unselected()
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
                selection=selection,
                reviewed=reviewed,
                unselected=unselected,
            )
    finally:
        store.close()
    click.echo(f"{count} samples written to {destination}; dataset card: {card_path(destination)}")
    _tell_unselected(unselected, space)


def _tell_unselected(unselected: Unselected, space: Workspace) -> None:
    """Say why candidates were passed over when verifying would select them: verdicts from an older
    version of a verifier (it was upgraded since `assay verify` ran), or none yet."""
    again = f"`assay verify -w {space.root}`"
    for line in unselected.lines():
        click.echo(f"note: {line}; {again} verifies them with the installed verifiers", err=True)
    for wanted, n in sorted(unselected.unverified.items()):
        click.echo(f"note: {n:,} candidates have no verdict of {wanted} yet; {again} verifies them", err=True)


def _check_shape(shape: str, status: str, scorer: str | None) -> None:
    if shape != "sft" and status != "verified":
        raise click.UsageError(
            f"{shape} takes verified rows only (pairs and step labels pick their own); drop --status"
        )


def _run_trl(
    shape: TrlKind,
    fmt: Format,
    store: Store,
    destination: Path,
    verifier: str | None,
    scorer: str | None,
    gate: Gates,
    by_domain: dict[str, str],
    options: dict[str, Any],
    force: bool,
    space: Workspace,
) -> None:
    """`--format trl-*`: the same selection and gates, rows shaped for TRL (assay.export_trl)."""
    unselected = Unselected()
    try:
        with progress(f"exporting {shape} {fmt}", None) as advance:
            done = export_trl(
                store,
                destination,
                shape,
                fmt,
                verifier=verifier,
                by_domain=by_domain,
                generation=options["generation"],
                generator=options["generator"],
                scorer=scorer,
                gates=gate,
                inputs=options["decontaminate"],
                force=force,
                on_row=lambda: advance(1),
                unselected=unselected,
            )
    finally:
        store.close()
    left = "; ".join(f"{why}: {n}" for why, n in done.skipped.items()) or "none"
    click.echo(f"{done.rows} rows ({shape}) written to {destination}; left out: {left}")
    click.echo(f"dataset card: {card_path(destination)}")
    _tell_unselected(unselected, space)


F = TypeVar("F", bound=Callable[..., Any])


# --- selection by score (assay.selection), after the verdict filter and the gates ----------------------


def _selection(space: Workspace, shape: str, spec: str | None, options: dict[str, Any]) -> Selection | None:
    """--scorer with --min-score/--top-k-per-problem/--top (popped from options) as the sft export's
    Selection. The scorer is a stored id ("verifier@1") or a spec as `assay score` takes it, resolved
    to the id of the scorer it builds now (for a reward model: the current checkpoint's scores)."""
    min_score, per_problem, top = (
        options.pop("min_score"),
        options.pop("top_k_per_problem"),
        options.pop("top"),
    )
    ranks = min_score is not None or per_problem or top
    if ranks and shape != "sft":
        raise click.UsageError("--min-score, --top-k-per-problem and --top select rows of --format sft")
    if spec is None or shape != "sft":
        if ranks:
            raise click.UsageError("--min-score, --top-k-per-problem and --top rank by a score: add --scorer")
        return None
    scorer_id = spec
    if "@" not in spec.partition(":")[0]:
        from assay.scoring.spec import build

        try:
            scorer_id = build(spec, space.artifacts / "models").id
        except AssayError as exc:
            raise click.ClickException(f"--scorer {spec}: {exc}") from None
    return Selection(scorer_id, min_score, per_problem, top)


def _selection_options(function: F) -> F:
    function = click.option(
        "--min-score", type=click.FloatRange(0, 1), default=None, help="Only rows scoring at least this."
    )(function)
    function = click.option(
        "--top-k-per-problem",
        type=click.IntRange(0),
        default=0,
        help="At most this many rows per problem, the best by --scorer (0: no limit).",
    )(function)
    return click.option(
        "--top",
        type=click.IntRange(0),
        default=0,
        help="At most this many rows, the best by --scorer (0: all).",
    )(function)


def _options(function: F) -> F:
    function = click.option(
        "--verifier",
        default=None,
        help="Select every row by this verifier's verdict, e.g. math-answer@27 (default: each problem's "
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
        "--format",
        "shape",
        type=click.Choice(["sft", *TRL_KINDS]),
        default="sft",
        show_default=True,
        help="Row shape: sft (messages, provenance), or TRL's: trl-sft (messages), trl-preference "
        "(prompt, chosen, rejected: verified vs refuted), trl-stepwise (prompt, completions, labels).",
    )(function)
    function = click.option(
        "--scorer",
        default=None,
        help="A stored scorer id (or a name with one stored version, e.g. prm): trl-preference pairs "
        "its highest-scored verified response with its lowest-scored refuted one. With sft, it ranks "
        "rows for --min-score, --top-k-per-problem and --top (a spec as `assay score` takes: verifier, prm; "
        "or a stored id); every row carries its stored scores in provenance either way.",
    )(function)
    function = click.option(
        "--force",
        is_flag=True,
        help="Write --out even if it is the database, an input, or in another workspace's artifacts/.",
    )(function)
    function = click.option(
        "--reviewed",
        is_flag=True,
        help="Export the kept set of a human review queue (assay review): accepted items, and edited "
        "ones with their verified edit, after adjudication; every decision in provenance.",
    )(function)
    function = click.option(
        "--queue", default=None, help="With --reviewed: the review queue (default: the workspace's only one)."
    )(function)
    function = _selection_options(function)
    return workspace_option(function)


@click.group("export")
def export_group() -> None:
    """Export samples as SFT chat data with provenance.

    \b
    Example:
      assay export jsonl -w my-run --out verified.jsonl
      assay export jsonl -w my-run --scorer verifier --top-k-per-problem 1 --top 100
      assay export jsonl -w my-run --reviewed --queue rq_1234 --out kept.jsonl
    """


@export_group.command("jsonl")
@_options
def jsonl_command(workspace: str, out: Path | None, status: str, verifier: str | None, **gates: Any) -> None:
    """Export to JSONL: {"messages": [...], "provenance": {...}} per line.

    \b
    Example:
      assay export jsonl -w my-run --out verified.jsonl
      assay export jsonl -w my-run --format trl-preference --scorer prm --out pairs.jsonl
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

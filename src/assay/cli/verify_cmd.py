"""`assay verify` (stored candidates) and `assay verify file` (any JSONL)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from assay.cli.common import engine_options, progress, start_engine, workspace_option
from assay.domains.code.sandbox import ISOLATIONS, SandboxConfig
from assay.registry import Registry
from assay.stages.verify import VerifierSettings
from assay.verification import Counts, choose_verifiers, count_lines, verify_jsonl, verify_store
from assay.workspace import Workspace, check_output

sandbox_option = click.option(
    "--sandbox",
    type=click.Choice(ISOLATIONS),
    default=None,
    help="Isolation for code candidates (default: bubblewrap; 'weak' runs without namespaces).",
)


def _summary(counts: Counts) -> str:
    resumed = f" ({counts.resumed} kept from an interrupted run)" if counts.resumed else ""
    unverifiable = (
        f"; {counts.no_verifier} not verified: {counts.no_verifier_note}" if counts.no_verifier else ""
    )
    return (
        f"{counts.total} checked{resumed}: {counts.verified} verified, {counts.refuted} refuted, "
        f"{counts.unknown} unknown, {counts.error} error, {counts.timeout} timeout{unverifiable}"
    )


def _choices(pairs: tuple[str, ...]) -> dict[str, str]:
    """--verifier DOMAIN=NAME options as a table."""
    chosen = {}
    for pair in pairs:
        domain, equals, name = pair.partition("=")
        if not equals or not domain.strip() or not name.strip():
            raise click.BadParameter(f"{pair!r} is not DOMAIN=NAME (e.g. math=math-answer)")
        chosen[domain.strip()] = name.strip()
    return chosen


verifier_option = click.option(
    "--verifier",
    "verifier_choices",
    multiple=True,
    metavar="DOMAIN=NAME",
    help="Verify DOMAIN with this verifier instead of its default (repeatable), e.g. math=math-answer.",
)


_WORKERS = (
    "Local engine: verifier processes (default: the CPUs). Ray engine: Ray workers, each with its own "
    "verifier processes and sandbox."
)


def _split(engine: str | None, workers: int | None, pool: int | None) -> tuple[int | None, int | None]:
    """--workers as (Ray workers, verifier processes per engine process): the local engine's pool size,
    or the Ray engine's worker count (each Ray worker's pool then takes `pool`, the workspace's own)."""
    return (workers, pool) if engine == "ray" else (None, workers or pool)


@click.group("verify", invoke_without_command=True)
@workspace_option
@click.option("--timeout", type=click.FloatRange(0.01, 600), default=None, help="Seconds per candidate.")
@click.option("--redo", is_flag=True, help="Verify again candidates that already have a verdict.")
@sandbox_option
@verifier_option
@engine_options(_WORKERS)
@click.pass_context
def verify_group(
    ctx: click.Context,
    workspace: str,
    timeout: float | None,
    redo: bool,
    sandbox: str | None,
    verifier_choices: tuple[str, ...],
    engine: str | None,
    ray_address: str | None,
    workers: int | None,
) -> None:
    """Verify the workspace's stored candidates (resumes where it stopped).

    \b
    Example:
      assay verify -w my-run
      assay verify -w my-run --engine ray --workers 2
      assay verify file outputs.jsonl --out verdicts.jsonl
    """
    if ctx.invoked_subcommand is not None:
        return
    space = Workspace.open(workspace)
    chosen = {**dict(space.verify.verifiers), **_choices(verifier_choices)}
    ray_workers, pool = _split(engine, workers, space.verify.workers or None)
    sandbox_config = replace(space.sandbox, isolation=sandbox or space.sandbox.isolation)
    settings = VerifierSettings.of(chosen, timeout or space.verify.timeout, pool, sandbox_config)
    choose_verifiers(Registry.from_entry_points(), chosen)  # a name not installed stops here, first
    store = space.store()
    try:
        with (
            start_engine(engine, ray_address, ray_workers) as running,
            progress("verifying", store.count("candidates")) as advance,
        ):
            counts = verify_store(store, settings, advance, redo, engine=running)
    finally:
        store.close()
    click.echo(_summary(counts))


@verify_group.command("file")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "destination",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write one verdict line per input line.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.01, 600),
    default=2.0,
    show_default=True,
    help="Hard limit in seconds per line.",
)
@sandbox_option
@verifier_option
@click.option(
    "--force", is_flag=True, help="Write --out even if it is the input, or in a workspace's artifacts/."
)
@engine_options(_WORKERS)
def file_command(
    source: Path,
    destination: Path,
    timeout: float,
    sandbox: str | None,
    verifier_choices: tuple[str, ...],
    force: bool,
    engine: str | None,
    ray_address: str | None,
    workers: int | None,
) -> None:
    """Verify a JSONL file of model outputs.

    Each line: {"id", "domain": "math", "task"?, "prompt", "reference": {"answer": "4"}, "response"}.
    Domains: math, code, logic, and any a plugin registers a verifier for.
    Each output line: {"id", "status", "steps", "first_error_step", "evidence", "verifier"}.

    --out appears only when complete. An interrupted run (Ctrl-C, crash, kill -9) is resumed by running
    the same command again on the same, unchanged input.

    \b
    Example:
      assay verify file outputs.jsonl --out verdicts.jsonl --timeout 2
      assay verify file outputs.jsonl --out verdicts.jsonl --engine ray --workers 2
    """
    check_output(destination, [(source, "the input file")], None, force)  # before any worker starts
    chosen = _choices(verifier_choices)
    ray_workers, pool = _split(engine, workers, None)
    sandbox_config = SandboxConfig(isolation=sandbox or "bubblewrap", workers=pool)
    verifiers = VerifierSettings.of(chosen, timeout, pool, sandbox_config)
    choose_verifiers(Registry.from_entry_points(), chosen)  # a name not installed stops here, first
    with (
        start_engine(engine, ray_address, ray_workers) as running,
        progress("verifying", count_lines(source)) as advance,
    ):
        # the verifiers chosen change verdicts, so they are part of what a resumed run must match
        picked = ",".join(f"{d}={n}" for d, n in sorted(chosen.items()))
        settings = f"timeout={timeout};sandbox={sandbox_config.isolation};verifiers={picked}"
        counts = verify_jsonl(
            source, destination, verifiers, advance, settings=settings, force=force, engine=running
        )
    click.echo(f"{_summary(counts)}; verdicts in {destination}")

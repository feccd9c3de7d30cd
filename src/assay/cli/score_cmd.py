"""`assay score` (stored candidates) and `assay score file` (any JSONL of model outputs)."""

from __future__ import annotations

from pathlib import Path

import click

from assay.cli.common import progress, workspace_option
from assay.cli.verify_cmd import sandbox_option
from assay.domains.code.sandbox import SandboxConfig
from assay.scoring.base import Scorer, Spent, needs_verdicts
from assay.scoring.run import ScoreCounts, score_jsonl, score_store
from assay.scoring.stage import ScoreContext, scorer_for
from assay.verification import Verifiers, count_lines
from assay.workers import WorkerPool
from assay.workspace import Workspace

SPEC_HELP = (
    "What to score with: verifier, orm, prm, judge:URL#MODEL (an LLM judge on an OpenAI-compatible "
    "server, e.g. judge:http://127.0.0.1:8000/v1#MODEL; add ,mode=pairwise or other KEY=VALUE options: "
    "README, 'An LLM judge'), or composite:PARTS, e.g. composite:gate=verifier,rank=prm (gate=NAME: "
    "must be 1.0 under NAME; rank=NAME or NAME=WEIGHT: weighted mean)."
)


def _summary(counts: ScoreCounts, scorer: str) -> str:
    mean = f", mean {counts.mean:.3f}" if counts.mean is not None else ""
    kept = f", {counts.kept} already scored (kept)" if counts.kept else ""
    failed = f", {counts.failed} not scored" if counts.failed else ""
    if failed and counts.reasons:
        failed += f" ({'; '.join(counts.reasons)})"
    return f"{counts.total} candidates: {counts.scored} scored by {scorer}{mean}{kept}{failed}"


def _usage(scorer: Scorer, before: Spent | None) -> None:
    """The scorer's usage line (only a scorer that sends requests, a judge, has one), in the words the
    generator's usage line of `assay run` uses."""
    after = Spent.of(scorer)
    if after is not None:
        click.echo(f"scorer usage: {(after - before if before is not None else after).words()}")


@click.group("score", invoke_without_command=True)
@workspace_option
@click.option("--scorer", "spec", default=None, help=SPEC_HELP)
@click.option("--redo", is_flag=True, help="Score again candidates this scorer version already scored.")
@click.pass_context
def score_group(ctx: click.Context, workspace: str, spec: str | None, redo: bool) -> None:
    """Score the workspace's stored candidates and store the scores (resumes where it stopped).

    Scores rank candidates; they never mark one verified. A retrained reward model is a new scorer
    version, so its scores are made anew rather than reused.

    \b
    Example:
      assay score -w my-run --scorer verifier
      assay score -w my-run --scorer composite:gate=verifier,rank=prm
      assay score -w my-run --scorer judge:http://127.0.0.1:8000/v1#MODEL
    """
    if ctx.invoked_subcommand is not None:
        return
    if not spec:
        raise click.UsageError("--scorer is required, e.g. --scorer verifier")
    space = Workspace.open(workspace)
    scorer = scorer_for(ScoreContext(spec, str(space.artifacts / "models")))
    store = space.store()
    before = Spent.of(scorer)
    try:
        with progress("scoring", store.count("candidates")) as advance:
            counts = score_store(store, scorer, advance, redo)
    finally:
        store.close()
    click.echo(_summary(counts, scorer.id))
    _usage(scorer, before)


@score_group.command("file")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--scorer", "spec", required=True, help=SPEC_HELP)
@click.option(
    "--out",
    "destination",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write one score line per input line.",
)
@click.option(
    "--models",
    "models_from",
    default=None,
    type=click.Path(file_okay=False),
    help="Workspace whose trained reward models (artifacts/models) orm and prm use.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.01, 600),
    default=2.0,
    show_default=True,
    help="Verifier limit per line.",
)
@click.option("--workers", type=click.IntRange(1), default=None, help="Verifier worker processes.")
@sandbox_option
@click.option(
    "--force", is_flag=True, help="Write --out even if it is the input, or in a workspace's artifacts/."
)
def file_command(
    source: Path,
    spec: str,
    destination: Path,
    models_from: str | None,
    timeout: float,
    workers: int | None,
    sandbox: str | None,
    force: bool,
) -> None:
    """Score a JSONL file of model outputs (the same lines as `assay verify file`).

    Each output line: {"id", "score", "step_scores", "scorer"}; a line that cannot be scored gets
    "score": null and an "error" naming the line. Any domain can be scored, with or without a verifier;
    scorers that read verdicts (verifier, a composite gated on it) verify each line first.

    --out appears only when complete. An interrupted run is resumed by running the same command again
    on the same, unchanged input.

    \b
    Example:
      assay score file outputs.jsonl --scorer verifier --out scores.jsonl
      assay score file outputs.jsonl --scorer prm --models my-run --out scores.jsonl
      assay score file outputs.jsonl --scorer judge:http://127.0.0.1:8000/v1#MODEL --out scores.jsonl
    """
    models = str(Workspace.open(models_from).artifacts / "models") if models_from else None
    scorer = scorer_for(ScoreContext(spec, models))
    before = Spent.of(scorer)
    if not needs_verdicts(scorer):
        with progress("scoring", count_lines(source)) as advance:
            counts = score_jsonl(source, destination, scorer, None, advance, force=force)
    else:
        config = SandboxConfig(isolation=sandbox or "bubblewrap", workers=workers)
        with (
            WorkerPool(size=workers, timeout=timeout) as pool,
            Verifiers(pool=pool, sandbox=config) as verifiers,
            progress("scoring", count_lines(source)) as advance,
        ):
            settings = f"timeout={timeout};sandbox={config.isolation}"  # (they change verdicts)
            counts = score_jsonl(
                source, destination, scorer, verifiers, advance, settings=settings, force=force
            )
    click.echo(f"{_summary(counts, scorer.id)}; scores in {destination}")
    _usage(scorer, before)

"""`assay experiment rewards`: does the reward model help? (registered in the `experiment` group)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from assay.workspace import Workspace


@click.command("rewards")
@click.option("--quick", is_flag=True, help="One seed, 24 problems x 16 samples, short training.")
@click.option("--seeds", default=None, help="Comma-separated seeds (default 1,2,3; --quick: 1).")
@click.option(
    "-w",
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Rank the samples of this workspace's model v1 (artifacts/models/v1.pt); default: train a "
    "generator here.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("rewards-report"),
    show_default=True,
    help="Pools, models and the report (a re-run resumes from what is there).",
)
@click.option("--workers", type=click.IntRange(1), default=2, show_default=True, help="Verifier processes.")
def rewards_command(quick: bool, seeds: str | None, workspace: Path | None, out: Path, workers: int) -> None:
    """Best-of-N under random, majority, ORM, PRM, composite and the exact verifier; first-error F1; AUROC.

    Held-out problems get fixed pools of samples at T = 1 from one tiny model (made once, so every
    selector sees the same candidates); the reward models are trained per seed on samples of other
    problems. Writes results.json, table.md and best_of_n.png into OUT.

    \b
    Example:
      assay experiment rewards --out rewards-report        # 3 seeds, N up to 64
      assay experiment rewards --quick
      assay experiment rewards -w quickstart-workspace --out rewards-v1
    """
    from assay.loop.rewards import FULL, QUICK
    from assay.loop.rewards_report import findings
    from assay.loop.rewards_run import run_rewards

    config = QUICK if quick else FULL
    if seeds is not None:
        try:
            chosen = tuple(int(s) for s in seeds.split(",") if s.strip())
        except ValueError:
            raise click.BadParameter(f"{seeds!r} is not a comma-separated list of integers") from None
        if not chosen:
            raise click.BadParameter("at least one seed", param_hint="--seeds")
        config = replace(config, seeds=chosen)
    model: Path | None = None
    if workspace is not None:
        model = Workspace.open(workspace).artifacts / "models" / "v1.pt"
        if not model.is_file():
            raise click.ClickException(f"{workspace} has no model v1 ({model}); run the pipeline first")
    results = run_rewards(config, out, model, report=click.echo, workers=workers)
    for line in findings(results):
        click.echo(line)
    click.echo(f"table: {out / 'table.md'}; plot: {out / 'best_of_n.png'}; numbers: {out / 'results.json'}")

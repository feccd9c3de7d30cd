"""`assay rm train` and `assay rm eval`: reward models from the workspace's verifier labels."""

from __future__ import annotations

import json
from typing import cast

import click

from assay.cli.common import progress, workspace_option
from assay.scoring.learned import KINDS, Kind, model_path
from assay.workspace import Workspace

kind_option = click.option(
    "--kind", type=click.Choice(KINDS), required=True, help="orm: one value per answer; prm: one per step."
)


@click.group("rm")
def rm_group() -> None:
    """Reward models trained on what the verifiers concluded (orm, prm).

    \b
    Example:
      assay rm train --kind prm -w my-run
      assay rm eval --kind prm -w my-run
      assay score -w my-run --scorer prm
    """


@rm_group.command("train")
@kind_option
@workspace_option
@click.option("--steps", type=click.IntRange(1), default=300, show_default=True, help="Optimizer steps.")
@click.option("--batch-size", type=click.IntRange(1), default=32, show_default=True)
@click.option("--lr", type=click.FloatRange(1e-6, 1.0), default=2e-3, show_default=True, help="AdamW rate.")
@click.option("--seed", type=int, default=0, show_default=True, help="Decides the split and the init.")
@click.option(
    "--holdout",
    type=click.FloatRange(0.01, 0.99),
    default=0.2,
    show_default=True,
    help="Share of problems held out.",
)
@click.option("--threads", type=click.IntRange(1), default=1, show_default=True, help="Torch threads.")
@click.option(
    "--body-lr",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="With --init: the body's learning rate as a share of --lr (0 keeps the generator's body and "
    "trains the head only: fast; 0.1 fine-tunes it too: slower, a little better).",
)
@click.option(
    "--init",
    default="auto",
    show_default=True,
    help="Start from this tiny-model checkpoint; auto: the workspace's model v1 if any; none: scratch.",
)
@click.option(
    "--from-reviews",
    is_flag=True,
    help="Train on people's review labels (assay review) instead of the verdicts: accept/reject as the "
    "outcome, step ratings and the first wrong step as step labels (assay.review.labels).",
)
def train_command(
    kind: str,
    workspace: str,
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    holdout: float,
    threads: int,
    body_lr: float,
    init: str,
    from_reviews: bool,
) -> None:
    """Train an ORM or PRM on the stored candidates and verdicts (writes artifacts/models/KIND.pt).

    Retraining replaces the model; its content hash is part of the scorer version, so scores made by
    the old model are never taken for the new one's.

    \b
    Example:
      assay rm train --kind orm -w my-run --steps 300
      assay rm train --kind prm -w my-run --from-reviews   # labels from the review app's decisions
    """
    from assay.scoring.train import Recipe, store_items, train  # (torch: only when it is needed)

    space = Workspace.open(workspace)
    if init == "auto":
        found = space.artifacts / "models" / "v1.pt"
        init = str(found) if found.is_file() else ""
    elif init == "none":
        init = ""
    recipe = Recipe(
        kind=cast(Kind, kind),
        steps=steps,
        batch_size=batch_size,
        lr=lr,
        seed=seed,
        holdout=holdout,
        threads=threads,
        body_lr=body_lr,
        init=init,
    )
    store = space.store()
    try:
        if from_reviews:
            from assay.review.labels import review_labels

            labels = review_labels(store)
            items = labels.items
            left = "; ".join(f"{why}: {n}" for why, n in sorted(labels.skipped.items())) or "none"
            click.echo(f"{len(items)} labelled items from reviews (left out: {left})", err=True)
            if not items:
                raise click.ClickException("no settled review decisions to train on (assay review serve)")
        else:
            with progress("reading", store.count("candidates")) as advance:
                items = store_items(store, advance)
    finally:
        store.close()
    path = model_path(space.artifacts / "models", recipe.kind)
    with progress(f"training {kind}", steps) as advance:
        summary = train(items, recipe, path, lambda _step, _loss: advance(1))
    click.echo(json.dumps(summary, indent=2))


@rm_group.command("eval")
@kind_option
@workspace_option
def eval_command(kind: str, workspace: str) -> None:
    """Evaluate a trained reward model on the problems its training held out.

    Prints AUC and accuracy; for a PRM also step accuracy and first-error-step accuracy.

    \b
    Example:
      assay rm eval --kind prm -w my-run
    """
    from assay.scoring.train import evaluate, store_items

    space = Workspace.open(workspace)
    store = space.store()
    try:
        with progress("reading", store.count("candidates")) as advance:
            items = store_items(store, advance)
    finally:
        store.close()
    chosen = cast(Kind, kind)  # (click.Choice(KINDS) allows nothing else)
    report = evaluate(items, chosen, model_path(space.artifacts / "models", chosen))
    click.echo(json.dumps(report, indent=2))

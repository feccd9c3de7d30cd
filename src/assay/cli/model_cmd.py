"""`assay model train` and `assay model eval`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import click

from assay.cli.common import progress
from assay.errors import InputError
from assay.jsonl import read_rows


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    """SFT pairs from JSONL: {"messages": [user, assistant]} (assay's export) or {"prompt", "response"}."""
    pairs = []
    for number, row in read_rows(path):
        if isinstance(row, str):
            raise InputError(f"{path} line {number}: {row}")
        if isinstance(row.get("messages"), list):
            roles = {m.get("role"): m.get("content") for m in row["messages"] if isinstance(m, dict)}
            prompt, response = roles.get("user"), roles.get("assistant")
        else:
            prompt, response = row.get("prompt"), row.get("response")
        if not isinstance(prompt, str) or not isinstance(response, str):
            raise InputError(f"{path} line {number}: needs messages (user + assistant) or prompt + response")
        pairs.append((prompt, response))
    if not pairs:
        raise InputError(f"{path} has no training examples")
    return pairs


def _workspace_pairs(workspace: str, status: str) -> list[tuple[str, str]]:
    from assay.export_rows import iter_rows
    from assay.records import Status
    from assay.workspace import Workspace

    store = Workspace.open(workspace).store()
    try:
        rows = iter_rows(store, status=Status.VERIFIED if status == "verified" else None)
        pairs = [(row["messages"][0]["content"], row["messages"][1]["content"]) for row in rows]
    finally:
        store.close()
    if not pairs:
        raise InputError(f"workspace {workspace} has no {status} candidates to train on")
    return pairs


@click.group("model")
def model_group() -> None:
    """Train and evaluate assay's tiny transformer.

    \b
    Example:
      assay model eval --model models/v2.pt --task linear --n 300
    """


@model_group.command("train")
@click.option(
    "--data",
    "data_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SFT JSONL: assay export rows ({messages}) or {prompt, response}.",
)
@click.option(
    "--workspace",
    "-w",
    "workspace",
    default=None,
    type=click.Path(file_okay=False),
    help="Or train on a workspace's candidates with this verdict status (see --status).",
)
@click.option(
    "--status",
    type=click.Choice(["verified", "any"]),
    default="verified",
    show_default=True,
    help="With --workspace: which candidates to train on.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Checkpoint to write (resumed from if it exists).",
)
@click.option(
    "--template", default="tiny-v1", show_default=True, help="Prompt template applied to each prompt."
)
@click.option("--steps", default=2000, show_default=True, type=click.IntRange(1))
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1))
@click.option("--lr", default=3e-3, show_default=True, type=float, help="Peak learning rate.")
@click.option("--min-lr", default=None, type=float, help="Where the cosine decay ends  [default: lr / 10]")
@click.option(
    "--warmup",
    default=None,
    type=click.IntRange(0),
    help="Steps of linear warmup  [default: 100, at most --steps]",
)
@click.option("--layers", default=3, show_default=True, type=click.IntRange(1))
@click.option("--heads", default=4, show_default=True, type=click.IntRange(1))
@click.option("--width", default=64, show_default=True, type=click.IntRange(8), help="Embedding size.")
@click.option("--block-size", default=128, show_default=True, type=click.IntRange(8))
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=0, show_default=True, type=int)
def train_command(
    data_path: Path | None,
    workspace: str | None,
    status: str,
    out_path: Path,
    template: str,
    steps: int,
    batch_size: int,
    lr: float,
    min_lr: float | None,
    warmup: int | None,
    layers: int,
    heads: int,
    width: int,
    block_size: int,
    threads: int,
    seed: int,
) -> None:
    """Train a tiny model on SFT data (prompt → trace).

    \b
    Example:
      assay export jsonl -w my-run --out verified.jsonl
      assay model train --data verified.jsonl --out models/v2.pt --steps 2000
      assay model train -w my-run --status verified --out models/v2.pt
    """
    import torch

    from assay.backends.templates import load_template
    from assay.config_checks import check_rules
    from assay.training.measure import held_out_nll
    from assay.training.recipe import Recipe, build_table, recipe_rules
    from assay.training.run import prepare

    torch.set_num_threads(threads)
    rendered = load_template(template)
    if (data_path is None) == (workspace is None):
        raise click.UsageError("give exactly one of --data FILE or --workspace DIR")
    # the options are the recipe's tables, checked by the same ranges and rules as `assay run`'s [train]
    options = {
        "model": {"n_layer": layers, "n_head": heads, "n_embd": width, "block_size": block_size},
        "optim": {
            "steps": steps,
            "batch_size": batch_size,
            "lr": lr,
            "min_lr": lr / 10 if min_lr is None else min_lr,
            "warmup": min(100, steps) if warmup is None else warmup,
        },
    }
    recipe = build_table(Recipe, options, "model train options")
    check_rules(recipe, recipe_rules(""), "model train options")
    source = _read_pairs(data_path) if data_path is not None else _workspace_pairs(workspace or ".", status)
    pairs = [(rendered.render(p), r) for p, r in source]
    random.Random(seed).shuffle(pairs)
    held, train_pairs = pairs[: max(1, len(pairs) // 20)], pairs[max(1, len(pairs) // 20) :] or pairs
    trainer = prepare(train_pairs, recipe, seed, checkpoint=out_path, checkpoint_every=max(1, steps // 8))
    if trainer.step:
        click.echo(f"resuming {out_path} at step {trainer.step}", err=True)
    with progress("training", steps) as advance:
        advance(trainer.step)
        trainer.callbacks.append(lambda event: advance(1))
        trainer.fit()
    held_nll = held_out_nll(trainer.model, trainer.tokenizer, held)
    click.echo(
        f"trained {trainer.model.num_parameters():,} parameters for {steps} steps on {len(train_pairs)} "
        f"examples; held-out NLL {held_nll:.4f} per token; checkpoint {out_path}"
    )


@model_group.command("eval")
@click.option(
    "--model", "model_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--task", "task_name", default="linear", show_default=True)
@click.option("--config", "config_json", default=None, help="Task config as JSON.")
@click.option("--n", "count", default=300, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=10_001, show_default=True, type=int, help="Seed of the held-out problems.")
@click.option("--template", default="tiny-v1", show_default=True)
@click.option("--max-tokens", default=96, show_default=True, type=click.IntRange(1))
def eval_command(
    model_path: Path,
    task_name: str,
    config_json: str | None,
    count: int,
    seed: int,
    template: str,
    max_tokens: int,
) -> None:
    """Exact-answer accuracy (greedy, through the verifiers) and NLL of reference traces on held-out problems.

    \b
    Example:
      assay model eval --model quickstart-workspace/artifacts/models/v1.pt --task linear --n 300
    """
    import torch

    from assay.backends.templates import load_template
    from assay.backends.tiny import TinyGenerator
    from assay.registry import Registry
    from assay.seed_data import human_style
    from assay.training.measure import exact_answer_accuracy, held_out_nll
    from assay.workers import WorkerPool

    torch.set_num_threads(2)
    config = json.loads(config_json) if config_json else None
    task = Registry.from_entry_points().task(task_name, config)
    problems = [task.generate(seed, i) for i in range(count)]
    rendered = load_template(template)
    generator = TinyGenerator(model_path, threads=2)
    with WorkerPool() as pool:
        result = exact_answer_accuracy(generator, problems, rendered, pool, max_tokens)
    if result.failed:  # (the tiny model does not fail; say so rather than count a failure as wrong)
        raise click.ClickException(f"{result.failed} of {count} samples failed: {result.failures}")
    rng = random.Random(0)
    references = [
        (rendered.render(p.prompt), human_style(p.reference["trace"], rng, 0.0).text) for p in problems
    ]
    nll = held_out_nll(generator.model, generator.tokenizer, references)
    click.echo(
        f"{task_name}: exact-answer accuracy {result.accuracy:.1%} on {count} problems (seed {seed}); "
        f"NLL of reference traces {nll:.4f} per token"
    )

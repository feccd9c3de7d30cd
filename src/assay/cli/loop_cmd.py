"""`assay loop` (one policy's generations) and `assay experiment collapse` (the arms side by side)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import click

from assay.cli.rewards_cmd import rewards_command
from assay.errors import ConfigError
from assay.loop.config import LoopConfig
from assay.loop.experiment import DEFAULT_ARMS, ENGINES, experiment_engine, findings, run_experiment
from assay.loop.policies import POLICIES
from assay.loop.to_workspace import store_run
from assay.training.recipe import ModelShape, Optim
from assay.workspace import Workspace

# The experiment's default: linear equations (two forms) with full compact traces, a 108k-parameter
# model trained 1,000 steps on 2,000 human-style traces, then 4 generations of 300 fresh problems × 4
# samples at T = 1, each generation fine-tuned from the current model for 250 steps.
COLLAPSE_DEFAULT = LoopConfig(
    task_config={"forms": "ax+b=c,a(x+b)=c"},
    model=ModelShape(n_layer=2, n_head=4, n_embd=64, block_size=96),
    base=Optim(steps=1000, batch_size=64, lr=3e-3, min_lr=3e-3 / 10, warmup=100),
    finetune=Optim(steps=250, batch_size=64, lr=1e-3, min_lr=1e-3 / 10, warmup=25),
    problems=300,
    samples=4,
    generations=4,
    start="current",
    eval_problems=200,
)


def _config(path: Path | None) -> LoopConfig:
    if path is None:
        return COLLAPSE_DEFAULT
    try:
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    where = f"{path}: [loop]" if isinstance(data, dict) and "loop" in data else str(path)
    data = data.get("loop", data) if isinstance(data, dict) else data
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a table of loop settings ([loop] in TOML, an object in JSON) is needed")
    return LoopConfig.from_json(data, COLLAPSE_DEFAULT, where)


def _workspace_option(function: Any) -> Any:
    return click.option(
        "-w",
        "--workspace",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Also store every problem, sample and verdict, with its lineage, in this workspace.",
    )(function)


def _engine_options(function: Any) -> Any:
    function = click.option(
        "--ray-address",
        default=None,
        metavar="ADDRESS",
        help="With --engine ray: join this Ray cluster (default: start a local one). The --out folder must "
        "then be on a filesystem every node sees.",
    )(function)
    return click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="local",
        show_default=True,
        help="Where the jobs run: local processes side by side (one per core), or Ray tasks.",
    )(function)


def _open(workspace: Path | None) -> Workspace | None:
    """The workspace, opened before the run so a wrong path fails at once, not after it."""
    return Workspace.open(workspace) if workspace is not None else None


def _store(space: Workspace | None, out: Path) -> None:
    if space is not None:
        counts = store_run(space, out)
        click.echo(
            f"stored in {space.root}: {counts['samples']} samples with {counts['verdicts']} verdicts; "
            f"lineage in {space.artifacts / 'loop' / out.resolve().name}"
        )


@click.command("loop")
@click.option(
    "--policy", type=click.Choice(sorted(POLICIES)), default="verified-accumulate", show_default=True
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="TOML ([loop], [loop.model], [loop.base], [loop.finetune]) or JSON with LoopConfig keys, on top of "
    "the collapse experiment's defaults.",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("loop-run"), show_default=True
)
@_engine_options
@_workspace_option
def loop_command(
    policy: str,
    seed: int,
    config_path: Path | None,
    out: Path,
    engine: str,
    ray_address: str | None,
    workspace: Path | None,
) -> None:
    """Run the generational loop for one policy: v(n) samples → policy → v(n+1) → evaluation.

    Writes each generation's metrics and model lineage to OUT/<policy>-seed<S>.json and every sample
    with its verdicts to OUT/samples/; with -w, also into the workspace (exportable by generation).

    \b
    Example:
      assay loop --policy verified-accumulate --seed 1 --out my-loop -w my-run
    """
    space = _open(workspace)
    config = _config(config_path)
    with experiment_engine(engine, address=ray_address) as running:
        results = run_experiment(config, out, [seed], [policy], report=click.echo, engine=running)
    for g in results["runs"][policy][0]["generations"]:
        click.echo(
            f"generation {g['generation']}: accuracy {g['accuracy']:.1%}, NLL {g['nll']:.3f}, "
            f"yield {g['yield']:.1%}, distinct-3 {g['distinct_3']:.4f}  (model {g['model']['id']}, "
            f"parent {g['model']['parent']})"
        )
    _store(space, out)


@click.group("experiment")
def experiment_group() -> None:
    """Experiments that measure the loop.

    \b
    Example:
      assay experiment collapse --quick --out collapse-report
    """


@experiment_group.command("collapse")
@click.option("--quick", is_flag=True, help="One seed instead of three.")
@click.option("--seeds", default="1,2,3", show_default=True, help="Comma-separated seeds.")
@click.option(
    "--arms",
    default=",".join(DEFAULT_ARMS),
    show_default=True,
    help=f"Comma-separated; known: {', '.join(POLICIES)}",
)
@click.option(
    "--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("collapse-report"),
    show_default=True,
)
@click.option(
    "--parallel",
    type=click.IntRange(1),
    default=None,
    help="Jobs at once (default: the CPU count; with Ray, the workers it gives).",
)
@_engine_options
@_workspace_option
def collapse_command(
    quick: bool,
    seeds: str,
    arms: str,
    config_path: Path | None,
    out: Path,
    parallel: int | None,
    engine: str,
    ray_address: str | None,
    workspace: Path | None,
) -> None:
    """Naive vs verified self-training, side by side: an HTML report with plots, and every number.

    \b
    Example:
      assay experiment collapse --out collapse-report      # 3 seeds, about 13 minutes on 2 cores
      assay experiment collapse --quick
      assay experiment collapse --engine ray --ray-address ray://head:10001 --out /shared/collapse
    """
    space = _open(workspace)
    try:
        seed_list = [int(s) for s in seeds.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(
            f"{seeds!r} is not a comma-separated list of integers", param_hint="--seeds"
        ) from None
    if not seed_list:
        raise click.BadParameter("at least one seed", param_hint="--seeds")
    if quick:
        seed_list = seed_list[:1]
    config = _config(config_path)
    with experiment_engine(engine, address=ray_address, parallel=parallel) as running:
        results = run_experiment(
            config,
            out,
            seed_list,
            [a.strip() for a in arms.split(",") if a.strip()],
            report=click.echo,
            engine=running,
        )
    for line in findings(results):
        click.echo(line)
    click.echo(f"report: {out / 'report.html'}; numbers: {out / 'results.json'}")
    _store(space, out)


experiment_group.add_command(rewards_command)

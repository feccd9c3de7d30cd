"""`assay generate problems`."""

from __future__ import annotations

import json

import click

from assay.cli.common import engine_options, progress, start_engine, workspace_option
from assay.errors import ConfigError
from assay.generate import TaskSpec, generate_problems
from assay.workspace import Workspace


@click.group("generate")
def generate_group() -> None:
    """Make problems (and, later, model candidates).

    \b
    Example:
      assay generate problems -w my-run --task linear --n 1000 --seed 1
    """


@generate_group.command("problems")
@click.option("--task", "task_name", required=True, help="Task name (see: assay tasks list).")
@click.option(
    "--n", "count", type=click.IntRange(1), default=100, show_default=True, help="How many problems."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed; same seed, same problems.")
@click.option("--config", "config_json", default=None, help="Task config as JSON, e.g. '{\"max_coef\": 5}'.")
@click.option(
    "--references/--no-references",
    default=True,
    show_default=True,
    help="Also store each problem's reference solution as a generation-0 candidate.",
)
@workspace_option
@engine_options("With --engine ray: how many Ray workers (default: the cluster's CPUs).")
def problems_command(
    task_name: str,
    count: int,
    seed: int,
    config_json: str | None,
    references: bool,
    workspace: str,
    engine: str | None,
    ray_address: str | None,
    workers: int | None,
) -> None:
    """Generate problems from a procedural task into the workspace (idempotent).

    \b
    Example:
      assay generate problems -w my-run --task linear --n 1000 --seed 1
      assay generate problems -w my-run --task quadratic --n 200 --config '{"factorable": "no"}'
      assay generate problems -w my-run --task linear --n 100000 --engine ray --workers 2
    """
    try:
        config = json.loads(config_json) if config_json else None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--config is not valid JSON: {exc}") from exc
    if config is not None and not isinstance(config, dict):
        raise ConfigError("--config must be a JSON object")
    spec = TaskSpec.of(task_name, config)
    spec.build()  # an unknown task or a wrong config stops here, before the workspace is opened
    store = Workspace.open(workspace).store()
    try:
        before = store.count("problems")
        with (
            start_engine(engine, ray_address, workers) as running,
            progress(f"generating {task_name}", count) as advance,
        ):
            problems, candidates = generate_problems(
                store, spec, count, seed, references, advance, engine=running
            )
        new = store.count("problems") - before
    finally:
        store.close()
    click.echo(
        f"{problems} problems generated (task {task_name}, seed {seed}); {new} new in the store, "
        f"{problems - new} already there or repeated; {candidates} reference solutions."
    )

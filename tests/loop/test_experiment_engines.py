"""The experiment's jobs through the engines: the same numbers under the processes engine and Ray, a
failed job named in the error, and the engine options of the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assay.errors import AssayError, InputError
from assay.loop.config import LoopConfig
from assay.loop.experiment import experiment_engine, run_experiment
from assay.training.recipe import ModelShape, Optim
from tests.conftest import require_module
from tests.test_cli import assay

# smaller than the experiment test's toy: one generation is enough to compare engines
MINI = LoopConfig(
    task_config={"forms": "ax+b=c"},
    seed_examples=60,
    base=Optim(steps=8, lr=3e-3, min_lr=3e-4, warmup=1),
    generations=1,
    problems=6,
    samples=2,
    finetune=Optim(steps=2, lr=1e-3, min_lr=1e-4, warmup=0),
    eval_problems=5,
    model=ModelShape(n_layer=1, n_head=4, n_embd=32, block_size=96),
    start="current",
)
ARMS = ["naive-replace", "verified-accumulate"]


def _numbers(results: dict[str, Any]) -> dict[str, Any]:
    """results.json without what may differ between two runs of the same config: wall-clock seconds and
    the folder the checkpoints were written to."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("seconds", "path")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(results)  # type: ignore[no-any-return]


def test_the_experiment_gives_the_same_numbers_under_processes_and_ray(tmp_path: Path) -> None:
    require_module("ray")
    local = run_experiment(MINI, tmp_path / "local", [1], ARMS, parallel=2, report=lambda _: None)
    with experiment_engine("ray", parallel=2) as engine:
        on_ray = run_experiment(MINI, tmp_path / "ray", [1], ARMS, report=lambda _: None, engine=engine)
    assert _numbers(on_ray) == _numbers(local)
    assert _numbers(json.loads((tmp_path / "ray" / "results.json").read_text())) == _numbers(local)
    for name in ("human-seed1", "verified-accumulate-seed1-gen1", "naive-replace-seed1-gen1"):
        assert (tmp_path / "ray" / "samples" / f"{name}.jsonl.gz").exists(), name


def test_a_failed_job_is_named_and_the_finished_ones_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "run"
    run_experiment(MINI, out, [1], ["naive-replace"], parallel=1, report=lambda _: None)
    (out / "base-seed1.pt").unlink()  # the checkpoint every arm of seed 1 starts from is gone
    with pytest.raises(AssayError, match="experiment job verified-accumulate-seed1 failed"):
        run_experiment(
            MINI, out, [1], ["naive-replace", "verified-accumulate"], parallel=1, report=lambda _: None
        )
    assert (out / "naive-replace-seed1.json").exists()  # what finished before stays finished
    assert not (out / "verified-accumulate-seed1.json").exists()
    (out / "base-seed1.json").write_text('{"seed": 1}')  # a result file that is not one is named too
    with pytest.raises(InputError, match=r"base-seed1\.json: not a base model's result"):
        run_experiment(MINI, out, [1], ["verified-accumulate"], parallel=1, report=lambda _: None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["experiment", "collapse", "--engine", "spark"], "'spark' is not one of 'local', 'ray'"),
        (["loop", "--engine", "dask"], "'dask' is not one of 'local', 'ray'"),
        (["experiment", "collapse", "--parallel", "0"], "0 is not in the range x>=1"),
    ],
)
def test_engine_options_are_checked_before_anything_runs(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = assay(*args, "--out", str(tmp_path / "run"))
    assert result.returncode == 2 and message in " ".join(result.stderr.split()), result.stderr
    assert not (tmp_path / "run").exists()


def test_an_unknown_engine_name_is_a_config_error() -> None:
    from assay.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        experiment_engine("spark")

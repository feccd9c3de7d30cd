"""The loop and the collapse experiment end to end, at toy size: processes, lineage, report, numbers."""

from __future__ import annotations

import json
from pathlib import Path

from assay.loop.arm import LoopConfig
from assay.loop.experiment import run_experiment

TOY = LoopConfig(
    task_config={"forms": "ax+b=c"},
    seed_examples=120,
    base_steps=20,
    generations=2,
    problems=12,
    samples=2,
    finetune_steps=4,
    eval_problems=10,
    n_layer=1,
    n_embd=32,
    block_size=96,
    start="current",
)


def test_collapse_experiment_at_toy_size(tmp_path: Path) -> None:
    out = tmp_path / "report"
    results = run_experiment(
        TOY, out, seeds=[1], arms=["naive-replace", "verified-accumulate"], parallel=2, report=lambda _: None
    )
    for name in (
        "report.html",
        "results.json",
        "accuracy.png",
        "nll.png",
        "yield.png",
        "diversity.png",
        "config.json",
    ):
        assert (out / name).exists(), name
    saved = json.loads((out / "results.json").read_text())
    assert saved["config"] == json.loads((out / "config.json").read_text())
    run = results["runs"]["verified-accumulate"][0]
    generations = run["generations"]
    assert [g["generation"] for g in generations] == [0, 1, 2]
    assert generations[1]["model"]["parent"] == "seed1/v0"
    assert generations[2]["model"]["parent"] == "seed1/verified-accumulate/v1"
    for g in generations:
        for key in (
            "accuracy",
            "nll",
            "yield",
            "distinct_3",
            "compression",
            "distinct_answers",
            "answer_entropy",
        ):
            assert isinstance(g[key], float), key
    assert generations[1]["gates"] is not None and run["policy"]["keep"] == "verified"
    assert results["runs"]["naive-replace"][0]["generations"][1]["gates"] is None
    samples = (out / "samples" / "verified-accumulate-seed1-gen2.jsonl").read_text().splitlines()
    first = json.loads(samples[0])
    assert (
        len(samples) == 24 and first["model"] == "seed1/verified-accumulate/v1" and first["generation"] == 2
    )
    assert "naive-replace" in (out / "report.html").read_text()
    # a second run reuses every finished job
    again = run_experiment(
        TOY, out, seeds=[1], arms=["naive-replace", "verified-accumulate"], report=lambda _: None
    )
    assert again["summary"] == results["summary"]

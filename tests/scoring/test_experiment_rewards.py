"""`assay experiment rewards`: the measures on hand-made pools, then one small run end to end.

The end-to-end run gets its pools made here (human-style traces, a share with slips, judged by the real
verifiers) and a generator with random weights, so no generator is trained and nothing waits on
sampling; it asserts the results' structure and invariants (the verifier's ceiling is at least every
selector, its curve never falls), never how good the tiny reward models are.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from assay.errors import AssayError
from assay.loop.rewards import Pooled, RewardsConfig, plant, write_pooled
from assay.loop.rewards_eval import SELECTORS, best_of_n, localisation, majority_accuracy, sizes
from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict
from assay.scoring.base import ScoreItem

PROBLEM = Problem("math", "linear", "Solve for x: 2x + 1 = 5", {"answer": "2"}, "test")
V, R = StepStatus.VERIFIED, StepStatus.REFUTED


def _entry(
    correct: bool, verified: bool, value: str | None, steps: tuple[StepStatus, ...] = (), n: int = 0
) -> Pooled:
    candidate = Candidate(PROBLEM.id, f"trace {n} {value}", value, sample_index=n)
    results = tuple(StepResult(i, s) for i, s in enumerate(steps, 1))
    status = Status.VERIFIED if verified else Status.REFUTED
    answer = Status.VERIFIED if correct else Status.REFUTED
    verdicts = (
        Verdict(candidate.id, "math-steps@27", status, steps=results),
        Verdict(candidate.id, "math-answer@27", answer),
    )
    return Pooled(ScoreItem(PROBLEM, candidate, verdicts), value)


# --- best-of-N -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pool_size", "expected"),
    [(64, [1, 2, 4, 8, 16, 32, 64]), (24, [1, 2, 4, 8, 16, 24]), (1, [1]), (2, [1, 2])],
)
def test_sizes(pool_size: int, expected: list[int]) -> None:
    assert sizes(pool_size) == expected


def _random_pool(rng: random.Random, size: int) -> list[Pooled]:
    out = []
    for n in range(size):
        correct = rng.random() < 0.3
        verified = correct and rng.random() < 0.8  # a right answer after a wrong step is not verified
        value = "2" if correct else rng.choice(["3", "4", "-1", None])
        out.append(_entry(correct, verified, value, n=n))
    return out


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_verifier_is_the_ceiling_and_never_falls(seed: int) -> None:
    rng = random.Random(seed)
    pools = _random_pool(rng, 16)
    orm = [rng.random() for _ in pools]
    prm = [rng.random() for _ in pools]
    found = best_of_n(pools, orm, prm, 16, draws=6, seed=seed)
    assert set(found) == set(SELECTORS)
    ceiling = found["verifier"]
    for name in SELECTORS:
        for n in sizes(16):
            assert found[name][n] <= ceiling[n] + 1e-9, (name, n)
    curve = [ceiling[n] for n in sizes(16)]
    assert curve == sorted(curve)  # nested subsets: a larger N only adds candidates
    mean = sum(e.correct for e in pools) / len(pools)
    assert found["random"][16] == pytest.approx(mean, abs=1e-4)  # the whole pool: its share correct
    assert found["verifier"][1] == pytest.approx(found["random"][1], abs=1e-4)  # one candidate: no choice


def test_a_perfect_reward_model_reaches_the_ceiling_and_an_inverted_one_the_floor() -> None:
    pools = [_entry(i % 4 == 0, i % 4 == 0, str(i % 4)) for i in range(16)]
    truth = [float(e.correct) for e in pools]
    found = best_of_n(pools, truth, [1 - t for t in truth], 16, draws=4, seed=0)
    assert found["orm"] == found["verifier"]
    assert found["prm"][16] == 0.0  # ranks every wrong answer first
    assert found["composite"][16] == 1.0  # verified first: the PRM's ranking no longer matters


@pytest.mark.parametrize(
    ("values", "correct", "expected"),
    [
        (["3", "3", "2"], [False, False, True], 0.0),  # the majority is wrong
        (["2", "2", "3"], [True, True, False], 1.0),
        (["2", "3"], [True, False], 0.5),  # a tie between answers: each equally likely
        ([None, None, "3"], [False, True, False], 0.0),  # an unread answer does not vote
        ([None, None], [True, False], 0.5),  # nothing read: no better than a coin
    ],
)
def test_majority_vote(values: list[str | None], correct: list[bool], expected: float) -> None:
    pools = [_entry(c, c, v, n=i) for i, (v, c) in enumerate(zip(values, correct, strict=True))]
    assert majority_accuracy(range(len(pools)), pools) == expected


# --- first-error localisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traces", "f1"),
    [
        # (verified?, step statuses, PRM step values)
        ([(True, (V, V, V), (0.9, 0.9, 0.9)), (False, (V, R, V), (0.9, 0.2, 0.3))], 1.0),
        ([(True, (V, V, V), (0.9, 0.4, 0.9)), (False, (V, R, V), (0.9, 0.2, 0.3))], 0.0),  # a false alarm
        ([(True, (V, V), (0.9, 0.9)), (False, (V, R, V), (0.2, 0.2, 0.3))], 0.0),  # too early is wrong
        ([(True, (V, V), (0.9, 0.9)), (False, (V, R, V), (0.9, 0.9, 0.9))], 0.0),  # missed
        (  # one false alarm in two correct traces, both errors found: F1 of 0.5 and 1.0
            [
                (True, (V, V), (0.9, 0.9)),
                (True, (V, V), (0.1, 0.9)),
                (False, (R, V), (0.1, 0.9)),
                (False, (V, R), (0.9, 0.1)),
            ],
            2 * 0.5 * 1.0 / 1.5,
        ),
        ([(False, (V, V, V), (0.9, 0.9, 0.1)), (True, (V,), (0.8,))], 1.0),  # wrong answer: the last step
    ],
)
def test_first_error_f1(
    traces: list[tuple[bool, tuple[StepStatus, ...], tuple[float, ...]]], f1: float
) -> None:
    entries = [_entry(ok, ok, "2", steps, n=i) for i, (ok, steps, _) in enumerate(traces)]
    found = localisation(entries, [values for _, _, values in traces])
    assert found["f1"] == pytest.approx(f1, abs=1e-4)


def test_traces_whose_steps_do_not_line_up_are_left_out() -> None:
    entries = [_entry(True, True, "2", (V, V)), _entry(False, False, "3", (V, R))]
    found = localisation(entries, [(0.9,), (0.9, 0.1)])  # the first has one value for two steps
    assert (found["correct"], found["erroneous"]) == (0, 1)


# --- planted errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "changeable"),
    [
        ("2x+1-1=5-1\n2x=4\nx=4/2=2\nVerify: 2(2)+1=5", {0, 1, 2}),
        ("x=2", None),  # one line: the last line is never the one changed
        ("so\nx = two\nx=2", None),  # no number after an equals sign but in the last line
        ("3x=9\nx=3", {0}),
    ],
)
def test_plant_changes_one_number_of_one_line(text: str, changeable: set[int] | None) -> None:
    for seed in range(12):
        planted = plant(text, random.Random(seed))
        if changeable is None:
            assert planted is None
            continue
        assert planted is not None
        new, k = planted
        assert k in changeable
        old_lines, new_lines = text.split("\n"), new.split("\n")
        assert len(old_lines) == len(new_lines)
        assert [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == [k]
        assert old_lines[k].rpartition("=")[0] == new_lines[k].rpartition("=")[0]  # the left side kept


# --- one small run end to end ------------------------------------------------------------------------------

TINY = RewardsConfig(
    seeds=(1,),
    pool_problems=6,
    pool_size=4,
    train_problems=40,
    train_samples=2,
    rm_steps=4,
    rm_batch=8,
    planted=6,
    draws=2,
)


def _made(config: RewardsConfig, out: Path) -> None:
    """The generator (random weights), the pools and the training samples, so the run only ranks."""
    import torch

    from assay.loop.judging import Judge
    from assay.loop.rewards import TEMPLATE, as_pooled, pool_problems, train_problems
    from assay.loop.sampling import Sample
    from assay.model.checkpoint import save_state
    from assay.model.gpt import GPT, GPTConfig
    from assay.model.tokenizer import CharTokenizer
    from assay.seed_data import human_style
    from assay.stages.sample import read_response
    from assay.workers import WorkerPool

    assert TEMPLATE == "tiny-v1"
    held = pool_problems(config)
    tokenizer = CharTokenizer.from_texts(["Solve for x: 0123456789+-=/()\nVerify abcdefghijklmnopqrstuvwxyz"])
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=tokenizer.vocab_size, block_size=96, n_layer=1, n_head=2, n_embd=16))
    out.mkdir(parents=True)
    save_state(
        out / "generator.pt",
        {
            "model_config": model.config.to_json(),
            "tokenizer": tokenizer.to_json(),
            "model": model.state_dict(),
        },
    )
    rng = random.Random(0)

    def samples(problems: list[Problem], n: int) -> list[Sample]:
        made = []
        for problem in problems:
            for i in range(n):
                text = human_style(problem.reference["trace"], rng, 0.5).text
                answer, steps = read_response(problem, text)
                candidate = Candidate(problem.id, text, answer, steps, generator="test", sample_index=i)
                made.append(Sample(problem, candidate, answer))
        return made

    with WorkerPool(size=1, timeout=60.0) as pool, Judge(pool) as judge:  # no job may time out
        write_pooled(
            out / "pools.jsonl.gz", [as_pooled(j) for j in judge.judge(samples(held, config.pool_size))]
        )
        train = samples(train_problems(config, 1, held), config.train_samples)
        write_pooled(out / "train-seed1.jsonl.gz", [as_pooled(j) for j in judge.judge(train)])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from assay.loop.rewards_run import run_rewards

    out = tmp_path_factory.mktemp("rewards") / "report"
    _made(TINY, out)
    return out, run_rewards(TINY, out, report=lambda _line: None, workers=1)


def test_the_run_measures_every_selector_on_the_same_pools(run: tuple[Path, dict[str, Any]]) -> None:
    out, results = run
    assert results["pool"]["samples"] == TINY.pool_problems * TINY.pool_size
    assert 0 < results["pool"]["verified"] < 1  # both kinds of sample, or the test proves nothing
    summary = results["summary"]["best_of_n"]
    for n in sizes(TINY.pool_size):
        ceiling = summary["verifier"][str(n)]["median"]
        assert all(summary[name][str(n)]["median"] <= ceiling + 1e-9 for name in SELECTORS)
    curve = [summary["verifier"][str(n)]["median"] for n in sizes(TINY.pool_size)]
    assert curve == sorted(curve)
    [seed_run] = results["runs"]
    assert set(seed_run["auroc"]) == {"orm", "prm"}
    assert {"f1", "accuracy_erroneous", "accuracy_correct"} <= set(seed_run["first_error"]["model_traces"])
    assert results["planted"]["erroneous"] >= 1  # planted traces the verifier refutes at the plant
    for name in ("results.json", "table.md", "best_of_n.png", "orm-seed1.pt", "prm-seed1.pt"):
        assert (out / name).is_file(), name
    table = (out / "table.md").read_text()
    assert all(f"| {name} |" in table for name in SELECTORS)
    assert json.loads((out / "results.json").read_text())["summary"] == results["summary"]


def test_a_rerun_reuses_the_pools_and_models(run: tuple[Path, dict[str, Any]]) -> None:
    from assay.loop.rewards_run import run_rewards

    out, results = run
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.suffix in (".pt", ".gz")}
    again = run_rewards(TINY, out, report=lambda _line: None, workers=1)
    assert again["summary"] == results["summary"]
    assert stamps == {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.suffix in (".pt", ".gz")}


def test_a_folder_of_another_config_is_refused(run: tuple[Path, dict[str, Any]]) -> None:
    from dataclasses import replace

    from assay.loop.rewards_run import run_rewards

    out, _ = run
    with pytest.raises(AssayError, match="another config"):
        run_rewards(replace(TINY, pool_size=8), out, report=lambda _line: None, workers=1)


def test_a_config_with_nothing_to_measure_is_refused() -> None:
    with pytest.raises(AssayError, match="at least 1"):
        RewardsConfig(pool_size=0)
    with pytest.raises(AssayError, match="at least one seed"):
        RewardsConfig(seeds=())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seeds", "1,x"], "not a comma-separated list of integers"),
        (["--seeds", ","], "at least one seed"),
        (["-w", "WS"], "has no model v1"),  # a workspace whose pipeline has not trained one
    ],
)
def test_the_command_refuses_what_it_cannot_run(tmp_path: Path, args: list[str], message: str) -> None:
    from click.testing import CliRunner

    from assay.cli import cli
    from assay.workspace import Workspace

    Workspace.init(tmp_path / "WS")
    args = [str(tmp_path / a) if a == "WS" else a for a in args]
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["experiment", "rewards", "--out", str(out), *args])
    assert result.exit_code != 0 and message in result.output, result.output
    assert not out.exists()  # refused before anything was made

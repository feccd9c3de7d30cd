"""assay.training: the recipe's config tables, train / kill / resume, held-out NLL, exact-answer accuracy
and the answers the loop reads, on hand-built cases whose right numbers are known."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assay.config_checks import check_rules
from assay.errors import ConfigError
from assay.records import Problem
from assay.run_identity import RunIdentity, check_workspace, read_record, record_path
from assay.training.recipe import ModelShape, Optim, Recipe, build_table, recipe_rules
from tests.conftest import require_module

torch = require_module("torch")

from assay.backends.base import Completion  # noqa: E402
from assay.model.checkpoint import load_state  # noqa: E402
from assay.training.answers import read_answers  # noqa: E402
from assay.training.measure import answer_accuracy, held_out_nll  # noqa: E402
from assay.training.run import checkpoint_changes, fitting, prepare  # noqa: E402
from assay.workers import WorkerPool  # noqa: E402

PAIRS = [(f"Solve for x: x + {i} = {i + 4}", f"x={i + 4}-{i}=4") for i in range(60)]
RECIPE = Recipe(
    ModelShape(n_layer=1, n_head=2, n_embd=16, block_size=48),
    Optim(steps=12, batch_size=8, lr=3e-3, min_lr=3e-4, warmup=3),
)


# --- train, kill, resume ------------------------------------------------------------------------------

# A child trains with checkpoints every 4 steps and kills itself with SIGKILL right after the checkpoint of
# step 8 is on disk: a real kill -9 at a known step, so nothing here depends on timing.
_KILLED_AT_8 = """
import os, signal, sys
from pathlib import Path
from assay.training.recipe import ModelShape, Optim, Recipe
from assay.training.run import prepare
pairs = [(f"Solve for x: x + {i} = {i + 4}", f"x={i + 4}-{i}=4") for i in range(60)]
recipe = Recipe(ModelShape(n_layer=1, n_head=2, n_embd=16, block_size=48),
                Optim(steps=12, batch_size=8, lr=3e-3, min_lr=3e-4, warmup=3))
trainer = prepare(pairs, recipe, 7, checkpoint=Path(sys.argv[1]), checkpoint_every=4)
def die(event):
    if event.checkpoint is not None and event.step == 8:
        os.kill(os.getpid(), signal.SIGKILL)
trainer.callbacks.append(die)
trainer.fit()
"""


def test_train_kill_9_and_resume_gives_the_weights_of_an_uninterrupted_run(tmp_path: Path) -> None:
    torch.set_num_threads(1)
    straight = prepare(PAIRS, RECIPE, 7, checkpoint=tmp_path / "straight.pt", checkpoint_every=4)
    straight.fit()

    killed = tmp_path / "killed.pt"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    child = subprocess.run([sys.executable, "-c", _KILLED_AT_8, str(killed)], env=env, capture_output=True)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert load_state(killed)["step"] == 8  # the kill landed after the checkpoint of step 8

    resumed = prepare(PAIRS, RECIPE, 7, checkpoint=killed, checkpoint_every=4)
    assert resumed.step == 8
    resumed.fit()
    assert resumed.step == 12
    a, b = straight.model.state_dict(), resumed.model.state_dict()
    assert a.keys() == b.keys()
    for name in a:
        assert torch.equal(a[name], b[name]), name
    # and the checkpoint on disk holds the same final weights
    on_disk = load_state(killed)["model"]
    assert all(torch.equal(on_disk[name], a[name]) for name in a)


def test_a_finished_checkpoint_is_not_trained_again(tmp_path: Path) -> None:
    path = tmp_path / "m.pt"
    prepare(PAIRS, RECIPE, 7, checkpoint=path).fit()
    again = prepare(PAIRS, RECIPE, 7, checkpoint=path)
    assert again.step == RECIPE.optim.steps
    before = {k: v.clone() for k, v in again.model.state_dict().items()}
    again.fit()  # nothing left to do
    assert all(torch.equal(before[k], v) for k, v in again.model.state_dict().items())


@pytest.mark.parametrize(
    ("recipe", "seed", "change"),
    [
        (Recipe(ModelShape(n_layer=2, n_head=2, n_embd=16, block_size=48), RECIPE.optim), 7, "n_layer 1 → 2"),
        (
            Recipe(RECIPE.model, Optim(steps=12, batch_size=8, lr=1e-2, min_lr=3e-4, warmup=3)),
            7,
            "lr 0.003 → 0.01",
        ),
        (
            Recipe(RECIPE.model, Optim(steps=20, batch_size=8, lr=3e-3, min_lr=3e-4, warmup=3)),
            7,
            "steps 12 → 20",
        ),
        (
            Recipe(RECIPE.model, Optim(12, 8, 3e-3, 3e-4, 3, weight_decay=0.0)),
            7,
            "weight_decay 0.1 → 0.0",
        ),
        (RECIPE, 8, "seed 7 → 8"),
    ],
)
def test_a_checkpoint_of_another_recipe_is_never_resumed(
    tmp_path: Path, recipe: Recipe, seed: int, change: str
) -> None:
    path = tmp_path / "m.pt"
    prepare(PAIRS, RECIPE, 7, checkpoint=path, checkpoint_every=2).fit(until=2)
    assert change in checkpoint_changes(load_state(path), recipe, seed)
    with pytest.raises(ConfigError, match=change):
        prepare(PAIRS, recipe, seed, checkpoint=path)


def test_fine_tuning_trains_the_given_model_in_place() -> None:
    base = prepare(PAIRS, RECIPE, 7)
    base.fit()
    tuned = prepare(PAIRS[:10], RECIPE, 8, start=(base.model, base.tokenizer))
    assert tuned.model is base.model and tuned.tokenizer is base.tokenizer and tuned.step == 0


def test_the_vocabulary_comes_from_the_training_pairs_alone() -> None:
    trainer = prepare(PAIRS, RECIPE, 7, held_pairs=[("Solve for y: y = 5", "y=5 ✓")])
    assert "✓" not in trainer.tokenizer.chars and "y" not in trainer.tokenizer.chars


@pytest.mark.parametrize(("block", "kept"), [(48, 60), (34, 60), (33, 10), (32, 10), (31, 6), (29, 0)])
def test_only_pairs_that_fit_are_trained_on(block: int, kept: int) -> None:
    # begin token + "Solve for x: x + 0 = 4" (22) + "x=4-0=4" (7) = 30 tokens for i < 6; 32 to i = 9; then 34
    assert len(fitting(PAIRS, block)) == kept


# --- held-out NLL ---------------------------------------------------------------------------------------


def test_held_out_nll_of_a_model_that_knows_nothing_is_log_vocabulary() -> None:
    """A model whose output layer is zero gives every token the same logit: NLL = ln(vocab) per token,
    whatever the pairs, and every response token and the end token are counted."""
    trainer = prepare(PAIRS, RECIPE, 7)
    with torch.no_grad():
        trainer.model.head.weight.zero_()
    nll = held_out_nll(trainer.model, trainer.tokenizer, PAIRS[:5])
    assert nll == pytest.approx(math.log(trainer.tokenizer.vocab_size), rel=1e-6)


def test_held_out_nll_falls_with_training_and_matches_the_trainers_own() -> None:
    trainer = prepare(PAIRS, RECIPE, 7, held_pairs=PAIRS[:8])
    before = held_out_nll(trainer.model, trainer.tokenizer, PAIRS[:8])
    trainer.fit()
    after = held_out_nll(trainer.model, trainer.tokenizer, PAIRS[:8])
    assert after < before
    assert after == pytest.approx(trainer.evaluate())


# --- exact-answer accuracy ----------------------------------------------------------------------------


def _linear(answer: int, index: int) -> Problem:
    prompt = f"Solve for x: x + {index} = {answer + index}"
    return Problem("math", "linear", prompt, {"answer": str(answer)}, f"test#{index}")


# (response, right?) for problems whose answer is 4; None is a request that failed
ANSWERS = [
    ("x=8-4=4", True),
    ("x = 4", True),
    ("Answer: \\boxed{4}", True),
    ("x = 3\nWait, that's wrong. x = 4", True),  # the last committed answer
    ("x = 5", False),
    ("x = 4 is not a solution", False),  # a negated claim commits to nothing
    ("Answer: 4\nActually, the answer is 5.", False),  # two final answers: none
    ("x = 4 or x = 5", False),  # a set of answers is not the answer
    ("nonsense", False),
    ("x = 8/2", True),  # an exact value, however written
    (None, None),
    (None, None),
]


def test_exact_answer_accuracy_on_a_hand_built_set() -> None:
    problems = [_linear(4, i) for i in range(len(ANSWERS))]
    completions = [
        Completion(i, 0, text, error="" if text is not None else "HTTP 429 (after 5 attempt(s))")
        for i, (text, _) in enumerate(ANSWERS)
    ]
    with WorkerPool(size=1, timeout=60) as pool:  # no job may time out, however loaded the machine
        result = answer_accuracy(problems, completions, pool)
    right = sum(1 for _, ok in ANSWERS if ok)
    assert (result.answered, result.failed) == (10, 2)
    assert result.accuracy == pytest.approx(right / 10)
    assert result.failures == {"HTTP 429": 2}


# --- answers the loop reads -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer", "value"),
    [
        ("x=8/2=4", "x=8/2=4", "4"),
        ("2x=8\nx=8/2=4\nVerify: 2(4)+5=13", "x=8/2=4", "4"),  # a check line is not the answer
        ("x = −4", "x = -4", "-4"),  # the unicode minus
        ("Answer: \\boxed{-4}", "-4", "-4"),
        ("The answer is 3/2.", "3/2", "3/2"),
        ("**Answer:** x = 7", "x = 7", "7"),
        ("x = 3\nWait, that's wrong. x = 4", "x = 4", "4"),  # a retraction
        ("x = 8/2", "x = 8/2", "4"),  # the string after '=' was '8/2'; its value is 4
        ("x=2+sqrt(3)", "x=2+sqrt(3)", "2 + sqrt(3)"),  # exact, and no whole number for the weak oracle
        ("x = 3 or x = 4", "x = 3, x = 4", None),  # two values
        ("Answer: 4\nActually, the answer is 5.", "4\n5", None),  # two answers
        ("x = 4 is not a solution", None, None),
        ("nonsense", None, None),
        ("x = " + "1" * 45, "x = " + "1" * 45, "1" * 45),  # never cut to a prefix
    ],
)
def test_the_loop_reads_answers_with_the_domains_parser(
    text: str, answer: str | None, value: str | None
) -> None:
    with WorkerPool(size=1, timeout=60) as pool:
        [read] = read_answers([_linear(4, 0)], [text], pool)
    assert (read.text, read.value) == (answer, value)


def test_answers_of_another_domain_are_not_guessed() -> None:
    problem = Problem("code", "functions", "write f", {"tests": []}, "test#0")
    with WorkerPool(size=1, timeout=60) as pool, pytest.raises(ConfigError, match="math traces only"):
        read_answers([problem], ["def f(): pass"], pool)


# --- the recipe's config tables -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"model": {"n_layer": 0}}, r"opts.model n_layer = 0: must be ≥ 1"),
        ({"optim": {"lr": 0}}, r"opts.optim lr = 0: must be > 0"),
        ({"optim": {"steps": 2.5}}, r"opts.optim steps must be int, not 2.5"),
        ({"optim": {"grad_clip": -1.0}}, r"opts.optim grad_clip = -1.0: must be > 0"),
        ({"model": 3}, r"opts.model must be a table"),
        ({"model": {"width": 3}}, r"opts.model has no key 'width'"),
        ({"n_embd": 32}, r"opts n_embd has moved: write it as opts.model n_embd"),
        ({"batch_size": 32}, r"opts batch_size has moved: write it as opts.optim batch_size"),
        ({"epochs": 3}, r"opts has no key 'epochs'"),
    ],
)
def test_recipe_tables_are_checked(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_table(Recipe, table, "opts")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"model": {"n_embd": 30, "n_head": 4}},
            r"\[model\] n_embd = 30, \[model\] n_head = 4: n_embd must be",
        ),
        ({"optim": {"lr": 0.001, "min_lr": 0.01}}, r"min_lr must not exceed lr"),
        (
            {"optim": {"steps": 10, "warmup": 11}},
            r"\[optim\] warmup = 11, \[optim\] steps = 10: a warmup longer",
        ),
    ],
)
def test_recipe_rules(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        check_rules(build_table(Recipe, table, "opts"), recipe_rules(""), "opts")


def test_a_table_over_a_base_keeps_what_it_leaves_out() -> None:
    base = Recipe(ModelShape(n_layer=5), Optim(steps=10, warmup=1))
    read = build_table(Recipe, {"optim": {"lr": 1}}, "opts", base)
    assert read == Recipe(ModelShape(n_layer=5), Optim(steps=10, warmup=1, lr=1.0))
    assert isinstance(read.optim.lr, float)  # an integer where a float goes is the same setting


# --- a workspace made before [train] was split ---------------------------------------------------------

OLD_SETTINGS = {
    "run.seed": 1,
    "train.steps": 2000,
    "train.batch_size": 64,
    "train.lr": 0.003,
    "train.min_lr": 0.0003,
    "train.warmup": 100,
    "train.n_layer": 3,
    "train.n_head": 4,
    "train.n_embd": 64,
    "train.block_size": 96,
    "train.template": "tiny-v1",
}
NEW_SETTINGS = {
    "run.seed": 1,
    "train.optim.steps": 2000,
    "train.optim.batch_size": 64,
    "train.optim.lr": 0.003,
    "train.optim.min_lr": 0.0003,
    "train.optim.warmup": 100,
    "train.optim.weight_decay": 0.1,
    "train.optim.grad_clip": 1.0,
    "train.model.n_layer": 3,
    "train.model.n_head": 4,
    "train.model.n_embd": 64,
    "train.model.block_size": 96,
    "train.template": "tiny-v1",
    # a record from before the score stage: the run scored with the default scorer, as runs then did
    "score.scorer": "verifier",
    "score.scorer_id": "verifier@1",
}


def _old_record(root: Path) -> None:
    path = record_path(root)
    path.parent.mkdir(parents=True)
    body = {"format": "assay-run/1", "id": "run_old", "settings": OLD_SETTINGS}
    path.write_text(json.dumps(body), encoding="utf-8")


def test_an_old_workspace_record_maps_to_the_new_keys_and_resumes(tmp_path: Path) -> None:
    _old_record(tmp_path)
    assert dict(read_record(record_path(tmp_path)).settings) == NEW_SETTINGS
    check_workspace(tmp_path, RunIdentity(NEW_SETTINGS), lambda: True)  # the same run: a resume


def test_an_old_workspace_with_other_values_names_them_by_their_new_keys(tmp_path: Path) -> None:
    _old_record(tmp_path)
    changed = {**NEW_SETTINGS, "train.model.n_layer": 2, "train.optim.grad_clip": 0.5}
    with pytest.raises(ConfigError) as caught:
        check_workspace(tmp_path, RunIdentity(changed), lambda: True)
    assert "[train.model] n_layer 3 → 2; [train.optim] grad_clip 1.0 → 0.5" in str(caught.value)

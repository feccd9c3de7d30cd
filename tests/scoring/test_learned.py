"""The ORM and PRM: they learn a separable toy signal, score under a versioned id, fail in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assay.errors import AssayError
from assay.model.tokenizer import EOS, CharTokenizer
from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict
from assay.scoring import ScoreItem, build, checked
from assay.scoring.encoding import trace_steps, windows
from assay.scoring.learned import OrmScorer, PrmScorer
from assay.scoring.model import FORMAT_VERSION
from assay.scoring.train import Recipe, auc, evaluate, outcome, step_labels, train
from tests.scoring.toy import toy_items

TINY = {"n_layer": 1, "n_head": 2, "n_embd": 32, "block_size": 64, "steps": 120, "batch_size": 16, "lr": 3e-3}


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("models")
    items = toy_items()
    paths = {}
    for kind in ("orm", "prm"):
        paths[kind] = folder / f"{kind}.pt"
        train(items, Recipe(kind=kind, **TINY), paths[kind])  # type: ignore[arg-type]
    return paths


@pytest.mark.parametrize("kind", ["orm", "prm"])
def test_learns_the_toy_signal_on_held_out_problems(trained: dict[str, Path], kind: str) -> None:
    report = evaluate(toy_items(), kind, trained[kind])  # type: ignore[arg-type]
    assert report["held_out_candidates"] >= 20
    assert report["auc"] >= 0.8, report  # chance is 0.5
    assert report["accuracy"] >= 0.75, report
    if kind == "prm":
        assert report["first_error_accuracy"] >= 0.7, report  # chance is well under 0.3 (2-5 steps + none)


def test_prm_scores_every_step_and_takes_the_minimum(trained: dict[str, Path]) -> None:
    scorer = PrmScorer(path=str(trained["prm"]))
    items = toy_items(n_problems=3, seed=7)
    for item, score in zip(items, checked(scorer, items), strict=True):
        assert len(score.step_values) == len(item.candidate.steps)
        assert score.value == min(score.step_values)
    assert scorer.id.startswith(f"prm@{FORMAT_VERSION}+") and len(scorer.id) == len("prm@2+") + 12


def test_orm_gives_one_value(trained: dict[str, Path]) -> None:
    scorer = build(f"orm:path={trained['orm']}")
    [score] = checked(scorer, toy_items(n_problems=1, per_problem=1))
    assert score.step_values == ()


def test_a_retrained_model_is_a_new_scorer_version(tmp_path: Path) -> None:
    items = toy_items(n_problems=20)
    ids = []
    for seed in (1, 2):
        path = tmp_path / "orm.pt"
        train(items, Recipe(kind="orm", **{**TINY, "steps": 3, "seed": seed}), path)  # type: ignore[arg-type]
        ids.append(OrmScorer(path=str(path)).id)
    assert ids[0] != ids[1]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no orm model at"),
        ("damaged", "not a readable orm reward model"),
        ("other-kind", "not an orm reward model"),
    ],
)
def test_a_model_that_cannot_be_used_is_one_line(
    tmp_path: Path, trained: dict[str, Path], setup: str, message: str
) -> None:
    path = tmp_path / "orm.pt"
    if setup == "damaged":
        path.write_bytes(trained["orm"].read_bytes()[:300])
    if setup == "other-kind":
        path.write_bytes(trained["prm"].read_bytes())
    with pytest.raises(AssayError, match=message):
        OrmScorer(path=str(path))


def test_no_workspace_and_no_path_is_one_line() -> None:
    with pytest.raises(AssayError, match="needs a workspace"):
        OrmScorer()


def test_too_few_labels_to_train_is_one_line(tmp_path: Path) -> None:
    only_good = [i for i in toy_items() if outcome(i.verdicts) == 1]
    with pytest.raises(AssayError, match="both accepted and rejected"):
        train(only_good, Recipe(kind="orm", **TINY), tmp_path / "orm.pt")  # type: ignore[arg-type]


# --- labels and encoding ---

PROBLEM = Problem("math", "linear", "Solve for x: 2x + 1 = 5", {"answer": "2"}, "test")
V, R, U, N = StepStatus.VERIFIED, StepStatus.REFUTED, StepStatus.UNKNOWN, StepStatus.NO_CLAIM


def _item(status: Status, steps: tuple[StepStatus, ...], text: str = "2x = 4\nx = 2\nx = 2") -> ScoreItem:
    candidate = Candidate(PROBLEM.id, text, "2")
    results = tuple(StepResult(i, s) for i, s in enumerate(steps, 1))
    return ScoreItem(PROBLEM, candidate, (Verdict(candidate.id, "math-steps@27", status, steps=results),))


@pytest.mark.parametrize(
    ("status", "steps", "labels"),
    [
        (Status.VERIFIED, (V, V, V), (1, 1, 1)),
        (Status.REFUTED, (V, R, V), (1, 0, 0)),  # after the first error nothing counts as progress
        (Status.UNKNOWN, (N, U, V), (1, 0, 0)),  # unknown is not "fine"
        (Status.REFUTED, (V, V, V), (1, 1, 0)),  # wrong answer, every step fine: the last step carries it
        (Status.REFUTED, (V, R), (None, None, 0)),  # steps do not line up: only the outcome is known
        (Status.ERROR, (V, V, V), None),  # an error says nothing about the candidate
    ],
)
def test_step_labels(
    status: Status, steps: tuple[StepStatus, ...], labels: tuple[int | None, ...] | None
) -> None:
    assert step_labels(_item(status, steps), 3) == labels


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.1, 0.9], [0, 1], 1.0),
        ([0.9, 0.1], [0, 1], 0.0),
        ([0.5, 0.5], [0, 1], 0.5),
        ([0.3, 0.4], [1, 1], None),
    ],
)
def test_auc(scores: list[float], labels: list[int], expected: float | None) -> None:
    assert auc(scores, labels) == expected


def test_every_step_end_is_read_even_past_the_window() -> None:
    tokenizer = CharTokenizer("".join(sorted(set("Solve for x: 2x + 1 = 5\nstep 0123456789ok"))))
    steps = tuple(f"step {k} ok" for k in range(40))
    found = windows(tokenizer, PROBLEM.prompt, steps, 64)
    assert len(found) > 1 and all(len(w.tokens) <= 64 for w in found)
    assert sorted(step for w in found for _, step in w.reads) == list(range(40))
    for window in found:
        for pos, step in window.reads:
            # every step ends at its newline but the last, which ends at <eos> as the generator wrote it
            assert window.tokens[pos] == (EOS if step == 39 else tokenizer.encode("\n")[0])
            assert pos >= window.start  # a read is never inside the prompt header


@pytest.mark.parametrize(
    ("domain", "text", "count"),
    [
        (
            "math",
            "2x + 1 = 5 → 2x = 4 → x = 2",
            3,
        ),  # the math trace parser's steps, as the verifier numbers them
        ("prose", "First line.\n\n  Second line.  \n", 2),  # other text: its non-blank lines
        ("prose", "", 1),  # an empty response is one empty step, never no step at all
        ("prose", "\n".join(f"line {k}" for k in range(200)), 64),  # bounded
    ],
)
def test_trace_steps(domain: str, text: str, count: int) -> None:
    problem = Problem(domain, "t", "Say something.", {}, "test")
    assert len(trace_steps(problem, Candidate(problem.id, text, None))) == count


def test_a_prompt_longer_than_the_window_still_leaves_room_for_steps() -> None:
    tokenizer = CharTokenizer("abcdefghijklmnopqrstuvwxyz \n")
    found = windows(tokenizer, "a long prompt " * 20, ("step one", "step two"), 48)
    assert all(len(w.tokens) <= 48 for w in found)
    assert sorted(step for w in found for _, step in w.reads) == [0, 1]


# --- the surprise features and a body started from a generator ---


def test_surprise_counts_only_the_response_and_restarts_per_step() -> None:
    import torch

    from assay.scoring.model import surprise

    # vocabulary of 6; tokens: 4 header tokens, then a 3-token step ending in newline (5), then 2 more
    idx = torch.tensor([[1, 4, 4, 5, 4, 4, 5, 4, 2]])
    logits = torch.zeros(1, 9, 6)
    logits[0, :, 4] = 8.0  # the model expects token 4 everywhere: a newline or <eos> surprises it
    features = surprise(logits, idx, torch.tensor([4]), newline=5)[0]  # (T, F)
    worst, step_worst, mean = features[:, 0], features[:, 1], features[:, 2]
    assert worst[:4].tolist() == [0.0] * 4  # the prompt header is not the model's choice
    assert worst[6] > worst[5] > 0  # the step's closing newline was unlikely
    assert step_worst[7] < step_worst[6]  # a new step starts with a clean slate
    assert worst[7] == worst[6]  # ... but the trace remembers its worst token
    assert torch.all(mean[4:] > 0) and torch.all(mean[4:] <= worst[4:])


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"body_lr": 1.5}, "body_lr"), ({"body_lr": -0.1}, "body_lr"), ({"lm_weight": -1.0}, "lm_weight")],
)
def test_a_recipe_out_of_range_is_one_line(changes: dict[str, float], message: str) -> None:
    with pytest.raises(AssayError, match=message):
        Recipe(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("body_lr", [0.0, 0.5])
def test_a_body_from_a_generator_is_kept_unless_asked_to_learn(tmp_path: Path, body_lr: float) -> None:
    import torch

    from assay.model.checkpoint import load_state, save_state
    from assay.model.gpt import GPT, GPTConfig
    from assay.scoring.model import load

    items = toy_items(n_problems=12)
    tokenizer = CharTokenizer.from_texts([i.problem.prompt + "\n" + i.candidate.text for i in items])
    torch.manual_seed(0)
    generator = GPT(GPTConfig(vocab_size=tokenizer.vocab_size, block_size=64, n_layer=1, n_head=2, n_embd=16))
    init = tmp_path / "generator.pt"
    state = {"model_config": generator.config.to_json(), "tokenizer": tokenizer.to_json()}
    save_state(init, {**state, "model": generator.state_dict()})
    path = tmp_path / "orm.pt"
    train(items, Recipe(kind="orm", steps=3, batch_size=8, init=str(init), body_lr=body_lr), path)
    body = load(path, "orm").net.body.state_dict()
    kept = load_state(init)["model"]
    same = all(torch.equal(body[name], kept[name]) for name in kept)
    assert same == (body_lr == 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "",  # nothing written
        "\n\n\n",  # only blank lines
        "étape 1 : ok ✓\nstep 2: ｏｋ",  # characters the vocabulary lacks (read as <unk>)
        "\u202estep 1: ok\u202c\nstep 2: ok",  # bidirectional overrides
        "step 1: ok\x00\nstep 2: no",  # a NUL byte
        "\n".join(f"step {k}: ok" for k in range(300)),  # longer than any window
        "step 1: " + "ok " * 500,  # one step longer than a window
    ],
)
def test_odd_text_is_scored_step_by_step_without_failing(trained: dict[str, Path], text: str) -> None:
    problem = Problem("toy", "marks", "Check the marks of list 1.", {"answer": "ok"}, "test")
    item = ScoreItem(problem, Candidate(problem.id, text, None), ())
    [score] = checked(PrmScorer(path=str(trained["prm"])), [item])
    assert len(score.step_values) == len(trace_steps(problem, item.candidate))
    assert all(0.0 <= v <= 1.0 for v in score.step_values) and score.value == min(score.step_values)

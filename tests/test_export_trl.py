"""TRL-shaped exports: loaded back with the `datasets` library and held to the columns and types TRL's
SFTTrainer, DPOTrainer and PRMTrainer read; verdicts from the real math-steps verifier."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assay.errors import InputError
from assay.export import Gates, card_path
from assay.export_trl import TrlKind, export_trl
from assay.export_trl_rules import Option, choose_pair, step_labels
from assay.records import Candidate, Problem, Score, Status, Step, StepKind, StepResult, StepStatus, Verdict
from assay.stages.sample import read_response
from assay.store import Store
from assay.workers import WorkerPool
from assay.workspace import Workspace
from tests.conftest import require_module

# local files only: the library must never reach for the Hub here (read when it is imported)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
datasets = require_module("datasets")

# --- the workspace: real traces, verified by the real math-steps verifier --------------------------------

A = "Solve for x: 2x + 3 = 11"
B = "Find the value of y when 5y - 5 = 20."
C = "What x satisfies 3x = 12?"
D = "x + 7 = 10. Solve it."
E = "Determine z given that 4z = 20 (an eval-set prompt)."

# (key, prompt, answer, response, expected status, scorer value or None); keys name the cases below
TRACES = [
    ("a-prose", A, "4", "Subtract 3 from both sides.\n2x = 8\nx = 4\nAnswer: 4", Status.VERIFIED, 0.6),
    ("a-good", A, "4", "2x = 11 - 3 = 8\nx = 8/2 = 4\nAnswer: 4", Status.VERIFIED, 0.9),
    ("a-first", A, "4", "2x = 14\nx = 7\nAnswer: 7", Status.REFUTED, 0.1),  # error at step 1
    ("a-late", A, "4", "2x = 8\nx = 5\nAnswer: 5", Status.REFUTED, 0.4),  # error at step 2
    ("a-unknown", A, "4", "2x = 8\nx = \\frobnicate{8}\nAnswer: 4", Status.UNKNOWN, 0.0),
    ("b-good", B, "5", "5y = 25\ny = 5\nAnswer: 5", Status.VERIFIED, 0.7),
    # refuted, but its unknown step 2 comes before the refuted answer: no step labels
    ("b-bad", B, "5", "5y = 25\ny = \\frobnicate{5}\nAnswer: 6", Status.REFUTED, 0.2),
    ("c-good", C, "4", "x = 12/3 = 4\nAnswer: 4", Status.VERIFIED, 0.8),
    ("c-unknown", C, "4", "3x = 12\nx = \\frobnicate{4}\nAnswer: 4", Status.UNKNOWN, 0.1),  # never rejected
    ("d-bad", D, "3", "x = 10 + 7 = 17\nAnswer: 17", Status.REFUTED, 0.3),  # nothing verified
    ("e-good", E, "5", "z = 20/4 = 5\nAnswer: 5", Status.VERIFIED, None),
    ("e-bad", E, "5", "z = 20 - 4 = 16\nAnswer: 16", Status.REFUTED, None),
]
SCORER = "fake@1"


@pytest.fixture(scope="module")
def space(
    tmp_path_factory: pytest.TempPathFactory, pool: WorkerPool
) -> Iterator[tuple[Workspace, dict[str, str]]]:
    """A workspace with the traces above, verified, scored; yields it and key → candidate id."""
    from assay.verification import verify_store
    from assay.verifiers import Verifiers

    workspace = Workspace.init(tmp_path_factory.mktemp("trl") / "ws")
    store = workspace.store()
    ids: dict[str, str] = {}
    for i, (key, prompt, answer, text, _, value) in enumerate(TRACES):
        problem = Problem("math", "linear", prompt, {"answer": answer}, "test")
        answer_read, steps = read_response(problem, text)
        if key == "c-good":
            steps = ()  # stored without steps, as reference solutions are: labelled as the verifier read it
        candidate = Candidate(problem.id, text, answer_read, steps, generator="model-a", sample_index=i)
        store.add_problems([problem])
        store.add_candidates([candidate])
        if value is not None:
            store.add_scores([Score(candidate.id, SCORER, value)])
        ids[key] = candidate.id
    with Verifiers(pool=pool) as verifiers:
        verify_store(store, verifiers)
    statuses = {key: _status(store, ids[key]) for key, *_ in TRACES}
    store.close()
    # the cases rest on these verdicts: a verifier change that moves one must show here, not elsewhere
    assert statuses == {key: status for key, _, _, _, status, _ in TRACES}
    yield workspace, ids


def _status(store: Store, candidate_id: str) -> Status:
    (verdict,) = store.verdicts_for([candidate_id])[candidate_id]
    return verdict.status


@pytest.fixture
def store(space: tuple[Workspace, dict[str, str]]) -> Iterator[Store]:
    opened = space[0].store()
    yield opened
    opened.close()


def _load(path: Path, tmp_path: Path) -> Any:
    """The file as TRL's users load it: `datasets.load_dataset`, cache in tmp_path (nothing left)."""
    datasets.disable_progress_bars()
    builder = "parquet" if path.suffix == ".parquet" else "json"
    return datasets.load_dataset(
        builder, data_files=str(path), split="train", cache_dir=str(tmp_path / "cache")
    )


# --- what TRL's trainers read (their docs' dataset formats) ---------------------------------------------


def _turns(feature: Any) -> bool:
    """A conversational column: a list of {role, content} strings (TRL's `is_conversational`)."""
    inner = getattr(feature, "feature", None)
    return isinstance(inner, dict) and {k: v.dtype for k, v in inner.items()} == {
        "role": "string",
        "content": "string",
    }


def _strings(feature: Any) -> bool:
    inner = getattr(feature, "feature", None)
    return getattr(inner, "dtype", None) == "string"


def _check_trl_columns(kind: TrlKind, data: Any) -> None:
    features = data.features
    assert features["provenance"].dtype == "string"  # a column TRL never reads
    if kind == "trl-sft":  # SFTTrainer: conversational language modelling
        assert set(features) == {"messages", "provenance"} and _turns(features["messages"])
        for row in data:
            assert [m["role"] for m in row["messages"]] == ["user", "assistant"]
    elif kind == "trl-preference":  # DPOTrainer: conversational preference, explicit prompt
        assert set(features) == {"prompt", "chosen", "rejected", "provenance"}
        assert all(_turns(features[c]) for c in ("prompt", "chosen", "rejected"))
        for row in data:
            assert [m["role"] for m in row["prompt"]] == ["user"]
            assert [m["role"] for m in row["chosen"]] == [m["role"] for m in row["rejected"]] == ["assistant"]
    else:  # PRMTrainer: standard stepwise supervision
        assert set(features) == {"prompt", "completions", "labels", "provenance"}
        assert features["prompt"].dtype == "string" and _strings(features["completions"])
        assert getattr(features["labels"], "feature", None).dtype == "bool"
        for row in data:
            assert len(row["labels"]) == len(row["completions"]) > 0


# --- each format, both containers ------------------------------------------------------------------------


def _expected(kind: TrlKind, ids: dict[str, str], ranked: bool) -> dict[str, Any]:
    if kind == "trl-sft":
        return {"rows": {ids[k] for k in ("a-prose", "a-good", "b-good", "c-good", "e-good")}}
    if kind == "trl-preference":
        if ranked:
            a = (ids["a-good"], ids["a-first"])  # the highest-scored verified, the lowest-scored refuted
        else:  # the first of each by id
            a = (min(ids["a-prose"], ids["a-good"]), min(ids["a-first"], ids["a-late"]))
        pairs = {a, (ids["b-good"], ids["b-bad"])}
        skipped = {
            "no refuted candidate (unknown, error and timeout are never rejected)": 1,  # C: unknown only
            "no verified candidate": 1,  # D
        }
        if ranked:
            skipped["no scored verified candidate"] = 1  # E: nothing scored
        else:
            pairs.add((ids["e-good"], ids["e-bad"]))
        return {"rows": pairs, "skipped": skipped}
    labels = {
        ids["a-prose"]: [True, True, True, True],  # the prose step claims nothing: passing
        ids["a-good"]: [True, True, True],
        ids["a-first"]: [
            False,
            False,
            False,
        ],  # step 2 reads "x = 7": right from 2x = 14, still after the error
        ids["a-late"]: [True, False, False],
        ids["b-good"]: [True, True, True],
        ids["c-good"]: [True, True],
        ids["d-bad"]: [False, False],
        ids["e-good"]: [True, True],
        ids["e-bad"]: [False, False],
    }
    skipped = {"unknown step before the first refuted one": 1, "verdict unknown": 2}
    return {"rows": labels, "skipped": skipped}


def _got(kind: TrlKind, data: Any) -> Any:
    provenance = [json.loads(p) for p in data["provenance"]]
    if kind == "trl-sft":
        return {p["candidate_id"] for p in provenance}
    if kind == "trl-preference":
        return {(p["chosen"]["candidate_id"], p["rejected"]["candidate_id"]) for p in provenance}
    return {p["candidate_id"]: labels for p, labels in zip(provenance, data["labels"], strict=True)}


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
@pytest.mark.parametrize("kind", ["trl-sft", "trl-preference", "trl-stepwise"])
def test_each_format_loads_with_datasets_in_the_columns_trl_reads(
    store: Store, space: tuple[Workspace, dict[str, str]], tmp_path: Path, kind: TrlKind, fmt: str
) -> None:
    ids = space[1]
    ranked = kind == "trl-preference" and fmt == "parquet"  # both ways, without one more export
    out = tmp_path / f"out.{fmt}"
    done = export_trl(
        store, out, kind, "jsonl" if fmt == "jsonl" else "parquet", scorer=SCORER if ranked else None
    )
    data = _load(out, tmp_path)
    _check_trl_columns(kind, data)
    expected = _expected(kind, ids, ranked)
    assert done.rows == data.num_rows == len(expected["rows"])
    assert _got(kind, data) == expected["rows"]
    assert done.skipped == expected.get("skipped", {})
    assert done.scorer == (SCORER if ranked else None)


def test_rows_carry_their_text_and_provenance(
    store: Store, space: tuple[Workspace, dict[str, str]], tmp_path: Path
) -> None:
    ids = space[1]
    out = tmp_path / "pairs.jsonl"
    export_trl(store, out, "trl-preference", "jsonl", scorer="fake")  # a bare name: its one stored version
    rows = {
        json.loads(r["provenance"])["problem_id"]: r for r in map(json.loads, out.read_text().splitlines())
    }
    row = next(r for r in rows.values() if r["prompt"][0]["content"] == A)
    assert row["chosen"][0]["content"] == TRACES[1][3] and row["rejected"][0]["content"] == TRACES[2][3]
    provenance = json.loads(row["provenance"])
    assert provenance["verifier"] == "math-steps@27" and provenance["ranked_by"] == SCORER
    assert provenance["chosen"]["candidate_id"] == ids["a-good"]
    assert (provenance["chosen"]["status"], provenance["rejected"]["status"]) == ("verified", "refuted")
    assert provenance["chosen"]["scores"] == [{"scorer": SCORER, "value": 0.9}]

    steps = tmp_path / "steps.jsonl"
    export_trl(store, steps, "trl-stepwise", "jsonl")
    late = next(
        r
        for r in map(json.loads, steps.read_text().splitlines())
        if json.loads(r["provenance"])["candidate_id"] == ids["a-late"]
    )
    assert late["completions"] == ["2x = 8", "x = 5", "Answer: 5"]
    provenance = json.loads(late["provenance"])
    assert provenance["first_error_step"] == 2 and provenance["step_statuses"][1] == "refuted"


def test_the_card_names_format_scorer_selection_and_what_was_left_out(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pairs.parquet"
    export_trl(store, out, "trl-preference", "parquet", scorer=SCORER)
    card = card_path(out).read_text()
    for line in (
        "format `trl-preference`",
        "DPOTrainer",
        "are never rejected (an unknown response may be right)",
        f"- scorer: {SCORER}: the highest-scored verified response against the lowest-scored refuted one",
        "  - math: math-steps@27 (2 rows)",
        "## Left out (problems)",
        "- no verified candidate: 1",
        'datasets.load_dataset("parquet", data_files="pairs.parquet", split="train")',
    ):
        assert line in card
    steps = tmp_path / "steps.jsonl"
    export_trl(store, steps, "trl-stepwise", "jsonl")
    card = card_path(steps).read_text()
    assert "PRMTrainer" in card and "- unknown step before the first refuted one: 1" in card


@pytest.mark.parametrize("kind", ["trl-sft", "trl-preference", "trl-stepwise"])
@pytest.mark.parametrize(
    ("generation", "generator", "any_rows"), [(0, "model-a", True), (1, None, False), (None, "other", False)]
)
def test_generation_and_generator_filters_select_the_candidates(
    store: Store, tmp_path: Path, kind: TrlKind, generation: int | None, generator: str | None, any_rows: bool
) -> None:
    out = tmp_path / "out.jsonl"
    done = export_trl(store, out, kind, "jsonl", generation=generation, generator=generator)
    assert (done.rows > 0) == any_rows
    if not any_rows:  # problems nothing of this selection answers are not counted as left out
        assert done.skipped == {}
    assert "- generation: " + ("all" if generation is None else str(generation)) in card_path(out).read_text()


# --- gates: the plain export's ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["trl-sft", "trl-preference", "trl-stepwise"])
def test_decontamination_and_human_share_gate_every_format(
    store: Store, tmp_path: Path, kind: TrlKind
) -> None:
    from assay.errors import AssayError

    evals = tmp_path / "eval.jsonl"
    evals.write_text(json.dumps({"prompt": E}) + "\n")
    gates = Gates(dedup=False, eval_prompts=(E,), eval_sources=(str(evals),))
    out = tmp_path / "out.jsonl"
    export_trl(store, out, kind, "jsonl", gates=gates, inputs=[evals])
    prompts = [json.loads(line)["provenance"] for line in out.read_text().splitlines()]
    assert prompts and all(json.loads(p)["problem_id"] for p in prompts)
    text = out.read_text()
    assert "eval-set prompt" not in text
    assert "contaminated rows removed (prompt found in" in card_path(out).read_text()
    before = out.read_bytes()
    with pytest.raises(AssayError, match="below the minimum"):
        export_trl(store, out, kind, "jsonl", gates=Gates(dedup=False, min_human_share=0.5))
    assert out.read_bytes() == before  # a refused export leaves the last one as it was


def test_a_duplicated_problem_gives_one_pair(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'dup.db'}")
    for task in ("linear", "linear-copy"):  # the same prompt under two tasks: two problem ids
        problem = Problem("math", task, "Solve for x: 7x = 14", {"answer": "2"}, "test")
        good, bad = (
            Candidate(problem.id, text, None, generator="g", sample_index=i)
            for i, text in enumerate(("x = 2", "x = 3"))
        )
        store.add_problems([problem])
        store.add_candidates([good, bad])
        store.add_verdicts(
            [
                Verdict(good.id, "math-steps@27", Status.VERIFIED),
                Verdict(bad.id, "math-steps@27", Status.REFUTED),
            ]
        )
    out = tmp_path / "pairs.jsonl"
    assert export_trl(store, out, "trl-preference", "jsonl").rows == 2
    assert export_trl(store, out, "trl-preference", "jsonl", gates=Gates()).rows == 1
    assert "exact duplicates removed: 1" in card_path(out).read_text()
    store.close()


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_text_comes_back_exactly(tmp_path: Path, fmt: str) -> None:
    """Unicode, quotes, backslashes, JSON-looking text and blank lines survive both containers."""
    prompt = 'Résoudre : ½x = 2 — "exactement" \\frac{1}{2}\n\n{"prompt": "not a column"}'
    chosen, rejected = "x = 4 ✓\r\n\tdone 🎉\x85", 'x = 1\u2028{"labels": [true]}\u2029\\'
    store = Store(f"sqlite:///{tmp_path / 'text.db'}")
    problem = Problem("math", "linear", prompt, {"answer": "4"}, "test")
    good, bad = (
        Candidate(problem.id, t, None, generator="g", sample_index=i)
        for i, t in enumerate((chosen, rejected))
    )
    store.add_problems([problem])
    store.add_candidates([good, bad])
    store.add_verdicts(
        [Verdict(good.id, "math-steps@27", Status.VERIFIED), Verdict(bad.id, "math-steps@27", Status.REFUTED)]
    )
    out = tmp_path / f"pairs.{fmt}"
    export_trl(store, out, "trl-preference", "jsonl" if fmt == "jsonl" else "parquet")
    (row,) = _load(out, tmp_path)
    if fmt == "jsonl":  # one row, one line, even for readers that split at U+2028
        assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert (row["prompt"][0]["content"], row["chosen"][0]["content"], row["rejected"][0]["content"]) == (
        prompt,
        chosen,
        rejected,
    )
    store.close()


# --- scorers ---------------------------------------------------------------------------------------------


def test_a_scorer_name_with_two_stored_versions_or_none_is_an_error(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'two.db'}")
    problem = Problem("math", "linear", "Solve for x: x = 1", {"answer": "1"}, "test")
    good, bad = (
        Candidate(problem.id, text, None, generator="g", sample_index=i)
        for i, text in enumerate(("x = 1", "x = 2"))
    )
    store.add_problems([problem])
    store.add_candidates([good, bad])
    store.add_verdicts(
        [Verdict(good.id, "math-steps@27", Status.VERIFIED), Verdict(bad.id, "math-steps@27", Status.REFUTED)]
    )
    store.add_scores([Score(good.id, "prm@1+aaaa", 0.9), Score(bad.id, "prm@1+bbbb", 0.1)])
    out = tmp_path / "pairs.jsonl"
    with pytest.raises(InputError, match=r"several stored scorers \(prm@1\+aaaa, prm@1\+bbbb\)"):
        export_trl(store, out, "trl-preference", "jsonl", scorer="prm")
    with pytest.raises(InputError, match="no stored scores from scorer 'orm'"):
        export_trl(store, out, "trl-preference", "jsonl", scorer="orm")
    assert not out.exists()  # nothing written on either error
    # the full id picks one version: the other side has no score from it, so no pair
    done = export_trl(store, out, "trl-preference", "jsonl", scorer="prm@1+aaaa")
    assert (done.rows, done.skipped) == (0, {"no scored refuted candidate": 1})
    store.close()


# --- the rules, case by case -----------------------------------------------------------------------------

V, R, U, N = StepStatus.VERIFIED, StepStatus.REFUTED, StepStatus.UNKNOWN, StepStatus.NO_CLAIM


def _trace(
    *statuses: StepStatus, status: Status, indices: tuple[int, ...] | None = None
) -> tuple[Candidate, Verdict]:
    steps = tuple(Step(i + 1, f"step {i + 1}", StepKind.CLAIM) for i in range(len(statuses)))
    candidate = Candidate("prb_x", "text", None, steps)
    where = indices or tuple(range(1, len(statuses) + 1))
    results = tuple(StepResult(i, s) for i, s in zip(where, statuses, strict=True))
    return candidate, Verdict(candidate.id, "math-steps@27", status, "", results)


@pytest.mark.parametrize(
    ("statuses", "status", "indices", "expected"),
    [
        # verified: every step True, prose included
        ((V, N, V), Status.VERIFIED, None, (True, True, True)),
        # refuted: True before the first refuted step, False from it on, whatever follows
        ((V, R, V, V), Status.REFUTED, None, (True, False, False, False)),
        ((R, V), Status.REFUTED, None, (False, False)),
        ((N, V, R), Status.REFUTED, None, (True, True, False)),
        # an unknown step after the first error cannot change a label
        ((V, R, U), Status.REFUTED, None, (True, False, False)),
        # an unknown step before it would decide every label after it: left out
        ((V, U, R), Status.REFUTED, None, "unknown step before the first refuted one"),
        ((U, U, R), Status.REFUTED, None, "unknown step before the first refuted one"),
        # a wrong outcome that no step locates: which step is to blame is not known
        ((V, V), Status.REFUTED, None, "refuted, but no step is"),
        # nothing established
        ((V, U), Status.UNKNOWN, None, "verdict unknown"),
        ((V, V), Status.ERROR, None, "verdict error"),
        ((V,), Status.TIMEOUT, None, "verdict timeout"),
        # contradictory evidence
        ((V, U), Status.VERIFIED, None, "verified with a failing step"),
        ((V, R), Status.VERIFIED, None, "verified with a failing step"),
        # step results about other things (code tests, another parse): never mapped onto these steps
        ((V, R), Status.REFUTED, (1, 3), "step results do not line up with the trace's steps"),
        ((V,), Status.REFUTED, (2,), "step results do not line up with the trace's steps"),
        ((), Status.VERIFIED, None, "no steps"),
    ],
)
def test_step_labels(
    statuses: tuple[StepStatus, ...], status: Status, indices: tuple[int, ...] | None, expected: object
) -> None:
    candidate, verdict = _trace(*statuses, status=status, indices=indices)
    assert step_labels(candidate.steps, verdict) == expected


def test_step_results_that_outnumber_the_steps_label_nothing() -> None:
    candidate, _ = _trace(V, V, status=Status.VERIFIED)
    tests = tuple(StepResult(i, V) for i in (1, 2, 3))  # e.g. three passing tests of a program
    assert step_labels(
        candidate.steps, Verdict(candidate.id, "code-tests@22", Status.VERIFIED, "", tests)
    ) == ("step results do not line up with the trace's steps")


def _option(
    name: str, status: Status | None, value: float | None = None, text: str = "", contested: bool = False
) -> Option:
    return Option(Candidate("prb_x", text or name, None, id=name), status, value, contested)


@pytest.mark.parametrize(
    ("options", "ranked", "expected"),
    [
        # the first of each by id without a scorer; the best and the worst with one
        (
            [
                ("v2", "verified", 0.1),
                ("v1", "verified", 0.9),
                ("r1", "refuted", 0.8),
                ("r2", "refuted", 0.2),
            ],
            False,
            ("v1", "r1"),
        ),
        (
            [
                ("v2", "verified", 0.1),
                ("v1", "verified", 0.9),
                ("r1", "refuted", 0.8),
                ("r2", "refuted", 0.2),
            ],
            True,
            ("v1", "r2"),
        ),
        (
            [
                ("v2", "verified", 0.95),
                ("v1", "verified", 0.9),
                ("r1", "refuted", 0.8),
                ("r2", "refuted", 0.2),
            ],
            True,
            ("v2", "r2"),
        ),
        # ties go to the smaller id
        (
            [
                ("v2", "verified", 0.5),
                ("v1", "verified", 0.5),
                ("r2", "refuted", 0.5),
                ("r1", "refuted", 0.5),
            ],
            True,
            ("v1", "r1"),
        ),
        # unscored candidates are not ranked
        ([("v1", "verified", None), ("v2", "verified", 0.1), ("r1", "refuted", 0.3)], True, ("v2", "r1")),
        # never an unknown, error or timeout as rejected: it may be right
        (
            [("v1", "verified", 0.9), ("u1", "unknown", 0.0)],
            True,
            "no refuted candidate (unknown, error and timeout are never rejected)",
        ),
        (
            [("v1", "verified", 0.9), ("e1", "error", 0.0), ("t1", "timeout", 0.0), ("n1", None, 0.0)],
            False,
            "no refuted candidate (unknown, error and timeout are never rejected)",
        ),
        # nor anything but verified as chosen, nor a verified one another verifier refuted
        (
            [("v1", "verified", 0.9, True), ("v2", "verified", 0.1), ("r1", "refuted", 0.0)],
            True,
            ("v2", "r1"),
        ),
        ([("v1", "verified", 0.9, True), ("r1", "refuted", 0.0)], False, "no verified candidate"),
        ([("u1", "unknown", 1.0), ("r1", "refuted", 0.0)], True, "no verified candidate"),
        ([("v1", "verified", None), ("r1", "refuted", 0.1)], True, "no scored verified candidate"),
        ([("v1", "verified", 0.9), ("r1", "refuted", None)], True, "no scored refuted candidate"),
        ([], False, "no verified candidate"),
    ],
)
def test_choose_pair(options: list[tuple[Any, ...]], ranked: bool, expected: object) -> None:
    offered = [
        _option(name, Status(status) if status else None, value, contested=bool(rest and rest[0]))
        for name, status, value, *rest in options
    ]
    pair = choose_pair(offered, ranked)
    got = pair if isinstance(pair, str) else (pair[0].candidate.id, pair[1].candidate.id)
    assert got == expected


def test_a_candidate_another_verifier_refuted_is_never_chosen_nor_labelled_right(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'contested.db'}")
    problem = Problem("math", "linear", "Solve for x: 9x = 18", {"answer": "2"}, "test")
    steps = (Step(1, "x = 2", StepKind.CLAIM),)
    good, bad = (
        Candidate(problem.id, text, None, steps, generator="g", sample_index=i)
        for i, text in enumerate(("x = 2", "x = 3"))
    )
    store.add_problems([problem])
    store.add_candidates([good, bad])
    store.add_verdicts(
        [
            Verdict(good.id, "math-steps@27", Status.VERIFIED, "", (StepResult(1, V),)),
            Verdict(good.id, "math-answer@27", Status.REFUTED),  # one refutation sinks it
            Verdict(bad.id, "math-steps@27", Status.REFUTED, "", (StepResult(1, R),)),
        ]
    )
    out = tmp_path / "out.jsonl"
    assert export_trl(store, out, "trl-preference", "jsonl").skipped == {"no verified candidate": 1}
    done = export_trl(store, out, "trl-stepwise", "jsonl")
    assert (done.rows, done.skipped) == (1, {"verified, but refuted by another verifier": 1})
    assert json.loads(out.read_text())["labels"] == [False]
    store.close()


def test_a_pair_of_the_same_text_is_no_pair() -> None:
    offered = [_option("v1", Status.VERIFIED, text="x = 2"), _option("r1", Status.REFUTED, text=" x  =\n2 ")]
    assert choose_pair(offered, ranked=False) == "chosen and rejected have the same text"


# --- the command -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "rows"),
    [
        (["jsonl", "--format", "trl-stepwise"], 9),
        (["parquet", "--format", "trl-preference", "--scorer", SCORER], 2),
    ],
)
def test_export_command_writes_trl_formats(
    space: tuple[Workspace, dict[str, str]], tmp_path: Path, args: list[str], rows: int
) -> None:
    from click.testing import CliRunner

    from assay.cli import cli

    workspace = space[0]
    out = tmp_path / f"out.{args[0]}"
    result = CliRunner().invoke(
        cli, ["export", *args, "-w", str(workspace.root), "--out", str(out), "--no-dedup"]
    )
    assert result.exit_code == 0, result.output
    assert f"{rows} rows" in result.output and "left out" in result.output
    assert _load(out, tmp_path).num_rows == rows


def test_export_command_refuses_another_status_for_trl_formats(
    space: tuple[Workspace, dict[str, str]], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from assay.cli import cli

    result = CliRunner().invoke(
        cli,
        [
            "export",
            "jsonl",
            "--format",
            "trl-sft",
            "--status",
            "any",
            "-w",
            str(space[0].root),
            "--out",
            str(tmp_path / "x.jsonl"),
        ],
    )
    assert result.exit_code == 2 and "trl-sft takes verified rows only" in result.output

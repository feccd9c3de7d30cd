"""What records promise beyond a round trip, held for the mutation target `verdict-records`
(tools/mutation.py): ids that never change between versions (a workspace resumes on them), status
spellings as stored and exported, frozen records, and the defaults a record made without them has."""

from __future__ import annotations

import dataclasses

import pytest

from assay.errors import InputError
from assay.records import (
    Attempt,
    Candidate,
    Problem,
    Review,
    ReviewDecision,
    Sample,
    Score,
    Status,
    Step,
    StepKind,
    StepResult,
    StepStatus,
    Verdict,
    attempt_id,
    settings_key,
)

# non-ASCII text and a reference whose keys are not in order: the canonical JSON (sorted keys, UTF-8)
PROBLEM = Problem("math", "linear", "Résous x + 1 = 2", {"b": [1, 2], "a": "é"}, "human:t")
CANDIDATE = Candidate(PROBLEM.id, "x = 1", "1")
SAMPLED = Candidate(
    PROBLEM.id,
    "x = 1",
    "1",
    generator="tiny:v1",
    sample_index=2,
    seed=5,
    params={"sampling": {"temperature": 0.7}, "template": "t1", "note": "x"},
)


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        # pinned: a change in how ids are made orphans every stored problem, candidate and verdict
        (PROBLEM.id, "prb_ea3d0b97e043eaef"),
        (CANDIDATE.id, "cand_9b70ac344b9dc3af"),
        (SAMPLED.id, "cand_78806a85b6173271"),
        (Verdict(CANDIDATE.id, "math-steps@1", Status.VERIFIED).id, "ver_a56185ef14a9f1a6"),
        (Score(CANDIDATE.id, "rm@1", 0.5).id, "scr_afee081f0b45d8bd"),
        (
            Review(CANDIDATE.id, "ana", ReviewDecision.ACCEPT, created_at="2026-01-01").id,
            "rev_efacf1d643c07a91",
        ),
        (attempt_id(PROBLEM.id, "g", 0, 0), "att_ced0b9f242760c6d"),
        (attempt_id(PROBLEM.id, "g", 0, 0, "set_x"), "att_7350440d8ad5c868"),
        (settings_key("t1", {"temperature": 0.7}), "set_49b8fb6f5c8d844e"),
    ],
)
def test_ids_are_stable_across_versions(record_id: str, expected: str) -> None:
    assert record_id == expected


def test_a_reference_in_another_key_order_is_the_same_problem() -> None:
    again = Problem("math", "linear", "Résous x + 1 = 2", {"a": "é", "b": [1, 2]}, "elsewhere")
    assert again.id == PROBLEM.id


@pytest.mark.parametrize(
    ("params", "same_id"),
    [
        ({}, True),
        ({"note": "y", "temperature": 0.1}, True),  # not identity params: the same sample
        ({"sampling": {"temperature": 0.9}, "template": "t1", "note": "x"}, False),
        ({"sampling": {"temperature": 0.7}, "template": "t2", "note": "x"}, False),
    ],
)
def test_only_the_identity_params_change_a_candidates_id(params: dict[str, object], same_id: bool) -> None:
    base = dataclasses.replace(SAMPLED, params={}, id="")
    other = dataclasses.replace(SAMPLED, params=params, id="")
    assert (other.id == base.id) is same_id


def test_status_spellings_are_the_stored_format() -> None:
    assert [s.value for s in Status] == ["verified", "refuted", "unknown", "error", "timeout"]
    assert [s.value for s in StepStatus] == ["verified", "refuted", "unknown", "no_claim"]
    assert len(set(Status)) == 5 and len(set(StepStatus)) == 4  # no member an alias of another


@pytest.mark.parametrize(
    "record",
    [
        PROBLEM,
        CANDIDATE,
        Step(1, "x = 1", StepKind.CLAIM),
        StepResult(1, StepStatus.VERIFIED),
        Verdict("c", "v", Status.VERIFIED),
        Score("c", "s", 0.5),
        Review("c", "ana", ReviewDecision.ACCEPT),
        Attempt("p", "g", 0, 0, "ok"),
        Sample(PROBLEM, CANDIDATE),
    ],
)
def test_records_are_frozen(record: object) -> None:
    name = dataclasses.fields(record)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, name, None)


def test_defaults() -> None:
    assert (CANDIDATE.generator, CANDIDATE.generation, CANDIDATE.sample_index, CANDIDATE.seed) == (
        "unknown",
        0,
        0,
        0,
    )
    assert Verdict("c", "v", Status.VERIFIED).seconds == 0.0
    failed = Attempt("p", "g", 0, 0, "failed", error="refused")
    assert (failed.prompt_tokens, failed.completion_tokens, failed.cost, failed.cached) == (0, 0, 0.0, False)


@pytest.mark.parametrize(("ratings", "ok"), [((-1, 0, 1), True), ((0,), True), ((2,), False), ((-2,), False)])
def test_step_ratings_are_minus_one_zero_or_one(ratings: tuple[int, ...], ok: bool) -> None:
    if ok:
        assert Review("c", "ana", ReviewDecision.EDIT, ratings).step_ratings == ratings
    else:
        with pytest.raises(InputError):
            Review("c", "ana", ReviewDecision.EDIT, ratings)

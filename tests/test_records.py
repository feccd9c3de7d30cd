import json

import pytest

from assay.errors import InputError
from assay.records import (
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
    from_json,
    to_json,
)

PROBLEM = Problem("math", "linear", "Solve for x: 2x + 5 = 13", {"answer": "4"}, "human:test")
CANDIDATE = Candidate(
    PROBLEM.id,
    "2x = 8\nx = 4",
    "4",
    (Step(1, "2x = 8", StepKind.CLAIM, "2x = 8"),),
    generator="tiny:v1",
    generation=2,
    sample_index=3,
    seed=7,
    params={"temperature": 1.0},
)
VERDICT = Verdict(
    CANDIDATE.id,
    "math-steps@27",
    Status.REFUTED,
    "step 1: wrong",
    (StepResult(1, StepStatus.REFUTED, "wrong"),),
    0.01,
)
SCORE = Score(CANDIDATE.id, "rm@1", 0.5, (0.1, 0.9))
REVIEW = Review(
    CANDIDATE.id, "ana", ReviewDecision.EDIT, (1, -1), "first error", "x = 4", "2026-01-01T00:00:00"
)


@pytest.mark.parametrize(
    "record",
    [PROBLEM, CANDIDATE, VERDICT, SCORE, REVIEW, Sample(PROBLEM, CANDIDATE, (VERDICT,), (SCORE,), (REVIEW,))],
)
def test_json_round_trip(record: object) -> None:
    data = to_json(record)
    assert from_json(type(record), json.loads(json.dumps(data))) == record


def test_ids_are_content_hashes() -> None:
    same = Problem("math", "linear", "Solve for x: 2x + 5 = 13", {"answer": "4"}, "elsewhere")
    other = Problem("math", "linear", "Solve for x: 2x + 5 = 14", {"answer": "4.5"}, "human:test")
    assert PROBLEM.id == same.id  # the source does not change what the problem is
    assert PROBLEM.id != other.id
    assert PROBLEM.id.startswith("prb_")
    again = Candidate(PROBLEM.id, "2x = 8\nx = 4", "4", generator="tiny:v1", sample_index=3, seed=7)
    assert again.id == CANDIDATE.id
    assert (
        Candidate(PROBLEM.id, "2x = 8\nx = 4", "4", generator="tiny:v1", sample_index=4, seed=7).id
        != CANDIDATE.id
    )


def test_first_error_step() -> None:
    assert VERDICT.first_error_step == 1
    ok = Verdict(
        "c",
        "v",
        Status.VERIFIED,
        steps=(StepResult(1, StepStatus.VERIFIED), StepResult(2, StepStatus.NO_CLAIM)),
    )
    assert ok.first_error_step is None


@pytest.mark.parametrize(
    ("cls", "data", "message"),
    [
        (Problem, {"domain": "math", "bogus": 1}, "no field"),
        (Verdict, {"candidate_id": "c", "verifier": "v", "status": "maybe"}, "status"),
        (Problem, ["not", "an", "object"], "JSON object"),
        (Problem, {"domain": "math"}, "Problem"),
    ],
)
def test_bad_json_raises_input_error(cls: type, data: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_json(cls, data)  # type: ignore[arg-type]


def test_review_ratings_are_checked() -> None:
    with pytest.raises(InputError, match="-1, 0 or \\+1"):
        Review("c", "ana", ReviewDecision.ACCEPT, (2,))

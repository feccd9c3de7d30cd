"""The verifier scorer: values from stored verdicts, fail-closed for anything undecided."""

from __future__ import annotations

import pytest

from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict
from assay.scoring import ScoreItem
from assay.scoring.verifier import UNDECIDED, VerifierScorer

PROBLEM = Problem("math", "linear", "Solve for x: 2x = 4", {"answer": "2"}, "test")
CANDIDATE = Candidate(PROBLEM.id, "2x = 4\nx = 2", "2")
V, R, U, N = StepStatus.VERIFIED, StepStatus.REFUTED, StepStatus.UNKNOWN, StepStatus.NO_CLAIM


def verdict(status: Status, steps: tuple[StepStatus, ...] = (), verifier: str = "math-steps@27") -> Verdict:
    results = tuple(StepResult(i, s) for i, s in enumerate(steps, 1))
    return Verdict(CANDIDATE.id, verifier, status, steps=results)


@pytest.mark.parametrize(
    ("verdicts", "value", "steps"),
    [
        # one verdict
        ((verdict(Status.VERIFIED, (V, V)),), 1.0, (1.0, 1.0)),
        ((verdict(Status.REFUTED, (V, R)),), 0.0, (1.0, 0.0)),
        ((verdict(Status.UNKNOWN, (N, U)),), UNDECIDED, (1.0, UNDECIDED)),
        ((verdict(Status.ERROR),), UNDECIDED, ()),
        ((verdict(Status.TIMEOUT),), UNDECIDED, ()),
        # no verdict at all (a domain with no verifier): undecided, never verified
        ((), UNDECIDED, ()),
        # several verdicts: the lowest decides (a lenient verified never overrules a strict doubt)
        (
            (verdict(Status.VERIFIED, verifier="math-answer@27"), verdict(Status.UNKNOWN, (V, U))),
            UNDECIDED,
            (1.0, 0.5),
        ),
        (
            (verdict(Status.VERIFIED, verifier="math-answer@27"), verdict(Status.REFUTED, (R, V))),
            0.0,
            (0.0, 1.0),
        ),
        ((verdict(Status.ERROR, verifier="a@1"), verdict(Status.VERIFIED, (V,))), UNDECIDED, ()),
    ],
)
def test_values(verdicts: tuple[Verdict, ...], value: float, steps: tuple[float, ...]) -> None:
    [score] = VerifierScorer().score([ScoreItem(PROBLEM, CANDIDATE, verdicts)])
    assert (score.value, score.step_values) == (value, steps)
    assert score.scorer == "verifier@1"


def test_only_verified_reaches_one() -> None:
    for status in Status:
        [score] = VerifierScorer().score([ScoreItem(PROBLEM, CANDIDATE, (verdict(status),))])
        assert (score.value == 1.0) == (status is Status.VERIFIED)

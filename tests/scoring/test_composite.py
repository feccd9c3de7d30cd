"""The composite scorer: gates band the values, rank scorers order each band."""

from __future__ import annotations

import pytest

from assay.records import Candidate, Problem, Status, Verdict
from assay.registry import Registry
from assay.scoring import FakeScorer, ScoreItem, build, checked
from assay.scoring.composite import CompositeScorer, parse
from assay.scoring.verifier import VerifierScorer

PROBLEM = Problem("math", "linear", "Solve for x: 2x = 4", {"answer": "2"}, "test")


def make(status: Status | None, quality: float, index: int) -> ScoreItem:
    """A candidate with a verdict (or none) and a `quality` the fake rank scorer reads from its text."""
    candidate = Candidate(PROBLEM.id, f"{quality}", "2", sample_index=index)
    verdicts = () if status is None else (Verdict(candidate.id, "math-steps@27", status),)
    return ScoreItem(PROBLEM, candidate, verdicts)


def registry() -> Registry:
    reg = Registry()
    reg.register("scorers", "verifier", VerifierScorer)
    reg.register("scorers", "composite", CompositeScorer)
    reg.register(
        "scorers", "quality", lambda: FakeScorer(lambda i: float(i.candidate.text), name="quality@3")
    )
    reg.register("scorers", "flat", lambda: FakeScorer(lambda i: 0.2, name="flat@1"))
    return reg


@pytest.mark.parametrize(
    ("options", "gates", "weights"),
    [
        ("gate=verifier,rank=prm", ("verifier",), (("prm", 1.0),)),
        ("prm=0.7, orm=0.3", (), (("prm", 0.7), ("orm", 0.3))),
        ("gate=verifier", ("verifier",), ()),
        ("gate=a,gate=b,rank=c", ("a", "b"), (("c", 1.0),)),
    ],
)
def test_parse(options: str, gates: tuple[str, ...], weights: tuple[tuple[str, float], ...]) -> None:
    spec = parse(options)
    assert (spec.gates, spec.weights) == (gates, weights)


def test_verified_then_ranked() -> None:
    items = [
        make(Status.VERIFIED, 0.1, 0),
        make(Status.REFUTED, 0.99, 1),  # the rank scorer loves it; the gate does not
        make(Status.VERIFIED, 0.8, 2),
        make(Status.UNKNOWN, 1.0, 3),  # undecided never passes the gate
        make(None, 1.0, 4),  # a domain with no verifier: no verdict, never passes
        make(Status.REFUTED, 0.3, 5),
    ]
    scorer = build("composite:gate=verifier,rank=quality", registry=registry())
    scores = checked(scorer, items)
    order = sorted(range(len(items)), key=lambda i: -scores[i].value)
    assert order[:2] == [2, 0]  # the verified ones first, by quality
    assert all(scores[i].value < 0.5 for i in (1, 3, 4, 5))
    assert all(scores[i].value >= 0.5 for i in (0, 2))
    assert scores[1].value > scores[5].value  # the failing band keeps its order too
    assert scorer.id == "composite@1(gate=verifier@1,quality@3=1)"
    assert getattr(scorer, "needs_verdicts", False)


def test_weights_are_normalised() -> None:
    scorer = build("composite:quality=3,flat=1", registry=registry())
    [score] = checked(scorer, [make(None, 0.6, 0)])
    assert score.value == pytest.approx(0.5 + 0.5 * (0.75 * 0.6 + 0.25 * 0.2))
    assert not getattr(scorer, "needs_verdicts", False)

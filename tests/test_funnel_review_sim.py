"""The simulated reviewer: right as often as its accuracy says (counts on a fixed seed), pulled by its
bias, the same decision for a candidate on every run and in any batch, and never right by accident
about what no verifier proved."""

from __future__ import annotations

import pytest

from assay.errors import ConfigError
from assay.records import Candidate, Problem, ReviewDecision, Status, Verdict
from assay.review_sim import SimReviewer, feature, is_right
from assay.scoring.base import ScoreItem

PROBLEM = Problem("math", "linear", "Solve for x: 2x + 5 = 13", {"answer": "4"}, "test")


def _item(index: int, status: Status | None, text: str = "") -> ScoreItem:
    candidate = Candidate(
        PROBLEM.id, text or f"x = 4 (sample {index})", "4", generator="g", sample_index=index
    )
    verdicts = () if status is None else (Verdict(candidate.id, "math-steps@27", status, ""),)
    return ScoreItem(PROBLEM, candidate, verdicts)


def _pool(n: int, text: str = "") -> list[ScoreItem]:
    """n items, the first half verified, the second half refuted."""
    return [_item(i, Status.VERIFIED if i < n // 2 else Status.REFUTED, text) for i in range(n)]


def _right(reviewer: SimReviewer, items: list[ScoreItem]) -> set[str]:
    """Ids of the items the reviewer decides as the truth says."""
    out = set()
    for review, item in zip(reviewer.review(items), items, strict=True):
        assert review.candidate_id == item.candidate.id and review.reviewer == reviewer.id
        if (review.decision == ReviewDecision.ACCEPT) == is_right(item):
            out.add(item.candidate.id)
    return out


@pytest.mark.parametrize("accuracy", [1.0, 0.9, 0.75, 0.5, 0.0])
def test_the_share_of_right_decisions_is_the_accuracy(accuracy: float) -> None:
    items = _pool(1000)
    right = _right(SimReviewer(accuracy=accuracy, seed=7), items)
    # binomial(1000, p): 4.5 standard deviations either side (deterministic for this seed; the band
    # only says any fair draw would land here)
    spread = 4.5 * (1000 * accuracy * (1 - accuracy)) ** 0.5
    assert 1000 * accuracy - spread <= len(right) <= 1000 * accuracy + spread
    # right as often on the right candidates as on the wrong ones
    good = {i.candidate.id for i in items[:500]}
    assert abs(len(right & good) - len(right - good)) <= 2 * spread + 1


def test_decisions_are_fixed_by_seed_and_candidate_not_by_batch_or_order() -> None:
    items = _pool(200)
    reviewer = SimReviewer(accuracy=0.8, seed=3)
    whole = {r.candidate_id: r.decision for r in reviewer.review(items)}
    pieces = {r.candidate_id: r.decision for r in reviewer.review(items[::-1][:70])}
    pieces |= {r.candidate_id: r.decision for r in reviewer.review(items[::-1][70:])}
    assert whole == pieces
    assert [r.id for r in reviewer.review(items)] == [r.id for r in reviewer.review(items)]  # same records
    other = {r.candidate_id: r.decision for r in SimReviewer(accuracy=0.8, seed=4).review(items)}
    assert other != whole
    # one seed, two accuracies: the better reviewer is right wherever the worse one is
    assert _right(SimReviewer(accuracy=0.7, seed=3), items) <= _right(
        SimReviewer(accuracy=0.9, seed=3), items
    )


@pytest.mark.parametrize(
    ("statuses", "right"),
    [
        ((Status.VERIFIED,), True),
        ((Status.REFUTED,), False),
        ((Status.UNKNOWN,), False),  # nothing proved it: the simulation fails closed
        ((Status.ERROR,), False),
        ((Status.TIMEOUT,), False),
        ((), False),  # no verifier at all
        ((Status.VERIFIED, Status.REFUTED), False),  # one refutation sinks it
        ((Status.VERIFIED, Status.UNKNOWN), False),
        ((Status.VERIFIED, Status.VERIFIED), True),
    ],
)
def test_the_truth_is_every_verdict_verified(statuses: tuple[Status, ...], right: bool) -> None:
    candidate = Candidate(PROBLEM.id, "x = 4", "4", generator="g")
    verdicts = tuple(Verdict(candidate.id, f"v{i}@1", s, "") for i, s in enumerate(statuses))
    assert is_right(ScoreItem(PROBLEM, candidate, verdicts)) is right
    # a perfect reviewer follows the truth exactly
    decision = SimReviewer(accuracy=1.0).decide(ScoreItem(PROBLEM, candidate, verdicts))
    assert decision == (ReviewDecision.ACCEPT if right else ReviewDecision.REJECT)


@pytest.mark.parametrize(
    ("bias", "text", "value"),
    [
        ("none", "anything at all", 0.5),
        ("long", "", 0.0),
        ("long", "x" * 200, 0.5),
        ("long", "x" * 600, 0.75),
        ("confident", "2x = 8, so x = 4", 0.5),
        ("confident", "Clearly x = 4.", 1.0),
        ("confident", "The answer is $\\boxed{4}$", 1.0),
        ("confident", "x = 4!", 1.0),
        ("confident", "Maybe x = 4", 0.0),
        ("confident", "x = 4?", 0.0),
        ("confident", "I think the answer is clearly \\boxed{4}", 0.0),  # a hedge outweighs bravado
        ("confident", "PROBABLY x = 4", 0.0),
        ("confident", "Obviously-wrong? no: x = 4", 0.0),
    ],
)
def test_bias_features(bias: str, text: str, value: float) -> None:
    assert feature(bias, text) == pytest.approx(value)  # type: ignore[arg-type]


def test_a_long_bias_accepts_long_wrong_answers_and_rejects_short_right_ones() -> None:
    short, long = _pool(400, "x = 4"), _pool(400, "x = 4 " + "because " * 120)
    reviewer = SimReviewer(accuracy=0.9, bias="long", bias_strength=0.8, seed=1)
    accepted = {r.candidate_id for r in reviewer.review(short + long) if r.decision == ReviewDecision.ACCEPT}
    long_wrong = sum(1 for i in long[200:] if i.candidate.id in accepted)
    short_right = sum(1 for i in short[:200] if i.candidate.id in accepted)
    # p(accept) = 0.2 * base + 0.8 * f: long wrong 0.2 * 0.1 + 0.8 * 0.83 ≈ 0.69; short right
    # 0.2 * 0.9 + 0.8 * 0.02 ≈ 0.20; unbiased they would be 0.1 and 0.9
    assert long_wrong > 100 and short_right < 70
    unbiased = SimReviewer(accuracy=0.9, seed=1)
    plain = {r.candidate_id for r in unbiased.review(short + long) if r.decision == ReviewDecision.ACCEPT}
    assert sum(1 for i in long[200:] if i.candidate.id in plain) < 40


@pytest.mark.parametrize(
    ("reviewer", "expected"),
    [
        (SimReviewer(), "sim:acc=0.9,seed=0"),
        (SimReviewer(accuracy=0.75, seed=12), "sim:acc=0.75,seed=12"),
        (SimReviewer(bias="long", bias_strength=0.3, seed=2), "sim:acc=0.9,bias=long:0.3,seed=2"),
        (SimReviewer(bias="confident", bias_strength=0.0), "sim:acc=0.9,seed=0"),  # no pull: no bias
    ],
)
def test_reviewer_ids_name_every_setting(reviewer: SimReviewer, expected: str) -> None:
    assert reviewer.id == expected


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"accuracy": 1.5}, "accuracy is in [0, 1]"),
        ({"accuracy": -0.1}, "accuracy is in [0, 1]"),
        ({"bias_strength": 2.0}, "bias strength is in [0, 1]"),
        ({"bias": "short"}, "bias is one of none, long, confident"),
    ],
)
def test_bad_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        SimReviewer(**settings)  # type: ignore[arg-type]

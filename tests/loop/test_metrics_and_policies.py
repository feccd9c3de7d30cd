"""Collapse metrics on known inputs, and what each policy puts in the training set."""

from __future__ import annotations

import random

import pytest

from assay.loop.arm import final_answer, parity_matches, training_set
from assay.loop.metrics import answer_spread, compression_ratio, distinct_n, diversity_alarm
from assay.loop.policies import POLICIES


def test_metrics() -> None:
    assert distinct_n(["abab"], 2) == pytest.approx(2 / 3)
    assert distinct_n([], 3) == 0.0
    rng = random.Random(0)
    assert compression_ratio(["a" * 1000]) < compression_ratio(
        ["".join(rng.choice("abcdefghij") for _ in range(1000))]
    )
    distinct, entropy = answer_spread([["4", "4"], ["1", "2"]])
    assert distinct == pytest.approx(1.5) and entropy == pytest.approx(0.5)
    assert diversity_alarm(0.5, 1.0, 0.3) and not diversity_alarm(0.8, 1.0, 0.3)


def test_final_answer_and_the_weak_oracle() -> None:
    assert final_answer("2x=8\nx=8/2=4\nVerify: 2(4)+5=13") == "4"
    assert final_answer("nonsense") is None
    assert parity_matches("x=8/2=4", "4") and parity_matches("x=6", "-4")  # the weak oracle lets 6 pass for 4
    assert not parity_matches("x=5", "4") and not parity_matches("x=2/3", "4")


GENERATION = {
    "pairs": [("p1", "good"), ("p2", "lucky"), ("p3", "bad")],
    "verified": [True, False, False],
    "answer_ok": [True, True, False],
    "weak_ok": [True, True, True],
}
SEED = [("s1", "human")]
FRESH = [(f"h{i}", "fresh") for i in range(10)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("naive-replace", ["good", "lucky", "bad"]),
        ("naive-accumulate", ["human", "old", "good", "lucky", "bad"]),
        ("verified-replace", ["good"]),
        ("verified-accumulate", ["human", "old", "good"]),
        ("answer-only", ["human", "old", "good", "lucky"]),
        ("weak-verifier", ["human", "old", "good", "lucky", "bad"]),
    ],
)
def test_training_sets(name: str, expected: list[str]) -> None:
    chosen = training_set(POLICIES[name], GENERATION, [("p0", "old")], SEED, FRESH, random.Random(0))
    assert [e.response for e in chosen.examples] == expected


def test_fresh_human_share() -> None:
    examples = training_set(
        POLICIES["replace+10%-human"], GENERATION, [], SEED, FRESH, random.Random(0)
    ).examples
    assert [e.origin for e in examples].count("human") == 0  # 3 model rows: 10% rounds down to none
    big = {
        "pairs": [("p", "r")] * 90,
        "verified": [False] * 90,
        "answer_ok": [False] * 90,
        "weak_ok": [False] * 90,
    }
    examples = training_set(
        POLICIES["replace+10%-human"], big, [], SEED, FRESH * 2, random.Random(0)
    ).examples
    assert [e.origin for e in examples].count("human") == 10


def _generation(tag: str, verified: list[bool]) -> dict[str, list]:
    return {
        "pairs": [(f"{tag}{i}", f"{tag}-{'ok' if ok else 'bad'}{i}") for i, ok in enumerate(verified)],
        "verified": verified,
        "answer_ok": verified,
        "weak_ok": [True] * len(verified),
    }


@pytest.mark.parametrize(
    ("name", "second"),
    [
        # accumulating arms carry forward what they kept, never what they rejected
        ("verified-accumulate", ["human", "g1-ok0", "g2-ok1"]),
        ("answer-only", ["human", "g1-ok0", "g2-ok1"]),
        ("naive-accumulate", ["human", "g1-ok0", "g1-bad1", "g2-bad0", "g2-ok1"]),
        # replacing arms forget the earlier generation
        ("verified-replace", ["g2-ok1"]),
        ("naive-replace", ["g2-bad0", "g2-ok1"]),
    ],
)
def test_the_history_an_arm_carries_across_generations(name: str, second: list[str]) -> None:
    rng = random.Random(0)
    first = training_set(POLICIES[name], _generation("g1", [True, False]), [], SEED, FRESH, rng)
    later = training_set(POLICIES[name], _generation("g2", [False, True]), first.history, SEED, FRESH, rng)
    assert [e.response for e in later.examples] == second
    assert later.history == first.history + later.kept


def test_the_noisy_verifier_keeps_every_verified_sample_and_some_rejected_ones() -> None:
    verified = [i % 2 == 0 for i in range(2000)]
    chosen = training_set(
        POLICIES["noisy-verifier"], _generation("g", verified), [], [], [], random.Random(0)
    )
    kept = {response for _, response in chosen.kept}
    assert {f"g-ok{i}" for i in range(0, 2000, 2)} <= kept
    false_accepts = sum(response.startswith("g-bad") for response in kept)
    # 1,000 rejected samples at a 20% false-accept rate: a binomial count, far from 0 and from 1,000
    assert 120 <= false_accepts <= 280
    assert POLICIES["noisy-verifier"].false_accept == 0.2

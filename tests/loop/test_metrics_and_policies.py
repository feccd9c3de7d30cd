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
    examples, _ = training_set(POLICIES[name], GENERATION, [("p0", "old")], SEED, FRESH, random.Random(0))
    assert [e.response for e in examples] == expected


def test_fresh_human_share() -> None:
    examples, _ = training_set(POLICIES["replace+10%-human"], GENERATION, [], SEED, FRESH, random.Random(0))
    assert [e.origin for e in examples].count("human") == 0  # 3 model rows: 10% rounds down to none
    big = {
        "pairs": [("p", "r")] * 90,
        "verified": [False] * 90,
        "answer_ok": [False] * 90,
        "weak_ok": [False] * 90,
    }
    examples, _ = training_set(POLICIES["replace+10%-human"], big, [], SEED, FRESH * 2, random.Random(0))
    assert [e.origin for e in examples].count("human") == 10

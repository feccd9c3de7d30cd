"""Collapse metrics on known inputs, and what each policy puts in the training set."""

from __future__ import annotations

import random

import pytest

from assay.loop.curation import Example
from assay.loop.judging import parity_matches
from assay.loop.metrics import answer_spread, compression_ratio, distinct_n, diversity_alarm
from assay.loop.policies import POLICIES
from assay.loop.training_set import Judgements, training_set


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


# The weak oracle compares the exact value the domain's parser read (assay.training.answers), never text.
@pytest.mark.parametrize(
    ("value", "gold", "passes"),
    [
        ("4", "4", True),
        ("6", "-4", True),  # the weak oracle lets 6 pass for -4: same parity
        ("-3", "7", True),
        ("5", "4", False),
        ("2/3", "4", False),  # not a whole number
        ("2 + sqrt(3)", "4", False),
        (None, "4", False),  # no answer read: the oracle can only say no
        ("4", "x = 4", False),  # a gold it cannot read is no match either
        ("1" * 13, "1", False),  # beyond 12 digits
    ],
)
def test_the_weak_oracle(value: str | None, gold: str, passes: bool) -> None:
    assert parity_matches(value, gold) is passes


def _judged(
    pairs: list[tuple[str, str]], verified: list[bool], answer_ok: list[bool], weak_ok: list[bool]
) -> list[Judgements]:
    return [Judgements(*pair, *oks) for pair, *oks in zip(pairs, verified, answer_ok, weak_ok, strict=True)]


GENERATION = _judged(
    [("p1", "good"), ("p2", "lucky"), ("p3", "bad")],
    verified=[True, False, False],
    answer_ok=[True, True, False],
    weak_ok=[True, True, True],
)
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
    big = _judged([("p", "r")] * 90, [False] * 90, [False] * 90, [False] * 90)
    examples = training_set(
        POLICIES["replace+10%-human"], big, [], SEED, FRESH * 2, random.Random(0)
    ).examples
    assert [e.origin for e in examples].count("human") == 10


def _generation(tag: str, verified: list[bool]) -> list[Judgements]:
    pairs = [(f"{tag}{i}", f"{tag}-{'ok' if ok else 'bad'}{i}") for i, ok in enumerate(verified)]
    return _judged(pairs, verified, verified, [True] * len(verified))


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


# What each policy is made of, as README's policy table says: (keep, accumulate, seed data, fresh human
# share, false-accept rate, curated). A policy that silently changes one of these is another experiment.
POLICY_TABLE = {
    "naive-replace": ("all", False, False, 0.0, 0.0, False),
    "naive-accumulate": ("all", True, True, 0.0, 0.0, False),
    "replace+10%-human": ("all", False, False, 0.1, 0.0, False),
    "verified-replace": ("verified", False, False, 0.0, 0.0, True),
    "verified-accumulate": ("verified", True, True, 0.0, 0.0, True),
    "answer-only": ("answer", True, True, 0.0, 0.0, True),
    "weak-verifier": ("weak", True, True, 0.0, 0.0, True),
    "noisy-verifier": ("noisy", True, True, 0.0, 0.2, True),
}


def test_every_policy_is_what_readme_says() -> None:
    found = {
        name: (p.keep, p.accumulate, p.seed_data, p.human_share, p.false_accept, p.curate)
        for name, p in POLICIES.items()
    }
    assert found == POLICY_TABLE


@pytest.mark.parametrize(
    ("options", "valid"),
    [
        ({"keep": "verified"}, True),
        ({"keep": "everything"}, False),
        ({"human_share": 0.0}, True),
        ({"human_share": 0.99}, True),
        ({"human_share": 1.0}, False),  # a set of only fresh human data is not a self-training arm
        ({"human_share": -0.1}, False),
        ({"false_accept": 0.0}, True),
        ({"false_accept": 1.0}, True),
        ({"false_accept": 1.01}, False),
        ({"false_accept": -0.01}, False),
    ],
)
def test_policy_values_are_checked(options: dict, valid: bool) -> None:
    from assay.loop.policies import Policy

    if valid:
        Policy("p", **options)
    else:
        with pytest.raises(ValueError):
            Policy("p", **options)


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_curated_policies_gate_their_training_set_and_the_others_do_not(name: str) -> None:
    twice = _judged(
        [("Solve for x: 2x = 8", "x = 4")] * 2 + [("Solve for x: held out", "x = 1")],
        [True, True, True],
        [True, True, True],
        [True, True, True],
    )
    chosen = training_set(POLICIES[name], twice, [], [], [], random.Random(0), ["Solve for x: held out"])
    responses = [e.response for e in chosen.examples]
    if POLICIES[name].curate:
        assert responses == ["x = 4"]  # the duplicate and the contaminated prompt are gone
        assert chosen.gates is not None
        assert (chosen.gates.exact_duplicates, chosen.gates.contaminated) == (1, 1)
    else:
        assert responses == ["x = 4", "x = 4", "x = 1"] and chosen.gates is None


def test_policies_are_frozen() -> None:  # they are shared by every arm of a run: nobody may change one
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        POLICIES["verified-accumulate"].keep = "all"  # type: ignore[misc]


def test_a_replacing_arm_that_keeps_nothing_has_an_empty_set_and_no_human_share() -> None:
    # verified-replace when no sample verifies (a young model): the arm trains on one seed trace and
    # records a human share of 0, where it used to end with a division by zero
    from assay.loop.arm import _human_share

    chosen = training_set(
        POLICIES["verified-replace"], _generation("g", [False, False]), [], SEED, FRESH, random.Random(0)
    )
    assert chosen.examples == [] and chosen.kept == []
    assert _human_share(chosen.examples) == 0.0
    assert _human_share([Example("p", "r", "human"), Example("q", "s", "model")]) == 0.5


@pytest.mark.parametrize("name", [n for n in POLICIES if POLICIES[n].keep != "noisy"])
def test_only_the_noisy_verifier_draws_from_the_arms_random_stream(name: str) -> None:
    # the arm's later draws (and so its published numbers) depend on how many draws each generation
    # takes: a policy that judges exactly must take none, the noisy one one per rejected sample
    rng = random.Random(7)
    before = rng.getstate()
    training_set(POLICIES[name], GENERATION, [], SEED, FRESH, rng)
    assert rng.getstate() == before
    noisy = random.Random(7)
    training_set(POLICIES["noisy-verifier"], GENERATION, [], SEED, FRESH, noisy)
    replay = random.Random(7)
    for _ in range(2):  # two of the three samples are rejected
        replay.random()
    assert noisy.getstate() == replay.getstate()

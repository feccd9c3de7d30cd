"""Agreement metrics against textbook values, gold scoring and the rushed flag."""

from __future__ import annotations

import pytest

from assay.review.agreement import (
    RUSHED_SECONDS_PER_STEP,
    cohen_kappa,
    gold_correct,
    kappa_pairs,
    krippendorff_alpha_nominal,
    pairwise_agreement,
    rushed,
)


def _table(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> tuple[list[str], list[str]]:
    """Two raters' labels from a 2x2 contingency table (rows: rater A, columns: rater B)."""
    a = ["y"] * (yes_yes + yes_no) + ["n"] * (no_yes + no_no)
    b = ["y"] * yes_yes + ["n"] * yes_no + ["y"] * no_yes + ["n"] * no_no
    return a, b


@pytest.mark.parametrize(
    ("table", "kappa"),
    [
        # p_o = 0.7, p_e = 0.5 (the classic 50-item example in Cohen's-kappa textbooks and Wikipedia)
        ((20, 5, 10, 15), 0.4),
        # same agreement, different marginals: κ differs (the "kappa paradox" pair)
        ((45, 15, 25, 15), 0.1304),
        ((25, 35, 5, 35), 0.2593),
        # perfect agreement on two labels
        ((10, 0, 0, 10), 1.0),
        # perfect disagreement, balanced
        ((0, 10, 10, 0), -1.0),
    ],
)
def test_cohen_kappa_matches_textbook_values(table: tuple[int, int, int, int], kappa: float) -> None:
    a, b = _table(*table)
    assert cohen_kappa(a, b) == pytest.approx(kappa, abs=5e-5)


def test_cohen_kappa_is_undefined_when_both_raters_use_one_label() -> None:
    assert cohen_kappa(["y"] * 5, ["y"] * 5) is None
    assert cohen_kappa([], []) is None
    with pytest.raises(ValueError):
        cohen_kappa(["y"], ["y", "n"])


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": the 4-coder, 12-unit nominal
# example with missing values (units listed as the values they received), α = 0.743; and the
# two-coder binary example, α = 0.095.
FOUR_CODERS = [
    [1, 1, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [5, 5, 5],
    [1, 1],
    [3],  # one value: not pairable, left out
]
TWO_CODERS_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
TWO_CODERS_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("units", "alpha"),
    [
        (FOUR_CODERS, 0.743),
        ([[a, b] for a, b in zip(TWO_CODERS_A, TWO_CODERS_B, strict=True)], 0.095),
        ([["a", "a"], ["b", "b"], ["a", "a", "a"]], 1.0),
    ],
)
def test_krippendorff_alpha_nominal_matches_textbook_values(units: list[list[object]], alpha: float) -> None:
    assert krippendorff_alpha_nominal(units) == pytest.approx(alpha, abs=5e-4)


@pytest.mark.parametrize(
    "units",
    [
        [],  # nothing
        [["a"], ["b"]],  # no unit with two values
        [["a", "a"], ["a", "a"]],  # one label throughout: no disagreement to expect
    ],
)
def test_krippendorff_alpha_is_undefined_without_expected_disagreement(units: list[list[object]]) -> None:
    assert krippendorff_alpha_nominal(units) is None


def test_kappa_on_the_two_coder_example_by_hand() -> None:
    # p_o = 6/10; A says 1 twice, B four times: p_e = (8·6 + 2·4) / 100 = 0.56; κ = 0.04 / 0.44
    assert cohen_kappa(TWO_CODERS_A, TWO_CODERS_B) == pytest.approx(0.04 / 0.44)


@pytest.mark.parametrize(
    ("labels", "agreement"),
    [
        (["accept", "accept"], 1.0),
        (["accept", "reject"], 0.0),
        (["accept", "accept", "reject"], 1 / 3),
        (["accept"], 1.0),
    ],
)
def test_pairwise_agreement(labels: list[str], agreement: float) -> None:
    assert pairwise_agreement(labels) == pytest.approx(agreement)


@pytest.mark.parametrize(
    ("truth", "decision", "right"),
    [
        ("verified", "accept", True),
        ("verified", "reject", False),
        ("verified", "edit", False),  # an edit says the original was not right as written
        ("refuted", "reject", True),
        ("refuted", "edit", True),
        ("refuted", "accept", False),
    ],
)
def test_gold_scoring(truth: str, decision: str, right: bool) -> None:
    assert gold_correct(truth, decision) is right


@pytest.mark.parametrize(
    ("seconds", "steps", "flag"),
    [
        (None, 4, False),  # no time known: never flagged
        (RUSHED_SECONDS_PER_STEP * 4 - 0.1, 4, True),
        (RUSHED_SECONDS_PER_STEP * 4, 4, False),
        (1.0, 0, True),  # a trace with no steps still needs one step's time
        (60.0, 10, False),
    ],
)
def test_rushed_flag(seconds: float | None, steps: int, flag: bool) -> None:
    assert rushed(seconds, steps) is flag


def test_kappa_pairs_use_only_items_both_decided() -> None:
    labels = {
        "a": {"1": "accept", "2": "reject", "3": "accept"},
        "b": {"2": "reject", "3": "accept"},
        "c": {"9": "x"},
    }
    assert kappa_pairs(labels) == [{"a": "a", "b": "b", "kappa": 1.0, "n": 2}]

"""Boxes that only join (`\\boxed{2} and \\boxed{3}`) are one answer line to the step checker too: the
answer step is held to the work, so a root added or lost there is refuted; words that do more than join
leave the line unread."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

WORK = "x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\nx = 2 or x = 3\n\n"


def _status(closing: str) -> str:
    job = {
        "prompt": "Solve for x: x^2 - 5x + 6 = 0",
        "reference": {"answer": "2, 3"},
        "task": "",
        "response": WORK + closing,
    }
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("\\boxed{2} and \\boxed{3}", "verified"),
        ("The solutions are $\\boxed{2}$ and $\\boxed{3}$.", "verified"),
        ("\\boxed{x = 2}, \\boxed{x = 3}", "verified"),
        ("\\boxed{2} \\quad \\text{or} \\quad \\boxed{3}", "verified"),
        ("\\boxed{2} and \\boxed{4}", "refuted"),
        ("\\boxed{2} and \\boxed{3} and \\boxed{4}", "refuted"),
        ("\\boxed{2}, \\boxed{2}", "refuted"),
        ("\\boxed{2} or maybe \\boxed{3}", "unknown"),
        ("\\boxed{2} but not \\boxed{3}", "unknown"),
        # after a connective alone
        ("So \\boxed{2} and \\boxed{3}.", "verified"),
        ("Therefore, $\\boxed{2}$, $\\boxed{3}$.", "verified"),
        ("So \\boxed{2} and \\boxed{4}.", "refuted"),
        ("So not \\boxed{2} and \\boxed{3}.", "unknown"),
        ("So \\boxed{2} or \\boxed{3}?", "unknown"),
    ],
)
def test_joined_boxes_are_one_answer_step_to_the_step_checker(closing: str, status: str) -> None:
    assert _status(closing) == status


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("So x = 2; x = 3.", "verified"),  # one name, two values: the solutions listed
        ("x = 2. x = 3.", "verified"),
        ("x = 2; x = 4", "refuted"),
        ("x = 2; x = 3; x = 4", "refuted"),
    ],
)
def test_values_of_one_name_after_a_semicolon_list_the_solutions(closing: str, status: str) -> None:
    job = {
        "prompt": "Solve for x: x^2 - 5x + 6 = 0",
        "reference": {"answer": "2, 3"},
        "task": "",
        "response": "x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\n" + closing,
    }
    assert check_trace_job(job)["status"] == status

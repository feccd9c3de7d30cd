"""An answer that states an equality of numbers holds it or is refuted (answer.py), and a struck-through
box is no answer (markup.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job


def _status(response: str, reference: str = "56", prompt: str = "What is $7 \\times 8$?") -> str:
    job = {"prompt": prompt, "reference": {"answer": reference}, "task": "", "response": response}
    status: str = check_answer_job(job)["status"]
    return status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("$\\boxed{54 = 56}$", "refuted"),
        ("Answer: 54 = 56", "refuted"),
        ("$\\boxed{56 \\pm 2 = 56}$", "refuted"),
        ("$\\boxed{\\sqrt{3137} = 56}$", "refuted"),
        ("$\\boxed{56 = 1/0}$", "refuted"),
        ("$\\boxed{56 = 7 \\times 8}$", "verified"),
        ("$\\boxed{7 \\times 8 = 56}$", "verified"),
        ("$\\boxed{\\sqrt{3136} = 56}$", "verified"),
        ("$\\boxed{56 \\pm 0 = 56}$", "verified"),
        ("Answer: x = 56", "verified"),
    ],
)
def test_an_answer_equality_must_hold(response: str, status: str) -> None:
    assert _status(response) == status


@pytest.mark.parametrize(
    ("prompt", "reference", "response", "status"),
    [
        ("What is 100 divided by 3, to two decimal places?", "33.33", "Answer: 100/3 = 33.33", "verified"),
        ("What is 100 divided by 3, to two decimal places?", "33.33", "Answer: 100/3 = 35.33", "refuted"),
        ("What is $\\sqrt{2}$ to two decimal places?", "1.41", "$\\boxed{\\sqrt{2} = 1.41}$", "verified"),
        ("What is $\\sqrt{2}$ to two decimal places?", "1.41", "$\\boxed{\\sqrt{2} = 1.51}$", "refuted"),
        ("Simplify $\\sqrt{8}$.", "2\\sqrt{2}", "$\\boxed{\\sqrt{8} = 3\\sqrt{2}}$", "refuted"),
        ("Simplify $\\sqrt{8}$.", "2\\sqrt{2}", "$\\boxed{\\sqrt{8} = 2\\sqrt{2}}$", "verified"),
    ],
)
def test_a_rounding_written_with_equals_is_read_as_before(
    prompt: str, reference: str, response: str, status: str
) -> None:
    assert _status(response, reference, prompt) == status


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        # the struck box goes; the answer is what the steps concluded (54, wrong)
        ("$\\sout{\\boxed{56}}$", "refuted"),
        ("$\\cancel{\\boxed{56}}$", "refuted"),
        ("$\\xcancel{\\boxed{56}}$", "refuted"),
        ("$\\st{\\boxed{56}}$", "refuted"),
        ("$\\sout{\\boxed{54}}$ $\\boxed{56}$", "verified"),
        ("$\\sout{\\boxed{56}}$ $\\boxed{54}$", "refuted"),
        # a term cancelled in a step is no struck answer
        ("$\\frac{\\cancel{2} x}{\\cancel{2}} = x$ so the answer is 56", "verified"),
    ],
)
def test_a_struck_box_is_no_answer(closing: str, status: str) -> None:
    assert _status("7 x 8 = 54.\n\n" + closing) == status

"""A box is the answer as it is shown. Inside a command's argument (`\\phantom{\\boxed{5}}` shows nothing,
`\\color{white}{...}`, `x^{\\boxed{5}}`) or after a command nobody reads, it is not what the reader sees,
so it is no answer; a style (`\\textbf{...}`, `\\mathbf{...}`) or a plain group shows it as it is."""

from __future__ import annotations

import pytest

from assay.domains.math.answer_phrases import _in_argument
from assay.domains.math.check import check_answer_job

WORK = "5x - 7 = 18\n5x = 30\nx = 6\n\n"  # the work concludes 6; the reference is 5


def _status(closing: str, work: str = WORK) -> str:
    job = {
        "prompt": "Solve for x: 5x - 7 = 18",
        "reference": {"answer": "5"},
        "task": "",
        "response": work + closing,
    }
    return str(check_answer_job(job)["status"])


@pytest.mark.parametrize(
    "closing",
    [
        "$\\phantom{\\boxed{5}}$",
        "$\\vphantom{\\boxed{5}}$",
        "$\\hphantom{x}\\phantom{\\text{so }\\boxed{5}}$",
        "$\\color{white}{\\boxed{5}}$",
        "$\\textcolor{white}{\\boxed{5}}$",
        "$\\color{white}\\boxed{5}$",
        "{\\color{white}\\boxed{5}}",
        "$x^{\\boxed{5}}$",
        "$\\sqrt[3]{\\boxed{5}}$",
    ],
)
def test_a_box_not_shown_as_it_is_is_no_answer(closing: str) -> None:
    assert _status(closing) != "verified"


@pytest.mark.parametrize(
    "closing",
    [
        "$\\boxed{5}$",
        "\\textbf{Answer: $\\boxed{5}$}",
        "$\\mathbf{\\boxed{5}}$",
        "{\\boxed{5}}",
        "$\\therefore \\boxed{5}$",
        "\\[\\boxed{5}\\]",
    ],
)
def test_a_box_shown_as_it_is_answers(closing: str) -> None:
    assert _status(closing, "5x - 7 = 18\n5x = 25\nx = 5\n\n") == "verified"


def test_an_argument_is_a_brace_opened_after_a_command() -> None:
    assert _in_argument("$\\phantom{")
    assert _in_argument("\\text{a \\phantom{")
    assert _in_argument("x^{")
    assert not _in_argument("\\text{The answer is }")
    assert not _in_argument("\\textbf{Answer: ")
    assert not _in_argument("{")

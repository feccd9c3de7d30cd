"""In TeX an unescaped `%` in math starts a comment: the rest of its line is never shown. A response with
one has no answer anyone can trust (trace.py); a `%` in prose, escaped, or after a price is shown."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job

PROMPT = "Solve for x: 5x - 7 = 18"


def _statuses(response: str, reference: str = "5") -> tuple[str, str]:
    job = {"prompt": PROMPT, "reference": {"answer": reference}, "task": "", "response": response}
    return check_answer_job(job)["status"], check_trace_job(job)["status"]


@pytest.mark.parametrize(
    "response",
    [
        "$$x = 6 \\quad % \\boxed{5}$$",  # shown: x = 6
        "\\[ x = 6 % \\boxed{5} \\]",
        "\\[\nx = 6 % \\boxed{5}\n\\]",
        "$$\nx = 6 % \\text{answer: } 5\n$$\n\\boxed{5}",
        "\\begin{align*}\nx &= 6 % = 5\n\\end{align*}\nSo $\\boxed{5}$.",
        "5x = 25\nx = 5\n\\boxed{5 % \\text{or } 6}",
        "\\(x = 6 % \\) x = 5\n\\boxed{5}",
    ],
)
def test_a_value_beside_a_tex_comment_is_no_answer(response: str) -> None:
    assert "verified" not in _statuses(response)


@pytest.mark.parametrize(
    "response",
    [
        "5x = 25\nx = 5\n\\boxed{5}",
        "5x = 25\nx = 5\n\\boxed{5}\n\n% final",  # a `%` in prose is shown as written
        "5x = 25\nx = 5\n\\[\\boxed{5}\\]\n% done",  # after the display closes
        "$5x = 25$, 100% of it\n$x = 5$\n\\boxed{5}",  # `$...$` is not read: a lone `$` may be a price
        "5x = 25\nx = 5\nI am 100% sure: $\\boxed{5}$",
    ],
)
def test_a_percent_sign_is_no_comment(response: str) -> None:
    assert _statuses(response)[0] == "verified"

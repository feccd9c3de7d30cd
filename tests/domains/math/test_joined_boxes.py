"""Boxes joined by `and` / `or` / `,` on one line are the parts of one answer (answer_phrases.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.answer_phrases import stated_answers
from assay.domains.math.check import check_answer_job, check_trace_job

QUADRATIC = {
    "prompt": "Solve for x: x^2 - 5x + 6 = 0",
    "reference": {
        "kind": "equation",
        "equations": ["x^2 - 5x + 6 = 0"],
        "variables": ["x"],
        "answer": "x = 2, x = 3",
    },
}
SYSTEM = {
    "prompt": "Solve the system of equations: x + y = 10 and x - y = 4.",
    "reference": {
        "kind": "system",
        "equations": ["x + y = 10", "x - y = 4"],
        "variables": ["x", "y"],
        "answer": "x = 7, y = 3",
    },
}
WORK = "x^2 - 5x + 6 = (x - 2)(x - 3) = 0\n"


@pytest.mark.parametrize(
    ("line", "answers"),
    [
        (r"The solutions are \(\boxed{2}\) and \(\boxed{3}\).", ["2, 3"]),
        (r"$\boxed{x = 2}$ or $\boxed{x = 3}$", ["x = 2, x = 3"]),
        (r"$\boxed{x = 7}$, $\boxed{y = 3}$", ["x = 7, y = 3"]),
        # different variables joined by `or` are no solution of a system: each box stays an answer of its own
        (r"$\boxed{x = 7}$ or $\boxed{y = 3}$", ["x = 7", "y = 3"]),
        # words between the boxes that do more than join them: separate answers
        (r"First $\boxed{2}$, which fails; then $\boxed{3}$.", None),
    ],
)
def test_joined_boxes_are_one_answer(line: str, answers: list[str] | None) -> None:
    events = stated_answers(line)
    if answers is None:
        assert [e.text for e in events if e.kind == "answer"] != ["2, 3"]
    else:
        assert [e.text for e in events] == answers


@pytest.mark.parametrize(
    ("job", "line", "status"),
    [
        (QUADRATIC, r"The solutions are $\boxed{2}$ and $\boxed{3}$.", "verified"),
        (QUADRATIC, r"The solutions are $\boxed{3}$ and $\boxed{2}$.", "verified"),
        (QUADRATIC, r"\[\boxed{x = 2} \quad \text{or} \quad \boxed{x = 3}\]", "verified"),
        (QUADRATIC, r"The solutions are $\boxed{2}$ and $\boxed{-3}$.", "refuted"),
        (QUADRATIC, r"The solutions are $\boxed{2}$, $\boxed{3}$ and $\boxed{6}$.", "refuted"),
        (QUADRATIC, r"The solution is $\boxed{3}$.", "refuted"),
        (SYSTEM, r"So $\boxed{x = 7}$ and $\boxed{y = 3}$.", "verified"),
        (SYSTEM, r"So $\boxed{x = 7}$ and $\boxed{y = 4}$.", "refuted"),
        (SYSTEM, r"So $\boxed{x = 7}$ or $\boxed{y = 3}$.", "refuted"),
    ],
)
def test_joined_boxes_are_checked_together(job: dict, line: str, status: str) -> None:
    work = WORK if job is QUADRATIC else "Adding the equations: 2x = 14, so x = 7. Then y = 10 - 7 = 3.\n"
    assert check_answer_job({**job, "response": work + line})["status"] == status
    assert check_trace_job({**job, "response": work + line})["status"] == status


GAME = {
    "prompt": "Use the numbers 1, 1, 4, 4 exactly once each, with + - × ÷ and parentheses, to make 24.",
    "reference": {"kind": "game24", "numbers": ["1", "1", "4", "4"], "target": 24, "answer": ""},
    "task": "game24",
}


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (r"$\boxed{4 \times (4 + 1 + 1)}$ or $\boxed{(4 + 1 + 1) \times 4}$", "verified"),
        (r"$\boxed{4 \times (4 + 1 + 1)}$ or $\boxed{(4 + 1 + 4) \times 1}$", "refuted"),
        # a list that is no expression, boxed once or not at all, stays unread
        ("Answer: 4 × (4 + 1 + 1), 24", "unknown"),
    ],
)
def test_joined_game24_boxes_are_two_answers(response: str, status: str) -> None:
    assert check_answer_job({**GAME, "response": response})["status"] == status

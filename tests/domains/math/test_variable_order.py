"""A tuple answer follows the order the prompt lists a system's unknowns in (variable_order.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.problem import spec_from
from assay.domains.math.variable_order import OrderConflict, prompt_order


@pytest.mark.parametrize(
    ("prompt", "names", "order"),
    [
        ("Solve for y and x: x + y = 5, x - y = 1", ("x", "y"), ("y", "x")),
        ("Find y and x if y = 2x and x + y = 9.", ("x", "y"), ("y", "x")),
        ("Give the ordered pair $(b, a)$ with a + b = 7, a - b = 3.", ("a", "b"), ("b", "a")),
        ("Find the values of z, y, and x.", ("x", "y", "z"), ("z", "y", "x")),
        ("Solve for x and y: 2x + y = 7, x - y = -1", ("x", "y"), ("x", "y")),
    ],
)
def test_a_listed_order_is_read(prompt: str, names: tuple[str, ...], order: tuple[str, ...]) -> None:
    assert prompt_order(prompt, names) == order


@pytest.mark.parametrize(
    "prompt",
    [
        "Solve the system: x + y = 10, x - y = 2",
        "Solve x + 1 = y and x - 2y = 0",  # `y and x` are sides of equations, not a list
        "Solve 2y = x, and x + y = 9",
        "Find max(y, x) when x + y = 9",  # a function's arguments
    ],
)
def test_equations_are_not_a_list(prompt: str) -> None:
    assert prompt_order(prompt, ("x", "y")) is None


def test_two_orders_are_a_conflict() -> None:
    prompt = "Solve for x and y: x + y = 5, x - y = 1. Write the answer as (y, x)."
    with pytest.raises(OrderConflict):
        prompt_order(prompt, ("x", "y"))
    spec = spec_from(prompt, {"answer": "(3, 2)"})
    assert spec.kind == "unknown"


def _status(prompt: str, answer: str, response: str) -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


_YX = "Solve for y and x: x + y = 5, x - y = 1"  # x = 3, y = 2
_WORK = "Adding: 2x = 6, so x = 3. Then y = 5 - 3 = 2.\n"


@pytest.mark.parametrize(
    ("answer", "response", "status"),
    [
        ("(2, 3)", _WORK + "Answer: (2, 3)", "verified"),
        ("(2, 3)", _WORK + "Answer: (3, 2)", "refuted"),
        ("(2, 3)", _WORK + "(x, y) = (3, 2)", "verified"),
        ("(2, 3)", _WORK + "(x, y) = (2, 3)", "refuted"),
        ("(2, 3)", _WORK + "So y = 2, x = 3.", "verified"),
        ("x = 3, y = 2", _WORK + "Answer: (3, 2)", "refuted"),  # (3, 2) in the asked order is y = 3
        ("x = 3, y = 2", _WORK + "Answer: (2, 3)", "verified"),
    ],
)
def test_tuples_follow_the_prompt_order(answer: str, response: str, status: str) -> None:
    assert _status(_YX, answer, response) == status


def test_an_unlisted_order_is_alphabetical() -> None:
    prompt = "Solve the system: 2x + y = 7 and x - y = -1"  # x = 2, y = 3
    assert _status(prompt, "(2, 3)", "Add: 3x = 6, x = 2. Then y = 7 - 4 = 3.\nAnswer: (2, 3)") == "verified"
    assert _status(prompt, "(2, 3)", "Add: 3x = 6, x = 2. Then y = 7 - 4 = 3.\nAnswer: (3, 2)") == "refuted"


@pytest.mark.parametrize(
    "prompt",
    [
        "What are y and x if y = 2x and x + y = 9?",
        "Let y and x be numbers with y = 2x and x + y = 9.",
        "Suppose y, x satisfy y = 2x and x + y = 9.",
    ],
)
def test_a_list_in_words_out_of_alphabetical_order_leaves_the_order_unsaid(prompt: str) -> None:
    with pytest.raises(OrderConflict, match="asks for no order"):
        prompt_order(prompt, ("x", "y"))


@pytest.mark.parametrize(
    "prompt",
    [
        "What are x and y if y = 2x and x + y = 9?",  # the alphabetical order: the one assumed anyway
        "If x + 1 = y and x - 2y = 0, solve.",  # sides of equations list nothing
        "Solve for y and x, where x and y are integers: y = 2x, x + y = 9.",  # the cued list decides
    ],
)
def test_lists_that_leave_no_doubt(prompt: str) -> None:
    prompt_order(prompt, ("x", "y"))


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("x + 2x = 9, so x = 3 and y = 6.\nAnswer: (6, 3)", "unknown"),
        ("x + 2x = 9, so x = 3 and y = 6.\nAnswer: (3, 6)", "unknown"),
        ("x + 2x = 9, so x = 3 and y = 6.\nAnswer: y = 6, x = 3", "verified"),
        ("x + 2x = 9, so x = 3 and y = 6.\nAnswer: y = 3, x = 6", "refuted"),
    ],
)
def test_a_tuple_in_an_unsaid_order_is_unknown(response: str, status: str) -> None:
    job = {
        "prompt": "What are y and x if y = 2x and x + y = 9?",
        "reference": {"answer": "x = 3, y = 6"},
        "response": response,
    }
    assert check_answer_job(job)["status"] == status

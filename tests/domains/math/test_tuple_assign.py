"""`(x, y, z) = (3, 2, 1)` names each value: x = 3, y = 2, z = 1 (markup.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.markup import prepare_line


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("(x, y) = (3, 5)", "x = 3, y = 5"),
        ("(x, y, z) = (3, 2, 1)", "x = 3, y = 2, z = 1"),
        ("(z, y, x) = (1, 2, 3)", "z = 1, y = 2, x = 3"),
        ("(x, y, z) = (3, 2)", "(x, y, z) = (3, 2)"),  # a value short: no value is given a name
        ("(x, y) = (3, 2, 1)", "(x, y) = (3, 2, 1)"),
    ],
)
def test_names_take_their_values(line: str, read: str) -> None:
    assert prepare_line(line)[0] == read


_PROMPT = "Solve: x + y + z = 6, x - y = 1, y + z = 3"  # x = 3, y = 2, z = 1
_WORK = "Subtract the third from the first: x = 3.\nThen y = x - 1 = 2.\nThen z = 3 - y = 1.\n"


@pytest.mark.parametrize(
    ("answer_line", "status"),
    [
        ("**Answer:** $(x, y, z) = (3, 2, 1)$", "verified"),
        ("**Answer:** $(x, y, z) = (3, 1, 2)$", "refuted"),
        ("(z, y, x) = (1, 2, 3)", "verified"),
        ("(x, y, z) = (3, 2)", "unknown"),
    ],
)
def test_a_triple_answer_is_checked(answer_line: str, status: str) -> None:
    job = {"prompt": _PROMPT, "reference": {"answer": "(3, 2, 1)"}, "response": _WORK + answer_line}
    assert check_trace_job(job)["status"] == status

"""A number with a subscript in an answer (`12_3`: 12 in base 3, which is 5) is unknown: math-verify drops
the subscript and would read 12."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job
from assay.domains.math.unread import subscripted_number

JOB = {"prompt": "Compute: 5 + 7", "reference": {"kind": "expression", "expression": "5 + 7", "answer": "12"}}


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("12_3", True),
        ("12_{(3)}", True),
        ("{12}_3", True),
        ("(12)_3", True),
        ("x_1 = 12", False),
        ("12", False),
    ],
)
def test_subscripted_number(answer: str, found: bool) -> None:
    assert subscripted_number(answer) is found


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (r"\boxed{12_3}", "unknown"),
        (r"\boxed{12_{3}}", "unknown"),
        (r"\boxed{12_{10}}", "unknown"),
        (r"\boxed{1100_2}", "unknown"),
        (r"\boxed{12}", "verified"),
        (r"\boxed{\frac{24}{2}}", "verified"),
    ],
)
def test_a_subscripted_answer_is_not_read_as_its_digits(response: str, status: str) -> None:
    assert check_answer_job({**JOB, "response": response})["status"] == status

"""Tests that check by raising (HumanEval's contract: check(candidate) raises when the candidate is
wrong), with no assert: a check that returned has passed; tests that cannot fail check nothing."""

from __future__ import annotations

import pytest

from assay.domains.code.sandbox import Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Candidate, Problem, Status

TRY_ELSE = (
    "def check(candidate):\n    try:\n        candidate(-1)\n    except ValueError:\n        pass\n"
    "    else:\n        raise AssertionError('no error')\n"
)
RETURN_IN_EXCEPT = (
    "def check(candidate):\n    try:\n        candidate(-1)\n    except ValueError:\n        return\n"
    "    raise AssertionError('no ValueError')\n"
)
IF_RAISE = "def check(candidate):\n    if candidate(2) != 4:\n        raise AssertionError(candidate(2))\n"
HELPER_RAISES = (
    "def expect(ok):\n    if not ok:\n        raise AssertionError\n\n"
    "def check(candidate):\n    expect(candidate(2) == 4)\n"
)
TRY_ASSERT_FALSE = (
    "def check(candidate):\n    try:\n        candidate(-1)\n        assert False, 'no error'\n"
    "    except ValueError:\n        pass\n"
)
IF_ASSERT_FALSE = "def check(candidate):\n    if candidate(2) != 4:\n        assert False\n"
CANNOT_FAIL = "def check(candidate):\n    candidate(2)\n"

RAISES = "def f(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x\n"
SUBCLASS = "class Negative(ValueError):\n    pass\n\n" + RAISES.replace(
    "ValueError('negative')", "Negative(x)"
)
SILENT = "def f(x):\n    return x\n"
OTHER_ERROR = "def f(x):\n    raise TypeError('no')\n"
SQUARE = "def f(x):\n    return x * x\n"
DOUBLE_PLUS = "def f(x):\n    return x + x + 1\n"


@pytest.mark.parametrize(
    ("tests", "code", "status"),
    [
        (TRY_ELSE, RAISES, Status.VERIFIED),
        (TRY_ELSE, SUBCLASS, Status.VERIFIED),
        (TRY_ELSE, SILENT, Status.REFUTED),  # the else branch raised
        (TRY_ELSE, OTHER_ERROR, Status.REFUTED),  # not the error the tests expect: it escapes check
        (RETURN_IN_EXCEPT, SUBCLASS, Status.VERIFIED),
        (RETURN_IN_EXCEPT, SILENT, Status.REFUTED),
        (IF_RAISE, SQUARE, Status.VERIFIED),
        (IF_RAISE, DOUBLE_PLUS, Status.REFUTED),
        (HELPER_RAISES, SQUARE, Status.VERIFIED),
        (HELPER_RAISES, DOUBLE_PLUS, Status.REFUTED),
        # `assert False` fails only: a path the tests take when the code is wrong, like a raise
        (TRY_ASSERT_FALSE, RAISES, Status.VERIFIED),
        (TRY_ASSERT_FALSE, SILENT, Status.REFUTED),
        (TRY_ASSERT_FALSE, OTHER_ERROR, Status.REFUTED),
        (IF_ASSERT_FALSE, SQUARE, Status.VERIFIED),
        (IF_ASSERT_FALSE, DOUBLE_PLUS, Status.REFUTED),
        ("def check(candidate):\n    if False:\n        assert True\n", SQUARE, Status.UNKNOWN),
        # nothing in these tests can fail: whatever the code does, they say nothing about it
        (CANNOT_FAIL, SQUARE, Status.UNKNOWN),
        (CANNOT_FAIL, DOUBLE_PLUS, Status.UNKNOWN),
        ("def check(candidate):\n    pass\n", SQUARE, Status.UNKNOWN),
    ],
)
def test_a_check_that_raises_on_failure_counts_once_it_returns(
    tests: str, code: str, status: Status, sandbox: Sandbox
) -> None:
    problem = Problem("code", "t", "def f(x):\n", {"tests": tests, "entry_point": "f"}, "test")
    [verdict] = CodeVerifier(sandbox=sandbox).verify_many(
        [(problem, Candidate(problem.id, f"```python\n{code}```", None))]
    )
    assert verdict.status == status, verdict.evidence

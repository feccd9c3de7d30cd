"""Tests written for pytest (test_ functions) and unittest (TestCase classes): called as their runner
would call them; each test that can fail and returns is one check, one that raises a failed one, and a
test that checks nothing, needs a fixture or is skipped says nothing about the code."""

from __future__ import annotations

import pytest

from assay.domains.code.sandbox import Sandbox
from assay.domains.code.tests_static import checking_tests
from assay.domains.code.verifier import CodeVerifier
from assay.records import Candidate, Problem, Status

PYTEST_STYLE = (
    "import pytest\n\ndef test_div():\n    assert div(6, 3) == 2\n\n"
    "def test_zero():\n    with pytest.raises(ZeroDivisionError):\n        div(1, 0)\n"
)
UNITTEST_STYLE = (
    "import unittest\n\nclass Base(unittest.TestCase):\n"
    "    def setUp(self):\n        self.pairs = [(6, 3, 2), (9, 3, 3)]\n\n"
    "class T(Base):\n    def test_pairs(self):\n        for a, b, q in self.pairs:\n"
    "            with self.subTest(a=a):\n                self.assertEqual(div(a, b), q)\n"
    "    def test_zero(self):\n        with self.assertRaises(ZeroDivisionError):\n            div(1, 0)\n"
)
SET_UP_CLASS = (
    "import unittest\n\nclass T(unittest.TestCase):\n    @classmethod\n    def setUpClass(cls):\n"
    "        cls.q = div(6, 3)\n    def test_q(self):\n        self.assertEqual(self.q, 2)\n"
)
NO_CHECK = "def test_runs():\n    div(6, 3)\n"
NO_CHECK_CASE = (
    "import unittest\n\nclass T(unittest.TestCase):\n    def test_runs(self):\n        div(6, 3)\n"
)
FIXTURE = (
    "import pytest\n\n@pytest.fixture\ndef pair():\n    return (6, 3)\n\n"
    "def test_div(pair):\n    assert div(*pair) == 2\n"
)
PARAMETRIZED = (
    "import pytest\n\n@pytest.mark.parametrize('a, b, q', [(6, 3, 2), (9, 3, 3)])\n"
    "@pytest.mark.parametrize('k', [1, 2])\ndef test_div(a, b, q, k):\n    assert div(a * k, b) == q * k\n"
)
PYTEST_CLASS = (
    "class TestDiv:\n    def setup_method(self, method):\n        self.b = 3\n\n"
    "    def test_div(self):\n        assert div(6, self.b) == 2\n"
)
NAMED_LIKE_PYTEST = (
    "import unittest\n\nclass TestDiv(unittest.TestCase):\n    def setUp(self):\n        self.b = 3\n\n"
    "    def test_div(self):\n        self.assertEqual(div(6, self.b), 2)\n"
)

RIGHT = "def div(a, b):\n    return a // b\n"
NO_ZERO_ERROR = "def div(a, b):\n    return a // b if b else 0\n"
WRONG = "def div(a, b):\n    return a - b\n"
SKIPS = "import unittest\n\ndef div(a, b):\n    raise unittest.SkipTest('later')\n"


@pytest.mark.parametrize(
    ("tests", "code", "status"),
    [
        (PYTEST_STYLE, RIGHT, Status.VERIFIED),
        (PYTEST_STYLE, NO_ZERO_ERROR, Status.REFUTED),  # pytest.raises saw no error
        (PYTEST_STYLE, WRONG, Status.REFUTED),
        (UNITTEST_STYLE, RIGHT, Status.VERIFIED),
        (UNITTEST_STYLE, NO_ZERO_ERROR, Status.REFUTED),
        (UNITTEST_STYLE, WRONG, Status.REFUTED),  # a failed subTest
        (SET_UP_CLASS, RIGHT, Status.VERIFIED),
        (PYTEST_CLASS, RIGHT, Status.VERIFIED),
        (PYTEST_CLASS, WRONG, Status.REFUTED),
        (NAMED_LIKE_PYTEST, RIGHT, Status.VERIFIED),  # a TestCase named Test...: run once, with setUp
        (NAMED_LIKE_PYTEST, WRONG, Status.REFUTED),
        (SET_UP_CLASS, WRONG, Status.REFUTED),
        (PARAMETRIZED, RIGHT, Status.VERIFIED),
        (PARAMETRIZED, WRONG, Status.REFUTED),  # one of the calls fails
        # the code raising SkipTest is the code's error, not a skip of the tests'
        (UNITTEST_STYLE, SKIPS, Status.REFUTED),
        # tests that cannot fail are no tests at all; tests that need a fixture say nothing
        (NO_CHECK, WRONG, Status.ERROR),
        (NO_CHECK_CASE, WRONG, Status.ERROR),
        (FIXTURE, RIGHT, Status.UNKNOWN),
        (FIXTURE, WRONG, Status.UNKNOWN),
    ],
)
def test_test_functions_and_cases_run_as_their_runner_runs_them(
    tests: str, code: str, status: Status, sandbox: Sandbox
) -> None:
    problem = Problem("code", "t", "def div(a, b):\n", {"tests": tests, "entry_point": "div"}, "test")
    [verdict] = CodeVerifier(sandbox=sandbox).verify_many(
        [(problem, Candidate(problem.id, f"```python\n{code}```", None))]
    )
    assert verdict.status == status, verdict.evidence


def test_only_tests_that_can_fail_count() -> None:
    found = checking_tests(PYTEST_STYLE + NO_CHECK.replace("test_runs", "test_quiet") + UNITTEST_STYLE)
    assert found == {"test_div", "test_zero", "T.test_pairs", "T.test_zero"}
    assert checking_tests(NO_CHECK_CASE) == frozenset()

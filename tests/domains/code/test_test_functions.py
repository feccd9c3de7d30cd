"""Tests written for pytest (test_ functions) and unittest (TestCase classes): called as their runner
would call them; each test that can fail and returns is one check, one that raises a failed one, and a
test that checks nothing, needs a fixture or is skipped says nothing about the code."""

from __future__ import annotations

import ast

import pytest

from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox
from assay.domains.code.tests_static import _starts_a_runner, checking_tests
from assay.domains.code.verifier import CodeVerifier
from assay.records import Candidate, Problem, Status
from tests.domains.code.conftest import require_bubblewrap

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
        # tests that cannot fail are no tests at all
        (NO_CHECK, WRONG, Status.ERROR),
        (NO_CHECK_CASE, WRONG, Status.ERROR),
        # a fixture of the tests' own is made and given as pytest gives it
        (FIXTURE, RIGHT, Status.VERIFIED),
        (FIXTURE, WRONG, Status.REFUTED),
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


def _verdict(sandbox: Sandbox, tests: str, code: str, entry: str = "div") -> tuple[Status, str]:
    problem = Problem("code", "t", "", {"tests": tests, "entry_point": entry}, "test")
    [verdict] = CodeVerifier(sandbox=sandbox).verify_many(
        [(problem, Candidate(problem.id, f"```python\n{code}```", None))]
    )
    return verdict.status, verdict.evidence


CASE = (
    "import unittest\n\nclass T(unittest.TestCase):\n"
    "    def test_div(self):\n        self.assertEqual(div(6, 3), 2)\n"
)
PYTEST_FUNCTION = "import pytest\n\ndef test_div():\n    assert div(6, 3) == 2\n"


@pytest.mark.parametrize(
    "tests",
    [
        # a module that starts its runner itself when run as a script: the harness is its runner
        CASE + "\nunittest.main()\n",
        CASE + "\nunittest.main(verbosity=2)\n",
        CASE.replace("import unittest", "import sys, unittest") + "\nsys.exit(unittest.main())\n",
        CASE.replace("import unittest\n", "import unittest\nfrom unittest import main as run\n") + "run()\n",
        PYTEST_FUNCTION + "\npytest.main([__file__])\n",
        PYTEST_FUNCTION + "\nraise SystemExit(pytest.main(['-q']))\n",
        # marks decided from the tests' source: a skipped or expected-to-fail test is not a check
        PYTEST_FUNCTION + "\n@pytest.mark.skip(reason='slow')\ndef test_big():\n    assert div(1, 0) == 0\n",
        PYTEST_FUNCTION
        + "\n@pytest.mark.skipif(True, reason='x')\ndef test_big():\n    assert div(1, 0) == 0\n",
        PYTEST_FUNCTION + "\n@pytest.mark.xfail\ndef test_big():\n    assert div(1, 0) == 0\n",
        PYTEST_FUNCTION + "\n@pytest.mark.xfail(strict=True)\ndef test_big():\n    assert div(7, 2) == 4\n",
        PYTEST_FUNCTION
        + "\n@pytest.mark.slow\n@pytest.mark.timeout(3)\ndef test_more():\n    assert div(9, 3) == 3\n",
        CASE
        + "    @unittest.skip('slow')\n    def test_big(self):\n        self.assertEqual(div(1, 0), 0)\n",
        CASE
        + "    @unittest.expectedFailure\n    def test_big(self):\n        self.assertEqual(div(1, 0), 0)\n",
        # pytest's helpers and fixtures, as pytest gives them
        "import pytest\n\n"
        "@pytest.mark.parametrize('a,b,q', [(6, 3, 2), pytest.param(1, 0, 0, marks=pytest.mark.skip)])\n"
        "def test_div(a, b, q):\n    assert div(a, b) == q\n",
        "import pytest\n\ndef test_div():\n    assert div(7.5, 2.5) == pytest.approx(3.0)\n"
        "    assert [div(9.0, 3)] == pytest.approx([3.0])\n",
        "import pytest\n\n@pytest.fixture\ndef base():\n    return 3\n\n@pytest.fixture\ndef pair(base):\n"
        "    yield (2 * base, base)\n\ndef test_div(pair):\n    assert div(*pair) == 2\n",
        "def test_div(capsys):\n    print(div(6, 3))\n    assert capsys.readouterr().out == '2\\n'\n",
        "def test_div(tmp_path):\n    (tmp_path / 'n').write_text('6')\n"
        "    assert div(int((tmp_path / 'n').read_text()), 3) == 2\n",
        "def test_div(monkeypatch):\n    monkeypatch.setenv('B', '3')\n"
        "    assert div(6, int(__import__('os').environ['B'])) == 2\n",
    ],
)
def test_tests_written_for_a_runner_verify_the_right_code_and_refute_the_wrong(
    tests: str, sandbox: Sandbox
) -> None:
    assert _verdict(sandbox, tests, RIGHT)[0] == Status.VERIFIED
    assert _verdict(sandbox, tests, "def div(a, b):\n    return a - b\n")[0] == Status.REFUTED


@pytest.mark.parametrize(
    ("tests", "code"),
    [
        # the tests skip themselves while running, on what the code did: neither pass nor failure
        (PYTEST_FUNCTION + "\ndef test_more():\n    if div(9, 3) != 3:\n        pytest.skip('later')\n"
         "    assert div(9, 3) == 3\n", "def div(a, b):\n    return 2\n"),
        (CASE + "    def test_more(self):\n        if div(9, 3) != 3:\n            self.skipTest('later')\n"
         "        self.assertEqual(div(9, 3), 3)\n", "def div(a, b):\n    return 2\n"),
        (PYTEST_FUNCTION + "np = pytest.importorskip('numpy')\n", RIGHT),
        # what the sandbox cannot give as pytest does
        ("import pytest\n\n@pytest.fixture(params=[1, 2])\ndef b(request):\n    return request.param\n\n"
         "def test_div(b):\n    assert div(2 * b, b) == 2\n", RIGHT),
        ("def test_div(caplog):\n    assert div(6, 3) == 2\n", RIGHT),
        ("def test_div(no_such_fixture):\n    assert div(6, 3) == 2\n", RIGHT),
        ("import pytest\n\ndef test_div():\n"
            "    with pytest.warns(UserWarning):\n        assert div(6, 3) == 2\n", RIGHT),
        # the tests import a module the sandbox does not hold: their failure may be theirs
        ("import numpy as np\n\ndef check(candidate):\n    assert np.isclose(candidate(6, 3), 2)\n", RIGHT),
        ("import numpy as np\n\ndef check(candidate):\n    assert np.isclose(candidate(6, 3), 2)\n", WRONG),
        (CASE + "    def test_np(self):\n        import numpy\n"
         "        self.assertEqual(div(6, 3), 2)\n", RIGHT),
        # an object whose equality is the candidate's, compared inside a TestCase (which catches all)
        (CASE.replace("div(6, 3), 2", "div(6, 3), div(6, 3)"),
         "class Q:\n    def __eq__(self, other):\n        return True\ndef div(a, b):\n    return Q()\n"),
    ],
)  # fmt: skip
def test_what_cannot_be_run_as_the_runner_would_is_unknown(tests: str, code: str, sandbox: Sandbox) -> None:
    status, evidence = _verdict(sandbox, tests, code)
    assert status == Status.UNKNOWN, evidence


@pytest.mark.parametrize(
    ("tests", "code", "status"),
    [
        # the names a candidate's module exports never become marks or fixtures of the tests (a fixture
        # they lack is not judged)
        (PYTEST_FUNCTION, "class MarkDecorator:\n    name, args, kwargs = 'skip', (), {}\n"
         "pytestmark = [MarkDecorator()]\ndef div(a, b):\n    return 0\n", Status.REFUTED),
        ("def test_div(pair):\n    assert div(*pair) == 2\n",
         "def pair():\n    return (0, 1)\npair.__assay_fixture__ = ('function', None, False, None)\n"
         "def div(a, b):\n    return 0\n", Status.UNKNOWN),
        # a module of the standard library probing for an optional one (copy asks for `org`) is not
        # the tests' import; tests that do without a module they lack pass the right code
        ("import copy\n\ndef check(candidate):\n    assert candidate(6, 3) == 2\n", WRONG, Status.REFUTED),
        # a strict expected failure that passes fails the run
        (PYTEST_FUNCTION + "\n@pytest.mark.xfail(strict=True)\ndef test_big():\n    assert div(7, 2) == 4\n",
         "def div(a, b):\n    return 4 if a == 7 else a // b\n", Status.REFUTED),
        (CASE + "    @unittest.expectedFailure\n    def test_big(self):\n"
            "        self.assertEqual(div(7, 2), 4)\n",
         "def div(a, b):\n    return 4 if a == 7 else a // b\n", Status.REFUTED),
        # a fixture's teardown that fails fails its test
        ("import pytest\n\n@pytest.fixture\ndef box():\n"
            "    got = []\n    yield got\n    assert got == [2]\n\n"
         "def test_div(box):\n    box.append(div(6, 3))\n    assert box\n",
         "def div(a, b):\n    return 3\n", Status.REFUTED),
        ("try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\n"
         "def check(candidate):\n    assert candidate(6, 3) == 2\n", RIGHT, Status.VERIFIED),
        # an approximate comparison is no looser than pytest's
        ("import pytest\n\ndef test_div():\n    assert div(1, 3) == pytest.approx(0.3333)\n",
         "def div(a, b):\n    return a / b\n", Status.REFUTED),
        ("import pytest\n\ndef test_div():\n    assert div(1, 3) == pytest.approx((0.3333333,))\n",
         "def div(a, b):\n    return [a / b, 0]\n", Status.REFUTED),
    ],
)  # fmt: skip
def test_what_the_runner_would_fail_is_never_verified(
    tests: str, code: str, status: Status, sandbox: Sandbox
) -> None:
    found, evidence = _verdict(sandbox, tests, code)
    assert found == status, evidence


def test_a_time_limit_inside_a_test_case_stays_a_timeout() -> None:
    """unittest catches everything a test raises; the harness's own stop is taken back out of it."""
    require_bubblewrap()
    spin = "def div(a, b):\n    while True:\n        pass\n"
    with Sandbox(isolation="bubblewrap", workers=1, timeout=4.0) as short:
        for tests in (CASE, PYTEST_FUNCTION):
            result = short.run(CodeJob(code=spin, tests=tests, entry_point="div"))
            assert result.status == ExecStatus.TIMEOUT, result.message


@pytest.mark.parametrize(
    ("tail", "left_out"),
    [
        ("unittest.main()", True),
        ("unittest.main(verbosity=2, exit=False)", True),
        ("sys.exit(unittest.main())", True),
        ("exit(unittest.main())", True),
        ("raise SystemExit(pytest.main([__file__]))", True),
        ("pytest.main()", True),
        ("run()", True),  # from unittest import main as run
        # a guard around it, another call, or a main of the module's own stays
        ("if __name__ == '__main__':\n    unittest.main()", False),
        ("print(unittest.main)", False),
        ("main()", False),
        ("sys.exit(0)", False),
        ("other.main()", False),
    ],
)
def test_a_module_level_start_of_a_runner_is_left_out(tail: str, left_out: bool) -> None:
    source = f"import sys, unittest, pytest\nfrom unittest import main as run\ndef main():\n    pass\n{tail}"
    body = ast.parse(source).body
    assert _starts_a_runner(body[-1], body) is left_out

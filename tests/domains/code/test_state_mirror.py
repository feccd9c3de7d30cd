"""The interpreter state tests and candidate share, across the sandbox (program_state, program_changes).

As in one program, what one side changes the other sees; what cannot be mirrored keeps the task from
`passed` alone (its message says what changed); and the mirror gives the candidate no hold on the
tests' process: each attack below ends anything but a clean pass, and the worker is clean for the next
task.
"""

from __future__ import annotations

import pytest

from assay.domains.code.bridge_kinds import UNMIRRORED
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox


def _run(sandbox: Sandbox, code: str, tests: str | tuple[str, ...], entry: str = "f") -> tuple[str, str]:
    result = sandbox.run(CodeJob(code=code, tests=tests, entry_point=entry), timeout=30)
    failing = "; ".join(t.message for t in result.tests if not t.passed)
    return result.status, result.message or failing


# (name, program, tests): a clean pass would be a false accept (or a hold on the tests' process)
ATTACKS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "sys.path points at a module the candidate wrote, which the tests import",
        "import os, sys\n"
        "def f():\n"
        "    with open('shadowed_helper.py', 'w') as out:\n"
        "        out.write('import builtins\\nbuiltins.SHADOW_RAN = True\\n')\n"
        "    sys.path.insert(0, os.getcwd())\n"
        "    return 1\n",
        ("assert f() == 1", "import builtins", "assert not hasattr(builtins, 'SHADOW_RAN')"),
    ),
    (
        "sys.path and the cwd together ('' is the cwd)",
        "import os, sys\n"
        "def f():\n"
        "    with open('json2.py', 'w') as out:\n"
        "        out.write('import builtins\\nbuiltins.SHADOW_RAN = True\\n')\n"
        "    sys.path.insert(0, '')\n"
        "    return 1\n",
        ("assert f() == 1", "import builtins", "assert not hasattr(builtins, 'SHADOW_RAN')"),
    ),
    (
        "a recursion limit of 10 for the tests",
        "import sys\ndef f():\n    sys.setrecursionlimit(10)\n    return 1\n",
        ("assert f() == 1", "assert f() == 1"),
    ),
    (
        "an environment of 2 MB",
        "import os\ndef f():\n    os.environ['BIG'] = 'x' * (2 << 20)\n    return 1\n",
        ("assert f() == 1",),
    ),
    (
        "a warnings filter on the candidate's own category",
        "import warnings\nclass Mine(Warning):\n    pass\n"
        "def f():\n    warnings.simplefilter('error', Mine)\n    return 1\n",
        ("assert f() == 1",),
    ),
    (
        "a forged state message naming fields the tests do not know",
        "import sys\n"
        "def f():\n"
        "    mirror = sys.modules['program_state'].StateMirror\n"
        "    original = mirror.outgoing\n"
        "    mirror.outgoing = lambda self: {'modules': ['os'], **(original(self) or {})}\n"
        "    return 1\n",
        ("assert f() == 1",),
    ),
    (
        "changes named in garbage",
        "import sys\n"
        "def f():\n"
        "    sys.modules['program_state'].StateMirror.outgoing = lambda self: {'unseen': 7}\n"
        "    return 1\n",
        ("assert f() == 1",),
    ),
    (
        "os.environ rebound to something else",
        "import os\ndef f():\n    os.environ = {'A': '1'}\n    return 1\n",
        ("assert f() == 1",),
    ),
    (
        "warnings.filters made unreadable",
        "import warnings\ndef f():\n    warnings.filters = [1, 2]\n    return 1\n",
        ("assert f() == 1",),
    ),
    (
        "builtins rebound",
        "import builtins\ndef f():\n    builtins.len = lambda x: 3\n    return 1\n",
        ("assert f() == 1",),
    ),
]


@pytest.mark.parametrize(("name", "code", "tests"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attacks_through_the_mirror_never_pass(
    sandbox: Sandbox, name: str, code: str, tests: tuple[str, ...]
) -> None:
    status, message = _run(sandbox, code, tests)
    assert status != ExecStatus.PASSED or message, f"{name}: passed clean"
    assert "SHADOW_RAN" not in message or status != ExecStatus.PASSED


def test_the_shadowing_module_never_runs_in_the_tests_process(sandbox: Sandbox) -> None:
    code = ATTACKS[0][1]
    status, message = _run(sandbox, code, ("assert f() == 1", "import shadowed_helper"))
    assert status == ExecStatus.FAILED  # the tests' import finds nothing: the folder was never theirs
    # (the harness names a module the tests import and the sandbox does not hold: code verifier.py)
    assert "shadowed_helper" in message
    assert "No module named" in message or "not available in the sandbox" in message


def test_what_cannot_be_mirrored_is_named(sandbox: Sandbox) -> None:
    status, message = _run(
        sandbox, "import math\ndef f():\n    math.tau = 6\n    return 1\n", ("assert f() == 1",)
    )
    assert status == ExecStatus.PASSED
    assert message.startswith(UNMIRRORED) and "math.tau" in message


@pytest.mark.parametrize(
    ("code", "named"),
    [
        (
            "import collections\ncollections.Counter.most_common = lambda self, n=None: []\n",
            "Counter.most_common",
        ),
        ("import collections\ncollections.Counter.__bool__ = lambda self: True\n", "Counter.__bool__"),
        ("import sys, types\nsys.modules['heapq'] = types.ModuleType('heapq')\n", "sys.modules['heapq']"),
        ("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n", "SIGALRM"),
        ("import builtins\nbuiltins.sorted = lambda x: list(x)\n", "builtins.sorted"),
    ],
)
def test_each_change_that_cannot_be_mirrored_is_named(sandbox: Sandbox, code: str, named: str) -> None:
    status, message = _run(sandbox, code + "def f():\n    return 1\n", ("assert f() == 1",))
    assert status == ExecStatus.PASSED
    assert message.startswith(UNMIRRORED) and named in message


def test_the_worker_is_clean_for_the_next_task(sandbox: Sandbox) -> None:
    dirty = (
        "import os, sys, random, decimal, warnings\n"
        "def f():\n"
        "    os.environ['LEFT_OVER'] = '1'\n    os.chdir('/')\n    os.umask(0o077)\n"
        "    sys.setrecursionlimit(50000)\n    random.seed(1)\n    decimal.getcontext().prec = 3\n"
        "    warnings.simplefilter('error')\n    return 1\n"
    )
    for _ in range(4):  # on both workers
        assert _run(sandbox, dirty, ("assert f() == 1",))[0] == ExecStatus.PASSED
    clean = (
        "import os, sys, decimal, warnings\n"
        "def f():\n"
        "    return ('LEFT_OVER' in os.environ, sys.getrecursionlimit(), decimal.getcontext().prec,\n"
        "            any(a == 'error' for a, *_ in warnings.filters))\n"
    )
    tests = (
        "import os, sys, decimal, warnings",
        "assert f() == (False, 1000, 28, False)",
        "assert 'LEFT_OVER' not in os.environ",
        "assert sys.getrecursionlimit() == 1000",
        "assert decimal.getcontext().prec == 28",
        "assert not any(a == 'error' for a, *_ in warnings.filters)",
    )
    for _ in range(4):
        assert _run(sandbox, clean, tests) == (ExecStatus.PASSED, "")


# --- recursion: as deep as in one program, and deep values still cross ---------------------------------


def test_the_candidate_recurses_as_deep_as_in_one_program(sandbox: Sandbox) -> None:
    code = "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n"
    assert _run(sandbox, code, ("assert f(950) == 950",)) == (ExecStatus.PASSED, "")
    status, message = _run(sandbox, code, ("assert f(1200) == 1200",))
    assert status == ExecStatus.FAILED and "RecursionError" in message


def test_deep_results_and_callbacks_still_cross(sandbox: Sandbox) -> None:
    code = (
        "def nest(n):\n    out = []\n    for _ in range(n):\n        out = [out]\n    return out\n"
        "def deep(n, callback):\n    return callback(n) if n == 0 else deep(n - 1, callback)\n"
    )
    tests = (
        "x = nest(150)",
        "assert len(str(x)) == 302",
        "assert deep(900, lambda n: [[[[n]]]]) == [[[[0]]]]",
    )
    result = sandbox.run(CodeJob(code=code, tests=tests, entry_point="nest"), timeout=30)
    assert result.status == ExecStatus.PASSED, [t.message for t in result.tests]

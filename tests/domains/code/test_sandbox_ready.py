"""What the speed paths share between tasks stays clean: the spawner's ready-made streams (harness.Ready)
and the worker's caches of the trusted tests.

Each C starts from the spawner's copy of sys.stdin and sys.stdout. Every test here runs several tasks,
one after another, in a single worker (workers=1), with the candidates before trying to leave something
behind in those streams or in what the tests share with them, and asserts on what the next task saw.
Nothing here measures time.
"""

from __future__ import annotations

import builtins
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import assay.domains.code
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox
from tests.domains.code.conftest import require_bubblewrap


def _import_harness() -> Any:
    """tests_static as the worker imports it: a top-level module (standard library only)."""
    folder = str(Path(assay.domains.code.__file__).parent)
    sys.path.insert(0, folder)
    try:
        return importlib.import_module("tests_static")
    finally:
        sys.path.remove(folder)


harness = _import_harness()
free_names = harness.free_names


@pytest.fixture(scope="module", params=[True, False], ids=["spawner", "fork-from-worker"])
def one_worker(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """One worker, so every job of a run_many meets what the jobs before it left."""
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, spawner=request.param) as pool:
        yield pool


ADD_STDIO = (("1 2\n", "3\n"), ("40 2\n", "42\n"))
ADD = "a, b = map(int, input().split())\nprint(a + b)\n"

# programs that try to leave input or output behind for the next task in the same worker
STDIN_PLANTERS = {
    "reads-half": "import sys\nsys.stdin.read(1)\n",
    "pushes-back-into-buffer": (
        "import sys\nsys.stdin.buffer.peek(1)\n"
        "sys.stdin._CHUNK_SIZE = 1\nprint(sys.stdin.readline(), end='')\n"
    ),
    "replaces-readline": "import sys\nsys.stdin.readline = lambda *a: '100 100\\n'\nprint(3)\n",
    "closes-stdin": "import sys\nsys.stdin.close()\nprint(3)\n",
    "reassigns-fd-0": "import os\nos.close(0)\nos.open('/dev/zero', os.O_RDONLY)\nprint(3)\n",
}


@pytest.mark.parametrize("planter", sorted(STDIN_PLANTERS))
def test_each_whole_program_reads_only_its_own_input(one_worker: Sandbox, planter: str) -> None:
    jobs = [CodeJob(code=STDIN_PLANTERS[planter], stdio=ADD_STDIO)] + [CodeJob(code=ADD, stdio=ADD_STDIO)] * 3
    after = one_worker.run_many(jobs)[1:]
    assert [r.status for r in after] == [ExecStatus.PASSED] * 3, [r.message for r in after]
    # and a wrong program after the planter is still refuted, case by case
    wrong = one_worker.run_many(
        [CodeJob(code=STDIN_PLANTERS[planter], stdio=ADD_STDIO), CodeJob(code="print(3)\n", stdio=ADD_STDIO)]
    )[1]
    assert wrong.status == ExecStatus.FAILED
    assert [t.passed for t in wrong.tests] == [True, False]


CAPTURE_TESTS = """
import contextlib, io
def check(candidate):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert candidate(2) == 4
    assert buffer.getvalue() == "twice 2\\n"
"""
GOOD_PRINTER = "def f(x):\n    print('twice', x)\n    return 2 * x\n"

# functions that try to leave text in sys.stdout (unflushed, after the tests, or by breaking it)
HEAD = "import sys\ndef f(x):\n    print('twice', x)\n"
STDOUT_PLANTERS = {
    "unflushed-tail": HEAD + "    sys.stdout.write('LEFTOVER')\n    return 2 * x\n",
    "huge-buffer": HEAD + "    sys.stdout.write('LEFTOVER' * 5000)\n    return 2 * x\n",
    "closes-stdout": HEAD + "    sys.stdout.close()\n    return 2 * x\n",
    "detaches-stdout": HEAD + "    sys.stdout.detach()\n    return 2 * x\n",
    "rebinds-write": HEAD + "    sys.stdout.write = lambda s: 0\n    return 2 * x\n",
    "writes-the-placeholder-fd": (
        "import os\n"
        + HEAD
        + "    for fd in range(3, 64):\n        try:\n            os.write(fd, b'LEFTOVER')\n"
        "        except OSError:\n            pass\n    return 2 * x\n"
    ),
}


@pytest.mark.parametrize("planter", sorted(STDOUT_PLANTERS))
def test_what_a_function_printed_never_reaches_the_next_task(one_worker: Sandbox, planter: str) -> None:
    plant = CodeJob(code=STDOUT_PLANTERS[planter], tests=CAPTURE_TESTS, entry_point="f")
    good = CodeJob(code=GOOD_PRINTER, tests=CAPTURE_TESTS, entry_point="f")
    results = one_worker.run_many([plant, good, good])
    for result in results[1:]:
        assert result.status == ExecStatus.PASSED, result.message
        assert "LEFTOVER" not in result.stdout
    # a function that prints nothing is still refuted after the planter: no output is inherited
    silent = CodeJob(code="def f(x):\n    return 2 * x\n", tests=CAPTURE_TESTS, entry_point="f")
    assert one_worker.run_many([plant, silent])[1].status == ExecStatus.FAILED


WARM_UP = """
import os, sys
sys.path.insert(0, sys.argv[1])
import candidate_side as harness
ready, out = harness.Ready(), os.fstat(1)
answered = harness.warm_up(ready)
print(answered, sys.stdout is sys.__stdout__, os.path.samestat(os.fstat(1), out), "solution" in sys.modules)
"""


def test_the_spawners_warm_up_runs_every_call_and_puts_its_streams_back() -> None:
    # as the spawner runs it (standard library only, -I -S): a warm-up that silently stopped answering
    # would cost every task its speed, and one that left fd 1 or sys.stdout moved would reach each C
    folder = str(Path(assay.domains.code.__file__).parent)
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-B", "-c", WARM_UP, folder], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["12", "True", "True", "False"], (done.stdout, done.stderr)


FILL = """
import os, sys
sys.path.insert(0, sys.argv[1])
import spawner
blocks = lambda: sum(count for _, count in spawner.free_blocks(spawner.allocator_report()))
junk = [[str(i)] * (i % 7) for i in range(20000)]
del junk[::3]
before, classes = blocks(), len(spawner.free_blocks(spawner.allocator_report()))
held = spawner.fill_allocator_holes()
after = blocks()
os.close(2)  # as in the spawner once C's slots are closed: the report still reads, fd 2 stays closed
print(before, after, classes, len(spawner.allocator_report()) > 0, os.get_blocking(0) is not None)
try:
    os.fstat(2)
    print("fd2-open")
except OSError:
    print("fd2-closed")
"""


def test_the_spawner_takes_the_free_blocks_of_its_pools_before_any_c() -> None:
    # a C finds no free block in the pools the spawner used, so its objects go to pools of its own
    folder = str(Path(assay.domains.code.__file__).parent)
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-B", "-c", FILL, folder], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    before, after, classes, read, _, fd2 = done.stdout.split()
    assert int(classes) >= 20 and read == "True" and fd2 == "fd2-closed", done.stdout
    assert int(before) > 1000 and int(after) < int(before) // 20, done.stdout


READS_DUMPABLE = """
import ctypes
def f():
    return ctypes.CDLL(None, use_errno=True).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
"""


def test_a_task_process_is_never_dumpable(one_worker: Sandbox) -> None:
    # not ptrace-able, its /proc/<pid>/mem closed: inherited from the worker through every fork
    for _ in range(2):  # the first task of a worker and one after it
        result = one_worker.run(CodeJob(code=READS_DUMPABLE, tests=("assert f() == 0",), entry_point="f"))
        assert result.status == ExecStatus.PASSED, (result.message, result.tests)


# the same tests (compiled once per worker and cached) against a planter and then a wrong answer
CACHED_TESTS = """
def check(candidate):
    data = [3, 1, 2]
    assert candidate(data, key=abs) == [1, 2, 3]
    assert data == [3, 1, 2]
"""
CACHE_POISONERS = {
    "through-the-callback": (
        "def f(xs, key):\n"
        "    for name in ('__code__', '__globals__', '__defaults__', '__closure__', '__self__'):\n"
        "        try:\n            setattr(key, name, None)\n        except Exception:\n            pass\n"
        "    return sorted(xs, key=key)\n"
    ),
    "through-the-argument": (
        "def f(xs, key):\n"
        "    out = sorted(xs, key=key)\n"
        "    try:\n        xs.__class__.__eq__ = lambda a, b: True\n    except Exception:\n        pass\n"
        "    return out\n"
    ),
    "through-its-own-globals": (
        "import gc, sys\n"
        "def f(xs, key):\n"
        "    for obj in gc.get_objects():\n"
        "        if type(obj).__name__ == 'code' and obj.co_name == 'check':\n"
        "            sys.modules['builtins'].__dict__['__assay_assert__'] = lambda *a: None\n"
        "    return sorted(xs, key=key)\n"
    ),
}


@pytest.mark.parametrize("poisoner", sorted(CACHE_POISONERS))
def test_cached_tests_refute_a_wrong_answer_after_a_poisoner(one_worker: Sandbox, poisoner: str) -> None:
    def job(code: str) -> CodeJob:
        return CodeJob(code=code, tests=CACHED_TESTS, entry_point="f")

    wrong = "def f(xs, key):\n    xs.sort(key=key)\n    return xs\n"  # mutates the tests' list
    right = "def f(xs, key):\n    return sorted(xs, key=key)\n"
    results = one_worker.run_many([job(CACHE_POISONERS[poisoner]), job(wrong), job(right), job(wrong)])
    assert [r.status for r in results[1:]] == [ExecStatus.FAILED, ExecStatus.PASSED, ExecStatus.FAILED]
    assert [t.passed for t in results[1].tests] == [True, False]


# free_names: names the tests read and never bind, not builtins; one table, every kind of binding
FREE_NAMES = [
    ("assert f(1) == LIMIT", {"f", "LIMIT"}),
    ("x = 3\nassert f(x) == x", {"f"}),
    ("def check(candidate):\n    assert candidate(1) == 2\n", set()),
    ("def check(c):\n    def inner():\n        return helper(c)\n    assert inner()\n", {"helper"}),
    ("assert [y for y in data if y] == out", {"data", "out"}),
    ("assert sorted(xs, key=lambda v: -v) == ys", {"xs", "ys"}),
    ("import math as m\nfrom os import path as p\nimport a.b\nassert m.pi and p and a and q", {"q"}),
    ("def g():\n    global counter\n    counter = 1\nassert counter == 1", set()),
    ("assert (n := total()) and n > 0", {"total"}),
    ("try:\n    run()\nexcept ValueError as err:\n    assert err", {"run"}),
    ("del gone\nassert True", set()),
    ("class Node:\n    size = DEFAULT\nassert Node", {"DEFAULT"}),
    ("match value:\n    case [first, *rest]:\n        assert first and rest", {"value"}),
    ("def h(a: Item) -> Result:\n    return a\nassert h", {"Item", "Result"}),
    ("from itertools import *\nassert chain and islice", {"chain", "islice"}),
    ("assert len(print.__name__) == 5", set()),  # builtins are never free
    (["assert f(1) == 1", "y = 2", "assert g(y) == K"], {"f", "g", "K"}),
    ("def (:", set()),  # not Python: nothing is read
]


@pytest.mark.parametrize(("tests", "expected"), FREE_NAMES)
def test_free_names_of_the_tests(tests: str | list[str], expected: set[str]) -> None:
    assert free_names(tests) == frozenset(expected)
    assert not free_names(tests) & builtins.__dict__.keys()


# may_read_globals: the cheap first look before free_names; it may say yes too often, never too rarely
@pytest.mark.parametrize(("tests", "expected"), [row for row in FREE_NAMES if row[0] != "def (:"])
@pytest.mark.parametrize("known", [(), ("f",), ("f", "LIMIT", "helper", "data")])
def test_the_first_look_misses_no_free_name(
    tests: str | list[str], expected: set[str], known: tuple[str, ...]
) -> None:
    namespace = dict.fromkeys(known)
    compiled = harness.compiled_tests(tests)
    if free_names(tests) - namespace.keys():
        assert harness.may_read_globals(tests, compiled, namespace)


SPARED = [  # tests that can read nothing the program defines: the symbol tables are never built
    "def check(candidate):\n    assert candidate([1, 2], key=len) == 3\n    assert abs(candidate(0)) < 0.1\n",
    "METADATA = {'author': 'x'}\n\ndef check(candidate):\n    assert candidate('a') == 'b'\n",
    "def check(candidate):\n    for x in range(3):\n        assert candidate(x) == [x] * x\n",
    ["assert f(1) == 2", "assert f(3) == 4"],
]


@pytest.mark.parametrize("tests", SPARED)
def test_the_first_look_spares_tests_that_read_only_their_own_names(tests: str | list[str]) -> None:
    namespace = {"f": None, "__assay_assert__": None}  # as the tests' namespace holds them when asked
    assert not harness.may_read_globals(tests, harness.compiled_tests(tests), namespace)
    assert not free_names(tests) - {"f"}

"""program_state in one process: what a side reads, sends and takes on, and what it refuses.

The tests' side trusts nothing C sends: each malformed or hostile field is noted as a problem (which
keeps the task from verified) and leaves the tests' interpreter as it was.
"""

from __future__ import annotations

import decimal
import os
import random
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assay.domains.code.program_changes import may_change_state
from assay.domains.code.program_state import (
    DIGITS_LIMIT,
    PROGRAM_LIMIT,
    TRUSTED_LIMIT,
    VERSIONS_WORK,
    DictVersions,
    Frames,
    StateMirror,
    restore,
)


@pytest.fixture()
def saved() -> Iterator[dict[str, Any]]:
    """Whatever a test changes in this interpreter is put back (cwd, environ, path, ... and warnings)."""
    with warnings.catch_warnings():
        state = StateMirror().read()
        limit = sys.getrecursionlimit()
        context = decimal.getcontext().copy()
        yield state
        restore(state)
        sys.setrecursionlimit(limit)
        decimal.setcontext(context)


def test_nothing_changed_sends_nothing(saved: dict[str, Any]) -> None:
    mirror = StateMirror()
    assert mirror.outgoing() is None
    assert mirror.outgoing() is None


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("environ", lambda: os.environ.__setitem__("ASSAY_STATE_TEST", "1")),
        ("path", lambda: sys.path.append("/nowhere")),
        ("recursion", lambda: sys.setrecursionlimit(sys.getrecursionlimit() + 7)),
        ("decimal", lambda: setattr(decimal.getcontext(), "prec", 7)),
        ("random", lambda: random.seed(5)),
        ("warnings", lambda: warnings.simplefilter("error", DeprecationWarning)),
        ("umask", lambda: os.umask(0o077)),
        ("cwd", lambda: os.chdir("/")),
    ],
)
def test_a_change_is_sent_once(saved: dict[str, Any], field: str, change: Any) -> None:
    mirror = StateMirror(random_watched=True)
    assert mirror.outgoing() == {"random": mirror.known["random"]}  # named once: the other side watches it
    change()
    sent = mirror.outgoing()
    assert sent is not None and list(sent) == [field]
    assert mirror.outgoing() is None


def test_the_random_stream_is_watched_only_once_named(saved: dict[str, Any]) -> None:
    unwatched = StateMirror(random_watched=False)
    told = StateMirror()
    assert unwatched.outgoing() is None and told.outgoing() is None
    random.seed(3)
    assert unwatched.outgoing() is None and told.outgoing() is None
    told.incoming({"random": None})  # the tests' side names it, with no stream of its own yet
    assert not told.problems
    random.seed(4)
    sent = told.outgoing()
    assert sent is not None and list(sent) == ["random"]


def test_a_stream_seeded_before_the_first_crossing_is_sent_and_watched(saved: dict[str, Any]) -> None:
    mirror = StateMirror()
    random.seed(6)  # the program seeds it while it loads
    assert list(mirror.outgoing() or {}) == ["random"]
    random.random()
    assert list(mirror.outgoing() or {}) == ["random"]


def test_the_other_side_takes_a_change_on(saved: dict[str, Any]) -> None:
    mirror = StateMirror(random_watched=True)
    random.seed(11)
    expected = random.random()
    random.seed(11)
    decimal.getcontext().prec = 9
    warnings.simplefilter("error", UserWarning)
    sent = mirror.outgoing()
    assert sent is not None
    random.seed(99)
    decimal.getcontext().prec = 28
    warnings.resetwarnings()
    other = StateMirror()
    other.incoming(sent)
    assert not other.problems
    assert random.random() == expected
    assert decimal.getcontext().prec == 9
    with pytest.raises(UserWarning):
        warnings.warn("x", UserWarning, stacklevel=1)
    assert other.outgoing() is not None  # random moved on since


# --- what the tests' side refuses (each noted as a problem, the interpreter left as it was) -------------

HOSTILE: list[tuple[str, dict[str, Any]]] = [
    ("a folder added to sys.path", {"path": ["/tmp/candidate", *sys.path]}),
    ("sys.path not text", {"path": [1, 2]}),
    ("an unknown field", {"signals": {"2": 1}}),
    ("environ too large", {"environ": {"BIG": "x" * (2 << 20)}}),
    ("environ name with =", {"environ": {"A=B": "1"}}),
    ("environ not text", {"environ": {"A": 1}}),
    ("a recursion limit of zero", {"recursion": 0}),
    ("a recursion limit that is no int", {"recursion": "9"}),
    ("a recursion limit below the tests' depth", {"recursion": 5}),
    ("umask out of range", {"umask": 0o7777}),
    (
        "a decimal rounding that does not exist",
        {"decimal": [28, "ROUND_AWAY", -999999, 999999, 1, 0, [], []]},
    ),
    ("a decimal precision of zero", {"decimal": [0, "ROUND_HALF_EVEN", -999999, 999999, 1, 0, [], []]}),
    ("a decimal signal that does not exist", {"decimal": [28, "ROUND_HALF_EVEN", -9, 9, 1, 0, ["Boom"], []]}),
    ("a random state too short", {"random": [3, [1, 2, 3], None]}),
    ("a random word too large", {"random": [3, [1 << 40] * 625, None]}),
    ("one random word too large", {"random": [3, [7] * 624 + [1 << 32], None]}),
    ("a negative random word", {"random": [3, [-1] + [7] * 624, None]}),
    ("a random word that is a bool", {"random": [3, [7] * 624 + [True], None]}),
    ("a random word that is a float", {"random": [3, [7.0] + [7] * 624, None]}),
    ("a random word that is text", {"random": [3, ["7"] * 625, None]}),
    ("a warnings category of the candidate's", {"warnings": [["error", None, "solution.Mine", None, 0]]}),
    ("a warnings action that does not exist", {"warnings": [["explode", None, "builtins.Warning", None, 0]]}),
    (
        "a warnings pattern that does not compile",
        {"warnings": [["error", ["(", True], "builtins.Warning", None, 0]]},
    ),
    ("a cwd that does not exist", {"cwd": "/no/such/folder"}),
    ("a cwd with a NUL", {"cwd": "/\0"}),
    ("not a mapping", ["cwd", "/"]),  # type: ignore[list-item]
]


@pytest.mark.parametrize("quiet", [False, True], ids=["watching", "quiet"])
@pytest.mark.parametrize(("name", "sent"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_the_tests_side_refuses(saved: dict[str, Any], name: str, sent: Any, quiet: bool) -> None:
    before = StateMirror().read()
    mirror = StateMirror(path_allowed=frozenset(sys.path), quiet=quiet)
    mirror.incoming(sent)
    assert mirror.problems, name
    after = StateMirror().read()
    assert after == before


def test_sys_path_may_be_reordered_from_the_tests_own_folders(saved: dict[str, Any]) -> None:
    mirror = StateMirror(path_allowed=frozenset(sys.path))
    mirror.incoming({"path": list(reversed(sys.path))[:-1]})
    assert not mirror.problems
    assert sys.path == list(reversed(saved["path"]))[:-1]


def test_restore_puts_everything_back(saved: dict[str, Any]) -> None:
    os.environ["ASSAY_STATE_TEST"] = "1"
    sys.path.insert(0, "/nowhere")
    os.chdir("/")
    os.umask(0o077)
    warnings.simplefilter("error")
    assert restore(saved)
    assert StateMirror().read() == saved


# --- C's recursion limits ---------------------------------------------------------------------------


def test_frames_run_the_program_under_its_limit_and_the_bridge_under_the_trusted_one() -> None:
    outer = sys.getrecursionlimit()
    sys.setrecursionlimit(TRUSTED_LIMIT)
    try:
        frames = Frames()
        seen: list[int] = []

        def callback() -> None:
            with frames.trusted():
                seen.append(sys.getrecursionlimit())
            seen.append(sys.getrecursionlimit())

        def program() -> None:
            seen.append(sys.getrecursionlimit())
            sys.setrecursionlimit(1234)
            callback()

        frames.run(program)
        assert seen == [PROGRAM_LIMIT, TRUSTED_LIMIT, 1234]
        assert frames.program == 1234
        assert sys.getrecursionlimit() == TRUSTED_LIMIT
    finally:
        sys.setrecursionlimit(outer)


def test_frames_keep_the_programs_limit_on_int_digits() -> None:
    outer = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # the worker's (and the bridge's): ints cross as digits
    try:
        frames = Frames()
        seen: list[int] = []

        def program() -> None:
            seen.append(sys.get_int_max_str_digits())
            with frames.trusted():
                seen.append(sys.get_int_max_str_digits())
            sys.set_int_max_str_digits(5000)

        frames.run(program)
        assert seen == [DIGITS_LIMIT, 0]
        assert (frames.digits, sys.get_int_max_str_digits()) == (5000, 0)
        with pytest.raises(ValueError):  # as in one program: `len(str(10 ** 5000))` exceeds the limit
            Frames().run(lambda: str(10**5000))
    finally:
        sys.set_int_max_str_digits(outer)


# --- which programs could change the state at all (program_changes.may_change_state) -------------------

QUIET = [
    "def f(xs):\n    return sorted(set(xs))[:3]\n",
    "from typing import List\nimport math\n\ndef f(n: int) -> List[int]:\n    return [math.isqrt(n)]\n",
    "import hashlib\ndef f(t):\n    return hashlib.md5(t.encode()).hexdigest()\n",
    "def f(n):\n    def g(k):\n        return k and g(k - 1)\n    return g(n)\n",
    "import collections, heapq, bisect, itertools\nfrom functools import lru_cache\n"
    "@lru_cache(None)\ndef f(n):\n    return n\n",
]
CHANGING = [
    "import math\ndef f():\n    math.pi = 3\n",
    "import math\ndef f():\n    del math.tau\n",
    "import math\ndef f():\n    setattr(math, 'pi', 3)\n",
    "import math\ndef f():\n    vars(math)['pi'] = 3\n",
    "import math\ndef f():\n    math.__dict__['pi'] = 3\n",
    "import math, operator\ndef f():\n    operator.attrgetter('__di' + 'ct__')(math)['pi'] = 3\n",
    "import math\ndef f():\n    getattr(math, '__di' + 'ct__')['pi'] = 3\n",
    "def f():\n    exec('import math; math.pi = 3')\n",
    "import sys\ndef f():\n    sys.modules['json'] = None\n",
    "import sys\ndef f():\n    sys._getframe(1).f_globals['x'] = 1\n",
    "import os\ndef f():\n    os.chdir('/')\n",
    "from os import chdir\ndef f():\n    chdir('/')\n",
    "from os import environ as e\ndef f():\n    e['A'] = '1'\n",
    "import sys\nsys.setrecursionlimit(10 ** 6)\ndef f():\n    pass\n",
    "import random\ndef f(xs):\n    return random.choice(xs)\n",
    "from random import shuffle\ndef f(xs):\n    shuffle(xs)\n",
    "from decimal import Decimal\ndef f(a):\n    return Decimal(a)\n",
    "import warnings\ndef f():\n    warnings.simplefilter('ignore')\n",
    "import signal\ndef f():\n    signal.signal(2, signal.SIG_IGN)\n",
    "def f():\n    __builtins__['len'] = None\n",
    "class Counter:\n    def __init__(self):\n        self.n = 0\n",
    "import time\ndef f():\n    time.tzset()\n",
    "import pickle\ndef f(b):\n    return pickle.loads(b)\n",
    # the standard library's ways to run a string or name an object: any module off the plain list
    "import code\ndef f():\n    code.InteractiveInterpreter().runsource('import math; math.pi = 3')\n",
    "import timeit\ndef f():\n    timeit.timeit('import math; math.pi = 3', number=1)\n",
    "import pkgutil\ndef f():\n    return pkgutil.resolve_name('math:pi')\n",
    "from pydoc import locate\ndef f():\n    return locate('builtins.len')\n",
    "import site\ndef f():\n    site.addsitedir('/tmp')\n",
    "import os.path as p\nimport runpy\ndef f():\n    runpy.run_path('x.py')\n",
    "def f():\n    import logging.config\n",
    "import string\ndef f(m):\n    return string.Formatter().get_field('0.x', [m], {})\n",
]


@pytest.mark.parametrize("source", QUIET)
def test_a_plain_program_cannot_change_the_state(source: str) -> None:
    assert not may_change_state(compile(source, "<candidate>", "exec"))


@pytest.mark.parametrize("source", CHANGING)
def test_a_program_that_could_change_the_state_is_watched(source: str) -> None:
    assert may_change_state(compile(source, "<candidate>", "exec"))


def _quieted() -> StateMirror:
    mirror = StateMirror()
    mirror.quiet()
    return mirror


@pytest.mark.parametrize("make", [_quieted, lambda: StateMirror(quiet=True)], ids=["quieted", "made quiet"])
def test_a_quiet_mirror_sends_nothing_and_still_takes_state_on(
    saved: dict[str, Any], make: Callable[[], StateMirror]
) -> None:
    mirror = make()
    assert mirror.silent
    os.environ["ASSAY_STATE_TEST"] = "1"
    assert mirror.outgoing() is None
    mirror.incoming({"umask": 0o077})
    assert not mirror.problems
    mask = os.umask(0o022)
    os.umask(mask)
    assert mask == 0o077


@pytest.mark.parametrize("make", [_quieted, lambda: StateMirror(quiet=True)], ids=["quieted", "made quiet"])
def test_a_quiet_side_told_of_random_watches_its_own_from_then_on(
    saved: dict[str, Any], make: Callable[[], StateMirror]
) -> None:
    """The other side names the random stream (even as None): from then on this side sends its own
    stream when it moves, whether or not it read the state when it was made."""
    random.seed(3)
    mirror = make()
    mirror.incoming({"random": None})
    assert not mirror.silent
    assert mirror.outgoing() is None
    random.random()
    assert mirror.outgoing() == {"random": random.getstate()}


# --- the dicts' versions, read in one call ------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 2, 50])
def test_dict_versions_move_with_each_change_and_only_then(count: int) -> None:
    if not VERSIONS_WORK:
        pytest.skip("this interpreter's dicts keep no version where it is read")
    dicts: list[dict[str, int]] = [{"a": i} for i in range(count)]
    versions = DictVersions(dicts)
    before = versions()
    assert len(before) == count and all(type(v) is int for v in before)
    assert versions() == before  # reading changes nothing
    for i, d in enumerate(dicts):
        d["a"] += 1000  # a value rebound
        now = versions()
        assert [k for k in range(count) if now[k] != before[k]] == [i]
        before = now

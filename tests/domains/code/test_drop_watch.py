"""What C's code runs when the tests let go of its object (a finalizer) leaves the run unknown.

In one program `del r` runs `r.__del__` at once, before the next line of the tests; across the sandbox
C learns of the drop with the tests' next message. Before each check the tests' side tells C of a
handle that died (Bridge.sync), and C notes any code that ran as it let go (drop_watch): the checks
then see the finalizer's changes, but not at the moment one program would have, so neither a pass nor
a failure is a verdict. Objects whose letting go runs nothing are judged as before.
"""

from __future__ import annotations

import pytest

from assay.domains.code.drop_watch import FINALIZED
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Status

WRAP_DEL = (
    "class W:\n    def __init__(self, xs):\n        self.xs = xs\n    def total(self):\n"
    "        return sum(self.xs)\n    def __del__(self):\n        self.xs.append(99)\n"
    "def f(xs):\n    return W(xs)\n"
)
FINALLY_GEN = "def f(xs):\n    try:\n        yield from xs\n    finally:\n        xs.sort()\n"
WEAKREF_BUILTIN = (
    "import functools, weakref\nclass R:\n    pass\nkept = []\n"
    "def f(log):\n    r = R()\n"
    "    kept.append(weakref.ref(r, functools.partial(list.insert, log, 0)))\n    return r\n"
)
WEAKREF_FINALIZE = (
    "import weakref\nclass R:\n    pass\ndef f(log):\n    r = R()\n"
    "    weakref.finalize(r, log.append, 'gone')\n"
    "    return r\n"
)

BUILTIN_DEL = (
    "import functools\nclass Outer:\n    pass\ndef f(xs):\n    class W:\n"
    "        __del__ = functools.partial(xs.append, 99)\n    o = Outer()\n    o.inner = W()\n    return o\n"
)
PRINTING_DEL = (
    "import functools\nclass W:\n    __del__ = functools.partial(print, 'x')\ndef f():\n    return W()\n"
    "def show():\n    pass\nf.show = show\n"
)

# (name, code, tests): a finalizer of C's runs between two checks of the tests
LATE = [
    ("__del__ after del", WRAP_DEL, "a = [1, 2]\nr = f(a)\nassert r.total() == 3\ndel r\nassert a == [1, 2]"),
    ("__del__ after rebinding", WRAP_DEL, "a = [1, 2]\nr = f(a)\nr = None\nassert a == [1, 2]"),
    ("__del__ of a temporary", WRAP_DEL, "a = [1, 2]\nassert f(a).total() == 3\nassert a == [1, 2]"),
    (
        "a generator's finally",
        FINALLY_GEN,
        "a = [3, 1, 2]\ng = f(a)\nassert next(g) == 3\ndel g\nassert a == [3, 1, 2]",
    ),
    ("weakref.finalize", WEAKREF_FINALIZE, "log = []\nr = f(log)\ndel r\nassert log == []"),
    ("a builtin weakref callback", WEAKREF_BUILTIN, "log = []\nr = f(log)\ndel r\nassert log == []"),
    (
        "a builtin __del__ of what dies with it",
        BUILTIN_DEL,
        "a = [1, 2]\nr = f(a)\ndel r\nassert a == [1, 2]",
    ),
    (
        "a builtin __del__ that prints",
        PRINTING_DEL,
        "import io, contextlib\nr = f()\ndel r\nbuf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n"
        "    f.show()\nassert buf.getvalue() == 'x\\n'",
    ),
    (
        "a local's __del__ when the call raised",
        "class W:\n    def __init__(self, xs):\n        self.xs = xs\n    def __del__(self):\n"
        "        self.xs.append(99)\ndef f(a):\n    w = W(a)\n    raise ValueError('bad')\n",
        "a = [1]\ntry:\n    f(a)\nexcept ValueError:\n    pass\nassert a == [1]",
    ),
    ("a right __del__", WRAP_DEL, "a = [1, 2]\nr = f(a)\ndel r\nassert a == [1, 2, 99]"),
]


@pytest.mark.parametrize(("name", "code", "tests"), LATE, ids=[c[0] for c in LATE])
def test_a_late_finalizer_is_unknown(name: str, code: str, tests: str, sandbox: Sandbox) -> None:
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status in (ExecStatus.PASSED, ExecStatus.FAILED), (result.message, result.tests)
    assert FINALIZED in result.message, (result.message, result.tests)
    assert CodeVerifier(sandbox).verdict("c", result).status == Status.UNKNOWN


@pytest.mark.parametrize(
    ("code", "tests"),
    [
        # letting go runs nothing: a plain object, a generator with nothing to finish, a dropped list
        (
            "class R:\n    v = 1\ndef f():\n    return R()\n",
            "r = f()\nassert r.v == 1\ndel r\nassert f().v == 1",
        ),
        (
            "def f(n):\n    yield from range(n)\n",
            "assert next(f(3)) == 0\ng = f(2)\nassert next(g) == 0\ndel g\nassert 1",
        ),
        ("def f(n):\n    return [[0] * n]\n", "assert f(2) == [[0, 0]]\nassert f(1) == [[0]]"),
        # a raise whose frames hold only plain values and the tests' arguments
        (
            "def f(xs, n):\n    total = sum(xs)\n    raise ValueError(total + n)\n",
            "for n in range(3):\n    try:\n        f([1, 2], n)\n    except ValueError as e:\n"
            "        assert e.args == (3 + n,)",
        ),
    ],
)
def test_letting_go_that_runs_nothing_is_judged(code: str, tests: str, sandbox: Sandbox) -> None:
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus.PASSED and not result.message, (result.message, result.tests)

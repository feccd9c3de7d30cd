"""A program that may make an object whose death runs code is watched as it lets go; only one that
cannot (finalizer_reach, read from its bytecode) is spared drop_watch's trace and its read of every class.

The cheats below reach a finalizer without writing `def __del__` plainly: a computed name stored into a
class, a class built from a computed namespace, a metaclass, a generator's `finally`, a weak reference's
callback. Each must still be read as one that may finalize, and its late finalizer must keep the run
from being `verified`, as when every program was watched.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

from assay.domains.code import finalizer_reach
from assay.domains.code.bridge import Bridge
from assay.domains.code.bridge_kinds import CANDIDATE
from assay.domains.code.finalizer_reach import may_finalize
from assay.domains.code.sandbox import CodeJob, Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Status

_BODY = "    def __init__(self, xs):\n        self.xs = xs\n"
_LATE_TESTS = "a = [1, 2]\nr = f(a)\ndel r\nassert a == [1, 2, 99]"
_DYING = "def dying(self):\n    self.xs.append(99)\n"

# (name, code): each returns an object of its own whose death appends 99 to the list f was given
CHEATS = [
    (
        "type() with a computed __del__",
        _DYING
        + "W = type('W', (), {'__d' + 'el__': dying, '__init__': lambda s, xs: setattr(s, 'xs', xs)})\n"
        "def f(xs):\n    return W(xs)\n",
    ),
    (
        "setattr with a computed name",
        "class W:\n" + _BODY + _DYING + "setattr(W, '__d' + 'el__', dying)\ndef f(xs):\n    return W(xs)\n",
    ),
    (
        "a class body's locals()",
        _DYING
        + "class W:\n"
        + _BODY
        + "    locals()['__d' + 'el__'] = dying\ndef f(xs):\n    return W(xs)\n",
    ),
    (
        "a class body's vars()",
        _DYING + "class W:\n" + _BODY + "    vars()['__d' + 'el__'] = dying\ndef f(xs):\n    return W(xs)\n",
    ),
    (
        "a metaclass from numbers",
        "import numbers\n" + _DYING + "class M(numbers.ABCMeta):\n    def __new__(m, name, bases, ns):\n"
        "        ns['__d' + 'el__'] = dying\n        return super().__new__(m, name, bases, ns)\n"
        "class W(object, metaclass=M):\n" + _BODY + "def f(xs):\n    return W(xs)\n",
    ),
    (
        "a metaclass called with a namespace",
        "from collections import abc\n" + _DYING + "M = abc.Sequence.__class__\n"
        "W = M('W', (), {'__d' + 'el__': dying, '__init__': lambda s, xs: s.__dict__.update(xs=xs)})\n"
        "def f(xs):\n    return W(xs)\n",
    ),
    (
        "a generator method's finally",
        "class W:\n"
        + _BODY
        + "    def __iter__(self):\n        try:\n            yield 1\n        finally:\n"
        "            self.xs.append(99)\ndef f(xs):\n    it = iter(W(xs))\n    next(it)\n    return it\n",
    ),
    (
        "a generator's except",
        "def f(xs):\n    def g():\n        try:\n            yield 1\n        except BaseException:\n"
        "            xs.append(99)\n            raise\n    it = g()\n    next(it)\n    return it\n",
    ),
    (
        "weakref.finalize through an import alias",
        "import weakref as w\nclass R:\n    pass\ndef f(xs):\n    r = R()\n    w.finalize(r, xs.append, 99)\n"
        "    return r\n",
    ),
    (
        "a partial as __del__",
        "import functools\ndef f(xs):\n    class W:\n        __del__ = functools.partial(xs.append, 99)\n"
        "    return W()\n",
    ),
    (
        "a class reached through a function's globals",
        "class W:\n" + _BODY + "def f(xs):\n    g = f.__globals__\n    return g['W'](xs)\n",
    ),
    (
        "__init_subclass__ storing a computed name",
        _DYING + "class Base:\n    def __init_subclass__(cls, **kw):\n        super().__init_subclass__()\n"
        "        cls.__init__ = lambda s, xs: s.__dict__.update(xs=xs)\n"
        "        dict.__setitem__(cls.__dict__, '__d' + 'el__', dying)\n"
        "class W(Base):\n    pass\ndef f(xs):\n    return W(xs)\n",
    ),
    (
        "a __del__ made by exec",
        "def f(xs):\n    ns = {}\n"
        "    exec('class W:\\n    def __del__(self):\\n        self.xs.append(99)\\n', ns)\n"
        "    w = ns['W']()\n    w.xs = xs\n    return w\n",
    ),
]


@pytest.mark.parametrize(("name", "code"), CHEATS, ids=[c[0] for c in CHEATS])
def test_a_reached_finalizer_is_read_as_one(name: str, code: str) -> None:
    assert may_finalize(compile(code, "<candidate>", "exec"))


@pytest.mark.parametrize(("name", "code"), CHEATS, ids=[c[0] for c in CHEATS])
def test_a_reached_finalizer_is_never_verified(name: str, code: str, sandbox: Sandbox) -> None:
    result = sandbox.run(CodeJob(code=code, tests=(_LATE_TESTS,), entry_point="f"))
    verdict = CodeVerifier(sandbox).verdict("c", result).status
    assert verdict in (Status.UNKNOWN, Status.REFUTED), (result.status, result.message, result.tests)


@pytest.mark.parametrize(
    "code",
    [
        "from typing import List\ndef f(xs: List[int]) -> int:\n    return sum(x * x for x in xs)\n",
        "import math, itertools\nclass P:\n    def __init__(self, v):\n        self.v = v\n"
        "def f(n):\n    return [P(math.isqrt(k)) for k in itertools.islice(range(n), 3)]\n",
        "from __future__ import annotations\ndef f(n: int) -> int:\n    raise ValueError(n)\n",
        "class Box:\n    def __init__(self, v):\n        self.v = v\n"
        "    def __eq__(self, o):\n        return self.v == o.v\n"
        'def f(n):\n    if __name__ == "__main__":\n        return None\n    return Box(n)\n',
    ],
)
def test_a_plain_program_makes_no_finalizer(code: str) -> None:
    assert not may_finalize(compile(code, "<candidate>", "exec"))


def test_a_store_by_the_tests_turns_the_watch_on() -> None:
    """The tests' side storing an attribute on C's objects (a class's `__del__` among them), or reading
    a dunder of one (its class), turns the watch on for the rest of the run, whatever the program's text."""

    class Held:
        pass

    for op, payload, watched in (
        ("setattr", ["note", 1], True),
        ("getattr", ["__class__"], True),
        ("getattr", ["note"], False),
    ):
        bridge = Bridge(CANDIDATE, lambda message: None, lambda: None, {})
        bridge.finalizers = False
        held = Held()
        held.note = 0  # type: ignore[attr-defined]
        bridge.perform(op, held, payload)
        assert bridge.finalizers is watched, (op, payload)


def test_the_free_modules_define_no_builtin_finalizer() -> None:
    """A C whose program can make no finalizer takes the spawner's read of every class
    (drop_watch.read_spawner_classes), so the modules it may still import must add no class with a
    `__del__` that is no Python function, and no generator of theirs may be a finalizer of its own."""
    folder = Path(finalizer_reach.__file__).parent
    script = (
        f"import sys, importlib\nsys.path.insert(0, {str(folder)!r})\nimport drop_watch, finalizer_reach\n"
        "for name in sorted(finalizer_reach.FREE_MODULES):\n    importlib.import_module(name)\n"
        "import collections.abc\nprint(drop_watch._builtin_finalizer_defined())\n"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script], capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False", run.stderr


def _reachable_from_free_modules() -> list[tuple[str, object]]:
    """(name, value) of every attribute of the plain modules and of their own submodules."""
    found, todo, seen = [], [importlib.import_module(m) for m in finalizer_reach.FREE_MODULES], set()
    todo.append(importlib.import_module("collections.abc"))
    while todo:
        module = todo.pop()
        if id(module) in seen:
            continue
        seen.add(id(module))
        for name, value in vars(module).items():
            found.append((name, value))
            if (
                isinstance(value, types.ModuleType)
                and value.__name__.split(".")[0] in finalizer_reach.FREE_MODULES
            ):
                todo.append(value)
    return found


def test_what_the_free_modules_hold_beyond_them_is_named() -> None:
    """A module the plain modules hold (`re.enum`, `typing.types`) and a metaclass they hold
    (`typing._DeprecatedType`) reach classes built from a computed namespace: a program must name them."""
    free = finalizer_reach.FREE_MODULES
    for name, value in _reachable_from_free_modules():
        if isinstance(value, types.ModuleType) and value.__name__.split(".")[0] not in free:
            assert finalizer_reach._finalizer_named((name,)), name
        if isinstance(value, type) and issubclass(value, type):
            assert finalizer_reach._finalizer_named((name,)), name


@pytest.mark.parametrize(
    "code",
    [
        "import typing\ndef f():\n    return typing.Type('W', (), {})\n",
        "import re\ndef f():\n    return re.enum.Enum('E', [('a', 1)])\n",
        "import typing\ndef f():\n    return typing.types.new_class\n",
        "import typing\ndef f():\n    return typing.get_origin(typing.Type)\n",
        "import typing\nclass M(typing._DeprecatedType):\n    pass\ndef f():\n    return M\n",
    ],
)
def test_a_class_maker_reached_through_a_plain_module_is_read(code: str) -> None:
    assert may_finalize(compile(code, "<candidate>", "exec"))

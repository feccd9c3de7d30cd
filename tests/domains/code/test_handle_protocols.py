"""A handle to C's object has the protocols of that object's class, and no other.

Python reads a protocol off the class: `callable(h)`, `isinstance(h, Iterable)` (the ABCs'
`__subclasshook__`) and `hasattr(h, '__len__')`. A handle that had every protocol would look callable,
iterable and sized whatever C's object is, and tests that check only that would pass a wrong program.
"""

from __future__ import annotations

import collections
import itertools

import pytest

from assay.domains.code.bridge_kinds import (
    RECLASSED,
    UNDRIVEN,
    _defined,
    _mro,
    _operators,
    handle_class,
    operators_of,
    protocols_of,
)
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox

PLAIN = "class C:\n    pass\ndef f():\n    return C()\n"
ADDER = "def f():\n    def add(x):\n        return x + 1\n    return add\n"
GENERATOR = "def f():\n    yield 1\n"
SEQUENCE = (
    "class C:\n    def __len__(self):\n        return 2\n    def __getitem__(self, i):\n"
    "        if i > 1:\n            raise IndexError(i)\n        return i\ndef f():\n    return C()\n"
)
NONE_ITER = "class C:\n    __iter__ = None\ndef f():\n    return C()\n"

CHECKS = (
    "from collections.abc import Callable, Iterable, Iterator, Sized\nr = f()\n"
    "assert callable(r) is {c}\nassert isinstance(r, Iterable) is {i}\n"
    "assert isinstance(r, Iterator) is {n}\nassert isinstance(r, Sized) is {sized}\n"
    "assert hasattr(r, '__getitem__') is {g}\nassert isinstance(r, Callable) is {c}"
)


@pytest.mark.parametrize(
    ("code", "c", "i", "n", "sized", "g"),
    [
        (PLAIN, False, False, False, False, False),
        (ADDER, True, False, False, False, False),
        (GENERATOR, False, True, True, False, False),
        (SEQUENCE, False, False, False, True, True),
        (NONE_ITER, False, False, False, False, False),
    ],
    ids=["plain object", "function", "generator", "sequence", "__iter__ = None"],
)
def test_a_handle_answers_protocol_checks_as_its_object(
    code: str, c: bool, i: bool, n: bool, sized: bool, g: bool, sandbox: Sandbox
) -> None:
    tests = CHECKS.format(c=c, i=i, n=n, sized=sized, g=g)
    # as in one program
    namespace: dict[str, object] = {}
    exec(code + tests, namespace)  # noqa: S102 - trusted test programs
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus.PASSED, (result.message, result.tests)


def test_a_handle_class_has_exactly_the_protocols_named() -> None:
    assert protocols_of(len) == "c" and protocols_of(iter([])) == "in" and protocols_of(object()) == ""
    bare, calling = object.__new__(handle_class("")), object.__new__(handle_class("cx"))
    assert not callable(bare) and not hasattr(bare, "__iter__")
    assert type(calling) is handle_class("c") and callable(calling) and not hasattr(calling, "__len__")


def _read(value: object) -> tuple[str, list[str]]:
    """protocols_of and operators_of read from the class every time, as for a class defined in Python."""
    mro = _mro(type(value))
    names = {
        "c": "__call__",
        "i": "__iter__",
        "n": "__next__",
        "l": "__len__",
        "g": "__getitem__",
        "s": "__setitem__",
    }
    letters = "".join(letter for letter, name in names.items() if _defined(mro, name) is not None)
    return letters, _operators(mro)


@pytest.mark.parametrize(
    "value",
    [len, print, [], {}, "s", 1, 2.5, None, object(), range(3), iter([]), (x for x in ()), type,
     collections.OrderedDict(), collections.deque(), itertools.count(), collections.Counter(), str.join],
    ids=lambda value: type(value).__name__,
)  # fmt: skip
def test_a_static_class_read_once_answers_as_read_every_time(value: object) -> None:
    for _ in range(2):  # the second answer comes from what the first read kept
        assert (protocols_of(value), operators_of(value)) == _read(value)


def test_a_class_defined_in_python_is_read_again_after_it_changes() -> None:
    class Point:
        pass

    point = Point()
    assert (protocols_of(point), operators_of(point)) == ("", [])
    Point.__add__ = lambda self, other: 0  # type: ignore[attr-defined]
    Point.__len__ = lambda self: 0  # type: ignore[attr-defined]
    assert (protocols_of(point), operators_of(point)) == ("l", ["__add__"])


def test_a_copy_the_tests_make_of_c_object_is_unknown(sandbox: Sandbox) -> None:
    code = "class Stack:\n    def __init__(self):\n        self.xs = [1]\ndef f():\n    return Stack()\n"
    result = sandbox.run(
        CodeJob(code=code, tests=("import copy\nassert copy.copy(f()).xs == [1]",), entry_point="f")
    )
    assert result.status == ExecStatus.FAILED and "a copy the tests made" in result.message


VECTOR = (
    "class V:\n    def __init__(self, x):\n        self.x = x\n"
    "    def __add__(self, o):\n        return V(self.x + o.x)\n"
    "    def __lt__(self, o):\n        return self.x < o.x\n"
    "    def __repr__(self):\n        return f'V({self.x})'\n"
    "def f(x):\n    return V(x)\n"
)


@pytest.mark.parametrize(
    "tests",
    [
        "assert (f(1) + f(2)).x == 3",
        "assert [v.x for v in sorted([f(2), f(1)])] == [1, 2]",
        "assert str(f(1)) == 'V(1)'",
        "assert repr(f(1)) == 'V(1)'",
        "assert f'{f(1)}' == 'V(1)'",
    ],
)
def test_an_operator_c_class_defines_is_not_run_and_leaves_the_run_unknown(
    tests: str, sandbox: Sandbox
) -> None:
    result = sandbox.run(CodeJob(code=VECTOR, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus.FAILED and result.message.startswith(UNDRIVEN), (
        result.message,
        result.tests,
    )


def test_an_operator_no_class_defines_fails_as_in_one_program(sandbox: Sandbox) -> None:
    code = "class P:\n    pass\ndef f():\n    return P()\n"
    tests = (
        "try:\n    f() + 1\n    added = True\nexcept TypeError:\n    added = False\n"
        "assert not added\nassert str(f())"
    )
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus.PASSED and not result.message, (result.message, result.tests)


@pytest.mark.parametrize(
    "tests",
    ["r = f()\nassert r.switch() == 1\nassert callable(r)", "r = f()\nr.switch()\nassert not callable(r)"],
)
def test_an_object_that_changes_its_class_leaves_the_run_unknown(tests: str, sandbox: Sandbox) -> None:
    code = (
        "class A:\n    def __call__(self):\n        return 0\n"
        "    def switch(self):\n        self.__class__ = B\n"
        "        return 1\nclass B:\n    pass\ndef f():\n    return A()\n"
    )
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert RECLASSED in result.message, (result.message, result.tests)

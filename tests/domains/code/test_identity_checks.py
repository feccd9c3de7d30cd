"""identity_checks: `is` and `id` on values that cross the sandbox as copies are noted, never trusted."""

from __future__ import annotations

import ast
import types
from typing import Any

import pytest

from assay.domains.code.identity_checks import (
    CALL,
    IS,
    JUDGED,
    TYPE_JUDGED,
    Judged,
    compiled_judging,
    copied,
    may_judge_code,
    rewritten,
)


def _run(source: str) -> tuple[dict[str, Any], list[str]]:
    found: list[str] = []
    scope: dict[str, Any] = {**Judged(found).names()}
    exec(compile(rewritten(ast.parse(source)), "<test>", "exec"), scope)  # noqa: S102 - test code
    return scope, found


@pytest.mark.parametrize(
    ("source", "value", "noted"),
    [
        # two copied values: the answer is Python's, and it is noted
        ("t = (1, 2)\nr = t is t", True, True),
        ("t = (1, 2)\nr = t is not (1, 2)[:]", False, True),
        ("s = 'ab' * 9\nr = s is not s", False, True),
        ("import operator\nt = frozenset({1})\nr = operator.is_(t, t)", True, True),
        ("from operator import is_not as differ\nr = differ(10 ** 20, 10 ** 20)", False, True),
        ("t = (1,)\nr = id(t) == id(t)", True, True),
        ("ident = id\nr = ident(range(3)) > 0", True, True),
        ("t = (1,)\nr = t is t is t", True, True),
        ("r = eval('1') is not None", True, False),
        # a singleton, a shared object or a handle keeps its identity: nothing noted
        ("t = (1, 2)\nr = t is None", False, False),
        ("x = 3\nr = (None is ...) or x is not None", True, False),
        ("a = [1]\nr = a is a and a is not [1]", True, False),
        ("class N: pass\nn = N()\nr = n is n and id(n) == id(n)", True, False),
        ("x = True\nr = x is True", True, False),
        ("r = int is type(3)", True, False),
        ("t = (1, 2)\nr = (t is [t][0]) if False else 7", 7, False),
    ],
)
def test_identity_is_noted_on_copies_only(source: str, value: Any, noted: bool) -> None:
    scope, found = _run(source)
    assert scope["r"] == value
    assert found == ([JUDGED] if noted else [])


def test_operands_are_evaluated_once_in_order() -> None:
    scope, found = _run("log = []\ndef f(x):\n    log.append(x)\n    return x\nr = f((1,)) is f((2,))")
    assert (scope["r"], scope["log"], found) == (False, [(1,), (2,)], [JUDGED])


@pytest.mark.parametrize(
    ("value", "expected"),
    [((1,), True), ("s", True), (3, True), (1.5, True), (b"x", True), (range(2), True),
     (ValueError("x"), True), (True, False), (None, False), ([1], False), ({1}, False), (int, False)],
)  # fmt: skip
def test_copied(value: Any, expected: bool) -> None:
    assert copied(value) is expected


@pytest.mark.parametrize(
    ("source", "needed"),
    [
        ("def f(node):\n    if node is None:\n        return 0\n    return 1", False),  # a jump, no IS_OP
        ('def f(x):\n    """x is a tuple."""\n    return x', False),
        ("def f(a, b):\n    return a is b", True),
        ("import operator\ndef f(a, b):\n    return operator.is_(a, b)", True),
    ],
)
def test_cheap_look_at_compiled_code(source: str, needed: bool) -> None:
    assert may_judge_code(compile(source, "<c>", "exec"), source) is needed


def _names_and_texts(code: types.CodeType) -> set[str]:
    """Every name and string constant of code and the code inside it (an annotation is a string here)."""
    found: set[str] = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            found |= _names_and_texts(constant)
        elif isinstance(constant, str):
            found.add(constant)
        elif isinstance(constant, tuple):
            found |= {c for c in constant if isinstance(c, str)}
    return found


@pytest.mark.parametrize(
    ("source", "rewritten_"),
    [
        ('def f(x):\n    """x is a list: it is."""\n    return x', False),  # "is" in prose only
        ("def f(node):\n    return 0 if node is None else 1", False),  # a singleton crosses as itself
        ("def f(a, b):\n    return a is b", True),
        ("def f(x: (a is b)) -> None:\n    pass", True),  # an annotation, read as code
        ("from operator import is_ as same\ndef f(a, b):\n    return same(a, b)", True),
    ],
)
def test_the_setup_is_parsed_and_rewritten_only_when_its_code_judges_identity(
    source: str, rewritten_: bool
) -> None:
    judged = any(IS in text or CALL in text for text in _names_and_texts(compiled_judging(source, "<setup>")))
    assert judged is rewritten_


class _Handle:  # stands for bridge_kinds.Handle: the class of a side's handles
    pass


def _run_with_handles(source: str) -> tuple[dict[str, Any], list[str]]:
    found: list[str] = []
    scope: dict[str, Any] = {**Judged(found, _Handle).names(), "Handle": _Handle}
    exec(compile(rewritten(ast.parse(source)), "<test>", "exec"), scope)  # noqa: S102 - test code
    return scope, found


@pytest.mark.parametrize(
    ("source", "value", "noted"),
    [
        # the type of a handle is the bridge's class, not its object's: the answer is Python's, noted
        ("h = Handle()\nr = type(h).__name__", "_Handle", True),
        ("a, b = Handle(), Handle()\nr = type(a) == type(b)", True, True),
        ("a, b = Handle(), Handle()\nr = isinstance(b, type(a))", True, True),
        ("h = Handle()\nr = h.__class__ is Handle", True, True),
        ("h = Handle()\nr = [type(x) for x in [1, h]][0]", int, True),
        # anything else: nothing noted, and `type` is whatever the name holds there
        ("r = type(3).__name__", "int", False),
        ("r = (3).__class__", int, False),
        ("r = type('K', (), {}).__name__", "K", False),
        ("def type(x):\n    return 'mine'\nr = type(Handle())", "mine", False),
        ("def f(type):\n    return type(Handle())\nr = f(len) if False else f(str)[:1]", "<", False),
        ("class K:\n    pass\nr = isinstance(K(), type)", False, False),
    ],
)
def test_type_of_a_handle_is_noted(source: str, value: Any, noted: bool) -> None:
    scope, found = _run_with_handles(source)
    assert scope["r"] == value
    assert found == ([TYPE_JUDGED] if noted else [])


@pytest.mark.parametrize(
    ("source", "needed"),
    [
        ("def f(x):\n    return type(x)", True),
        ("def f(x):\n    return x.__class__", True),
        ("class K:\n    def f(self):\n        return super().f()", False),  # a cell named __class__
    ],
)
def test_type_judgments_are_looked_for_in_compiled_code(source: str, needed: bool) -> None:
    assert may_judge_code(compile(source, "<c>", "exec"), source) is needed

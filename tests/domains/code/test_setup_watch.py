"""setup_watch: the setup's data and classes the candidate changed in its process, which the tests keep
their own copy of (the task is then never verified)."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.code.setup_watch import joined, setup_watch

SETUP = """
PRICES = {'apple': 3, 'pear': 5}
QUEUE = [4, 1, 3]
LIMIT = 10
RATE = float('nan')
LOG = []

class Account:
    opened = 0
    def __init__(self, owner):
        self.owner = owner

ROOT = Account('root')

class Stack(list):
    pass

STACK = Stack([1, 2])
import random
RNG = random.Random(7)
NUMBERS = iter([1, 2, 3])

def helper(x):
    return x
"""


def _loaded(program: str = "") -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "solution"}
    exec(compile(SETUP + program, "<candidate+prompt>", "exec"), namespace)  # noqa: S102 - test code
    return namespace


def _before_and_after(change: str) -> list[str] | None:
    namespace: dict[str, Any] = {"__name__": "solution"}
    exec(compile(SETUP, "<setup>", "exec"), namespace)  # noqa: S102 - test code
    watch = setup_watch(namespace, dict(namespace), "", {})
    assert watch is not None
    assert watch.unseen() is None
    exec(compile(change, "<candidate>", "exec"), namespace)  # noqa: S102 - test code
    return watch.unseen()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        # the setup's filled data, mutated or rebound
        ("PRICES['pear'] = 0", "PRICES"),
        ("PRICES.update({'tax': 1})", "PRICES"),
        ("QUEUE.sort()", "QUEUE"),
        ("LIMIT = 11", "LIMIT"),
        ("del QUEUE", "QUEUE"),
        # a class's data, a method replaced, an instance of it changed
        ("Account.opened += 1", "Account"),
        ("Account.__init__ = lambda self, owner: None", "Account"),
        ("ROOT.owner = 'x'", "ROOT"),
        ("STACK.append(3)", "STACK"),  # the content of a setup class derived from a builtin
        # objects whose repr shows no content: their reduction
        ("RNG.random()", "RNG"),
        ("next(NUMBERS)", "NUMBERS"),
    ],
)
def test_a_change_is_named(change: str, named: str) -> None:
    found = _before_and_after(change)
    assert found is not None and any(named in line for line in found), found


@pytest.mark.parametrize(
    "change",
    [
        "x = sum(PRICES.values())",  # read only
        "LOG.append(1)",  # an empty container: the program's shared state, read by the tests from C
        "QUEUE.append(9); QUEUE.pop()",  # changed and put back before the crossing
        "PRICES = {'apple': 3, 'pear': 5}",  # rebound to the same content
        "def helper(x):\n    return 2 * x",  # a function is code, not data
        "RATE = float('nan')",  # the same bits
        # the program's own class of the setup's name: the tests never use it (the setup's is watched)
        "class Account:\n    opened = 5\n    def __init__(self, owner):\n        self.owner = None",
    ],
)
def test_no_change_is_named(change: str) -> None:
    assert _before_and_after(change) is None


def test_a_prompt_the_program_ran_itself_is_run_again_apart() -> None:
    namespace = _loaded("\nPRICES.clear()\n")  # the program's own load changed the prompt's data
    watch = setup_watch(namespace, None, SETUP, {})
    assert watch is not None
    assert any("PRICES" in line for line in watch.unseen() or [])
    clean = _loaded("\ndef total(items):\n    return sum(PRICES[i] for i in items)\n")
    watch = setup_watch(clean, None, SETUP, {})
    assert watch is not None and watch.unseen() is None


def test_a_setup_of_code_only_is_not_watched() -> None:
    source = "from typing import List\n\ndef f(xs: List[int]) -> int:\n    '''Sum.'''\n"
    namespace: dict[str, Any] = {"__name__": "solution"}
    exec(compile(source + "    return sum(xs)\n", "<candidate+prompt>", "exec"), namespace)  # noqa: S102
    assert setup_watch(namespace, None, source, {}) is None


def test_reports_are_joined() -> None:
    assert joined(None, None) is None
    assert joined(None, lambda: ["a"]) is not None
    report = joined(lambda: ["a"], lambda: None, lambda: ["b"])
    assert report is not None and report() == ["a", "b"]

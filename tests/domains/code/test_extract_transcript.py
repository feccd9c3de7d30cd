"""A `>>>` transcript as the answer: the program it typed, its outputs checked when the program runs."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract, extract_code
from assay.domains.code.extract_transcript import transcript_program

TRANSCRIPT = ">>> def add(a, b):\n...     return a + b\n...\n>>> add(1, 2)\n3\n"
PROGRAM = (
    "def add(a, b):\n    return a + b\nassert repr((add(1, 2))) == '3', 'the transcript shows another output'"
)


@pytest.mark.parametrize(
    "text",
    [
        TRANSCRIPT,
        "In the REPL:\n\n" + TRANSCRIPT + "\nIt works.\n",
        "```pycon\n" + TRANSCRIPT + "```\n",
        "```python\n" + TRANSCRIPT + "```\n",
    ],
)
def test_a_transcript_that_defines_is_the_program(text: str) -> None:
    assert extract_code(text) == PROGRAM


def test_outputs_become_checks_in_place_of_their_entries() -> None:
    body = (
        ">>> MOD = 7",
        ">>> def f(x):",
        "...     return x % MOD",
        ">>> print(f(10))",
        "3",
        ">>> f(1), f(2)",
        "(1, 2)",
        ">>> {f(1), f(2)}",
        "{1, 2}",
        ">>> f(3)",
    )
    program, why = transcript_program(body)
    assert why == ""
    assert program.splitlines() == [
        "MOD = 7",
        "def f(x):",
        "    return x % MOD",
        "assert str(f(10)) == '3', 'the transcript shows another output'",
        # a tuple shown without brackets is one value: repr of two arguments would be a TypeError
        "assert repr((f(1), f(2))) == '(1, 2)', 'the transcript shows another output'",
        # a set's order changes from run to run: its elements are compared in any order
        "assert (lambda v: isinstance(v, (set, frozenset)) and sorted(map(repr, v)) == ['1', '2'])"
        "(({f(1), f(2)})), 'the transcript shows another output'",
        "f(3)",
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (">>> def add(a, b):\n...     return a - b\n>>> def add(a, b):\n...     return a + b\n", "twice"),
        (">>> def add(a, b):\n...     return a + b\n>>> add = lambda a, b: 0\n", "rebinds"),
        (
            ">>> def add(a, b):\n...     return a + b\n>>> add(1)\nTraceback (most recent call last):\n",
            "error",
        ),
        (">>> def add(a, b):\n...     return a + b\n    return a - b\n>>> add(1, 2)\n3\n", "not typed"),
        (">>> def f():\n...     return int(input())\n", "reads the input"),
        ("```pycon\n" + TRANSCRIPT + "```\nFixed:\n```pycon\n" + TRANSCRIPT + "```\n", "two transcripts"),
        (TRANSCRIPT + "\nActually, change `a + b` to `a - b`.\n", "edit of the code"),
    ],
)
def test_a_transcript_that_is_not_certain_leaves_no_answer(text: str, reason: str) -> None:
    found = extract(text)
    assert found.code is None
    assert reason in found.reason


def test_a_transcript_after_the_code_is_not_the_program() -> None:
    """With a Python block, a transcript only calls the code (the rules of extract)."""
    text = "```python\ndef add(a, b):\n    return a + b\n```\n```pycon\n>>> add(1, 2)\n3\n```\n"
    assert extract_code(text) == "def add(a, b):\n    return a + b"


D = (">>> def f(x):", "...     return x * 2", "...")


@pytest.mark.parametrize(
    ("entry", "shown", "check"),
    [
        ("print(f(1), f(2))", ("2 4",), "assert ' '.join(map(str, (f(1), f(2),))) == '2 4'"),
        ("[f(i) for i in range(3)]", ("[0,", " 2, 4]"), "split()) == '[0, 2, 4]'"),
        ("{f(1), f(2)}", ("{4, 2}",), "sorted(map(repr, v)) == ['2', '4']"),
        ("print({f(1)})", ("{2}",), "sorted(map(repr, v)) == ['2']"),
        ("f(1), f(2)", ("(2, 4)",), "assert repr((f(1), f(2))) == '(2, 4)'"),
    ],
)
def test_more_outputs_are_checked(entry: str, shown: tuple[str, ...], check: str) -> None:
    program, why = transcript_program((*D, f">>> {entry}", *shown))
    assert why == ""
    assert check in program.splitlines()[-1]


@pytest.mark.parametrize(
    ("entry", "shown"),
    [
        ("print(f(1), f(2), sep=',')", ("2,4",)),  # what sep= writes is not read here
        ("print(*[1, 2])", ("1 2",)),
        ("print(f(1)) or f(2)", ("2", "4")),  # not one call of print
        ("f(1)", ("2", "That is it.")),  # a second line that is not a wrapped value
        ("{(1, 2), (3, 4)}", ("{(1, 2), (3, 4)}",)),  # elements with commas: order not checked
    ],
)
def test_outputs_not_read_are_not_checked(entry: str, shown: tuple[str, ...]) -> None:
    program, why = transcript_program((*D, f">>> {entry}", *shown))
    assert why == ""
    assert program.splitlines()[-1] == entry

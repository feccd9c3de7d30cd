"""A `>>>` transcript as the answer: the program it typed, its outputs checked when the program runs."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract, extract_code
from assay.domains.code.extract_transcript import transcript_program

TRANSCRIPT = ">>> def add(a, b):\n...     return a + b\n...\n>>> add(1, 2)\n3\n"
PROGRAM = (
    "def add(a, b):\n    return a + b\nassert repr((add(1, 2))) == '3', 'the transcript shows another output'"
)
MESSAGE = "'the transcript shows another output'"


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
    """With a Python block, a transcript only calls the code (the rules of extract): the code is the
    block's; the outputs the transcript shows are checked in a second program, the code then the checks,
    so what the transcript runs cannot change the code the tests judge."""
    text = "```python\ndef add(a, b):\n    return a + b\n```\n```pycon\n>>> add(1, 2)\n3\n```\n"
    found = extract(text)
    assert found.code == "def add(a, b):\n    return a + b"
    assert found.programs == (found.code, PROGRAM)


@pytest.mark.parametrize(
    ("transcript", "checks"),
    [
        # a wrong output after right code is a claim of the response: checked, so it fails when it runs
        (">>> add(1, 2)\n4\n", ["assert repr((add(1, 2))) == '4', 'the transcript shows another output'"]),
        # an entry that prints and shows nothing would print after a program: left out
        (">>> print(add(1, 2))\n>>> add(2, 2)\n4\n", ["assert repr((add(2, 2))) == '4', " + MESSAGE]),
        # an error shown on purpose is not run; the entries after it still are
        (
            ">>> add(1)\nTypeError: missing b\n>>> add(0, 1)\n1\n",
            ["assert repr((add(0, 1))) == '1', " + MESSAGE],
        ),
        # state the transcript builds is kept for the checks after it
        (
            ">>> xs = [1, 2]\n>>> xs.append(3)\n>>> add(*xs[:2])\n3\n",
            ["xs = [1, 2]", "xs.append(3)", "assert repr((add(*xs[:2]))) == '3', " + MESSAGE],
        ),
        # no output to check: nothing added
        (">>> add(1, 2)\n", []),
    ],
)
def test_a_transcript_after_the_code_has_its_outputs_checked(transcript: str, checks: list[str]) -> None:
    text = f"```python\ndef add(a, b):\n    return a + b\n```\n```pycon\n{transcript}```\n"
    code = "def add(a, b):\n    return a + b"
    checked = "\n".join([code, *checks])
    assert extract(text).programs == ((code, checked) if checks else (code,))


CAUGHT = [
    "import contextlib as _transcript_contextlib, io as _transcript_io",
    "with _transcript_contextlib.redirect_stdout(_transcript_io.StringIO()) as _transcript_printed:",
]


@pytest.mark.parametrize(
    ("loop", "shown"),
    [
        # one line, or a body on `...` lines: what it prints, line by line
        (["for k in [1, 2, 3]: print(add(k, k))"], ["2", "4", "6"]),
        (["for k in [1, 2]:", "    print(k, add(k, 1))"], ["1 2", "2 3"]),
        (["if add(1, 1) == 2: print('yes')"], ["yes"]),
    ],
)
def test_what_a_loop_prints_is_caught_and_compared(loop: list[str], shown: list[str]) -> None:
    typed = [f">>> {loop[0]}", *(f"... {line}" for line in loop[1:]), "..." if len(loop) > 1 else ""]
    program, why = transcript_program((*D, *[line for line in typed if line], *shown))
    assert why == ""
    assert program.splitlines()[2:] == [
        *CAUGHT,
        *(f"    {line}" for line in loop),
        f"assert [line.rstrip() for line in _transcript_printed.getvalue().splitlines()] == {shown!r}, "
        + MESSAGE,
    ]


@pytest.mark.parametrize(
    "typed",
    [
        (">>> for k in [1, 2]: f(k)", "2", "4"),  # the REPL echoes a bare expression, a program does not
        (">>> for k in [1, 2]:", "...     f(k)", "...", "2", "4"),
        (">>> for k in [1, 2]: print(k); f(k)", "1", "2", "2", "4"),
    ],
)
def test_a_loop_whose_output_may_be_echoed_is_not_certain(typed: tuple[str, ...]) -> None:
    program, why = transcript_program((*D, *typed))
    assert program == ""
    assert "may not print" in why


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
        ("print(f(1), file=None or __import__('sys').stderr)", ("2",)),  # written elsewhere
        ("print(f(1)) or f(2)", ("2", "4")),  # not one call of print
        ("f(1)", ("2", "That is it.")),  # a second line that is not a wrapped value
        ("{(1, 2), (3, 4)}", ("{(1, 2), (3, 4)}",)),  # elements with commas: order not checked
    ],
)
def test_outputs_not_read_are_not_checked(entry: str, shown: tuple[str, ...]) -> None:
    program, why = transcript_program((*D, f">>> {entry}", *shown))
    assert why == ""
    assert program.splitlines()[-1] == entry


@pytest.mark.parametrize(
    ("entry", "shown"),
    [
        ("print(f(1), f(2), sep=',')", ("2,4",)),
        ("print(*[1, 2])", ("1 2",)),
        ("print(f(1), end='!')", ("2!",)),
    ],
)
def test_a_print_with_keywords_is_caught_as_it_runs(entry: str, shown: tuple[str, ...]) -> None:
    program, why = transcript_program((*D, f">>> {entry}", *shown))
    assert why == ""
    assert program.splitlines()[2:] == [
        *CAUGHT,
        f"    {entry}",
        f"assert [line.rstrip() for line in _transcript_printed.getvalue().splitlines()] == {list(shown)!r}, "
        + MESSAGE,
    ]

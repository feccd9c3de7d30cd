"""A fenced block the reply never closes (a forgotten fence, a reply cut off): its code up to the first
line of prose is the code, the prose after it is checked as text after a block; after a whole block, a
Python block left open may be the final code cut off, so there is no code."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract, extract_code

F = "```"
GOOD = "def f(x):\n    return x * 2\n"


@pytest.mark.parametrize(
    "text",
    [
        f"{F}python\n{GOOD}",
        f"Here it is:\n{F}python\n{GOOD}\nThis doubles x.\n",
        f"{F}python\n{GOOD}\n  This doubles x, in O(1).\n",  # indented prose: not code
        f"{F}py\n{GOOD}\n## Explanation\nIt doubles x.\n",
        f"{F}\n{GOOD}\nIt doubles x.\n",  # untagged, read by its first line
    ],
)
def test_the_code_of_a_block_left_open_ends_at_the_prose(text: str) -> None:
    assert extract_code(text) == GOOD.rstrip()


def test_a_program_cut_off_is_run_as_it_is() -> None:
    """Not repaired: a cut inside a statement fails to load, a shorter program is judged by the tests."""
    assert extract_code(f"{F}python\n{GOOD}\ndef helper(") == GOOD + "\ndef helper("


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # after a whole block: the final code cut off, whether it defines, rebinds or is empty
        (f"{F}python\n{GOOD}{F}\nShorter:\n{F}python\nf = lambda x: x\n", "left open after the code"),
        (f"{F}python\n{GOOD}{F}\nFaster:\n{F}python\ndef f(x):\n    return x +", "left open after the code"),
        (f"{F}python\n{GOOD}{F}\nThe fixed version:\n{F}python\n", "left open at the end"),
        # prose after the code that edits it, as after a closed block
        (f"{F}python\n{GOOD}\nActually, replace `x * 2` with `x * 3`.\n", "an edit of the code"),
        # a line between the code and the prose that reads as a statement: where the code ends is not certain
        (f"{F}python\n{GOOD}for each x: it doubles\n", "a line between the code and the prose"),
        # a block not taken for Python that defines, as when closed
        (f"{F}text\n{GOOD}", "tagged text"),
    ],
)
def test_a_block_left_open_that_is_not_certain_leaves_no_code(text: str, reason: str) -> None:
    found = extract(text)
    assert found.code is None
    assert reason in found.reason


def test_output_left_open_after_the_code_is_harmless() -> None:
    text = f"{F}python\n{GOOD}print(f(2))\n{F}\nOutput:\n{F}\n4\n"
    assert extract_code(text) == GOOD + "print(f(2))"


def test_a_stray_fence_glued_to_an_end_marker_is_not_a_block() -> None:
    text = f"<|message|>{F}python\n{GOOD}{F}<|return|>"
    assert extract_code(text) == GOOD.rstrip()


def test_example_calls_left_open_after_the_code_are_judged_as_closed() -> None:
    """A usage block the reply did not close: calls of the code bind nothing, so they cannot be the
    start of another version (a line that binds, or a call cut in half, can)."""
    head = f"{F}python\n{GOOD}{F}\nExample:\n{F}python\n"
    assert (
        extract_code(head + "print(f(3))  # 6\nassert f(1) == 2\n")
        == GOOD + "print(f(3))  # 6\nassert f(1) == 2"
    )
    assert extract_code(head + "print(f(3))\nf = abs\n") is None
    assert extract_code(head + "print(f(3") is None


def test_a_closing_fence_without_its_opening_one_leaves_bare_code() -> None:
    assert extract_code(f"{GOOD}{F}\nprint(f(2))\n") == GOOD.rstrip()  # as before: the call is prose

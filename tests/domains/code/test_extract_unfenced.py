"""Code without fences: read when certain, unknown when its edges or its version are not."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract, extract_code

GOOD = "def add(a, b):\n    return a + b\n"
BAD = "def add(a, b):\n    return a - b\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Here is the solution:\n\n" + GOOD + "\nThis adds the numbers.\n", GOOD.rstrip()),
        (GOOD, GOOD.rstrip()),
        # a markdown code block: indented under a blank line, read without its indentation
        ("Here is the solution:\n\n    def add(a, b):\n        return a + b\n\nIt adds.\n", GOOD.rstrip()),
        ("Solution:\n\n\tdef add(a, b):\n\t\treturn a + b\n", "def add(a, b):\n\treturn a + b"),
        # a heading after the code goes back to the prose
        (GOOD + "\n## Explanation\nIt returns the sum.\n", GOOD.rstrip()),
        # a helper and the function, each introduced: both run
        (
            "Helper:\n\ndef plus(a, b):\n    return a + b\n\n"
            "Then:\n\ndef add(a, b):\n    return plus(a, b)\n",
            "def plus(a, b):\n    return a + b\ndef add(a, b):\n    return plus(a, b)",
        ),
        # a byte order mark, CRLF line ends, non-breaking spaces in the indentation
        ("\ufeff" + GOOD, GOOD.rstrip()),
        (("Sure!\n\n" + GOOD + "\nDone.\n").replace("\n", "\r\n"), GOOD.rstrip()),
        ("def add(a, b):\n\u00a0\u00a0\u00a0\u00a0return a + b\n", GOOD.rstrip()),
        # any Python identifier names a definition
        ("答案：\n\ndef 加法(a, b):\n    return a + b\n", "def 加法(a, b):\n    return a + b"),
    ],
)
def test_unfenced_code_is_read_when_certain(text: str, expected: str) -> None:
    assert extract_code(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # two versions: which is final is told in prose
        (GOOD + "\nHmm, let me reconsider.\n\n" + BAD, "two versions"),
        (GOOD + "\nAlternatively:\n\n" + BAD, "two versions"),
        (BAD + "\nFix:\n\nimport operator\nadd = operator.add\n", "two versions"),
        ("class Solution:\n    pass\n\nThe old version was:\n\nclass Solution:\n    x = 1\n", "two versions"),
        # prose inside the code, an edit after it, code after prose
        ("def add(a, b):\nWe subtract, as asked:\n    return a - b\n", "prose inside the code"),
        (GOOD + "But for the final version:\n    return a - b\n", "code outside"),
        (GOOD + "\nWait, that's wrong. It should be `return a - b`.\n", "edit of the code"),
        (GOOD + "\nFinal: def add(a, b): return a - b\n", "definition outside"),
        (GOOD + "\nOr in one line: `add = lambda a, b: a - b`\n", "inline code"),
        # at the margin and as a markdown block: one may continue the other
        (GOOD + "\nCorrected version:\n\n    def add(a, b):\n        return a - b\n", "markdown block"),
        # a line that reads as a statement yet ends the code: where the code ends is not certain
        (GOOD + "for x in xs: print(x)\n", "between the code and the prose"),
        # a transcript after bare code that defines again
        (GOOD + "\nIn the REPL:\n\n>>> def add(a, b):\n...     return a - b\n", "definition outside"),
    ],
)
def test_unfenced_code_that_is_not_certain_leaves_no_answer(text: str, reason: str) -> None:
    found = extract(text)
    assert found.code is None
    assert reason in found.reason


def test_a_reply_that_starts_indented_stays_a_completion() -> None:
    """A nested definition in a completion of the prompt is not a markdown block."""
    text = "    total = 0\n\n    def inner(y):\n        return y\n    return inner(total)\n"
    assert extract_code(text) == text


def test_an_example_call_after_the_code_is_harmless() -> None:
    text = "Here:\n\n" + GOOD + "\nExample usage:\nprint(add(1, 2))  # Output: 3\n"
    assert extract_code(text) == GOOD.rstrip()
    assert extract_code(GOOD + "\nTests:\n\nassert add(1, 2) == 3\nassert add(0, 0) == 0\n") == GOOD.rstrip()
    for tail in (
        "add(1, 2); add = None",
        "print(add(a=1, b=2))",
        "add(int(input()), 2)",
        "sub(1, 2)",
        "assert add(1, 2) == 3; add = None",
        "assert (add := None) is None",
    ):
        assert extract_code(GOOD + "\nExample usage:\n" + tail + "\n") is None, tail


def test_a_stray_fence_after_bare_code_is_prose() -> None:
    assert extract_code(GOOD + "```\nThat is it.\n") == GOOD.rstrip()


def test_labelled_examples_after_the_code_are_data() -> None:
    """`Input: nums = [2,7], target = 9` reads as an annotated assignment; a reply means an example."""
    solution = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"
    example = "\nExample 1:\nInput: nums = [2,7,11,15], target = 9\nOutput: [0,1]\n"
    assert extract_code(solution + example) == solution.rstrip()
    assert extract_code(f"```python\n{solution}```\n{example}") == solution.rstrip()
    assert extract_code(GOOD + "Input: a = 1, b = 2\nOutput: 3\n") == GOOD.rstrip()
    # a label before a line that binds the code's name again is still code
    assert extract_code(f"```python\n{solution}```\nOutput: Solution = None\n") is None

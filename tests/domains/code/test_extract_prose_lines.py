"""An indented paragraph of prose after code without a closing fence ends the code; indented lines that
may be code (a body, a docstring's paragraph, a list literal's items) never do."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract_code
from assay.domains.code.extract_prose_lines import CodeLines, indented_prose

GOOD = "def f(x):\n    return x * 2\n"


@pytest.mark.parametrize(
    "line",
    [
        "    This doubles the input.",
        "  - Time: O(1)",
        "   1. It doubles x.",
        "    **Note:** x may be negative.",
        "    It's the simplest way.",
    ],
)
def test_prose(line: str) -> None:
    assert indented_prose(line)


@pytest.mark.parametrize(
    "line",
    [
        "    return x * 2",
        "    return not x",
        "    yield from xs",
        "    x = a if b else c",
        "    print('two words here')",  # the words are in a string
        "    raise ValueError('bad input')",
        "    for i in range(n):",
        "    import numpy as np",
        "    result  # the answer is here",
        "    match command:",
        "    - x",
        "    await asyncio.sleep(1)",
    ],
)
def test_code(line: str) -> None:
    assert not indented_prose(line)


def test_brackets_and_triple_quotes_are_followed() -> None:
    lines = CodeLines()
    lines.feed('def f():\n    """Doc.')
    assert lines.inside
    lines.feed('    """')
    assert not lines.inside
    lines.feed("    xs = [1, (2,")
    assert lines.inside
    lines.feed("    3)]  # ]]")
    assert not lines.inside


@pytest.mark.parametrize(
    "text",
    [
        GOOD + "\n    This doubles the input.\n",
        "Solution:\n\n" + GOOD + "\n  - Time: O(1)\n  - Space: O(1)\n",
    ],
)
def test_indented_prose_after_bare_code_is_not_code(text: str) -> None:
    assert extract_code(text) == GOOD.rstrip()


@pytest.mark.parametrize(
    "code",
    [
        'def f(x):\n    """Double x.\n\n    Returns twice x, the sum of x and x.\n    """\n    return x * 2',
        "def f(x):\n    words = [\n        'one two',\n\n        'three four',\n    ]\n    return x * 2",
    ],
)
def test_a_paragraph_inside_a_string_or_brackets_stays_code(code: str) -> None:
    assert extract_code(code + "\n") == code


def test_code_after_indented_prose_is_still_judged() -> None:
    """The prose ends the run; a statement after it is code outside the code: no code."""
    assert extract_code(GOOD + "\n    Then fix it with:\n    return x * 3\n") is None

"""Where the final code is not what a reader of the reply would take for it: a later block that gives the
code again under another name (the tests would call the draft), code inside an HTML comment (a rendered
reply does not show it), and a reply that is only its reasoning (no answer after it to say otherwise)."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract

F = "```"
GOOD = "def sq(x):\n    return x * x\n"


@pytest.mark.parametrize(
    "later",
    [
        "Here's a cleaner version:\n```python\ndef square(x):\n    return x * 2\n```\n",
        "A faster one:\n```python\ndef sq_fast(n):\n    return n + n\n```\n",
    ],
)
def test_the_code_again_under_a_new_name_is_not_certain(later: str) -> None:
    found = extract(f"{F}python\n{GOOD}{F}\n{later}")
    assert found.code is None
    assert "under other names" in found.reason


@pytest.mark.parametrize(
    "later",
    [
        "with the helper it calls:\n```python\ndef mul(a, b):\n    return a * b\n```\n",  # used before
        "And for lists:\n```python\ndef sq_all(xs):\n    return [sq(x) for x in xs]\n```\n",  # uses sq
        "Also:\n```python\ndef dist2(a, b):\n    return (a - b) ** 2\n```\n",  # another arity
        "A fixture:\n```python\nimport pytest\n\n@pytest.fixture\ndef numbers():\n    return [1]\n```\n",
    ],
)
def test_helpers_and_extras_are_joined(later: str) -> None:
    first = "def sq(x):\n    return mul(x, x)\n" if "mul" in later else GOOD
    assert extract(f"{F}python\n{first}{F}\n{later}").code is not None


@pytest.mark.parametrize(
    "text",
    [
        f"{F}python\n{GOOD}{F}\n<!--\n{F}python\ndef sq(x):\n    return x * 2\n{F}\n-->\n",
        f"{F}python\n{GOOD}{F}\n<!-- {F}python\ndef sq(x): return 0\n{F} -->\n",
        f"<!-- never closed\ndef sq(x):\n    return 0\n\n{F}python\n{GOOD}{F}\n",
    ],
)
def test_code_inside_an_html_comment_fails_closed(text: str) -> None:
    found = extract(text)
    assert found.code is None
    assert "HTML comment" in found.reason


@pytest.mark.parametrize(
    "text",
    [
        f"<!-- the answer -->\n{F}python\n{GOOD}{F}\n",
        f"{F}python\nMARK = '<!--'\n{GOOD}{F}\n",
    ],
)
def test_comments_without_code_and_markers_in_strings_are_harmless(text: str) -> None:
    assert extract(text).code is not None


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        (f"<think>\n{F}python\n{GOOD}{F}\n</think>\n", True),
        (f"Let me write it.\n{F}python\n{GOOD}{F}\n</think>", True),  # the open tag was the prompt's
        (f"<think>\n{F}python\n{GOOD}{F}\n</think>\nThe function doubles x.", False),  # an answer after
        (f"<think>\n{F}python\n{GOOD}{F}\nHmm, but", False),  # cut off while thinking
        (f"<think>\n{F}python\n{GOOD}{F}\nWait, that's wrong; it doubles.\n</think>\n", False),
    ],
)
def test_a_reply_that_is_only_its_reasoning(text: str, taken: bool) -> None:
    assert (extract(text).code is not None) == taken


def test_two_versions_in_the_reasoning_are_both_tested() -> None:
    other = "def sq(x):\n    return 0\n"
    found = extract(f"<think>\n{F}python\n{GOOD}{F}\nAlternatively:\n{F}python\n{other}{F}\n</think>")
    assert len(found.programs) == 2

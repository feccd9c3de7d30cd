"""Finding code in model text."""

from __future__ import annotations

import pytest

from assay.domains.code.extract import extract_code


def test_fenced_python_blocks_are_joined_and_other_languages_skipped() -> None:
    text = (
        "Helper:\n```python\ndef h(x):\n    return x\n```\nRun it:\n```bash\nls\n```\n"
        "Main:\n```\ndef f(x):\n    return h(x)\n```"
    )
    assert extract_code(text) == "def h(x):\n    return x\ndef f(x):\n    return h(x)"


def test_bare_code_between_prose() -> None:
    text = (
        "Sure, here it is.\nimport math\n\ndef f(x):\n    return math.sqrt(x)\n\nThis uses the square root."
    )
    assert extract_code(text) == "import math\n\ndef f(x):\n    return math.sqrt(x)"


def test_a_completion_of_the_prompt_is_kept_as_is() -> None:
    assert extract_code("    return x + 1\n") == "    return x + 1\n"


def test_no_code() -> None:
    assert extract_code("I cannot solve this.") is None
    assert extract_code("") is None
    assert extract_code("```bash\nrm -rf /\n```") is None


def test_hostile_sizes_give_an_answer() -> None:
    """Linear passes over the lines: these finish (no timing is asserted, only the answers)."""
    assert extract_code("```\n" * 200_000) is None
    assert extract_code("```python\n" + "x = 1\n" * 100_000) is None  # never closed: no block, no code
    assert extract_code("def f():\n" + "    " * 10_000 + "pass\n") is not None
    assert extract_code("x" * 10_000_000) is None


DRAFT = "def f():\n    return 1"
FINAL = "def f():\n    return 2"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("```python", "```"),
        ("```py", "```"),
        ("```Python", "```"),
        ("```python3", "```"),
        ("```PY3", "```"),
        ("```python3.11", "```"),
        ("```{python}", "```"),
        ('```py title="solution.py"', "```"),
        ("```", "```"),
        ("~~~", "~~~"),
        ("~~~python", "~~~"),
        ("````python", "````"),
        ("```python", "`````"),  # a closing fence may be longer
    ],
)
def test_the_final_block_follows_the_draft_whatever_its_fence(opening: str, closing: str) -> None:
    text = f"Draft:\n```python\n{DRAFT}\n```\nFixed:\n{opening}\n{FINAL}\n{closing}\nDone."
    assert extract_code(text) == f"{DRAFT}\n{FINAL}"  # run in order, the final definition wins


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # example output and transcripts in untagged or other-language blocks are not code
        (f"```python\n{FINAL}\n```\nOutput:\n```\n2\n```", FINAL),
        (f"```python\n{FINAL}\n```\n```\n>>> f()\n2\n```", FINAL),
        (f"```python\n{FINAL}\n```\n```pycon\n>>> f()\n2\n```", FINAL),
        (f"```python\n{FINAL}\n```\n```text\nInput: 5\n```", FINAL),
        # a reasoning section's drafts are dropped
        (f"<think>\n```python\n{DRAFT}\n```\n</think>\n```python\n{FINAL}\n```", FINAL),
        (f"<think>\nmaybe def f(): return 1\n</think>\n\n{FINAL}\n", FINAL),
        # a fence inside a list item is indented
        (f"1. Code:\n   ```python\n   {FINAL.replace(chr(10), chr(10) + '   ')}\n   ```", FINAL),
        # a completion whose first line is blank
        ("\n   \n    return 2\n", "\n   \n    return 2\n"),
    ],
)
def test_what_counts_as_code(text: str, expected: str) -> None:
    assert extract_code(text) == expected

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


HELPER = "def square(x):\n    return x * x"
ANSWER = "def total(xs):\n    return sum(square(x) for x in xs)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DeepSeek-R1: the template opened <think> in the prompt, the reply only closes it
        (f"Okay, a helper:\n```python\n{HELPER}\n```\n</think>\n\n```python\n{ANSWER}\n```", ANSWER),
        (f"Let me think.\n{HELPER}\n</think>\n{ANSWER}\n", ANSWER),
        # other reasoning wrappers, closed
        (f"<reasoning>\n```python\n{HELPER}\n```\n</reasoning>\n```python\n{ANSWER}\n```", ANSWER),
        (f"<thinking>\n```python\n{HELPER}\n```\n</thinking>\n```python\n{ANSWER}\n```", ANSWER),
        (
            f"<|begin_of_thought|>\n```python\n{HELPER}\n```\n<|end_of_thought|>\n"
            f"<|begin_of_solution|>\n```python\n{ANSWER}\n```\n<|end_of_solution|>",
            ANSWER,
        ),
        (f"◁think▷\n```python\n{HELPER}\n```\n◁/think▷\n```python\n{ANSWER}\n```", ANSWER),
        (f"<THINK>\n```python\n{HELPER}\n```\n</THINK>\n```python\n{ANSWER}\n```", ANSWER),
        # two reasoning sections: the code between and after them is the answer
        (
            f"<think>a</think>\n```python\n{HELPER}\n```\n<think>b</think>\n```python\n{ANSWER}\n```",
            f"{HELPER}\n{ANSWER}",
        ),
        # no code after the reasoning: no code, never the draft
        (f"Draft:\n```python\n{ANSWER}\n```\n</think>\nThe function above is the answer.", None),
        (f"<reasoning>\n```python\n{ANSWER}\n```\n</reasoning>\nDone.", None),
        # a reasoning section never closed (cut off while thinking): all of it is draft
        (f"<think>\n```python\n{ANSWER}\n```\nHmm, but wait", None),
        (f"```python\n{HELPER}\n```\n<think>\n```python\n{ANSWER}\n```", HELPER),
        # words about thinking are not tags
        (f"I think this works:\n```python\n{ANSWER}\n```", ANSWER),
    ],
)
def test_reasoning_sections_are_drafts(text: str, expected: str | None) -> None:
    assert extract_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the final code in a block not tagged Python: which block is the answer is not said
        f"```python\n{HELPER}\n```\nFinal version:\n```text\n{ANSWER}\n```",
        f"```python\n{HELPER}\n```\nFinal:\n```ipython\n{ANSWER}\n```",
        f"```python\n{HELPER}\n```\n```plaintext\nclass Solution:\n    pass\n```",
        # the final code pasted after the fenced draft, bare or indented
        f"```python\n{HELPER}\n```\nFinal answer:\n\n{ANSWER}\n",
        f"```python\n{HELPER}\n```\nFinal answer:\n\n    def total(xs):\n        return 0\n",
        # quoted, in HTML, in a list item
        f"```python\n{HELPER}\n```\nFinal:\n> def total(xs):\n>     return 0\n",
        f"```python\n{HELPER}\n```\nFinal:\n<pre><code>def total(xs):\n    return 0\n</code></pre>",
        f"```python\n{HELPER}\n```\n1. Final version: def total(xs): return 0\n",
        # a last block never closed: the reply was cut off inside its final code
        f"```python\n{HELPER}\n```\nSimpler:\n```python\n{ANSWER}\n",
    ],
)
def test_python_outside_the_python_blocks_leaves_no_answer(text: str) -> None:
    assert extract_code(text) is None


@pytest.mark.parametrize(
    "tail",
    [
        "```java\nclass Solution {\n    int total(int[] xs) { return 0; }\n}\n```",  # another language
        "```\n>>> def total(xs):\n...     return 0\n```",  # a transcript
        "```text\ntotal([1, 2]) -> 5\n```",  # example output
        "The function `def total(xs):` sums the squares.",  # prose that names it
    ],
)
def test_other_languages_and_transcripts_after_the_code_are_not_answers(tail: str) -> None:
    assert extract_code(f"```python\n{ANSWER}\n```\n{tail}") == ANSWER

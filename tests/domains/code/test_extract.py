"""Finding code in model text."""

from __future__ import annotations

import time

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


def test_hostile_sizes_are_fast() -> None:
    started = time.perf_counter()
    assert extract_code("```\n" * 200_000) is None
    extract_code("```python\n" + "x = 1\n" * 100_000)
    extract_code("def f():\n" + "    " * 10_000 + "pass\n")
    assert time.perf_counter() - started < 2.0
    assert extract_code("x" * 10_000_000) is None

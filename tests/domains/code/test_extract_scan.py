"""The extraction's fast paths find exactly what the plain regex search finds.

`_reasoning_tags` tries the reasoning tags only where one can start, and `reads_stdin` searches only
code holding one of the words its regex needs: both must agree with the full search on every input,
crafted (each tag kind, case, nesting, near misses) or random (seeded mixes of tag fragments).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

from assay.domains.code.extract_rules import _READS_STDIN, reads_stdin
from assay.domains.code.extract_scan import _REASONING_TAG, _reasoning_tags

TAG_TEXTS = [
    "",
    "no tags at all",
    "<think>plan</think>```python\ndef f():\n    return 1\n```",
    "<THINKING>a</Thinking> <reasoning>b</REASONING>",
    "<<think>> [[THINK]] [/THINK]] ◁think▷x◁/think▷",
    "<|begin_of_thought|>x<|end_of_thought|> <|begin_of_think|",
    "<|channel|>analysis to=python code<|message|>x<|end|><|channel|>final<|message|>y",
    "<|channel|>commentary" + "a" * 300 + "<|message|>",
    "<details><summary>Thinking</summary>x</details> <details open><summary>Code</summary></details>",
    "<details>\n\n<summary>my reasoning</summary>",
    "a < b and c[0] <= d[1] << 2 [think] <thinkx> </think",
    "<think><think></think></think>",
    "x = [i for i in y if i < 3]  # <scratchpad> not closed",
]

FRAGMENTS = [
    "<", ">", "[", "]", "/", "|", "◁", "▷", "think", "THINK", "Thought", "reasoning", "scratchpad",
    "begin_of_", "end_of_", "channel", "analysis", "final", "message", "end", "details", "summary",
    " ", "\n", "x", "a < b", "l[0]", "<|", "|>", "</",
]  # fmt: skip


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _found(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("text", TAG_TEXTS)
def test_reasoning_tags_are_those_the_search_finds(text: str) -> None:
    assert _found(_reasoning_tags(text)) == _found(_REASONING_TAG.finditer(text))


def test_reasoning_tags_agree_with_the_search_on_random_mixes() -> None:
    for text in _random_texts(3000, seed=11):
        assert _found(_reasoning_tags(text)) == _found(_REASONING_TAG.finditer(text)), text


STDIN_TEXTS = [
    "x = input()",
    "x = raw_input ()",
    "import sys\ndata = sys.stdin.read()",
    "with open(0) as f:\n    pass",
    "open( 0 , 'r')",
    "import fileinput",
    "os.read(0, 10)",
    "def input_list(): pass",
    "the input is a list of numbers",
    "opened = open('f')",
    "stdin_like = 1",
    "os.readv(0)",
    "def f(x):\n    return x + 1\n",
]


@pytest.mark.parametrize("code", STDIN_TEXTS)
def test_reads_stdin_is_the_search(code: str) -> None:
    assert reads_stdin(code) == (_READS_STDIN.search(code) is not None)


def test_reads_stdin_agrees_with_the_search_on_random_mixes() -> None:
    rng = random.Random(5)
    words = ["input", "raw_", "(", " ", "stdin", "open", "0", ",", ")", "file", "os", ".", "read", "x", "_"]
    for _ in range(3000):
        code = "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        assert reads_stdin(code) == (_READS_STDIN.search(code) is not None), code

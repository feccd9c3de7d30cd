"""Long runs cannot make the reader's work grow faster than the text, checked without a clock.

A pattern that rescans a run of blanks from each of its starts (`\\s*→` searched along 4,000 spaces)
costs the square of the run: such lines took seconds. The reader cuts every run of blanks to a few
characters before any pattern sees it, so that cost is bounded per character; and the patterns of the
math package that nest one unbounded repeat inside another (the shape of catastrophic backtracking) are
the reviewed few below, so a new one is looked at before it lands. `bench/math_long_lines.py` times
every entry point on long runs of each shape (spaces, tabs, digits, letters, `=`, `(`, `\\`, `$`, ...).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

import assay.domains.math as math_package
from assay.domains.math.markup import split_lines
from assay.domains.math.trace import parse_trace
from assay.text.trigger_words import Guarded

BLANKS = [" ", "\t", "\u00a0", "\u2003", "\u3000", "\u2009", "\u202f", "\x0b", "\x0c", " \t", "\u2028"]
LIMIT = 8  # markup._BLANKS_KEPT


@pytest.mark.parametrize("blank", BLANKS)
def test_a_100k_run_of_blanks_reaches_no_reader_longer_than_the_limit(blank: str) -> None:
    text = "2x + 5 = 13\n2x" + blank * (100_000 // len(blank)) + "= 8\nx = 4\nAnswer: 4"
    longest = max(len(run) for line in split_lines(text) for run in re.findall(r"[^\S\n]+", line) or [""])
    assert longest <= LIMIT * len(blank)


def test_cutting_long_blanks_keeps_the_reading() -> None:
    short = parse_trace("2x + 5 = 13\n2x" + " " * 8 + "= 8\nx = 4\nAnswer: 4")
    long = parse_trace("2x + 5 = 13\n2x" + " " * 50_000 + "= 8\nx = 4\nAnswer: 4")
    assert [(s.kind, s.math) for s in long.steps] == [(s.kind, s.math) for s in short.steps]
    assert long.answer == short.answer == "4"


# patterns with an unbounded repeat inside another, each reviewed: the inner repeat is cut off by a word
# or a mark the outer one must match next, so no text can be split between them in many ways
REVIEWED_NESTED = {
    "answer_math._HARMLESS_NOTE",
    "claim_reading._ARITHMETIC_IS",
    "markup._RULE",
    "markup._TABLE_RULE",
    "markup._RESTATED",
    "markup._ANNOTATED",
    # a move's terms after an equation (`   [(1) − 2(2)]`): each repeat starts with a sign and ends with `)`
    "markup.END_MOVE",
    "system_names.END_MOVE",
    # `① + ②:`: each repeat is a sign and a circled number
    "markup.CIRCLED_LABEL",
    # `equations 1, 2 and 3`: each repeat is a separator word or mark and an index
    "system_name_forms._PLURAL",
    # `x = 1: <work> ✗ (extraneous)`: the value's terms are cut by an operator; only lines up to 400
    # characters are tried
    "rejection._FAILED_CHECK",
    "midline._HESITATION",
    "numerals._RESULT_BEFORE",
    "spoken._VERBAL_TAIL",
    "spoken._INSTRUCTION",
    "spoken._COUNTED",
    "spoken._COUNT_INSTRUCTION",
    "spoken._ANNOUNCED_COUNT",
    # `4 + 6 × (1 − 1)`: each repeat starts with an operator, which no operand holds
    "after_answer._WRITTEN_EXPRESSION",
    "stated_math._PLACED",
    "stated_math._ASIDE",
    "stated_math._OPENED",
    "step_reader._VERIFY",
    "words._BESIDE",
}


def _nested(items: Any, depth: int = 0) -> bool:
    """Whether a parsed pattern holds an unbounded repeat inside another unbounded repeat."""
    for op, arg in items:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            unbounded = arg[1] == sre_constants.MAXREPEAT
            if (unbounded and depth) or _nested(arg[2], depth + unbounded):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _nested(arg[-1], depth):
                return True
        elif op == sre_constants.BRANCH:
            if any(_nested(branch, depth) for branch in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _nested(arg[1], depth):
            return True
    return False


def _patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    for info in pkgutil.iter_modules(math_package.__path__):
        module = importlib.import_module(f"assay.domains.math.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Guarded):
                value = value.regex  # the same regex with a first test (trigger_words.py)
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value
    return found


def test_nested_unbounded_repeats_are_only_the_reviewed_ones() -> None:
    nested = {name for name, p in _patterns().items() if _nested(sre_parse.parse(p.pattern, p.flags))}
    assert nested == REVIEWED_NESTED, (
        f"new: {sorted(nested - REVIEWED_NESTED)}; gone: {sorted(REVIEWED_NESTED - nested)}"
    )

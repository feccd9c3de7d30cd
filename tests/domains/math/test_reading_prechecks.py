"""The cheap first tests of the trace reader skip only work that finds nothing.

Each precheck (plain equations skip the readers of claims made in words, a line end without a layout gap
skips the label and move patterns, text without a glued exponent is tokenised in one scan, number and
letter leaves are shared between trees) is compared with the work it skips: on every line of the math
corpus, on lines built to sit at the precheck's edge, and on random text drawn from the alphabet the
precheck admits. No test looks at timing.
"""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path
from typing import Any

import pytest

from assay.domains.math import answer, answer_phrases, grammar, markup, step_reader, words
from assay.domains.math.claim_reading import negated_claim
from assay.domains.math.hidden_claims import hidden_claim
from assay.domains.math.markup import END_MOVE, split_lines
from assay.domains.math.spoken import states_property
from assay.domains.math.step_reader import PLAIN_EQUATION, states_in_words
from assay.errors import LimitExceeded, MathParseError

_CORPUS = Path(__file__).parents[2] / "corpus" / "math"


def _corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(_CORPUS.glob("*.jsonl")):
        for row in path.read_text(encoding="utf-8").splitlines():
            if row.strip():
                lines.extend(split_lines(str(json.loads(row)["response"])))
    return list(dict.fromkeys(lines))


CORPUS_LINES = _corpus_lines()


def _plain(text: str) -> bool:
    return "=" in text and PLAIN_EQUATION.fullmatch(text) is not None


def _random_plain(seed: int, count: int) -> list[str]:
    """Text from the plain alphabet: digits, operators, `=`, blanks, lone letters, `sqrt`, decimal points."""
    draw = random.Random(seed)
    pieces = [*"0123456789+-*/^()= ±", "x", "y", "a", "i", "e", "n", "o", "s", "1.5", " = ", "  ", "sqrt("]
    out: list[str] = []
    while len(out) < count:
        text = "".join(draw.choice(pieces) for _ in range(draw.randint(1, 16)))
        if _plain(text):
            out.append(text)
    return out


# --- plain equations: no reader of claims in words finds one -------------------------------------------

PLAIN = [
    "x + 2 = 12",
    " -26y = -104  ",
    "i = 2",
    "a = 5",  # the article's letter, alone
    "e = 2",
    "x = 2 3",
    "1.5 = 3/2",
    "x = y = z",
    "=",
    "(x - 3)(x - 1) = 0",
    "x = (2 ± sqrt(56))/2",
    "sqrt = 2",
]
NOT_PLAIN = [
    "x = 2, 3",  # a comma ends a clause
    "x = 4 is not a solution",
    "so x = 2",
    "i.e. x = 2",
    "x = 2.",  # a full stop, not a decimal point
    "x = 2 or 3",
    "5x 26",  # no `=`
    "x = sqrtx",
    "x = 2sqrts",
    "x ≠ 2",
    "x\t= 2",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_equations_are_plain(text: str) -> None:
    assert _plain(text)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_other_text_is_not_plain(text: str) -> None:
    assert not _plain(text)


def _readers_find_nothing(text: str) -> bool:
    return not (negated_claim(text) or hidden_claim(text) or states_property(text))


@pytest.mark.parametrize("text", PLAIN + _random_plain(seed=11, count=400))
def test_no_reader_of_words_finds_a_claim_in_plain_math(text: str) -> None:
    assert _readers_find_nothing(text)
    assert not states_in_words(text)


def test_no_reader_of_words_finds_a_claim_in_plain_corpus_lines() -> None:
    plain = [line for line in CORPUS_LINES if _plain(line.strip())]
    assert len(plain) > 50  # the corpus holds such lines: the test looks at real ones
    assert [line for line in plain if not _readers_find_nothing(line)] == []


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_other_text_is_still_read(text: str) -> None:
    assert states_in_words(text) == (negated_claim(text) or hidden_claim(text) or states_property(text))


# --- line ends without a layout gap hold no label or move ------------------------------------------------

_LABEL_ENDS = [
    "x - y = 2   (2)",
    "2x = 12   [(1) + (2)]",
    "5y = 10  (1) − 2(2)",
    "2x = 12 ← (1) − (2)",
    "2x = 12 <- (1) - (2)",
    "x + y = 3 \\quad (1)",
    "x + y = 3\t(1)",
    "x + y = 3 ①",
    "2x = 4 (2)",  # one blank: no label (the grammar refuses it)
    "x = (4)",
]


def test_a_line_end_without_a_gap_holds_no_label() -> None:
    ends = [line[-80:] for line in _LABEL_ENDS + CORPUS_LINES]
    ungapped = [end for end in ends if not markup._set_apart(end)]
    assert len(ungapped) > 1000
    assert [end for end in ungapped if END_MOVE.search(end) or markup._END_LABEL.search(end)] == []


@pytest.mark.parametrize("line", _LABEL_ENDS[:8])
def test_labels_and_moves_set_apart_pass_the_first_test(line: str) -> None:
    end = line[-80:]
    assert END_MOVE.search(end) is not None or markup._END_LABEL.search(end) is not None
    assert markup._set_apart(end)


# --- one scan of the tokens reads what reading them one by one reads -----------------------------------

_TOKEN_TEXTS = [
    "x + 2 = 12",
    "\\frac{1}{2} + sqrt(4) - pi*e",
    "3x^2 - 2.5 = .5",
    "2 ≠ 3",
    "x\u00a0",  # a blank outside ASCII at the end
    "x\u00a0y",
    "4.2e1",  # a glued exponent: read one by one
    "abc",
    "9" * (grammar.MAX_DIGITS + 1),
    "1 + @ + foo",
    "foo + @",
    "   ",
    "",
    "x =  ",
    "2|x - 1|!%",
]


def _read_tokens(reader: object, text: str) -> object:
    try:
        return reader(text)  # type: ignore[operator]
    except (MathParseError, LimitExceeded) as exc:
        return (type(exc).__name__, str(exc))


def test_one_scan_reads_the_tokens_read_one_by_one() -> None:
    texts = [text for text in _TOKEN_TEXTS + CORPUS_LINES if grammar._GLUED_EXPONENT.search(text) is None]
    differ = [
        text
        for text in texts
        if _read_tokens(grammar._plain_tokens, text) != _read_tokens(grammar._tokens_one_by_one, text)
    ]
    assert differ == []


# --- shared leaves ----------------------------------------------------------------------------------------


def test_shared_leaves_are_the_leaves_a_parse_builds() -> None:
    first, second = grammar.parse_chain("2x + 1.5 = 3"), grammar.parse_chain("x - 2 = 1.5")
    assert first == [grammar.parse_expr_text("2x + 1.5"), grammar.parse_expr_text("3")]
    assert second[1] == grammar._number("1.5")
    assert grammar._number("007") == grammar._number("7")
    with pytest.raises(LimitExceeded):
        grammar.parse_chain("1" * (grammar.MAX_DIGITS + 1))


# --- a pattern is not run over text that lacks what every match of it holds ---------------------------------

# (pattern, what the reader tests first): text that fails the test is left as it is, or not matched
SKIPPED_SCANS = [
    (markup._CODE_EQUALS, lambda text: "==" in text),
    (markup._CHECKMARKS, lambda text: not text.isascii() or "\\checkmark" in text),
    (step_reader._TRUNCATED_DECIMAL, lambda text: "..." in text or "\u2026" in text or "dots" in text),
    (step_reader._GSM_ANSWER, lambda text: "####" in text),
    (answer_phrases._GSM_ANSWER, lambda text: "####" in text),
    (answer._BOXED_ANYWHERE, lambda text: "\\boxed" in text),
]


def _random_markup(seed: int, count: int) -> list[str]:
    draw = random.Random(seed)
    pieces = [
        *"0123456789.=#!<>\\\"' x", "==", "===", "...", "..", "…", "\\ldots", "\\dots", "dots", "\\boxed{4}",
        "\\checkmark", "✓", "✔️", "“", "’", "####", "###", " = ", "0.66", "\\box", "\\check",
    ]  # fmt: skip
    return ["".join(draw.choice(pieces) for _ in range(draw.randint(1, 14))) for _ in range(count)]


@pytest.mark.parametrize(("pattern", "tested"), SKIPPED_SCANS)
def test_a_scan_skipped_by_its_first_test_finds_nothing(pattern: re.Pattern[str], tested: Any) -> None:
    texts = [*CORPUS_LINES, *_random_markup(5, 20000)]
    assert [text for text in texts if not tested(text) and pattern.search(text)] == []
    assert any(tested(text) and pattern.search(text) for text in texts)  # the test lets matches through


def test_quotation_marks_are_outside_ascii_but_one() -> None:
    """prepare_line translates the quotation marks only in text outside ASCII or with a `"`."""
    ascii_marks = [ch for ch in map(chr, markup._QUOTES) if ch.isascii()]
    assert ascii_marks == ['"']


def test_one_letter_is_what_the_letter_pattern_matches_whole() -> None:
    texts = [*CORPUS_LINES[:3000], *string.printable, "ſ", "K", "é", "ab", "", "x ", "\n"]
    assert [text for text in texts if words._letter(text) != bool(re.fullmatch(r"[A-Za-z]", text))] == []

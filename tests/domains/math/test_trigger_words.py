"""Guarded patterns (trigger_words.py) answer exactly as their regex does: the words read off a pattern
are in every match of it, and a skipped scan is one that would have found nothing. Checked on the
patterns the readers guard and on patterns built to trip the reading (optional parts, classes,
lookarounds, branches, repeats, letters that `re.I` folds from other scripts), over the math corpus,
hostile spellings and seeded random text. No test looks at timing.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from assay.domains.math import (
    answer_phrases,
    answer_sentence,
    claim_reading,
    hidden_claims,
    named_quantities,
    restatement,
    spoken,
    stated_math,
    verbal_arithmetic,
)
from assay.domains.math.trigger_words import Guarded, compile_guarded, required_clauses

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "math"

# the patterns the readers guard: each must have words to test, or guarding it does nothing
GUARDED = {
    "answer phrase": answer_phrases.ANSWER_PHRASE,
    "aside": stated_math._ASIDE,
    "clear retraction": claim_reading._CLEAR_RETRACTION,
    "counted solutions": spoken._COUNTED,
    "declared roots": named_quantities._DECLARED,
    "gerund arithmetic": verbal_arithmetic._GERUND,
    "harmless property words": spoken._HARMLESS,
    "negation": claim_reading.NEGATION,
    "operation named": restatement._OPERATION,
    "property": spoken._PROPERTY,
    "restated binding": answer_sentence._RESTATED_BINDING,
    "rewritten as": claim_reading._REWRITTEN,
    "same values": spoken._SAME,
    "spoken value": claim_reading._SPOKEN_VALUE,
    "total is": hidden_claims.TOTAL_IS,
}

# patterns built to trip the reading of required words
TRICKY = [
    r"\bfoo\b",
    r"colou?r",
    r"a?b",
    r"(?:ab|cd)+x",
    r"(?:ab|cd)*x",
    r"(?:ab|c)d",
    r"[ab]c",
    r"(?=need)\w+",
    r"(?<!no )wait",
    r"(?:wait|hmm+)\W{0,3}no\b",
    r"(?:\.\.\.|…)\s*no\b",
    r"(?:…|—)\s*i mean",
    "\u212a",  # the Kelvin sign: `re.I` matches k and K to it
    r"ſtop",  # a long s: `re.I` matches s and S to it
    r"(a)(b)\1",
    r"(?P<w>ab)?(?(w)cd|ef)",
    r"(?>abc)+",
    r"x{0}yz",
    r"x{2,3}",
    r"(?i:MiXeD)",
    r"(?-i:Case)",
    r"",
    r".*",
    r"\d+ apples",
    r"(?:is|are|was)(?:\s*,\s*after|\s+(?:therefore|thus)\b)+",
]

HOSTILE = [
    "Wait, no. 2x = 8",
    "WAIT, NO: x = 4",
    "2x = 18... no, 2x = 8",
    "2x = 18… no, 2x = 8",
    "That's wrong: x = 5",
    "I made a silly mistake",
    "miſtake: x = 4",  # a long s: re.I reads it as s, lowercasing does not
    "İ mean x = 5",
    "ſtop",
    "STOP",
    "k",
    "K",
    "\u212a",
    "oops",
    "scratch that",
    "Let me redo this",
    "Hmm... no.",
    "x = 4 — I mean x = 5",
    "𝐖𝐚𝐢𝐭, no",
    "9x - 16 = -88 [the equation]",
    "abab abcd cdx abx efx",
    "colour color colr",
    "13 minus 5 is 8.",
    "13 MINUS 5 IS 8",
    "Subtracting 5 from 13 gives 8.",
    "adding 5 to 8 gives 13",
    "x^2 - 5x + 6 factors as (x - 2)(x - 3)",
    "The value of x is four.",
    "x equals nine",
    "After selling 2 boxes, 4 - 2 = 2 boxes are left.",
    "She sells 2 boxes, so 4 - 2 = 2.",
    "the two roots are equal",
    "There are two real solutions: 2 and 3.",
    "Double-check the whole equation with a single fraction",
    "x = 4 is not a solution",
    "Both roots are positive integers greater than 1",
    "Step 2 (eq. 3): subtract 5 from both sides",
    "The answer is x = 4",
    "The FINAL ANSWER: 7",
    "The total cost is $26.",
    "the final TOTAL comes to 9",
    "Answer: 4 (x = 4)",
    "The answer is 4 (x = 4).",
    "x is, after all, 4; y are therefore 2",
    "",
]


def _corpus_texts() -> list[str]:
    texts = list(HOSTILE)
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                response = str(json.loads(line).get("response", ""))
                texts.append(response)
                texts.extend(response.splitlines())
    return texts


def _random_texts(regex: re.Pattern[str], count: int) -> list[str]:
    """Texts made of the pattern's own words, pieces of its source and stray characters, in mixed case."""
    rng = random.Random(f"trigger-words {regex.pattern}")
    pieces = [w for clause in required_clauses(regex) for w in clause]
    pieces += re.findall(r"[A-Za-z]+|[^\w\s]", regex.pattern)
    pieces += [" ", " ", ",", ".", "...", "…", "\u017f", "\u212a", "k", "x = 4", "no", "9"]
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", ", "]) for _ in range(rng.randint(0, 8)))
        texts.append(text.upper() if rng.random() < 0.2 else text)
    return texts


def _answers_agree(guarded: Guarded, text: str) -> None:
    regex = guarded.regex
    found = regex.search(text)
    if found is not None:
        assert guarded.may_match(text), (regex.pattern, text)
    spans = [m.span() for m in guarded.finditer(text)]
    assert spans == [m.span() for m in regex.finditer(text)], text
    for name in ("search", "match", "fullmatch"):
        mine, theirs = getattr(guarded, name)(text), getattr(regex, name)(text)
        assert (mine.span() if mine else None) == (theirs.span() if theirs else None), (name, text)
    assert guarded.findall(text) == regex.findall(text)
    assert guarded.sub("<>", text) == regex.sub("<>", text)
    assert guarded.split(text) == regex.split(text)


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_reader_patterns_have_words_and_answer_as_the_regex(name: str) -> None:
    guarded = GUARDED[name]
    assert guarded.clauses, "nothing read off the pattern: guarding it does nothing"
    texts = _corpus_texts() + _random_texts(guarded.regex, 3000)
    assert len(texts) > 4000
    for text in texts:
        _answers_agree(guarded, text)


@pytest.mark.parametrize("source", TRICKY)
@pytest.mark.parametrize("flags", [0, re.I], ids=["cased", "ignorecase"])
def test_tricky_patterns_answer_as_the_regex(source: str, flags: int) -> None:
    guarded = compile_guarded(source, flags)
    for text in HOSTILE + _random_texts(guarded.regex, 1500):
        _answers_agree(guarded, text)


@pytest.mark.parametrize(
    ("source", "clauses"),
    [
        (r"\bfoo\b", [{"foo"}]),
        (r"colou?r", [{"colo"}, {"r"}]),
        (r"a?b", [{"b"}]),
        (r"(?:ab|cd)+x", [{"ab", "cd"}, {"x"}]),
        (r"(?:ab|cd)*x", [{"x"}]),
        (r"[ab]c", [{"c"}]),
        (r"(?=need)\w+", []),  # a lookahead requires nothing of the match
        (r"(?:…|—)\s*i mean", [{"i mean"}]),
        (r"(?:\.\.\.|…)\s*no", [{"no"}]),  # `…` is not ASCII: that branch names nothing
        ("\u212a", []),  # the Kelvin sign names nothing either
        (r"x{0}yz", [{"yz"}]),
        (r".*", []),
        (r"(?i:MiXeD)", [{"mixed"}]),
    ],
)
def test_required_clauses(source: str, clauses: list[set[str]]) -> None:
    found = required_clauses(re.compile(source, re.I))
    assert sorted(map(sorted, found)) == sorted(map(sorted, clauses))


def test_a_clause_drops_a_string_that_holds_another() -> None:
    # a text with `the same` has `same`: testing `same` alone gives the same answer
    assert required_clauses(re.compile(r"\b(?:the same|same|samey)\b")) == (("same",),)


def test_text_that_is_not_ascii_is_always_scanned() -> None:
    guarded = compile_guarded(r"\bstop\b", re.I)
    assert not guarded.may_match("go on")
    assert guarded.may_match("go on ✓")
    assert guarded.search("ſtop") is not None  # re.I folds the long s to s
    assert guarded.pattern == r"\bstop\b"

"""Guarded patterns (trigger_words.py) answer exactly as their regex does: the words read off a pattern
are in every match of it, and a skipped scan is one that would have found nothing. Checked on patterns
built to trip the reading (optional parts, classes, lookarounds, branches, repeats, letters that `re.I`
folds from other scripts, characters outside ASCII), over hostile spellings and seeded random text. The
domains' own guarded patterns are checked beside their readers. No test looks at timing.
"""

from __future__ import annotations

import re

import pytest

from assay.text.trigger_words import compile_guarded, required_clauses, with_first_character_test
from tests.text.guarded_checks import answers_agree, leads_agree, random_texts

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
    r"\b(?:works|valid)\b|✓|✔",
    r"ok…",
    r"[→⇒\"]|->",
    r"[a-c]d|[^x]e|[\w,]f",
    r"[\u212ax]y",
    r"(?i:k)x",
    r"(?-i:K)x",
    r"(?a:\w)x|\d{0}",
    r"\s*(?:⇒|=>)\s*|(?<!\bis),\s+(?:so|then)\b",
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
    "it works ✓",
    "ok… fine",
    "ok... fine",
    "VALID",
    "The answer is 4 (x = 4).",
    "x is, after all, 4; y are therefore 2",
    "",
]


@pytest.mark.parametrize("source", TRICKY)
@pytest.mark.parametrize("flags", [0, re.I], ids=["cased", "ignorecase"])
def test_tricky_patterns_answer_as_the_regex(source: str, flags: int) -> None:
    guarded = compile_guarded(source, flags)
    for text in HOSTILE + random_texts(guarded.regex, 1500):
        answers_agree(guarded, text)


@pytest.mark.parametrize(
    ("source", "clauses"),
    [
        (r"\bfoo\b", [{"foo"}]),
        (r"colou?r", [{"colo"}, {"r"}]),
        (r"a?b", [{"b"}]),
        (r"(?:ab|cd)+x", [{"ab", "cd"}, {"x"}]),
        (r"(?:ab|cd)*x", [{"x"}]),
        (r"[ab]c", [{"c"}, {"a", "b"}]),
        (r"(?:[a-c]|[^x]|[\w,])d", [{"d"}]),  # ranges, negated sets and categories name nothing
        # a lookaround that must hold requires what its body does, of the text if not of the match
        (r"(?=need)\w+", [{"need"}]),
        (r"(?<=ab)c", [{"ab"}, {"c"}]),
        (r",\s*(?=(?:true|false)\b)", [{"true", "false"}, {","}]),
        (r"(?!not)\w+|(?<!no )x", []),  # one that must fail requires nothing
        # no ASCII character matches `…`, `—` or `✓`: ASCII text cannot hold them, so each is required
        (r"(?:…|—)\s*i mean", [{"…", "—"}, {"i mean"}]),
        (r"(?:\.\.\.|…)\s*no", [{"...", "…"}, {"no"}]),
        (r"\b(?:works|valid)\b|✓", [{"works", "valid", "✓"}]),
        ("\u212a", []),  # `re.I` matches k and K to the Kelvin sign: it names nothing
        ("\u017fk", [{"k"}]),  # nor does the long s (s and S match it)
        ("is\\s+no", [{"no"}, {"is"}]),  # the later of two words as long first
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


@pytest.mark.parametrize("source", TRICKY)
@pytest.mark.parametrize("flags", [0, re.I], ids=["cased", "ignorecase"])
def test_a_first_character_test_keeps_every_match(source: str, flags: int) -> None:
    regex = re.compile(source, flags)
    for text in HOSTILE + random_texts(regex, 1500):
        leads_agree(regex, with_first_character_test(regex), text)


@pytest.mark.parametrize(
    ("source", "flags", "lead"),
    [
        (r"(?<!no )wait", re.I, "[w]"),
        (r"a?b", 0, "[ab]"),
        (r"\s*(?:⇒|=>)\s*|,\s+x", 0, "[,=\\s⇒]"),
        (r"[a-c\d]z|\W", 0, "[\\W\\da-c]"),
        (r"(?-i:K)x", re.I, "[K]"),  # read under re.I: more than the group admits, never less
        (r"(?i:k)x", 0, None),  # a group that folds case where the pattern does not: unknown
        (r"[^x]y", 0, None),  # a negated set
        (r".a", 0, None),  # any character
        (r"a*", 0, None),  # an empty match starts anywhere
        (r"(?i)abc", 0, None),  # flags set inline must stay first
    ],
)
def test_first_characters(source: str, flags: int, lead: str | None) -> None:
    tested = with_first_character_test(re.compile(source, flags))
    if lead is None:
        assert tested.pattern == source
    else:
        assert tested.pattern == f"(?={lead})(?:{source})"
        assert tested.flags == re.compile(source, flags).flags

"""The cheap word tests (`read.may_hold`) that spare a costly pattern on text it cannot match: each word
list must hold a word of every match, or a clause the pattern would have caught goes unread. Checked on
a spelling of every alternative of each pattern, and on every line and clause of the logic corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assay.domains.logic import citations, grammar, knights_groups, knights_read, marks, read, speech

GUARDED: list[tuple[str, re.Pattern[str], tuple[str, ...], list[str]]] = [
    (
        "EVERY_CASE",
        read.EVERY_CASE,
        read.EVERY_CASE_WORDS,
        ["r is false in every case", "in either case", "In both cases.", "either way", "in any case",
         "no matter what", "regardless"],
    ),
    (
        "CONTRADICTION",
        marks.CONTRADICTION,
        marks.CONTRADICTION_WORDS,
        ["that contradicts it", "impossible", "inconsistent", "absurd", "not possible", "cannot hold",
         "CAN'T HAPPEN", "cant work", "doesn't work", "doesnt work", "does not work", "it fails", "invalid",
         "a paradox", "not consistent", "cannot both", "can't both", "rules out", "ruled out",
         "so this case is out", "forbids", "forbidden", "violates", "violated", "✗", "❌", "⊥",
         "r would be both true and false"],
    ),
    (
        "CONSISTENT",
        marks.CONSISTENT,
        marks.CONSISTENT_WORDS,
        ["consistent", "this works", "no contradiction", "no contradictions", "it checks out", "valid",
         "it holds", "satisfied", "satisfies", "fits", "all statements are satisfied", "all clues hold",
         "✓", "✔", "✅"],
    ),
    (
        "SPEECH_VERB",
        speech.SPEECH_VERB,
        speech.SPEECH_WORDS,
        ["Ava says", "Ava say", "Ava said", "saying", "claims", "claim", "claimed", "claiming", "states",
         "state", "stated", "asserts", "assert", "asserted", "declares", "declare", "declared", "tells us",
         "tell me", "told", "remarks", "remarked", "mentions", "mentioned", "notes", "noted", "comments",
         "commented", "expressed", "according to", "put it", "her words", "statement:Ava",
         "was heard saying"],
    ),
    (
        "CITATION",
        citations.CITATION,
        read._CITATION_WORDS,
        ["p is true by premise 2", ", from clues 1 and 3", "according to the statements", "due to rule 4",
         "using steps 1, 2", "via constraint 3", "per the premises", "by Alice's statement",
         "by Alice's false claim", "from Bo's words"],
    ),
    (
        "NEGATIVE_VERB",
        grammar._NEGATIVE_VERB,
        grammar.NEGATIVE_WORDS,
        [
            f"{said} a knave"
            for said in ["Ava cannot be", "can not", "can't", "cant", "could not", "couldn't", "couldnt",
                         "must not", "mustnt", "is not", "isn't", "isnt", "are not", "aren't", "was not",
                         "wasnt", "were not", "weren't", "will not", "won't", "wont", "would not", "wouldnt",
                         "should not", "shouldn't", "is never", "are never", "is no longer", "is no",
                         "are no"]
        ],
    ),
]  # fmt: skip


def _corpus_texts() -> list[str]:
    texts: set[str] = set()
    for path in sorted(Path(__file__).parents[2].joinpath("corpus", "logic").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            response = json.loads(line).get("response")
            if not isinstance(response, str):
                continue
            for raw in response.splitlines():
                texts.add(raw)
                texts.add(read.clean(raw))
                texts.update(piece for piece, _ in read.clauses(raw))
    return sorted(texts)


@pytest.mark.parametrize(("name", "pattern", "words", "spellings"), GUARDED, ids=[g[0] for g in GUARDED])
def test_every_alternative_holds_a_word(
    name: str, pattern: re.Pattern[str], words: tuple[str, ...], spellings: list[str]
) -> None:
    for text in spellings:
        assert pattern.search(text), (name, text)  # the spelling is one the pattern matches
        assert read.may_hold(text, words), (name, text)


# the shapes `knights_read.read_clause` tries only where their words are (the words as it gives them)
KNIGHTS_SHAPES: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (knights_read._ONE_OF_THE, ("one",)),
    (knights_read._ACCORDING, ("according",)),
    (knights_read._EITHER, ("either",)),
    (knights_read._MAKES, ("make", "made")),
    (knights_read._TO_BE, ("be",)),
    (knights_read._STATEMENT_GIVES, ("'s",)),
    (knights_read._HOLDS, ("holds", "fails")),
    (knights_groups._RESPECTIVELY, ("respectively",)),
    (knights_groups._ALL_BUT, ("every", "all")),
    (read._MID_CITATION, read._CITATION_WORDS),  # and one `read.clauses` tries
]


def test_every_corpus_match_holds_a_word() -> None:
    texts = _corpus_texts()
    assert len(texts) > 1000
    for name, pattern, words, _ in [*GUARDED, *((p.pattern[:30], p, w, []) for p, w in KNIGHTS_SHAPES)]:
        missed = [t for t in texts if pattern.search(t) and not read.may_hold(t, words)]
        assert not missed, (name, missed[:3])


@pytest.mark.parametrize(
    ("text", "words", "held"),
    [
        ("Ava is a knight", ("knave",), False),
        ("Ava is a KNAVE", ("knave",), True),  # case does not matter
        ("Ava is a knight", (), False),
        ("Ava is a knight ✓", ("knave",), True),  # outside ASCII the pattern is always tried
        ("Ava is a \u212anave", ("knave",), True),  # the Kelvin sign folds to k under re.I
    ],
)
def test_may_hold(text: str, words: tuple[str, ...], held: bool) -> None:
    assert read.may_hold(text, words) is held

"""The logic readers' guarded patterns (`assay.text.trigger_words`): a clause without the words read off
a pattern is not scanned, and that skip must never change an answer. Every guarded pattern of the logic
modules is found and checked against its own regex on a spelling of each of its alternatives, on every
line and clause of the logic corpus and on seeded random text. No test looks at timing."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

import assay.domains.logic
from assay.domains.logic import read
from tests.text.guarded_checks import answers_agree, guarded_patterns, leads_agree, random_texts

GUARDED = guarded_patterns(assay.domains.logic)

# a spelling of every alternative of the patterns the walk and the clause reader scan on every clause
SPELLINGS: dict[str, list[str]] = {
    "read.EVERY_CASE": ["r is false in every case", "in either case", "In both cases.", "either way",
                        "in any case", "no matter what", "regardless"],
    "marks.CONTRADICTION": [
        "that contradicts it", "impossible", "inconsistent", "absurd", "not possible", "cannot hold",
        "CAN'T HAPPEN", "cant work", "doesn't work", "doesnt work", "does not work", "it fails", "invalid",
        "a paradox", "not consistent", "cannot both", "can't both", "rules out", "ruled out",
        "so this case is out", "forbids", "forbidden", "violates", "violated", "✗", "❌", "⊥",
        "r would be both true and false"],
    "marks.CONSISTENT": [
        "consistent", "this works", "no contradiction", "no contradictions", "it checks out", "valid",
        "it holds", "satisfied", "satisfies", "fits", "all statements are satisfied", "all clues hold",
        "✓", "✔", "✅"],
    "speech.SPEECH_VERB": [
        "Ava says", "Ava say", "Ava said", "saying", "claims", "claim", "claimed", "claiming", "states",
        "state", "stated", "asserts", "assert", "asserted", "declares", "declare", "declared", "tells us",
        "tell me", "told", "remarks", "remarked", "mentions", "mentioned", "notes", "noted", "comments",
        "commented", "expressed", "according to", "put it", "her words", "statement:Ava",
        "was heard saying"],
    "citations.CITATION": [
        "p is true by premise 2", ", from clues 1 and 3", "according to the statements", "due to rule 4",
        "using steps 1, 2", "via constraint 3", "per the premises", "by Alice's statement",
        "by Alice's false claim", "from Bo's words"],
    "grammar._NEGATIVE_VERB": [
        f"{said} a knave"
        for said in ["Ava cannot be", "can not", "can't", "cant", "could not", "couldn't", "couldnt",
                     "must not", "mustnt", "is not", "isn't", "isnt", "are not", "aren't", "was not", "wasnt",
                     "were not", "weren't", "will not", "won't", "wont", "would not", "wouldnt", "should not",
                     "shouldn't", "is never", "are never", "is no longer", "is no", "are no"]],
    "grammar._HOWEVER": ["Ben, however, is a knight"],
    "citations._NAMED_REASON_AT": [
        "(rule 2)", "by statement #3", "fact two", "premise ii", "the 2nd clue", "per hypothesis no. 4",
        "the third assumption", "Equations 1", "by line x", "CONSTRAINT num. 7"],
    "knights_cited._CITED_PRONOUN": [
        "Tess is a knave: her words force it", "(by his own statement)", "given their claim.",
        "— her false remark alone", "from his testimony"],
    "read._MID_CITATION": ["p is true by premise 1 and r false by premise 2", "from clue 3, the dog"],
    "read._REPORTED_IF": ["Nora says if Finn is a knave then Nora is a knight"],
    "read._MAKING": ["Sam and Kai would both be lying, making them knaves"],
    "knights_read._ONE_OF_THE": ["Ava is one of the knights"],
    "knights_read._ACCORDING": ["According to Kai, Mia lies"],
    "knights_read._EITHER": ["Ava is either a knight or a knave"],
    "knights_read._MAKES": ["That would make Kai a knight", "which makes Kai and Eve knaves",
                            "this made Ava a knave"],
    "knights_read._TO_BE": ["Alice to be a knight"],
    "knights_read._STATEMENT_GIVES": ["Finn's statement makes Dan and Eve knaves",
                                      "Hal's false statement means Ivy is a knight"],
    "knights_read._HOLDS": ["Zoe's conditional holds", "Mia's claim fails"],
    "knights_groups._RESPECTIVELY": ["Ava and Ben is a knight and a knave, respectively"],
    "knights_groups._ALL_BUT": ["everyone but Ava is a knave", "all except Ben is a knight"],
}  # fmt: skip


@functools.cache
def _corpus_texts() -> tuple[str, ...]:
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
    return tuple(sorted(texts))


def test_the_readers_guard_their_patterns() -> None:
    # the patterns with spellings are guarded (a pattern made plain again would go unchecked here)
    assert set(SPELLINGS) <= set(GUARDED), sorted(set(SPELLINGS) - set(GUARDED))


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_patterns_have_words_and_answer_as_the_regex(name: str) -> None:
    guarded = GUARDED[name]
    assert guarded.clauses, "nothing read off the pattern: guarding it does nothing"
    for text in SPELLINGS.get(name, []):
        assert guarded.regex.search(text), text  # the spelling is one the pattern matches
        assert guarded.may_match(text), text
    texts = [*SPELLINGS.get(name, []), *_corpus_texts(), *random_texts(guarded.regex, 2000)]
    assert len(texts) > 3000
    for text in texts:
        answers_agree(guarded, text)


def test_connectives_are_found_where_the_pattern_finds_them() -> None:
    tested = read._CONNECTIVE_AT
    assert tested.pattern != read._CONNECTIVE.pattern, "no first characters read off the pattern"
    for text in [*_corpus_texts(), *random_texts(read._CONNECTIVE, 2000)]:
        leads_agree(read._CONNECTIVE, tested, text)

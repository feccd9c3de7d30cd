"""The math readers' guarded patterns (`assay.text.trigger_words`) answer exactly as their regex does:
checked over the math corpus, hostile spellings and seeded random text. No test looks at timing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assay.domains.math
from assay.domains.math import (
    after_answer,
    answer_phrases,
    answer_sentence,
    claim_reading,
    doubted,
    hidden_claims,
    named_quantities,
    restatement,
    self_judged,
    spoken,
    stated_math,
    uncommitted,
    unit_facts,
    verbal_arithmetic,
)
from tests.text.guarded_checks import answers_agree, guarded_patterns, random_texts
from tests.text.test_trigger_words import HOSTILE

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "math"

# the patterns the readers guard: each must have words to test, or guarding it does nothing
GUARDED = {
    "answer phrase": answer_phrases.ANSWER_PHRASE,
    "aside": stated_math._ASIDE,
    "clear retraction": claim_reading._CLEAR_RETRACTION,
    "counted solutions": spoken._COUNTED,
    "declared roots": named_quantities._DECLARED,
    "doubt": doubted._DOUBT,
    "doubted lead": answer_phrases._DOUBTED_LEAD,
    "gerund arithmetic": verbal_arithmetic._GERUND,
    "harmless property words": spoken._HARMLESS,
    "negation": claim_reading.NEGATION,
    "operation named": restatement._OPERATION,
    "property": spoken._PROPERTY,
    "restated binding": answer_sentence._RESTATED_BINDING,
    "rewritten as": claim_reading._REWRITTEN,
    "same values": spoken._SAME,
    "self-judged wrong": self_judged._WRONG,
    "spoken value": claim_reading._SPOKEN_VALUE,
    "total is": hidden_claims.TOTAL_IS,
    "conversion chain": unit_facts._CONVERSION_CHAIN,
    "unit equality": unit_facts._EQUAL,
    "there are units in one": unit_facts._THERE_ARE,
    "hedge": uncommitted._HEDGE,
    "beside the answer": after_answer._BESIDE,
}


def test_every_guarded_pattern_is_listed() -> None:
    found = guarded_patterns(assay.domains.math)
    assert {id(g) for g in found.values()} == {id(g) for g in GUARDED.values()}, sorted(found)


def _corpus_texts() -> list[str]:
    texts = list(HOSTILE)
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                response = str(json.loads(line).get("response", ""))
                texts.append(response)
                texts.extend(response.splitlines())
    return texts


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_reader_patterns_have_words_and_answer_as_the_regex(name: str) -> None:
    guarded = GUARDED[name]
    assert guarded.clauses, "nothing read off the pattern: guarding it does nothing"
    texts = _corpus_texts() + random_texts(guarded.regex, 3000)
    assert len(texts) > 4000
    for text in texts:
        answers_agree(guarded, text)

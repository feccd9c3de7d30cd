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
    arithmetic_names,
    claim_reading,
    doubted,
    hidden_claims,
    move_words,
    named_methods,
    named_ops,
    named_quantities,
    one_side,
    restatement,
    result_names,
    self_judged,
    spoken,
    stated_math,
    system_name_forms,
    system_named_moves,
    system_names,
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
    "looks back at the answer": after_answer._LOOKS_BACK,
    "keeps some of the answer's values": after_answer._KEEPS_SOME,
    # the words of the moves and operations a line names, read by the checkers on every line of a trace
    "move words operand": move_words._OPERAND,
    "move words method phrases": move_words._METHOD_PHRASES,
    "move words nouns": move_words._NOUNS,
    "move words sign": move_words._SIGN,
    "move words plan": move_words._PLAN,
    "move words number word": move_words._NUMBER_WORD,
    "move words isolates unknown": move_words._ISOLATES_UNKNOWN,
    "named ops add sub": named_ops._ADD_SUB,
    "named ops mul div": named_ops._MUL_DIV,
    "named ops symbol": named_ops._SYMBOL,
    "named ops sides word": named_ops._SIDES_WORD,
    "named ops scaled": named_ops._SCALED,
    "named ops power": named_ops._POWER,
    "named ops root": named_ops._ROOT,
    "named ops log": named_ops._LOG,
    "named ops operation word": named_ops._OPERATION_WORD,
    "named ops reciprocal word": named_ops._RECIPROCAL_WORD,
    "named ops both sides": named_ops._BOTH_SIDES,
    "named ops lead": named_ops._LEAD,
    "named ops root taken": named_ops._ROOT_TAKEN,
    "one side operation": one_side._OPERATION,
    "one side goal": one_side._GOAL,
    "arithmetic names named": arithmetic_names._NAMED,
    "arithmetic names not naming": arithmetic_names._NOT_NAMING,
    "arithmetic names directive": arithmetic_names._DIRECTIVE,
    "arithmetic names label": arithmetic_names._LABEL,
    "arithmetic names unplaced": arithmetic_names._UNPLACED,
    "arithmetic names reciprocal": arithmetic_names._RECIPROCAL,
    "arithmetic names paren note": arithmetic_names._PAREN_NOTE,
    "arithmetic names named quantity": arithmetic_names._NAMED_QUANTITY,
    "named methods complete": named_methods._COMPLETE,
    "named methods factor": named_methods._FACTOR,
    "named methods formula": named_methods._FORMULA,
    "named methods not a method": named_methods._NOT_A_METHOD,
    "result names named result": result_names._NAMED_RESULT,
    "system named moves factor": system_named_moves._FACTOR,
    # the names of a system's equations and of the moves on them, read on every line of a system's trace
    "system names ref": system_names._REF,
    "system names label paren": system_names._LABEL_PAREN,
    "system names label end": system_names._LABEL_END,
    "system names combination": system_names._COMBINATION,
    "system names scaled": system_names._SCALED,
    "system names term parts": system_names._TERM_PARTS,
    "system names add": system_names._ADD,
    "system names subtract": system_names._SUBTRACT,
    "system names multiply": system_names._MULTIPLY,
    "system names alone": system_names._ALONE,
    "system names eliminate": system_names._ELIMINATE,
    "system names into words": system_names._INTO_WORDS,
    "system names solved in": system_names._SOLVED_IN,
    "system names from words": system_names._FROM_WORDS,
    "system names check words": system_names._CHECK_WORDS,
    "system names substitute words": system_names._SUBSTITUTE_WORDS,
    "system names factor": system_names._FACTOR,
    "system names labelled": system_names._LABELLED,
    "system names both sides": system_names._BOTH_SIDES,
    "system names unread name": system_names._UNREAD_NAME,
    "system names sentence end": system_names._SENTENCE_END,
    "system names operator": system_names._OPERATOR,
    "system names quoting": system_names._QUOTING,
    "system names adds a number": system_names._ADDS_A_NUMBER,
    "system name forms number word": system_name_forms._NUMBER_WORD,
    "system name forms plural": system_name_forms._PLURAL,
    "system name forms ordinal pair": system_name_forms._ORDINAL_PAIR,
    "system name forms ordinal sum": system_name_forms._ORDINAL_SUM,
    "system name forms counted": system_name_forms._COUNTED,
    "system name forms subtract": system_name_forms._SUBTRACT,
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

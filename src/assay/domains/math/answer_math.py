"""The math at the start of an answer sentence (`leading_math`), and whether what follows it leaves its
value as it is (`harmless_tail`): `4 squared`, `4 ⊕ 1`, `4 less than 9` or `4 (or maybe 5)` are not the
answer 4. Pure text work: safe in any process.
"""

from __future__ import annotations

import re
from fractions import Fraction

from assay.domains.math.markup import strip_delimiters
from assay.domains.math.vocabulary import (
    NUMBER_WORDS,
    SPOKEN_COMPOUND,
    is_mathy,
    plain_prose,
    readable,
    split_top_level,
    trim,
    tuple_inside,
)


def leading_math(text: str) -> tuple[str, bool, bool] | None:
    """(the math at the start of text, whether the grammar reads it, whether it is the whole statement),
    up to the first word of prose.

    The math is the whole statement only if what follows it is harmless (`harmless_tail`): `4 squared`,
    `4 ⊕ 1`, `4 less than 9` or `4 (or maybe 5)` are not the answer 4, and are never read as it."""
    pieces: list[str] = []
    words = without_equal_form(SPOKEN_COMPOUND.sub(r"\1-\2", strip_delimiters(text))).split()
    used = 0
    ended = False  # the math ended its sentence ("4.")
    for k, word in enumerate(words):
        trimmed = trim(word)
        lower = trimmed.lower()
        if lower in NUMBER_WORDS and (
            (pieces and pieces[-1][-1:].isdigit()) or (k + 1 < len(words) and words[k + 1][:1].isdigit())
        ):
            break  # `forty 2`, `40 two`: a word beside a numeral is no number anyone reads one way
        trimmed = NUMBER_WORDS.get(lower, trimmed)
        if trimmed and is_mathy(trimmed):
            if pieces and pieces[-1] not in (", ",) and not pieces[-1].endswith(","):
                pieces.append(" ")
            pieces.append(trimmed)
            used += 1
            if word.endswith(",") or (word.endswith(";") and _solution_statement(words[k + 1 : k + 3])):
                pieces.append(", ")  # `x = 3; y = 2`: the `;` lists the next value
            elif word != trimmed and word[-1:] in ".;!?":
                if word.endswith("?"):
                    return found_text(pieces), False, False  # `x = 4?`: a question, not an answer
                ended = True
                break
        elif (lower in ("and", "or", "&") or (word == "," and k + 1 < len(words))) and pieces:
            # (`$x = 4$, $y = 3$`: a comma left alone between two pieces of inline math lists them)
            if pieces[-1] != ", ":
                pieces.append(", ")
            used += 1
        else:
            break
    found = found_text(pieces)
    if not found:
        return None
    rest = " ".join(words[used:])
    whole = harmless_tail(rest, ended) and not _rules_itself_out(found, rest)
    return found, all(readable(p) for p in split_top_level(tuple_inside(found))), whole


# a value, then the same value written another way (`3/2 (or 1.5)`, `19/12 (= 1 7/12)`, `0.25, or 25%`,
# `3/2, or 1 1/2 as a mixed number`): one answer, said twice
_VALUE = r"-?(?:\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d+)?%?|\\[dt]?frac\s*\{\d+\}\s*\{\d+\})"
_EQUAL_FORM = re.compile(
    rf"(?<![\w./\\])(?P<value>{_VALUE})\s*(?:\(\s*(?:or|=|i\.e\.?,?|that\s+is,?)\s*(?P<inside>{_VALUE})\s*\)"
    rf"|,?\s+or\s+(?P<after>{_VALUE})(?:\s+as\s+an?\s+(?:decimal|mixed\s+number|fraction|percent(?:age)?))?)"
    r"(?=[\s.,;!$*]|$)"
)


_EQUAL_FORM_CUE = re.compile(r"[\d}]\s*(?:\(|,?\s+or\s)")


def without_equal_form(text: str) -> str:
    """text with each second writing of a value taken off when it is exactly the same number (see
    `_EQUAL_FORM`); any other text as it is (`3/2 (or 1.6)` keeps its alternative, and is refused)."""
    if _EQUAL_FORM_CUE.search(text) is None:
        return text

    def same(found: re.Match[str]) -> str:
        first = _number_value(found.group("value"))
        second = _number_value(found.group("inside") or found.group("after"))
        return found.group("value") if first is not None and first == second else found.group(0)

    return _EQUAL_FORM.sub(same, text)


def _number_value(written: str) -> Fraction | None:
    written = written.strip()
    latex = re.fullmatch(r"(-?)\\[dt]?frac\s*\{(\d+)\}\s*\{(\d+)\}", written)
    if latex is not None:
        sign, top, bottom = latex.groups()
        return (
            -Fraction(int(top), int(bottom))
            if sign and int(bottom)
            else (Fraction(int(top), int(bottom)) if int(bottom) else None)
        )
    mixed = re.fullmatch(r"(-?)(\d+)\s+(\d+)/(\d+)", written)
    try:
        if mixed is not None:
            sign, whole, top, bottom = mixed.groups()
            value = int(whole) + Fraction(int(top), int(bottom))
            return -value if sign else value
        if written.endswith("%"):
            return Fraction(written[:-1]) / 100
        return Fraction(written)
    except (ValueError, ZeroDivisionError):
        return None


# a value ruled out beside an answer: `(not 5)`, `not 36 apples` (after `29,`), `and not 5`
_RULED_OUT = re.compile(r"(?:\(\s*|(?:and\s+|but\s+)?)not\s+([^\s()]+)(?:\s+[A-Za-z]+)?\s*", re.I)


def _rules_itself_out(found: str, rest: str) -> bool:
    """`5 (not 5)`, `five (not 5)`: the value ruled out beside an answer is the answer itself."""
    match = re.match(r"\s*\(?\s*(?:and\s+|but\s+)?not\s+([^\s()]+)\s*\)?", rest, re.I)
    if match is None:
        return False
    ruled = trim(match.group(1))
    words = ruled.lower().split("-")
    if len(words) == 2 and all(w in NUMBER_WORDS for w in words):
        ruled = str(int(NUMBER_WORDS[words[0]]) + int(NUMBER_WORDS[words[1]]))  # `twenty-nine`
    ruled = NUMBER_WORDS.get(ruled.lower(), ruled)
    return ruled == found.split("=")[-1].strip() or _same_number(ruled, found.split("=")[-1].strip())


def _same_number(a: str, b: str) -> bool:
    try:
        return Fraction(a) == Fraction(b)
    except (ValueError, ZeroDivisionError):
        return False


def found_text(pieces: list[str]) -> str:
    return "".join(pieces).strip().strip(",").strip()


def _solution_statement(words: list[str]) -> bool:
    """Whether the words start `y = ...` / `y=2`."""
    return re.match(r"[A-Za-z]\s*=", " ".join(words)) is not None


# What may follow a final answer in its sentence: closing words that say nothing about its value. An
# allow-list: anything else ("squared", "percent", "less than 9", "dozen", "⊕ 1") makes it unreadable.
_CLOSING = re.compile(
    r"^(?:as (?:required|expected|desired|needed|claimed|stated|shown|found|before|above)"
    r"|in (?:total|all)|exactly|(?:is|as) the (?:final )?answer|is correct|which checks out)$",
    re.I,
)

_TAIL_PUNCT = " \t.!;:,*_)}]$✓✔✅"  # a check mark closing the answer (`x = 4 ✓`) says it was checked

# words that change or hedge a value, never harmless inside a parenthetical reason
_MODIFIERS = re.compile(
    r"\b(?:or|plus|minus|times|over|less|more|than|about|approx\w*|roughly|around|nearly|almost|least|most"
    r"|higher|lower|above|below|not|never|maybe|perhaps|possibly|either|squared|cubed|percent|dozen"
    r"|hundreds?|thousands?|millions?|billions?|halves|half|thirds?|quarters?|tenths?|hundredths?"
    r"|thousandths?|twice|double|triple|power|divided|multiplied|give or take|wrong|actually|instead)\b",
    re.I,
)

_HARMLESS_NOTE = re.compile(
    r"\s*(?:(?:the|a|an|this|that|it|is|as|in|its|our|my|final|only|unique|exact|exactly|simplified|simplest"
    r"|form|lowest|terms|answer|solution|root|value|result|checked|verified|required|expected|correct|done"
    r"|real|positive|integer|whole|number|fraction|improper|rational|reduced|fully|both|sides|equal|balance"
    r"|balances|works|check|checks|out|and|which|one|satisfies|satisfy|equation|original|holds|problem|given"
    r"|condition|conditions|both|of|for|all|every)\b[\s,.;:!]*)*",
    re.I,
)

_RESTATED = re.compile(r"\b(?:answers?|solutions?|roots?)\s*(?:is|are|:)", re.I)


def harmless_tail(rest: str, ended: bool) -> bool:
    """Whether `rest`, the text after an answer's value, leaves the value as it is.

    The rest of the answer's own sentence must be empty, a closing phrase from `_CLOSING`, or a reason
    in parentheses without math or hedging words; the sentences after it must be plain prose."""
    rest = rest.strip()
    if not rest:
        return True
    if ended:
        first, later = "", rest
    else:
        cut = re.search(r"[.;!?](?:\s|$)", rest)
        first, later = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
        if cut is not None and cut.group().startswith("?"):
            return False  # `\boxed{72}?`, `Answer: 72 ✓?`: the answer's sentence asks its value
    for sentence in re.split(r"[.;!?](?:\s|$)", later):
        # a later sentence says nothing about the value, or states an answer of its own (read on its own)
        if not plain_prose(sentence) and not _RESTATED.search(sentence):
            return False
    first = first.strip(_TAIL_PUNCT)
    if not first:
        return True
    if _CLOSING.match(first):
        return True
    ruled = _RULED_OUT.fullmatch(first)
    if ruled is not None and (re.search(r"\d", ruled.group(1)) or ruled.group(1).lower() in NUMBER_WORDS):
        # "4 (not 5)", "29, not 36 apples": a value ruled out beside the answer ("4 (not really)" rules out
        # nothing)
        return True
    reason = re.fullmatch(r"\(([^()]*)\)?|\(([^()]*)", first)
    if reason is not None:
        # an allow-list: `(negated)`, `(reciprocal)`, `(in binary)` change the value, and the words that
        # can do so are open; only words that cannot stand
        inside = reason.group(1) or reason.group(2) or ""
        return (
            plain_prose(inside)
            and not _MODIFIERS.search(inside)
            and _HARMLESS_NOTE.fullmatch(inside) is not None
        )
    return False


def changes_value(text: str) -> bool:
    """Whether text has a word that changes or hedges a value (`twice`, `half`, `about`, `less`, ...)."""
    return _MODIFIERS.search(text) is not None

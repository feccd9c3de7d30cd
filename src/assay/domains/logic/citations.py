"""Citations of a puzzle's premises and clues in a clause: which numbers a clause cites ("by clue 3",
"From premises 2 and 4", "(2) gives"), and the citation words that lead or end a claim, which the
clause reader strips (`read.unfill`) before the kind reads the claim. Which puzzle numbers its premises
is the kind's business (`check.py`).
"""

from __future__ import annotations

import re

from assay.text.trigger_words import compile_guarded

# (a clause without its words is not scanned: `trigger_words.py`)
CITATION = compile_guarded(
    r"\s*,?\s*(?:by|from|using|via|per|according\s+to|due\s+to)\s+(?:the\s+)?"
    r"(?:(?:premises?|clues?|statements?|rules?|steps?|constraints?)\s*#?[\d\s,&]*(?:and\s+[\d\s,]+)*|"
    # "from P1, P3 and P4", "by C2": premises or clues by their letter and number
    r"(?-i:[PC])\d{1,2}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?-i:[PC])\d{1,2})*\s*|"
    # "Bob would be a knave by Alice's statement": whose words give the claim, a reason, not a claim
    r"(?-i:[A-Z])[\w-]*'s\s+(?:(?:true|false)\s+)?(?:statement|claim|words))$",
    re.I,
)


# "From (2) and (3): ...", "by (1), p = true", "(5) gives ¬p": premises cited by their label
# "P2 and P4 give q = true": the same with premises or clues by their letter and number
_LABEL = r"(?:\(\d{1,2}\)|(?-i:[PC])\d{1,2})"
PAREN_CITE = re.compile(
    rf"^(?:(?:by|from|using|via|per|and|combining|with)\s+)?{_LABEL}(?:\s*(?:,|and|&)\s*{_LABEL})*"
    r"(?:\s*(?:together)?\s*(?:gives|give|says|shows|show|yields|yield|forces|force|implies|imply|means|becomes)\b|"
    r"\s*[:,])\s*(?:that\b)?\s*",
    re.I,
)
_LABEL_AT = re.compile(r"^(?:(?:by|from|using|via|per|and|combining|with)\s+)?(?-i:[PC])\d", re.I)


def may_cite_by_label(text: str) -> bool:
    """Whether `PAREN_CITE` can match the text: it holds a bracket, or opens with "P2" or "from C3"."""
    return "(" in text or _LABEL_AT.match(text) is not None


PAREN_CITATION = re.compile(
    r"\s*,?\s*(?:by|from|using|via|per)\s+\(\d{1,2}\)(?:\s*(?:,|and|&)\s*\(\d{1,2}\))*$", re.I
)


# the nouns a numbered premise or clue goes by: the prompt numbers one list, and "statement 5", "rule 2"
# or "fact 3" can only be its items (a reason read as one is checked against it, `check._support`)
_NUMBERED = r"(?:premise|clue|constraint|condition|statement|rule|hint|fact)"
_CITED = re.compile(rf"\b{_NUMBERED}s?\s*#?\s*(\d{{1,3}}(?:\s*(?:,|and|&|\+)\s*\d{{1,3}})*)\b", re.I)
# "premise three", "per clue seven", "(P3)": a premise or clue by a number word or a letter and its number
_CITED_WORD = re.compile(
    rf"(?i:\b{_NUMBERED}\s+(one|two|three|four|five|six|seven|eight|nine|ten)\b)|"
    r"(?<![\w])[PC](\d{1,2})\b"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_CITED_PAREN = re.compile(r"(?:^|\b(?:by|from|using|via|per|and|combining|with)\s+)\((\d{1,2})\)", re.I)


_DIGIT = re.compile(r"\d")
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
}
_ORDINALS |= {"ninth": 9, "tenth": 10}
# "the second clue", "the third premise": a clue or premise cited by its place in the list
ORDINAL_CITED = re.compile(
    r"\b(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:clue|premise|constraint)\b",
    re.I,
)


# the number `cited_numbers` gives for a numbered reason it cannot resolve to one premise or clue (the
# check makes the step unknown: `check._support`)
UNRESOLVED = 0
_REASON_NOUN = (
    r"(?:statement|rule|line|axiom|hypothes[ie]s|assumption|equation|formula|fact|hint|item|point|claim|"
    r"sentence|proposition|given|observation|note|requirement|restriction|criterion|bullet|condition|"
    r"constraint|premise|clue)s?"
)
_NUMBERISH = r"(?:\d{1,3}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)"
# "(rule 2)", "by statement #3", "(fact two)", "premise ii", "(H2)", "the 2nd clue": a reason named by a
# number that is not one of the kind's numbered premises or clues, or in a numbering not read here
_NAMED_REASON = (
    rf"\b{_REASON_NOUN}\s*(?:#|no\.?|num(?:ber)?\.?)?\s*{_NUMBERISH}\b|"
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(_ORDINALS)})\s+{_REASON_NOUN}\b"
)
_LABEL_NUMBER = r"(?<![\w])(?-i:[A-Z])\d{1,2}\b"
_NUMBERED_REASON = re.compile(f"{_NAMED_REASON}|{_LABEL_NUMBER}", re.I)
# the same test split for `numbered_reason`, which asks only whether there is one: a clause naming no
# reason noun is not scanned for the first two shapes (`trigger_words.py`), which try every noun at
# every word; the third needs a digit
_NAMED_REASON_AT = compile_guarded(_NAMED_REASON, re.I)
_LABEL_NUMBER_AT = re.compile(_LABEL_NUMBER, re.I)
_RESOLVED = re.compile(
    rf"\b{_NUMBERED}s?\s*#?\s*(?:\d{{1,3}}|one|two|three|four|five|six|seven|eight|nine|ten)\b|"
    rf"\b(?:{'|'.join(_ORDINALS)})\s+(?:clue|premise|constraint)\b|"
    r"(?<![\w])(?-i:[PC])\d{1,2}\b",
    re.I,
)


def unresolved(clause: str) -> bool:
    """True when the clause names a reason by a number that `cited_numbers` does not read as one of the
    puzzle's premises or clues ("(rule 2)", "statement #3", "premise ii", "(H2)"): the reason cannot be
    checked, so the claim it is given for is not taken as read."""
    return any(_RESOLVED.fullmatch(m.group(0).strip()) is None for m in _NUMBERED_REASON.finditer(clause))


def numbered_reason(clause: str) -> bool:
    """True when the clause names a reason by a number at all ("(statement 3)", "the second premise"):
    for a kind whose prompt numbers nothing (knights), none of them can be resolved."""
    return _NAMED_REASON_AT.search(clause) is not None or (
        _DIGIT.search(clause) is not None and _LABEL_NUMBER_AT.search(clause) is not None
    )


def cited_numbers(clause: str) -> tuple[int, ...]:
    """The premises or clues a clause cites by number ("by clue 3", "From premises 2 and 4", "(2) gives"),
    in order, each once; `UNRESOLVED` for a numbered reason it cannot resolve. Which puzzle numbers its
    premises is the kind's business (`check.py`)."""
    if unresolved(clause):
        return (UNRESOLVED,)
    ordinal = [_ORDINALS[m.group("n").lower()] for m in ORDINAL_CITED.finditer(clause)]
    ordinal += [
        _NUMBER_WORDS[m.group(1).lower()] if m.group(1) else int(m.group(2))
        for m in _CITED_WORD.finditer(clause)
    ]
    if _DIGIT.search(clause) is None:
        return tuple(dict.fromkeys(ordinal))
    found: list[int] = list(ordinal)
    for match in _CITED.finditer(clause):
        found += [int(n) for n in re.findall(r"\d+", match.group(1))]
    found += [int(m.group(1)) for m in _CITED_PAREN.finditer(clause)]
    lead = PAREN_CITE.match(clause)
    if lead is not None:
        found += [int(n) for n in re.findall(r"\((\d{1,2})\)", lead.group(0))]
    return tuple(dict.fromkeys(found))


# an aside's mark (`read.clauses` puts "\ue003k\ue004" where aside k stood) that a comma and more text follow
_MARK_THEN_MORE = re.compile(r"\ue003(\d+)\ue004\s*(?=,\s*\S)")
# "House 2: green (clue 2), cat (clue 4)", "Row 1: ...": a labelled line is one claim about its house or row
_LABELLED_LINE = re.compile(r"^\s*\W*(?:house|row|column|col)\s*#?\s*\d+\b", re.I)
# "(by Ava's statement)", "[from Ben's and Cal's statements]": whose words are given as the reason
_SPEAKERS_WORDS = re.compile(r"(?:'s|’s)\s+(?:(?:true|false|own)\s+)?(?:statements?|claims?|words)\b", re.I)


# "Blue is in house 3 (clue 1), and the cat lives in the blue house, so ...": a sentence that reasons on
# after a citation; what it cites before "so" is the conclusion's (`walk_reasons.stated`), so it stays whole
_REASONING_ON = re.compile(r"\b(?:so|thus|hence|therefore|then|which|since|because|as)\b", re.I)


def cut_after_citations(part: str, asides: list[str], sentence: str) -> list[str]:
    """The part cut right after each bracketed citation that more of the list follows: "Ava is a knight
    [by Cal's statement], Ben is a knave, Cal is a knave [by S2]" is three claims, and each citation is
    the reason of the claim it follows, not of the line's last claim. `asides` are the asides' texts,
    by their marks' numbers; `sentence` is the part's whole sentence. A labelled line ("House 2: green
    (clue 2), cat") and a sentence that reasons on ("..., so ...") stay whole."""
    if "\ue003" not in part or _LABELLED_LINE.match(part):
        return [part]
    if _REASONING_ON.search(sentence, sentence.index("\ue003")):
        return [part]
    pieces: list[str] = []
    at = 0
    for match in _MARK_THEN_MORE.finditer(part):
        k = int(match.group(1))
        if k < len(asides) and (cited_numbers(asides[k]) or _SPEAKERS_WORDS.search(asides[k])):
            pieces.append(part[at : match.end()])
            at = match.end()
    return [*pieces, part[at:]] if pieces else [part]

"""Guards that turn text the kind readers call prose into `unknown`, when it could carry a claim.

Two classes of false accept are closed here, for every kind alike:

- a clause the kind reads as prose (None) that mentions a puzzle entity (a person, an atom, a premise,
  a cell, a row, a house, a zebra value) together with a predicate word ("Premise 1 is false", "Ben is
  untrustworthy", "The top-left cell is empty") makes a claim nobody checked: it is unknown, not prose;
- text after the answer, or a doubt inside it ("Correction: flip q.", "(just kidding: a knave)",
  "Another arrangement also satisfies the clues"), could change the answer: the answer is unreadable
  unless what follows it is plain closing prose from a short allow-list.

It must never widen what counts as prose: both guards only ever turn a reading into `unknown`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from assay.domains.logic.read import ClauseReader, Reading, clean

# Words that name a puzzle entity in any kind; the reference adds its own names (people, atoms, values).
# A premise, statement or clue is an entity only when it is named ("premise 2", "clue 3"): "the statement
# is true" inside a case analysis refers back to a quoted statement that the walk cannot pin down.
_ENTITY_WORDS = (
    r"(?:premises?|statements?|clues?|claims?|constraints?|conditions?)\s*#?\s*\d+|"
    r"cells?|rows?|columns?|cols?|houses?|box(?:es)?|squares?|blocks?|corners?|top|bottom|left|right|"
    r"first|last|second|third|fourth|fifth|r\d+\s*c\d+|\[\s*\d|\(\s*\d+\s*,|grid\s*\[|"
    # a coordinate in a notation no reader knows ("A1 = 3", "b7: 5"): its claim cannot be read
    r"[a-z]{1,2}\d{1,2}|\(\s*[a-z]\s*,\s*\d|positions?|pos|index|idx|spots?|slots?|entry|entries|"
    r"elements?|locations?|coordinates?"
)
# Words that make a clause about an entity a claim rather than a label or a plan.
_PREDICATE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|being|been|isn't|aren't|holds?|held|true|false|truthful|lying|"
    r"lies|liar|honest|dishonest|(?:un)?trustworthy|reliable|unreliable|truth\w*|knights?|knaves?|"
    r"empty|filled|blank|shaded|unshaded|black|white|starts?|ends?|contains?|has|have|equals?|goes|"
    r"lives?|owns?|drinks?|keeps?|truly|falsely|speaks?|tells?|belongs?|never|always|correct|incorrect|wrong|right|valid|invalid|fails?|satisf\w+|"
    r"gets?|takes?|receives?|holds?|fills?|occupies|occupy|"
    r"violat\w+|the\s+case|so\s+is|so\s+does|neither|nor|same|opposite|different)(?![\w-])|=|≠|:\s*\w",
    re.I,
)
# A plan or a heading names entities without claiming anything about them.
_PLAN = re.compile(
    r"^(?:let'?s|let\s+us|let\s+me|i'?ll|i\s+will|we'?ll|we\s+will|now\s+(?:let'?s|check|look)|"
    r"(?:first|next|then|now),?\s+(?:check|look|consider|examine|analy[sz]e|verify|evaluate|fill)|"
    r"check(?:ing)?|verify(?:ing)?|looking\s+at|consider(?:ing)?|analy[sz](?:e|ing)|examin(?:e|ing)|"
    r"evaluat(?:e|ing)|going\s+through|starting\s+with|step\s+\d+)\b",
    re.I,
)
# A heading that introduces a grid or an answer ("Here is the solved grid:", "The completed grid, row by
# row: 5346...") claims nothing itself; the grid after it is read as a grid.
_HEADING = re.compile(
    r"^(?:here\s+(?:is|are)|here'?s|below\s+is|this\s+is)?\s*(?:the|my|our)?\s*(?:completed|solved|final|"
    r"finished|full|filled(?:-in)?|resulting|unique|complete)?\s*(?:grid|solution|board|puzzle|answer|"
    r"assignment|arrangement)s?(?:\s*,?\s*(?:row\s+by\s+row|as\s+rows|in\s+rows))?\s*(?::[\d\s.#|,-]*)?$",
    re.I,
)
# Verification summaries about every entity at once say nothing the answer check does not check itself.
_ALL_HOLD = re.compile(
    r"^(?:and\s+|so\s+|thus\s+|therefore\s+)?(?:all|every|each|both)\b[^.]*?\b(?:satisf\w+|hold|holds|"
    r"met|true|consistent|check\s+out|checks\s+out|valid|work|works|verified|fulfilled)\b[\s.!✓✔✅]*$|"
    r"^(?:this|the|my)\s+(?:grid|solution|answer|assignment|arrangement)\s+(?:satisfies|meets|respects|"
    r"fulfils|fulfills)\s+(?:all|every|each)\b(?:\s*(?:of\s+the|the|given|clues?|premises?|statements?|"
    r"constraints?|conditions?|rules?|rows?|columns?|box(?:es)?|and|,))*[\s.!✓✔✅]*$",
    re.I,
)


def _names(reference: Mapping[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ("people", "atoms"):
        value = reference.get(key)
        if isinstance(value, list):
            names += [str(v) for v in value]
    attributes = reference.get("attributes")
    if isinstance(attributes, dict):
        for values in attributes.values():
            if isinstance(values, list):
                names += [str(v) for v in values]
    return names


_QUANTIFIER = re.compile(
    r"(?<![\w-])(?:exactly|at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|only|no\s*one|nobody|"
    r"none|no|neither|every\w*|all|both|some\w*|any\w*|most|half|one|two|three|four|five|six|seven|eight|"
    r"\d+|majority|minority|count|number)(?![\w-])",
    re.I,
)


def _value_pattern(reference: Mapping[str, Any]) -> re.Pattern[str]:
    """The words that name a value in this puzzle: roles, truth values, cell states."""
    words = ["knights?", "knaves?", "liars?", "truth-?tellers?", "true", "false", "filled", "empty", "shaded"]
    role_words = reference.get("role_words")
    if isinstance(role_words, list):
        words += [re.escape(str(w)) + "s?" for w in role_words]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def _entity_pattern(reference: Mapping[str, Any]) -> re.Pattern[str]:
    return _entity_pattern_for(tuple(_names(reference)))


@functools.lru_cache(maxsize=256)
def _entity_pattern_for(names_given: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted({re.escape(n) for n in names_given if n}, key=len, reverse=True)
    alternatives = [_ENTITY_WORDS, *names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)


class Matcher(Protocol):
    """What a kind offers as REASON: `match(text)` is truthy for a clause that claims nothing."""

    def match(self, string: str) -> object: ...


def claim_guard(
    reference: Mapping[str, Any], reader: ClauseReader, reason: Matcher | None = None
) -> ClauseReader:
    """The kind's reader, except that a clause it calls prose but that names a puzzle entity together
    with a predicate word is unreadable: a claim the reader cannot read is unknown, never prose.
    `reason` is the kind's pattern for a reason clause ("the only place for 9 in row 4"), which names
    entities but claims nothing a checker could test."""
    # compiled only when a clause needs them (most clauses are read by the kind): a puzzle's names make
    # a new pattern, and compiling it for every candidate would cost more than reading the answer
    entity = functools.cache(lambda: _entity_pattern(reference))
    values = functools.cache(lambda: _value_pattern(reference))
    data = functools.cache(lambda: _data_pattern(reference))

    def guarded(clause: str) -> Reading:
        reading = reader(clause)
        if reading is not None:
            return reading
        text = clause.strip()
        if not text or _PLAN.match(text) or _ALL_HOLD.match(text) or _HEADING.match(text):
            return None
        if reason is not None and reason.match(text):
            return None
        if "|" in text and not data().sub("", text).strip():
            return None  # a table row of answer data: the answer reader reads tables, the walk does not
        if _PREDICATE.search(text) and entity().search(text):
            return f"a claim about the puzzle that the reader cannot read: {text[:80]}"
        if _QUANTIFIER.search(text) and values().search(text):
            # "There is exactly one knave", "Nobody is a knave", "Exactly 3 atoms are true": a count
            # over the puzzle names no entity, but it is a claim no reader checks
            return f"a counting claim that the reader cannot read: {text[:80]}"
        return None

    return guarded


# --- text after the answer ---------------------------------------------------------------------------

# Anything that could change, retract, hedge or multiply an answer.
DOUBT = re.compile(
    r"(?<![\w-])(?:or\s+maybe|or\s+perhaps|maybe|perhaps|possibly|probably|i\s+think|i\s+guess|guess|"
    r"not\s+(?:sure|certain)|unsure|uncertain|just\s+kidding|kidding|jk|or\s+rather|or\s+else|"
    r"opposite|revers\w*|swap\w*|flip\w*|mix(?:ed)?\s+up|ignore|scratch|never\s*mind|erratum|errata|"
    r"correct(?:ion|ed|ing)|typo|oops|whoops|my\s+(?:mistake|bad)|mistake\w*|error\w*|wrong|instead|"
    r"actually|wait|hmm|may|might|could|should\s+(?:have\s+)?be|(?:the|its?|his|her)\s+other\s+(?:option|way|one|value|role)|another|alternativ\w*|"
    r"also\s+(?:works?|satisf\w+|valid|possible|fits?)|on\s+second\s+thought|second\s+thoughts|"
    r"retract\w*|unless|except|p\.?\s*s\.?|fix\w*|change\w*|replace\w*|update\w*|"
    r"revis\w*|amend\w*|not\s+(?:quite|exactly)|either|or)(?![\w-])|\?",
    re.I,
)
# Plain closing prose that may follow an answer.
_CLOSING = re.compile(
    r"^(?:(?:i\s+)?hope\s+(?:this|that|it)\s+helps|let\s+me\s+know\b.*|feel\s+free\b.*|good\s+luck|"
    r"done|solved|q\.?e\.?d|end|that'?s\s+(?:it|all)|"
    r"(?:this|that|the\s+above|the|my)\s+(?:final\s+|unique\s+|only\s+)?(?:solution|answer|assignment|"
    r"grid|arrangement|result|configuration)?\s*(?:is\s+(?:the\s+)?(?:unique|only|final|correct)"
    r"(?:\s+(?:one|solution|answer|assignment|grid|arrangement))?|works|checks\s+out|"
    r"(?:satisfies|meets|fulfils|fulfills|respects)\s+(?:all|every|each)\b(?:\s*(?:of\s+the|the|given|"
    r"clues?|premises?|statements?|constraints?|conditions?|rules?|rows?|columns?|box(?:es)?|and|,))*)|"
    r"(?:all|every|each|both)\b.*\b(?:satisfied|hold|holds|met|consistent|check\s+out|checks\s+out|"
    r"verified|fulfilled)|the\s+puzzle\s+is\s+(?:solved|complete)|"
    r"\\end\{\w+\}\$*|\$\$|[`'~\-=_*#|✓✔✅.\s]*)[\s.!✓✔✅]*$",
    re.I,
)


# Words a table or list of answer data may hold besides the puzzle's own names and numbers.
_DATA_WORDS = (
    r"house|houses|position|pos|no|yes|true|false|t|f|knights?|knaves?|roles?|persons?|people|names?|"
    r"atoms?|values?|rows?|cols?|columns?|cells?|grid|solution|answer|final|arrangement|filled|empty|"
    r"blank|shaded|x|o"
)


def _data_pattern(reference: Mapping[str, Any]) -> re.Pattern[str]:
    names = _names(reference)
    attributes = reference.get("attributes")
    if isinstance(attributes, dict):
        names += [str(k) for k in attributes]
    role_words = reference.get("role_words")
    if isinstance(role_words, list):
        names += [str(w) + "s" for w in role_words] + [str(w) for w in role_words]
    return _data_pattern_for(tuple(names))


@functools.lru_cache(maxsize=256)
def _data_pattern_for(names: tuple[str, ...]) -> re.Pattern[str]:
    # "boba_tea" is written "boba tea" in a table
    words = [re.escape(n).replace("_", r"[_\s]+") for n in names if n]
    alternatives = "|".join([_DATA_WORDS, *sorted(set(words), key=len, reverse=True)])
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])|\d+|[^\w\s]|_", re.I)


def answer_tail_problem(
    reference: Mapping[str, Any], lines: Sequence[str], start: int | None, claim_lines: set[int]
) -> str | None:
    """Why the answer cannot be read because of what follows or hedges it, or None.

    `start` is the answer marker's line (None without one); `claim_lines` the lines that asserted a claim
    or drew a grid. A line of answer data (a table row of names and numbers) counts as an answer line.
    From the answer on (the marker, else the last block of answer lines), no line may hedge or retract;
    after the last answer line, only closing prose may follow."""
    data = functools.cache(lambda: _data_pattern(reference))

    def answer_line(i: int) -> bool:
        if i in claim_lines:
            return True
        text = clean(lines[i])
        return bool(text) and not data().sub("", text).strip()

    # only the lines from the last claim on are scanned for data lines (a long trace is not re-read)
    last = max(claim_lines, default=-1)
    last = max([i for i in range(last + 1, len(lines)) if answer_line(i)], default=last)
    if last < 0:
        return None
    begin = last
    while begin > 0 and answer_line(begin - 1):  # the answer's block ends at a blank line
        begin -= 1
    if start is not None:
        begin = min(begin, start)
    for i in range(begin, len(lines)):
        text = clean(lines[i])
        if not text:
            continue
        if i > last and not _CLOSING.match(text):
            return f"text after the answer that could change it (line {i + 1}): {text[:80]}"
        if DOUBT.search(_without_quotes(text)):
            return f"the answer is hedged or retracted (line {i + 1}): {text[:80]}"
    return None


# Words that hedge whatever line they are on: no asserted claim on such a line is the writer's answer.
_HEDGE = re.compile(
    r"(?<![\w-])(?:maybe|perhaps|possibly|probably|presumably|likely|apparently|seemingly|allegedly|"
    r"i\s+think|i\s+guess|i\s+believe|i\s+suspect|not\s+(?:sure|certain)|unsure|uncertain|kidding|jk|"
    r"or\s+rather|or\s+else|unless)(?![\w-])",
    re.I,
)


def hedged_fact(lines: Sequence[str], fact_lines: set[int]) -> str | None:
    """Why a line that asserts a fact is hedged ("Ava is a knight (or maybe a knave)"), or None. The
    answer is read from asserted facts; a hedge in an aside or a trailing remark would otherwise be
    dropped as prose while its line still counts."""
    for i in sorted(fact_lines):
        text = _without_quotes(clean(lines[i]))
        if _HEDGE.search(text):
            return f"a claim made with a hedge (line {i + 1}): {text[:80]}"
    return None


def _without_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', " ", text)

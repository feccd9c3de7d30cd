"""Guards that turn text the kind readers call prose into `unknown`, when it could carry a claim.

Two classes of false accept are closed here, for every kind alike:

- a clause the kind reads as prose (None) that mentions anything of the puzzle (a person, an atom, a
  premise, a cell, a row, a house, a zebra value or a word of its stem, a role or truth word in any
  inflection: "Lena too", "The Swede paints", "Ann lied") or points at it (a pronoun, an ellipsis: "so
  is he") may claim anything: it is unknown, not prose. Only shapes that provably claim nothing are
  prose: a plan, a heading, the island's rule, a legend of cell symbols, a bare citation, a header or
  a data row of a table the answer reader reads (`_SAYS_NOTHING`, `_labels_only`);
- (`answer_tail.py` holds the second guard: text after the answer, or a doubt inside it, could change
  the answer.)

It must never widen what counts as prose: both guards only ever turn a reading into `unknown`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from assay.domains.logic.read import ClauseReader, Reading, clean
from assay.text.trigger_words import compile_guarded

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
    r"^(?:let'?s|let\s+us|let\s+me|i'll|i\s+will|we'll|we\s+will|now\s+(?:let'?s|check|look)|"
    r"(?:first|next|then|now),?\s+(?:check|look|consider|examine|analy[sz]e|verify|evaluate|fill)|"
    r"check(?:ing)?|verify(?:ing)?|looking\s+at|consider(?:ing)?|analy[sz](?:e|ing)|examin(?:e|ing)|"
    r"evaluat(?:e|ing)|going\s+through|start(?:ing)?\s+with|step\s+\d+|"
    # "## Step 3: Determine Alice": a heading that names what the step finds, no claim
    r"(?:determin(?:e|ing)|identify(?:ing)?|find(?:ing)?|figur(?:e|ing)\s+out|work(?:ing)?\s+out)\b(?=[^.]*$)|"
    # "We analyze the possibilities for Kai", "We need to find values for p, q, r, s": the goal
    r"(?:we|i)\s+(?:(?:will|can|now|first|then|must|should)\s+)?(?:(?:need|have|want)\s+to\s+)?"
    r"(?:analy[sz]e|consider|examine|check|test|look\s+at|find|determine|figure\s+out|work\s+out|solve))\b",
    re.I,
)
# A heading that introduces a grid or an answer ("Here is the solved grid:", "The completed grid, row by
# row: 5346...") claims nothing itself; the grid after it is read as a grid.
_HEADING = re.compile(
    r"^(?:here\s+(?:is|are)|here'?s|below\s+is|this\s+is)?\s*(?:the|my|our)?\s*(?:completed|solved|final|"
    r"finished|full|filled(?:-in)?|resulting|unique|complete)?\s*(?:grid|solution|board|puzzle|answer|"
    r"assignment|arrangement)s?(?:\s*,?\s*(?:row\s+by\s+row|as\s+rows|in\s+rows))?\s*(?::(?P<tail>[\d\s.#|,-]*))?$",
    re.I,
)


# "The solution is: 1 2 3 ...", "Solution → ...", "Assignment = 0110", "**Solution (row 1):** ...": a heading
# word, any separator, then data only (a line without a heading word is not scanned: `trigger_words.py`)
_INLINE_HEADING = compile_guarded(
    r"^(?:here\s+(?:is|are)|here'?s|below\s+is|this\s+is)?\s*(?:the|my|our)?\s*(?:[a-z-]+\s+){0,2}?(?:grid|solution|"
    r"board|puzzle|answer|assignment|arrangement|valuation|result)s?(?:\s*,?\s*(?:row\s+by\s+row|as\s+rows|in\s+rows))?"
    r"\s*(?:\([^()]*\))?\s*(?:is|are|:|=|→|->|-|–|—)+\s*(?P<tail>[\d\s.#|,-]+)$",
    re.I,
)


def inline_heading_data(lines: Sequence[str]) -> str | None:
    """A heading line with data after its colon ("The solution: 1 2 3 4 5 6 7 8 9", "The assignment:
    0 1 1 0") with more of the response after it: no reader reads the heading's data or compares it with
    the answer below, so which one the response gives is not certain. The heading's line, or None."""
    for i, line in enumerate(lines):
        heading = _INLINE_HEADING.match(clean(line))
        if heading is None or not re.search(r"[\d#]", heading.group("tail")):
            continue
        if any(later.strip() for later in lines[i + 1 :]):
            return line.strip()
    return None


# Verification summaries about every entity at once say nothing the answer check does not check itself.
_ALL_HOLD = re.compile(
    r"^(?:and\s+|so\s+|thus\s+|therefore\s+)?(?:all|every|each|both)\b[^.]*?\b(?:satisf\w+|hold|holds|"
    r"met|true|consistent|check\s+out|checks\s+out|valid|work|works|verified|fulfilled)\b[\s.!✓✔✅]*$|"
    r"^(?:this|the|my)\s+(?:grid|solution|answer|assignment|arrangement)\s+(?:satisfies|meets|respects|"
    r"fulfils|fulfills)\s+(?:all|every|each)\b(?:\s*(?:of\s+the|the|given|clues?|premises?|statements?|"
    r"constraints?|conditions?|rules?|rows?|columns?|box(?:es)?|and|,))*[\s.!✓✔✅]*$",
    re.I,
)


# a summary that says statements are true (not only consistent with the roles)
# ("satisfied", "consistent": with the roles, which a knave's false statement is too)
_STATEMENTS_TRUE = re.compile(
    r"^(?:(?:and|so|thus|therefore|hence)[\s,]+)?(?:all|every|each|both)\b.*\b(?:statements?|claims?|words)\b.*"
    r"\b(?:true|hold|holds|correct|valid|right|accurate|truthful)\b",
    re.I,
)
_TOPIC = re.compile(r"^(?:first|next|now|then|finally|second|third)\s*,\s*(.+?)[\s.:]*$", re.I)


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


# Every inflection of a truth or role word ("lied", "liar", "truthfully", "knavish"): a clause with one
# says something about truth even when no name is in it.
_VALUE_INFLECTIONS = (
    r"li(?:e|es|ed|ar|ars|ying)|truth\w*|true|truly|untrue|false\w*|honest\w*|dishonest\w*|"
    r"knight\w*|knav\w*|filled|empty|blank|shaded|unshaded"
)
# A pronoun or an elliptical copy ("so is he", "Lena too", "as well") takes its subject or its
# predicate from another clause: the clause alone cannot show that it says nothing.
PRONOUN = re.compile(
    r"(?<![\w-])(?:he|she|him|her|hers|his|they|them|their|theirs|himself|herself|themselves)(?![\w-])",
    re.I,
)
_ELLIPSIS = re.compile(
    r"(?<![\w-])(?:too|as\s+well|likewise|also|the\s+same|(?:so|neither|nor)\s+(?:is|are|was|were|"
    r"does|do|did|has|have|had|can|could|will|would|must))(?![\w-])",
    re.I,
)
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
# Endings of a value that other words of the same stem do not share: "painting" is the stem "paint"
# of "paints", "painter"; "Dane" the stem "Dan" of "Danish" (at most four letters are kept, so that
# "Spaniard" reaches "Spanish" and "Swede" "Swedish").
_ENDING = re.compile(r"(?:ing|ers|er|es|ish|ian|ese|ard|ans|an|s|e|y)$", re.I)


def _stem(word: str) -> str:
    ending = _ENDING.search(word)
    if ending is not None and ending.start() >= 3:
        word = word[: ending.start()]
    return word[:4]


def mentions(reference: Mapping[str, Any]) -> Mentions:
    """Whether a clause mentions anything a claim could be about in this puzzle: a name, an atom, a
    cell, a row, a premise, a zebra value or any word of its stem, a role or truth word in any
    inflection, or a letter outside ASCII (names and values are ASCII: "Аnn" with a Cyrillic A must
    not pass for no name at all). Used to decide which clauses the walk may skip: only those that
    mention nothing."""
    people: list[str] = []
    for key in ("people", "atoms"):
        value = reference.get(key)
        if isinstance(value, list):
            people += [str(v) for v in value]
    values: list[str] = []
    attributes = reference.get("attributes")
    if isinstance(attributes, dict):
        for found in attributes.values():
            if isinstance(found, list):
                values += [str(v) for v in found]
    role_words = reference.get("role_words")
    if isinstance(role_words, list):
        values += [str(w) for w in role_words]
    return _mentions_for(tuple(people), tuple(values))


class Mentions(Protocol):
    """`mentions(reference)`: called with a clause, True if it names something of the puzzle."""

    def __call__(self, text: str) -> bool: ...


@functools.lru_cache(maxsize=256)
def _mentions_for(people: tuple[str, ...], values: tuple[str, ...]) -> Mentions:
    # compiled at the first call only: most responses are read whole by the kinds, and a pattern of a
    # puzzle's names costs more to compile than reading a short answer
    compiled: list[re.Pattern[str]] = []

    def found(text: str) -> bool:
        if _ALWAYS_MENTIONED.search(text) or _NON_ASCII_LETTER.search(text):
            return True
        if not compiled:
            compiled.append(_names_pattern(people, values))
        return bool(compiled[0].search(text))

    return found


def _names_pattern(people: tuple[str, ...], values: tuple[str, ...]) -> re.Pattern[str]:
    words = [re.escape(p) for p in people if p]
    for value in values:
        parts = [w for w in re.split(r"[\s_-]+", value) if w]
        if len(parts) > 1:  # "boba_tea", "boba tea", "boba-tea"
            words.append(r"[\s_-]+".join(re.escape(w) for w in parts))
        words += [re.escape(_stem(w)) + r"\w*" for w in parts if len(w) >= 3] + [re.escape(w) for w in parts]
    if not words:
        return re.compile(r"(?!)")
    alternatives = sorted(set(words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)


_ALWAYS_MENTIONED = re.compile(rf"(?<![\w-])(?:{_ENTITY_WORDS}|{_VALUE_INFLECTIONS})(?![\w])", re.I)


# Shapes that provably claim nothing about the puzzle's entities, though they mention some: the rules of
# the island ("Knights always tell the truth and knaves always lie"), a legend of symbols ("Legend: x =
# empty, o = filled"), a bare citation ("Premise 2", "Clue 3 and clue 4"), what a clue is about ("Clue 2
# narrows down the tea").
# the rule as it is: a knight's words are true, a knave's false ("knights always lie" is a false claim)
_EVERY = r"(?:(?:a|an|every|each|all|any)\s+)?"
_OFTEN = r"(?:(?:always|only|can\s+only|must)\s+)*"
_CANNOT = r"(?:cannot|can'?t|never|could\s*n[o']t|do(?:es)?\s*n[o']t|may\s+not)\s+"
_TRUE_WORDS = (
    r"(?:tells?\s+the\s+truth|speaks?\s+(?:the\s+)?truth|makes?\s+true\s+statements|says?\s+true\s+things|"
    rf"never\s+lies?|never\s+tells?\s+lies|{_CANNOT}(?:lie|tell\s+(?:a\s+)?lies?|(?:make|say|utter)\s+(?:a\s+|any\s+)?"
    r"false\s+(?:statements?|things?|claims?)|(?:say|state|claim)\s+(?:something|anything)\s+(?:false|untrue)))"
)
_FALSE_WORDS = (
    r"(?:lies?|tells?\s+lies|makes?\s+false\s+statements|says?\s+false\s+things|never\s+tells?\s+the\s+truth|"
    rf"{_CANNOT}(?:tell\s+the\s+truth|(?:make|say|utter)\s+(?:a\s+|any\s+)?true\s+(?:statements?|things?|claims?)|"
    r"(?:say|state|claim)\s+(?:something|anything)\s+true))"
)
_RULE_CLAUSE = (
    rf"(?:{_EVERY}(?:knights?|truth-?tellers?|honest\s+ones?|the\s+honest)\s+{_OFTEN}{_TRUE_WORDS}|"
    rf"{_EVERY}(?:knaves?|liars?)\s+{_OFTEN}{_FALSE_WORDS}|"
    # "nobody is both a knight and a knave"
    r"(?:no\s*(?:-\s*)?one|nobody|no\s+inhabitant)\s+(?:is|can\s+be)\s+both\s+a\s+knight\s+and\s+a\s+knave)"
)
# a legend's symbol: never a digit or a truth letter ("Legend: 1 = false, 0 = true" re-spells values
# that the answer is then read in, so it is a claim, see `layout.py` for the legends it honours)
_SYMBOL = r"[\"']?[^\s\w\"']{0,2}(?![tfynTFYN]\b)[A-Za-z]?[^\s\w\"']{0,2}[\"']?"
# what a legend's symbol may stand for: a state of a cell, never a puzzle value ("# = Dane")
_CELL_STATE = (
    r"(?:an?\s+)?(?:crossed(?:\s+out)?|cross|empty|blank|filled(?:\s+in)?|shaded|unshaded|unknown|black|"
    r"white|marked|unmarked|(?:not|un)\s*filled|dot|space)(?:\s+(?:cell|square|box)s?)?"
    r"(?:\s*\(\s*(?:empty|blank|filled|shaded|unshaded)\s*\))?"
)
_CITED = r"(?:premises?|statements?|clues?|constraints?|conditions?|rules?|steps?)\s*#?\s*\d+"
_SAYS_NOTHING = re.compile(
    # a remark on the claim just made, or a truth of logic itself ("A conditional is false only when its
    # antecedent is true"): no name, no value of the puzzle in it
    r"^(?:as\s+(?:expected|required|it\s+should\s+be|they\s+should\s+be|he\s+should\s+be|she\s+should\s+be)|"
    r"(?:which|this|that)\s+(?:is|was)\s+(?:consistent|fine|as\s+expected)|(?:which|this|that)\s+(?:fits|works|"
    r"checks\s+out))[\s.!✓✔✅]*$|"
    r"^(?:an?|the)\s+(?:conditional|implication|if-then\s+statement|biconditional|disjunction|conjunction|"
    r"or-statement|and-statement)(?:\s+statement)?\s+is\s+(?:only\s+)?(?:true|false)\s+(?:only\s+)?(?:when|if|"
    r"exactly\s+when|unless)\s+(?:its|the|both|either|one\s+of\s+its|all\s+its)\s+[^.\d=]*$|"
    rf"^(?:(?:and|but|so|yet|since|because|as|recall|remember|note)[\s,:]+)*{_RULE_CLAUSE}(?:\s*(?:[,;]\s*(?:and\b|but\b)?|\band\b|"
    rf"\bwhile\b|\bwhereas\b|\bbut\b)\s*{_RULE_CLAUSE})*[\s.!]*$|"
    rf"^(?:legend|key|notation)\s*[:\-–—]\s*(?:{_SYMBOL}\s*(?:=|:|means|is|for|→|->)\s*{_CELL_STATE}"
    r"(?:\s*[,;]\s*|\s*$))+$|"
    rf"^{_CITED}(?:\s*(?:,|&|\band\b)\s*(?:{_CITED}|\d+))*[\s.:]*$|"
    rf"^(?:from\s+)?{_CITED}\s+(?:narrows\s+down|is\s+about|concerns|involves|mentions|relates\s+to|"
    r"talks\s+about|restricts|limits|constrains|helps\s+(?:with|place)|deals\s+with)\b"
    # what the clue is about, never where: no number, no verb that could place a value
    r"(?:(?!\b(?:is|are|was|were|be|lives?|owns?|drinks?|has|have|keeps?|plays?|in|at|not|next|left|right)\b)"
    r"[^,;:=\d])*$",
    re.I,
)
_LABEL_TOKEN = re.compile(r"[a-z]{1,2}\d{1,2}", re.I)


def _labels_only(text: str, mentioned: Mentions) -> bool:
    """True for a header or index row of a table or grid: "| C1 | C2 | C3 |", "p q r", "[2, 3, 4, 1]"
    (every word a coordinate, a number or a puzzle name, no value word and no relation): it names
    columns, it claims nothing."""
    if re.search(r"[=:≠<>→]|->", text):
        return False
    tokens = re.findall(r"[^\s|,\[\]()#.\-]+", text)
    if not tokens:
        return False
    if all(t.isdigit() for t in tokens) or all(_LABEL_TOKEN.fullmatch(t) and not t.isdigit() for t in tokens):
        return True  # numbers only (a grid row, an index), or column names only; "A1 5" is a claim
    # a header of names only, "| Ava | Ben |" or the atoms "p q r" of a truth table; a bare name outside
    # a table ("Ann is a knight. And Anna.", "Germany hikes") copies a claim, it is not a header
    short = "|" in text or all(len(t) <= 2 for t in tokens)
    return short and all(
        re.fullmatch(r"[A-Za-z][\w-]*", t) and mentioned(t) and not _VALUE_WORD.fullmatch(t) for t in tokens
    )


_VALUE_WORD = re.compile(rf"(?:{_VALUE_INFLECTIONS}|t|f|yes|no|y|n|x|o)", re.I)
VALUE_MENTION = re.compile(rf"(?<![\w-])(?:{_VALUE_INFLECTIONS})(?![\w-])", re.I)


class Matcher(Protocol):
    """What a kind offers as REASON: `match(text)` is truthy for a clause that claims nothing."""

    def match(self, string: str) -> object: ...


_T = TypeVar("_T")


def lazy(make: Callable[[], _T]) -> Callable[[], _T]:
    """make() at the first call, its result after (a closure: cheaper to set up than functools.cache,
    and a guard is set up for every response)."""
    made: list[_T] = []

    def get() -> _T:
        if not made:
            made.append(make())
        return made[0]

    return get


def claim_guard(
    reference: Mapping[str, Any], reader: ClauseReader, reason: Matcher | None = None
) -> ClauseReader:
    """The kind's reader, except that a clause it calls prose but that names a puzzle entity together
    with a predicate word is unreadable: a claim the reader cannot read is unknown, never prose.
    `reason` is the kind's pattern for a reason clause ("the only place for 9 in row 4"), which names
    entities but claims nothing a checker could test."""
    # compiled only when a clause needs them (most clauses are read by the kind): a puzzle's names make
    # a new pattern, and compiling it for every candidate would cost more than reading the answer
    entity = lazy(lambda: _entity_pattern(reference))
    values = lazy(lambda: _value_pattern(reference))
    data = lazy(lambda: data_pattern(reference))
    mentioned = lazy(lambda: mentions(reference))
    people = lazy(lambda: _people_pattern(reference))

    def guarded(clause: str) -> Reading:
        reading = reader(clause)
        if reading is not None:
            return reading
        text = clause.strip()
        if reference.get("kind") == "knights" and _STATEMENTS_TRUE.match(text):
            # "All three statements are true": of knights and knaves that says every speaker is a knight,
            # a claim about the roles (the answer check does not check it: a knave's statement is false)
            return f"a claim that every statement is true, which is not read: {text[:80]}"
        # "The solution: 1 2 3 4 5 6 7 8 9": a heading with data after it and more below is refused
        # whole (`inline_heading_data`); alone, its data is the answer, which the answer reader reads
        if not text or _PLAN.match(text) or _ALL_HOLD.match(text) or _HEADING.match(text):
            return None
        if reason is not None and reason.match(text):
            return None
        if "|" in text and not data().sub("", text).strip() and not people().search(text):
            # a table row of answer data: the answer reader reads tables, the walk does not. A row that
            # names a person is not one: no reader reads "| Anna | Ann |" under "| Knights | Knaves |"
            # (only "| Ava | Knight |" rows, which the kind reads before this guard)
            return None
        if _SAYS_NOTHING.match(text) or (_labels_only(text, mentioned()) and not people().search(text)):
            return None
        topic = _TOPIC.match(text)
        if topic is not None and all(
            people().fullmatch(name) for name in re.split(r"\s*(?:,|\band\b|&)\s*", topic.group(1)) if name
        ):
            return None  # "First, Gus and Nora.": a topic to look at next, no claim (a bare list after
            # "And" copies a claim: "Ann is a knight. And Anna." is not one of these)
        if _PREDICATE.search(text) and entity().search(text):
            return f"a claim about the puzzle that the reader cannot read: {text[:80]}"
        # "K_Milo = 1": a name inside an identifier is still named
        if (
            mentioned()(text)
            or mentioned()(text.replace("_", " "))
            or PRONOUN.search(text)
            or _ELLIPSIS.search(text)
        ):
            # "Lena too", "The Swede paints", "Ann lied", "so is he": a clause that names something of
            # the puzzle (or points at it) and is not read may claim anything; only a clause that
            # mentions nothing is prose
            return f"a clause about the puzzle that the reader cannot read: {text[:80]}"
        if reference.get("kind") in ("sudoku", "nonogram") and _CELL_CLAIM.search(text):
            # "C3R6 = 8", "x6y3 = 8", "6-3: 8", "c1r1 = #": a cell given a value in a notation the cell
            # reader does not read is still a claim
            return f"a cell claim in a notation the reader does not read: {text[:80]}"
        if _QUANTIFIER.search(text) and values().search(text):
            # "There is exactly one knave", "Nobody is a knave", "Exactly 3 atoms are true": a count
            # over the puzzle names no entity, but it is a claim no reader checks
            return f"a counting claim that the reader cannot read: {text[:80]}"
        return None

    return guarded


# a coordinate (letters and numbers, or two numbers joined) given a cell's value
_CELL_CLAIM = re.compile(
    r"(?<![\w])(?:[A-Za-z]{1,3}\s*\d{1,2}(?:\s*[A-Za-z]{1,3}\s*\d{1,2})?|\d{1,2}\s*[-,/x×]\s*\d{1,2}|"
    r"\(\s*\d{1,2}\s*,\s*\d{1,2}\s*\))\s*(?:=|:|→|->|\bis\b)\s*(?:[\d#.xXoO■□]|$)"
)


# Words a table or list of answer data may hold besides the puzzle's own names and numbers.
_DATA_WORDS = (
    r"house|houses|position|pos|no|yes|true|false|t|f|knights?|knaves?|roles?|persons?|people|names?|"
    r"atoms?|values?|rows?|cols?|columns?|cells?|grid|solution|answer|final|arrangement|filled|empty|"
    r"blank|shaded|x|o|attributes?|categor(?:y|ies)|features?|propert(?:y|ies)"
)


def _people_pattern(reference: Mapping[str, Any]) -> re.Pattern[str]:
    """The people of a knights puzzle: what a table row must not name to be skipped. A row of role words
    alone ("| Knights | Knaves |", "| knave | knight |") says something only with a row of names, and
    that row is then unknown itself."""
    people = reference.get("people")
    if not isinstance(people, list) or not people:
        return re.compile(r"(?!)")  # other kinds: their answer readers read their tables
    words = sorted((re.escape(str(p)) for p in people), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def data_pattern(reference: Mapping[str, Any]) -> re.Pattern[str]:
    names = _names(reference)
    attributes = reference.get("attributes")
    if isinstance(attributes, dict):
        # a table's headings name attributes in either number: "| Pet |" and "| Pets |", "| Hobbies |"
        names += [word for k in attributes for word in attribute_words(str(k))]
    role_words = reference.get("role_words")
    if isinstance(role_words, list):
        names += [str(w) + "s" for w in role_words] + [str(w) for w in role_words]
    return _data_pattern_for(tuple(names))


def attribute_words(attribute: str) -> list[str]:
    """An attribute's name and its plurals, as a table heads a column with it ("Drink", "Drinks",
    "Nationalities")."""
    plurals = [attribute + "s", attribute + "es"]
    if attribute.endswith("y"):
        plurals.append(attribute[:-1] + "ies")
    return [attribute, *plurals]


@functools.lru_cache(maxsize=256)
def _data_pattern_for(names: tuple[str, ...]) -> re.Pattern[str]:
    # "boba_tea" is written "boba tea" in a table
    words = [re.escape(n).replace("_", r"[_\s]+") for n in names if n]
    alternatives = "|".join([_DATA_WORDS, *sorted(set(words), key=len, reverse=True)])
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])|\d+|[^\w\s]|_", re.I)


_TABLE_RULE = re.compile(r"^[\s|:+=-]*$")
_SHORT_ROW = re.compile(r"(?:[A-Za-z0-9]{1,2}[\s,;]+)+[A-Za-z0-9]{1,2}")


def early_tables(lines: Sequence[str], mentioned: Mentions) -> list[tuple[int, str]]:
    """The lines before the answer marker laid out as table or grid data that name something of the
    puzzle ("| 1 | Swede |", "p q r s" over "F T F T"), each with why it is unknown: answer readers
    read tables from the answer marker on, the walk reads none, so a table before the answer would
    otherwise say nothing (kinds that read grids anywhere do not use this). A header of column names
    alone ("| Person | Role |") names nothing."""
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        text = clean(line)
        if not text or _TABLE_RULE.match(text) or not mentioned(text):
            continue
        if text.count("|") >= 1 or _SHORT_ROW.fullmatch(text):
            found.append((i, f"a table row before the answer that no reader reads: {text[:80]}"))
    return found

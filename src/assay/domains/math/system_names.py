"""How a line of a linear system's trace names the system's equations and the move it makes.

A line may name an equation in many ways ("the first equation", "the 2nd", "equation II", "eq. (1)",
"Eq1", "(1)", "R1", "E2", "the top equation") and a move in as many ("(1) + (2):", "R1 − 2R2:",
"Equation 1 plus equation 2 gives", "subtract the second from the first", "Doubling equation (2)",
"Solving the first equation for y", "Substitute into the first", "Eliminating y", "Check (2):"). Each name
is read into a `Named` move the checker (system_named_moves.py) can hold the line to. A name this reader
cannot resolve to one of the system's equations ("the other equation", "(2')", "the latter" of three) reads as
`None` in its place, and a name no construction here accounts for is reported, so the line is `unknown`:
a line that names a move is held to that move or not verified at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from assay.domains.math.decide import Unknown
from assay.domains.math.markup import END_MOVE, circled_label
from assay.domains.math.system_name_forms import singular_names
from assay.text.trigger_words import compile_guarded

# an equation named: its number, or None when the name cannot be resolved to one of the system's
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "top": 1, "upper": 1}
_ROMAN = {"i": 1, "ii": 2, "iii": 3}
_NUMBER_WORDS: dict[str, Fraction] = {
    word: Fraction(value)
    for word, value in (
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
        ("eight", 8), ("nine", 9), ("ten", 10), ("twice", 2), ("half", Fraction(1, 2)),
    )
}  # fmt: skip
_PLACE = r"(?:first|second|third|1st|2nd|3rd|top|upper|bottom|lower|former|latter|last|other|new|original)"
_INDEX = r"(?:[1-9]|iii|ii|i)"
_REF = compile_guarded(
    rf"(?P<place>\b(?:the\s+)?{_PLACE}\s+(?:equation|eqn\.?|eq\.?|one|row)s?\b"
    rf"(?:\s*\(\s*{_INDEX}\s*\)(?![\w']))?)"
    rf"|(?P<bare>\b(?P<prep>into|from|with|in|to|by|of|times)\s+the\s+{_PLACE}\b)"
    rf"|(?P<noun>\b(?:equation|eqn\.?|eq\.?|row)\s*(?:\(\s*{_INDEX}\s*\)|\[\s*{_INDEX}\s*\]|{_INDEX}\b)'?)"
    rf"|(?P<letter>(?<![A-Za-z])[ERL][1-9]'?(?![\w]))"
    # "(2)" standing alone, not a factor in arithmetic: `-6x - (8) = -44`, `3(2) + 2 = 8`, `(2) x`; a word
    # after it is prose ("Double (2) and subtract it")
    rf"|(?P<paren>(?<![\w)\]=+\-−*/×·^])(?<![=+\-−*/×·^]\s)\(\s*{_INDEX}'?\s*\)"
    r"(?!\s*(?:[\d_(=+\-−*/×·^]|[A-Za-z](?![A-Za-z]))))",
    re.I,
)
# the same, in a line's leading label ("2(2) + (1):"), where a number may stand right before "(2)"
_LABEL_PAREN = compile_guarded(rf"(?<![A-Za-z)\]])\(\s*{_INDEX}'?\s*\)", re.I)
_LABEL_END = compile_guarded(r"\s*(?::|⇒|=>|\\Rightarrow|\\implies|→|⟹|\bgives\b|\byields\b|\bwe get\b)")

_COEF = r"(?:\d+(?:/\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twice|half)"
_TIMES = r"(?:·|×|\*|⋅|\\cdot|\\times|times)"
_TERM = rf"(?:(?:{_COEF})(?:\s*{_TIMES}\s*)?)?⟨[\d?]⟩(?:\s*{_TIMES}\s*{_COEF})?"
_SIGN = r"(?:\+|−|-|\bplus\b|\bminus\b)"
_COMBINATION = compile_guarded(rf"(?:[-−]\s*)?{_TERM}(?:\s*{_SIGN}\s*{_TERM}){{1,5}}")
_SCALED = compile_guarded(rf"{_COEF}(?:\s*{_TIMES}\s*)?⟨[\d?]⟩|⟨[\d?]⟩\s*{_TIMES}\s*{_COEF}")
_TERM_PARTS = compile_guarded(
    rf"(?P<sign>{_SIGN})?\s*(?:(?P<pre>{_COEF})(?:\s*{_TIMES}\s*)?)?⟨(?P<ref>[\d?])⟩(?:\s*{_TIMES}\s*(?P<post>{_COEF}))?"
)

_ADD = compile_guarded(r"\badd(?:s|ing|ed)?\b|\baddition\b|\bplus\b|\bsum(?:s|ming|med)?\b", re.I)
_SUBTRACT = compile_guarded(r"\bsubtract(?:s|ing|ed)?\b|\bsubtraction\b|\bminus\b|\bdifference\b", re.I)
_SCALE_WORDS: dict[str, Fraction] = {
    "doubl": Fraction(2), "tripl": Fraction(3), "quadrupl": Fraction(4), "halv": Fraction(1, 2)
}  # fmt: skip
_MULTIPLY = compile_guarded(
    r"\b(?P<verb>multipl(?:y|ies|ying|ied)|doubl(?:e|es|ing|ed)(?!-)|tripl(?:e|es|ing|ed)|quadrupl(?:e|es|ing|ed)"
    r"|halv(?:e|es|ing|ed)|scal(?:e|es|ing|ed)|divid(?:e|es|ing|ed))\b"
    # what it scales is named before the clause or the next verb ends it ("Double (2) and subtract it from
    # (1)" doubles the second)
    rf"(?P<rest>(?:(?!\b(?:and|then)\b)[^:;.])*?"
    rf"(?:\bby\s+(?P<by>[-−]?{_COEF})(?![\d/]|\.\d)|$|(?=[:;.]|\b(?:and|then)\b)))",
    re.I,
)


def _variable(group: str) -> str:
    """A variable named in words (`the variable x`, `the x terms`, `x's`), captured as group."""
    return (
        rf"(?:the\s+)?(?:variable\s+)?[$\\(]*\s*(?P<{group}>[a-z])\s*[$\\)]*(?:['’]?s)?"
        r"(?:\s*-?\s*terms?)?(?![A-Za-z])"
    )


# "Adding leaves only y", "an equation in y alone", "only y remains": the other variables are gone
_ALONE = compile_guarded(
    r"\b(?:leaves?|leaving|left\s+with)\s+(?:us\s+with\s+)?only\s+"
    + _variable("left")
    + r"|\bin\s+"
    + _variable("within")
    + r"\s+(?:alone|only)\b"
    + r"|\bonly\s+"
    + _variable("only")
    + r"\s+(?:remains?|is\s+left|left|survives?)\b",
    re.I,
)
_ELIMINATE = compile_guarded(
    r"\b(?:eliminat(?:e|es|ed|ing)|(?:get|gets|got|getting)\s+rid\s+of)\s+"
    r"(?:(?:the\s+)?(?:variable\s+)?"
    r"(?:[$\\(]*\s*(?P<var>[a-z])\s*[$\\)]*(?:['’]?s)?(?:\s*-?\s*terms?)?(?![A-Za-z]))?)?"
    # other verbs, the variable named after them ("removes x", "cancels out x") or before them ("so that x
    # cancels", "the x terms drop out", "x is eliminated")
    r"|\b(?:remov(?:e|es|ed|ing)|cancel(?:s|led|ed|ling|ing)?(?:\s+out)?|knock\w*\s+out|zero(?:e?s|ed|ing)?\s+out"
    r"|kill(?:s|ed|ing)?|drop(?:s|ped|ping)?)\s+"
    + _variable("after")
    + r"|(?<![A-Za-z])"
    + _variable("before")
    + r"\s+(?:cancel\w*(?:\s+out)?|drop\w*\s+out|disappear\w*|vanish\w*|(?:is|are|gets?|get)\s+"
    r"(?:eliminated|removed|cancel+ed(?:\s+out)?))\b",
    re.I,
)
# what a name of one equation says of the line, by the words before it
_INTO_WORDS = compile_guarded(r"(?:into|in|to|with)\s*$", re.I)
_SOLVED_IN = compile_guarded(r"\b(?:solv\w*|isolat\w*|express\w*)\s+(?:for\s+)?\w+\s+(?:in|from)\s*$", re.I)
_FROM_WORDS = compile_guarded(
    r"\b(?:from|using|via|by|of|solv\w*|rearrang\w*|rewrit\w*|isolat\w*(?:\s+\w+\s+in)?"
    r"|express\w*(?:\s+\w+\s+(?:in|from|using))?|then|and)\s*$",
    re.I,
)
_CHECK_WORDS = compile_guarded(r"\b(?:check\w*|verif\w*|plug\w*\s+back|confirm\w*)\b|✓|✔", re.I)
_SUBSTITUTE_WORDS = compile_guarded(r"\b(?:substitut\w*|plug\w*|put\w*|insert\w*|replac\w*|sub)\b", re.I)
_FACTOR = compile_guarded(r"\b(?:\d+(?:/\d+)?\s*(?:times|×)|twice|double|triple|half)\b|\d⟨", re.I)
# what may stand around a line's label of its own equation: "$$x + y = 10 \\qquad \\text{(1)}$$"
_LABEL_FILL = re.compile(r"[\s.*#>$}{()\[\]-]|\\(?:text|qquad|quad|tag)\b")
# a name in brackets or after a dash: "(equation 1)", "[eq. 2]", "— from (1)"
_LABELLED = compile_guarded(r"[\[(]\s*$|[—–-]\s*$")
# one equation's both sides operated on: a move within one equation, not between equations
_BOTH_SIDES = compile_guarded(r"\b(?:both|each)\s+sides?\b", re.I)


@dataclass
class Named:
    """The moves one line names: each as (position in the line, kind, what it names), the kinds "terms"
    (a combination [(factor, equation number or None)]), "scale" ((factor, number): an equation
    multiplied), "multiply" (a factor, no equation named), "combine" (the equations a sum or difference
    names, and whether a factor is said with it), "from", "into" and "label" (an equation number)."""

    adds: bool = False
    subtracts: bool = False
    eliminates: list[str | None] = field(default_factory=list)
    keeps: list[str | None] = field(default_factory=list)  # "leaves only y": the variables left
    refs: int = 0  # equations named at all
    # every named move but "eliminates" and checks, in the order named, so that each can be held to the
    # line's new equation it comes before
    moves: list[tuple[int, str, Any]] = field(default_factory=list)
    # where the line writes out an equation of the system as a source, and how ("from x - y = 1",
    # "substitute into x - y = 1"): a move on that equation
    quotings: list[tuple[int, str]] = field(default_factory=list)
    marked: str = ""  # the line with its names marked
    # carried from a heading whose first move a line made: the rest is still owed by the lines after it
    owed: bool = False

    def breaks(self, start: int, end: int) -> bool:
        """A sentence or clause ends between the two positions of the marked line."""
        return re.search(r"[.;:]\s|\bwe get\b|\bgives\b", self.marked[start:end]) is not None


def _coef(text: str | None) -> Fraction:
    if text is None:
        return Fraction(1)
    text = text.lower().replace("−", "-")
    if text in _NUMBER_WORDS:
        return Fraction(_NUMBER_WORDS[text])
    return Fraction(text)


def _number(ref: str, premises: int) -> int | None:
    """The equation a name refers to (1-based), or None when it cannot be resolved."""
    low = ref.lower()
    if "'" in low or re.search(r"\b(?:other|new|original)\b", low):
        return None
    index = re.search(rf"(?<![A-Za-z])({_INDEX})(?![A-Za-z])|(?<=[a-z])([1-9])", low)
    place = re.search(_PLACE, low)
    if index is not None and not (place and place.group(0) in ("first", "second", "third")):
        digits = index.group(1) or index.group(2)
        number = int(digits) if digits.isdigit() else _ROMAN[digits]
    elif place is not None:
        word = place.group(0)
        if word in _ORDINALS:
            number = _ORDINALS[word]
        elif word in ("bottom", "lower", "last"):
            number = premises
        elif premises == 2:
            number = 1 if word == "former" else 2
        else:
            return None
    else:
        return None
    return number if 1 <= number <= premises else None


def _label_end(text: str) -> int | None:
    """Where a line's leading label ends (before ":", "⇒", "gives" ... with no equation before it), the
    whole line when it is only a label ("$(1) + (2)", its equation on the next line), or None."""
    label = _LABEL_END.search(text)
    if label is None:
        return len(text) if "=" not in text else None
    return label.start() if "=" not in text[: label.start()] else None


def _mark(text: str, premises: int) -> str:
    """text, in compatibility form (NFKC: `（1）＋（2）` is `(1)+(2)`, `Ⅱ` is `II`), with every name of an
    equation replaced by ⟨n⟩ (⟨?⟩ when it cannot be resolved)."""
    text = singular_names(unicodedata.normalize("NFKC", circled_label(text)), premises)

    def token(match: re.Match[str]) -> str:
        number = _number(match.group(0), premises)
        prep = f"{match.group('prep')} " if match.group("bare") else ""
        return f"{prep}⟨{number if number is not None else '?'}⟩"

    # a move named after the line's equation (`2x = 12   [(1) + (2)]`, markup.py) is marked as a label is
    moved = END_MOVE.search(text)
    if moved is not None:
        tail = _LABEL_PAREN.sub(
            lambda m: f"⟨{_number(m.group(0), premises) or '?'}⟩", text[moved.start("move") :]
        )
        return _mark(text[: moved.start("move")], premises) + tail
    label_end = _label_end(text)
    if label_end is None:
        return _REF.sub(token, text)
    head = _LABEL_PAREN.sub(lambda m: f"⟨{_number(m.group(0), premises) or '?'}⟩", text[:label_end])
    return _REF.sub(token, head) + _REF.sub(token, text[label_end:])


# a name of one equation left unmarked after every reading: an equation noun with a number or mark after it
# ("eq's 1 and 2", "the equation numbered two", "equation nr. 2"), "the second one" of no noun, "numbered"
_UNREAD_NAME = compile_guarded(
    r"\b(?:equations?|eqs?|eqns?|eq's|rows?)\b\.?\s*(?:no\.?|nr\.?|number(?:ed)?|#)?\s*\(?\s*"
    r"(?:\d|one|two|three|four|iv\b|i{1,3}\b)|\bnumbered\b|\b(?:no|nr)\.\s*\d",
    re.I,
)


_SENTENCE_END = compile_guarded(r"[.;:](?:\s|$)")


def read_names(text: str, premises: int) -> Named:
    """The moves a line names, read from its words; raises Unknown for a name of an equation that no
    construction here reads."""
    marked = _mark(text, premises)
    if _UNREAD_NAME.search(marked):
        raise Unknown("the line names one of the system's equations in a form the checker does not read")
    named = Named(refs=marked.count("⟨"), marked=marked)
    taken = [False] * len(marked)

    def take(start: int, end: int) -> None:
        for i in range(start, end):
            taken[i] = True

    for match in _COMBINATION.finditer(marked):
        terms = []
        for part in _TERM_PARTS.finditer(match.group(0)):
            sign = -1 if (part.group("sign") or "+").lower() in ("−", "-", "minus") else 1
            factor = sign * _coef(part.group("pre")) * _coef(part.group("post"))
            ref = part.group("ref")
            terms.append((Fraction(factor), int(ref) if ref != "?" else None))
        named.moves.append((match.start(), "terms", terms))
        take(*match.span())
    adds, subtracts = bool(_ADD.search(marked)), bool(_SUBTRACT.search(marked))
    combining = adds != subtracts and not (_BOTH_SIDES.search(marked) or _ADDS_A_NUMBER.search(marked))
    for match in _SCALED.finditer(marked):
        if taken[match.start()] or combining:
            continue  # "add 3 times the second to the first": a term of the sum, not a move of its own
        term = _TERM_PARTS.search(match.group(0))
        assert term is not None
        ref = term.group("ref")
        scaled = (_coef(term.group("pre")) * _coef(term.group("post")), int(ref) if ref != "?" else None)
        named.moves.append((match.start(), "scale", scaled))
        take(*match.span())
    for match in _MULTIPLY.finditer(marked):
        if _BOTH_SIDES.search(match.group(0)) and "⟨" not in match.group(0):
            continue  # "multiply both sides by 2": a move within one equation
        verb = match.group("verb").lower()
        by = match.group("by")
        scale = next((v for k, v in _SCALE_WORDS.items() if verb.startswith(k)), None)
        by_factor = scale if scale is not None else (_coef(by) if by is not None else None)
        if verb.startswith("divid") and by_factor is not None:
            # "Dividing the first equation by 4 gives x - y = -2": the equation scaled by 1/4
            if by_factor == 0:
                raise Unknown("the line divides an equation by zero")
            by_factor = 1 / by_factor
        refs = re.findall(r"⟨([\d?])⟩", match.group("rest"))
        if verb.startswith("divid") and not refs:
            continue  # `divide by 2, and this gives x = 3`: a move within one equation (named_ops.py)
        if refs:
            said_scale: tuple[Fraction | None, int | None] = (
                by_factor,
                int(refs[0]) if refs[0] != "?" else None,
            )
            named.moves.append((match.start(), "scale", said_scale))
            start = match.start("rest") + match.group("rest").index("⟨")
            take(start, start + 3)
        else:
            named.moves.append((match.start(), "multiply", by_factor))
    for match in _ALONE.finditer(marked):
        named.keeps.append(match.group("left") or match.group("within") or match.group("only"))
    for match in _ELIMINATE.finditer(marked):
        named.eliminates.append(match.group("var") or match.group("after") or match.group("before"))
    if (adds or subtracts) and not (_BOTH_SIDES.search(marked) or _ADDS_A_NUMBER.search(marked)):
        named.adds, named.subtracts = adds, subtracts
        if adds and subtracts:
            # "Subtracting them, no, adding them: 2y = 8": which move the line ends by claiming is not read
            raise Unknown("the line names both adding and subtracting equations")
        if adds != subtracts:
            word = (_ADD if adds else _SUBTRACT).search(marked)
            assert word is not None
            combined: list[tuple[int, int | None]] = []
            for match in re.finditer(r"⟨[\d?]⟩", marked):
                if not taken[match.start()]:
                    combined.append((match.start(), _ref(match)))
                    take(*match.span())
            if len(combined) > 2:
                # a paragraph naming equations in other sentences ("First, equation 1: ... Then, subtract the
                # second from the first: ..."): the sum or difference is of those named in its own sentence
                begin = max((m.end() for m in _SENTENCE_END.finditer(marked, 0, word.start())), default=0)
                closing = _SENTENCE_END.search(marked, word.end())
                end = closing.start() if closing is not None else len(marked)
                combined = [(at, number) for at, number in combined if begin <= at < end]
            # a factor said with it ("add 3 times the second to the first"): each may be scaled
            clause = re.split(r"[.;:]\s|\bgives\b|\bget\b", marked[word.start() :], maxsplit=1)[0]
            if combined or not any(kind == "terms" for _, kind, _ in named.moves):
                # ("Add (1) + (2) + (3)": the sum is named in full by its terms, the verb says no more)
                numbers = [number for _, number in combined]
                named.moves.append((word.start(), "combine", (numbers, bool(_FACTOR.search(clause)))))
    for match in re.finditer(r"⟨[\d?]⟩", marked):
        if taken[match.start()]:
            continue
        before = marked[: match.start()]
        after = marked[match.end() :]
        if _SOLVED_IN.search(before):
            how = "from"  # "Solve for x in the second equation"
        elif _INTO_WORDS.search(before):
            how = "into"
        elif _FROM_WORDS.search(before) or re.match(r"\s*(?:gives|yields|becomes|says)\b", after):
            how = "from"
        elif (
            not _LABEL_FILL.sub("", before)
            or not _LABEL_FILL.sub("", after)
            or _LABELLED.search(before)
            or re.match(r"\s*[:)\]]", after)
        ):
            # "(1) x + y = 10", "E1: x + y = 10", "2(y + 1) + 3y = 12 (equation 1)": that equation, with
            # something put in or not
            how = "into"
        else:
            raise Unknown("the line names one of the system's equations in words the checker does not read")
        if _CHECK_WORDS.search(marked):
            how = "check" if how != "from" or _CHECK_WORDS.search(before) else how
        if how == "into" and re.search(r"\[\s*$", before) and not _SUBSTITUTE_WORDS.search(marked):
            how = "label"
        if how != "check":
            named.moves.append((match.start(), how, _ref(match)))
        take(*match.span())
    named.quotings = [(q.start(), "into" if q.group("into") else "from") for q in _QUOTING.finditer(marked)]
    _operators_read(marked, taken)
    return named


# a label before a line's equation: "Step 2 -", "##", "3." are layout, not arithmetic on equations
_LAYOUT = re.compile(r"^[^\w+−×*·⋅\-]*(?:(?:step|line|part)\s*\d+\b|\d+[.)](?=\s))?", re.I)
_OPERATOR = compile_guarded(
    r"[+−×·⋅]|(?<=[\w)\]⟩])\s*\*\s*(?=[\w(\[⟨])|\s-\s|(?<=[\d)\]⟩])-(?=[\w(\[⟨])|(?<=\w)-(?=[\d(\[⟨])"
    r"|\b(?:plus|minus|times)\b|\\(?:cdot|times)",
    re.I,
)


def _operators_read(marked: str, taken: list[bool]) -> None:
    """Unknown when the line's leading label (before its equation: "Eq. A + Eq. B:", "I + II:",
    "[1] + [2] ⇒") combines something with an operator this reader did not read as a combination of the
    system's equations: it names a move the checker cannot hold the line to."""
    end = _label_end(marked)
    if end is None:
        return
    start = _LAYOUT.match(marked[:end])
    begin = start.end() if start is not None else 0
    for op in _OPERATOR.finditer(marked, begin, end):
        if not taken[op.start()]:
            raise Unknown("the line names a combination of equations in a form the checker does not read")


# a source written out, not named: "From x - y = 1", "Rearranging 2x + 3y = 12", "Substitute into x - y = 1"
_QUOTING = compile_guarded(
    r"\b(?:(?P<into>into|in)|from|rearrang\w*|solv\w*|isolat\w*(?:\s+\w+\s+in)?|rewrit\w*|using)"
    r"\s+[$\\(\[]*\s*[-−(\w][^:;,=⟨]*=",
    re.I,
)


# "add 3 to", "subtracting 4": a number added, a move within one equation
_ADDS_A_NUMBER = compile_guarded(
    r"\b(?:add\w*|subtract\w*)\s+[-−]?\d+(?:/\d+)?(?!\s*(?:times|×|\*|·|⟨|\d))", re.I
)


def _ref(match: re.Match[str]) -> int | None:
    ref = match.group(0)[1]
    return int(ref) if ref != "?" else None


def named_equations(text: str, premises: int) -> list[int] | None:
    """The system's equations a check line names, in order ("Check (2): ...", "Verify in the first
    equation: ..."), or None when it names none; raises Unknown for a name that cannot be resolved."""
    marked = _mark(text, premises)
    found = re.findall(r"⟨([\d?])⟩", marked)
    if not found:
        return None
    if "?" in found:
        raise Unknown("the check names an equation the checker cannot tell which of the system's it is")
    return [int(n) for n in found]

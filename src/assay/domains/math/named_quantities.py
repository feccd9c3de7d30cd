"""A sentence that names a quantity of the problem and gives it a value: `The discriminant is 25 - 20 = 5.`,
`b² - 4ac = 25 - 24 = 1`, `The sum of the roots is 5`, `The LCD is 12.`, `The slope is 3 - 1 = 2`.

Read as bare words around arithmetic, such a line claims only that its arithmetic is true, and a wrong
value (the discriminant of x² - 5x + 6 = 0 is 1, not 5) would pass as `true arithmetic`. So the name is
read as part of the claim: `named_value` finds the quantity named as the subject of a sentence and the
value the sentence gives it (the last part of its chain), and quantity_values.py checks that value
against the problem (or says it cannot: the step is then unknown, never verified as bare arithmetic).
`without_formula_label` takes the discriminant's formula (`b^2 - 4ac =`) off a chain that goes on, so
the reader reads the arithmetic after it; the name stays in the step's text, where the checker finds it.

A name after a verb (`Simplify the discriminant: x = ...`, `Write both over the common denominator 12`)
labels an operation, not a value, and is left to the other readers; a value the grammar cannot read (said
in words, with a variable) is still a value given to the name: `Named.value` is None and the step is
unknown. Pure text work, linear in the length of the line: safe in any process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import prepare_line, strip_delimiters
from assay.errors import LimitExceeded, MathParseError
from assay.text.trigger_words import compile_guarded

MAX_TEXT = 2000  # characters of a step looked at; a longer one is not a sentence naming one quantity

# The discriminant's formula, as models write it after folding (`b^(2) - 4ac`, `b^2 - 4*a*c`, `b² − 4(a)(c)`)
_FORMULA = (
    r"(?<![\w^])b\s*(?:\^\s*(?:\(\s*2\s*\)|2)|\*\s*b)\s*-\s*4\s*(?:[*·×]\s*)?(?:\(\s*a\s*\)|a)\s*(?:[*·×]\s*)?"
    r"(?:\(\s*c\s*\)|c)(?![\w(^])"
)
_FORMULA_LABEL = re.compile(
    r"(?:(?<![\w^])[DΔ]\s*=\s*)?" + _FORMULA + r"\s*=\s*(?=\S)|(?<![\w^])Δ\s*=\s*(?=[\d(+\-−])"
)
_FORMULA_ANYWHERE = re.compile(_FORMULA)

_ROOTS = r"(?:the\s+|its\s+|both\s+)?(?:two\s+)?(?:roots|solutions|zeros|zeroes)"
_SQUARE = r"(?:[A-Za-z]\s*\^\s*\(?2\)?|[A-Za-z]²|[A-Za-z]-?squared)"
# the quantities a sentence may name, by what the checker calls them
_NAMES: dict[str, str] = {
    "discriminant": r"discriminant(?:\s*\(\s*[DΔ]\s*\))?|[DΔ](?=\s*=\s*"
    + _FORMULA
    + r")|Δ(?=\s*=)|"
    + _FORMULA,
    # `D = 1`: a letter that names the discriminant where the problem is a quadratic, else a name only
    "D": r"D(?=\s*=\s*[-−\d(])",
    "sum of the roots": r"sum\s+of\s+" + _ROOTS,
    "product of the roots": r"product\s+of\s+" + _ROOTS,
    "axis of symmetry": r"axis\s+of\s+symmetry",
    "vertex": r"vertex",
    "root": r"(?:(?:the\s+)?other|another|one|a|(?:the\s+)?(?:first|second))\s+(?:root|solution|zero)",
    "least common denominator": r"lcd|(?:least|lowest)\s+common\s+denominator",
    "common denominator": r"common\s+denominator",
    "coefficient of the square": r"coefficient\s+of\s+(?:the\s+)?" + _SQUARE,
    "coefficient of the unknown": r"coefficient\s+of\s+(?:the\s+)?[A-Za-z](?![\w^²-])(?:\s*-?\s*term)?",
    "leading coefficient": r"leading\s+coefficient",
    "constant term": r"constant(?:\s+term)?",
    "slope": r"slope|gradient",
    "intercept": r"(?:[xy]-?\s*)?intercept",
    "midpoint": r"midpoint",
}
_ANY_NAME = "|".join(f"(?P<q{i}>{pattern})" for i, pattern in enumerate(_NAMES.values()))
_KINDS = list(_NAMES)

# what may come before the name at the start of a sentence: connectives, `we find that`, `the`
_LEAD = (
    r"(?:(?:so|now|then|thus|hence|therefore|first(?:ly)?|next|here|and|also|finally|since|because|as|note"
    r"|that|clearly|we\s+(?:find|get|have|see|know|compute|calculate)(?:\s+that)?"
    r"|(?:let(?:'s|\s+us|\s+me)\s+)?(?:compute|calculate|find|evaluate|determine))\b[,:]?\s*){0,4}"
    r"(?:(?:the|its|our|this|their)\s+)?"
)
# `of the quadratic`, `of this equation`: the problem's own quadratic, said in words
_OF_PROBLEM = (
    r"(?:\s+of\s+(?:the|this|our|its)\s+(?:given\s+)?(?:quadratic|equation|polynomial|parabola|function)"
    r"(?:\s+(?:equation|function))?)?"
)
# (`The discriminant, 25 - 24 = 1`, `Discriminant 25 - 24 = 1`: a value right after the name is given it too)
_VERB = (
    r"\s*(?:is|equals|is\s+equal\s+to|=|:|comes\s+(?:out\s+)?to|works\s+out\s+to|becomes|of)\s*"
    r"|\s*,\s*(?=[-−\d(])|\s+(?=[-−\d(])"
)
_SUBJECT = re.compile(
    r"(?:^|(?<=[.;!?:,])|(?<=\sand)|(?<=\sso)|(?<=\sthen)|(?<=\swhile))\s*"
    + _LEAD
    + r"(?:"
    + _ANY_NAME
    + r")"
    + _OF_PROBLEM
    + r"(?P<verb>"
    + _VERB
    + r")",
    re.I,
)
# where the value a name is given ends: a clause's end, or words that start another clause
_VALUE_END = re.compile(
    r"[;!?]|[.,:](?=\s|$)|\s(?:so|and|which|since|because|then|thus|hence|therefore|meaning|but|while)\b",
    re.I,
)
_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|half|third|quarter)\b",
    re.I,
)
_MARKUP = re.compile(r"\*\*|__|^\s*#+\s*|^\s*(?:[-*•]\s+|\d{1,3}[.)]\s+|step\s*\d+\s*[:.)]\s*)", re.I)


_FORMULA_NAMES = frozenset("abc")


@dataclass(frozen=True)
class Named:
    """A quantity a sentence names and the value it gives it."""

    quantity: str  # one of the `_NAMES` keys
    value: list[Expr] | None  # the chain the sentence gives it (every part equal); None: not read
    said: str  # the words, for the evidence


def named_value(text: str) -> list[Named]:
    """Every quantity the text names as the subject of a sentence, with the value given to it."""
    return list(_named_values(text))


# a pure function of the text, asked twice of every step (by the reader, step_reader.py, and by the checker,
# quantity_values.py): the answers are kept (bounded, so a long-lived worker does not grow)
@functools.lru_cache(maxsize=4096)
def _named_values(text: str) -> tuple[Named, ...]:
    if len(text) > MAX_TEXT:
        return ()
    return tuple(named for named, _ in _found(_plain(text)))


def without_named_values(body: str, shown: str) -> str:
    """ "" when body is nothing but sentences that give named quantities their values (`The sum of the
    roots is 5 and the product of the roots is 6.`, `The axis of symmetry is x = 5/2.`), which the
    checker reads from the step's text `shown` (quantity_values.py); `the roots are 2 and 3` when they end
    in the roots (`The roots r, s satisfy r + s = 5 and rs = 6, so they are 2 and 3.`, read as an answer
    is); else body as it is. Taken out only when the step's text names the very same values, so the
    checker sees every value taken out here."""
    said = named_value(shown)
    if not said:
        return body
    plain = _plain(body)
    found = _found(plain)
    if [(n.quantity, n.value) for n, _ in found] != [(n.quantity, n.value) for n in said]:
        return body
    if any(n.quantity == "D" for n in said):
        return body  # `D = 1` is read as a name (names.py) as well
    rest = plain
    for start, end in sorted((span for _, span in found), reverse=True):
        rest = rest[:start] + " " + rest[end:]
    for declared in _DECLARED.finditer(rest):
        rest = rest[: declared.start()] + " " * len(declared.group(0)) + rest[declared.end() :]
    if _FILLER.fullmatch(rest):
        return ""
    roots = _THEY_ARE.fullmatch(rest)
    return f"the roots are {roots.group(1)}" if roots else body


def _plain(text: str) -> str:
    return _MARKUP.sub(" ", strip_delimiters(prepare_line(text)[0])).strip()


def _found(plain: str) -> list[tuple[Named, tuple[int, int]]]:
    """The named values of a plain text, with where each stands in it."""
    found: list[tuple[Named, tuple[int, int]]] = []
    for match in _SUBJECT.finditer(plain):
        kind = next(_KINDS[i] for i in range(len(_KINDS)) if match.group(f"q{i}") is not None)
        verb = match.group("verb").strip().lower()
        if verb == "of" and kind not in ("discriminant",):
            continue  # `The LCD of 4 and 6 is 12` (method_facts.py), `the slope of the line`
        if verb == "of":
            found.append((Named(kind, None, plain[match.start() : match.end()].strip()), match.span()))
            continue
        value = _valued(plain, match, kind, verb)
        if value is not None:
            found.append(value)
    declared = _DECLARED.search(plain)
    if declared is not None:
        # `The roots r, s satisfy r + s = 5 and rs = 6`: the sum and the product of the roots, by their names
        first, second = (re.escape(declared.group(g) or declared.group(f"{g}2")) for g in ("r", "s"))
        sums = rf"(?<![\w^])(?:{first}\s*\+\s*{second}|{second}\s*\+\s*{first})\s*="
        products = rf"(?<![\w^])(?:{first}\s*[*·×]?\s*{second}|{second}\s*[*·×]?\s*{first})\s*="
        for kind, pattern in (("sum of the roots", sums), ("product of the roots", products)):
            for match in re.finditer(pattern, plain):
                value = _valued(plain, match, kind, "=")
                found.append(
                    value if value is not None else (Named(kind, None, match.group(0)), match.span())
                )
    return sorted(found, key=lambda item: item[1])


def _valued(plain: str, match: re.Match[str], kind: str, verb: str) -> tuple[Named, tuple[int, int]] | None:
    """The named value whose name (and verb) `match` found, with its span, or None if it gives none."""
    rest = plain[match.end() :]
    end = _VALUE_END.search(rest)
    said = _value_text(rest[: end.start()] if end else rest, kind, verb)
    if said is None:
        return None
    stop = match.end() + (end.start() if end else len(rest))
    return Named(kind, _chain(said), f"{match.group(0).strip()} {said}".strip()), (match.start(), stop)


# `the roots r, s satisfy`, `Let r and s be the roots`: names for the two roots
_DECLARED = compile_guarded(
    r"\b(?:(?:let\s+)?(?:the\s+)?(?:two\s+)?(?:roots|solutions)\s+(?:be\s+)?(?P<r>[A-Za-z])\s*(?:,|and)\s*"
    r"(?P<s>[A-Za-z])(?:\s+(?:satisfy|are\s+such\s+that|with))?"
    r"|let\s+(?P<r2>[A-Za-z])\s+and\s+(?P<s2>[A-Za-z])\s+be\s+the\s+(?:two\s+)?(?:roots|solutions))\b",
    re.I,
)
# `so they are 2 and 3`, `hence the roots are 2 and 3`: the roots, after their sum and product
_THEY_ARE = re.compile(
    r"(?:[\s.,;:]|\b(?:and|so|hence|thus|therefore)\b)*(?:they|the\s+roots|the\s+solutions)\s+are\s+"
    r"(-?\d+(?:[./]\d+)?\s+and\s+-?\d+(?:[./]\d+)?)[\s.]*",
    re.I,
)


# what may stand between the named values of a sentence that says nothing else
_FILLER = re.compile(r"(?:[\s.,;:!]|\b(?:and|so|also|then|while|whereas)\b)*", re.I)


def _value_text(clause: str, kind: str, verb: str) -> str | None:
    """The text of the value given to the name (the clause after the verb), or None when the clause
    gives it none (`is positive`, `is b^2 - 4ac`, a colon before the next line)."""
    said = clause.strip()
    if kind == "discriminant":
        said = _FORMULA_LABEL.sub("", said, count=1)
        if re.fullmatch(_FORMULA, said):
            return None  # `The discriminant is b^2 - 4ac.`: the formula, no value
    # `The other root is x = 3`, `The axis of symmetry is x = 5/2`: the value of the unknown
    said = re.sub(r"^(?:at\s+)?[A-Za-zΔ]\s*=\s*(?=\S)", "", said)
    if not said:
        return None
    # `Common denominator: 2/3 + 1/4 = 8/12 + 3/12` is a header over the rewriting, not a value
    denominator = kind in ("least common denominator", "common denominator")
    if verb == ":" and denominator and re.fullmatch(r"\d{1,12}", said) is None:
        return None
    if not any(c.isdigit() for c in said) and _NUMBER_WORD.search(said) is None:
        return None  # a property or a formula in words: spoken.py and the other readers have it
    return said


def _chain(said: str) -> list[Expr] | None:
    """The chain a value is written as, when every part reads and none has a variable, after the formula
    that may lead it (`-b/a = 5`, `c/a = 6/1 = 6`: a formula in the quadratic's a, b, c names the value)."""
    try:
        parts = parse_chain(said)
    except (MathParseError, LimitExceeded, RecursionError):
        return None
    while len(parts) > 1 and variables(parts[0]) and variables(parts[0]) <= _FORMULA_NAMES:
        parts = parts[1:]
    if any(variables(part) for part in parts):
        return None
    return parts


def without_formula_label(body: str) -> str:
    """body with the discriminant's formula or symbol taken off the chain it labels (`b^2 - 4ac = 25 - 24 =
    1` and `Δ = 25 - 24 = 1` are the chain `25 - 24 = 1`; the name stays in the step's text for the
    checker), and the formula anywhere else written as the grammar reads it (`b^2 - 4*a*c`: in the quadratic
    formula, with the a, b, c the trace has named, it is checked; without them it names nothing)."""
    if "=" not in body or ("4" not in body and "Δ" not in body):
        return body
    return _FORMULA_ANYWHERE.sub("b^2 - 4*a*c", _FORMULA_LABEL.sub("", body))


__all__ = ["Named", "named_value", "without_formula_label", "without_named_values"]

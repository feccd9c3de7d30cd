"""The words a line of a word problem's work writes around each of its arithmetic chains.

A line names what its arithmetic counts in many places: before it (`Eggs sold: 9 × 2 = 18`, `- Pens cost
4 × 3 = 12`, `**Eggs sold** 9 × 2`, `Eggs sold → 9 × 2`, `$\\text{Eggs sold} = 9 \\times 2$`, a table's
first cells `| Eggs sold | 9 × 2 = 18 |`), after its result (`= 18 eggs`, `= 18 (eggs)`, `= $12 for the
notebooks`), or on the line above (a heading, a bold title, a label alone before a colon or an arrow).
label_quantities.py holds those words to what the prompt's numbers count; this module only finds them, in
one reading of the line for every shape:

- the line is made plain first (compatibility forms, invisible characters, LaTeX text and markdown
  emphasis out), so `Ｅｇｇｓ`, `Eg\u00adgs` and `\\textbf{Eggs}` are the word `Eggs`;
- each chain is found by its result after a `=`; it starts where the math before that `=` starts (a unit
  between an operand and an operator, `9 eggs × $2`, is the operand's, not a label);
- its clause is every word from the sentence (or the chain before it) up to the chain, and the words a
  `for`, `on`, `of` or an arrow after its result names (`= $12 for the notebooks`): what the count rule
  reads;
- its label is the phrase right before it (after the last `:`, `|`, `,`, `→`, `—` or connective), cut
  at a preposition (`Money from selling 9 eggs` is money; `Number of eggs sold` is eggs); a phrase that
  ends in a preposition or a verb of selling (`sells 9 eggs for 9 × 2`) names no label;
- its unit is the noun right after its result, bare, bold or in brackets.

A chain whose result the line does not show after a `=` is given every word of the line, for both. A
label written in letters outside the Latin alphabet (a Cyrillic `Е` in `Еggs`) is reported, so the line
can be made unknown. Pure text work; safe in any process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.quotes import noun_of
from assay.text.compatible import compatible


@dataclass(frozen=True)
class ChainWords:
    """The words around one chain of a line (lower case)."""

    label: tuple[str, ...]  # the nouns of the phrase that names what the chain computes
    phrase: str  # that phrase's words, cut at its preposition
    lead: str  # the clause before the chain, as written (made plain)
    clause: tuple[str, ...]  # the nouns of its clause, before and after the chain
    unit: str  # the noun right after its result (singular), or ""
    # the noun after its result and a `:`, `,` or dash (`= 18, eggs`): what it is, or the next item's label
    apart: str = ""
    full: str = ""  # the label's words before the cut at a preposition (`pages per day`)
    currency: bool = False  # its result is written with a currency sign (`= $12`)
    per: str = ""  # what its result's unit is per (`= 60 km/h`, `= 15 pages per day`: h, day), or ""
    placed: bool = True  # False: the line does not show the chain's result, and every word is given


# LaTeX and markdown that only dress words: what is inside stays, the dress goes
_TEXT = re.compile(r"\\(?:text\w*|math(?:rm|bf|it|sf|tt)|mbox|operatorname|bf|it|rm)\s*\{([^{}]*)\}")
_SYMBOLS = {
    "\\times": " × ",
    "\\cdot": " × ",
    "\\div": " ÷ ",
    "\\$": "$",
    "\\%": "%",
    "\\left": " ",
    "\\right": " ",
    "\\,": " ",
    "\\;": " ",
    "\\quad": " ",
    "\\ ": " ",
    "\\(": " ",
    "\\)": " ",
    "\\[": " ",
    "\\]": " ",
}
_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_CALCULATOR = re.compile(r"<<[^<>]*>>")  # GSM8K's `<<9*2=18>>`: the same arithmetic, annotated
_EMPHASIS = re.compile(
    r"\*{2,}|(?<![\s\d])\*|\*(?![\s\d])|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|`+|^\s*#+\s*|^\s*>+\s*"
)
_BULLET = re.compile(r"^\s*(?:[-•+]\s+|\d{1,3}[.)]\s+|(?:step|part)\s*\d+\s*[:.)\-]?\s*)", re.I)

# a number after `=`: a chain's result (`= $18`, `= 1,800`, `= 3/4`, `= -2.5`)
_RESULT = re.compile(r"\s*=\s*[$€£]?\s*(-?\s*\d+(?:,\d{3})*(?:\.\d+)?(?:\s*/\s*\d+)?)(?![\d.,]\d)")
# what may stand inside a chain before its `=`: numbers, operators, brackets, currency, spaces
_MATH_CHARS = frozenset("0123456789.,$€£%()[]{}×*·/÷+-−–^= ")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# a word between an operand and an operator is the operand's unit (`9 eggs × $2`, `60 km/h × 3 h`), at most
# three of them
_OPERAND_UNIT = re.compile(r"(?:\d[%]?|\))\s*[A-Za-z]+(?:\s*/\s*[A-Za-z]+)?(?:\s+[A-Za-z]+){0,2}\s*$")
_OPERATOR_AFTER = re.compile(r"\s*(?:[×*·/÷+=^]|[-−–]\s*[$\d(]|x\s*[$\d(])")
# what the words after a result name: `= $12 for the notebooks`, `= 12 → notebooks` (not its unit)
_TAIL_LABEL = re.compile(
    r"\s*(?:[A-Za-z]+\s+)?(?:(?:for|on|of)\s+(?:the\s+)?|(?:→|->|=>|⟶|⇒)\s*)([A-Za-z]+(?:\s+[A-Za-z]+)?)"
)
_FORMULA = re.compile(r"[A-Za-z]\s*[/×*÷+]\s*[A-Za-z]")
# what a result's unit is per: `60 km/h`, `15 pages per day`, `$2/egg`
_PER_UNIT = re.compile(r"\s*[A-Za-z]*\s*(?:/|\bper\b|\ban?\b|\beach\b)\s*([A-Za-z]+)")
# where a sentence or clause ends: its words say nothing of the chain after it
_SENTENCE_END = re.compile(r"(?<!\d)[.!?;](?=\s|$)|(?<=\d)[.!?;](?=\s+[A-Z]|\s*$)|[.!?;](?=\s+[A-Z])")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# what separates a label from its chain, or one phrase from the next
_BREAKS = re.compile(
    r"[:|,→⟶⇒←—–=]|->|=>|\b(?:so|then|thus|hence|therefore|which|that|giving|gives|means|"
    r"now|next|first|finally|we|get|got|has|have|is|are|was|were)\b",
    re.I,
)
_PREPOSITIONS = _word_set(
    "of from for at by with on in to per after before into over under about without via selling "
    "buying making earning using"
)
# `Number of eggs sold`: the words a preposition follows that name nothing themselves
_TRANSPARENT = _word_set("number amount count quantity total totals sum")
# a phrase ending in these leads into its chain as an object (`sells 9 eggs for 9 × 2`): it labels nothing
_LEADS_IN = _PREPOSITIONS | _word_set(
    "sells sell makes make earns earn gets get pays pay costs cost spends spend brings bring"
)
# a phrase opening with these names an operand, not the result (`Multiply the eggs by the price: 9 × 2`)
_OPERATION_VERBS = _word_set(
    "multiply multiplying add adding subtract subtracting divide dividing take taking combine "
    "combining times plus minus"
)
# a phrase opening with these is a subordinate clause (`Since 9 eggs remain, 9 × 2`): no label
_SUBORDINATE = _word_set("since because as if when while after before given with once")


def plain(text: str) -> str:
    """text with its dress off: compatibility forms, invisible characters, LaTeX text and emphasis."""
    text = compatible(text)
    text = _CALCULATOR.sub(" ", text)
    if "\\" in text:
        for _ in range(3):
            text = _TEXT.sub(r" \1 ", text)
        text = _FRAC.sub(r"(\1)/(\2)", text)
        for command, replacement in _SYMBOLS.items():
            text = text.replace(command, replacement)
    text = text.replace("$", " $ ").replace("$  ", "$").replace("{", " ").replace("}", " ")
    text = _EMPHASIS.sub(" ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def foreign_letters(text: str) -> bool:
    """Whether the words of text hold letters outside the Latin alphabet (a homoglyph in a label)."""
    decomposed = unicodedata.normalize("NFKD", plain(text))
    return any(c.isalpha() and not c.isascii() for c in decomposed if not unicodedata.combining(c))


def chain_words(text: str, results: list[Fraction | None]) -> list[ChainWords]:
    """The words around each chain of a line, in order; results: each chain's value (None when it has
    none the line can show), as the chains come in the line."""
    line = plain(text)
    table = line.startswith("|")
    found: list[ChainWords] = []
    cursor = 0
    for result in results:
        located = _locate(line, result, cursor)
        if located is None:
            everything = _nouns(_words(line))
            found.append(
                ChainWords(everything, " ".join(_words(line)).lower(), line, everything, "", placed=False)
            )
            continue
        start, end, _ = located
        boundary = max([cursor, *(m.end() for m in _SENTENCE_END.finditer(line, 0, start))])
        before = line[boundary:start]
        closing = _SENTENCE_END.search(line, end)
        after = line[end : closing.start() if closing else len(line)]
        if line[:end].count("$") % 2:
            # `Income: $9 \times 2 = 18$ eggs`: the `$` after the result closes the math its unit follows
            after = re.sub(r"^\s*\$+", " ", after)
        tail = _TAIL_LABEL.match(after)
        labelled = _table_cells(before) if table else before
        phrase = _label(labelled)
        clause = _nouns(_words(before) + (_words(tail.group(1)) if tail else []))
        per = _PER_UNIT.match(after)
        found.append(
            ChainWords(
                nouns_of(phrase),
                phrase,
                before,
                clause,
                _unit(after),
                _unit(after, r"(?:[:,—–]\s*)?"),
                full=_full_label(labelled),
                currency=bool(re.match(r"\s*=\s*[$€£]", line[located[2] :])),
                per=noun_of(per.group(1)) if per else "",
            )
        )
        cursor = end
    return found


def label_alone(text: str) -> str | None:
    """The label a line that is only a label gives the next line's chain (`### Eggs sold`, `**Step 2:
    Money from eggs**`, `Pen cost →`, `Eggs sold:`), or None when the line says more than a label."""
    line = _BULLET.sub("", plain(text)).strip()
    line = re.sub(r"\s*(?:[:→⟶⇒—–]|->|=>)\s*$", "", line).strip()
    words = _words(line)
    if not words or len(words) > 8 or re.search(r"[=;.!?]", line):
        return None
    return _label(line, alone=True)


def _locate(line: str, result: Fraction | None, cursor: int) -> tuple[int, int, int] | None:
    """Where the chain with this result starts in line, where its result ends, and where the `=` before
    its result is; or None."""
    if result is None:
        return None
    for match in _RESULT.finditer(line, cursor):
        value = _value(match.group(1))
        if value != result:
            continue
        last = match
        while (more := _RESULT.match(line, last.end())) is not None and _value(more.group(1)) == result:
            last = more  # `Rate = 120/2 = 60 km/h`: the chain goes on to its last `= 60`
        return _chain_start(line, match.start(), cursor), last.end(), last.start()
    return None


def _value(written: str) -> Fraction | None:
    try:
        return Fraction(re.sub(r"[\s,]", "", written))
    except (ValueError, ZeroDivisionError):
        return None


def _chain_start(line: str, at: int, floor: int) -> int:
    """Where the math that runs up to the `=` at `at` starts."""
    start = at
    while start > floor:
        char = line[start - 1]
        if char in _MATH_CHARS:
            start -= 1
            continue
        word = re.search(r"[A-Za-z]+(?:\s+[A-Za-z]+){0,2}\s*$", line[floor:start])
        if word is None:
            break
        head = floor + word.start()
        unit = _OPERAND_UNIT.search(line[floor:start])
        times = word.group(0).strip() == "x" and re.search(r"[\d)]\s*$", line[floor:head]) is not None
        if (unit is not None and _OPERATOR_AFTER.match(line, start)) or times:
            start = head
            continue
        break
    while start < at and line[start] in " ,.":
        start += 1
    return start


def _label(before: str, alone: bool = False) -> str:
    """The phrase right before a chain that names what it computes (see the module); alone: a line that is
    only the label (`Pen cost`), which leads into nothing."""
    kept: list[str] = []
    for word in _full_label(before, alone).split():
        if word in _PREPOSITIONS and not (kept and kept[-1] in _TRANSPARENT):
            break
        kept.append(word)
    return " ".join(kept)


def _full_label(before: str, alone: bool = False) -> str:
    """That phrase's words before they are cut at a preposition (`pages per day`)."""
    # `Speed = distance / time = 90 / 3`: a formula in words is no label
    phrases = [
        p for p in _BREAKS.split(_BULLET.sub("", before)) if p and _words(p) and not _FORMULA.search(p)
    ]
    if not phrases:
        return ""
    phrase = phrases[-1]
    if _words(phrase)[0].lower() in _SUBORDINATE | _OPERATION_VERBS:
        return ""  # `Since 9 eggs remain, 9 × 2 = 18`: a reason, not a name
    words = [w.lower() for w in _words(re.sub(r"\d+(?:[.,]\d+)*", " ", phrase))]
    if not words or (words[-1] in _LEADS_IN and not alone):
        return ""
    return " ".join(words)


def _table_cells(before: str) -> str:
    """A table row's label: the words of its cells before the chain's that hold no number."""
    cells = [cell for cell in before.split("|") if cell.strip() and not re.search(r"\d", cell)]
    return " ".join(cells) + ":" if cells else ""


def _unit(after: str, separated: str = "") -> str:
    """The noun right after a result: `18 eggs`, `18 (eggs)`, `18 [the eggs]`, `18 egg(s)`; separated: what
    may stand between them."""
    found = re.match(
        rf"\s*{separated}[(\[]?\s*(?:the\s+)?(?:(square|cubic|sq)\.?\s+)?([A-Za-z]+)"
        r"(?:\s*\^\s*\(?([23])\)?|\s*([²³])|([23])(?![\w.]|\.\d))?",
        after,
    )
    if not found:
        return ""
    # `60 m²`, `60 m^2`, `24 cubic centimeters`: the unit with its power (an area, a volume)
    # (`m²` is `m2` after compatibility folding)
    said = found.group(1) or found.group(3) or found.group(4) or found.group(5) or ""
    power = (
        {"square": "²", "sq": "²", "cubic": "³", "2": "²", "3": "³", "²": "²", "³": "³"}[said] if said else ""
    )
    return noun_of(found.group(2)) + power


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _nouns(words: list[str]) -> tuple[str, ...]:
    return tuple(n for n in (noun_of(w) for w in words) if n)


def nouns_of(phrase: str) -> tuple[str, ...]:
    """The nouns of a phrase (singular, lower case)."""
    return _nouns(_words(phrase))


__all__ = ["ChainWords", "chain_words", "foreign_letters", "label_alone", "nouns_of", "plain"]

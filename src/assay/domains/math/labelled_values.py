"""A line that gives one value under a label: `Apples left: 36`, `- **Left:** 36 apples`, `Left = 36`,
`| Apples left | 36 |`, `{"answer": 36}`, `∴ 36`, `=> 36`.

Models recap a solution this way, and after the stated answer such a line can give the asked quantity
another value (`**Answer: 29 apples**` then `Apples left: 36`): two values for one question, no answer.
A recap of what the problem gave (`Start: 36`, `Given away: 7`) or a check (`Verification: 11`, `Left
side: 11`) is no second answer: a label that says so by a word of what was given or of a check, and nothing
of a result, with a value the problem or the work wrote, is read that way (after_answer.py). Pure text
work.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from assay.domains.math.vocabulary import NUMBER_WORDS

MAX_LINE = 200  # characters; a longer line is prose, not a value under a label

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# a number as prose writes it: signed, with thousands groups, a decimal part, a fraction or a percent, or in
# words (`thirty-six`); read with number_value (after_answer.py reads the numbers of its sentences so too)
NUMBER = (
    rf"(?P<sign>[-−]?)\$?(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*/\s*(?P<below>\d+))?"
    rf"(?P<percent>%?)|(?P<word>{_NUMBER_WORD})(?:-(?P<ones>{_NUMBER_WORD}))?)"
)
# the value: a number with at most two words after it (its unit) and closing punctuation
_VALUE = NUMBER + r"(?:\s+[A-Za-z]+){0,2}\s*[.!]?"
# `Apples left: 36`, `- Left = 36 apples`, `Apples remaining — 36`, `Result → 36`
_LABELLED = re.compile(
    rf"^\s*(?:[-*•+]\s+|\d{{1,2}}[.)]\s+)?(?P<label>[A-Za-z][A-Za-z_ '’()/-]{{0,60}}?)"
    rf"\s*(?::|=|—|–|->|→|=>|⇒)\s*{_VALUE}$",
    re.I,
)
# `∴ 36`, `=> 36`, `→ 36 apples`: a value after a sign that concludes
_CONCLUDED = re.compile(rf"^\s*(?:∴|=>|⇒|→|->)\s*{_VALUE}$", re.I)
# `{"answer": 36}`, `"left": 36`
_KEYED = re.compile(rf'^\s*\{{?\s*"(?P<label>[^"]{{1,40}})"\s*:\s*{_VALUE}\s*\}}?\s*$', re.I)
_MARKUP = re.compile(r"\*\*|__|`|\\\(|\\\)|\$(?=\s|$)")

# words of a label that name what the problem gave, not a result
_GIVEN_WORDS = frozenset(
    re.findall(
        r"\w+",
        "start starting started initial initially original originally before given gave give away had bought"
        " cost costs price prices each per rate spent used ate eaten sold lost received got added removed"
        " paid earned saved borrowed lent first second third step",
    )
)
# words of a label that name a check of the answer (`Verification: 11`, `LHS = 11`, `Left side: 11`)
_CHECK_WORDS = frozenset(
    re.findall(
        r"\w+",
        "check checking checked verification verify verifying verified lhs rhs side sides substituting"
        " substitute substitution substituted plugging plug plugged equation original test testing sum"
        " difference product",
    )
)
_SIDE = re.compile(r"\b(?:left|right)(?:[\s-]+hand)?[\s-]+side\b", re.I)
# words of a label that name a result, whatever else it says (`Total given away`)
_RESULT_WORDS = frozenset(
    re.findall(
        r"\w+",
        "answer final result results total summary revised corrected correction remaining remain remains left"
        " count number solution value overall net now end ending after",
    )
)


def labelled_value(line: str) -> tuple[str, Fraction] | None:
    """(the label, the value) when line gives one value under a label (see the module); a value after a
    concluding sign has the label ''. None for any other line."""
    if len(line) > MAX_LINE:
        return None
    if not line.isascii():
        line = unicodedata.normalize("NFKC", line)
    line = _MARKUP.sub(" ", line)
    cells = line.strip().strip("|").split("|") if line.lstrip().startswith("|") else []
    if len(cells) >= 2:
        cells = [cell.strip() for cell in cells]
        line = f"{' '.join(cells[:-1])}: {cells[-1]}"  # `| Apples left | 36 |`: the row's last cell
    for pattern in (_LABELLED, _KEYED, _CONCLUDED):
        found = pattern.match(line)
        if found is not None:
            value = number_value(found)
            if value is None:
                return None
            label = (found.groupdict().get("label") or "").strip()
            if re.search(r"(?:^|\s)[A-Za-z]$", label):
                return None  # `Then y = 8`: a value for a name, the binding reader's (after_answer.py)
            return label, value
    return None


def recaps_a_given(label: str) -> bool:
    """Whether a label names what the problem gave or a check of the answer (`Start`, `Given away`,
    `Verification`, `Left side`) and nothing of a result (`Total given away`, `Apples left`)."""
    words = set(re.findall(r"[a-z]+", _SIDE.sub(" side ", label.lower())))
    return bool(words & (_GIVEN_WORDS | _CHECK_WORDS)) and not words & _RESULT_WORDS


def number_value(found: re.Match[str]) -> Fraction | None:
    """The value of a match of NUMBER (a percent as its fraction); None for a fraction over zero."""
    if found.group("digits") is not None:
        below = found.group("below")
        if below is not None and not int(below):
            return None
        value = Fraction(found.group("digits").replace(",", "")) / (int(below) if below else 1)
        value = value / 100 if found.group("percent") else value
    else:
        value = Fraction(NUMBER_WORDS[found.group("word").lower()])
        value += Fraction(NUMBER_WORDS[found.group("ones").lower()]) if found.group("ones") else 0
    return -value if found.group("sign") else value


__all__ = ["NUMBER", "labelled_value", "number_value", "recaps_a_given"]

"""Names of a system's equations said in plural, paired or number-word forms, said again one by one.

"Adding equations 1 and 2", "Eqs. 1 & 2 added", "Subtract equations 3 from 1", "the first and second
equations", "Add first and second", "the last two equations", "Add all three equations", "equation two",
"Eq. #1": each names particular equations, and the line must be held to those (system_names.py reads
only names of one equation: "equation 1", "the first equation", "(1)"). Each form is written here as the
names of single equations it stands for ("equation 1 and equation 2", "the first equation and the second
equation"), so the reader resolves and checks every one. A form whose equations cannot be told ("the
other two", "the remaining two", "all three" with a subtraction) is written as names the reader cannot
resolve ("the other equation"), so the line stays unknown. Pure text work.
"""

from __future__ import annotations

import re

from assay.text.trigger_words import compile_guarded

_WORD_NUMBERS = {"one": "1", "two": "2", "three": "3"}
_ROMAN = {"i": "1", "ii": "2", "iii": "3"}
_ORDINALS = r"(?:first|second|third|1st|2nd|3rd|top|bottom|upper|lower)"
_UNRESOLVED = "the other equation"

# `equation two`, `Eq. Two`, `Eq. #1`, `equation no. 2`: one equation, named by a word or after a mark
_NUMBER_WORD = compile_guarded(
    r"\b(?P<noun>equation|eqn\.?|eq\.?|row)\s*(?:(?:#|no\.|nr\.|number(?:ed)?)\s*(?P<index>one|two|three|[1-9])"
    r"|(?P<word>one|two|three))\b",
    re.I,
)
_INDEX = r"\(?\s*(?:[1-9]|iii|ii|i|one|two|three)\s*\)?"
# `equations 1 and 2`, `Eqs. (1) & (2)`, `equations 3 from 1`, `eqns 1, 2 and 3`
_PLURAL = compile_guarded(
    r"\b(?:equations|eqs\.?|eqns\.?|eq's)\s*(?P<list>"
    + _INDEX
    + r"(?:\s*(?:,|and|&|from|with|to|or)\s*"
    + _INDEX
    + r")+)",
    re.I,
)
_ONE = r"([1-9]|iii|ii|i|one|two|three)"
_ONE_INDEX = re.compile(rf"\(\s*{_ONE}\s*\)|(?<![A-Za-z]){_ONE}(?![A-Za-z])", re.I)
# `the first and second equations`, `first & second`, `the second and the third ones`
_ORDINAL_PAIR = compile_guarded(
    rf"\b(?:the\s+)?(?P<a>{_ORDINALS})\s*(?:and|&)\s*(?:the\s+)?(?P<b>{_ORDINALS})"
    r"(?:\s+(?:equations|eqs\.?|eqns\.?|ones|rows))?\b",
    re.I,
)
# `the first minus the second`: two equations combined by place alone
_ORDINAL_SUM = compile_guarded(
    rf"\b(?:the\s+)?(?P<a>{_ORDINALS})\s+(?P<op>minus|plus|[-+−])\s+(?:the\s+)?(?P<b>{_ORDINALS})\b(?!\s+(?:equation|one|row))",
    re.I,
)
# `the first two equations`, `the last two`, `the other two`, `all three equations`, `all the equations`
# (not `the first two terms`: another noun counted)
_NOUN = r"(?:\s+(?:equations|eqs\.?|eqns\.?|ones|rows))"
_COUNTED = compile_guarded(
    r"\b(?:(?:the\s+)?(?P<which>first|last|other|remaining|bottom|top)\s+(?P<count>two|three|2|3)"
    + _NOUN
    + "?"
    r"|all\s+(?:the\s+)?(?:(?P<all>two|three|2|3)" + _NOUN + r"?|(?:equations|eqs\.?|eqns\.?)))"
    r"(?!\w)(?!\s+(?:terms?|numbers?|digits?|values?|roots?|solutions?|variables?|coefficients?|lines?|steps?)\b)",
    re.I,
)
_COUNTS = {"two": 2, "three": 3, "2": 2, "3": 3}
_SUBTRACT = compile_guarded(r"\bsubtract\w*|\bminus\b|\bdifference\b", re.I)


def singular_names(text: str, premises: int) -> str:
    """text with each plural, paired or number-word name of the system's equations written as the names
    of the single equations it stands for (see module)."""
    text = _NUMBER_WORD.sub(_one_named, text)
    text = _PLURAL.sub(lambda m: _listed(m.group("list")), text)
    text = _ORDINAL_SUM.sub(
        lambda m: f"the {m.group('a')} equation {m.group('op')} the {m.group('b')} equation", text
    )
    text = _ORDINAL_PAIR.sub(lambda m: f"the {m.group('a')} equation and the {m.group('b')} equation", text)
    return _COUNTED.sub(lambda m: _counted(m, premises, bool(_SUBTRACT.search(text))), text)


def _one_named(match: re.Match[str]) -> str:
    index = (match.group("index") or match.group("word")).lower()
    return f"{match.group('noun')} {_WORD_NUMBERS.get(index, index)}"


def _listed(names: str) -> str:
    def one(match: re.Match[str]) -> str:
        index = (match.group(1) or match.group(2)).lower()
        return f"equation {_WORD_NUMBERS.get(index, _ROMAN.get(index, index))}"

    return _ONE_INDEX.sub(one, names)


def _counted(match: re.Match[str], premises: int, subtracts: bool) -> str:
    which = (match.group("which") or "").lower()
    count = _COUNTS.get((match.group("count") or match.group("all") or "").lower(), premises)
    if count > premises or (not which and subtracts):
        return f"{_UNRESOLVED} and {_UNRESOLVED}"  # more than the system has; all of them subtracted
    if which in ("first", "top"):
        numbers = list(range(1, count + 1))
    elif which in ("last", "bottom"):
        numbers = list(range(premises - count + 1, premises + 1))
    elif not which and count == premises:
        # all of them: their sum, if added ("Add all three equations: 3x + y + z = 8")
        return " + ".join(f"equation {n}" for n in range(1, premises + 1))
    else:
        return f"{_UNRESOLVED} and {_UNRESOLVED}"  # the other two, the remaining two: which is not said
    return " and ".join(f"equation {n}" for n in numbers)

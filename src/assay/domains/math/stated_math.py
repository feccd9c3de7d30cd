"""Math said to be a value in prose: `the right side drops to x + 1` is a claim, never a mention.

After a word of result or equality (`is`, `drops to`, `becomes`, `gives`, `works out to`, `leaves`, `we
get`, `stands at`, a colon or an arrow after a word), a piece of math with a variable, a radical or a
function in it, or digits glued to a letter (`x + 1`, `9x`, `sqrt(49)`, `\\sqrt{100}`, `log(100)`, `0x9`),
is what something comes to. The claim reader reads claims written with `=`, not these, so spoken.py counts
such a clause as one that states a value and its step is unreadable. Math placed on a side (`so x + 1 on
the right`, `⇒ right side x + 1`) says the same.

Elsewhere math is a mention: `isolate x`, `the coefficient of x`, `Let x be the number`, `x + 1 is the
expression we need`, `substitute 4 into 2x + 3`, `the expression is x^2 - 5x + 6` (the given restated).
A letter alone after `is`/`get`/`be`/`:` names the unknown (`the variable is x`, `get x by itself`) unless
a side is what it is said of (`the right side is x`). The verb list is open (`drops to`, `rises to`,
`plummets to`), so any verb ending in -s/-ed/-ing before `to`/`into` counts, except verbs whose object is
an expression (`plug it into`, `apply it to`). Pure text work.
"""

from __future__ import annotations

import re

_OTHER_VERBS = (
    r"(?:substitut|plug|put|insert|split|divid|break|factor|expand|multipl|add|subtract|appl|want|need"
    r"|ha[sv]|tr[yi]|us|lead|refer|belong|correspond|set|mov|bring|tak|approach|look|point|listen)"
)
_RESULT_MATH = re.compile(
    r"\b(?P<verb>is|are|was|were|equals?|equal to|gives?|giving|gave|makes?|making|yields?|yielding"
    r"|becomes?|becoming|became|leaves?|leaving|left with|ends? up with|ended up with|get|gets|getting|got"
    r"|totals?|reads?|remains?|stays?|be|(?:stands?|sits?|ends?|settles?|stops?) at"
    r"|(?!" + _OTHER_VERBS + r")[a-z]+(?:s|ed|ing)(?:\s+(?:out|down|up|back|off))?\s+(?:to|into))\b"
    # `the right side: 0x9`, `right side → x + 1`: a colon or an arrow after a word says the same
    r"|(?<=[A-Za-z])(?P<mark>:)|(?P<arrow>→|⇒|⟹|->|=>|\\Rightarrow\b|\\implies\b|\\to\b)",
    re.I,
)
_FUNCTION = r"\\[A-Za-z]+|sqrt|cbrt|log|ln|exp|sin|cos|tan|pi"
_MATH_PIECE = re.compile(r"[0-9A-Za-z+\-*/^().{}\\\[\]_|·×√∛π]+")
# `get x by itself`, `leaves x on its own`, `the x-term`: a letter alone names the unknown
_LONE_AIM = re.compile(r"\s*(?:alone|by|on|isolated|terms?|itself|only|[-‐]\s*terms?)\b", re.I)
_NAMING_VERBS = frozenset({"is", "are", "was", "were", "be", "get", "gets", "got", "getting", ":"})
_SIDE_IS = re.compile(r"\b(?:side|lhs|rhs|result|total)\s*$", re.I)
# `the expression is x^2 - 5x + 6`, `Factor: x^2 - 5x + 6`: what is given, restated
_RESTATED = re.compile(
    r"\b(?:expression|equation|polynomial|quadratic|function|problem|system|integrand|formula)\s+"
    r"(?:we (?:have|are given)\s+)?(?:is|are|was|reads?)\s*$"
    r"|\b(?:expression|equation|polynomial|quadratic|function|problem|system|integrand|formula|given|original"
    r"|factor|simplify|expand|solve|evaluate|compute|find|rewrite|recall|start|starting|task|goal|aim)\s*:\s*$",
    re.I,
)
_SIDE_THEN = re.compile(r"\b(?:side|lhs|rhs)\b", re.I)
_PLACED = re.compile(
    r"^\W*(?:(?:so|now|thus|hence|then|and|we have|we've got|we get|there'?s|there is|that'?s|which is)\s+)*"
    r"(.+?)\s+on\s+(?:the\s+)?(?:left|right|lhs|rhs|other)\b",
    re.I,
)
_FILLER = frozenset({"just", "now", "simply", "only", "exactly", "then", "still", "us", "you", "me", "also"})


def states_math(text: str) -> bool:
    """Whether a clause without `=` says a piece of math is what something comes to (see module)."""
    for found in _RESULT_MATH.finditer(text):
        end = found.end()
        if _RESTATED.search(text[:end]):
            continue
        run = _run_after(text[end:])
        if not run:
            continue
        if _lone_letter(run):
            after = text[end:].split(run[0], 1)[-1]
            if run[0] in "aAI" or _LONE_AIM.match(after):
                continue
            verb = (found.group("verb") or ":").lower()
            if verb in _NAMING_VERBS and not _SIDE_IS.search(text[: found.start()]):
                continue  # `the variable is x`, `we get x by itself`
            return True
        if any(re.search(r"[A-Za-z√∛π|]", token) for token in run):
            return True
    return _placed_on_a_side(text)


def _placed_on_a_side(text: str) -> bool:
    """`so x + 1 on the right`, `⇒ right side x + 1`: math placed on a side is what that side is."""
    if any(_run_after(text[found.end() :]) for found in _SIDE_THEN.finditer(text)):
        return True
    placed = _PLACED.match(text)
    if placed is None:
        return False
    # the whole of what stands before `on the left`: `2x + 3 is the expression on the left` is a mention,
    # `x on the left` names where the unknown is
    run = _run_after(placed.group(1))
    return len(run) == len(placed.group(1).split()) and not _lone_letter(run)


def _lone_letter(run: list[str]) -> bool:
    return len(run) == 1 and len(run[0]) == 1 and run[0].isalpha()


def _run_after(text: str) -> list[str]:
    """The pieces of math right after a verb (past a few filler words), up to the first word."""
    run: list[str] = []
    for word in text.split():
        token = word.strip(".,;:?!*_$`'\"").removeprefix("\\(").removesuffix("\\)").strip("$")
        if not run and word.lower() in _FILLER:
            continue
        letters = re.findall("[A-Za-z]+", re.sub(_FUNCTION, "", token))
        if not token or not _MATH_PIECE.fullmatch(token) or any(len(w) > 1 for w in letters):
            break  # a word (`is the`, `gives us`): the math, if any, ends here
        run.append(token)
        if word[-1:] in ".,;:?!":
            break
    return run

"""A word label before an arithmetic chain: `Speed = 120 / 2 = 60`, `Boxes left = 4 - 2 = 2`,
`Sara's age in 2 years = 18 + 2 = 20`.

GPT-4o and Llama write word problems this way: the label names the quantity the chain computes. The
label is a name, not math, so what the line claims is the chain after it (its arithmetic is checked,
exactly, like any other chain); what the label means is not checked here, as the subject of "Sara is
3 × 6 = 18 years old" is not. The label is taken off only when nothing else can be meant:

- the label is words of a name (at least one word of three letters or more, short words only of a
  small list, no math word, no word of a check, an answer, a side, a negation or a hedge), so
  `xy = 2 × 3 = 6` or `LHS = ...` keep their reading;
- what follows the `=` starts with math and reads as a chain of two or more sides without a variable
  and without alternatives (`Speed = 60` alone is a value nobody computed: it stays unreadable).

Pure text work; safe in any process.
"""

from __future__ import annotations

import re

from assay.domains.math.claim_reading import products_of_parts
from assay.domains.math.expr import Expr, Var, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import strip_delimiters, take_boxed
from assay.domains.math.vocabulary import FUNCTION_NAMES, is_mathy, trim
from assay.domains.math.words import extract_claims
from assay.errors import MathParseError

# (`Total distance $= 180 + 80 = 260$`: inline math may open before the `=`)
_LABELLED = re.compile(r"^\s*([A-Za-z][\w'’ ]{1,80}?)\s*(?P<math>\$|\\\()?\s*=(?![=<>])\s*(?=\S)")

# short words a name may hold (`cost of a pen`, `age in 2 years`, `pencils per box`)
_SHORT_WORDS = frozenset(
    {"a", "an", "of", "in", "at", "on", "by", "to", "for", "per", "the", "my", "he", "she"}
)

# words that make the label something other than a name of a quantity: an answer or a check (read by
# their own readers), a side of an equation (named_sides.py), a negation or a hedge about the value
_NOT_A_NAME = re.compile(
    r"^(?:answers?|solutions?|results?|final|check|checking|verify|verification|lhs|rhs|sides?|left|right"
    r"|equation|expression|roots?|values?|variable|unknown|not|no|never|approx\w*|about|roughly|nearly"
    r"|almost|around|estimated?|maybe|perhaps|wrong|incorrect|wait|hmm+|assume|suppose|if|let|guess"
    r"|pi|sqrt|therefore|thus|so|hence|then)$",
    re.I,
)

# `Boxes left`, `Pencils left`: "left" after a noun is a count that remains, not the left side
_REMAINING = re.compile(r"^(?!left\b).*\bleft$", re.I)


# a sentence's start: `no. Speed = 120 / 2 = 60 km/h. Distance = 60 × 3 = 180.` labels two chains
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


_CONNECTIVE = re.compile(r"^(?:so|then|thus|hence|and|now|therefore),?\s+(?=\S)", re.I)


def without_quantity_label(body: str) -> str:
    """body with a quantity's name before each sentence's arithmetic chain taken off (see the module)."""
    if "=" not in body:
        return body
    sentences = _SENTENCE.split(body)
    if len(sentences) == 1:
        return _unlabelled(body)
    return " ".join(_unlabelled(sentence) for sentence in sentences)


def _unlabelled(body: str) -> str:
    found = _LABELLED.match(body)
    # `So afternoon = 2 * 45 = 90.`: a connective before the name is not part of it
    if found is None or not _is_name(_CONNECTIVE.sub("", found.group(1), count=1)):
        return body
    rest = body[found.end() :]
    # `Sugar needed = $\\frac{2}{3} \\times 6 = 4$ cups.`: inline math opening after the `=` is read as the
    # math it holds (the line read on is still the one written)
    probe = strip_delimiters(rest) if rest.startswith(("$", "\\(")) else rest
    first = probe.split()[0] if probe.split() else ""
    if found.group("math"):
        rest = found.group("math") + rest  # the math still opens where it did
    if not is_mathy(trim(first)):
        return body
    # `Total = 180 + 80 = \\boxed{260} miles`: the chain is read without the box, which stays (the answer)
    # `Boys = 40% of 30 = 0.4 × 30 = 12`: the part of a number is the product the claim reader makes of it
    chain = products_of_parts(probe)
    claims = extract_claims(strip_delimiters(take_boxed(chain)[1]) if "box" in chain else chain)
    if not claims or ";" in claims or " or " in claims:
        return body
    try:
        parts = parse_chain(claims)
    except MathParseError:
        return body
    if len(parts) < 2:
        return body
    if any(variables(p) for p in parts) and not _evaluated(parts):
        return body
    return rest


def _evaluated(parts: list[Expr]) -> bool:
    """`Largest angle = 4x = 80°`: a quantity in one unknown and the value it has, the unknown solved (not
    `Total = x`, a name for the unknown, nor `Speed = d/t = 60`, two unknowns)."""
    names = set().union(*(variables(p) for p in parts))
    return (
        len(names) == 1
        and not isinstance(parts[0], Var)
        and bool(variables(parts[0]))
        and not variables(parts[-1])
        and all(not variables(p) for p in parts[1:])
    )


def _is_name(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 7 or not any(len(w) >= 3 and w.isalpha() for w in words):
        return False
    remaining = _REMAINING.match(label) is not None
    for word in words:
        lower = word.lower()
        if word.isdigit():
            continue
        if lower == "left" and remaining:
            continue
        if _NOT_A_NAME.match(word) or lower in FUNCTION_NAMES:
            return False
        if len(word.strip("'’")) < 3 and lower not in _SHORT_WORDS:
            return False
        if not re.fullmatch(r"[A-Za-z]+(?:['’]s?)?", word):
            return False
    return not words[0].isdigit()


__all__ = ["without_quantity_label"]

"""Lines that reject a candidate root: `so x = 2 is extraneous`, `reject x = -1`, `x = 2 does not work`.

Squaring both sides (or multiplying by an expression in x) is a one-way step: every solution survives,
and roots the problem does not have may join them. A trace that squares must then throw the extra roots
out, and says so in words. Such a clause is a claim of its own: "x = 2 is not a solution of the problem",
which the step checker decides exactly by putting 2 into the problem's equation (steps.py). It is
written into the step's math as `x ≠ 2` (a relation the trace reader otherwise never passes on), so a
rejection is checked, never dropped as prose, and a rejected true root is refuted.

Only these shapes are read: a single variable, `=`, one value, then a verb that rejects it. Anything
else with a negation in it stays unreadable (step_reader.py). Pure text work; safe in any process.
"""

from __future__ import annotations

import re

from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Var, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.unread import UNKNOWN_MARK
from assay.errors import LimitExceeded, MathParseError

_LEAD = r"(?:(?:so|thus|hence|therefore|which means|meaning|and|but)\s+)?(?:,\s*)?"
_TERM = r"[\w^()√]+(?:[./][\w^()√]+)*"  # a sentence's full stop is not part of the value
_VALUE = rf"(?P<var>[A-Za-z])\s*=\s*(?P<value>[-−]?{_TERM}(?:\s*[-+*/]\s*{_TERM})*)"
_CLAUSES = (
    # "x ≠ 2" alone on its line (a domain note: 2 makes a denominator zero): 2 is no solution
    re.compile(
        r"^\s*(?:(?:note(?:\s+that)?|since|where|with|restriction|domain)\s*:?\s*)?"
        rf"(?P<var>[A-Za-z])\s*≠\s*(?P<value>[-−]?{_TERM})\s*[.;,]?\s*$",
        re.I,
    ),
    # "Since x ≠ 3, x = -3": the domain note opens the line, the claim after it is read as usual
    re.compile(
        rf"^\s*(?:since|as|because)\s+(?P<var>[A-Za-z])\s*≠\s*(?P<value>[-−]?{_TERM})\s*,",
        re.I,
    ),
    # "so x = 2 is extraneous", "x = 2 is not a valid solution", "x = -1 is rejected", "x = 3 is excluded"
    re.compile(
        _LEAD + r"(?:the\s+(?:root|solution|value)\s+)?" + _VALUE + r"\s+is\s+(?:an?\s+)?"
        r"(?:extraneous(?:\s+(?:root|solution))?|not\s+(?:an?\s+)?(?:valid\s+|real\s+|actual\s+)?"
        r"(?:solution|root)(?:\s+of\s+the\s+(?:original\s+)?equation)?|invalid|rejected|excluded|discarded"
        r"|ruled\s+out|not\s+allowed)"
        r"(?=\s*(?:[.,;:!]|$))",
        re.I,
    ),
    # "x = 2 does not work", "x = 2 doesn't satisfy the original equation", "x = 2 fails"
    re.compile(
        _LEAD + _VALUE + r"\s+(?:(?:does\s+not|doesn't|fails\s+to)\s+(?:work|check\s+out|satisfy\s+the\s+"
        r"(?:original\s+)?equation)|fails)(?=\s*(?:[.,;:!]|$))",
        re.I,
    ),
    # "x = 1 makes the denominator zero, so it is rejected", "x = 1 gives division by zero, so we reject it"
    # (the rejection is checked; the reason is one of these words only)
    re.compile(
        _LEAD + _VALUE + r"\s+(?:makes|would\s+make|gives|would\s+give)\s+(?:(?:the|a)\s+denominator\s+"
        r"(?:zero|0|equal\s+to\s+(?:zero|0))|(?:a\s+)?division\s+by\s+(?:zero|0)|the\s+(?:original\s+)?"
        r"(?:equation|expression)\s+undefined)\s*,?\s*(?:so|and|thus|hence|therefore)\s+"
        r"(?:(?:it|this(?:\s+(?:root|value|solution))?)\s+(?:is|must\s+be)\s+(?:rejected|excluded|discarded"
        r"|extraneous|invalid|not\s+(?:an?\s+)?(?:valid\s+)?(?:solution|root))|(?:we|i)\s+(?:must\s+)?"
        r"(?:reject|discard|exclude)\s+it)(?=\s*(?:[.,;:!]|$))",
        re.I,
    ),
    # "reject x = 2", "we discard x = 2 (extraneous)"
    re.compile(
        _LEAD
        + r"(?:we\s+)?(?:must\s+|can\s+)?(?:reject|discard|exclude|throw\s+out|rule\s+out)\s+"
        + _VALUE
        + r"(?:\s*\(\s*(?:it\s+is\s+)?extraneous\s*\))?(?=\s*(?:[.,;:!]|$))",
        re.I,
    ),
)
# a check of one candidate that fails, its work between: "x = 1: √4 = 2, but 1 − 3 = −2. ✗ (extraneous)",
# "For x = 1: ... ✗", "x = 1: ... — extraneous" (the work is read and checked as the line's claims)
_FAILED_CHECK = re.compile(
    r"^\W*(?:(?:for|check(?:ing)?|at|test(?:ing)?)\s+)?" + _VALUE + r"\s*:\s*(?P<work>.+?)"
    r"\s*(?:(?P<mark>[✗✘❌])\s*)?(?:[—–-]\s*)?(?P<word>\(?\s*(?:extraneous|reject(?:ed)?|invalid"
    r"|not\s+(?:a\s+)?(?:valid\s+)?(?:solution|root))\s*\)?)?\s*[.!]?\s*$",
    re.I,
)
# words in a failed check's work that would make its claims say something else
_NEGATED_WORDS = re.compile(r"\b(?:not|no|never|isn't|doesn't|extraneous|reject\w*)\b|[✓✔✗✘❌]", re.I)
_FAILED_CHECK_MAX = 400  # characters: a check of one candidate is a short line
MAX_REJECTIONS = 8
# a hedge anywhere in the line: a rejection said with doubt is no claim anyone can check
_HEDGE = re.compile(
    r"\b(?:maybe|perhaps|probably|possibly|presumably|likely|seems?|might|may|could|i\s+think|i\s+guess"
    r"|not\s+sure|unsure|if|unless|assume|suppose)\b|\?",
    re.I,
)


def find_rejections(body: str) -> tuple[list[tuple[str, str]], str] | None:
    """([(variable, value text)], the body without those clauses), or None when it rejects nothing.

    A value must be one the grammar reads with no variable in it (`x = 2`, `x = -1/2`); a clause whose
    value cannot be read leaves the whole line to the reader, which calls it unreadable."""
    if _HEDGE.search(body):
        return None
    failed = _FAILED_CHECK.match(body) if len(body) <= _FAILED_CHECK_MAX else None
    if failed is not None and (failed.group("mark") or failed.group("word")):
        value = failed.group("value").replace("−", "-")
        if not _value_only(value) or _NEGATED_WORDS.search(failed.group("work")):
            return None
        return [(failed.group("var"), value)], _checked_inequations(failed.group("work"))
    found: list[tuple[int, int, str, str]] = []
    for pattern in _CLAUSES:
        for match in pattern.finditer(body):
            var = match.group("var") or ""
            value = (match.group("value") or "").replace("−", "-")
            if not _value_only(value):
                return None
            found.append((match.start(), match.end(), var, value))
    if not found or len(found) > MAX_REJECTIONS:
        return None
    found.sort()
    rest: list[str] = []
    last = 0
    for start, end, _, _ in found:
        if start < last:
            return None  # two shapes read the same words: not read at all
        rest.append(body[last:start])
        last = end
    rest.append(body[last:])
    return [(var, value) for _, _, var, value in found], _checked_inequations(" ".join(rest))


# `sqrt(1) = 1 ≠ -1`: the check that shows a root extraneous ends its chain with the other side it misses
_INEQUATION = re.compile(r"(?P<left>[^,;:≠=]+)≠\s*(?P<right>[-−]?[\d./]+)(?![\d./])")


def _checked_inequations(rest: str) -> str:
    """rest with each `A ≠ B` between numbers (A the last side of a chain) checked exactly: a true one is
    taken off the chain (its `A` stays, checked with the chain), a false one is markup nobody reads."""
    if "≠" not in rest:
        return rest

    def one(match: re.Match[str]) -> str:
        left, right = match.group("left"), match.group("right").replace("−", "-")
        try:
            values = [evaluate(parse_chain(text)[-1]) for text in (left, right)]
        except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError):
            return match.group(0)
        return left if values[0] != values[1] else f"{left} {UNKNOWN_MARK} "

    return _INEQUATION.sub(one, rest)


def _value_only(text: str) -> bool:
    try:
        parts = parse_chain(text)
    except MathParseError:
        return False
    return len(parts) == 1 and not variables(parts[0]) and not isinstance(parts[0], Var)


__all__ = ["find_rejections"]

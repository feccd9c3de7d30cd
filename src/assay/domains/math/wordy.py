"""Word problems: the numbers a prompt in words gives, and whether a step's numbers come from them.

A prompt such as "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many are left?"
has no equation or expression to check a step against. What a step may still be checked for: its
arithmetic is true (exactly), and every number it starts from is *grounded*: written in the prompt (as
digits or as a number word: `twelve`, `half`, `doubled`, `dozen`, `25%`), a unit conversion the prompt's
units call for (60 minutes in an hour when it speaks of hours and minutes), or a value an earlier step
computed. A true line built on a number from nowhere (`36 - 8 + 1 = 29`) is not a derivation of
anything in the problem, so it is unknown, never passed.

The grounding is a fail-closed filter, not a proof that the step models the words: a true, grounded
line can still use the wrong numbers, which the reference answer then catches (the final answer must be
the reference). Pure text and tree work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from fractions import Fraction

from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus
from assay.domains.math.fold import fold_unicode
from assay.domains.math.vocabulary import NUMBER_WORDS

# words that give a number without writing it (a factor, a part, a count)
_WORD_FACTORS: dict[str, tuple[Fraction, ...]] = {
    "half": (Fraction(2), Fraction(1, 2)),
    "halves": (Fraction(2), Fraction(1, 2)),
    "halved": (Fraction(2), Fraction(1, 2)),
    "twice": (Fraction(2),),
    "double": (Fraction(2),),
    "doubled": (Fraction(2),),
    "doubles": (Fraction(2),),
    "pair": (Fraction(2),),
    "triple": (Fraction(3),),
    "tripled": (Fraction(3),),
    "thrice": (Fraction(3),),
    "third": (Fraction(3), Fraction(1, 3)),
    "thirds": (Fraction(3), Fraction(1, 3)),
    "quarter": (Fraction(4), Fraction(1, 4)),
    "quarters": (Fraction(4), Fraction(1, 4)),
    "dozen": (Fraction(12),),
    "dozens": (Fraction(12),),
    "percent": (Fraction(100),),
    # a rectangle's perimeter counts each side twice (`2 × (4 + 6)`)
    "rectangle": (Fraction(2),),
    "rectangles": (Fraction(2),),
    "rectangular": (Fraction(2),),
}
# a square as a shape, not a unit of area (`square feet`) or a power (`the square of 5`)
_SQUARE_SHAPE = re.compile(
    r"\bsquares?\b(?!\s+(?:of\b|root|feet|foot|meters?\b|metres?\b|centimet|millimet|kilomet|inch|yards?\b|miles?\b"
    r"|units?\b|cm\b|mm\b|km\b|m\b|ft\b|in\b|yd\b|mi\b))",
    re.I,
)


def square_shape(prompt: str) -> bool:
    """Whether the prompt speaks of a square as a shape (whose four sides give it a 4)."""
    return _SQUARE_SHAPE.search(prompt) is not None


# unit conversions, each allowed only when the prompt names both units (or the one unit that implies it)
_CONVERSIONS: tuple[tuple[re.Pattern[str], Fraction], ...] = (
    (re.compile(r"\b(?:hours?|minutes?)\b.*\b(?:minutes?|hours?|seconds?)\b", re.I | re.S), Fraction(60)),
    (re.compile(r"\b(?:days?)\b.*\bhours?\b|\bhours?\b.*\bdays?\b", re.I | re.S), Fraction(24)),
    (re.compile(r"\bweeks?\b.*\bdays?\b|\bdays?\b.*\bweeks?\b", re.I | re.S), Fraction(7)),
    (re.compile(r"\byears?\b.*\bmonths?\b|\bmonths?\b.*\byears?\b", re.I | re.S), Fraction(12)),
    (re.compile(r"\byears?\b.*\bweeks?\b|\bweeks?\b.*\byears?\b", re.I | re.S), Fraction(52)),
    (re.compile(r"\byears?\b.*\bdays?\b|\bdays?\b.*\byears?\b", re.I | re.S), Fraction(365)),
    # coins by name, in a problem about money
    (
        re.compile(
            r"\bquarters?\b.*(?:\bcents?\b|\$|\bdollars?\b)|(?:\bcents?\b|\$|\bdollars?\b).*\bquarters?\b",
            re.I | re.S,
        ),
        Fraction(25),
    ),
    (
        re.compile(
            r"\bdimes?\b.*(?:\bcents?\b|\$|\bdollars?\b)|(?:\bcents?\b|\$|\bdollars?\b).*\bdimes?\b",
            re.I | re.S,
        ),
        Fraction(10),
    ),
    (
        re.compile(
            r"\bnickels?\b.*(?:\bcents?\b|\$|\bdollars?\b)|(?:\bcents?\b|\$|\bdollars?\b).*\bnickels?\b",
            re.I | re.S,
        ),
        Fraction(5),
    ),
    (
        re.compile(r"\b(?:feet|foot)\b.*\binch(?:es)?\b|\binch(?:es)?\b.*\b(?:feet|foot)\b", re.I | re.S),
        Fraction(12),
    ),
    (re.compile(r"\bcents?\b|%|\bpercent", re.I), Fraction(100)),
    (
        re.compile(
            r"\b(?:centimet(?:er|re)s?|cm)\b.*\bmet(?:er|re)s?\b|\bmet(?:er|re)s?\b.*\bcentimet", re.I | re.S
        ),
        Fraction(100),
    ),
    (re.compile(r"\bkilo", re.I), Fraction(1000)),
    # by abbreviation too (`750 mL` and liters, `2 km` and meters)
    (
        re.compile(
            r"\b(?:ml|millilit(?:er|re)s?)\b.*\blit(?:er|re)s?\b|\blit(?:er|re)s?\b.*\b(?:ml|millilit)",
            re.I | re.S,
        ),
        Fraction(1000),
    ),
    (re.compile(r"\b(?:km|kg)\b", re.I), Fraction(1000)),
    (re.compile(r"\b(?:seconds?)\b.*\bminutes?\b", re.I | re.S), Fraction(60)),
)
_MIXED = re.compile(r"\((\d+)\+(\d+)/(\d+)\)")
_DIGITS = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")
_FRACTION = re.compile(r"(?<![\d.])(\d+)\s*/\s*(\d+)(?![\d.])")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.I)
MAX_GIVEN = 200  # numbers taken from one prompt; a longer list is not a word problem anyone reads


def given_numbers(prompt: str) -> tuple[Fraction, ...]:
    """The numbers a prompt in words gives, with the factors and conversions its words call for."""
    found: set[Fraction] = {Fraction(0), Fraction(1)}
    if not prompt.isascii():
        # `3½ cups` as the grammar reads it, `(3+1/2)`: the mixed number 7/2 and its part 1/2 are given
        prompt = fold_unicode(prompt)
        for match in _MIXED.finditer(prompt):
            whole, top, bottom = (int(g) for g in match.groups())
            if bottom:
                found.add(whole + Fraction(top, bottom))
    # `1/4 of her money` gives the quantity 1/4, not a 1 and a 4 a step may use on their own (`40 - 4`)
    inside = [m.span() for m in _FRACTION.finditer(prompt)]
    for match in _DIGITS.finditer(prompt):
        if not any(start <= match.start() < end for start, end in inside):
            found.add(Fraction(match.group(0).replace(",", "")))
    for value in written_parts(prompt):
        found.add(value)  # `1/4`, `25%` as 0.25, and what is left of the whole: 3/4, 0.75
    for match in _PERCENT.finditer(prompt):
        found.add(1 + Fraction(match.group(1)) / 100)  # `a 10% tax`: the price and its tax, 1.1 times it
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", prompt):
        lower = word.lower()
        if lower in NUMBER_WORDS:
            found.add(Fraction(NUMBER_WORDS[lower]))
        found.update(_WORD_FACTORS.get(lower, ()))
    for pattern, factor in _CONVERSIONS:
        if pattern.search(prompt):
            found.add(factor)
    if _SQUARE_SHAPE.search(prompt):
        found.add(Fraction(4))  # a square's four sides (`4 × 7` for its perimeter, `36 ÷ 4` for a side)
    found.update(consecutive_offsets(prompt))
    found.update(angle_sums(prompt))
    return tuple(sorted(found))[:MAX_GIVEN]


# the angles a figure's name gives (`2x + 3x + 4x = 180` for a triangle's angles in the ratio 2:3:4): the sum
# of a polygon's interior angles, a right angle, a straight line, a full turn
_ANGLE_SUMS = (
    (re.compile(r"\btriangles?\b|\bsupplementary\b|\bstraight\s+(?:line|angle)\b", re.I), Fraction(180)),
    (
        re.compile(
            r"\b(?:quadrilaterals?|rectangles?|parallelograms?|trapezoids?|rhombus|circles?|full\s+turn)\b",
            re.I,
        ),
        Fraction(360),
    ),
    (re.compile(r"\bright\s+(?:angle|triangle)s?\b|\bcomplementary\b", re.I), Fraction(90)),
    (re.compile(r"\bpentagons?\b", re.I), Fraction(540)),
    (re.compile(r"\bhexagons?\b", re.I), Fraction(720)),
    (re.compile(r"\boctagons?\b", re.I), Fraction(1080)),
)


def angle_sums(prompt: str) -> set[Fraction]:
    """The degrees a prompt about angles gives by naming a figure (see `_ANGLE_SUMS`); none without angles."""
    if re.search(r"\bangles?\b|\bdegrees?\b|°", prompt, re.I) is None:
        return set()
    return {degrees for pattern, degrees in _ANGLE_SUMS if pattern.search(prompt)}


_CONSECUTIVE = re.compile(
    r"\b(?:(?P<count>\d{1,2}|[a-z]+)\s+)?consecutive\s+(?P<kind>even\s+|odd\s+)?(?:positive\s+)?"
    r"(?:integers|numbers|whole\s+numbers|natural\s+numbers)\b",
    re.I,
)
MAX_CONSECUTIVE = 10


def consecutive_offsets(prompt: str) -> set[Fraction]:
    """How far consecutive integers are from the first of them (`three consecutive integers`: n, n + 1,
    n + 2 give 1 and 2; `four consecutive even integers`: 2, 4 and 6). Without a count, the one step."""
    found: set[Fraction] = set()
    for match in _CONSECUTIVE.finditer(prompt):
        step = 2 if match.group("kind") else 1
        said = (match.group("count") or "").lower()
        count = int(said) if said.isdigit() else NUMBER_WORDS.get(said, 2)
        found.update(Fraction(step * k) for k in range(1, min(int(count), MAX_CONSECUTIVE)))
        found.add(Fraction(step))
    return found


def written_parts(prompt: str) -> dict[Fraction, frozenset[Fraction]]:
    """The parts of a whole a prompt writes (`1/3`, `25%`), and what is left of the whole (`2/3`, 0.75:
    "25% off" is paying 75%), each with the numbers the prompt writes for it (1 and 3; 25): a step that
    computes with the part uses those numbers."""
    found: dict[Fraction, set[Fraction]] = {}
    for match in _FRACTION.finditer(prompt):
        top, bottom = int(match.group(1)), int(match.group(2))
        if bottom:
            _add_part(found, Fraction(top, bottom), {Fraction(top), Fraction(bottom)})
    for match in _PERCENT.finditer(prompt):
        _add_part(found, Fraction(match.group(1)) / 100, {Fraction(match.group(1))})
    return {value: frozenset(numbers) for value, numbers in found.items()}


def left_parts(prompt: str) -> frozenset[Fraction]:
    """What is left of the whole after each part the prompt writes, when that is no part it writes itself
    (`25% off`: 0.75; `1/3`: 2/3; `1/2`: nothing)."""
    parts = written_parts(prompt)
    written = {
        Fraction(m.group(0).split("/")[0]) / Fraction(m.group(0).split("/")[1])
        for m in _FRACTION.finditer(prompt)
        if int(m.group(2))
    }
    written |= {Fraction(m.group(1)) / 100 for m in _PERCENT.finditer(prompt)}
    return frozenset(value for value in parts if value not in written)


def _add_part(found: dict[Fraction, set[Fraction]], part: Fraction, written: set[Fraction]) -> None:
    found.setdefault(part, set()).update(written)
    if 0 < part < 1:
        found.setdefault(1 - part, set()).update(written)


def written_numbers(prompt: str) -> tuple[Fraction, ...]:
    """The numbers a prompt in words writes in digits (`3 boxes`, `12 pencils`, `1,200`), without the
    factors and conversions its words imply."""
    found = {Fraction(match.group(0).replace(",", "")) for match in _DIGITS.finditer(prompt)}
    return tuple(sorted(found))[:MAX_GIVEN]


# rules about how numbers may be used (a puzzle, not a story): `use each number exactly once`, `make 24
# from`, `without using`, `only the digits`
_RULES = re.compile(
    r"\b(?:exactly once|only once|once each|each (?:number|digit|card)"
    r"|(?:all|each) (?:of )?the (?:numbers|digits)"
    r"|(?:make|get|reach|obtain|form) (?:the number )?\d+ (?:from|using|with|out of|by combining)"
    r"|combin(?:e|ing) (?:the )?(?:numbers|digits)|game of 24|24 game|without using"
    r"|only (?:the )?(?:digits|numbers)"
    r"|operations?|operators?|parenthes[ie]s|brackets)\b",
    re.I,
)


def states_rules(prompt: str) -> bool:
    """Whether a prompt in words sets rules on how its numbers may be combined (checked nowhere here)."""
    return _RULES.search(prompt) is not None


def ungrounded(expr: Expr, known: Collection[object]) -> list[Fraction]:
    """The number literals of expr that are neither given nor computed; an exponent (`5^2`) is notation
    for repeated multiplication, not a quantity of the problem, so it needs no source. A fraction written
    as one number (`1/4`, `3/100`) is one quantity: grounded when its value is (`1/4` after `25% = 1/4`),
    its digits need no source of their own."""
    out: list[Fraction] = []
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if _fraction_value(node) in known:
            continue
        if isinstance(node, Neg) and isinstance(node.arg, Num) and -node.arg.value in known:
            continue  # `-7 - 8 = -15` after `-12 + 5 = -7`: the value -7, computed
        if isinstance(node, Bin) and node.op in "*/":
            out.extend(_loose_factors(node, known, stack))
        elif isinstance(node, Num):
            if node.value not in known:
                out.append(node.value)
        elif isinstance(node, Bin):
            stack.append(node.left)
            if not (node.op == "^" and isinstance(node.right, Num)):
                stack.append(node.right)
        elif isinstance(node, Neg | Call):
            stack.append(node.arg)
        elif isinstance(node, PlusMinus):
            stack.append(node.right)
            if node.left is not None:
                stack.append(node.left)
    return out


def _loose_factors(node: Expr, known: Collection[object], stack: list[Expr]) -> list[Fraction]:
    """The ungrounded number factors of a product; its other factors go on the stack.

    `32 × 1/4` reads as `(32 × 1) / 4`: dividing by 4 is multiplying by the known 1/4, and `× 3 / 4` is
    multiplying by a known 3/4, so a divisor b counts as grounded when b or 1/b is, and a loose factor a
    together with a loose divisor b when a/b is (each divisor pairs with one factor only)."""
    factors: list[tuple[int, Expr]] = []
    pending: list[tuple[int, Expr]] = [(1, node)]
    while pending:
        mark, item = pending.pop()
        if isinstance(item, Bin) and item.op in "*/" and _fraction_value(item) not in known:
            pending.append((mark, item.left))
            pending.append((mark if item.op == "*" else -mark, item.right))
        else:
            factors.append((mark, item))
    tops: list[Fraction] = []
    bottoms: list[Fraction] = []
    divisors: list[Fraction] = []  # divisors grounded as they are (`/ 3` with 1/3 known), free to pair
    for mark, item in factors:
        if not isinstance(item, Num):
            stack.append(item)
        elif mark > 0 and item.value not in known:
            tops.append(item.value)
        elif mark < 0 and item.value not in known and (item.value == 0 or 1 / item.value not in known):
            bottoms.append(item.value)
        elif mark < 0 and item.value != 0:
            divisors.append(item.value)
    for bottom in list(bottoms):
        top = next((t for t in tops if bottom != 0 and t / bottom in known), None)
        if top is not None:
            tops.remove(top)
            bottoms.remove(bottom)
    for divisor in divisors:
        # `6 × 2/3` with 2/3 and 1/3 known: the 2 goes with the 3 (each divisor pairs once)
        top = next((t for t in tops if t / divisor in known), None)
        if top is not None:
            tops.remove(top)
    return tops + bottoms


def _fraction_value(node: Expr) -> Fraction | None:
    """The value of a fraction written with two whole literals (`7/12`), else None."""
    if not (isinstance(node, Bin) and node.op == "/"):
        return None
    top, bottom = node.left, node.right
    if not (isinstance(top, Num) and isinstance(bottom, Num)) or bottom.value == 0:
        return None
    if top.value.denominator != 1 or bottom.value.denominator != 1:
        return None
    return top.value / bottom.value


__all__ = [
    "given_numbers",
    "left_parts",
    "square_shape",
    "states_rules",
    "ungrounded",
    "written_numbers",
    "written_parts",
]

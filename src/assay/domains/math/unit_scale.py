"""A word problem's answer computed in one unit and stated in another, with no conversion between.

"Pencils cost 50 cents each. How many dollars do 12 pencils cost?" then `12 × 50 = 600` and `They cost
$600.`: the arithmetic is true and grounded, 600 is a value the steps computed, and the answer sentence's
`$` is the unit asked; but 600 counts cents, and stating it in dollars without dividing by 100 is wrong
(a reference of 600 is wrong with it). The prompt says which unit each of its numbers is in (its quotes,
quotes.py) and the question which unit it asks (`dollars`, `kilograms`, `hours`); when a number the
answer is computed from is in a unit of the asked kind but not the asked unit, the answer must be
converted. How its value was computed (each step's source, `State.derived`) gives its scale: a number
in cents is 1/100 of a dollar, the factor 100 written by a step (no number of the prompt) is cents per
dollar, 1/100 or 0.01 dollars per cent; a product multiplies scales, a quotient divides them, and a sum
needs the same scale on both sides. An answer whose scale is not 1 in the asked unit, or that cannot be
told (a sum of different scales), is unknown, never passed.

Only the units of unit_facts.py's table are known; a question that names no unit, or two, is not judged
here, nor is an answer computed from a number the prompt does not write and no step computed (`2 km =
2000 m`, then `2 × 2000`: a conversion line the reader took out gave it), nor a number in a unit the
prompt counts a rate per (`1.5 hours each day for 6 days`). Pure reading of the state; never decides
`verified`.
"""

from __future__ import annotations

from fractions import Fraction

from assay.domains.math.exact import Number
from assay.domains.math.expr import Bin, Expr, Neg, Num
from assay.domains.math.quotes import Quote
from assay.domains.math.unit_facts import unit_named, units_factor

MAX_NODES = 400  # nodes of one answer's computation walked; a longer one is not judged


def unconverted(
    value: Number,
    quotes: tuple[Quote, ...],
    asks: str,
    question: frozenset[str],
    derived: dict[Number, Expr],
    written: frozenset[Number],
) -> str | None:
    """Why the answer `value` is in a unit other than the one asked (see the module), or None."""
    asked = _asked_unit(asks, question)
    if asked is None:
        return None
    scales: dict[Fraction, Fraction] = {}  # a number the prompt writes in another unit of the asked kind
    # (`1.5 hours each day for 6 days`: the days count what the hours are per, no time to convert)
    per = {unit_named(quote.rate) or quote.rate for quote in quotes if quote.rate}
    for quote in quotes:
        unit = quote.money or unit_named(quote.after)
        if unit is None or unit == asked or unit in per or unit[:4] in per:
            continue
        factor = units_factor(asked, unit)
        scale = Fraction(1) / factor if factor is not None else units_factor(unit, asked)
        if scale is not None:
            scales[quote.value] = scale
    if not scales:
        return None
    factors = {1 / s if s < 1 else s for s in scales.values()}
    start = Num(value) if isinstance(value, Fraction) else None
    walk = _Walk(scales, factors, derived, written)
    scale = walk.scale(start, frozenset())
    if scale == 1 or walk.foreign or len(walk.in_unit) != len(set(walk.in_unit)):
        # (`2 km = 2000 m` read as `2 × 1000 = 2000`, then `2 × 2000`: the same 2 converted and counted;
        # `50 cents = $0.50`, then `12 × 0.50`: a value a line the reader took out converted)
        return None
    other = next(q for q in quotes if q.value in scales)
    unit = other.money or other.after
    return (
        f"the answer is computed from {other.value} {unit} and stated in the unit asked ({asked}), with no"
        " conversion the steps make"
    )


def _asked_unit(asks: str, question: frozenset[str]) -> str | None:
    if asks == "money":
        said = {unit_named(word) for word in question} & {"dollar", "cent"}
        return next(iter(said)) if len(said) == 1 else None
    unit = unit_named(asks)
    if unit is None:
        return None
    others = {unit_named(word) for word in question} - {None, unit}
    return None if others else unit


class _Walk:
    """The scale of a computation in the asked unit, walked through how each value was computed."""

    def __init__(
        self,
        scales: dict[Fraction, Fraction],
        factors: set[Fraction],
        derived: dict[Number, Expr],
        written: frozenset[Number],
    ) -> None:
        self.scales, self.factors, self.derived, self.written = scales, factors, derived, written
        self.budget = MAX_NODES
        self.foreign: list[Fraction] = []  # numbers no prompt, step or conversion gives
        self.in_unit: list[Fraction] = []  # the numbers in another unit reached, as often as reached

    def scale(self, node: Expr | None, seen: frozenset[Number]) -> Fraction | None:
        """The scale of node's value in the asked unit, or None when it cannot be told."""
        self.budget -= 1
        if node is None or self.budget < 0:
            return None
        if isinstance(node, Num):
            return self._number(node.value, seen)
        if isinstance(node, Neg):
            return self.scale(node.arg, seen)
        if isinstance(node, Bin) and node.op in "+-*/":
            left, right = self.scale(node.left, seen), self.scale(node.right, seen)
            if left is None or right is None:
                return None
            if node.op in "+-":
                return left if left == right else None
            return left * right if node.op == "*" else left / right
        return None

    def _number(self, number: Fraction, seen: frozenset[Number]) -> Fraction | None:
        if number in self.scales:
            self.in_unit.append(number)
            return self.scales[number]
        if number in self.written:
            return Fraction(1)
        if number in self.derived and number not in seen:
            return self.scale(self.derived[number], seen | {number})
        if number in self.factors or (number != 0 and 1 / number in self.factors):
            return 1 / number  # the factor a step writes: so many of the smaller unit per larger one
        if number not in (0, 1):
            self.foreign.append(number)
        return Fraction(1)


__all__ = ["unconverted"]

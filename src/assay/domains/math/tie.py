"""Whether a written expression is the problem's own expression with some of its parts worked out.

A true line is not yet a relevant one: `Check: 4 + 9 = 13` is true and ends at the right-hand side of
`2x + 5 = 13`, but it never puts the answer into the equation, and `19 - 6 = 13` reaches the value of
`2 + 3 × 4 - 1` without following from it. A line is tied to a source expression when it *is* that
expression with

- the variables replaced by their values written any way (`2(4) + 5` for `2x + 5` at x = 4, or
  `(-8 + sqrt(74))^2 + ...`), or kept as they are,
- any sub-expressions replaced by number literals of the same value (`8 + 5`, `14 - 1`),
- sums and products regrouped and reordered (`5 + 2(4)`, `2 + 11` for `2 + 3 × 4 - 1`: 11 = 12 - 1); in a
  product the source's fractions count as numerator times divisor, so dividing by a fraction may be
  written as multiplying by its reciprocal (`2/3 × 9/4` for `2/3 ÷ 4/9`: a/b = a × b⁻¹ for every value).

Nothing else counts: an operand that is merely true, or equal in value to something, does not. Matching
is exact (values are compared with exact arithmetic) and bounded: a search that runs past its budget
answers "not tied", which callers treat as unknown, never as verified. Pure functions; runs inside a
verification worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from itertools import combinations

from assay.domains.math.exact import Number, Unsupported, evaluate
from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var, nodes, variables
from assay.errors import LimitExceeded

Env = Mapping[str, Number]
Term = tuple[int, Expr]  # (+1 or -1, expression): a term of a sum, or (power, expression) of a product
Values = dict[int, tuple[Expr, Number | None]]  # node values at one env, by id (the node kept alive)
BUDGET = 20_000  # match calls per question: past it the answer is "not tied"
MAX_GROUP_TERMS = 12  # a literal standing for a group is searched among at most this many terms


class _OutOfBudget(Exception):
    """The search for a tie ran past its budget (internal signal: answered as "not tied")."""


def is_literal(expr: Expr) -> bool:
    """A number as written: `12`, `-3`, `0.5`, `7/12`, `-7/12` (no operation left to do but a sign)."""
    if isinstance(expr, Num):
        return True
    if isinstance(expr, Neg):
        return is_literal(expr.arg)
    if isinstance(expr, Bin) and expr.op == "/":
        return _integer_literal(expr.left) and _integer_literal(expr.right)
    return False


def _integer_literal(expr: Expr) -> bool:
    if isinstance(expr, Neg):
        return _integer_literal(expr.arg)
    return isinstance(expr, Num)


def follows(
    claim: Expr,
    source: Expr,
    env: Env | None = None,
    known: frozenset[Number] | None = None,
    values: Values | None = None,
) -> bool:
    """Whether claim is source with variables valued from env and parts worked out (see the module).

    known: when given, a number that stands for two or more terms (`11` for `3 × 4 - 1`) must be one of
    these values (results the steps have computed): `18 + 2` for `4 + 6 × 3 - 2` regroups `4 - 2` into
    a 2 nobody computed, which reads as a sign slip that happens to land on the right value.

    values: a memo of node values to share between questions asked with the same env (it only saves
    evaluations: a node's value at env is the same whichever question needs it); fresh when None."""
    return _Matcher(env or {}, known, values).run(lambda m: m.match(claim, source))


def is_part(
    claim: Expr, source: Expr, env: Env | None = None, known: frozenset[Number] | None = None
) -> bool:
    """Whether claim follows from a part of source: a sub-expression, or some of the terms of a sum
    (or factors of a product) of source, regrouped (`3 × 4 - 1` is a part of `2 + 3 × 4 - 1`)."""
    matcher = _Matcher(env or {}, known)
    return matcher.run(lambda m: any(m.match_part(claim, node) for node in nodes(source)))


class _Matcher:
    def __init__(
        self, env: Env, known: frozenset[Number] | None = None, values: Values | None = None
    ) -> None:
        self.env = env
        self.known = known
        self.calls = 0
        # by id, with the node kept alive so that its id is never reused for another node
        self.values: Values = {} if values is None else values

    def run(self, question: Callable[[_Matcher], bool]) -> bool:
        try:
            return question(self)
        except _OutOfBudget:
            return False

    def value(self, expr: Expr) -> Number | None:
        key = id(expr)
        if key not in self.values:
            try:
                self.values[key] = (expr, evaluate(expr, self.env))
            except (Unsupported, LimitExceeded, ZeroDivisionError):
                self.values[key] = (expr, None)
        return self.values[key][1]

    def tick(self) -> None:
        self.calls += 1
        if self.calls > BUDGET:
            raise _OutOfBudget

    # --- whole expressions ---------------------------------------------------------------------------

    def match(self, claim: Expr, source: Expr) -> bool:
        self.tick()
        if is_literal(claim):
            wanted = self.value(source)
            return wanted is not None and self.value(claim) == wanted
        if isinstance(source, Var) and source.name in self.env and not variables(claim):
            # the answer put in for the variable, written any way (`(17 + 3sqrt(29))/2`)
            return self.value(claim) == self.env[source.name]
        if isinstance(claim, Var):
            return isinstance(source, Var) and source.name == claim.name
        if isinstance(claim, Const):
            return isinstance(source, Const) and source.name == claim.name
        if _additive(claim):
            source_terms = _terms(source, 1, is_literal)
            return any(self.match_terms(t, source_terms, "+", False) for t in self.terms(claim))
        if _multiplicative(claim):
            source_factors = _factors(source, 1, _integer_literal)
            return any(self.match_terms(f, source_factors, "*", False) for f in self.factors(claim))
        if isinstance(claim, Bin):  # a power: same shape
            return (
                isinstance(source, Bin)
                and source.op == claim.op
                and self.match(claim.left, source.left)
                and self.match(claim.right, source.right)
            )
        if isinstance(claim, Call):
            if not isinstance(source, Call) or source.name != claim.name:
                return False
            return self.match(claim.arg, source.arg)
        if isinstance(claim, PlusMinus) and isinstance(source, PlusMinus):
            if (claim.left is None) != (source.left is None):
                return False
            if claim.left is not None and source.left is not None and not self.match(claim.left, source.left):
                return False
            return self.match(claim.right, source.right)
        return False

    def match_part(self, claim: Expr, source: Expr) -> bool:
        if self.match(claim, source):
            return True
        if _additive(claim) and _additive(source):
            source_terms = _terms(source, 1, is_literal)
            return any(self.match_terms(t, source_terms, "+", True) for t in self.terms(claim))
        if _multiplicative(claim) and _multiplicative(source):
            source_factors = _factors(source, 1, _integer_literal)
            return any(self.match_terms(f, source_factors, "*", True) for f in self.factors(claim))
        return False

    # Two ways to split a claim: down to literals, and keeping whole the parts whose value is a value put
    # in for a variable. Both are tried, since a part of a sum may have that value by coincidence
    # (`(-8)^2 + 9(-8)` is -8). The claim itself is split either way: that is what is being matched.
    def terms(self, claim: Expr) -> list[list[Term]]:
        splits = []
        for atom in self._atoms():
            if isinstance(claim, Neg):
                split = _terms(claim.arg, -1, atom)
            else:
                assert isinstance(claim, Bin)  # _additive
                right = 1 if claim.op == "+" else -1
                split = _terms(claim.left, 1, atom) + _terms(claim.right, right, atom)
            if split not in splits:
                splits.append(split)
        return splits

    def factors(self, claim: Expr) -> list[list[Term]]:
        assert isinstance(claim, Bin)  # _multiplicative
        right = 1 if claim.op == "*" else -1
        splits = []
        for atom in self._atoms():
            split = _factors(claim.left, 1, atom) + _factors(claim.right, right, atom)
            if split not in splits:
                splits.append(split)
        return splits

    def _atoms(self) -> list[Atom]:
        return [is_literal, self.atom] if self.env else [is_literal]

    def atom(self, expr: Expr) -> bool:
        """A part of a claim kept whole: a literal, or a value put in for a variable (`(-8 + sqrt(74))/2`
        in `17((-8 + sqrt(74))/2)` must meet the `x` of `17x` whole, not as three factors)."""
        if is_literal(expr):
            return True
        if not self.env or variables(expr):
            return False
        value = self.value(expr)
        return value is not None and value in self.env.values()

    # --- sums and products, regrouped ------------------------------------------------------------------

    def match_terms(self, claim: list[Term], source: list[Term], kind: str, partial: bool) -> bool:
        """Every claim term stands for its own group of source terms; all source terms are used unless
        partial (then at least two are, so that a part is a real sub-sum, not one term again)."""
        if len(claim) < 2 and len(source) < 2:
            return False  # one term on each side is the same node again: compared by the caller
        return self._assign(claim, list(range(len(source))), source, kind, partial, used=0)

    def _assign(
        self, claim: list[Term], free: list[int], source: list[Term], kind: str, partial: bool, used: int
    ) -> bool:
        self.tick()
        if not claim:
            return (partial and used >= 2) or not free
        (mark, expr), rest = claim[0], claim[1:]
        if not is_literal(expr):
            for i in free:
                other_mark, other = source[i]
                if other_mark != mark:
                    if kind != "+":
                        continue
                    other = Neg(other)  # `-1(-8)` may stand for the term `- x`: the sign moved inside
                if self.match(expr, other):
                    remaining = [j for j in free if j != i]
                    if self._assign(rest, remaining, source, kind, partial, used + 1):
                        return True
            return False
        own = self.value(expr)
        if own is None or len(free) > MAX_GROUP_TERMS:
            return False
        try:
            wanted = _signed(own, mark, kind)
        except (ZeroDivisionError, LimitExceeded, Unsupported, TypeError):
            return False
        for size in range(1, len(free) + 1):
            # (sums only: `2/5` for the factors `2` and `/5` of `1/8 * 2/5` is how a fraction is written)
            unknown_sum = kind == "+" and self.known is not None and not {own, -own} & self.known
            if size > 1 and unknown_sum:
                break
            for group in combinations(free, size):
                combined = self._combine([source[i] for i in group], kind)
                if combined is None or combined != wanted:
                    continue
                remaining = [j for j in free if j not in group]
                if self._assign(rest, remaining, source, kind, partial, used + size):
                    return True
        return False

    def _combine(self, terms: list[Term], kind: str) -> Number | None:
        self.tick()
        total: Number | None = None
        for mark, expr in terms:
            value = self.value(expr)
            if value is None:
                return None
            try:
                item = _signed(value, mark, kind)
                if total is None:
                    total = item
                elif kind == "+":
                    total = total + item
                else:
                    total = total * item
            except (ZeroDivisionError, LimitExceeded, Unsupported, TypeError):
                return None
        return total


def _signed(value: Number, mark: int, kind: str) -> Number:
    if kind == "+":
        return value if mark > 0 else -value
    return value if mark > 0 else 1 / value


Atom = Callable[[Expr], bool]
MINUS_ONE = Num(Fraction(-1))


def _additive(expr: Expr) -> bool:
    return (isinstance(expr, Bin) and expr.op in "+-") or (isinstance(expr, Neg) and not is_literal(expr))


def _multiplicative(expr: Expr) -> bool:
    return isinstance(expr, Bin) and expr.op in "*/" and not is_literal(expr)


def _terms(expr: Expr, mark: int, atom: Atom) -> list[Term]:
    """The signed terms of a sum, flattened (atoms stay whole: `-3` is one term)."""
    if atom(expr):
        return [(mark, expr)]
    if isinstance(expr, Bin) and expr.op in "+-":
        right = mark if expr.op == "+" else -mark
        return _terms(expr.left, mark, atom) + _terms(expr.right, right, atom)
    if isinstance(expr, Neg):
        return _terms(expr.arg, -mark, atom)
    return [(mark, expr)]


def _factors(expr: Expr, mark: int, atom: Atom) -> list[Term]:
    """The factors of a product with their powers (+1, or -1 for a divisor), flattened."""
    if atom(expr):
        return [(mark, expr)]
    if isinstance(expr, Bin) and expr.op in "*/":
        right = mark if expr.op == "*" else -mark
        return _factors(expr.left, mark, atom) + _factors(expr.right, right, atom)
    if isinstance(expr, Neg):  # -e is (-1) × e
        return [(1, MINUS_ONE), *_factors(expr.arg, mark, atom)]
    return [(mark, expr)]

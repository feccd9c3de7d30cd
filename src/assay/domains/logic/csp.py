"""Finite-domain puzzles as SAT: one boolean per (variable, value), constraints as clauses.

Every logic puzzle in assay is a set of variables with small domains (a sudoku cell, a person's role,
a house's colour) plus constraints. `Csp` turns them into CNF for a SAT solver (python-sat's MiniSat),
and answers the three questions the domain needs:

- `count(limit)`: how many solutions, up to limit (2 is enough to prove uniqueness),
- `entails(facts, claim)`: does the puzzle plus these facts force this claim (UNSAT of the negation),
- `solve()`: one solution.

Formulas (knights and knaves, propositional logic) are nested lists, never text:
    ["var", key, value]  ["not", f]  ["and", f, ...]  ["or", f, ...]  ["implies", f, g]  ["iff", f, g]
    ["true"]  ["false"]
They are encoded with Tseitin variables; `evaluate` computes them directly for the second solvers.
"""

from __future__ import annotations

import atexit
import itertools
import weakref
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

from assay.errors import InputError

Key = Hashable
Formula = list[Any]
MAX_FORMULA_NODES = 10_000
MAX_FORMULA_DEPTH = 64


class Csp:
    def __init__(self) -> None:
        self.domains: dict[Key, tuple[Any, ...]] = {}
        self._lits: dict[tuple[Key, Any], int] = {}
        self._clauses: list[list[int]] = []
        # clauses all_different adds for the pigeonhole: a route (closure.index) leaves them out
        self.pigeonhole: set[tuple[int, ...]] = set()
        # formulas required but not encoded yet: a puzzle whose answer is checked by evaluation alone
        # (knights of a few people) never pays for their Tseitin encoding (see `clauses`)
        self._pending: list[Formula] = []
        self._next = 1
        self._solver: Any = None
        self._release: weakref.ref[Csp] | None = None  # the key of this puzzle's solver in _SOLVERS
        self._claims: dict[str, int] = {}
        # the literal the puzzle's own encoding gave each compound formula (a knight's statement), so
        # a claim that is that very formula is read as it (`closure.py`); claims encoded later are not.
        # Kept as pairs, keyed only when a refuted case needs them (building a puzzle stays cheap)
        self._encoded: list[tuple[Formula, int]] = []
        self.closure_index: object = None  # `closure.index`, built once per puzzle when first needed

    @property
    def clauses(self) -> list[list[int]]:
        """The puzzle's CNF (every required formula encoded)."""
        self._flush()
        return self._clauses

    @property
    def encoded(self) -> list[tuple[Formula, int]]:
        self._flush()
        return self._encoded

    def _flush(self) -> None:
        while self._pending:
            formula = self._pending.pop(0)
            self._clauses.append([self._encode(formula)])

    def _new(self) -> int:
        var = self._next
        self._next += 1
        return var

    def fresh(self) -> int:
        """A new helper boolean (not a puzzle variable)."""
        return self._new()

    def variable(self, key: Key, domain: Iterable[Any]) -> None:
        """A variable taking exactly one value of domain."""
        values = tuple(domain)
        if key in self.domains or not values:
            raise ValueError(f"variable {key!r} is defined twice or has an empty domain")
        self.domains[key] = values
        lits = []
        for value in values:
            lit = self._new()
            self._lits[(key, value)] = lit
            lits.append(lit)
        self.exactly_one(lits)

    def lit(self, key: Key, value: Any) -> int:
        """The literal 'key = value'; KeyError if there is no such variable or value."""
        return self._lits[(key, value)]

    def possible(self, key: Key, value: Any) -> bool:
        """False if value was never in key's domain (ruled out before solving)."""
        return (key, value) in self._lits

    def exactly_one(self, lits: Sequence[int]) -> None:
        self._clauses.append(list(lits))
        self._clauses += [[-a, -b] for a, b in itertools.combinations(lits, 2)]

    def at_most_one(self, lits: Sequence[int]) -> None:
        self._clauses += [[-a, -b] for a, b in itertools.combinations(lits, 2)]

    def all_different(self, keys: Sequence[Key]) -> None:
        values = set().union(*(self.domains[k] for k in keys))
        for value in values:
            holders = [self._lits[(k, value)] for k in keys if (k, value) in self._lits]
            self.at_most_one(holders)
            if len(keys) == len(values):
                # as many keys as values: every value is taken by one of them (the pigeonhole, which unit
                # reasoning cannot see alone: "house 1 has no dog and no rabbit, so the fish is there")
                self.clause(holders)
                self.pigeonhole.add(tuple(holders))

    def clause(self, lits: Iterable[int]) -> None:
        self._clauses.append(list(lits))

    def require(self, formula: Formula) -> None:
        """Add a formula that must hold (encoded when the clauses are first needed)."""
        self._pending.append(formula)

    def formula(self, formula: Formula) -> int:
        """A literal equivalent to formula (Tseitin). The caller has checked it (`check_formula`)."""
        return self._encode(formula)

    def _encode(self, f: Formula) -> int:
        # every puzzle made is encoded (its uniqueness is proven by SAT): list displays rather than
        # generators, and the variable counter inline, keep this cheap
        op = f[0]
        if op == "var":
            return self._lits[(f[1], f[2])]
        if op == "not":
            return -self._encode(f[1])
        if op in ("true", "false"):
            lit = self._new()
            self._clauses.append([lit] if op == "true" else [-lit])
            return lit
        parts = [self._encode(g) for g in f[1:]]
        out = self._next
        self._next = out + 1
        if self._solver is None:
            self._encoded.append((f, out))
        clauses = self._clauses
        if op == "implies":
            parts = [-parts[0], parts[1]]
            op = "or"
        if op == "and":
            clauses += [[-out, p] for p in parts]
            clauses.append([out, *[-p for p in parts]])
        elif op == "or":
            clauses.append([-out, *parts])
            clauses += [[out, -p] for p in parts]
        else:  # iff
            a, b = parts
            clauses += [[-out, -a, b], [-out, a, -b], [out, a, b], [out, -a, -b]]
        return out

    # --- solving ---------------------------------------------------------------------------------------

    @property
    def _sat(self) -> Any:
        """One incremental solver for every question; clauses added later hang on activation literals,
        so they apply only to the call that assumes them."""
        if self._solver is None:
            from pysat.solvers import Minisat22  # (the class itself: `Solver(name=...)` costs a lookup)

            self._solver = Minisat22(bootstrap_with=self.clauses)
            # freed when this puzzle is, or at interpreter exit while python-sat's modules still exist
            # (its own destructor, run during module teardown, would find them gone): `_free`
            self._release = weakref.ref(self, _free)
            _SOLVERS[self._release] = self._solver
        return self._solver

    def _decode(self, model: Sequence[int]) -> dict[Key, Any]:
        true = {lit for lit in model if lit > 0}
        return {key: value for (key, value), lit in self._lits.items() if lit in true}

    def solutions(self, limit: int) -> list[dict[Key, Any]]:
        """Up to limit distinct solutions (distinct in the puzzle's variables)."""
        found: list[dict[Key, Any]] = []
        solver = self._sat
        projection = list(self._lits.values())
        active: list[int] = []
        while len(found) < limit and solver.solve(assumptions=active):
            model = solver.get_model()
            found.append(self._decode(model))
            on = set(model)
            switch = self.fresh()
            solver.add_clause([-switch, *(-lit for lit in projection if lit in on)])
            active.append(switch)
        return found

    def count(self, limit: int = 2) -> int:
        return len(self.solutions(limit))

    def entails(self, facts: Mapping[Key, Any], claim: tuple[Key, Any]) -> bool:
        """True if the puzzle with facts (key = value) leaves claim as the only possibility."""
        if not self.possible(*claim):
            return False
        assumptions = [self.lit(k, v) for k, v in facts.items()]
        return not self._sat.solve(assumptions=[*assumptions, -self.lit(*claim)])

    def deduction_order(self, solution: Mapping[Key, Any]) -> list[tuple[Key, Any, str]]:
        """The solution as steps (key, value, how): what unit propagation forces from the puzzle and the
        steps before it comes first ("forced"); when nothing is forced, the next key in order is settled
        by refutation ("every other value contradicts"). Only valid for a puzzle proven unique."""
        known: dict[Key, Any] = {}
        order = {key: i for i, key in enumerate(self.domains)}
        steps: list[tuple[Key, Any, str]] = []
        by_lit = {lit: kv for kv, lit in self._lits.items()}
        while len(known) < len(order):
            _, implied = self._sat.propagate(assumptions=[self.lit(k, v) for k, v in known.items()])
            new = []
            for lit in implied or ():
                kv = by_lit.get(lit)
                if kv is not None and kv[0] not in known:
                    new.append(kv)
            if new:
                for key, value in sorted(new, key=lambda kv: order[kv[0]]):
                    if key not in known:
                        known[key] = value
                        steps.append((key, value, "forced"))
                continue
            key = next(k for k in order if k not in known)
            known[key] = solution[key]
            steps.append((key, solution[key], "refutation"))
        return steps

    # --- claims read from model text ------------------------------------------------------------------

    def known(self, formula: Formula) -> bool:
        """True if every variable the formula names exists (its value may have been ruled out)."""
        if formula[0] == "var":
            return formula[1] in self.domains
        return all(self.known(g) for g in formula[1:])

    def claim(self, formula: Formula) -> int:
        """A literal equivalent to a claim, its definition added to the live solver. A value ruled out
        before solving (a sudoku digit its row already holds) is simply false. The definitions are
        equivalences on fresh variables, so they never constrain the puzzle and can stay for every
        later question; they are cached, so a puzzle shared by many candidates does not grow without
        bound. The caller has checked `known(formula)`."""
        cache_key = repr(formula)
        if cache_key in self._claims:
            return self._claims[cache_key]
        # the solver first: the puzzle is encoded (and its `encoded` list closed) before any claim is
        solver = self._sat
        before = len(self._clauses)
        lit = self._encode(self._ground(formula))
        for clause in self._clauses[before:]:
            solver.add_clause(clause)
        del self._clauses[before:]  # they live in the solver now; `clauses` stays the puzzle alone
        self._claims[cache_key] = lit
        return lit

    def _ground(self, f: Formula) -> Formula:
        if f[0] == "var":
            return f if self.possible(f[1], f[2]) else ["false"]
        if f[0] in ("true", "false"):
            return f
        return [f[0], *(self._ground(g) for g in f[1:])]

    def follows(self, facts: Sequence[Formula], claim: Formula) -> bool:
        """True if the puzzle and the facts leave no model in which the claim is false."""
        assumptions = [self.claim(f) for f in facts]
        return not self._sat.solve(assumptions=[*assumptions, -self.claim(claim)])

    def satisfiable(self, facts: Sequence[Formula]) -> bool:
        """True if the puzzle and the facts hold together in some model."""
        return bool(self._sat.solve(assumptions=[self.claim(f) for f in facts]))

    def consistent(self, facts: Mapping[Key, Any]) -> bool:
        return bool(self._sat.solve(assumptions=[self.lit(k, v) for k, v in facts.items()]))

    def close(self) -> None:
        if self._release is not None:
            _free(self._release)
            self._release = None
        self._solver = None


# The live puzzles' solvers, by a weak reference to their puzzle: what `weakref.finalize` does, at a tenth
# of its cost (a puzzle is built for every problem made, and each proves its uniqueness with a solver)
_SOLVERS: dict[weakref.ref[Csp], Any] = {}


def _free(puzzle: weakref.ref[Csp]) -> None:
    """Delete the solver of a puzzle that is closed or gone (once: a second call finds none)."""
    solver = _SOLVERS.pop(puzzle, None)
    if solver is not None:
        solver.delete()


@atexit.register
def _free_all() -> None:
    """At exit, before module teardown, the solvers of puzzles still alive."""
    for puzzle in list(_SOLVERS):
        _free(puzzle)


def check_formula(formula: Any, domains: Mapping[Key, Sequence[Any]] | None = None) -> None:
    """InputError unless formula is a well-formed, bounded formula over known variables."""
    _check(formula, 0, domains, [MAX_FORMULA_NODES])


_ARITY = {"true": 0, "false": 0, "not": 1, "implies": 2, "iff": 2}


def _check(f: Any, depth: int, domains: Mapping[Key, Sequence[Any]] | None, budget: list[int]) -> None:
    # a module function, not a closure that calls itself: such a closure is a reference cycle, left to
    # the cyclic collector after every formula checked
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_FORMULA_DEPTH:
        raise InputError("a formula is too large or too deeply nested")
    if not isinstance(f, list) or not f or not isinstance(f[0], str):
        raise InputError(f"not a formula: {str(f)[:80]}")
    op = f[0]
    if op == "var":
        if len(f) != 3:
            raise InputError("['var', key, value] takes two arguments")
        if domains is not None:
            key = tuple(f[1]) if isinstance(f[1], list) else f[1]
            if key not in domains or f[2] not in domains[key]:
                raise InputError(f"unknown variable or value in {str(f)[:80]}")
        return
    arity = _ARITY.get(op)
    if arity is None:
        if op not in ("and", "or"):
            raise InputError(f"unknown operator {op!r}")
        if len(f) == 1:
            raise InputError(f"'{op}' needs at least one argument")
    elif len(f) - 1 != arity:
        raise InputError(f"'{op}' takes {arity} argument(s)")
    for g in f[1:]:
        _check(g, depth + 1, domains, budget)


def evaluate(formula: Formula, assignment: Mapping[Any, Any]) -> bool:
    """The formula's truth value under a complete assignment (no solver)."""
    op = formula[0]
    if op == "var":
        return bool(assignment[formula[1]] == formula[2])
    if op == "true":
        return True
    if op == "false":
        return False
    if op == "not":
        return not evaluate(formula[1], assignment)
    if op == "and":
        return all(evaluate(g, assignment) for g in formula[1:])
    if op == "or":
        return any(evaluate(g, assignment) for g in formula[1:])
    if op == "implies":
        return (not evaluate(formula[1], assignment)) or evaluate(formula[2], assignment)
    if op == "iff":
        return evaluate(formula[1], assignment) == evaluate(formula[2], assignment)
    raise InputError(f"unknown operator {op!r}")

"""What a refuted case really lets one say: a consistent unit-propagation closure.

A claim made under an assumption H is checked by entailment from H and the puzzle. When H contradicts
the puzzle (every refuted case of a case analysis), everything is entailed, so entailment cannot tell
"Suppose Ava is a knave. Then Ben is a knight" (the step her words force) from "... Then Ben is a
knave" (wrong). Inside such a case a claim is valid only when the forward reasoning a case analysis
uses derives it: unit resolution from H over the puzzle's CNF, along a chain that does not pass
through the contradiction.

The closure (`derive`): a literal is derived when a clause has every other literal falsified by
literals already present (its premises), and those premises, with everything their own derivations
used (their support), are consistent: no x with not-x, no two values of one puzzle variable. What the
puzzle forces outright (its level-0 units) is present with itself as support. The derived literal may
clash with its support or with what the puzzle forces: that is the step at which the case reaches its
contradiction ("... so Ava is a knight, contradicting the assumption"). Such a literal is kept but only
restated in its variable's other values ("not a knight" is "a knave"), never used for a new step.
Propagation never stops at a conflict; a literal is recorded once (replaced only by a consistent
record, or a clashing one with a smaller support), so it terminates.

A claim may state (`Closure.shown`) a consistently derived literal, or a clashing one whose support's
puzzle variables the case has already settled in its own steps: the last step of a chain the writer
showed, not a jump to its far end ("Suppose Ava is a knave. Then her statement is true."). When the
closure has not clashed, a literal is also derived if its opposite clashes at once ("if Tess were a
knave ... contradiction; so Tess is a knight"). Compound claims are evaluated in three values over the
closure, or matched to the Tseitin literal the puzzle's encoding gave that very formula.

A case "reaches a contradiction" (`refutes`) when its closure holds x and not-x, or when one more split
on a puzzle value does it both ways (a liar's paradox one look away). Chaining on the case's own earlier
claims is not allowed: a claim taken as a premise with no support of its own forgets how it was
reached, and after the clash the case could reach anything again. Every step here is sound unit
resolution, so on a satisfiable H the closure holds only what H entails; it is used only when H is not.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assay.domains.logic.csp import Csp, Formula


def _bit(lit: int) -> int:
    return 1 << (2 * lit if lit > 0 else -2 * lit + 1)


@dataclass(frozen=True)
class Index:
    """The puzzle's CNF, what it forces outright (its level-0 units, each its own support), its
    occurrence lists and, per value, the other values of its variable (as bits)."""

    axioms: frozenset[int]
    clauses: tuple[tuple[int, ...], ...]
    occurs: dict[int, tuple[int, ...]]  # literal -> indexes of clauses holding it
    excludes: dict[int, int]  # a value -> bits of the other values of its variable
    same_key: tuple[bool, ...]  # per clause: all its literals are values of one puzzle variable
    named: dict[str, int]  # repr(formula) -> the literal the puzzle's encoding gave it
    keys: dict[int, Any]  # SAT variable -> the puzzle variable it is one value of


def index(csp: Csp, route: bool = False) -> Index:
    """Built once per puzzle and kept on it (a puzzle shared by many candidates builds it once). With
    route, the axioms are only the puzzle's own unit clauses (its givens), not what propagation forces
    from them: see `derive`."""
    cached = csp.closure_index
    if not isinstance(cached, dict):
        cached = csp.closure_index = {}
    found = cached.get(route)
    if isinstance(found, Index):
        return found
    axioms: set[int] = set()
    # a literal repeated ("r false or q false or q false") is one literal; a clause holding x and not-x
    # says nothing
    clauses = [tuple(dict.fromkeys(c)) for c in csp.clauses if not any(-lit in c for lit in c)]
    if route:  # the pigeonhole is propagation's to use, not a given the writer's route must start from
        clauses = [c for c in clauses if c not in csp.pigeonhole]
    changed = not route
    if route:
        axioms = {clause[0] for clause in clauses if len(clause) == 1}
    while changed:  # plain unit propagation: the puzzle is satisfiable, so this never conflicts
        changed = False
        for clause in clauses:
            open_ = [lit for lit in clause if -lit not in axioms]
            if any(lit in axioms for lit in clause) or len(open_) != 1:
                continue
            axioms.add(open_[0])
            changed = True
    # clauses the axioms satisfy stay: a seed that breaks one ("Suppose painting is in house 2", with
    # the Swede fixed there) still derives what the clause says, and the clash with the axiom is seen
    simple = clauses
    named: dict[str, int] = {}
    for formula, lit in csp.encoded:
        named.setdefault(repr(formula), lit)
    keys = {
        csp.lit(key, value): key
        for key, values in csp.domains.items()
        for value in values
        if csp.possible(key, value)
    }
    occurs: dict[int, list[int]] = {}
    excludes: dict[int, int] = {}
    for i, clause in enumerate(simple):
        for lit in clause:
            occurs.setdefault(lit, []).append(i)
        a, b = clause if len(clause) == 2 else (0, 0)
        if a < 0 and b < 0 and (route or keys.get(-a, a) == keys.get(-b, b)):
            # two values of one puzzle variable: a chain holding both is inconsistent. Other binary
            # clauses are constraints a chain may break at its last step ("r is false, so q is true
            # by premise 2; q is false by premise 4"): that is the contradiction, not a step past it.
            # On a route, where what propagation forces is not present to clash with, two values in
            # one house (any such pair) make a chain inconsistent too: it may end there, never go on
            excludes[-a] = excludes.get(-a, 0) | _bit(-b)
            excludes[-b] = excludes.get(-b, 0) | _bit(-a)
    built = Index(
        frozenset(axioms),
        tuple(simple),
        {lit: tuple(found) for lit, found in occurs.items()},
        excludes,
        tuple(
            len({keys.get(abs(lit)) for lit in clause}) == 1 and abs(clause[0]) in keys for clause in simple
        ),
        named,
        keys,
    )
    cached[route] = built
    return built


@dataclass(frozen=True)
class _Record:
    support: int  # bits of every literal the derivation used, this one included
    forbidden: int  # bits of every literal those exclude

    @property
    def consistent(self) -> bool:
        return not self.support & self.forbidden


@dataclass(frozen=True)
class Closure:
    """The literals derived from the seeds, each with how it was reached."""

    axioms: frozenset[int]
    records: dict[int, _Record]
    named: dict[str, int]
    keys: dict[int, Any]
    impossible: bool = False  # a seed is a value the puzzle ruled out before solving
    seeds: tuple[int, ...] = ()
    route: bool = False  # built over the puzzle's givens only (`derive`)

    def has(self, lit: int) -> bool:
        return lit in self.axioms or lit in self.records

    def shown(self, lit: int, reached: frozenset[Any] | None) -> bool:
        """True if a claim may state lit: derived consistently, or the clashing last step of a chain
        whose puzzle variables (its own too: the value it clashes with) the case has settled (reached;
        None: no such condition). A clash reached through steps the writer never showed ("Suppose Ava
        is a knave. Then her statement is true.") is a jump to the contradiction's far end."""
        if lit in self.axioms:
            return True
        record = self.records.get(lit)
        if record is None:
            return False
        if record.consistent or reached is None:
            return True
        own = self.keys.get(abs(lit))
        keys: list[Any] = []
        restates = False  # the support holds a clashing value of lit's own variable
        used = record.support & ~_bit(lit)
        support, var = used, 0
        while support:
            for held in (var, -var) if support & 3 else ():
                if not used & _bit(held):
                    continue
                keys.append(self.keys.get(var))
                found = self.records.get(held)
                if self.keys.get(var) == own and held not in self.axioms and found and not found.consistent:
                    restates = True
            support >>= 2
            var += 1
        # a direct clash with what the puzzle forces outright ("painting in house 2, so the Swede is
        # not": the Swede is given there) needs no earlier step on lit's own variable, nor does one
        # reached from its other values each ruled out consistently ("green in house 2, so blue is in
        # house 3", which a clue forbids); a restatement of a clash ("so the Swede is in house 1") does
        given = own if -lit in self.axioms and not restates else None
        return all(key is None or key == given or key in reached for key in keys)

    @property
    def clash(self) -> bool:
        """True if some literal and its negation are both derived: the case reaches a contradiction."""
        return self.impossible or any(self.has(-lit) for lit in self.records)

    def _lit(self, csp: Csp, lit: int, reached: frozenset[Any] | None) -> bool:
        """Shown, or refuted one look away: when the case's own closure has not clashed yet, and its
        opposite clashes with it ("if Tess were a knave, Jade ... contradiction; so Tess is a knight").
        Never once the closure holds a clash: then every such look clashes, and proves nothing."""
        if self.shown(lit, reached):
            return True
        if self.route or self.clash or lit in self.records or -lit in self.records:
            return False
        return derive(csp, [s for s in (*self.seeds, -lit) if s]).clash

    def decides(self, csp: Csp, formula: Formula, reached: frozenset[Any] | None) -> tuple[bool, bool]:
        """(derivable true, derivable false), in three values over the closure; reached: the puzzle
        variables the case has settled so far (see `shown`), None to ask only what the closure holds."""
        named = self.named.get(repr(formula))
        if named is not None and (self.shown(named, reached) or self.shown(-named, reached)):
            return self.shown(named, reached), self.shown(-named, reached)
        op = formula[0]
        if op == "var":
            if not csp.possible(formula[1], formula[2]):
                return False, True  # a value ruled out before solving is simply false
            lit = csp.lit(formula[1], formula[2])
            return self._lit(csp, lit, reached), self._lit(csp, -lit, reached)
        if op in ("true", "false"):
            return op == "true", op == "false"
        parts = [self.decides(csp, g, reached) for g in formula[1:]]
        if op == "not":
            return parts[0][1], parts[0][0]
        if op == "and":
            return all(t for t, _ in parts), any(f for _, f in parts)
        if op == "or":
            return any(t for t, _ in parts), all(f for _, f in parts)
        (ta, fa), (tb, fb) = parts
        if op == "implies":
            return fa or tb, ta and fb
        return (ta and tb) or (fa and fb), (ta and fb) or (fa and tb)  # iff


def seed_literals(csp: Csp, formulas: Iterable[Formula]) -> list[int]:
    """The literals of the formulas that are literals or conjunctions of them (or a compound the puzzle's
    encoding named). Any other formula (a disjunction assumed, "Sam and Kai are the same type") is left
    out: a closure from fewer seeds derives less, never anything its seeds do not give."""
    found: list[int] = []
    names = index(csp).named
    for formula in formulas:
        named = names.get(repr(formula))
        if named is not None:
            found.append(named)
            continue
        if formula[0] == "and":
            found += seed_literals(csp, formula[1:])
            continue
        positive = True
        while formula[0] == "not":
            formula, positive = formula[1], not positive
        if formula[0] != "var" or not csp.known(formula):
            continue
        if not csp.possible(formula[1], formula[2]):
            if positive:
                found.append(0)  # assuming a value ruled out before solving: a clash at once
            continue
        lit = csp.lit(formula[1], formula[2])
        found.append(lit if positive else -lit)
    return found


def denies_assumption(csp: Csp, reached: Closure, formula: Formula) -> bool:
    """True if the formula's literals flatly deny a seed ("Lena is a knave" under "Suppose Lena is a
    knight"): the case's conclusion, stated before its steps, rather than a wrong step inside it."""
    idx = index(csp)
    lits = [lit for lit in seed_literals(csp, [formula]) if lit]
    return any(
        -lit in reached.seeds or any(idx.excludes.get(lit, 0) & _bit(s) for s in reached.seeds)
        for lit in lits
    )


def derive(csp: Csp, seeds: Sequence[int], route: bool = False) -> Closure:
    """The consistent unit-propagation closure of seeds over the puzzle (see the module's docstring).

    With route, what the puzzle forces beyond its givens is derived alongside the seeds, each literal
    with its own support, instead of being present outright: the route a writer takes through a case
    ("Suppose Cal is in house 3. Then Ann is in house 2 ...") then reaches its clash at the step the
    writer does, not at its first step because propagation alone had already placed Ann in house 3."""
    idx = index(csp, route)
    records: dict[int, _Record] = {}
    queue: deque[int] = deque()
    impossible = False

    def present(lit: int) -> _Record | None:
        if lit in idx.axioms:
            # what the puzzle forces outright is a premise like any other: its own support, so a chain
            # from an assumption that breaks it ("Suppose painting is in house 2") cannot use both
            return _Record(_bit(lit), idx.excludes.get(lit, 0) | _bit(-lit))
        return records.get(lit)

    given = 0
    for axiom in idx.axioms if route else ():
        given |= _bit(axiom)

    def add(lit: int, record: _Record, seed: bool = False) -> None:
        old = records.get(lit)
        if lit in idx.axioms or (old is not None and old.consistent):
            return
        if (
            old is not None
            and not record.consistent
            and record.support.bit_count() >= old.support.bit_count()
        ):
            return  # two clashing derivations: the shorter one is kept (what `shown` asks of a claim)
        # derived against what the puzzle forces (on a route: a given, or a value a given excludes,
        # "hiking in house 2" where piano is given): a clash
        if (-lit in idx.axioms or (route and idx.excludes.get(lit, 0) & given)) and not seed:
            record = _Record(record.support, record.forbidden | _bit(lit))
        records[lit] = record
        # a clashing literal is used only to restate itself in its variable's other values ("not a
        # knight" is "a knave"): a new inference from it would be a step past the contradiction
        queue.append(lit)

    if route:
        queue.extend(sorted(idx.axioms))  # each given is its own support (`present`)
    for seed in seeds:
        if seed == 0:
            impossible = True
            continue
        add(seed, _Record(_bit(seed), idx.excludes.get(seed, 0) | _bit(-seed)), seed=True)
    while queue:
        lit = queue.popleft()
        restating = not records[lit].consistent if lit in records else False
        for i in idx.occurs.get(-lit, ()):
            clause = idx.clauses[i]
            if restating and not idx.same_key[i]:
                continue
            falsified = [present(-other) for other in clause]
            missing = [
                k for k, rec in enumerate(falsified) if rec is None or not (rec.consistent or idx.same_key[i])
            ]
            if len(missing) > 1:
                continue
            for k in missing or range(len(clause)):
                support = forbidden = 0
                for j, rec in enumerate(falsified):
                    if j != k:
                        assert rec is not None  # every other literal is falsified
                        support |= rec.support
                        forbidden |= rec.forbidden
                if support & forbidden and not idx.same_key[i]:
                    continue  # the premises already clash: a step through the contradiction
                target = clause[k]
                add(
                    target,
                    _Record(
                        support | _bit(target),
                        forbidden | idx.excludes.get(target, 0) | _bit(-target),
                    ),
                )
    return Closure(idx.axioms, records, idx.named, idx.keys, impossible, tuple(seeds), route)


MAX_PROBES = 48  # split variables tried by `refutes`: bounded work, never a timing


def refutes(csp: Csp, seeds: Sequence[int], reached: Closure) -> bool:
    """True if the seeds reach a contradiction by the reasoning a case analysis shows: their closure
    clashes, or one more split does it (some puzzle value x such that both x and not-x clash with
    them, "Ben would be a knight exactly when he is not": a liar's paradox one look away). Deeper
    refutations are real but not shown by a trace that only says "contradiction"; they stay unknown."""
    if reached.clash:
        return True
    tried = 0
    for var in sorted(reached.keys):
        if reached.has(var) or reached.has(-var):
            continue
        if tried >= MAX_PROBES:
            return False
        tried += 1
        if derive(csp, [*seeds, var]).clash and derive(csp, [*seeds, -var]).clash:
            return True
    return False


def close(csp: Csp, formulas: Sequence[Formula], cache: dict[str, Any], route: bool = False) -> Closure:
    """The closure of these formulas (facts, assumptions), once per case."""
    key = f"{route}:{formulas!r}"
    if key not in cache:
        cache[key] = derive(csp, seed_literals(csp, formulas), route)
    found = cache[key]
    assert isinstance(found, Closure)
    return found


def placed_elsewhere(csp: Csp, case: Sequence[Formula], known: Sequence[Formula], lit: int) -> bool:
    """True if one clause of the puzzle places lit's variable at another value, with every other literal
    of it falsified by the case's own literals (its assumptions and claims, at least one of them a
    premise), the known facts and the puzzle's givens (not what propagation forces from them, which a
    contradictory case may break): "Suppose Cal is in house 3. ... Then Ben is in house 1. Then the
    pilot is in house 3", where the pilot's clue puts it in house 2. Such a claim is a wrong step inside
    the case even when the puzzle's solution agrees with it. A value ruled out only by another
    variable's value ("Then the chef is in house 2", where the case put the pilot) is the case's clash,
    which the writer may state, and is not asked about here."""
    idx = index(csp, route=True)
    own = idx.keys.get(abs(lit))
    if own is None or len(_values(idx, abs(lit))) < 2:
        # a yes/no variable's other value is its negation: a chain that reaches it is the case's clash
        # ("Then Cal is a knave. ... Then Cal is a knight"), judged by the closure
        return False
    mine = {x for x in seed_literals(csp, case) if x}
    present = set(idx.axioms) | {x for x in seed_literals(csp, known) if x} | mine
    for x in list(mine):  # "Ann is in house 2" says she is in no other house
        if x > 0:
            present |= {-y for y in _values(idx, x)}
    case_bits = {-x for x in mine} | {y for x in mine if x > 0 for y in _values(idx, x)}
    for clause in idx.clauses:
        open_ = [x for x in clause if -x not in present]
        if len(open_) != 1 or open_[0] < 0 or open_[0] == lit or idx.keys.get(open_[0]) != own:
            continue
        if open_[0] in mine:
            continue  # the value the case already gave it: this claim is the clash, stated
        if lit > 0 and any(x in case_bits for x in clause):
            return True  # another value of lit's variable, forced by the case
        if lit < 0 and open_[0] == -lit and any(x in case_bits for x in clause):
            return True  # "x is not v", where the case forces x = v
    return False


def _values(idx: Index, lit: int) -> list[int]:
    """The other values of lit's puzzle variable."""
    own = idx.keys.get(lit)
    return [var for var, key in idx.keys.items() if key == own and var != lit]


def contradicts(csp: Csp, formulas: Sequence[Formula], cache: dict[str, Any]) -> bool:
    """True if these formulas reach a contradiction the way `refutes` accepts."""
    return refutes(csp, [s for s in seed_literals(csp, formulas) if s], close(csp, formulas, cache))

"""Procedural logic tasks. Every puzzle is proven to have exactly one solution before it is returned (by
SAT; knights, which have few people, by trying every assignment twice), and carries a deduction trace
whose every claim is entailed by the puzzle and the claims before it, then the answer.

    Step 1: r6c9 = 2 [the only place for 2 in column 9]
    ...
    Answer:
    7 1 6 ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from assay.domains.logic import knights, nonogram, propositional, sudoku, zebra
from assay.domains.logic.csp import Csp, evaluate
from assay.errors import ConfigError
from assay.records import Problem
from assay.tasks import ProceduralTask

MAX_TRIES = 500


class _LogicTask(ProceduralTask):
    domain: ClassVar[str] = "logic"

    def _problem(
        self, seed: int, index: int, prompt: str, reference: dict[str, Any], steps: list[str], answer: str
    ) -> Problem:
        lines = [f"Step {i}: {step}" for i, step in enumerate(steps, 1)]
        reference = {**reference, "answer": answer, "trace": "\n".join([*lines, "Answer:", answer])}
        return self.problem(seed, index, prompt, reference)


def _unique(csp: Csp) -> dict[Any, Any] | None:
    solutions = csp.solutions(2)
    return solutions[0] if len(solutions) == 1 else None


_REASONS = {
    "forced": "forced by the clues and the steps above",
    "refutation": "any other value contradicts the clues and the steps above",
}


def _steps(csp: Csp, solution: Mapping[Any, Any], claim: Any) -> list[str]:
    return [f"{claim(key, value)} [{_REASONS[how]}]" for key, value, how in csp.deduction_order(solution)]


def _range(task: str, key: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ConfigError(f"task {task}: config key {key!r} must be in [{low}, {high}], not {value}")


# --- sudoku -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SudokuConfig:
    size: int = 9  # 4, 6 or 9
    technique: str = "hidden"  # "naked": naked singles only; "hidden": naked and hidden singles
    min_clues: int = 0  # stop removing givens at this many (more clues: easier)

    def __post_init__(self) -> None:
        if self.size not in sudoku.BOXES:
            raise ConfigError(f"task sudoku: size must be 4, 6 or 9, not {self.size}")
        if self.technique not in ("naked", "hidden"):
            raise ConfigError("task sudoku: technique must be 'naked' or 'hidden'")
        _range("sudoku", "min_clues", self.min_clues, 0, self.size * self.size)


class Sudoku(_LogicTask):
    name = "sudoku"
    description = "Sudoku 4×4, 6×6 or 9×9; difficulty by clue count and the singles the solver needs."
    Config = SudokuConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: SudokuConfig = self.config
        rng = self.rng(seed, index)
        puzzle, steps, _ = sudoku.generate(cfg.size, rng, cfg.technique == "hidden", cfg.min_clues)
        reference = {"kind": "sudoku", "puzzle": puzzle}
        solution = _unique(sudoku.build(reference))
        if solution is None:  # cannot happen: every removal kept a forced deduction
            raise AssertionError(f"sudoku generator made a puzzle without a unique solution: {puzzle}")
        trace = [f"{step.split(': ', 1)[0]} [{step.split(': ', 1)[1]}]" for step in steps]
        answer = sudoku.format_answer(reference, solution)
        return self._problem(seed, index, sudoku.prompt(reference), reference, trace, answer)


# --- knights and knaves -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnightsConfig:
    people: int = 3
    depth: int = 2  # nesting of and/or/iff/implies/not in a statement

    def __post_init__(self) -> None:
        _range("knights", "people", self.people, 2, 8)
        _range("knights", "depth", self.depth, 1, 3)


class KnightsKnaves(_LogicTask):
    name = "knights"
    description = "Knights (truthful) and knaves (liars): statements with and, or, iff, if-then and not."
    Config = KnightsConfig
    # version 2: uniqueness proven by enumerating every assignment of roles, twice, with code that shares
    # nothing (no SAT solver: its trace depended on what the solver had learnt); every step's reason is
    # that the other role contradicts the statements and the steps before
    version = "2"

    def generate(self, seed: int, index: int) -> Problem:
        cfg: KnightsConfig = self.config
        rng = self.rng(seed, index)
        people = rng.sample(knights.NAMES, cfg.people)
        for _ in range(MAX_TRIES):
            statements = {p: knights.random_statement(rng, p, people, cfg.depth) for p in people}
            reference = {"kind": "knights", "people": people, "statements": statements}
            # at most 2**8 assignments: every one is tried, by truth tables (`enumerate_solutions`) and
            # again statement by statement (`brute_count`), two counts that share no code
            solutions = knights.enumerate_solutions(reference, 2)
            if len(solutions) != 1:
                continue
            if knights.brute_count(reference) != 1:  # cannot happen unless one of the two counts is wrong
                raise AssertionError(f"knights: the two counts of solutions disagree on {statements}")
            solution = solutions[0]
            # the solution is the only assignment: whatever the steps before, the other role for the next
            # person contradicts the statements
            steps = [f"{p} is a {solution[p]} [{_REASONS['refutation']}]" for p in people]
            answer = knights.format_answer(reference, solution)
            return self._problem(seed, index, knights.prompt(reference), reference, steps, answer)
        raise ConfigError(f"task knights: no uniquely solvable puzzle in {MAX_TRIES} tries")


# --- zebra ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZebraConfig:
    houses: int = 4
    attributes: int = 3
    clue_kinds: str = "same,different,position,not_position,left_of,next_to,before"

    def __post_init__(self) -> None:
        _range("zebra", "houses", self.houses, 2, 6)
        _range("zebra", "attributes", self.attributes, 1, len(zebra.ATTRIBUTES))
        bad = set(self.clue_kinds.split(",")) - set(zebra.KINDS)
        if bad:
            raise ConfigError(f"task zebra: unknown clue kind(s) {sorted(bad)}; known: {list(zebra.KINDS)}")


class Zebra(_LogicTask):
    name = "zebra"
    description = "Zebra puzzles: n houses × m attributes; same-house, position, neighbour, order clues."
    Config = ZebraConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: ZebraConfig = self.config
        rng = self.rng(seed, index)
        names = rng.sample(sorted(zebra.ATTRIBUTES), cfg.attributes)
        attributes = {a: rng.sample(zebra.ATTRIBUTES[a], cfg.houses) for a in names}
        truth = {
            (a, v): house
            for a in names
            for v, house in zip(attributes[a], rng.sample(range(1, cfg.houses + 1), cfg.houses), strict=True)
        }
        kinds = cfg.clue_kinds.split(",")
        clues: list[Any] = []
        base = {"kind": "zebra", "houses": cfg.houses, "attributes": attributes}
        while True:  # add true clues until the solution is forced
            clues.append(zebra.random_clue(rng, truth, cfg.houses, kinds))
            if (
                len(clues) >= cfg.houses * cfg.attributes // 2
                and zebra.build({**base, "clues": clues}).count(2) == 1
            ):
                break
        for clue in list(clues):  # drop clues the others make redundant
            fewer = [c for c in clues if c is not clue]
            if zebra.build({**base, "clues": fewer}).count(2) == 1:
                clues = fewer
        reference = {**base, "clues": clues}
        csp = zebra.build(reference)
        solution = _unique(csp)
        assert solution is not None
        steps = _steps(csp, solution, lambda k, v: f"house {v} {k[0]} = {k[1]}")
        answer = zebra.format_answer(reference, solution)
        return self._problem(seed, index, zebra.prompt(reference), reference, steps, answer)


# --- propositional ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PropositionalConfig:
    atoms: int = 4

    def __post_init__(self) -> None:
        _range("propositional", "atoms", self.atoms, 2, 10)


class Propositional(_LogicTask):
    name = "propositional"
    description = "Propositional premises (∧ ∨ → ↔ ¬) true in exactly one assignment of the atoms."
    Config = PropositionalConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: PropositionalConfig = self.config
        rng = self.rng(seed, index)
        atoms = list("pqrstuvwxy"[: cfg.atoms])
        truth = {a: rng.choice(propositional.VALUES) for a in atoms}
        premises: list[Any] = []
        base = {"kind": "propositional", "atoms": atoms}
        while True:
            premise = propositional.random_premise(rng, atoms)
            if not evaluate(premise, truth):
                continue
            premises.append(premise)
            if propositional.build({**base, "premises": premises}).count(2) == 1:
                break
        for premise in list(premises):
            fewer = [p for p in premises if p is not premise]
            if fewer and propositional.build({**base, "premises": fewer}).count(2) == 1:
                premises = fewer
        reference = {**base, "premises": premises}
        csp = propositional.build(reference)
        solution = _unique(csp)
        assert solution is not None
        steps = _steps(csp, solution, lambda k, v: f"{k} = {v}")
        answer = propositional.format_answer(reference, solution)
        return self._problem(seed, index, propositional.prompt(reference), reference, steps, answer)


# --- nonogram ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NonogramConfig:
    rows: int = 5
    cols: int = 5
    density: int = 55  # percent of cells filled in the hidden picture

    def __post_init__(self) -> None:
        _range("nonogram", "rows", self.rows, 2, 10)
        _range("nonogram", "cols", self.cols, 2, 10)
        _range("nonogram", "density", self.density, 10, 90)


class Nonogram(_LogicTask):
    name = "nonogram"
    description = "Nonograms: fill a grid from its row and column run clues (uniquely solvable only)."
    Config = NonogramConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: NonogramConfig = self.config
        rng = self.rng(seed, index)
        for _ in range(MAX_TRIES):
            reference = nonogram.random_grid(rng, cfg.rows, cfg.cols, cfg.density / 100)
            csp = nonogram.build(reference)
            solution = _unique(csp)
            if solution is not None:
                steps = _steps(csp, solution, lambda k, v: f"r{k[0] + 1}c{k[1] + 1} = {v}")
                answer = nonogram.format_answer(reference, solution)
                return self._problem(seed, index, nonogram.prompt(reference), reference, steps, answer)
        raise ConfigError(f"task nonogram: no uniquely solvable grid in {MAX_TRIES} tries")

"""SAT against the independent backtracking solvers on random puzzles (unique or not), and verdicts on
puzzles with two solutions and on wrong, partial, malformed and hostile answers."""

from __future__ import annotations

import random

import pytest

from assay.domains.logic import knights, nonogram, propositional, sudoku, zebra
from assay.domains.logic.check import check_logic_job
from assay.domains.logic.kinds import kind_of
from assay.registry import Registry

REGISTRY = Registry.from_entry_points()


def _random_references(kind: str, rng: random.Random) -> dict:
    if kind == "knights":
        people = rng.sample(knights.NAMES, rng.randint(2, 4))
        speakers = rng.sample(people, rng.randint(1, len(people)))
        return {
            "kind": "knights",
            "people": people,
            "statements": {p: knights.random_statement(rng, p, people, 2) for p in speakers},
        }
    if kind == "propositional":
        atoms = list("pqrs"[: rng.randint(2, 4)])
        return {
            "kind": "propositional",
            "atoms": atoms,
            "premises": [propositional.random_premise(rng, atoms) for _ in range(rng.randint(1, 6))],
        }
    if kind == "zebra":
        houses = rng.randint(2, 4)
        attributes = {
            a: rng.sample(zebra.ATTRIBUTES[a], houses) for a in rng.sample(sorted(zebra.ATTRIBUTES), 2)
        }
        truth = {
            (a, v): h
            for a, vs in attributes.items()
            for v, h in zip(vs, rng.sample(range(1, houses + 1), houses), strict=True)
        }
        clues = [zebra.random_clue(rng, truth, houses, list(zebra.KINDS)) for _ in range(rng.randint(0, 6))]
        if rng.random() < 0.3:  # a clue that may be false: puzzles without solutions too
            other = {k: rng.randint(1, houses) for k in truth}
            clues.append(zebra.random_clue(rng, other, houses, list(zebra.KINDS)))
        return {"kind": "zebra", "houses": houses, "attributes": attributes, "clues": clues}
    if kind == "sudoku":
        n = rng.choice([4, 6])
        grid = sudoku.full_grid(n, rng)
        keep = rng.uniform(0.1, 0.6)
        cells = [str(v) if rng.random() < keep else "." for row in grid for v in row]
        if rng.random() < 0.2:  # a clash: no solution
            cells[0] = cells[1] = "1"
        return {"kind": "sudoku", "puzzle": "".join(cells)}
    height, width, density = rng.randint(2, 5), rng.randint(2, 5), rng.uniform(0.3, 0.7)
    reference = nonogram.random_grid(rng, height, width, density)
    if rng.random() < 0.3:  # rows of one picture, columns of another: often no solution at all
        reference["cols"] = nonogram.random_grid(rng, height, width, density)["cols"]
    return reference


@pytest.mark.parametrize("kind", ["knights", "propositional", "zebra", "sudoku", "nonogram"])
def test_sat_and_backtracking_count_the_same(kind: str) -> None:
    rng = random.Random(f"differential-{kind}")
    seen = set()
    for _ in range(300):
        reference = _random_references(kind, rng)
        sat = kind_of(reference).puzzle.build(reference).count(2)
        brute = kind_of(reference).puzzle.brute_count(reference, 2)
        assert sat == brute, reference
        seen.add(sat)
    assert seen == {0, 1, 2} or (kind in ("knights", "propositional") and {1, 2} <= seen)


@pytest.mark.parametrize("kind", ["knights", "propositional", "zebra", "sudoku", "nonogram"])
def test_a_puzzle_with_two_solutions_never_verifies(kind: str) -> None:
    rng = random.Random(f"two-{kind}")
    found = 0
    for _ in range(500):
        reference = _random_references(kind, rng)
        solutions = kind_of(reference).puzzle.build(reference).solutions(2)
        if len(solutions) != 2:
            continue
        found += 1
        for solution in solutions:  # each solution is a perfectly good answer to an ambiguous puzzle
            response = kind_of(reference).puzzle.format_answer(reference, solution)
            result = check_logic_job({"reference": reference, "response": response})
            assert result["status"] == "unknown"
            assert "more than one solution" in result["evidence"]
        if found >= 20:
            break
    assert found >= 5


def _unique(name: str, seed: int = 0) -> dict:
    return dict(REGISTRY.task(name).generate(seed, 0).reference)


HOSTILE = [
    "",
    "x" * 300_000,
    "__import__('os').system('echo hi')",
    "eval(compile('1', 'x', 'eval'))",
    "\x00\xff" * 1000,
    "Answer: " + "9" * 100_000,
    "```python\nprint(open('/etc/passwd').read())\n```",
    "r0c0 = 1\nr99c99 = 7\nr1c1 = 10",
    "Ava is a knight and a knave",
    "house 99 color = red",
]


@pytest.mark.parametrize("name", ["sudoku", "knights", "zebra", "propositional", "nonogram"])
def test_wrong_partial_malformed_and_hostile_answers_never_verify(name: str) -> None:
    reference = _unique(name)
    answer = reference["answer"]
    lines = answer.splitlines()
    wrong = answer.replace("knight", "KNAVE").replace("KNAVE", "knave", 1) if name == "knights" else answer
    attempts = [*HOSTILE, "\n".join(lines[:-1]), answer[: len(answer) // 2]]
    if name == "sudoku":
        grid = (
            answer.replace("1", "x").replace("2", "1").replace("x", "2")
        )  # swap two digits everywhere: still a Latin square
        attempts += [grid, answer.replace(" ", "")[:-1], "\n".join(line[::-1] for line in lines)]
    elif name == "nonogram":
        attempts += [answer.replace("#", "x").replace(".", "#").replace("x", "."), answer + "#"]
    elif name == "propositional":
        attempts += [answer.replace("true", "T?").replace("false", "true").replace("T?", "false")]
    elif name == "zebra":
        attempts += ["\n".join(reversed(lines)).replace("House", "Haus")]
        attempts += [
            "\n".join(f"House {i + 1}:{line.split(':', 1)[1]}" for i, line in enumerate(reversed(lines)))
        ]
    else:
        attempts += [wrong]
    for text in attempts:
        result = check_logic_job({"reference": reference, "response": text})
        assert result["status"] in ("refuted", "unknown"), (name, text[:80], result["evidence"])
    assert check_logic_job({"reference": reference, "response": answer})["status"] == "verified"


def test_a_false_step_is_refuted_even_with_the_right_answer() -> None:
    reference = _unique("sudoku")
    first = reference["trace"].splitlines()[0]  # "Step 1: r6c9 = 2 [...]"
    cell, value = first.split(": ", 1)[1].split(" [")[0].split(" = ")
    wrong = (int(value) % 9) + 1
    response = f"{cell} = {wrong} because I say so\n" + reference["answer"]
    result = check_logic_job({"reference": reference, "response": response})
    assert result["status"] == "refuted"
    assert result["steps"][0]["status"] == "refuted" and "the solution has" in result["steps"][0]["evidence"]


def test_malformed_references_are_errors() -> None:
    for reference in (
        {"kind": "sudoku", "puzzle": "12"},
        {"kind": "knights", "people": ["Ava"], "statements": {"Ava": ["exec", "x"]}},
        {"kind": "knights", "people": ["Ava"], "statements": {"Ava": ["not"] * 1 + [["not"] * 2]}},
        {"kind": "zebra", "houses": 99, "attributes": {}, "clues": []},
        {"kind": "nonogram", "rows": [[9]], "cols": [[1]]},
        {"kind": "chess"},
        {"kind": "propositional", "atoms": ["p"], "premises": [["var", "p", "maybe"]]},
    ):
        assert check_logic_job({"reference": reference, "response": "x"})["status"] == "error", reference

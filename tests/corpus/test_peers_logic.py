"""reasoning-gym's own puzzles, for the kinds assay shares, through `verify_jsonl` (what `assay verify
file` runs): its reference answers, written its way, must verify; the same answers with one cell, one
role or one house changed must not.

Shared kinds: sudoku (9×9) and mini_sudoku (4×4), knights_knaves (with its other role words: saints and
sinners, pioneers and laggards, ...), zebra_puzzles (its clue objects converted one by one; its full
solution table, as tabulate draws it, is the response). Its propositional_logic asks for a conclusion,
not an assignment, so it is not a shared kind; it has no nonograms.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from assay.verification import Verifiers, verify_jsonl
from assay.workers import WorkerPool
from tests.conftest import require_module

reasoning_gym = require_module("reasoning_gym")

ITEMS = 30  # per kind
SEED = 2024
TIMEOUT = 20.0  # generous: load must never decide a verdict


def _line(kind: str, index: int, reference: dict[str, Any], response: str, expect: str) -> dict[str, Any]:
    return {
        "id": f"{kind}-{index}-{expect}",
        "domain": "logic",
        "prompt": "(reasoning-gym)",
        "reference": reference,
        "response": response,
    }


# --- sudoku -----------------------------------------------------------------------------------------------


def _sudoku(name: str) -> list[tuple[dict[str, Any], str, str]]:
    dataset = reasoning_gym.create_dataset(name, size=ITEMS, seed=SEED)
    rng = random.Random(f"peers-{name}")
    out = []
    for entry in dataset:
        puzzle = entry["metadata"]["puzzle"]
        reference = {"kind": "sudoku", "puzzle": "".join(str(v) if v else "." for row in puzzle for v in row)}
        answer: str = entry["answer"]
        rows = [line.split() for line in answer.splitlines()]
        blanks = [(r, c) for r, row in enumerate(puzzle) for c, v in enumerate(row) if not v]
        r, c = rng.choice(blanks)
        size = len(rows)
        rows[r][c] = str(int(rows[r][c]) % size + 1)  # one blank filled wrongly
        out.append((reference, answer, "\n".join(" ".join(row) for row in rows)))
    return out


# --- knights and knaves -----------------------------------------------------------------------------------


def _formula(statement: Any, names: list[str]) -> list[Any]:
    op = statement[0]
    if op == "telling-truth":
        return ["var", names[statement[1]], "knight"]
    if op == "lying":
        return ["var", names[statement[1]], "knave"]
    parts = [_formula(s, names) for s in statement[1:]]
    return {"not": ["not", *parts], "and": ["and", *parts], "or": ["or", *parts]}.get(op) or [
        "implies" if op == "->" else "iff",
        *parts,
    ]


def _knights() -> list[tuple[dict[str, Any], str, str]]:
    out = []
    for people in (2, 3, 4):
        dataset = reasoning_gym.create_dataset("knights_knaves", size=ITEMS // 3, seed=SEED, n_people=people)
        for entry in dataset:
            meta = entry["metadata"]
            names = list(meta["names"])
            terms = meta["knight_knave_terms"]
            reference = {
                "kind": "knights",
                "people": names,
                "statements": {n: _formula(s, names) for n, s in zip(names, meta["statements"], strict=True)},
                "role_words": [terms["knight"], terms["knave"]],
            }
            answer: str = entry["answer"]
            first = names[0]
            is_knight = bool(meta["solution"][0])
            right = f"{first} is {terms['a_knight'] if is_knight else terms['a_knave']}"
            wrong = f"{first} is {terms['a_knave'] if is_knight else terms['a_knight']}"
            out.append((reference, answer, answer.replace(right, wrong, 1)))
    return out


# --- zebra ------------------------------------------------------------------------------------------------


def _zebra() -> list[tuple[dict[str, Any], str, str]]:
    from reasoning_gym.logic.contrib.logic_puzzle import clues
    from reasoning_gym.logic.contrib.logic_puzzle.generate import generate_puzzle

    kinds = {
        clues.found_at: "position",
        clues.not_at: "not_position",
        clues.same_house: "same",
        clues.consecutive: "left_of",
        clues.beside: "next_to",
        clues.left_of: "before",
    }
    out = []
    for index in range(ITEMS * 2):
        if len(out) == ITEMS:
            break
        houses, attributes = 3 + index % 3, 3 + index % 2
        instance, puzzle = generate_puzzle(random.Random(SEED + index), houses, attributes)
        values: dict[str, list[str]] = {}  # only the members the solution uses (houses of each)
        for member in puzzle.solution:
            values.setdefault(type(member).__name__, []).append(member.name)
        named = {name: cls.__name__ for cls in puzzle.element_classes for name in values[cls.__name__]}
        converted = []
        for clue in puzzle.clues:
            kind = kinds[type(clue)]
            first = getattr(clue, "value", None) or clue.value1
            a = [named[first.name], first.name]
            if kind in ("position", "not_position"):
                converted.append([kind, a, clue.house])
            else:
                converted.append([kind, a, [named[clue.value2.name], clue.value2.name]])
        names = [v.lower() for vs in values.values() for v in vs]
        if len(set(names)) != len(names):
            continue  # a child and a person both called Alice: assay's zebra needs distinct value names
        reference = {"kind": "zebra", "houses": houses, "attributes": values, "clues": converted}
        table: str = instance["solution"]["table_str"]
        lines = table.splitlines()
        rows = [i for i, line in enumerate(lines) if line.startswith("|")][1:]  # the data rows
        one, two = lines[rows[0]].split("|"), lines[rows[1]].split("|")
        one[2], two[2] = two[2], one[2]  # two houses swap their names
        lines[rows[0]], lines[rows[1]] = "|".join(one), "|".join(two)
        out.append((reference, table, "\n".join(lines)))
    return out


KINDS = {"sudoku": _sudoku, "mini_sudoku": _sudoku, "knights_knaves": _knights, "zebra_puzzles": _zebra}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reasoning_gym_answers_verify_and_changed_ones_do_not(kind: str, tmp_path: Path) -> None:
    make = KINDS[kind]
    items = make(kind) if make is _sudoku else make()
    assert len(items) >= ITEMS - 1
    source, destination = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for index, (reference, right, wrong) in enumerate(items):
            handle.write(json.dumps(_line(kind, index, reference, right, "verified")) + "\n")
            handle.write(json.dumps(_line(kind, index, reference, wrong, "rejected")) + "\n")
    with WorkerPool(size=2, timeout=TIMEOUT) as pool, Verifiers(pool=pool) as verifiers:
        verify_jsonl(source, destination, verifiers)
    verdicts = [json.loads(line) for line in destination.read_text(encoding="utf-8").splitlines()]
    missed = [v for v in verdicts if v["id"].endswith("-verified") and v["status"] != "verified"]
    accepted = [v for v in verdicts if v["id"].endswith("-rejected") and v["status"] == "verified"]
    assert not accepted, [(v["id"], v["evidence"]) for v in accepted]
    assert not missed, [(v["id"], v["status"], v["evidence"]) for v in missed]

"""reasoning-gym's own datasets for the math kinds assay shares, run as `assay verify file` runs them.

For each kind, a few dozen seeded items: reasoning-gym's answer, written as a one-line solution, must
verify; the same solution with a wrong answer (the answer plus one, a root swapped for another number, a
Game of 24 expression that uses a number it was not given) must not. The items are reasoning-gym's, not
ours, so their spellings (`**` powers, `e` as a variable name, decimal roots) test the reader too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from assay.domains.math.exact import evaluate
from assay.domains.math.grammar import parse_expr_text
from assay.verification import Verifiers, verify_jsonl
from assay.workers import WorkerPool
from tests.conftest import require_module

reasoning_gym = require_module("reasoning_gym")

SEED = 2026
SIZE = 30
TIMEOUT = 20.0  # far above what any item needs: load must never decide a verdict


def _bump(text: str) -> str:
    """The text with its last number plus one (`-4` → `-3`, `138/583` → `138/584`)."""
    found = list(re.finditer(r"\d+", text))[-1]
    return text[: found.start()] + str(int(found.group()) + 1) + text[found.end() :]


def _line(
    kind: str, index: int, prompt: str, answer: str, response: str, expect: str, **extra: Any
) -> dict[str, Any]:
    reference = {"answer": answer, **extra.pop("reference", {})}
    return {
        "id": f"peer-{kind}-{index}-{expect}",
        "domain": "math",
        "prompt": prompt,
        "reference": reference,
        "response": response,
        "expect": expect,
        **extra,
    }


def _expressions(name: str, **config: Any) -> Iterator[dict[str, Any]]:
    """basic_arithmetic, chain_sum, products: `expression = answer`."""
    for i, item in enumerate(reasoning_gym.create_dataset(name, size=SIZE, seed=SEED, **config)):
        expression, answer = item["metadata"]["expression"], str(item["answer"])
        yield _line(name, i, item["question"], answer, f"{expression} = {answer}", "verified")
        yield _line(name, i, item["question"], answer, f"{expression} = {_bump(answer)}", "rejected")


# assay reads `e` as Euler's number everywhere, so "Solve for e: 13*e + 156 = 546" has no variable to it;
# such items are left out here (a known gap of the grammar: it has no way to be told that `e` is a name)
NOT_A_VARIABLE = "e"


def _simple_equations() -> Iterator[dict[str, Any]]:
    for i, item in enumerate(reasoning_gym.create_dataset("simple_equations", size=SIZE, seed=SEED)):
        var, answer = item["metadata"]["variable"], str(item["answer"])
        if var == NOT_A_VARIABLE:
            continue
        yield _line("simple_equations", i, item["question"], answer, f"{var} = {answer}", "verified")
        yield _line("simple_equations", i, item["question"], answer, f"{var} = {_bump(answer)}", "rejected")


def _fractions() -> Iterator[dict[str, Any]]:
    for i, item in enumerate(reasoning_gym.create_dataset("fraction_simplification", size=SIZE, seed=SEED)):
        meta, answer = item["metadata"], str(item["answer"])
        given = f"{meta['numerator']}/{meta['denominator']}"
        yield _line("fraction_simplification", i, item["question"], answer, f"{given} = {answer}", "verified")
        wrong = f"{given} = {_bump(answer)}"
        yield _line("fraction_simplification", i, item["question"], answer, wrong, "rejected")


def _polynomials() -> Iterator[dict[str, Any]]:
    """Only items whose decimal roots are the exact roots: a rounded irrational root is not a root."""
    kept = 0
    for i, item in enumerate(reasoning_gym.create_dataset("polynomial_equations", size=4 * SIZE, seed=SEED)):
        meta = item["metadata"]
        roots = [Fraction(str(r)) for r in meta["real_solutions"]]
        if not roots or not all(_is_root(meta["polynomial_expr"], meta["variable"], r) for r in roots):
            continue
        var, answer = meta["variable"], str(item["answer"])
        if var == NOT_A_VARIABLE:
            continue
        # the prompt's instructions hold example equations ("u = 2 + sqrt(4560)/172"), so the equation
        # is given as the reference: from the prompt, assay cannot tell which equation is the problem
        equation = {"kind": "equation", "equations": [f"{meta['polynomial_expr']} = 0"]}
        said = " or ".join(f"{var} = {r}" for r in str(item["answer"]).split(", "))
        question = item["question"]
        yield _line("polynomial_equations", i, question, answer, said, "verified", reference=equation)
        wrong = f"{said} or {var} = {max(roots) + 1}"
        yield _line("polynomial_equations", i, question, answer, wrong, "rejected", reference=equation)
        kept += 1
        if kept == SIZE:
            return


def _is_root(polynomial: str, var: str, value: Fraction) -> bool:
    """Whether value is an exact root of reasoning-gym's polynomial (its variable renamed, so that `e` is
    not read as the constant)."""
    return evaluate(parse_expr_text(polynomial.replace(var, "t")), {"t": value}) == 0


def _game24() -> Iterator[dict[str, Any]]:
    for i, item in enumerate(reasoning_gym.create_dataset("puzzle24", size=SIZE, seed=SEED)):
        numbers, answer = item["metadata"]["numbers"], str(item["answer"])
        reference = {"kind": "game24", "numbers": numbers, "target": 24}
        extra = {"task": "game24", "reference": reference}
        yield _line("puzzle24", i, item["question"], answer, f"{answer} = 24", "verified", **extra)
        wrong = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), answer, count=1)
        yield _line("puzzle24", i, item["question"], answer, f"{wrong} = 24", "rejected", **extra)


KINDS = {
    # reasoning-gym's "/" is floor division (its answer to -91 / 35 is -3), so its answers are true values
    # only without it; assay refutes "-91 / 35 = -3", rightly
    "basic_arithmetic": lambda: _expressions("basic_arithmetic", operators=("+", "-", "*")),
    "chain_sum": lambda: _expressions("chain_sum"),
    "products": lambda: _expressions("products"),
    "simple_equations": _simple_equations,
    "fraction_simplification": _fractions,
    "polynomial_equations": _polynomials,
    "puzzle24": _game24,
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Every item with its output line, by id, from one `verify_jsonl` run."""
    folder = tmp_path_factory.mktemp("peers")
    rows = [row for make in KINDS.values() for row in make()]
    source, destination = folder / "peers.jsonl", folder / "peers.out.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({k: v for k, v in row.items() if k != "expect"}) + "\n")
    with WorkerPool(size=2, timeout=TIMEOUT) as pool, Verifiers(pool=pool) as verifiers:
        verify_jsonl(source, destination, verifiers)
    found = {line["id"]: line for line in map(json.loads, Path(destination).read_text().splitlines())}
    return {row["id"]: (row, found[row["id"]]) for row in rows}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reasoning_gym_answers_verify(
    kind: str, verdicts: dict[str, tuple[dict[str, Any], dict[str, Any]]]
) -> None:
    mine = [(row, out) for row, out in verdicts.values() if row["id"].startswith(f"peer-{kind}-")]
    assert len(mine) >= 20, f"only {len(mine)} items of {kind}"
    missed = [
        f"{row['prompt'][:60]!r} → {row['response']!r}: {out['status']} ({out['evidence'][:120]})"
        for row, out in mine
        if row["expect"] == "verified" and out["status"] != "verified"
    ]
    assert not missed, "\n".join(missed[:10])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_wrong_answers_are_not_verified(
    kind: str, verdicts: dict[str, tuple[dict[str, Any], dict[str, Any]]]
) -> None:
    accepted = [
        f"{row['prompt'][:60]!r} → {row['response']!r}"
        for row, out in verdicts.values()
        if row["id"].startswith(f"peer-{kind}-")
        and row["expect"] == "rejected"
        and out["status"] == "verified"
    ]
    assert not accepted, "\n".join(accepted)

"""Shared pieces of the review API tests: databases (SQLite, PostgreSQL), seeded candidates, clients."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from assay.records import Candidate, Problem, Score, Status, Step, StepKind, StepResult, StepStatus, Verdict
from assay.review.accounts import add_user
from assay.store import Store
from tests.conftest import postgres_schema

PASSWORD = "correct horse battery"
TEST_COST = 2**4  # scrypt cost for test users: the format and the checks are the same, the wait is not


@contextmanager
def database(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database URL: a SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'assay.db'}"
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as fresh:
        yield fresh


@dataclass(frozen=True)
class Seeded:
    top: list[str]  # candidate ids with scores, best first
    verified: list[str]  # candidates with a `verified` verdict and a lower score (gold material)
    refuted: list[str]


def _trace(a: int, b: int, x: int, wrong: bool) -> tuple[str, tuple[Step, ...]]:
    lines = [f"{a}x + {b} = {a * x + b}", f"{a}x = {a * x + (1 if wrong else 0)}", f"x = {x}", f"Answer: {x}"]
    steps = tuple(
        Step(i + 1, line, StepKind.ANSWER if line.startswith("Answer") else StepKind.CLAIM, line)
        for i, line in enumerate(lines)
    )
    return "\n".join(lines), steps


def seed(url: str, scored: int = 6, gold_each: int = 3) -> Seeded:
    """Linear equations with one candidate each: `scored` with a verifier score (and a verdict), and
    `gold_each` verified + refuted ones scored below them (what gold items are drawn from: gold comes
    only from candidates the queue's scorer scored, so it carries scores like any other item)."""
    store = Store(url)
    problems, candidates, verdicts, scores = [], [], [], []
    top: list[str] = []
    gold: dict[str, list[str]] = {"verified": [], "refuted": []}
    for i in range(scored + 2 * gold_each):
        a, x = 2 + i % 5, 1 + i
        problem = Problem(
            "math", "linear", f"Solve for x: {a}x + 3 = {a * x + 3}", {"answer": str(x)}, "test"
        )
        wrong = i >= scored and (i - scored) % 2 == 1
        body, steps = _trace(a, 3, x, wrong)
        candidate = Candidate(problem.id, body, str(x), steps, generator="test", sample_index=i)
        status = Status.REFUTED if wrong else Status.VERIFIED
        step_status = [StepStatus.VERIFIED] * len(steps)
        if wrong:
            step_status[1] = StepStatus.REFUTED
        results = tuple(
            StepResult(s.index, st, f"evidence {s.index}") for s, st in zip(steps, step_status, strict=True)
        )
        problems.append(problem)
        candidates.append(candidate)
        verdicts.append(Verdict(candidate.id, "math-steps@test", status, "checked", results))
        if i < scored:
            scores.append(Score(candidate.id, "verifier@1", 1.0 - i / 100))
            top.append(candidate.id)
        else:
            scores.append(Score(candidate.id, "verifier@1", 0.5 - i / 100))
            gold[status.value].append(candidate.id)
    store.add_problems(problems)
    store.add_candidates(candidates)
    store.add_verdicts(verdicts)
    store.add_scores(scores)
    for name, role in (("ada", "admin"), ("rita", "reviewer"), ("rob", "reviewer"), ("judy", "adjudicator")):
        add_user(store.engine, name, role, PASSWORD, n=TEST_COST)
    store.close()
    return Seeded(top, gold["verified"], gold["refuted"])

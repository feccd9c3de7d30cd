"""The store on SQLite and on PostgreSQL: migrations, idempotent upserts, streaming reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assay.errors import NotFoundError, StoreError
from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict
from assay.store import Store
from assay.store.migrations import MIGRATIONS, applied
from tests.conftest import postgres_schema


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = Store(f"sqlite:///{tmp_path / 'assay.db'}")
        yield opened
        opened.close()
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as url:
        opened = Store(url)
        yield opened
        opened.close()


def _problems(n: int) -> list[Problem]:
    return [
        Problem("math", "linear", f"Solve for x: x + {i} = {2 * i}", {"answer": str(i)}, "test")
        for i in range(n)
    ]


def test_migrations_are_recorded_once(store: Store) -> None:
    assert applied(store.engine) == [name for name, _ in MIGRATIONS]
    again = Store(store.url)  # reopening applies nothing twice
    assert applied(again.engine) == [name for name, _ in MIGRATIONS]
    again.close()


def test_upserts_are_idempotent(store: Store) -> None:
    problems = _problems(1200)
    store.add_problems(problems)
    store.add_problems(problems[:600])
    store.add_problems(problems)
    assert store.count("problems") == 1200
    candidate = Candidate(problems[0].id, "x = 0", "0", generator="g")
    store.add_candidates([candidate, candidate])
    assert store.count("candidates") == 1


def test_verdicts_update_in_place(store: Store) -> None:
    first = Verdict("cand_1", "math-steps@27", Status.TIMEOUT, "killed")
    second = Verdict(
        "cand_1", "math-steps@27", Status.VERIFIED, "ok", (StepResult(1, StepStatus.VERIFIED, "fine"),)
    )
    store.add_verdicts([first])
    store.add_verdicts([second])
    assert store.count("verdicts") == 1
    assert store.verdicts_for(["cand_1"])["cand_1"] == [second]


def test_streaming_reads_every_row_once_in_batches(store: Store) -> None:
    problems = _problems(1234)
    store.add_problems(problems)
    streamed = list(store.iter_problems(batch=100))
    assert sorted(p.id for p in streamed) == sorted(p.id for p in problems)
    assert len({p.id for p in streamed}) == 1234
    assert streamed[0] == next(p for p in problems if p.id == streamed[0].id)


def test_round_trip_of_candidates_and_lookup(store: Store) -> None:
    problem = _problems(1)[0]
    candidate = Candidate(
        problem.id,
        "x = 0",
        "0",
        generator="tiny:v1",
        generation=3,
        sample_index=2,
        seed=9,
        params={"temperature": 1.0},
    )
    store.add_problems([problem])
    store.add_candidates([candidate])
    assert store.candidate(candidate.id) == candidate
    assert list(store.iter_candidates(generation=3)) == [candidate]
    assert list(store.iter_candidates(generation=4)) == []
    assert store.find(problem.id) == ("problem", problem)
    assert store.candidates_for(problem.id) == [candidate]
    with pytest.raises(NotFoundError):
        store.find("prb_missing")


def test_unreachable_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store("postgresql://nobody@127.0.0.1:1/nothing")
    with pytest.raises(StoreError):
        Store(f"sqlite:///{tmp_path}/missing-dir/x/assay.db")

"""The stages' batch functions: pure (same input, same output; no store, no workspace), and the records
they make through the local engine are the very records assay made before stages existed (ids pinned
from the code before the change)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count, islice
from pathlib import Path

import pytest

from assay.backends.base import Completion, SamplingSettings
from assay.backends.templates import load_template
from assay.engines import Lent, LocalEngine, batched, lend, resource
from assay.errors import AssayError
from assay.generate import attempt_ids, generate_candidates, generate_problems
from assay.records import Problem, Verdict
from assay.stages.problems import ProblemsContext, TaskSpec, make
from assay.stages.sample import GeneratorSpec, SampleContext, SampleJob, sample
from assay.stages.verify import VerifierSettings, VerifyContext, verify
from assay.store import Store

TEMPLATE = load_template("tiny-v1")
SETTINGS = SamplingSettings(temperature=0.5, seed=3, max_tokens=20)


class PinGenerator:
    """Sample 2 of every prompt fails; the others answer x = 4 (the generator the ids were pinned with)."""

    id = "fake:pin"

    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]:
        out = []
        for i, prompt in enumerate(prompts):
            for j in range(first_sample, first_sample + n):
                self.asked.append((prompt, j))
                text = None if j == 2 else f"{prompt[-12:]} #{j}\nx = 4\nThe answer is 4"
                out.append(Completion(i, j, text, prompt_tokens=3, completion_tokens=5))
        return out


# --- pinned: the ids the code made before the stages (linear, seed 7; PinGenerator, 3 samples) ----------

PROBLEM_IDS = ["prb_2e4c279cb143e0af", "prb_882c4a2692025eb3", "prb_fef7e9bb308352e1"]
REFERENCE_IDS = ["cand_09704686bcbe52b7", "cand_36e4dc7c1dc5475d", "cand_a4e983231e06cc3b"]
SAMPLE_IDS = [
    "cand_048a5500f8ada8b3",
    "cand_0ce4e9cd0c0d9488",
    "cand_5cee1fd4dc71bae0",
    "cand_77c1a178c0cc236c",
    "cand_7f636ed23d06c2ac",
    "cand_a9557187edaab474",
]


def _store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'assay.db'}")


@pytest.mark.parametrize("task", [TaskSpec.of("linear"), "object"])
def test_the_local_engine_makes_the_records_assay_made_before(tmp_path: Path, task: object) -> None:
    store = _store(tmp_path)
    given = TaskSpec.of("linear").build() if task == "object" else task
    assert generate_problems(store, given, 3, 7) == (3, 3)  # type: ignore[arg-type]
    problems = list(store.iter_problems())
    assert sorted(p.id for p in problems) == PROBLEM_IDS
    assert sorted(c.id for c in store.iter_candidates()) == REFERENCE_IDS
    generator = PinGenerator()
    done = generate_candidates(
        store, generator, problems, 3, SETTINGS, TEMPLATE, generation=1, batch=2, price=(1.0, 2.0)
    )
    assert done == (6, 3)
    samples = [c for c in store.iter_candidates() if c.generation == 1]
    assert sorted(c.id for c in samples) == SAMPLE_IDS
    assert all(c.answer == "4" and c.steps for c in samples)  # read by the math trace parser
    attempts = store.attempts_for(attempt_ids(problems, generator.id, 3, SETTINGS, TEMPLATE).values())
    assert sorted(a.candidate_id for a in attempts.values() if a.status == "ok") == SAMPLE_IDS
    assert sorted(a.status for a in attempts.values()).count("failed") == 3
    assert {a.cost for a in attempts.values()} == {(3 * 1.0 + 5 * 2.0) / 1e6}
    # done is never asked again; only the failed samples are
    generator.asked.clear()
    assert generate_candidates(store, generator, problems, 3, SETTINGS, TEMPLATE, generation=1) == (0, 3)
    assert sorted(j for _, j in generator.asked) == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    store.close()


# --- pure: called without any store or workspace, twice, the same answer ----------------------------------


def test_problems_is_pure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing to find here: no workspace, no database
    context = ProblemsContext(TaskSpec.of("linear", {}), seed=7, with_references=True)
    first, again = make(context, [0, 1, 2]), make(context, [0, 1, 2])
    assert first == again
    assert sorted(m.problem.id for m in first) == PROBLEM_IDS
    assert sorted(m.reference.id for m in first if m.reference) == REFERENCE_IDS
    assert [m.problem for m in make(context, [2])] == [first[2].problem]  # an item alone: the same
    assert all(m.reference is None for m in make(ProblemsContext(context.task, 7, False), [0, 1]))
    assert list(tmp_path.iterdir()) == []


def test_sample_is_pure_and_skips_what_is_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = [m.problem for m in make(ProblemsContext(TaskSpec.of("linear"), 7), [0, 1, 2])]
    with lend(PinGenerator(), "generator fake:pin") as key:
        context = SampleContext(key, "fake:pin", SETTINGS, TEMPLATE, 3, 1, (1.0, 2.0))
        jobs = [SampleJob(p) for p in problems]
        first, again = sample(context, jobs), sample(context, jobs)
        skipping = sample(context, [SampleJob(problems[0], frozenset({0, 2}))])
        assert sample(context, []) == []
    assert first == again
    assert sorted(c.id for s in first for c in s.candidates) == SAMPLE_IDS
    assert [s.failed for s in first] == [1, 1, 1]
    assert [a.sample_index for a in skipping[0].attempts] == [1]
    assert skipping[0].candidates == first[0].candidates[1:2]
    assert list(tmp_path.iterdir()) == []


def test_verify_is_pure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = make(ProblemsContext(TaskSpec.of("linear"), 7), [0, 1])
    pairs = [(m.problem, m.reference) for m in made if m.reference is not None]
    wrong = made[0].reference.__class__(made[0].problem.id, "x = 5\nThe answer is 5", "5")
    pairs.append((made[0].problem, wrong))
    context = VerifyContext(VerifierSettings.of(timeout=60.0, workers=1))  # a limit no load reaches
    with LocalEngine():  # (closes the pool the stage builds)
        first, again = verify(context, pairs), verify(context, pairs)
    assert _same(first) == _same(again)
    assert [v.status.value for v in first] == ["verified", "verified", "refuted"]
    assert [v.candidate_id for v in first] == [c.id for _, c in pairs]
    assert list(tmp_path.iterdir()) == []


def _same(verdicts: list[Verdict]) -> list[tuple[object, ...]]:
    """What a verdict says (its seconds are how long it took: never compared)."""
    return [(v.candidate_id, v.verifier, v.status, v.evidence, v.steps) for v in verdicts]


# --- what cannot be run is refused, never run with something else ----------------------------------------


def test_an_object_lent_by_the_driver_is_unknown_to_another_process() -> None:
    elsewhere = Lent(10**9, "generator fake:pin")  # a key no lend() made here: as on a Ray worker
    with pytest.raises(AssayError, match="generator fake:pin was handed over as an object"):
        resource(elsewhere, PinGenerator)
    context = SampleContext(elsewhere, "fake:pin", SETTINGS, TEMPLATE, 1, 1)
    problem = Problem("math", "linear", "Solve for x: x + 1 = 5", {"answer": "4"}, "test")
    with pytest.raises(AssayError, match="only the local engine"):
        sample(context, [SampleJob(problem)])


def test_a_generator_with_another_id_than_the_run_expects_writes_nothing(tmp_path: Path) -> None:
    problem = Problem("math", "linear", "Solve for x: x + 1 = 5", {"answer": "4"}, "test")
    with lend(PinGenerator(), "generator fake:pin") as key:
        context = SampleContext(key, "tiny:v1.pt@other", SETTINGS, TEMPLATE, 1, 1)
        with pytest.raises(AssayError, match=r"not tiny:v1\.pt@other"):
            sample(context, [SampleJob(problem)])


def test_specs_are_hashable_and_build_from_settings_alone() -> None:
    spec = GeneratorSpec.of("openai:http://127.0.0.1:9/v1#m", retries=0, cache_path="/tmp/x.db")
    assert spec == GeneratorSpec.of("openai:http://127.0.0.1:9/v1#m", cache_path="/tmp/x.db", retries=0)
    assert (
        len({spec, TaskSpec.of("linear", {"b": 1, "a": 2}), VerifierSettings.of({"math": "math-answer"})})
        == 3
    )
    assert TaskSpec.of("linear", {"b": 1, "a": 2}) == TaskSpec.of("linear", {"a": 2, "b": 1})


# --- batched: the one batching helper --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "size", "batches"),
    [
        ([], 3, []),
        ([1], 3, [[1]]),
        ([1, 2, 3], 3, [[1, 2, 3]]),
        ([1, 2, 3, 4], 3, [[1, 2, 3], [4]]),
        ([1, 2, 3, 4, 5, 6], 2, [[1, 2], [3, 4], [5, 6]]),
        ("abc", 1, [["a"], ["b"], ["c"]]),
    ],
)
def test_batched(items: list[object], size: int, batches: list[list[object]]) -> None:
    assert list(batched(items, size)) == batches


@pytest.mark.parametrize("size", [0, -1])
def test_a_batch_holds_at_least_one_item(size: int) -> None:
    with pytest.raises(AssayError, match="at least 1 item"):
        list(batched([1, 2], size))


def test_batched_reads_lazily() -> None:
    endless = count()
    assert list(islice(batched(endless, 2), 2)) == [[0, 1], [2, 3]]
    assert next(endless) == 4  # nothing read past the batches taken


@pytest.mark.parametrize(
    ("concurrency", "workers", "parts"),
    [(8, 2, [4, 4]), (3, 2, [2, 1]), (1, 3, [1, None, None]), (5, 1, [5])],
)
def test_an_http_generators_concurrency_is_split_among_workers(
    concurrency: int, workers: int, parts: list[int | None]
) -> None:
    spec = GeneratorSpec.of("openai:http://127.0.0.1:9/v1#m", concurrency=concurrency, retries=2)
    context = SampleContext(spec, "openai:m", SETTINGS, TEMPLATE, 1, 1)
    shares = [context.share(i, workers) for i in range(workers)]
    got = [None if s is None else dict(s.generator.options)["concurrency"] for s in shares]  # type: ignore[union-attr]
    assert got == parts  # together never more than the limit, and no worker gets 0 requests at once
    assert all(s is None or dict(s.generator.options)["retries"] == 2 for s in shares)  # type: ignore[union-attr]
    local = SampleContext(GeneratorSpec.of("tiny:v1.pt"), "tiny:v1.pt@w", SETTINGS, TEMPLATE, 1, 1)
    assert local.share(1, 2) is local  # no limit to split: every worker samples

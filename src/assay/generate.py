"""Generation drivers: procedural problems (with reference solutions) and model candidates, into the store.

The work itself is done by the stages' batch functions (`assay.stages.problems`, `assay.stages.sample`)
through an engine (the local one unless told otherwise); these drivers are the only code that reads
and writes the store around them. Model candidates resume by their attempts: what is done is never
asked for again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from assay.backends.base import Generator, SamplingSettings
from assay.backends.templates import Template
from assay.engines.base import Engine, batched, lend
from assay.holds import GENERATE_ATTEMPTS, hold
from assay.records import Attempt, Problem, attempt_id
from assay.stages import problems as problems_stage
from assay.stages import sample as sample_stage
from assay.stages.drive import drive, engine_or_local
from assay.stages.problems import Made, ProblemsContext, TaskSpec, iter_problems, reference_candidate
from assay.stages.sample import (
    GeneratorSpec,
    SampleContext,
    Sampled,
    SampleJob,
    generator_for,
    read_response,
    sample_settings_key,
)
from assay.store import Store
from assay.tasks import Task

BATCH = 500


def generate_problems(
    store: Store,
    task: Task | TaskSpec,
    n: int,
    seed: int,
    with_references: bool = True,
    on_progress: Callable[[int], Any] | None = None,
    *,
    engine: Engine | None = None,
) -> tuple[int, int]:
    """Make n problems into the store (idempotent). Returns (problems, reference candidates) written.
    A Task object runs on the local engine only; a TaskSpec runs on any."""
    written = [0, 0]

    def write(size: int, made: list[Made]) -> None:
        store.add_problems(m.problem for m in made)
        references = [m.reference for m in made if m.reference is not None]
        store.add_candidates(references)
        written[0] += len(made)
        written[1] += len(references)
        if on_progress:
            on_progress(size)

    with _lent(task, "a Task object") as ref, engine_or_local(engine) as running:
        context = ProblemsContext(ref, seed, with_references)
        work = ((len(indices), indices) for indices in batched(range(n), BATCH))
        drive(running, problems_stage.FN, context, work, write)
    return written[0], written[1]


# --- model candidates -----------------------------------------------------------------------------------


def attempt_ids(
    problems: list[Problem], generator: str, n: int, settings: SamplingSettings, template: Template
) -> dict[tuple[str, int], str]:
    """(problem id, sample index) → the id of that sample's attempt under these settings."""
    key = sample_settings_key(settings, template)
    return {(p.id, j): attempt_id(p.id, generator, j, settings.seed, key) for p in problems for j in range(n)}


def generate_candidates(
    store: Store,
    generator: Generator | GeneratorSpec,
    problems: Iterable[Problem],
    n: int,
    settings: SamplingSettings,
    template: Template,
    generation: int,
    batch: int = 64,
    on_progress: Callable[[int], Any] | None = None,
    price: tuple[float, float] = (0.0, 0.0),
    *,
    engine: Engine | None = None,
) -> tuple[int, int]:
    """n samples per problem into the store; only (problem, sample) pairs not yet done are asked for.

    A sample is identified by its problem, the generator's id (with its weights' hash), the template,
    the sampling settings, its index and the seed: asking again with any of them changed makes new
    samples, never reuses old ones. Each batch's candidates and attempts (with their tokens, and their
    cost at price = USD per million (prompt, completion) tokens) are written before more than the
    engine's window of batches is read, so an interrupted run loses at most the batches in flight and
    its spending is on record, and a re-run produces the same ids (sampling is seeded per sample).
    A Generator object runs on the local engine only; a GeneratorSpec runs on any (each process
    builds its own). Returns (samples now done, samples that failed this time).
    """
    counts = [0, 0]
    with (
        _lent(generator, f"generator {getattr(generator, 'id', '')}") as ref,
        engine_or_local(engine) as running,
    ):
        generator_id = generator_for(ref).id  # (a spec is built here too: the ids carry its weights' hash)
        context = SampleContext(ref, generator_id, settings, template, n, generation, price)

        def work() -> Iterator[tuple[int, list[SampleJob]]]:
            for chunk in batched(problems, batch):
                ids = attempt_ids(chunk, generator_id, n, settings, template)
                known = store.attempts_for(ids.values())
                jobs = []
                for p in chunk:
                    done = frozenset(
                        j for j in range(n) if known.get(ids[(p.id, j)], _MISSING).status == "ok"
                    )
                    if len(done) < n:
                        jobs.append(SampleJob(p, done))
                yield len(chunk) * n, jobs

        def write(size: int, sampled: list[Sampled]) -> None:
            # candidates first: an "ok" attempt always has its candidate
            store.add_candidates(c for s in sampled for c in s.candidates)
            store.add_attempts(a for s in sampled for a in s.attempts)
            hold(GENERATE_ATTEMPTS)  # a crash-safety test may hold the run here (`holds.py`)
            failed = sum(s.failed for s in sampled)
            counts[0] += sum(len(s.attempts) for s in sampled) - failed
            counts[1] += failed
            if on_progress:
                on_progress(size)

        drive(running, sample_stage.FN, context, work(), write)
    return counts[0], counts[1]


@contextmanager
def _lent(value: Any, what: str) -> Iterator[Any]:
    """A spec as it is (any engine can build from it); an object lent to this process's stages."""
    if isinstance(value, TaskSpec | GeneratorSpec):
        yield value
        return
    with lend(value, what) as key:
        yield key


_MISSING = Attempt("", "", 0, 0, "missing")

__all__ = [
    "BATCH",
    "GeneratorSpec",
    "TaskSpec",
    "attempt_ids",
    "generate_candidates",
    "generate_problems",
    "iter_problems",
    "read_response",
    "reference_candidate",
    "sample_settings_key",
]

"""Generation stage: procedural problems (with reference solutions) and model candidates.

The reference solver's trace becomes a generation-0 candidate (`generator = reference:<task>@<version>`),
so a workspace has something to verify and export before any model is involved. Model candidates come
from any Generator and resume by their attempts: what is done is never asked for again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from typing import Any

from assay.backends.base import Generator, SamplingSettings
from assay.backends.templates import Template
from assay.domains.math.trace import parse_trace
from assay.records import Attempt, Candidate, Problem, Step, attempt_id, settings_key
from assay.store import Store
from assay.tasks import Task

BATCH = 500


def iter_problems(task: Task, n: int, seed: int, start: int = 0) -> Iterator[Problem]:
    for index in range(start, start + n):
        yield task.generate(seed, index)


def reference_candidate(task: Task, problem: Problem) -> Candidate | None:
    trace = problem.reference.get("trace")
    if not isinstance(trace, str):
        return None
    return Candidate(
        problem_id=problem.id,
        text=trace,
        answer=str(problem.reference.get("answer")),
        generator=f"reference:{task.name}@{task.version}",
        generation=0,
        params={"source": problem.source},
    )


def generate_problems(
    store: Store,
    task: Task,
    n: int,
    seed: int,
    with_references: bool = True,
    on_progress: Callable[[int], Any] | None = None,
) -> tuple[int, int]:
    """Make n problems into the store (idempotent). Returns (problems, reference candidates) written."""
    problems: list[Problem] = []
    candidates: list[Candidate] = []
    written = (0, 0)

    def flush() -> None:
        nonlocal written
        store.add_problems(problems)
        store.add_candidates(candidates)
        written = (written[0] + len(problems), written[1] + len(candidates))
        if on_progress:
            on_progress(len(problems))
        problems.clear()
        candidates.clear()

    for problem in iter_problems(task, n, seed):
        problems.append(problem)
        if with_references:
            candidate = reference_candidate(task, problem)
            if candidate is not None:
                candidates.append(candidate)
        if len(problems) >= BATCH:
            flush()
    flush()
    return written


# --- model candidates -----------------------------------------------------------------------------------


def sample_settings_key(settings: SamplingSettings, template: Template) -> str:
    """The settings part of every attempt and candidate id: the template's id and the sampling settings."""
    return settings_key(template.id, asdict(settings))


def attempt_ids(
    problems: list[Problem], generator: str, n: int, settings: SamplingSettings, template: Template
) -> dict[tuple[str, int], str]:
    """(problem id, sample index) → the id of that sample's attempt under these settings."""
    key = sample_settings_key(settings, template)
    return {(p.id, j): attempt_id(p.id, generator, j, settings.seed, key) for p in problems for j in range(n)}


def generate_candidates(
    store: Store,
    generator: Generator,
    problems: list[Problem],
    n: int,
    settings: SamplingSettings,
    template: Template,
    generation: int,
    batch: int = 64,
    on_progress: Callable[[int], Any] | None = None,
    price: tuple[float, float] = (0.0, 0.0),
) -> tuple[int, int]:
    """n samples per problem into the store; only (problem, sample) pairs not yet done are asked for.

    A sample is identified by its problem, the generator's id (with its weights' hash), the template,
    the sampling settings, its index and the seed: asking again with any of them changed makes new
    samples, never reuses old ones. Each batch's candidates and attempts (with their tokens, and their
    cost at price = USD per million (prompt, completion) tokens) are written before the next batch
    starts, so an interrupted run loses at most one batch of work and its spending is on record, and a
    re-run produces the same ids (sampling is seeded per sample). Returns (samples now done, samples
    that failed this time).
    """
    done_now = failed_now = 0
    key = sample_settings_key(settings, template)
    for start in range(0, len(problems), batch):
        chunk = problems[start : start + batch]
        ids = attempt_ids(chunk, generator.id, n, settings, template)
        known = store.attempts_for(ids.values())
        todo = [p for p in chunk if any(known.get(ids[(p.id, j)], _MISSING).status != "ok" for j in range(n))]
        if todo:
            prompts = [template.render(p.prompt) for p in todo]
            completions = generator.complete(prompts, n, settings)
            candidates, attempts = [], []
            for c in completions:
                problem = todo[c.prompt_index]
                if known.get(ids[(problem.id, c.sample_index)], _MISSING).status == "ok":
                    continue
                attempt = Attempt(
                    problem.id,
                    generator.id,
                    c.sample_index,
                    settings.seed,
                    "failed",
                    error=c.error,
                    settings=key,
                    prompt_tokens=c.prompt_tokens,
                    completion_tokens=c.completion_tokens,
                    cost=0.0 if c.cached else _cost(c.prompt_tokens, c.completion_tokens, price),
                    cached=c.cached,
                )
                if c.text is None:
                    attempts.append(attempt)
                    failed_now += 1
                    continue
                answer, steps = read_response(problem, c.text)
                candidate = Candidate(
                    problem_id=problem.id,
                    text=c.text,
                    answer=answer,
                    steps=steps,
                    generator=generator.id,
                    generation=generation,
                    sample_index=c.sample_index,
                    seed=settings.seed,
                    params={
                        "template": template.id,
                        "sampling": asdict(settings),
                        "finish_reason": c.finish_reason,
                        "completion_tokens": c.completion_tokens,
                    },
                )
                candidates.append(candidate)
                attempts.append(replace(attempt, status="ok", candidate_id=candidate.id, error=""))
                done_now += 1
            store.add_candidates(candidates)  # candidates first: an "ok" attempt always has its candidate
            store.add_attempts(attempts)
        if on_progress:
            on_progress(len(chunk) * n)
    return done_now, failed_now


def read_response(problem: Problem, text: str) -> tuple[str | None, tuple[Step, ...]]:
    """A candidate's answer and steps as stored with it. Math traces are read by the math trace parser;
    other domains' verifiers read the whole response themselves (a program, a deduction, a plugin's
    format), so nothing is guessed here: no answer, no steps, and the verdict alone says what it is."""
    if problem.domain != "math":
        return None, ()
    trace = parse_trace(text)
    return trace.answer, tuple(trace.steps)


def _cost(prompt_tokens: int, completion_tokens: int, price: tuple[float, float]) -> float:
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1e6


_MISSING = Attempt("", "", 0, 0, "missing")

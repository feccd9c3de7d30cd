"""Stage `sample`: n samples per problem from a generator, as candidates and their attempts.

`sample(context, jobs)` asks the generator for every job's problem (rendered in the template) and
returns, per job, the candidates and attempts of the samples the job does not already have: exactly the
records assay has always made, with each response's answer and steps read one way (`read_response`).
The generator is built once per process from its spec; a generator whose id differs from the one the
driver derived the attempt ids with (other weights on a worker) stops the stage instead of writing
samples under another model's name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from assay.backends.base import Generator, SamplingSettings
from assay.backends.templates import Template
from assay.domains.math.trace import parse_trace
from assay.engines.base import Lent, borrowed, resource, split_limit
from assay.errors import AssayError
from assay.records import Attempt, Candidate, Problem, Step, settings_key

FN = "assay.stages.sample:sample"


@dataclass(frozen=True)
class GeneratorSpec:
    """A generator as `backends.make_generator` builds it: "SCHEME:TARGET" and its options (HTTP
    timeouts, retries, concurrency, cache path, prices), as sorted pairs so the spec is hashable."""

    spec: str
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, spec: str, **options: Any) -> GeneratorSpec:
        return cls(spec, tuple(sorted(options.items())))

    def build(self) -> Generator:
        from assay.backends import make_generator

        options = dict(self.options)
        if "cache_path" in options:
            options["cache_path"] = Path(options["cache_path"])
        return make_generator(self.spec, **options)


@dataclass(frozen=True)
class SampleContext:
    generator: GeneratorSpec | Lent  # Lent: a Generator object the caller built (local engine only)
    generator_id: str  # the id the driver derived the attempt ids with
    settings: SamplingSettings
    template: Template
    n: int  # samples per problem
    generation: int
    price: tuple[float, float] = (0.0, 0.0)  # USD per million (prompt, completion) tokens

    def share(self, index: int, workers: int) -> SampleContext | None:
        """Worker `index`'s context when `workers` run this stage at once (engines call it): an HTTP
        generator's `concurrency` is split so that all workers together never exceed it; a worker whose
        part would be 0 gets None and takes no batch."""
        if not isinstance(self.generator, GeneratorSpec):
            return self
        options = dict(self.generator.options)
        if "concurrency" not in options:
            return self
        part = split_limit(int(options["concurrency"]), index, workers)
        if part is None:
            return None
        spec = GeneratorSpec.of(self.generator.spec, **{**options, "concurrency": part})
        return replace(self, generator=spec)


@dataclass(frozen=True)
class SampleJob:
    problem: Problem
    done: frozenset[int] = frozenset()  # sample indices already stored as "ok": never written again


@dataclass(frozen=True)
class Sampled:
    problem_id: str
    candidates: tuple[Candidate, ...]
    attempts: tuple[Attempt, ...]  # one per sample asked for; "ok" ones name their candidate

    @property
    def failed(self) -> int:
        return sum(1 for a in self.attempts if a.status == "failed")


def generator_for(ref: GeneratorSpec | Lent) -> Generator:
    """This process's generator for a spec (built once), or the generator the driver lent."""
    if isinstance(ref, Lent):
        lent: Generator = borrowed(ref)
        return lent
    return resource(("generator", ref), ref.build)


def sample_settings_key(settings: SamplingSettings, template: Template) -> str:
    """The settings part of every attempt and candidate id: the template's id and the sampling settings."""
    return settings_key(template.id, asdict(settings))


def sample(context: SampleContext, jobs: list[SampleJob]) -> list[Sampled]:
    if not jobs:
        return []
    generator = generator_for(context.generator)
    if generator.id != context.generator_id:
        raise AssayError(
            f"the generator built here is {generator.id}, not {context.generator_id} as the run expects "
            "(another checkpoint or model behind the same spec); no samples were written"
        )
    settings, template = context.settings, context.template
    key = sample_settings_key(settings, template)
    completions = generator.complete(
        [template.render(job.problem.prompt) for job in jobs], context.n, settings
    )
    made: list[tuple[list[Candidate], list[Attempt]]] = [([], []) for _ in jobs]
    for c in completions:
        job = jobs[c.prompt_index]
        if c.sample_index in job.done:
            continue
        problem = job.problem
        candidates, attempts = made[c.prompt_index]
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
            cost=0.0 if c.cached else _cost(c.prompt_tokens, c.completion_tokens, context.price),
            cached=c.cached,
        )
        if c.text is None:
            attempts.append(attempt)
            continue
        answer, steps = read_response(problem, c.text)
        candidate = Candidate(
            problem_id=problem.id,
            text=c.text,
            answer=answer,
            steps=steps,
            generator=generator.id,
            generation=context.generation,
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
    return [
        Sampled(job.problem.id, tuple(candidates), tuple(attempts))
        for job, (candidates, attempts) in zip(jobs, made, strict=True)
    ]


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

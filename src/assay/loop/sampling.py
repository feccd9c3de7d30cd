"""A model's samples as candidates: the `sample` stage, asked through the `Generator` contract.

Every loop model (in memory between generations) is a `TinyGenerator`, the generator the pipeline uses
for `tiny:` models, lent to the `sample` stage function (assay.stages.sample), which makes the
candidates exactly as `assay run` does: each response's answer and steps read one way
(`read_response`: the math trace parser, the last committed answer after retractions), the template
and sampling settings in its identity. The loop's models were trained on bare prompts, so its template
is the bare prompt. The exact value of each answer (for the answer-spread metrics and the weak oracle)
is read from that same trace by `training.answers.read_answers`, in the worker pool. Nothing here reads
an answer with string work of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assay.backends.base import Completion, Generator, SamplingSettings
from assay.backends.templates import Template
from assay.engines.base import lend
from assay.errors import AssayError
from assay.records import Candidate, Problem
from assay.stages.sample import SampleContext, SampleJob, read_response
from assay.stages.sample import sample as sample_stage
from assay.training.answers import read_answers
from assay.workers import WorkerPool

HUMAN_SEED = "human-seed@1"  # the generator of the human seed traces: what `assay export` counts as human
BARE_PROMPT = Template("loop-bare@1", "{prompt}")


@dataclass(frozen=True)
class Sample:
    """One response as a candidate of the model that wrote it, and the exact value of its answer."""

    problem: Problem
    candidate: Candidate
    value: str | None  # one number (`4`, `-3/2`) when the answer is exactly that, else None


class LoopModel:
    """A loop model as a generator named by its place in the lineage (`seed1/verified-accumulate/v2`):
    the name its samples carry, which `assay export --generator` selects by. Sampling is the
    TinyGenerator's."""

    def __init__(self, model: Any, tokenizer: Any, name: str) -> None:
        from assay.backends.tiny import TinyGenerator

        self.id = name
        self._tiny = TinyGenerator.in_memory(model, tokenizer, name)

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]:
        return self._tiny.complete(prompts, n, settings, first_sample)


def settings(temperature: float, max_tokens: int, seed: int) -> SamplingSettings:
    return SamplingSettings(temperature=temperature, max_tokens=max_tokens, seed=seed)


def sample(
    generator: Generator,
    problems: Sequence[Problem],
    n: int,
    sampling: SamplingSettings,
    generation: int,
    pool: WorkerPool,
) -> list[Sample]:
    """n samples of each problem (problem by problem, by sample index) from the `sample` stage."""
    with lend(generator, f"loop model {generator.id}") as lent:
        context = SampleContext(lent, generator.id, sampling, BARE_PROMPT, n, generation)
        made = sample_stage(context, [SampleJob(p) for p in problems])
    pairs = []
    for problem, result in zip(problems, made, strict=True):
        if result.failed or len(result.candidates) != n:  # the model runs here: a failure is a bug
            errors = {a.error for a in result.attempts if a.status == "failed"}
            raise AssayError(f"{generator.id} failed on a loop prompt: {', '.join(sorted(errors))}")
        pairs += [(problem, c) for c in sorted(result.candidates, key=lambda c: c.sample_index)]
    return _with_values(pairs, pool)


def human_samples(
    problems: Sequence[Problem], texts: Sequence[str], seed: int, pool: WorkerPool
) -> list[Sample]:
    """The human seed traces as candidates of generation 0, read the same way."""
    pairs = []
    for problem, text in zip(problems, texts, strict=True):
        answer, steps = read_response(problem, text)
        pairs.append((problem, Candidate(problem.id, text, answer, steps, generator=HUMAN_SEED, seed=seed)))
    return _with_values(pairs, pool)


def _with_values(pairs: list[tuple[Problem, Candidate]], pool: WorkerPool) -> list[Sample]:
    read = read_answers([p for p, _ in pairs], [c.text for _, c in pairs], pool)
    return [Sample(p, c, a.value) for (p, c), a in zip(pairs, read, strict=True)]

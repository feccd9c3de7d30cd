"""Stages: each a pure batch function, addressed as "assay.stages.MODULE:FUNCTION", and its context.

A batch function is `fn(context, batch) -> list[result]`: the context is a frozen, picklable dataclass
of settings (specs, seeds, limits; never a store, a pool, a model or an open file), the batch a list of
records, the results typed frozen dataclasses (or records), one per item, in the batch's order. What is
costly to build from the settings (a task, a generator, the verifiers and their worker pool) is built
once per process with `engines.resource`, so the same function runs unchanged in the driver (local
engine) or on a Ray worker. Nothing here touches the store or a file: `drive.py` is the one driver
loop, and the callers in `generate.py` and `verification.py` read and write the store around it.

    problems   (task spec, seed) + item indices        → Made(problem, reference candidate)
    sample     (generator spec, sampling, template, n) → Sampled(candidates, attempts) per problem
    verify     (verifier settings)                     → one Verdict per (problem, candidate)
"""

from __future__ import annotations

from assay.stages.drive import drive
from assay.stages.problems import Made, ProblemsContext, TaskSpec
from assay.stages.sample import GeneratorSpec, SampleContext, Sampled, SampleJob
from assay.stages.verify import VerifierSettings, VerifyContext

__all__ = [
    "GeneratorSpec",
    "Made",
    "ProblemsContext",
    "SampleContext",
    "SampleJob",
    "Sampled",
    "TaskSpec",
    "VerifierSettings",
    "VerifyContext",
    "drive",
]

"""Everything a plugin author needs, from one import place.

    from assay.plugin import ProceduralTask, Problem, Candidate, Verdict, Status, StepResult, StepStatus

A plugin is a package whose pyproject names its classes in assay's entry-point groups:

    [project.entry-points."assay.tasks"]        a Task: `generate(seed, index) -> Problem`
    [project.entry-points."assay.verifiers"]    a Verifier: `verify(problem, candidate) -> Verdict`
    [project.entry-points."assay.generators"]   a factory by scheme: `factory(target, **options)`
                                                returning a Generator (`id`, `complete(...)`)
    [project.entry-points."assay.scorers"]      a Scorer: `id` ("name@version") and
                                                `score(batch of ScoreItem) -> list[Score]`

assay's own tasks, verifiers and generators register through these same groups. See docs/plugins.md
for a worked example. This module only re-exports: it must never define behaviour of its own.
"""

from __future__ import annotations

from assay.backends.base import Completion, Generator, SamplingSettings
from assay.errors import AssayError, ConfigError, InputError
from assay.pooled import PoolVerifier
from assay.records import Candidate, Problem, Score, Status, StepResult, StepStatus, Verdict
from assay.registry import Registry
from assay.scoring.base import FakeScorer, ScoreItem, Scorer
from assay.tasks import NoConfig, ProceduralTask, Task, item_rng
from assay.verifiers import Verifier

__all__ = [
    "AssayError",
    "Candidate",
    "Completion",
    "ConfigError",
    "FakeScorer",
    "Generator",
    "InputError",
    "NoConfig",
    "PoolVerifier",
    "Problem",
    "ProceduralTask",
    "Registry",
    "SamplingSettings",
    "Score",
    "ScoreItem",
    "Scorer",
    "Status",
    "StepResult",
    "StepStatus",
    "Task",
    "Verdict",
    "Verifier",
    "item_rng",
]

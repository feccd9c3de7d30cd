"""Stage `verify`: one verdict per (problem, candidate), from each problem's domain verifier.

The verifiers (and the killable worker pool and code sandbox they use) are built once per process from
the settings: on a Ray worker, each worker owns its own pool and sandbox. What the store knows (which
candidates already have a verdict) is the driver's business, not this function's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assay.domains.code.sandbox import SandboxConfig
from assay.engines.base import Lent, borrowed, resource
from assay.records import Candidate, Problem, Verdict
from assay.verifiers import Verifiers
from assay.workers import WorkerPool

FN = "assay.stages.verify:verify"


@dataclass(frozen=True)
class VerifierSettings:
    """What decides how candidates are verified: the chosen verifier per domain ([verify] DOMAIN =
    "NAME"), the per-candidate time limit, the pool's size (None: the CPUs) and the code sandbox."""

    chosen: tuple[tuple[str, str], ...] = ()
    timeout: float = 2.0
    workers: int | None = None
    sandbox: SandboxConfig = field(default_factory=SandboxConfig)

    @classmethod
    def of(
        cls,
        chosen: dict[str, str] | None = None,
        timeout: float = 2.0,
        workers: int | None = None,
        sandbox: SandboxConfig | None = None,
    ) -> VerifierSettings:
        return cls(tuple(sorted((chosen or {}).items())), timeout, workers, sandbox or SandboxConfig())

    def pool(self) -> WorkerPool:
        """This process's killable worker pool for these limits (the eval stage uses it too)."""
        return resource(
            ("pool", self.workers, self.timeout), lambda: WorkerPool(size=self.workers, timeout=self.timeout)
        )

    def build(self) -> Verifiers:
        return Verifiers(pool=self.pool(), sandbox=self.sandbox, chosen=dict(self.chosen))


@dataclass(frozen=True)
class VerifyContext:
    verifiers: VerifierSettings | Lent  # Lent: a Verifiers object the caller built (local engine only)


def verifiers_for(ref: VerifierSettings | Lent) -> Verifiers:
    """This process's verifiers for the settings (built once), or the ones the driver lent."""
    if isinstance(ref, Lent):
        lent: Verifiers = borrowed(ref)
        return lent
    return resource(("verifiers", ref), ref.build)


def verify(context: VerifyContext, pairs: list[tuple[Problem, Candidate]]) -> list[Verdict]:
    if not pairs:
        return []
    return verifiers_for(context.verifiers).verify_many(pairs)

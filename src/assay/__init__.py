"""assay: verified synthetic training data and the verified self-training loop.

>>> from assay import Registry, StepVerifier
>>> task = Registry.from_entry_points().task("linear")
>>> problem = task.generate(seed=1, index=0)
"""

from assay._version import __version__
from assay.domains.code.sandbox import CodeJob, Sandbox, SandboxConfig
from assay.domains.code.verifier import CodeVerifier
from assay.domains.math.verifier import AnswerVerifier, StepVerifier
from assay.errors import AssayError
from assay.records import (
    Candidate,
    Problem,
    Review,
    ReviewDecision,
    Sample,
    Score,
    Status,
    Step,
    StepKind,
    StepResult,
    StepStatus,
    Verdict,
    from_json,
    to_json,
)
from assay.registry import Registry
from assay.store import Store
from assay.verification import Verifiers
from assay.workers import WorkerPool
from assay.workspace import Workspace

__all__ = [
    "AnswerVerifier",
    "AssayError",
    "Candidate",
    "CodeJob",
    "CodeVerifier",
    "Problem",
    "Registry",
    "Review",
    "ReviewDecision",
    "Sample",
    "Sandbox",
    "SandboxConfig",
    "Score",
    "Status",
    "Step",
    "StepKind",
    "StepResult",
    "StepStatus",
    "StepVerifier",
    "Store",
    "Verdict",
    "Verifiers",
    "WorkerPool",
    "Workspace",
    "__version__",
    "from_json",
    "to_json",
]

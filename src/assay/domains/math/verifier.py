"""The math verifiers: `math-answer` (the final answer only) and `math-steps` (every step and the answer).

Both send the work to a `WorkerPool`, so model text is parsed and checked in a killable process with a
hard wall-clock limit; the calling process only builds jobs and reads verdicts. A verifier is safe to
share between threads. A candidate is `verified` by `math-steps` only if its answer is verified and no
step is refuted or unknown.
"""

from __future__ import annotations

from assay.pooled import DEFAULT_TIMEOUT, PoolVerifier, job_for, verdict_from


class AnswerVerifier(PoolVerifier):
    """Checks the final answer only (exact, then symbolic, then math-verify for LaTeX)."""

    name = "math-answer"
    version = "27"  # a new version whenever a verdict can change (tests/test_verifier_versions.py)
    module = "assay.domains.math.check"
    job = "check_answer_job"


class StepVerifier(PoolVerifier):
    """Checks every step of the trace and the final answer."""

    name = "math-steps"
    version = "27"  # a new version whenever a verdict can change (tests/test_verifier_versions.py)
    module = "assay.domains.math.check"
    job = "check_trace_job"


__all__ = ["DEFAULT_TIMEOUT", "AnswerVerifier", "StepVerifier", "job_for", "verdict_from"]

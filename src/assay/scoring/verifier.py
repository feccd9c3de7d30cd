"""The `verifier` scorer: a score read from the stored verdicts, what the exact checks concluded.

    verified  1.0    proven right
    refuted   0.0    proven wrong
    unknown, error, timeout, or no verdict at all   0.5 (UNDECIDED)

Why a middle value rather than leaving undecided candidates out: every candidate must get a Score so a
ranking covers the whole pool (and a domain with no verifier can still be scored), and "no evidence
either way" honestly sits between proven right and proven wrong. It is never read as verified: a
`--min-score` meant as "verified only" must be above 0.5, and the composite scorer's gate passes only
1.0. With several verdicts (math-answer and math-steps) the lowest value counts: one refutation sinks
the candidate, and an undecided strict check is not overruled by a lenient one (fail closed).

Step values come from the verdict's step results: verified and no-claim (prose) 1.0, refuted 0.0,
unknown 0.5. This module reads verdicts only; it never verifies anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from assay.records import Score, Status, StepStatus, Verdict
from assay.scoring.base import ScoreItem

UNDECIDED = 0.5
_VALUES = {Status.VERIFIED: 1.0, Status.REFUTED: 0.0}
_STEP_VALUES = {
    StepStatus.VERIFIED: 1.0,
    StepStatus.NO_CLAIM: 1.0,
    StepStatus.REFUTED: 0.0,
    StepStatus.UNKNOWN: UNDECIDED,
}


def verdict_value(verdict: Verdict) -> float:
    return _VALUES.get(verdict.status, UNDECIDED)


class VerifierScorer:
    """Scores each candidate by its stored verdicts (see the module docstring for the values)."""

    name = "verifier"
    version = "1"
    needs_verdicts = True

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        return [self._one(item) for item in batch]

    def _one(self, item: ScoreItem) -> Score:
        if not item.verdicts:
            return Score(item.candidate.id, self.id, UNDECIDED)
        # the lowest-valued verdict decides; among equals the one with the most step results speaks
        worst = min(item.verdicts, key=lambda v: (verdict_value(v), -len(v.steps), v.verifier))
        steps = tuple(_STEP_VALUES[s.status] for s in worst.steps)
        return Score(item.candidate.id, self.id, verdict_value(worst), steps)

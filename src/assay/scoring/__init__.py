"""Scoring: the Scorer contract, the built-in scorers and the score stage.

    verifier    a score from the stored verdicts (assay.scoring.verifier)
    orm, prm    reward models trained on verifier labels (assay.scoring.learned, .train)
    composite   gates, then a weighted combination (assay.scoring.composite)

Scorers are looked up by spec through the `assay.scorers` entry points (assay.scoring.spec.build).
A score ranks candidates; it never marks one verified.
"""

from __future__ import annotations

from assay.scoring.base import FakeScorer, ScoreItem, Scorer, checked, needs_verdicts
from assay.scoring.spec import build

__all__ = ["FakeScorer", "ScoreItem", "Scorer", "build", "checked", "needs_verdicts"]

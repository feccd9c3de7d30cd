"""A toy pool of traces with a signal a tiny reward model can learn: a step is wrong when it says "no".

Each problem has a few candidates of 2-5 steps; every step reads "step K: ok" or "step K: no". The
verdict is what a step verifier would say: a "no" step is refuted, the candidate is verified only when
every step is "ok". So the ORM must find a "no" anywhere, and the PRM must find the first one.
"""

from __future__ import annotations

import random

from assay.records import Candidate, Problem, Status, Step, StepKind, StepResult, StepStatus, Verdict
from assay.scoring.base import ScoreItem


def toy_items(n_problems: int = 60, per_problem: int = 4, seed: int = 0) -> list[ScoreItem]:
    rng = random.Random(seed)
    items: list[ScoreItem] = []
    for p in range(n_problems):
        problem = Problem("toy", "marks", f"Check the marks of list {p}.", {"answer": "ok"}, "test")
        for s in range(per_problem):
            count = rng.randint(2, 5)
            wrong_from = rng.randint(1, count) if rng.random() < 0.5 else None
            words = [
                "no" if wrong_from == k or (wrong_from and k > wrong_from and rng.random() < 0.5) else "ok"
                for k in range(1, count + 1)
            ]
            steps = tuple(Step(k, f"step {k}: {w}", StepKind.CLAIM) for k, w in enumerate(words, 1))
            text = "\n".join(step.text for step in steps)
            candidate = Candidate(problem.id, text, None, steps=steps, generator="toy", sample_index=s)
            results = tuple(
                StepResult(k, StepStatus.REFUTED if w == "no" else StepStatus.VERIFIED)
                for k, w in enumerate(words, 1)
            )
            status = Status.REFUTED if "no" in words else Status.VERIFIED
            items.append(
                ScoreItem(problem, candidate, (Verdict(candidate.id, "toy-steps@1", status, steps=results),))
            )
    return items

"""Judging the loop's samples: the `verify` stage, and the deliberately weak oracle.

Each sample gets two verdicts from the `verify` stage function (assay.stages.verify), each set of
verifiers a `Verifiers` (the registry's verifiers, the object every verify path uses) over the job's
worker pool: `math-steps` (the math domain's default: every step and the answer) and `math-answer`
(chosen for math, as `[verify] math = "math-answer"` would: the final answer only). The weak oracle
(`parity_matches`) is the experiment's stand-in for a careless checker; it decides nothing outside
the `weak-verifier` arm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assay.engines.base import lend
from assay.loop.sampling import Sample
from assay.loop.training_set import Judgements
from assay.records import Candidate, Problem, Status, Verdict
from assay.stages.verify import VerifyContext, verify
from assay.verifiers import Verifiers
from assay.workers import WorkerPool


@dataclass(frozen=True)
class Judged:
    """A sample with its two verdicts."""

    sample: Sample
    steps: Verdict  # math-steps
    answer: Verdict  # math-answer

    @property
    def problem(self) -> Problem:
        return self.sample.problem

    @property
    def candidate(self) -> Candidate:
        return self.sample.candidate

    @property
    def verdicts(self) -> list[Verdict]:
        return [self.steps, self.answer]

    def judgements(self) -> Judgements:
        """What a policy chooses by."""
        return Judgements(
            self.problem.prompt,
            self.candidate.text,
            self.steps.status == Status.VERIFIED,
            self.answer.status == Status.VERIFIED,
            parity_matches(self.sample.value, str(self.problem.reference.get("answer", ""))),
        )


class Judge:
    """Both verifiers over one worker pool (the caller's: it outlives many generations)."""

    def __init__(self, pool: WorkerPool) -> None:
        self._steps = Verifiers(pool=pool)
        self._answers = Verifiers(pool=pool, chosen={"math": "math-answer"})

    def judge(self, samples: Sequence[Sample]) -> list[Judged]:
        pairs = [(s.problem, s.candidate) for s in samples]
        with lend(self._steps, "math-steps") as steps_key, lend(self._answers, "math-answer") as answers_key:
            steps = verify(VerifyContext(steps_key), pairs)
            answers = verify(VerifyContext(answers_key), pairs)
        return [Judged(s, v, a) for s, v, a in zip(samples, steps, answers, strict=True)]

    def close(self) -> None:
        self._steps.close()
        self._answers.close()

    def __enter__(self) -> Judge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parity_matches(value: str | None, gold: str) -> bool:
    """The deliberately weak oracle: the answer's exact value is a whole number of gold's parity (about
    half of the wrong answers pass, as comparing modulo 100 lets wrong answers through on larger numbers).
    value is what the domain's parser read (assay.training.answers); no value passes nothing."""
    if value is None or not re.fullmatch(r"-?\d{1,12}", value) or not re.fullmatch(r"-?\d{1,12}", gold):
        return False
    return int(value) % 2 == int(gold) % 2

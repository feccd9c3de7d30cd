"""The rules of the TRL exports (assay.export_trl): which verdict and which stored score speak for a
candidate, which responses make a preference pair, and which label each step of a trace gets, as
functions over records, so each rule is a table of cases.

Only verifier evidence decides here; a score only ranks among candidates the evidence already allows.
Everything the evidence cannot back is left out with a reason (fail closed), never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assay.errors import InputError
from assay.records import Candidate, Score, Status, Step, StepStatus, Verdict

# --- which verdict and which score speak for a candidate ---------------------------------------------


@dataclass(frozen=True)
class RowFilter:
    """Which candidates and verdicts a TRL export reads: one verifier for every row, or each domain's,
    and the plain export's generation and generator filters."""

    verifier: str | None  # one verifier for every row, or None: each domain's (table)
    table: Mapping[str, str]
    generation: int | None
    generator: str | None

    def verifier_for(self, domain: str) -> str | None:
        return self.verifier or self.table.get(domain)

    def keeps(self, candidate: Candidate) -> bool:
        return (self.generation is None or candidate.generation == self.generation) and (
            self.generator is None or candidate.generator == self.generator
        )


@dataclass
class ScorerMatch:
    """Which stored scores are the wanted scorer's: its exact id ("prm@1+3f2a…"), or, for a bare name
    ("prm"), the one version of it stored. Two stored versions under one name is an error: ranking by
    a mix of two models' values would silently compare numbers on different scales."""

    wanted: str | None
    resolved: str | None = None
    seen_candidates: int = field(default=0)

    def pick(self, scores: Sequence[Score]) -> Score | None:
        if self.wanted is None:
            return None
        self.seen_candidates += 1
        bare = "@" not in self.wanted
        mine = [s for s in scores if s.scorer == self.wanted or (bare and _name(s.scorer) == self.wanted)]
        for score in mine:
            if self.resolved is None:
                self.resolved = score.scorer
            elif score.scorer != self.resolved:
                both = ", ".join(sorted((self.resolved, score.scorer)))
                raise InputError(
                    f"scorer {self.wanted!r} names several stored scorers ({both}); give the full id"
                )
        return mine[0] if mine else None

    def check_found(self) -> None:
        """InputError if a scorer was named but none of the candidates looked at has its score."""
        if self.wanted is not None and self.resolved is None and self.seen_candidates:
            raise InputError(
                f"no stored scores from scorer {self.wanted!r}: give a stored scorer id (as `assay show "
                "CANDIDATE` lists them) or a name with one stored version, or score first (`assay score`)"
            )


def _name(scorer_id: str) -> str:
    return scorer_id.split("@", 1)[0]


# --- stepwise labels ---------------------------------------------------------------------------------


def step_labels(steps: Sequence[Step], verdict: Verdict) -> tuple[bool, ...] | str:
    """Per-step labels for PRM training of a trace's steps from a step verifier's verdict, or the reason
    there are none.

    Labels are True before the first refuted step and False from it on (a step after an error builds
    on it, so it is no progress however it reads). A prose step (no_claim: it asserts nothing
    checkable) passes like the steps around it: it adds no error, and the checked steps before the
    first error all hold. Only evidence labels a step, so the trace is left out (fail closed) when:
    - the verdict is neither verified nor refuted (unknown, error, timeout: nothing is established);
    - its step results are not one per trace step, by the same indices (a verifier that numbers its
      own checks, such as code tests, says nothing about these steps);
    - an unknown step comes before the first refuted one: whether the unknown step is right decides
      every label after it, and True or False would each be a guess;
    - it is refuted but no step is (a wrong outcome the steps do not locate: which step is to blame
      is not known);
    - it is verified yet a step is refuted or unknown (contradictory evidence).
    An unknown step after the first refuted one does not matter: it is False either way."""
    if not steps:
        return "no steps"
    if verdict.status not in (Status.VERIFIED, Status.REFUTED):
        return f"verdict {verdict.status.value}"
    if [r.index for r in verdict.steps] != [s.index for s in steps]:
        return "step results do not line up with the trace's steps"
    statuses = [r.status for r in verdict.steps]
    first_refuted = next((i for i, s in enumerate(statuses) if s == StepStatus.REFUTED), None)
    first_unknown = next((i for i, s in enumerate(statuses) if s == StepStatus.UNKNOWN), None)
    if verdict.status == Status.VERIFIED:
        if first_refuted is not None or first_unknown is not None:
            return "verified with a failing step"
        return tuple(True for _ in statuses)
    if first_refuted is None:
        return "refuted, but no step is"
    if first_unknown is not None and first_unknown < first_refuted:
        return "unknown step before the first refuted one"
    return tuple(i < first_refuted for i in range(len(statuses)))


# --- preference pairs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A candidate offered for a pair: its selecting verdict's status, its score (None: unscored), and
    whether another verifier refuted it (contested: never chosen, whatever the selecting one said)."""

    candidate: Candidate
    status: Status | None
    value: float | None = None
    contested: bool = False


def choose_pair(options: Sequence[Option], ranked: bool) -> tuple[Option, Option] | str:
    """(chosen, rejected) for one problem, or the reason there is no pair.

    Chosen is verified (and refuted by no other stored verdict: one refutation sinks a candidate, as
    the `verifier` scorer has it), rejected refuted; nothing else is ever rejected (see the module
    docstring).
    Ranked (a scorer was given): the highest-scored verified against the lowest-scored refuted, the
    most and the least convincing by the scorer; unscored candidates cannot be ranked and are not
    offered. Not ranked: the first of each by candidate id (a content hash: arbitrary, but the same
    on every run). Ties go to the smaller id."""
    verified = [o for o in options if o.status == Status.VERIFIED and not o.contested]
    refuted = [o for o in options if o.status == Status.REFUTED]
    if not verified:
        return "no verified candidate"
    if not refuted:
        return "no refuted candidate (unknown, error and timeout are never rejected)"
    if ranked:
        verified = [o for o in verified if o.value is not None]
        refuted = [o for o in refuted if o.value is not None]
        if not verified:
            return "no scored verified candidate"
        if not refuted:
            return "no scored refuted candidate"
        chosen = min(verified, key=lambda o: (-(o.value or 0.0), o.candidate.id))
        rejected = min(refuted, key=lambda o: (o.value or 0.0, o.candidate.id))
    else:
        chosen = min(verified, key=lambda o: o.candidate.id)
        rejected = min(refuted, key=lambda o: o.candidate.id)
    if " ".join(chosen.candidate.text.split()) == " ".join(rejected.candidate.text.split()):
        return "chosen and rejected have the same text"
    return chosen, rejected

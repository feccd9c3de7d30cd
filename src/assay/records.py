"""The records that flow through every stage of assay, and their JSON form.

Records are frozen dataclasses. Ids are content hashes, so re-running a stage re-derives the same ids
and a crashed run resumes without losing or duplicating anything. Nothing here does I/O.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

from assay.errors import InputError

JSONValue = Any  # what json.loads can return; records keep references and params in this form


# the canonical JSON of ids: one encoder for every id (`json.dumps` with these options builds a new one per
# call, which costs a third of an id); encoding keeps no state between calls
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def content_id(prefix: str, *parts: object) -> str:
    """A stable id: a prefix and the first 16 hex digits of SHA-256 over the canonical JSON of parts."""
    blob = _CANONICAL.encode(parts)
    return f"{prefix}_{hashlib.sha256(blob.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


class Status(enum.StrEnum):
    """What a verifier concluded about a whole candidate. Only VERIFIED counts as verified."""

    VERIFIED = "verified"  # proven right by the verifier's evidence
    REFUTED = "refuted"  # proven wrong; the evidence says where
    UNKNOWN = "unknown"  # the verifier could not decide (unreadable, out of bounds, unsupported)
    ERROR = "error"  # the verifier or its input broke; says nothing about correctness
    TIMEOUT = "timeout"  # the hard wall-clock limit killed the check


class StepStatus(enum.StrEnum):
    """What a verifier concluded about one step of a trace."""

    VERIFIED = "verified"  # the step's claim follows from the problem and the steps before it
    REFUTED = "refuted"  # the claim is false, or changes the solution set
    UNKNOWN = "unknown"  # unreadable, or beyond what the checker can decide
    NO_CLAIM = "no_claim"  # prose: the line asserts nothing checkable


class StepKind(enum.StrEnum):
    """What the trace parser made of one line (or arrow-separated segment) of a trace."""

    CLAIM = "claim"  # equations, expression rewrites or arithmetic facts
    VERIFICATION = "verification"  # a "Verify:"/"Check:" line: the answer substituted back
    ANSWER = "answer"  # an "Answer: ..." line: the final answer, checked as a claim
    PROSE = "prose"  # words only; carries no claim
    UNREADABLE = "unreadable"  # looks like math but is outside the grammar: never guessed


class ReviewDecision(enum.StrEnum):
    """A human reviewer's decision on a candidate."""

    ACCEPT = "accept"  # keep as written
    REJECT = "reject"  # drop
    EDIT = "edit"  # keep the reviewer's edited text instead


@dataclass(frozen=True)
class Problem:
    """A problem: prompt text plus the reference needed to verify answers to it."""

    domain: str
    task: str
    prompt: str
    reference: Mapping[str, JSONValue]
    source: str  # procedural:<task>@<version>#<seed>/<index> · human:<file> · model:<id>
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(
                self, "id", content_id("prb", self.domain, self.task, self.prompt, self.reference)
            )


@dataclass(frozen=True)
class Step:
    """One step of a reasoning trace as the parser read it."""

    index: int  # 1-based position among the trace's steps
    text: str  # the raw text of the step, reason included
    kind: StepKind
    math: str = ""  # the math part the parser found ("" for prose)
    reason: str = ""  # the bracketed reason, if any


@dataclass(frozen=True)
class Candidate:
    """A model's (or a reference solver's) answer to a problem, with its reasoning trace."""

    problem_id: str
    text: str  # the raw model output
    answer: str | None  # the final answer as written, or None if none was found
    steps: tuple[Step, ...] = ()
    generator: str = "unknown"  # model id or solver name@version
    generation: int = 0  # index of the model generation that wrote it (0 = seed / reference)
    sample_index: int = 0
    seed: int = 0
    params: Mapping[str, JSONValue] = field(default_factory=dict)  # backend, template version, sampling
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            parts: list[object] = [self.problem_id, self.generator, self.sample_index, self.seed, self.text]
            identity = {k: self.params[k] for k in IDENTITY_PARAMS if k in self.params}
            if identity:  # (records without them keep the ids they always had)
                parts.append(identity)
            object.__setattr__(self, "id", content_id("cand", *parts))


# The params that decide what a sample is besides its generator, index and seed: the same text written
# at another temperature or from another template is another sample, with another id and provenance.
IDENTITY_PARAMS = ("template", "sampling")


@dataclass(frozen=True)
class StepResult:
    """A verifier's conclusion about one step."""

    index: int
    status: StepStatus
    evidence: str = ""


@dataclass(frozen=True)
class Verdict:
    """A verifier's conclusion about a candidate, with the evidence for it."""

    candidate_id: str
    verifier: str  # name@version
    status: Status
    evidence: str = ""
    steps: tuple[StepResult, ...] = ()
    seconds: float = 0.0
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id("ver", self.candidate_id, self.verifier))

    @property
    def first_error_step(self) -> int | None:
        """Index of the first step that is refuted or unknown, or None."""
        for step in self.steps:
            if step.status in (StepStatus.REFUTED, StepStatus.UNKNOWN):
                return step.index
        return None


@dataclass(frozen=True)
class Score:
    """A scorer's (reward model's) value for a candidate."""

    candidate_id: str
    scorer: str  # name@version
    value: float
    step_values: tuple[float, ...] = ()
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id("scr", self.candidate_id, self.scorer))


@dataclass(frozen=True)
class Review:
    """A human reviewer's judgement of a candidate."""

    candidate_id: str
    reviewer: str
    decision: ReviewDecision
    step_ratings: tuple[int, ...] = ()  # +1 / 0 / -1 per step, stopping at the first error
    finish_reason: str = ""
    edited_text: str = ""
    created_at: str = ""  # ISO 8601
    id: str = ""

    def __post_init__(self) -> None:
        for rating in self.step_ratings:
            if rating not in (-1, 0, 1):
                raise InputError(f"step ratings are -1, 0 or +1, not {rating!r}")
        if not self.id:
            object.__setattr__(
                self, "id", content_id("rev", self.candidate_id, self.reviewer, self.created_at)
            )


@dataclass(frozen=True)
class Attempt:
    """One requested sample: done (with its candidate) or failed (with the reason), and what it used.

    Resumes key on its id, which covers everything that decides the sample (`settings` is
    `settings_key(template, sampling)`), so a re-run with another temperature or template asks again
    instead of reusing. The usage is stored per attempt so a killed run's tokens and cost still count.
    """

    problem_id: str
    generator: str  # the generator's id, with its weights' hash where it has one
    sample_index: int
    seed: int
    status: str  # "ok" or "failed"
    candidate_id: str | None = None
    error: str = ""
    settings: str = ""  # settings_key(template id, sampling settings); "" in attempts made before it
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0  # USD, from the prices in the run config; 0 when answered from the cache
    cached: bool = False  # answered from the response cache: no request was made

    @property
    def id(self) -> str:
        return attempt_id(self.problem_id, self.generator, self.sample_index, self.seed, self.settings)


def settings_key(template: str, sampling: Mapping[str, JSONValue]) -> str:
    """What decides a sample besides its problem, generator, index and seed, as one short hash."""
    return content_id("set", template, dict(sampling))


def attempt_id(problem_id: str, generator: str, sample_index: int, seed: int, settings: str = "") -> str:
    if not settings:  # the ids of attempts recorded before settings were part of them
        return content_id("att", problem_id, generator, sample_index, seed)
    return content_id("att", problem_id, generator, sample_index, seed, settings)


@dataclass(frozen=True)
class Sample:
    """An exported row: a problem, one candidate, and everything known about it."""

    problem: Problem
    candidate: Candidate
    verdicts: tuple[Verdict, ...] = ()
    scores: tuple[Score, ...] = ()
    reviews: tuple[Review, ...] = ()

    @property
    def id(self) -> str:
        return self.candidate.id


# --- JSON round-trip ---------------------------------------------------------------------------------

R = TypeVar("R")


def to_json(record: object) -> dict[str, JSONValue]:
    """A record as a JSON-ready dict (enums as their values, tuples as lists)."""
    return json.loads(json.dumps(asdict(record), default=_default))  # type: ignore[call-overload, no-any-return]


def _default(value: object) -> JSONValue:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def from_json(cls: type[R], data: Mapping[str, JSONValue]) -> R:
    """Rebuild a record of type cls from to_json's output; unknown or missing keys raise InputError."""
    if not isinstance(data, Mapping):
        raise InputError(f"{cls.__name__} must be a JSON object, got {type(data).__name__}")
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    extra = set(data) - set(known)
    if extra:
        raise InputError(f"{cls.__name__} has no field(s) {sorted(extra)}")
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        kwargs[name] = _convert(cls.__name__, name, value)
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise InputError(f"{cls.__name__}: {exc}") from exc


def _convert(owner: str, name: str, value: JSONValue) -> Any:
    convert = _CONVERTERS.get((owner, name))
    if convert is None:
        return value
    try:
        return convert(value)
    except (ValueError, TypeError) as exc:
        raise InputError(f"{owner}.{name}: {exc}") from exc


# how a JSON value becomes a nested record, enum or tuple; anything not listed is kept as it is
_CONVERTERS: dict[tuple[str, str], Any] = {
    ("Candidate", "steps"): lambda v: tuple(from_json(Step, s) for s in v),
    ("Step", "kind"): StepKind,
    ("Verdict", "status"): Status,
    ("Verdict", "steps"): lambda v: tuple(from_json(StepResult, s) for s in v),
    ("StepResult", "status"): StepStatus,
    ("Score", "step_values"): tuple,
    ("Review", "decision"): ReviewDecision,
    ("Review", "step_ratings"): tuple,
    ("Sample", "problem"): lambda v: from_json(Problem, v),
    ("Sample", "candidate"): lambda v: from_json(Candidate, v),
    ("Sample", "verdicts"): lambda v: tuple(from_json(Verdict, x) for x in v),
    ("Sample", "scores"): lambda v: tuple(from_json(Score, x) for x in v),
    ("Sample", "reviews"): lambda v: tuple(from_json(Review, x) for x in v),
}

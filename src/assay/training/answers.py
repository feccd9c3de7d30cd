"""The final answer of a model's math trace, read by the math domain's own parser, in the worker pool.

The loop needs an answer per sample beside its verdicts: the Candidate records it (as the pipeline's
generate stage does), the answer-diversity metrics count distinct answers, and the weak oracle of the
`weak-verifier` arm compares its parity with the gold's. It is read the one way every candidate is read:
`parse_trace` (the last committed answer, after retractions; a trace with two final answers has none)
and then `read_answer` into an exact value. Both run in a killable worker with a wall-clock limit, like
the verifiers, since the text is a model's. Whatever cannot be read with certainty has no value (None):
a weak oracle may then only say no.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assay.errors import ConfigError
from assay.records import Problem
from assay.workers import WorkerPool


@dataclass(frozen=True)
class ReadAnswer:
    text: str | None  # the answer as written (Candidate.answer), or None if the trace commits to none
    value: str | None  # its exact value when it is one number (`4`, `-3/2`), else None


def read_answers(problems: Sequence[Problem], texts: Sequence[str], pool: WorkerPool) -> list[ReadAnswer]:
    """The answer of each (problem, response text); ConfigError for a domain without a reader here."""
    for problem in problems:
        if problem.domain != "math":
            raise ConfigError(
                f"task {problem.task!r} is a {problem.domain} task; the loop reads math traces only"
            )
    outcomes = pool.map("assay.training.answers:answer_job", [{"response": t} for t in texts])
    read = []
    for outcome in outcomes:
        value = outcome.value if outcome.kind == "ok" and isinstance(outcome.value, dict) else {}
        read.append(ReadAnswer(value.get("text"), value.get("value")))
    return read


def answer_job(job: Mapping[str, Any]) -> dict[str, str | None]:
    """Runs in a worker: {"response"} → {"text", "value"}; never raises for what it cannot read."""
    from assay.domains.math.answer import Values, read_answer
    from assay.domains.math.exact import Unsupported, format_number
    from assay.domains.math.trace import parse_trace
    from assay.errors import MathParseError

    text = parse_trace(str(job.get("response", ""))).answer
    value = None
    if text is not None:
        try:
            answer, _ = read_answer(text)
        except (MathParseError, Unsupported):  # (LimitExceeded is a MathParseError) no certain value
            answer = None
        if isinstance(answer, Values) and len(answer.items) == 1:
            value = format_number(next(iter(answer.items)))
    return {"text": text, "value": value}

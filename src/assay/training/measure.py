"""How good a tiny model is on held-out problems: NLL per token of reference traces, and exact-answer
accuracy of its greedy answers.

Accuracy never reads an answer itself: each greedy answer goes, as a Candidate, to the `math-answer`
verifier in the worker pool, which reads it with the math domain's own trace parser (the last committed
answer, retractions and all) and checks it exactly; whatever it cannot read is not right. A request
that failed (an HTTP model) is neither right nor wrong: it is counted apart, with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assay.backends.base import Completion, SamplingSettings
from assay.errors import AssayError
from assay.funnel import failure_reason
from assay.records import Candidate, Problem, Status
from assay.workers import WorkerPool


@dataclass(frozen=True)
class Accuracy:
    accuracy: float  # share of the answered problems the verifier accepts
    answered: int
    failed: int  # requests that failed: not answers, so neither right nor wrong
    failures: dict[str, int] = field(default_factory=dict)  # reason → requests


def held_out_nll(model: Any, tokenizer: Any, pairs: Sequence[tuple[str, str]]) -> float:
    """Mean NLL per response token (end token included) of (prompt, reference trace) pairs."""
    from assay.model.trainer import encode_pair, mean_nll

    return mean_nll(model, [encode_pair(tokenizer, p, r) for p, r in pairs])


def greedy(max_tokens: int) -> SamplingSettings:
    """The settings every accuracy is measured at: greedy, so one answer per problem, reproducibly."""
    return SamplingSettings(temperature=0.0, max_tokens=max_tokens, seed=0)


def model_completions(
    model: Any, tokenizer: Any, prompts: Sequence[str], settings: SamplingSettings
) -> list[Completion]:
    """One sample per prompt from a model in memory, as a generator's completions (the loop's models
    are never written to a file between generations)."""
    from assay.backends.tiny import TinyGenerator

    return TinyGenerator.in_memory(model, tokenizer).complete(list(prompts), 1, settings)


def answer_accuracy(
    problems: Sequence[Problem], completions: Sequence[Completion], pool: WorkerPool, verifiers: Any = None
) -> Accuracy:
    """The share of answered problems whose answer the `math-answer` verifier accepts. Problems of
    other domains (code, logic, a plugin's) have no answer-only verifier: their greedy responses are
    checked whole by their domain's verifier (`verifiers`, an `assay.verification.Verifiers`), so for
    code this is the share of programs that pass their tests."""
    from assay.domains.math.verifier import AnswerVerifier

    if len(completions) != len(problems):
        raise AssayError(f"{len(completions)} completions for {len(problems)} problems")
    answered = [(p, c) for p, c in zip(problems, completions, strict=True) if c.text is not None]
    failures: dict[str, int] = {}
    for c in completions:
        if c.text is None:
            reason = failure_reason(c.error)
            failures[reason] = failures.get(reason, 0) + 1
    pairs = [(p, Candidate(p.id, c.text or "", None)) for p, c in answered]
    if all(p.domain == "math" for p, _ in pairs):
        verdicts = AnswerVerifier(pool=pool).verify_many(pairs)
    elif verifiers is None:
        raise AssayError("answer accuracy of non-math problems needs their domains' verifiers")
    else:
        verdicts = verifiers.verify_many(pairs)
    right = sum(v.status == Status.VERIFIED for v in verdicts)
    return Accuracy(right / max(1, len(answered)), len(answered), len(problems) - len(answered), failures)


def exact_answer_accuracy(
    generator: Any,
    problems: Sequence[Problem],
    template: Any,
    pool: WorkerPool,
    max_tokens: int,
    verifiers: Any = None,
) -> Accuracy:
    """A generator's greedy answers to the problems (asked in template), checked by the verifier."""
    completions = generator.complete([template.render(p.prompt) for p in problems], 1, greedy(max_tokens))
    return answer_accuracy(problems, completions, pool, verifiers)

"""The functions a verification worker runs for the math domain: plain dicts in, plain dicts out.

`check_answer_job` and `check_trace_job` take `{"prompt", "reference", "task", "response"}` and return
`{"status", "evidence", "steps", "answer"}`. They never raise for bad input: what they cannot read is
`unknown`, what breaks is `error` (the pool adds the wall-clock limit on top).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assay.domains.math import game24
from assay.domains.math.answer import check_answer
from assay.domains.math.exact import Unsupported
from assay.domains.math.forward_reasons import forward_reasons
from assay.domains.math.markup import take_boxed
from assay.domains.math.named_sides import joined_side_lines
from assay.domains.math.percent_of_lines import joined_percent_lines
from assay.domains.math.problem import Spec, spec_from
from assay.domains.math.steps import check_steps
from assay.domains.math.trace import Trace, parse_trace
from assay.domains.math.units import asked_units, percent_answer
from assay.domains.math.vocabulary import split_top_level
from assay.errors import LimitExceeded, MathParseError
from assay.records import Status, StepKind, StepResult, StepStatus
from assay.text.compatible import without_invisible_characters


def _read(job: Mapping[str, Any]) -> tuple[Spec, Trace, str] | dict[str, Any]:
    """(problem spec, parsed response, gold answer), or the error result when the problem is unreadable."""
    try:
        spec = spec_from(str(job.get("prompt", "")), job.get("reference") or {}, job.get("task"))
    except (MathParseError, LimitExceeded) as exc:
        evidence = f"could not read the problem: {exc}"
        return {"status": Status.ERROR.value, "evidence": evidence, "steps": [], "answer": None}
    units = asked_units(str(job.get("prompt", "")))
    # `4x − 5 = 11  [add 5 to both sides]`: reasons written ahead of their lines (forward_reasons.py)
    # `- Left side: 7(4) − 3 = 25` then `- Right side: 25 ✓`: one check over two lines (named_sides.py)
    # `Pr\u200bobably x = 4`, `m\u00adaybe`: invisible format characters would hide a word from every reader
    # that reads the line as written (a hedge, a doubt, a label); none of them means anything in math
    response = joined_side_lines(without_invisible_characters(str(job.get("response", ""))))
    response = joined_percent_lines(response)  # `The discount is 20% of $25:` then `0.20 × 25 = 5`
    trace = parse_trace(forward_reasons(response, spec.equations), units)
    gold = str((job.get("reference") or {}).get("answer", ""))
    answer = percent_answer(trace.answer, gold, units)
    if spec.kind == "game24" and answer and "," in answer and len(take_boxed(response)[0]) > 1:
        # `\boxed{4 × 6} or \boxed{(4 + 2) × 4}`: boxes joined on one line are read as one answer (the roots
        # of an equation); a Game of 24 expression never holds a comma: two answers, each checked
        answer = "\n".join(part.strip() for line in answer.split("\n") for part in split_top_level(line))
    return spec, (trace if answer == trace.answer else Trace(trace.steps, answer)), gold


def check_answer_job(job: Mapping[str, Any]) -> dict[str, Any]:
    read = _read(job)
    if isinstance(read, dict):
        return read
    spec, trace, gold = read
    status, evidence = _answer(spec, gold, trace)
    return {"status": status.value, "evidence": evidence, "steps": [], "answer": trace.answer}


# `4,5`: digits on both sides of a comma with no space, and not a thousands group (`4,500`): the list 4, 5
# to some writers, the decimal 4.5 to others (a decimal comma)
_TIGHT_COMMA = re.compile(r"(?<![\d.,])\d+,(?!\d{3}(?![\d]))\d+(?![\d,.])")
AMBIGUOUS_COMMA = "may be a decimal comma (the number {0}) as well as a list: refuted only as a list"


# `1.000,5`: groups of three after points, then a comma: the decimal-comma style's 1000.5 (or 1.000 and 5)
_POINT_GROUPS_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d,.])")


def _decimal_comma(text: str | None) -> str | None:
    """The first `4,5` or `1.000,5` of text that may be written with a decimal comma, or None."""
    found = _TIGHT_COMMA.search(text or "") or _POINT_GROUPS_COMMA.search(text or "")
    return found.group(0) if found else None


def _answer(spec: Spec, gold: str, trace: Trace) -> tuple[Status, str]:
    """check_answer, with what no path can represent (a fractional power of a negative number, ...)
    reported as unknown instead of escaping as an error. An answer refuted as the list `4, 5` that may be
    the decimal `4.5` (`_TIGHT_COMMA`) is unknown: a list of roots (`x = 2,3`) still verifies as one. A
    Game of 24 answer with a rule-breaking one written after it (game24.rule_broken_after) is unknown."""
    predicted = trace.answer
    try:
        status, evidence = check_answer(spec, gold, predicted)
    except Unsupported as exc:
        return Status.UNKNOWN, f"the answer is beyond the checker: {exc}"
    if status == Status.VERIFIED and spec.kind == "game24":
        broken = game24.rule_broken_after(trace.steps, spec.numbers, spec.target)
        if broken is not None:
            return (
                Status.UNKNOWN,
                f"a line after the answer offers an answer that breaks the rules: {broken[:80]!r}",
            )
    comma = _decimal_comma(predicted)
    if status == Status.REFUTED and comma is not None:
        decimal = comma.replace(".", "").replace(",", ".")
        return Status.UNKNOWN, f"{comma} {AMBIGUOUS_COMMA.format(decimal)}: {evidence}"
    return status, evidence


def check_trace_job(job: Mapping[str, Any]) -> dict[str, Any]:
    read = _read(job)
    if isinstance(read, dict):
        return read
    spec, trace, gold = read
    answer_status, answer_evidence = _answer(spec, gold, trace)
    results = [
        StepResult(r.index, StepStatus.UNKNOWN, f"{comma} {AMBIGUOUS_COMMA.format(comma.replace(',', '.'))}")
        if r.status == StepStatus.REFUTED and (comma := _decimal_comma(step.text)) is not None
        else r
        for r, step in zip(check_steps(spec, trace.steps, gold), trace.steps, strict=True)
    ]
    steps = [{"index": r.index, "status": r.status.value, "evidence": r.evidence} for r in results]
    refuted = [r for r in results if r.status == StepStatus.REFUTED]
    unknown = [r for r in results if r.status == StepStatus.UNKNOWN]
    # the answer line alone is not reasoning: at least one other step must make a checked claim
    claims = [
        r
        for r, step in zip(results, trace.steps, strict=True)
        if r.status != StepStatus.NO_CLAIM and step.kind != StepKind.ANSWER
    ]
    if answer_status == Status.REFUTED or refuted:
        status = Status.REFUTED
    elif answer_status in (Status.ERROR, Status.TIMEOUT):
        status = answer_status
    elif answer_status == Status.UNKNOWN or unknown or not claims:
        status = Status.UNKNOWN
    else:
        status = Status.VERIFIED
    if refuted:
        evidence = f"step {refuted[0].index}: {refuted[0].evidence}"
        if answer_status == Status.REFUTED:
            evidence += f"; {answer_evidence}"
    elif answer_status != Status.VERIFIED:
        evidence = answer_evidence
    elif unknown:
        evidence = f"step {unknown[0].index}: {unknown[0].evidence}"
    elif not claims:
        evidence = "the trace has no checkable step"
    else:
        evidence = f"{answer_evidence}; all {len(claims)} claim step(s) check"
    return {"status": status.value, "evidence": evidence, "steps": steps, "answer": trace.answer}

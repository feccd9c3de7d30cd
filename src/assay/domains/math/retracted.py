"""A line that retracts the line before it: `4x = 33 - 9 = 42` / `Oops, that's a mistake: 33 - 9 = 24`.

Within a line, a clear retraction ends the answers stated before it (final_answer.py). A retraction that
opens the next line takes back the previous step itself, but only when it says which: its first claim must
restate a piece of that step's math (`33 - 9`, `4x`: an expression, not a bare number) so that the reader
knows what is corrected. "Oops, wrong" alone, or a correction of something else, retracts nothing, and the
previous step is checked as written. The retracted step claims nothing (the checker reports it as
retracted); the correcting line is checked as usual. Pure text work with the allow-list grammar.
"""

from __future__ import annotations

import re

from assay.domains.math.claim_reading import find_retraction
from assay.domains.math.expr import to_text
from assay.domains.math.grammar import parse_chain
from assay.domains.math.tie import is_literal
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind

RETRACTED = "retracted by the next line"


def retracts_previous(segment: str, previous: Step, step: Step) -> bool:
    """Whether `step` (read from `segment`) opens with a clear retraction and restates a piece of the
    math of `previous`, the step just before it (both claims)."""
    if previous.kind != StepKind.CLAIM or step.kind != StepKind.CLAIM or not step.math:
        return False
    head = re.split(r"[=\d]", segment, maxsplit=1)[0]
    if find_retraction(head) is None:
        return False  # the retraction must open the line, before any of its math
    try:
        said = parse_chain(step.math.split("; ")[0].split(" or ")[0].lstrip("="))
        before = {
            to_text(part)
            for group in previous.math.split("; ")
            for alt in group.split(" or ")
            for part in parse_chain(alt.lstrip("="))
        }
    except (MathParseError, LimitExceeded):
        return False
    return any(not is_literal(part) and to_text(part) in before for part in said)


def retracted(step: Step) -> Step:
    """The previous step, taken back: prose that claims nothing, with why."""
    return Step(step.index, step.text, StepKind.PROSE, reason=RETRACTED)

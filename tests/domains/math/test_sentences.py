"""A line of several sentences, read one sentence a step when it cannot be read whole (sentences.py,
trace.py), and a label before a word problem's clause (event_clause.py, quotes.restates)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.sentences import clauses, sentences
from tests.domains.math.test_reading_prechecks import CORPUS_LINES

PENCILS = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("Half of 100 is 50. 50 + 15 = 65.", ["Half of 100 is 50.", " 50 + 15 = 65."]),
        (
            "She has $3 \\times 12 = 36$. Then $36 - 7 = 29$.",
            ["She has $3 \\times 12 = 36$.", " Then $36 - 7 = 29$."],
        ),
        # not a sentence's end: a decimal, inline math, an abbreviation, a list's number
        ("0.5 × 40 = 20", ["0.5 × 40 = 20"]),
        ("$a. B$ is odd", ["$a. B$ is odd"]),
        ("Mr. Smith has 5.", ["Mr. Smith has 5."]),
        ("1. Subtract 5 from both sides.", ["1. Subtract 5 from both sides."]),
        # a retraction is judged within its line (midline.py)
        ("36 - 7 = 28. Wait, that's wrong. 36 - 7 = 29.", ["36 - 7 = 28. Wait, that's wrong. 36 - 7 = 29."]),
    ],
)
def test_sentences(line: str, pieces: list[str]) -> None:
    assert sentences(line) == pieces


def _status(response: str, prompt: str = PENCILS, gold: str = "29") -> str:
    result: dict[str, Any] = check_trace_job(
        {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    )
    return str(result["status"])


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("3 × 12 = 36. 36 - 7 = 29. She has 29 pencils left.", "verified"),
        (
            "Betty has 3 boxes of 12. That is 3 × 12 = 36 pencils. "
            "She gives away 7, so 36 - 7 = 29.\n\n**29**",
            "verified",
        ),
        (
            "1. **Total pencils:** Betty has 3 boxes with 12 pencils each, "
            "so she has \\(3 \\times 12 = 36\\) pencils.\n"
            "2. **Pencils given away:** She gives away 7 pencils.\n"
            "3. **Pencils left:** \\(36 - 7 = 29\\).",
            "verified",
        ),
        # each sentence is read as strictly as a line: a false claim, a number nobody gave, a second answer
        ("3 × 12 = 36. 36 - 7 = 28. She has 29 pencils left.\n\nAnswer: 29", "refuted"),
        ("She has 3 × 12 = 36 pencils. She gives away 9. So 36 - 7 = 29.\n\nAnswer: 29", "unknown"),
        ("3 × 12 = 36. 36 - 7 = 29. She has 30 pencils left.\n\nAnswer: 29", "unknown"),
        (
            "1. **Total pencils:** Betty has 4 boxes with 12 pencils each, "
            "so she has 3 × 12 = 36.\n36 - 7 = 29",
            "unknown",
        ),
        ("1. **Given away:** She gives away 9 pencils.\n3 × 12 = 36\n36 - 7 = 29", "unknown"),
    ],
)
def test_lines_of_sentences(response: str, status: str) -> None:
    assert _status(response) == status


# --- the trace reader asks for clauses only of a segment with a comma, a semicolon or a colon -------------


def test_no_clause_without_a_comma_semicolon_or_colon() -> None:
    """trace.py skips `clauses` for a segment with none of `,;:`: every cut needs one of them."""
    draw = random.Random(7)
    pieces = [
        "so", " so ", "and", " and she ", "therefore", " which means ", "x = 2", "12 - 5 = 7", "$", "\\(",
        " is ", "Maria is 4 years older", " ", "wait", "no", "check", ".", "!", "?", "14 + 4 = 18", "—",
    ]  # fmt: skip
    texts = [line for line in CORPUS_LINES if not any(mark in line for mark in ",;:")]
    texts += ["".join(draw.choice(pieces) for _ in range(draw.randint(1, 10))) for _ in range(5000)]
    for text in texts:
        assert clauses(text) == [text], text

"""What a chain claims: a chain closed by a line `= v` answers v; a chain of several equations claims each
at every solution; a calculator note's false arithmetic is a claim of its line."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.claim_reading import calculator_notes
from assay.domains.math.final_answer import conclusion_of

ARITHMETIC = {
    "prompt": "Compute: 1/4 - (4/3) × (4/9)",
    "reference": {"kind": "expression", "expression": "1/4 - (4/3) × (4/9)", "answer": "-37/108"},
}
QUADRATIC = {
    "prompt": "Solve for x: x^2 - 5x + 6 = 0",
    "reference": {
        "kind": "equation",
        "equations": ["x^2 - 5x + 6 = 0"],
        "variables": ["x"],
        "answer": "x = 2, x = 3",
    },
}
NATALIA = {
    "prompt": "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in "
    "May. How many clips did Natalia sell altogether in April and May?",
    "reference": {"answer": "72"},
}


@pytest.mark.parametrize(
    ("math", "conclusion"),
    [
        ("= -37/108", "-37/108"),
        ("=", None),
        ("x = 3", "x = 3"),
        ("27/108 - 64/108 = -37/108", "27/108 - 64/108 = -37/108"),
    ],
)
def test_a_continued_line_concludes_its_value(math: str, conclusion: str | None) -> None:
    assert conclusion_of(math) == conclusion


@pytest.mark.parametrize(
    ("last", "status"),
    [("= −37/108", "verified"), ("= 37/108", "refuted"), ("= −37/100", "refuted")],
)
def test_a_chain_written_one_equals_a_line_answers_its_last_value(last: str, status: str) -> None:
    response = f"1/4 − (4/3) × (4/9)\n= 1/4 − 16/27\n= 27/108 − 64/108\n{last}"
    assert check_trace_job({**ARITHMETIC, "response": response})["status"] == status
    assert check_answer_job({**ARITHMETIC, "response": response})["status"] == status


@pytest.mark.parametrize(
    ("factored", "status", "step"),
    [
        ("(x - 2)(x - 3)", "verified", None),
        ("(x - 1)(x - 6)", "refuted", 1),
        ("(x + 2)(x + 3)", "refuted", 1),
        ("(x - 2)(x - 4)", "refuted", 1),
    ],
)
def test_a_chain_of_equations_false_at_a_solution_is_refuted(
    factored: str, status: str, step: int | None
) -> None:
    response = f"x^2 - 5x + 6 = {factored} = 0\nx = 2 or x = 3"
    result = check_trace_job({**QUADRATIC, "response": response})
    assert result["status"] == status
    refuted = [s["index"] for s in result["steps"] if s["status"] == "refuted"]
    assert (refuted[0] if refuted else None) == step


@pytest.mark.parametrize(
    ("body", "shown", "hold"),
    [
        ("sold 48/2 = <<48/2=24>>24 clips", "sold 48/2 =  24 clips", True),
        # a false note with a whole-number result: a claim of the line, checked with it
        ("sold 48/2 = <<48/2=25>>24 clips", "sold 48/2 =  24 clips ; 48/2=25", True),
        # rounded to a decimal: no sure claim, the line is unreadable
        ("earns 12/7 = <<12/7=1.71>>1.71", "earns 12/7 =  1.71", False),
    ],
)
def test_calculator_notes(body: str, shown: str, hold: bool) -> None:
    assert calculator_notes(body) == (shown, hold)


@pytest.mark.parametrize(
    ("first", "status", "step"),
    [
        ("48/2 = <<48/2=24>>24", "verified", None),
        ("48/2 = <<48/2=25>>24", "refuted", 1),
        ("48*2 = <<48*2=24>>24", "refuted", 1),
    ],
)
def test_a_false_note_is_refuted_at_its_line(first: str, status: str, step: int | None) -> None:
    response = (
        f"Natalia sold {first} clips in May.\n"
        "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72"
    )
    result = check_trace_job({**NATALIA, "response": response})
    assert result["status"] == status
    refuted = [s["index"] for s in result["steps"] if s["status"] == "refuted"]
    assert (refuted[0] if refuted else None) == step

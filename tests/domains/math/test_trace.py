import pytest

from assay.domains.math.trace import parse_trace
from assay.records import StepKind

C, V, P, U, A = StepKind.CLAIM, StepKind.VERIFICATION, StepKind.PROSE, StepKind.UNREADABLE, StepKind.ANSWER


@pytest.mark.parametrize(
    ("text", "kinds", "maths", "answer"),
    [
        # arrows between steps on one line
        (
            "2x + 5 = 13 → 2x = 8 → x = 8/2 = 4 → verify: 2(4) + 5 = 13",
            [C, C, C, V],
            ["2x + 5 = 13", "2x = 8", "x = 8/2 = 4", "2(4) + 5 = 13"],
            "x = 8/2 = 4",
        ),
        # Step n: labels, bracketed reasons, a Therefore ending
        (
            "Step 1: 2x = 8 [subtract 5 from both sides]\nStep 2: x = 4 [divide by 2]\nTherefore x = 4.",
            [C, C, C],
            ["2x = 8", "x = 4", "x = 4"],
            "x = 4",
        ),
        # numbered lists and prose lines
        ("Let's solve it.\n1. 2x = 8\n2) x = 4", [P, C, C], ["", "2x = 8", "x = 4"], "x = 4"),
        # LaTeX, \boxed and prose around the math
        (r"We get $x = \frac{8}{2}$, so the answer is $\boxed{4}$", [C], [r"x = \frac{8}{2}"], "4"),
        # unicode operators
        ("2x − 3 = 5 × 1", [C], ["2x − 3 = 5 × 1"], "2x − 3 = 5 × 1"),
        # prose with a claim after a colon; disjunctions
        (
            "Factor: (x - 2)(x - 3) = 0\nSo x - 2 = 0 or x - 3 = 0",
            [C, C],
            ["(x - 2)(x - 3) = 0", "x - 2 = 0 or x - 3 = 0"],
            "x - 2 = 0, x - 3 = 0",
        ),
        ("x = 2, x = 3", [C], ["x = 2 or x = 3"], "x = 2, x = 3"),
        # an unreadable claim is recorded, never guessed
        ("2x + = 8", [U], [""], None),
        ("x = __import__('os')", [U], [""], None),
        # answer lines
        ("3/4 + 1/4 = 1\nAnswer: 1", [C, A], ["3/4 + 1/4 = 1", "1"], "1"),
        ("#### 42", [P], [""], "42"),
        ("x + y = 5\nAnswer: (3, 2)", [C, A], ["x + y = 5", "(3, 2)"], "(3, 2)"),
        ("3/4 + 1/4 = 1\nTherefore 1.", [C, A], ["3/4 + 1/4 = 1", "1"], "1"),
        ("So the answer is positive.\nThus we are done.", [P, P], ["", ""], "positive"),
        # continuation lines
        ("3/4 + 1/4\n= 1", [C, C], ["3/4 + 1/4", "= 1"], "= 1"),
    ],
)
def test_parse_trace(text: str, kinds: list[StepKind], maths: list[str], answer: str | None) -> None:
    trace = parse_trace(text)
    assert [s.kind for s in trace.steps] == kinds
    assert [s.math for s in trace.steps] == maths
    assert trace.answer == answer
    assert [s.index for s in trace.steps] == list(range(1, len(kinds) + 1))


def test_reasons_are_kept_apart() -> None:
    step = parse_trace("Step 2: 2x = 8 [subtract 5 from both sides]").steps[0]
    assert step.reason == "subtract 5 from both sides"
    assert step.math == "2x = 8"


def test_huge_response_is_one_unreadable_step() -> None:
    trace = parse_trace("x = 1\n" * 100_000)
    assert [s.kind for s in trace.steps] == [U]
    assert trace.answer is None


def test_nul_bytes_and_replacement_characters_are_not_math() -> None:
    trace = parse_trace("x = 4\x00\nx = \ufffd")
    assert trace.steps[0].kind == U and trace.steps[1].kind == U

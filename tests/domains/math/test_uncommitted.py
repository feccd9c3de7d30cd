"""An answer put forward as a question, with a hedge or a verdict against it, a value given to a name the
problem does not have, and a root rejected beside its alternatives: none is a committed, checkable answer.
Both verifiers are held to it: the answer-only check (`check_answer_job`) as much as the step check."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.uncommitted import uncommitted

LINEAR = ("Solve for x: 2x + 3 = 11", "4")
QUADRATIC = ("Solve x^2 - 5x + 6 = 0", "2, 3")
SYSTEM = ("Solve the system: x + y = 5, x - y = 1", "x = 3, y = 2")
APPLES = (
    "Tom has 3 boxes with 12 apples each. He gives away 7 apples. How many apples does he have left?",
    "29",
)


def _statuses(problem: tuple[str, str], response: str) -> tuple[str, str]:
    job = {"prompt": problem[0], "reference": {"answer": problem[1]}, "response": response}
    return str(check_answer_job(job)["status"]), str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("problem", "response"),
    [
        (LINEAR, "x = 4?"),
        (LINEAR, "x = 4 ??"),
        (LINEAR, "Is x = 4?"),
        (LINEAR, "Could x = 4?"),
        (LINEAR, "x = 4 (incorrect)"),
        (LINEAR, "x = 4 (a guess)"),
        (LINEAR, "x = 4 (maybe)"),
        (LINEAR, "x = 4 (not sure)"),
        (LINEAR, "x = 4 (approximately)"),
        (LINEAR, "So x = 4 (I think)."),
        (LINEAR, "I guess x = 4."),
        (LINEAR, "2x = 8\nx = 4, probably."),
        (QUADRATIC, "Probably x = 2, 3"),
        (QUADRATIC, "x = 2, 3 (unverified)"),
        (QUADRATIC, "x = 2, 3 (this is a guess)"),
        (APPLES, "3 × 12 = 36\n36 − 7 = 29\n\n**29 apples?**"),
        (APPLES, "3 × 12 = 36\n36 − 7 = 29\n29 apples, I think."),
        # a value for a name the problem does not have, after its own or instead of them
        (LINEAR, "y = 4"),
        (LINEAR, "2x = 8\nAnswer: x = 4, y = 4"),
        (SYSTEM, "x = 3, y = 2, z = 1"),
        (SYSTEM, "Answer: x = 3, y = 2, z = 7"),
        # a value said in words after the last claim, which the answer's reader does not read
        (LINEAR, "2x = 8\nx = 8/2\nx = 4\nThe other solution is x = 5."),
        # a root rejected beside its alternatives is no longer an answer
        (QUADRATIC, "x = 2 or x = 3, but we reject x = 2."),
    ],
)
def test_an_answer_not_committed_to_is_never_verified(problem: tuple[str, str], response: str) -> None:
    assert "verified" not in _statuses(problem, response)


@pytest.mark.parametrize(
    ("problem", "response"),
    [
        (LINEAR, "2x = 8\nx = 4"),
        (LINEAR, "2x = 8\nDividing both sides by 2, x = 4."),
        (LINEAR, "2x = 8 (subtract 3)\nx = 4 (divide by 2)"),
        (LINEAR, "x = 3\nWait, that's wrong. x = 4"),
        (LINEAR, "2x = 9\nOops, I made a mistake: 2x = 8, so x = 4"),
        (QUADRATIC, "(x - 2)(x - 3) = 0\nx = 2 or x = 3"),
        (SYSTEM, "2x = 6\nx = 3\ny = 2"),
        # the names a solution defines on its way come before the answer, and are left out
        (QUADRATIC, "a = 1, b = -5, c = 6\nD = 25 - 24 = 1\nx = 2 or x = 3"),
        (APPLES, "3 × 12 = 36\n36 − 7 = 29\n\n**29 apples**"),
        (APPLES, "3 × 12 = 36\n36 − 7 = 29\nDoes that make sense? Let me know!"),
    ],
)
def test_committed_answers_still_verify(problem: tuple[str, str], response: str) -> None:
    assert _statuses(problem, response)[0] == "verified"


def test_a_rejected_root_leaves_the_others_as_the_answer() -> None:
    """`x = 2 or x = 3, but we reject x = 2` answers x = 3: refuted when both roots are right."""
    response = "x = 2 or x = 3, but we reject x = 2."
    job = {"prompt": QUADRATIC[0], "reference": {"answer": "3"}, "response": response}
    assert check_answer_job(job)["status"] == "verified"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x = 4", False),
        ("x = 4 (since 8/2 = 4)", False),
        ("Dividing both sides by 2, x = 4.", False),
        ("x = 4 (not wrong)", False),
        ("x = 4?", True),
        ("Perhaps x = 4", True),
        ("x = 4 (wrong)", True),
        ("x = 4 (ｍａｙｂｅ)", True),  # full-width letters fold to ASCII
        ("Are we sure x = 4", True),
    ],
)
def test_uncommitted_reads_questions_hedges_and_verdicts(line: str, expected: bool) -> None:
    assert uncommitted(line) is expected


EXPRESSION = ("Compute: 7/5 - (3/4) ÷ (2/3)", "11/40")


@pytest.mark.parametrize(
    "doubt",
    [
        "That seems off.",
        "Hmm, this looks a bit wrong.",
        "Something is wrong here.",
        "Something's off.",
        "This doesn't add up.",
        "This doesnt add up.",
        "That can't be right.",
        "That cannot be correct.",
    ],
)
def test_a_doubt_after_the_answer_takes_it_back(doubt: str) -> None:
    assert "verified" not in _statuses(EXPRESSION, f"7/5 - 9/8 = 11/40\n{doubt}")


@pytest.mark.parametrize("closing", ["It all adds up.", "I hope this helps!", "That is the simplest form."])
def test_a_closing_line_that_doubts_nothing_keeps_the_answer(closing: str) -> None:
    assert _statuses(EXPRESSION, f"7/5 - 9/8 = 11/40\n{closing}") == ("verified", "verified")


SPENT = (
    "Sara earns $12 per hour. She works 5 hours and spends $20 on lunch. How much money does she have left?",
    "40",
)


@pytest.mark.parametrize(
    ("problem", "response"),
    [
        (APPLES, "3 × 12 = 36. 36 − 7 = 29. He gave away 29 apples."),
        (APPLES, "3 × 12 = 36. 36 − 7 = 29. Tom gives away 29 apples."),
        (SPENT, "12 × 5 = 60. 60 − 20 = 40. She spent $40."),
        (SPENT, "12 × 5 = 60. 60 − 20 = 40. Sara earned $40."),
    ],
)
def test_a_closing_sentence_that_does_a_givens_act_names_another_quantity(
    problem: tuple[str, str], response: str
) -> None:
    """The number is the reference and was computed, but the sentence says it was given away (spent,
    earned): that is the given's act, not what is asked (given_actions.py)."""
    assert "verified" not in _statuses(problem, response)


@pytest.mark.parametrize(
    ("problem", "response"),
    [
        (APPLES, "3 × 12 = 36. 36 − 7 = 29. He has 29 apples left."),
        (APPLES, "3 × 12 = 36. 36 − 7 = 29. Tom keeps 29 apples."),
        (SPENT, "12 × 5 = 60. 60 − 20 = 40. She has $40 left."),
        (
            (
                "A shop sold 45 ice creams on Monday and 15 on Tuesday. "
                "How many ice creams did it sell in all?",
                "60",
            ),
            "45 + 15 = 60. The shop sold 60 ice creams.",
        ),
    ],
)
def test_a_closing_sentence_in_the_questions_own_verbs_is_the_answer(
    problem: tuple[str, str], response: str
) -> None:
    assert _statuses(problem, response) == ("verified", "verified")


def test_stems_meet_across_irregular_forms() -> None:
    from assay.domains.math.given_actions import stem

    assert stem("gave") == stem("gives") == stem("given") == stem("giving")
    assert (
        stem("sold") == stem("sells") and stem("spent") == stem("spends") and stem("bought") == stem("buys")
    )


def test_a_givens_act_may_be_the_asked_one_when_nothing_is_taken_away() -> None:
    trees = ("A farmer plants 5 rows of 8 trees. How many trees are there?", "40")
    assert _statuses(trees, "5 × 8 = 40. The farmer plants 40 trees.") == ("verified", "verified")


@pytest.mark.parametrize(
    "reply", ["I don't know.", "I'm not sure.", "I can't solve this.", "No idea, sorry.", "Done.", "TODO"]
)
def test_a_reply_that_does_not_take_up_the_reasoning_block_leaves_no_answer(reply: str) -> None:
    job = {"prompt": "Solve for x: 2x + 3 = 11", "reference": {"answer": "4"}, "task": ""}
    response = f"<think>\n2x = 8\nx = 4\n</think>\n{reply}"
    assert check_answer_job({**job, "response": response})["status"] == "unknown"
    answered = "<think>\n2x = 8\nx = 4\n</think>\nSo x = 4. Done."
    assert check_answer_job({**job, "response": answered})["status"] == "verified"

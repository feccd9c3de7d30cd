"""A line after the stated final answer that puts another value forward leaves no answer."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.after_answer import contradicts, narrows, numbers_in, puts_another_value
from assay.domains.math.check import check_answer_job, check_trace_job

SEEN = {Fraction(n) for n in (2, 3, 8, 11)}  # `Solve for x: 2x + 3 = 11`, work `2x = 8`


@pytest.mark.parametrize(
    "line",
    [
        "x = 5",
        "Actually x = 5.",
        "Or maybe x = 5.",
        "Hmm, or 30?",
        "But it could also be 5.",
        "(If you meant 2x - 3 = 11, it would be 7.)",
        "P.S. If he also ate one, 28.",
        "x equals five.",
        "Or maybe five.",
        "Update: 5",
        "Edit: x is 5.",
        "$x = 5$",
        "x=\\frac{9}{2}",
        "But the question might want x = 8/2 = 4.5.",
        "Another answer is 5.",
    ],
)
def test_another_value_is_put_forward(line: str) -> None:
    assert puts_another_value(line, "", ["x = 4"], SEEN)


@pytest.mark.parametrize(
    "line",
    [
        "Check: 2 · 4 + 3 = 8 + 3 = 11 ✓",
        "This seems reasonable since 2(4) + 3 = 11.",
        "Verification: substituting x = 4 gives 2(4) + 3 = 11, which matches.",
        "Note: x = 8/2 = 4, since 2x = 8.",
        "x + y = 11",  # binds nothing: the name does not open the statement
        "I hope it is correct.",
        "So x = 4.",
    ],
)
def test_a_look_back_puts_nothing_forward(line: str) -> None:
    assert not puts_another_value(line, "", ["x = 4"], SEEN)


def test_a_fraction_answer_may_be_said_as_its_decimal_or_percent() -> None:
    assert not puts_another_value("or 0.75 as a decimal.", "", ["\\frac{3}{4}"], set())
    assert not puts_another_value("That is 75%.", "", ["3/4"], set())


def test_another_name_is_another_quantity() -> None:
    assert not puts_another_value("Then y = 8.", "", ["x = 4"], SEEN)
    assert puts_another_value("Then y = 8.", "", ["4"], set())  # a bare answer: any name is the answer's


def test_numbers_are_read_by_value() -> None:
    assert numbers_in("1,250 and 4.50 and 4.5") == {Fraction(1250), Fraction(9, 2)}


def _job(response: str) -> dict[str, object]:
    problem = {"prompt": "Solve for x: 2x + 3 = 11", "reference": {"answer": "4"}, "task": ""}
    return {**problem, "response": response}


@pytest.mark.parametrize(
    "response",
    [
        "2x = 8\nAnswer: x = 4\n\nOr maybe x = 5.",
        "2x = 8\nFinal answer: 4\nBut it could also be 5.",
        "2x = 8\nAnswer: x = 4\nx = 5",
        "2x = 8\n\\boxed{4}\n\nThough some might say 5.",
    ],
)
def test_both_verifiers_leave_an_equivocal_answer_unverified(response: str) -> None:
    assert check_answer_job(_job(response))["status"] != "verified"
    assert check_trace_job(_job(response))["status"] != "verified"


@pytest.mark.parametrize(
    "response",
    [
        "2x = 8\nAnswer: x = 4\n\nCheck: 2 · 4 + 3 = 8 + 3 = 11 ✓",
        "2x = 8\nx = 0 does not work, so the answer is x = 4.",
        "2x = 8\nThe answer is $\\boxed{4}$.\n\nI hope it is correct.",
    ],
)
def test_an_answer_with_a_look_back_still_verifies(response: str) -> None:
    assert check_answer_job(_job(response))["status"] == "verified"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("Plugging in gives 11.", "verified"),  # the check's value, not a second answer
        ("Substituting back gives 11, as required.", "verified"),
        ("**Check:** this gives 11.", "verified"),
        ("Substituting back, x is actually 5.", "unknown"),  # another value for x
        ("Plugging in shows the answer is 5.", "refuted"),  # an answer phrase: a second answer
        ("Checking again, x is 5.", "unknown"),
        ("Plugging in gives 13, so x must be 5.", "unknown"),
        ("Plugging in gives 11? Maybe 5.", "unknown"),
    ],
)
def test_a_check_after_the_answer_is_held_to_it_not_read_as_an_answer(closing: str, status: str) -> None:
    response = f"2x = 8, so x = 4.\n\nThe answer is $x = 4$.\n\n{closing}"
    assert check_answer_job(_job(response))["status"] == status


def test_a_value_asked_about_and_ruled_out_is_not_put_forward() -> None:
    assert not puts_another_value("Could it be 54? No.", "", ["56"], set())
    assert puts_another_value("Could it be 54? No, it is 55.", "", ["56"], set())


@pytest.mark.parametrize(
    ("math", "answers", "contradicted"),
    [
        ("2x = 10", ["x = 4"], True),
        ("x = 4 + 1", ["4"], True),
        ("x = √25", ["4"], True),
        ("x^2 = 16", ["x = 2 or x = 3"], True),
        ("x + y = 6", ["x = 3, y = 2"], True),
        ("2x + 3 = 11; 2x = 8", ["x = 4"], False),
        ("x - 2 = 0", ["x = 2, x = 3"], False),  # holds at one root
        ("y = 8", ["x = 4"], False),  # another name: not the answer's
        ("2 + 2 = 5", ["x = 4"], False),  # arithmetic: the steps' to check
        ("2x = 10", ["x = a"], False),  # an answer not read as values
    ],
)
def test_a_claim_about_the_answer_is_held_to_it(math: str, answers: list[str], contradicted: bool) -> None:
    assert contradicts(math, answers) is contradicted


def test_work_after_the_answer_must_end_on_it() -> None:
    problem = {
        "prompt": "Tom has 3 boxes with 12 apples each. He gives away 7 apples. How many apples are left?",
        "reference": {"answer": "29"},
        "task": "words",
    }
    ends_elsewhere = "3 × 12 = 36\n36 − 7 = 29\n**Answer: 29 apples**\n\nHe has 36 − 8 = 28 apples."
    explains = "**Answer: 29 apples**\n\nExplanation: 3 × 12 = 36, and 36 - 7 = 29."
    assert check_answer_job({**problem, "response": ends_elsewhere})["status"] == "unknown"
    assert check_answer_job({**problem, "response": explains})["status"] == "verified"


@pytest.mark.parametrize(
    "closing", ["He has 29 - 1 apples left.", "He has 29² apples left.", "He has 29 × 1 apples."]
)
def test_prose_that_works_on_the_last_result_leaves_no_answer(closing: str) -> None:
    problem = {
        "prompt": "Tom has 36 apples. He gives away 7. How many are left?",
        "reference": {"answer": "29"},
    }
    response = f"36 − 7 = 29\n{closing}"
    assert check_answer_job({**problem, "task": "words", "response": response})["status"] != "verified"
    assert check_trace_job({**problem, "task": "words", "response": response})["status"] != "verified"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("His sister has 29 apples left.", "unknown"),  # someone the problem does not have
        ("Tom has 29 apples left.", "verified"),
        ("So, Tom has 29 apples left.", "verified"),
        ("The total number of apples left is 29.", "verified"),
        ("His boxes hold 29 apples.", "verified"),
    ],
)
def test_a_closing_sentence_about_someone_else_is_no_answer(closing: str, status: str) -> None:
    problem = {
        "prompt": "Tom has 3 boxes with 12 apples each. He gives away 7 apples. How many apples are left?",
        "reference": {"answer": "29"},
        "task": "words",
    }
    response = f"3 × 12 = 36\n36 − 7 = 29\n{closing}"
    assert check_answer_job({**problem, "response": response})["status"] == status


def test_a_percent_in_closing_prose_must_be_what_the_last_claim_gave() -> None:
    problem = {
        "prompt": "Tom has 36 apples. He gives away 7. How many are left?",
        "reference": {"answer": "29"},
    }
    count = {**problem, "task": "words", "response": "36 − 7 = 29\nHe has 29% of the apples left."}
    assert check_answer_job(count)["status"] != "verified"
    assert check_trace_job(count)["status"] != "verified"
    battery = {
        "prompt": "A battery at 100% loses 12% an hour. What percent is left after 5 hours?",
        "reference": {"answer": "40"},
        "task": "words",
        "response": "Drop in 5 hours: 12% × 5 = 60%\nLeft: 100% − 60% = 40%\nThe battery has 40% left.",
    }
    assert check_trace_job(battery)["status"] == "verified"


_APPLES = "Tom had 36 apples and gave away 7. How many apples does he have left?"
_APPLES_WORK = "Tom starts with 36 apples.\nHe gives away 7.\n36 - 7 = 29\n\n**Answer: 29 apples**\n\n"


def _apples(closing: str) -> dict[str, object]:
    return {"prompt": _APPLES, "reference": {"answer": "29"}, "task": "", "response": _APPLES_WORK + closing}


@pytest.mark.parametrize(
    "closing",
    [
        "Maybe 36.",
        "Or perhaps it is still 36?",
        "Hmm, maybe it's 36 apples.",
        "Could the answer be 36?",
        "Actually, I think it's 7.",
        "Not sure: 36?",
        "Hmm... 36?",
        "On second thought: 36.",
        "Then again, 7?",
        "Hmm, thirty-six?",
        "Maybe it's 36%.",
        "_Perhaps 36._",
        "> Maybe 36.",
        "I guess 7.",
        "Let me reconsider: 36.",
        "Maybe 36 if we count the 7 he gave.",
        "Wait, he also found 7 more, so he has 36.",
        "Or he still has 36 apples.",
        "M\u200baybe 36.",  # an invisible character inside the hedge
        "Perhaps...36",
        "Maybe \uff13\uff16.",
    ],
)
def test_a_value_the_work_wrote_offered_beside_the_answer_leaves_none(closing: str) -> None:
    # every number offered here is one the problem or the work wrote: only where it stands offers it
    assert check_answer_job(_apples(closing))["status"] != "verified"
    assert check_trace_job(_apples(closing))["status"] != "verified"


@pytest.mark.parametrize(
    "closing",
    [
        "That seems reasonable: 29 is less than 36.",
        "Check: 29 + 7 = 36 ✓",
        "Could it be 36? No, he gave 7 away.",
        "So he has 29 apples, fewer than the 36 he started with.",
        "Perhaps surprisingly, he kept 29 of his 36 apples.",
        "This seems reasonable since he gave away 7 of his 36 apples.",
        "It seems right: he had 36 and gave 7.",
        "It seems right because he gave away 7.",
        "The answer is 29, not 36.",
        "Since 29 + 7 = 36, this checks out.",
    ],
)
def test_a_comparison_or_a_check_after_the_answer_offers_nothing(closing: str) -> None:
    assert check_answer_job(_apples(closing))["status"] == "verified"


_SALE = "A shirt costs $40 and is discounted by 25%. What is the sale price?"


@pytest.mark.parametrize(
    "response",
    [
        "The discount is 0.25 × 40 = 10 dollars.\nThe sale price is 40 − 10 = 30 dollars.\n\n"
        "The answer is $30.\n\nYou save $10.",
        "25% of 40 = 0.25 × 40 = 10\n40 − 10 = 30\n\nThe sale price is **$30**.\n\nYou save $10.",
    ],
)
def test_a_closing_sentence_after_another_answer_does_not_refute_it(response: str) -> None:
    # the closing sentence was read as a second final answer, and the right one refuted with it
    job = {"prompt": _SALE, "reference": {"answer": "30"}, "task": "", "response": response}
    assert check_answer_job(job)["status"] != "refuted"
    assert check_trace_job(job)["status"] != "refuted"


def test_a_closing_sentence_after_another_answer_is_no_answer() -> None:
    job = {
        "prompt": _SALE,
        "reference": {"answer": "10"},
        "task": "",
        "response": "40 − 10 = 30\n\nThe answer is $30.\n\nYou save $10.",
    }
    assert check_answer_job(job)["status"] != "verified"  # `You save $10.` does not answer what was asked


def test_a_closing_sentence_about_another_quantity_does_not_compete() -> None:
    prompt = "Jack is 3 times as old as Emma. The sum of their ages is 32. How old is Emma?"
    response = "Let Emma's age be x.\nThen Jack's age is 3x.\nx + 3x = 32\nx = 8\nSo Jack is 24.\n"
    response += "Emma is 8 years old."
    job = {"prompt": prompt, "reference": {"answer": "8"}, "task": "", "response": response}
    assert check_answer_job(job)["status"] == "verified"


@pytest.mark.parametrize(
    "closing",
    [
        "| Quantity | Value |\n|---|---|\n| Apples left | 36 |",
        "- Apples left: 36",
        "Final count: 36 apples",
        "Left = 36",
        "∴ 36",
        "Tom: 36 apples",
        "Answer (corrected): 36",  # read as an answer line that states none
        "Remaining: thirty-six",
    ],
)
def test_another_value_under_a_label_after_the_answer_leaves_none(closing: str) -> None:
    assert check_answer_job(_apples(closing))["status"] != "verified"
    assert check_trace_job(_apples(closing))["status"] != "verified"


@pytest.mark.parametrize(
    "closing",
    [
        "| Quantity | Value |\n|---|---|\n| Start | 36 |\n| Given away | 7 |\n| Left | 29 |",
        "- Start: 36\n- Given away: 7\n- Left: 29",
        "Apples left: 29",
        "∴ 29",
    ],
)
def test_a_recap_of_the_givens_and_the_answer_leaves_it(closing: str) -> None:
    assert check_answer_job(_apples(closing))["status"] == "verified"


@pytest.mark.parametrize("closing", ["Verification: 11", "LHS = 11", "Left side: 11", "Substituting: 11"])
def test_a_labelled_check_value_leaves_the_answer(closing: str) -> None:
    assert check_answer_job(_job(f"2x = 8\nAnswer: x = 4\n\n{closing}"))["status"] == "verified"


_CLOSING_WORK = "Tom starts with 36 apples and gives away 7.\n\n36 - 7 = 29\n\nTom has 29 apples left.\n\n"


def _closed(after: str) -> dict[str, object]:
    return {"prompt": _APPLES, "reference": {"answer": "29"}, "task": "", "response": _CLOSING_WORK + after}


@pytest.mark.parametrize(
    "after",
    [
        "Check: 29 + 7 = 36 ✓",
        "(Check: 36 − 29 = 7 ✓)",
        "I hope it is correct.",
        "This makes sense because 29 + 7 = 36.",  # was refuted: the check's 36 read as the answer
        "He had 36 apples.",
    ],
)
def test_a_closing_sentence_followed_by_a_look_back_is_the_answer(after: str) -> None:
    assert check_answer_job(_closed(after))["status"] == "verified"
    assert check_trace_job(_closed(after))["status"] == "verified"


@pytest.mark.parametrize(
    "after",
    [
        "He has 36 apples.",
        "Actually 36.",
        "He gives 7 more away, leaving 22.",
        "Then he gets 7 back: 29 + 7 = 36.",  # more story ending on a number the problem wrote
        "No wait, he has 36.",
        "The answer is 36.",
    ],
)
def test_a_closing_sentence_followed_by_another_value_is_not_verified(after: str) -> None:
    assert check_answer_job(_closed(after))["status"] != "verified"
    assert check_trace_job(_closed(after))["status"] != "verified"


def test_work_after_the_answer_may_end_on_a_given_only_to_look_back() -> None:
    assert check_answer_job(_apples("This is right: 29 + 7 = 36."))["status"] == "verified"
    assert check_answer_job(_apples("Then he gets 7 back: 29 + 7 = 36."))["status"] != "verified"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("The answer is correct.", "verified"),  # a look back at the answer, not an answer in words
        ("Thus, the answer checks out ✅", "verified"),
        ("The answer seems right.", "verified"),
        ("The answer is not correct.", "unknown"),
        ("The answer is correct, or maybe 5.", "unknown"),
        ("The answer is unknown.", "unknown"),
        ("Answer: none", "unknown"),
        ("The answer is correct ✅", "verified"),
        ("**The answer is correct.** ✓", "verified"),
        # anything after the judgment is read as it is: a doubt, a condition, a question
        ("The answer is plausible but unverified.", "unknown"),
        ("The answer is correct?", "unknown"),
        ("The answer is correct unless I misread.", "unknown"),
        ("The answer is correct according to my guess.", "unknown"),
    ],
)
def test_a_judgment_of_the_answer_keeps_it(closing: str, status: str) -> None:
    job = _job(f"2x = 8\nx = 4\n\nAnswer: 4\n\n{closing}")
    assert check_answer_job(job)["status"] == status
    assert check_trace_job(job)["status"] == status  # the judgment claims nothing a step would check


ROOTS = (
    "Solve for x: x^2 - 5x + 6 = 0",
    "2, 3",
    "x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\nAnswer: x = 2 or x = 3\n",
)


@pytest.mark.parametrize(
    ("text", "math", "taken"),
    [
        ("But x = 3 doesn't work.", "x ≠ 3", True),  # a root rejected in words, read as `x ≠ 3`
        ("x = 3 is extraneous.", "x ≠ 3", True),
        ("Only x = 2 is valid.", "", True),
        ("So x = 2 is the only solution.", "x = 2", True),
        ("x ≠ 5, so both stand.", "x ≠ 5", False),  # a value the answer does not give
        ("Both roots are valid.", "", False),
        ("Both x = 2 and x = 3 are valid.", "x = 2; x = 3", False),
        ("x = 3 checks out too.", "x = 3", False),
    ],
)
def test_a_line_that_keeps_some_of_the_values_takes_the_answer_back(
    text: str, math: str, taken: bool
) -> None:
    assert narrows(text, math, ["x = 2, x = 3"]) is taken


@pytest.mark.parametrize(
    ("closing", "kept"),
    [
        ("Only x = 2 is valid.", False),
        ("But x = 3 doesn't work.", False),
        ("We reject x = 3.", False),
        ("Thus x = 2 only.", False),
        ("Both x = 2 and x = 3 satisfy the equation.", True),
    ],
)
def test_math_answer_holds_a_rejected_root_against_the_answer(closing: str, kept: bool) -> None:
    prompt, reference, work = ROOTS
    job = {"prompt": prompt, "reference": {"answer": reference}, "task": "", "response": work + closing}
    assert (check_answer_job(job)["status"] == "verified") is kept


@pytest.mark.parametrize(
    ("check", "status"),
    [
        # two checks on one line, each at its own binding
        ("Check: x = 2 gives 4 - 10 + 6 = 0 ✓ and x = 3 gives 9 - 15 + 6 = 0 ✓", "verified"),
        ("Check: x = 2: 4 - 10 + 6 = 0; x = 3: 9 - 15 + 6 = 0", "verified"),
        ("Check: x = 2 gives 4 - 10 + 6 = 0 and x = 3 gives 9 - 15 + 6 = 1", "refuted"),
        ("Check: x = 2 gives 4 - 10 + 6 = 0 and x = 3 gives 4 - 10 + 6 = 0", "unknown"),
        # what is said of several values holds at each
        ("Check: x = 2 and x = 3 give 4 - 10 + 6 = 0", "unknown"),
    ],
)
def test_a_check_line_checks_each_value_it_binds(check: str, status: str) -> None:
    prompt, reference, work = ROOTS
    response = work.replace("Answer:", check + "\nAnswer:")
    job = {"prompt": prompt, "reference": {"answer": reference}, "task": "", "response": response}
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize(
    ("line", "put"),
    [
        ("print(5)  # the answer", True),  # a value a program after the answer gives
        ("return 5", True),
        ("print(4)", False),
        ("<details><summary>Correction</summary>x = 5</details>", True),  # tags are layout
        ("<b>x = 4</b>", False),
    ],
)
def test_a_program_or_markup_after_the_answer_is_read_for_its_value(line: str, put: bool) -> None:
    assert puts_another_value(line, "", ["x = 4"], SEEN) is put


def test_each_name_is_held_to_its_own_values() -> None:
    """`y ≠ 6` or `Only y = 4 works for y.` after `x = 6, y = 4` take nothing back: 6 is x's value."""
    assert not narrows("So y ≠ 6.", "y ≠ 6", ["x = 6, y = 4"])
    assert not narrows("Only y = 4 works for y.", "y = 4", ["x = 6, y = 4"])
    assert narrows("So y ≠ 4.", "y ≠ 4", ["x = 6, y = 4"])

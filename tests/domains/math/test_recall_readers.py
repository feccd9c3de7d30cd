"""Readers of real-world word-problem and chain-of-thought styles: a quantity's name before its chain
(quantity_label.py), a closing answer sentence (answer_sentence.py), a retraction mid-line (midline.py),
arithmetic said in words (verbal_arithmetic.py), an event clause before its arithmetic (event_clause.py),
a bold header before an instruction (bold_header.py), a given number taken back out (undone.py), and
the asked units, `\\dot` decimals and Chinese markers. Each shape is tested with its wrong twins."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.answer_sentence import sentence_answer
from assay.domains.math.bold_header import split_bold_header
from assay.domains.math.check import check_trace_job
from assay.domains.math.event_clause import without_event_clause
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.markup import prepare_line
from assay.domains.math.midline import honoured, split_at_retractions
from assay.domains.math.quantity_label import without_quantity_label
from assay.domains.math.undone import undone_given
from assay.domains.math.units import asked_units
from assay.domains.math.verbal_arithmetic import spoken_arithmetic

LIN = "Solve for x: 2x + 5 = 13"
THINK = "<think>\nSubtract 5: {}. Then x = 4.\n</think>\n\n$x = \\boxed{{4}}$"
CAR = "A car travels 120 km in 2 hours. How many km does it travel in 3 hours at the same speed?"
RECT = "A rectangle is 4 m long and 6 m wide. What is its perimeter in metres?"
SARA = "Sara is 3 times as old as Ben. Ben is 6. How old will Sara be in 2 years?"


def _status(prompt: str, answer: str, response: str) -> str:
    result: dict[str, Any] = check_trace_job(
        {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    )
    return str(result["status"])


# --- a quantity's name before its chain -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Speed = 120 / 2 = 60", "120 / 2 = 60"),
        ("Boxes left = 4 - 2 = 2", "4 - 2 = 2"),
        ("Sara's age in 2 years = 18 + 2 = 20", "18 + 2 = 20"),
        # a percentage or fraction of a number heads the chain (read as their product later)
        ("Boys = 40% of 30 = 0.4 * 30 = 12", "40% of 30 = 0.4 * 30 = 12"),
        ("Number of boys = 40% of 30 = 12", "40% of 30 = 12"),
        ("Girls = 3/5 of 30 = 18", "3/5 of 30 = 18"),
        ("no. Speed = 120 / 2 = 60 km/h. Distance = 60 * 3 = 180.", "no. 120 / 2 = 60 km/h. 60 * 3 = 180."),
        # a quantity in the solved unknown and its value (`Largest angle = 4x = 80`): the chain
        ("Speed = 2x = 60", "2x = 60"),
        ("Largest angle = 4x = 80", "4x = 80"),
        # a value alone, math in the name, a side, an answer, a hedge or a variable after it: kept
        ("Speed = 60", "Speed = 60"),
        ("xy = 2 * 3 = 6", "xy = 2 * 3 = 6"),
        ("LHS = 2(4) + 5 = 13", "LHS = 2(4) + 5 = 13"),
        ("Answer = 2 + 3 = 5", "Answer = 2 + 3 = 5"),
        ("Approximate speed = 120 / 2 = 60", "Approximate speed = 120 / 2 = 60"),
        ("Speed = x = 60", "Speed = x = 60"),
        ("Speed = 2x + y = 60", "Speed = 2x + y = 60"),
        ("Speed = 2x", "Speed = 2x"),
        ("Speed = about 120 / 2 = 60", "Speed = about 120 / 2 = 60"),
        ("Boys = 40% of x = 12", "Boys = 40% of x = 12"),
        ("Boys = 40% of 30 or 12", "Boys = 40% of 30 or 12"),
    ],
)
def test_a_quantity_name_before_its_chain(line: str, expected: str) -> None:
    assert without_quantity_label(line) == expected


# --- the closing answer sentence ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "sentence", "expected"),
    [
        (CAR, "So the car travels 180.", "180"),
        (RECT, "The perimeter is 20 m.", "20"),
        (SARA, "Sara will be 20 years old.", "20"),
        ("A baker sells 2 boxes. How many boxes are left?", "The baker has 2 left.", "2"),
        # what changes or hedges the number, or a unit the question does not ask in: no answer
        (RECT, "The perimeter is 20 cm.", None),
        (CAR, "So the car travels about 180.", None),
        (CAR, "So the car travels more than 180.", None),
        (CAR, "So the car does not travel 180.", None),
        (CAR, "The car travels 180 thousand.", None),
        (CAR, "The car travels 60 per hour.", None),
        (SARA, "Sara was 20 years old.", None),
        (SARA, "Sara will be 20 months old.", None),
        (SARA, "Sara will be 18 or 20.", None),
        (CAR, "x != 180", None),
        (CAR, "It is 180? Maybe.", None),
        (CAR, "Speed is 60, distance 180.", None),
        (CAR, "The car travels -180.", None),
    ],
)
def test_a_closing_sentence_states_its_one_number(prompt: str, sentence: str, expected: str | None) -> None:
    line = prepare_line(sentence)[0]
    assert sentence_answer(line, asked_units(prompt)) == expected


def test_abbreviations_and_how_old_are_the_asked_units() -> None:
    assert {"m", "metres", "meters"} <= asked_units(RECT).words
    assert {"year", "years"} <= asked_units(SARA).words
    assert "cm" not in asked_units(RECT).words


# --- retractions in the middle of a line -------------------------------------------------------------


def test_a_retraction_cuts_the_line_at_the_clause_it_corrects() -> None:
    pieces = split_at_retractions(
        "Let u = x^2. Then u^2 - 5u + 4 = 0, so u = 2 or u = 4... I mean u = 1 or u = 4."
    )
    assert [text for text, _ in pieces] == [
        "Let u = x^2. Then u^2 - 5u + 4 = 0,",
        " so u = 2 or u = 4",
        "... I mean u = 1 or u = 4.",
    ]
    assert [opens for _, opens in pieces] == [False, False, True]
    # nothing retracted: the line is one piece again
    assert honoured(pieces, lambda clause, retraction: False) == [
        "Let u = x^2. Then u^2 - 5u + 4 = 0, so u = 2 or u = 4... I mean u = 1 or u = 4."
    ]
    assert split_at_retractions("x = 4. No mistake there, x = 4.") == [
        ("x = 4. No mistake there, x = 4.", False)
    ]
    assert split_at_retractions("2x = 18. Wait, no need to check.") == [
        ("2x = 18. Wait, no need to check.", False)
    ]


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (THINK.format("2x = 18? Wait, no. 13 - 5 = 8, so 2x = 8"), "verified"),
        ("2x + 5 = 13\n2x = 18\nWait, that's wrong: 13 - 5 = 8, so 2x = 8.\nx = 4\n\nAnswer: 4", "verified"),
        ("2x + 5 = 13, so 2x = 18... I mean 2x = 8, so x = 4.\nAnswer: 4", "verified"),
        # the correction is wrong, corrects a right step into a wrong one, or corrects nothing
        (THINK.format("2x = 18? Wait, no. 13 - 5 = 8, so 2x = 9"), "refuted"),
        (THINK.format("2x = 8? Wait, no. 2x = 18"), "refuted"),
        ("2x + 5 = 13\n2x = 18\nWait, no. x = 4\n\nAnswer: 4", "refuted"),
        ("2x + 5 = 13\n2x = 18\nWait, no need to redo it.\n2x = 8\nx = 4\n\nAnswer: 4", "refuted"),
        ("2x + 5 = 13, so 2x = 8... I mean 2x = 18, so x = 4.\nAnswer: 4", "refuted"),
        ("2x = 8, so x = 4... no.\nAnswer: 5", "refuted"),
    ],
)
def test_retractions_take_back_only_what_they_correct(response: str, status: str) -> None:
    assert _status(LIN, "4", response) == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # the same operands with another operator: the slip is taken back, the correction checked
        ("Sara is 6 × 3 = 18 years old now.\nIn 2 years: 18 × 2 = 36. Wait, no: 18 + 2 = 20.\n\n#### 20", "verified"),  # noqa: E501
        ("Sara is 6 × 3 = 18 years old now.\nIn 2 years: 18 × 2 = 36. Wait, no: 18 + 2 = 21.\n\n#### 20", "refuted"),  # noqa: E501
        # another operand is no redoing: the first claim stands as written
        ("Sara is 6 × 3 = 18 years old now.\nIn 2 years: 18 × 2 = 36. Wait, no: 18 + 3 = 21.\n\n#### 20", "unknown"),  # noqa: E501
    ],
)  # fmt: skip
def test_an_operation_redone_with_another_operator_is_taken_back(response: str, status: str) -> None:
    assert _status(SARA, "20", response) == status


def test_a_factorisation_corrected_by_its_expansion_is_taken_back() -> None:
    prompt = "Solve for x: x^2 - 5x + 6 = 0"
    shape = (
        "x^2 - 5x + 6 = (x - {0})(x - {1})... hmm, no, (x - {0})(x - {1}) = x^2 - 7x + 6. "
        "Let me redo: (x - {2})(x - {3}) = 0.\nx = {2} or x = {3}\n\n**Final answer:** {2}, {3}"
    )
    right = shape.format(1, 6, 2, 3)
    wrong = shape.format(2, 3, 1, 6)
    assert _status(prompt, "2, 3", right) == "verified"
    assert _status(prompt, "2, 3", wrong) == "refuted"


# --- arithmetic said in words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("First, 13 minus 5 is 8, so 2x = 8.", "First, 13 - 5 = 8, so 2x = 8."),
        ("Then 8 divided by 2 is 4.", "Then 8 / 2 = 4."),
        ("Subtracting 5 from 13 gives 8, so", "13 - 5 = 8, so"),
        ("dividing 8 by 2 gives 4.", "8 / 2 = 4."),
        # two operations in words have two readings; a result that does not end its clause
        ("5 times 3 plus 2 is 5.", "5 times 3 plus 2 is 5."),
        ("13 minus 5 is 8 more than x", "13 minus 5 is 8 more than x"),
        ("adding 5 by 3 gives 8.", "adding 5 by 3 gives 8."),
        # groups of a size and their total are the product, when the total is that product
        ("She has 3 boxes of 12, so 36 pencils.", "She has 3 * 12 = 36 pencils."),
        ("4 bags with 5 apples each make 20.", "4 * 5 = 20."),
        ("3 boxes of 12, so she has 36 pencils.", "3 * 12 = 36 pencils."),
        ("She has 3 boxes of 12, so 37 pencils.", "She has 3 boxes of 12, so 37 pencils."),
        ("She ate 2 slices of 8, so 6 are left.", "She ate 2 slices of 8, so 6 are left."),
        ("1 of 3 boxes of 12, so 36", "1 of 3 boxes of 12, so 36"),
        # a part of a number and its value, when it is that part
        ("Half of 48 is 24, so she sold 24.", "48 / 2 = 24, so she sold 24."),
        ("In May she sold half of 48, which is 24 clips.", "In May she sold 48 / 2 = 24 clips."),
        ("One third of 24 is 8.", "24 / 3 = 8."),
        ("half of 48 is 25.", "half of 48 is 25."),
        ("2 times half of 48 is 48", "2 times half of 48 is 48"),
        # the noun the whole counts, but no word that changes the number
        ("Half of 2 bolts is 1 bolt of white fiber.", "2 / 2 = 1 bolt of white fiber."),
        ("A third of 24 apples is 8.", "24 / 3 = 8."),
        ("Half of 2 dozen is 1.", "Half of 2 dozen is 1."),
        ("Half of 16 more is 8.", "Half of 16 more is 8."),
        ("Half of 16 apples is 7 apples.", "Half of 16 apples is 7 apples."),
        # a part or a multiple heading a chain is that part or multiple, never the number alone
        ("half of 2 bolts = 2 ÷ 2 = 1 bolt", "2 / 2 = 2 ÷ 2 = 1 bolt"),
        ("Half of 12 = 12", "12 / 2 = 12"),
        ("Twice 6 = 12", "2 * 6 = 12"),
        ("a third of the 24 apples = 8", "24 / 3 = 8"),
        # things at a price each, and what they cost, when it is that product
        ("5 tickets at 9 each is 45 dollars.", "5 * 9 = 45 dollars."),
        ("4 notebooks at 2.50 each is 10 dollars.", "4 * 2.50 = 10 dollars."),
        ("5 tickets at 9 each is 40 dollars.", "5 tickets at 9 each is 40 dollars."),
        ("5 laps at 9 is 45.", "5 laps at 9 is 45."),
        # the numbers in words: the claim they make, true or false (checked as the claim)
        ("Twelve times four is forty-eight.", "12 * 4 = 48."),
        ("Twelve times four is fifty.", "12 * 4 = 50."),
        ("So 12 times four is forty-eight, and 48 + 2 = 50.", "So 12 * 4 = 48, and 48 + 2 = 50."),
        ("Then, three plus four equals seven.", "Then, 3 + 4 = 7."),
        ("Seventy divided by seven gives ten", "70 / 7 = 10"),
        # a number that goes on to the left of the match, or a sum said with two operations: left alone
        ("forty two times two is 84", "forty two times two is 84"),
        ("one hundred two times two is 204", "one hundred two times two is 204"),
        ("Two point five times two is five.", "Two point five times two is five."),
        ("five times three plus two is seventeen", "five times three plus two is seventeen"),
        ("three times 4 is twelve eggs.", "three times 4 is twelve eggs."),
        ("forty times two is eighty-one-ish", "forty times two is eighty-one-ish"),
        # a result taken on by one more operation in the next clause, true or false
        ("3 times 4 is 12, plus 5 is 17.", "3 * 4 = 12; 12 + 5 = 17."),
        ("Three times four is twelve, plus five is eighteen.", "3 * 4 = 12; 12 + 5 = 18."),
        ("3 × 4 = 12, then minus 5 is 7", "3 × 4 = 12; 12 - 5 = 7"),
        ("3 × 4 = 12, plus 5 times 2 is 22", "3 × 4 = 12, plus 5 times 2 is 22"),  # two operations: unread
    ],
)
def test_one_operation_in_words(said: str, expected: str) -> None:
    assert spoken_arithmetic(said) == expected


# --- an event clause before its arithmetic -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("After giving away 7, she has 36 - 7 = 29 pencils.", "she has 36 - 7 = 29 pencils."),
        ("After selling 2 boxes, 4 - 2 = 2 boxes are left.", "4 - 2 = 2 boxes are left."),
        # its number is not an operand of the math after it
        (
            "After giving away 9, she has 36 - 7 = 29 pencils.",
            "After giving away 9, she has 36 - 7 = 29 pencils.",
        ),
        (
            "After giving away 7, she has 29 = 36 - 7 pencils.",
            "After giving away 7, she has 29 = 36 - 7 pencils.",
        ),
        # a chain of thought's shorthand: no subject, and a sentence after another
        ("Gives away 7, so 36 - 7 = 29.", "36 - 7 = 29."),
        ("She has 3 * 12 = 36. Gives away 7, so 36 - 7 = 29.", "She has 3 * 12 = 36. 36 - 7 = 29."),
        ("She has 36. Gives away 9, so 36 - 7 = 29.", "She has 36. Gives away 9, so 36 - 7 = 29."),
        ("Gives away 7, so she has 29. Then 36 - 7 = 29.", "Gives away 7, so she has 29. Then 36 - 7 = 29."),
        # what the subject holds, said again: every number of it an operand of the math after it
        (
            "Betty has 3 boxes with 12 pencils each, so she has 3 * 12 = 36 pencils.",
            "she has 3 * 12 = 36 pencils.",
        ),
        (
            "Betty has 4 boxes with 12 pencils each, so she has 3 * 12 = 36 pencils.",
            "Betty has 4 boxes with 12 pencils each, so she has 3 * 12 = 36 pencils.",
        ),
        ("Tom has 3 more apples than Ann, so 3 + 5 = 8.", "Tom has 3 more apples than Ann, so 3 + 5 = 8."),
    ],
)
def test_an_event_clause_naming_an_operand(line: str, expected: str) -> None:
    assert without_event_clause(line) == expected


# --- a bold header before an instruction -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "1. **Isolate the term with \\(x\\)**: Subtract 5 from both sides.",
            ["1. **Isolate the term with \\(x\\)**:", "Subtract 5 from both sides."],
        ),
        ("**x**: 4", ["**x**: 4"]),
        ("**Solve for x**: Divide both sides by 2.", ["**Solve for x**: Divide both sides by 2."]),
        ("**Substitute \\(x = 6\\)** into the sum: done", ["**Substitute \\(x = 6\\)** into the sum: done"]),
    ],
)
def test_a_bold_header_with_math_is_read_apart(raw: str, expected: list[str]) -> None:
    assert split_bold_header(raw) == expected


# --- a given number taken back out -----------------------------------------------------------------------


def test_a_given_number_taken_back_out_of_what_it_went_into() -> None:
    given = {4, 6, 2}
    area = parse_expr_text("4 * 6")
    assert undone_given(parse_expr_text("24 - 4"), {24: area}, given) is not None
    assert undone_given(parse_expr_text("4 * 6 - 4"), {}, given) is not None
    # a discount subtracts a product, not the number; a number not given is not tracked
    assert undone_given(parse_expr_text("20 - 0.25 * 20"), {}, {20, 0.25}) is None
    assert undone_given(parse_expr_text("2 * (4 + 6)"), {}, given) is None


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Perimeter = 2 × (4 + 6) = 20\n\nThe perimeter is **20 m**.", "verified"),
        ("The area is 4 × 6 = 24.\n24 - 4 = 20\n\nThe perimeter is **20 m**.", "unknown"),
        ("Perimeter = 4 × 6 - 4 = 20 m\n\n#### 20", "unknown"),
        ("Perimeter = 2 × (4 + 6) = 20\n\nThe perimeter is **20 cm**.", "unknown"),
    ],
)
def test_word_problem_chains_and_sentences(response: str, status: str) -> None:
    assert _status(RECT, "20", response) == status


SHOP = "A shop sold 45 apples on Monday and 55 on Tuesday. How many apples did it sell in total?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("45 + 55 = 100\nThe shop sold 100 apples.\n#### 100", "verified"),
        ("45 + 55 = 100\nThe shop sold 100 apples in total.\n\n**Answer:** 100", "verified"),
        ("45 + 55 = 100\nThe shop sold 100 apples.\n\\boxed{100}", "verified"),
        # another value, a negation, a second value: the sentence is no restatement, so unread
        ("45 + 55 = 100\nThe shop sold 90 apples.\n#### 100", "unknown"),
        ("45 + 55 = 100\nThe shop did not sell 100 apples.\n#### 100", "unknown"),
        ("45 + 55 = 100\nThe shop sold 100 apples or 90 apples.\n#### 100", "unknown"),
        ("45 + 55 = 100\nIt is false that the shop sold 100 apples.\n#### 100", "unknown"),
        ("45 + 55 = 100\nThe claim that the shop sold 100 apples is wrong.\n#### 100", "unknown"),
        # nor does a closing sentence that judges its number
        ("45 + 55 = 100\nIt is false that the shop sold 100 apples.", "unknown"),
        # the restatement vouches for nothing before it
        ("45 + 55 = 90\nThe shop sold 100 apples.\n#### 100", "refuted"),
    ],
)
def test_a_sentence_restating_the_final_answer(response: str, status: str) -> None:
    assert _status(SHOP, "100", response) == status


# --- notation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x = 3.\\dot{9}", "x = (4)"),
        ("x = 0.\\dot{1}4\\dot{2}", "x = (142/999)"),
        ("x = 0.1\\dot 6", "x = (1/6)"),
        ("答：x = 4。", "Answer: x = 4."),
        ("解：2x + 5 = 13", "2x + 5 = 13"),
    ],
)
def test_dotted_decimals_and_chinese_markers(line: str, expected: str) -> None:
    assert prepare_line(line)[0] == expected


def test_a_dot_without_its_closing_dot_stays_unread() -> None:
    assert "dot" in prepare_line("x = 0.\\dot{1}4")[0] or "⍰" in prepare_line("x = 0.\\dot{1}4")[0]


# --- a sentence naming an operation, a restated binding after the answer ---------------------------------


def test_each_named_operation_in_a_paragraph_is_its_own_step() -> None:
    from assay.domains.math.named_sentences import split_named_operations

    paragraph = "So I need 2x + 5 = 13. Let me subtract 5 from both sides first. That gives 2x = 8."
    assert split_named_operations(paragraph) == [
        "So I need 2x + 5 = 13. ",
        "Let me subtract 5 from both sides first. That gives 2x = 8.",
    ]
    assert split_named_operations("That gives 2x = 8. So x = 4.") == ["That gives 2x = 8. So x = 4."]


@pytest.mark.parametrize(
    ("operand", "status"),
    [("5", "verified"), ("6", "refuted")],
)
def test_a_think_paragraph_checks_the_operation_it_names(operand: str, status: str) -> None:
    paragraph = (
        f"Okay, so I need to solve 2x + 5 = 13. Let me subtract {operand} from both sides first. "
        "That gives 2x = 8. Then divide both sides by 2: x = 4."
    )
    assert _status(LIN, "4", f"<think>\n{paragraph}\n</think>\n\n$2x = 8$, so $x = \\boxed{{4}}$.") == status


@pytest.mark.parametrize(
    ("answer", "status"),
    [("4 (x = 4)", "verified"), ("4 (x = 5)", "unknown"), ("5 (x = 5)", "refuted")],
)
def test_an_answer_with_its_binding_restated(answer: str, status: str) -> None:
    assert _status(LIN, "4", f"2x = 8\nx = 4\n\nAnswer: {answer}") == status


# --- nouns a prompt counts with, inside a chain; an action clause before its arithmetic --------------------

BETTY = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does Betty have left?"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Total = 3 boxes × 12 pencils = 36 pencils.", "Total = 3 × 12 = 36."),
        ("3 boxes * 12 pencils/box = <<3*12=36>>36 pencils.", "3 * 12 = <<3*12=36>>36."),
        # a unit of measure, a noun the prompt does not count with, or no `=`: left as written
        ("3 boxes * 12 cm = 36 cm", "3 * 12 cm = 36 cm"),
        ("3 crates * 12 pencils = 36 pencils", "3 crates * 12 = 36"),
        ("She has 36 pencils.", "She has 36 pencils."),
    ],
)
def test_counted_nouns_inside_a_chain(line: str, expected: str) -> None:
    from assay.domains.math.units import without_counted_nouns

    assert without_counted_nouns(line, asked_units(BETTY)) == expected


GSM = (
    "Betty has 3 boxes * 12 pencils/box = <<3*12=36>>36 pencils.\nShe gives away {}, so she has {}.\n#### 29"
)
STEPS = (
    "**Step 1:** Total pencils = 3 boxes × 12 pencils = {0} pencils.\n"
    "**Step 2:** Pencils left = {0} − {1} = 29."
)


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (GSM.format(7, "36 - 7 = <<36-7=29>>29 pencils left"), "verified"),
        (GSM.format(8, "36 - 7 = <<36-7=29>>29 pencils left"), "unknown"),
        (STEPS.format(36, 7) + "\n\nBetty has **29 pencils** left.", "verified"),
        (STEPS.format(35, 6) + "\n\nBetty has **29 pencils** left.", "refuted"),
    ],
)
def test_gsm_sentences(response: str, status: str) -> None:
    assert _status(BETTY, "29", response) == status


# --- method facts; math joined by "which is" -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("I need a common denominator. The LCD of 4 and 6 is 12.", "I need a common denominator.  ."),
        ("The greatest common divisor of 12 and 18 is 6.", " ."),
        ("Two numbers that multiply to 6 and add to -5. These numbers are -2 and -3.", " ."),
        # false facts become unreadable
        ("The LCD of 4 and 6 is 24.", " ⍰ ."),
        ("two numbers that multiply to 6 and add up to -5. They are -1 and -6.", " ⍰ ."),
    ],
)
def test_method_facts_are_checked(line: str, expected: str) -> None:
    from assay.domains.math.method_facts import checked_method_facts

    assert checked_method_facts(line) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("(25% * 20), which is 0.25 × 20 = 5.", "(25% * 20) = 0.25 × 20 = 5."),
        ("we get 5, which is 2 more than 3.", "we get 5, which is 2 more than 3."),
    ],
)
def test_math_which_is_math(said: str, expected: str) -> None:
    assert spoken_arithmetic(said) == expected


def test_a_multiplying_word_is_never_a_counted_noun() -> None:
    from assay.domains.math.units import without_counted_nouns

    units = asked_units("She buys 2 dozen eggs and 3 boxes of tea. How many eggs does she buy?")
    assert without_counted_nouns("3 dozen = 3", units) == "3 dozen = 3"
    assert without_counted_nouns("2 boxes * 3 = 6", units) == "2 * 3 = 6"


# --- a closing sentence in the question's own words --------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "sentence", "expected"),
    [
        ("24 students; a third wear glasses. How many students do not wear glasses?", "**16 students** do not wear glasses.", "16"),  # noqa: E501
        ("24 students; a third wear glasses. How many students do not wear glasses?", "16 students wear glasses.", None),  # noqa: E501
        ("She sells eggs. How much in dollars does she make every day at the farmers' market?", "Janet makes 18 every day at the farmers' market.", "18"),  # noqa: E501
        ("He runs 3 sprints. How many total meters does he run a week?", "**540 meters**", "540"),
        ("He runs 3 sprints. How many total meters does he run a week?", "He runs 540 meters a day.", None),
        ("Solve for y: 3y - 7 = 11", "So y is $\\boxed{6}!$", None),
    ],
)  # fmt: skip
def test_a_closing_sentence_in_the_questions_words(prompt: str, sentence: str, expected: str | None) -> None:
    assert sentence_answer(sentence, asked_units(prompt)) == expected

"""Claims the reader used to drop as prose, each class with its correct twin (issue 11, session 9).

A value beside a claim (`x = 5 or maybe 6`), a postfix the grammar does not model (`5!!`), a retraction
word that denies a mistake (`No mistake there: ...`), an adverb between a verb of result and its value
(`is therefore x + 5`), a Roman numeral right after such a verb (`is now Case IX`), a verb of rewriting
(`factors as`), a value in other words (`é igual a 16`) or in data (`{"x": 6}` in a tool call). In-process.
"""

from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.claim_reading import find_retraction
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.spoken import _without_questions
from assay.domains.math.stated_math import without_asides
from assay.domains.math.words import extract_claims
from assay.errors import MathParseError

P = "Solve for x: 3x + 4 = 19"


def _check(response: str, prompt: str = P, answer: str = "5") -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


def _first_bad(result: dict[str, Any]) -> int | None:
    return next((s["index"] for s in result["steps"] if s["status"] in ("refuted", "unknown")), None)


@pytest.mark.parametrize(
    "line",
    [
        "x = 5 or maybe 6",
        "x = 5 or 6",
        "x = 5 although 6 is also possible",
        "x = 5 unless it is 6",
        "x = 5 give or take 1",
        "x = 5 ~ 6",
        "x = 5 (or 6)",
        "x = 5 [perhaps 6]",
        "x = 5 as well as 6",
    ],
)
def test_a_value_beside_a_claim_is_never_dropped(line: str) -> None:
    result = _check("3x = 15\n" + line + "\nAnswer: 5")
    assert result["status"] != "verified"
    assert _first_bad(result) == 2


@pytest.mark.parametrize(
    ("line", "claims"),
    [
        # a bare value after "and" ending the sentence lists more roots (read as the answer reader reads it)
        ("x = 2 and 3", "x = 2 or x = 3"),
        ("So x = 2 and 3.", "x = 2 or x = 3"),
        ("x = 2, and 3.", "x = 2 or x = 3"),
        # anything else there is a hedge or a second value of something that is not a root: unreadable
        ("x = 2 and maybe 3", None),
        ("x = 2 or 3", None),
        ("x = 2 and 3 more", None),
        ("2x = 8 and 9", None),
        ("2(4) + 5 = 13 and 12", None),
    ],
)
def test_roots_listed_after_and_are_read_and_hedges_are_not(line: str, claims: str | None) -> None:
    assert extract_claims(line) == claims


@pytest.mark.parametrize(
    "line",
    [
        "5!! = 120\n5!! + 1 = 16",  # double factorial or (5!)!: two readings
        "(2+1)! = 3\n3 + 13 = 16",
        "\\left(3\\right)! = 3\n3 + 13 = 16",
    ],
)
def test_postfixes_the_reader_does_not_model(line: str) -> None:
    result = _check(line + "\nAnswer: 16", prompt="Compute 5!! + 1.", answer="16")
    assert result["status"] != "verified"
    assert _first_bad(result) == 1


def test_double_factorial_is_refused_by_the_grammar() -> None:
    with pytest.raises(MathParseError, match="double factorial"):
        parse_expr_text("5!! + 1")
    assert parse_expr_text("(3!)! + 1") is not None  # a factorial twice, written so, is one reading


@pytest.mark.parametrize(
    ("text", "retracts"),
    [
        ("No mistake there: 2x = 8", False),
        ("That is not a mistake, since 2x = 8 as well.", False),
        ("I don't think I made a mistake: 2x = 8", False),
        ("Any mistake so far? 2x = 8 and 8/2 = 4, so no.", False),
        ("By error correction of the code, 2x = 8.", False),
        ("Auto-correction off, so 2/3 + 1/4 = 8/12", False),
        ("A common mistake is to add 5 here; 2x = 8", False),
        ("It is wrong to stop here, since 3x = 18", False),
        ("Let me fix the notation: 3x = 18", False),
        ("Nothing slipped: 3x = 18.", False),
        ("Oops, that's wrong: 3x = 18", True),
        ("Wait, I made a mistake: 2x = 8", True),
        ("Correction: 2x = 8", True),
        ("My mistake: 2x = 8", True),
        ("No, wait: 2x = 8", True),
        ("Let me fix that: 2x = 8", True),
    ],
)
def test_a_retraction_word_must_say_the_work_was_wrong(text: str, retracts: bool) -> None:
    assert (find_retraction(text) is not None) is retracts


def test_a_denied_mistake_leaves_the_wrong_step_checked() -> None:
    result = _check("3x = 16\nNo error here: 3x = 15\nx = 5\nAnswer: 5")
    assert result["status"] == "refuted" and _first_bad(result) == 1
    fixed = _check("3x = 16\nOops, that's wrong: 3x = 19 - 4 = 15\nx = 5\nAnswer: 5")
    assert fixed["status"] == "verified"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("the left side is therefore x + 5", "the left side is x + 5"),
        ("the left side is then, after halving, 3x.", "the left side is 3x."),
        ("The left side is, after halving, x + 5.", "The left side is x + 5."),
        ("reduces to therefore 3x", "reduces to 3x"),
        ("x is actually 6", "x is 6"),
        # a hedge is no aside: it stays, and the value stays unread
        ("The answer is nearly five.", "The answer is nearly five."),
        ("x is approximately 6", "x is approximately 6"),
        # an aside holds no math
        ("that is, the answer is $\\boxed{(3, 5)}$.", "that is, the answer is $\\boxed{(3, 5)}$."),
    ],
)
def test_asides_after_a_verb_of_result(text: str, plain: str) -> None:
    assert without_asides(text) == plain


@pytest.mark.parametrize(
    "line",
    [
        "The left side is therefore 3x + 1.",
        "The right side is then, after subtracting, 16.",
        "3x is actually 16.",
        "3x is now Case XVI.",
        "3x equals equation XVI.",
        "The left side XVI remains.",
        "Subtraindo 4: 3x é igual a 16.",
        "Restando 4: 3x es igual a 16.",
    ],
)
def test_values_said_in_words_are_read_or_unreadable(line: str) -> None:
    result = _check("3x + 4 = 19\n" + line + "\nx = 5\nAnswer: 5")
    assert result["status"] != "verified"
    assert _first_bad(result) == 2


Q = "Solve for x: x^2 - 5x + 6 = 0"
TAIL = "\n(x - 2)(x - 3) = 0\nx = 2 or x = 3\nAnswer: x = 2 or x = 3"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("x^2 - 5x + 6 factors as (x - 1)(x - 6).", "refuted"),  # math, verb, math: the claim A = B
        ("x^2 - 5x + 6 can be written as (x - 1)(x - 6).", "refuted"),
        ("The quadratic factors into (x - 1)(x - 6).", "unknown"),  # what is rewritten is not read
        ("It can be written as (x + 2)(x + 3).", "unknown"),
        ("We rewrite it as (x - 1)(x - 6).", "unknown"),
        ("x^2 - 5x + 6 factors as (x - 2)(x - 3).", "verified"),
        ("This factors as (x - 2)(x - 3) = 0.", "verified"),
    ],
)
def test_verbs_of_rewriting_state_math(line: str, status: str) -> None:
    result = _check("x^2 - 5x + 6 = 0\n" + line + TAIL, prompt=Q, answer="2, 3")
    assert result["steps"][1]["status"] == status


@pytest.mark.parametrize(
    "line",
    ['{"name": "submit_answer", "arguments": {"x": 6}}', '{"result": {"value": 6, "unit": null}}'],
)
def test_a_value_in_data_is_a_claim_nobody_read(line: str) -> None:
    result = _check("3x = 15\nx = 5\n" + line)
    assert result["status"] != "verified"
    assert _first_bad(result) == 3


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("so what? we think x = 4", "  we think x = 4"),
        ("Could x be 5? Yes, x = 5.", "  Yes, x = 5."),
        ("no question here, 2x = 8", "no question here, 2x = 8"),
        ("a, b? c", "a,  c"),
    ],
)
def test_questions_are_taken_out_in_one_pass(text: str, kept: str) -> None:
    assert _without_questions(text) == kept


def test_a_long_line_of_prose_is_read_not_timed_out() -> None:
    # 1,000 words of chain-of-thought on one line: read (as prose) by a reader linear in the line
    words = "so we think about the number of apples and then we consider what happens when it is doubled"
    line = " ".join(words.split()[i % 18] for i in range(1000))
    result = _check("3x = 15\n" + line + ".\nx = 5\nAnswer: 5")
    assert result["status"] == "verified"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("After subtracting 4, the left side went to 2x.", "unknown"),
        ("After subtracting 4, the left side shrank to 2x.", "unknown"),
        ("After subtracting 4, the left side ends up as 2x.", "unknown"),
        ("After subtracting 4, the left side stands for 2x.", "unknown"),
        ("Combine the terms in 2x + x.", "no_claim"),  # math as the object of a preposition: a mention
    ],
)
def test_math_after_any_verb_is_what_something_is(line: str, status: str) -> None:
    result = _check("3x + 4 = 19\n" + line + "\n3x = 15\nx = 5\nAnswer: 5")
    assert result["steps"][1]["status"] == status


E = "Solve for x: 2x + 5 = 13"


@pytest.mark.parametrize(
    ("response", "bad"),
    [
        ("2x + 5 = 13\nAdd 5 to both sides.\n2x = 8\nx = 4\nAnswer: 4", 2),
        ("2x + 5 = 13\nDivide both sides by 3.\n2x = 8\nx = 4\nAnswer: 4", 2),
        ("2x + 5 = 13\nSubtracting 6 from both sides gives 2x = 8.\nx = 4\nAnswer: 4", 2),
        ("Step 1: 2x + 5 = 13\nStep 2: 2x = 8 [add 5 to both sides]\nStep 3: x = 4\nAnswer: 4", 2),
        ("2x + 5 = 13\n2x = 8 [subtract 5 from both sides]\nx = 4 [divide both sides by 4]\nAnswer: 4", 3),
    ],
)
def test_a_named_operation_must_be_what_the_line_does(response: str, bad: int) -> None:
    result = _check(response, prompt=E, answer="4")
    assert result["status"] == "refuted"
    assert _first_bad(result) == bad


@pytest.mark.parametrize(
    "response",
    [
        "2x + 5 = 13\nSubtract 5 from both sides.\n2x = 8\nDivide both sides by 2.\nx = 4\nAnswer: 4",
        "2x + 5 = 13\n2x = 8 [subtract 5 from both sides]\nx = 4 [divide both sides by 2]\nAnswer: 4",
        # the operation named, then one more step of the other kind (subtract, then halve)
        "Subtract 5 from both sides: x = 4\nAnswer: 4",
        "To solve \\(2x + 5 = 13\\), we first subtract 5 from both sides:\n"
        "\\[2x + 5 - 5 = 13 - 5\\]\nx = 4\nAnswer: 4",
        # a named operation that returns to an earlier equation (a summary after the work)
        "<think>\nSubtract 5, so 2x = 8, and x = 4.\n</think>\n\nSubtract 5 from both sides: 2x = 8\n"
        "Divide both sides by 2: x = 4\n\n**Answer:** 4",
    ],
)
def test_a_named_operation_that_is_done_verifies(response: str) -> None:
    assert _check(response, prompt=E, answer="4")["status"] == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "2x + 5 = 13\n2x = 9, since 5 + 8 = 13\nOops, a mistake: 5 + 8 = 13 still holds\n"
        "2x = 8\nx = 4\nAnswer: 4",
        "2x + 5 = 13\n2x + 5 - 5 = 13 - 5 = 9\nWait, I made a mistake: 2x + 5 - 5 = 2x\n"
        "2x = 8\nx = 4\nAnswer: 4",
    ],
)
def test_a_retraction_must_contradict_what_it_takes_back(response: str) -> None:
    result = _check(response, prompt=E, answer="4")
    assert result["status"] == "refuted"
    assert _first_bad(result) == 2

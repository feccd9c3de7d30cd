"""A word problem's cues (number_cues.py): the numbers whose use the words fix, and the steps that use one
against its cue (unknown, never verified), end to end."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.number_cues import number_cues

AGE = "Sara is 3 times as old as Ben. Ben is 6. How old will Sara be in 2 years?"
BOXES = "A baker has 24 cookies and packs them into boxes of 6. He sells 2 boxes. How many boxes are left?"
COOKIES = BOXES.replace("How many boxes", "How many cookies")
PARTS = "Tom has 3 times as many marbles as Ann. Together they have 48. How many marbles does Ann have?"
TWICE = "Amy has twice as many apples as Bob. Bob has 5 apples. How many apples do they have together?"
AGO = "Tom is 4 times as old as his son. His son is 5 years old. How old was Tom 3 years ago?"
SHARE = "Sam had 30 marbles. He gave away 6 and shared the rest among 4 friends. How many did each get?"


@pytest.mark.parametrize(
    ("prompt", "cues"),
    [
        (AGE, {3: "factor", 2: "shift"}),
        (BOXES, {2: "removed"}),
        (AGO, {4: "factor", 3: "shift"}),
        (
            "Tom is twice as old as Ann. Ann is five. In three years, how old is he?",
            {2: "factor", 3: "shift"},
        ),
        # a value the prompt gives with another cue, or without one, keeps none
        ("Ben is 3. Sara is 3 times as old as Ben. How old is Sara?", {}),
        ("Sara is 2 times as old as Ben. Ben is 6. How old will Sara be in 2 years?", {}),
        # `in 2 hours` is no shift outside ages, and `sells 2` no removal unless the question asks what is
        # left
        ("A car goes 60 km in 2 hours. How far does it go in 5 hours?", {}),
        ("A baker sells 2 boxes of 6 cookies. How many cookies does he sell?", {}),
        # a rate or a part taken away is no count: `eats 2 slices a day`, `spends 25% of`
        ("Ann eats 2 slices a day. The pizza has 8 slices. How many are left after 3 days?", {}),
        ("Ann has $40 and spends 25% of it. How much is left?", {}),
    ],
)
def test_number_cues(prompt: str, cues: dict[int, str]) -> None:
    assert {cue.value: cue.kind for cue in number_cues(prompt)} == {Fraction(v): k for v, k in cues.items()}


def _check(prompt: str, answer: str, response: str) -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        # the words' operations verify
        (AGE, "20", "Sara is 3 × 6 = 18.\nIn 2 years: 18 + 2 = 20.\n#### 20", "verified"),
        (AGE, "20", "3 × 6 + 2 = 20\n#### 20", "verified"),
        (BOXES, "2", "24 / 6 = 4\n4 - 2 = 2\n#### 2", "verified"),
        (BOXES, "2", "24 / 6 - 2 = 2\n#### 2", "verified"),
        (COOKIES, "12", "6 × 2 = 12\n24 - 12 = 12\n#### 12", "verified"),
        (PARTS, "12", "3 + 1 = 4 parts\n48 / 4 = 12\n#### 12", "verified"),  # a factor and the 1 it adds to
        (TWICE, "15", "2 × 5 = 10\n10 + 5 = 15\n#### 15", "verified"),
        (AGO, "17", "4 × 5 = 20\n20 - 3 = 17\n#### 17", "verified"),
        (SHARE, "6", "30 - 6 = 24\n24 / 4 = 6\n#### 6", "verified"),  # taken away, then the rest divided
        # a factor added, a shift multiplied, what is taken away divided by: right answer, wrong operations
        (AGE, "20", "Sara's age: 3 + 6 = 9. In 2 years: 9 + 2 = 11. Then 11 + 6 + 3 = 20.\n\n#### 20", "unknown"),  # noqa: E501
        (AGE, "20", "2 × 6 = 12\n12 + 3 × 2 + 2 = 20\n#### 20", "unknown"),
        (AGO, "17", "5 × 3 = 15\n15 + 5 - 3 = 17\n#### 17", "unknown"),
        (BOXES, "2", "24 / 6 = 4\n4 / 2 = 2\n\n#### 2", "unknown"),
        (BOXES, "2", "24 / 6 / 2 = 2\n#### 2", "unknown"),
        (BOXES, "2", "24 / (6 × 2) = 2\n#### 2", "unknown"),
        (BOXES, "2", "6 × 2 = 12\n24 / 12 = 2\n#### 2", "unknown"),  # through the value a step computed
        (COOKIES, "12", "24 / 2 = 12\n#### 12", "unknown"),
    ],
)  # fmt: skip
def test_steps_against_their_cues(prompt: str, gold: str, response: str, status: str) -> None:
    result = _check(prompt, gold, response)
    assert result["status"] == status, result


# --- numbers a step's words say: given or computed, and with the prompt's meaning -------------------------

BETTY = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)
BAKER = "A baker makes 48 cookies and packs them in boxes of 6. She sells 5 boxes. How many boxes are left?"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        # the words say the prompt's numbers with the prompt's meaning, or values the steps computed
        (BETTY, "29", "Betty has 3 boxes with 12 pencils each, so she has 3 * 12 = 36 pencils.\nShe gives away 7 pencils, so she has 36 - 7 = 29 pencils left.\n#### 29", "verified"),  # noqa: E501
        (BETTY, "29", "1. **Total:** 3 × 12 = 36 pencils.\n2. **Left:** 36 - 7 = 29 pencils.\n#### 29", "verified"),  # noqa: E501
        (BETTY, "29", "She has 3 × 12 = 36 pencils and gives away seven of them, so 36 - 7 = 29 remain.\n#### 29", "verified"),  # noqa: E501
        (BAKER, "3", "48 ÷ 6 = 8 boxes of 6 cookies each.\n8 - 5 = 3\n#### 3", "verified"),
        (AGE, "20", "Sara is 3 × 6 = 18 years old.\nIn 2 years she will be 18 + 2 = 20 years old.\n#### 20", "verified"),  # noqa: E501
        # a number nobody gives or computed
        (BETTY, "29", "She has 3 × 12 = 36 pencils and gives away 9 of them, so 36 - 7 = 29 remain.\n#### 29", "unknown"),  # noqa: E501
        (BETTY, "29", "She has 3 × 12 = 36 pencils and gives away nine of them, so 36 - 7 = 29 remain.\n#### 29", "unknown"),  # noqa: E501
        (BETTY, "29", "Each of the 4 boxes has 12 pencils: 3 × 12 = 36.\n36 - 7 = 29\n#### 29", "unknown"),
        # the prompt's numbers with another meaning
        (BETTY, "29", "Each of the 12 boxes has 3 pencils: 3 × 12 = 36.\n36 - 7 = 29\n#### 29", "unknown"),
        (BETTY, "29", "She has 3 × 12 = 36 pencils and gives away 12 of them, so 36 - 7 = 29 remain.\n#### 29", "unknown"),  # noqa: E501
        (BETTY, "29", "Betty has 12 boxes with 3 pencils each, so she has 12 * 3 = 36 pencils.\n36 - 7 = 29\n#### 29", "unknown"),  # noqa: E501
        (BAKER, "3", "48 ÷ 6 = 8 boxes of 8 cookies each.\n8 - 5 = 3\n#### 3", "unknown"),
        # parts and dozens said in words are numbers too
        (BETTY, "29", "She has a dozen boxes' worth: 3 × 12 = 36 pencils.\n36 - 7 = 29\n#### 29", "unknown"),
        (BETTY, "29", "3 × 12 = 36 pencils. She gives away a fifth of them: 36 - 7 = 29.\n#### 29", "unknown"),  # noqa: E501
        (BETTY, "29", "She has three boxes of a dozen each: 3 × 12 = 36 pencils.\n36 - 7 = 29\n#### 29", "verified"),  # noqa: E501
    ],
)  # fmt: skip
def test_numbers_in_a_steps_words(prompt: str, gold: str, response: str, status: str) -> None:
    result = _check(prompt, gold, response)
    assert result["status"] == status, result


# --- a fact of the prompt said again; what is left; closing sentences in the question's words -------------

JAMES = (
    "James runs 3 sprints 3 times a week, 60 meters each sprint. How many total meters does he run a week?"
)
WALLET = "A wallet costs $100. Betty has $50. Her parents give her $15. How much more money does Betty need?"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (WALLET, "35", "2. Her parents give $15.\n3. She has 50 + 15 = 65 dollars.\n4. 100 - 65 = 35\n\n**Betty needs $35 more.**", "verified"),  # noqa: E501
        (WALLET, "35", "Her parents give $25.\n50 + 15 = 65\n100 - 65 = 35\n\n#### 35", "unknown"),  # not what it gives  # noqa: E501
        (WALLET, "35", "Her sister gives $15.\n50 + 15 = 65\n100 - 65 = 35\n\n#### 35", "unknown"),  # nobody said so  # noqa: E501
        (WALLET, "35", "50 + 15 = 65\n100 - 65 = 35\n\n**Betty needs $35 more than her sister.**", "unknown"),
        (BETTY, "29", "3 × 12 = 36\nShe has $36 - 7 = 29$ left.\n\nTherefore, Betty has \\(\\boxed{29}\\) pencils left.", "verified"),  # noqa: E501
        (BETTY, "29", "3 × 12 = 36\n36 - 7 = 29\n\nTherefore, Betty has \\(\\boxed{29}\\) boxes left.", "unknown"),  # noqa: E501
        (JAMES, "540", "3 × 3 = 9 sprints.\n9 × 60 = 540\n\n**James runs 540 meters a week.**", "verified"),
        (JAMES, "540", "3 × 3 = 9 sprints.\n9 × 60 = 540\n\n**James runs 540 meters a day.**", "unknown"),
        (JAMES, "540", "That's 3 × 3 = 9 sprints a week, and 9 × 60 = 540 meters.\n\n**540 meters**", "verified"),  # noqa: E501
    ],
)  # fmt: skip
def test_restated_facts_and_closing_sentences(prompt: str, gold: str, response: str, status: str) -> None:
    result = _check(prompt, gold, response)
    assert result["status"] == status, result


JANET = (
    "Janet's ducks lay 16 eggs per day. She eats three for breakfast and bakes muffins with four. She sells"
    " the rest for $2 per egg. How much in dollars does she make every day at the market?"
)
ROBE = (
    "A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total does it take?"
)


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (JANET, "18", "1. **Eggs laid per day:** 16\n2. 3 + 4 = 7\n3. 16 - 7 = 9\n4. 9 × 2 = 18\n\nJanet makes **$18** every day at the market.", "verified"),  # noqa: E501
        (JANET, "18", "She sells 16 eggs per day.\n3 + 4 = 7\n16 - 7 = 9\n9 × 2 = 18\n\n#### 18", "unknown"),
        (JANET, "18", "Janet eats 3 eggs and uses 4 for muffins, so she uses 3 + 4 = 7 eggs.\n16 - 7 = 9\n9 * 2 = 18\n\n#### 18", "verified"),  # noqa: E501
        (ROBE, "3", "White fiber: 2 ÷ 2 = 1 bolt. Total: 2 + 1 = **3 bolts**.", "verified"),
    ],
)  # fmt: skip
def test_gsm_prose(prompt: str, gold: str, response: str, status: str) -> None:
    result = _check(prompt, gold, response)
    assert result["status"] == status, result

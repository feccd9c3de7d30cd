"""A word problem's answer computed in one unit and stated in another (unit_scale.py), a unit of the
wrong power for the quantity asked (units.py, unit_chains.py, answer_sentence.py), and a square's 4 used
for another shape (number_cues.py): unknown, never verified."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.units import length_power

CENTS = "Pencils cost 50 cents each. How many dollars do 12 pencils cost?"
GRAMS = "Each box weighs 500 grams. How many kilograms do 6 boxes weigh?"
TOYS = "A toy costs $3. How many cents do 4 toys cost?"
AREA = "A rectangle is 12 cm long and 5 cm wide. What is its area?"
VOLUME = "A box is 2 m long, 3 m wide and 4 m high. What is its volume?"
PERIMETER = "A rectangle is 12 cm long and 5 cm wide. What is its perimeter?"
BESIDE_SQUARE = (
    "A rectangle is 8 m long and 5 m wide. A square has the same perimeter. How long is a side of the square?"
)
SQUARE = "A square garden has sides of 7 m. What is its perimeter?"


def _status(prompt: str, answer: str, response: str) -> str:
    return str(
        check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})["status"]
    )


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        # converted: the factor divides (or multiplies) the other unit away
        (CENTS, "6", "12 × 50 = 600\n600 / 100 = 6\nThey cost $6.", "verified"),
        (CENTS, "6", "12 × 50 = 600 cents\n600 cents = $6\nThey cost $6.", "verified"),
        (GRAMS, "3", "6 × 500 = 3000 grams\n3000 / 1000 = 3\nThey weigh 3 kg.", "verified"),
        (TOYS, "1200", "4 × 3 = 12\n12 × 100 = 1200\nThey cost 1200 cents.", "verified"),
        # not converted, or converted back
        (CENTS, "600", "12 × 50 = 600\nThey cost $600.", "unknown"),
        (CENTS, "600", "12 × 50 = 600\n**Answer: $600**", "unknown"),
        (CENTS, "600", "12 × 50 = 600\n600 / 100 = 6\n6 × 100 = 600\nThey cost $600.", "unknown"),
        (CENTS, "60000", "12 × 50 = 600\n600 × 100 = 60000\nThey cost $60000.", "unknown"),
        (CENTS, "612", "12 × 50 = 600\n600 + 12 = 612\nThey cost $612.", "unknown"),
        (GRAMS, "3000", "6 × 500 = 3000\nThey weigh 3000 kg.", "unknown"),
        (TOYS, "12", "4 × 3 = 12\nThey cost 12 cents.", "unknown"),
    ],
)
def test_conversion(prompt: str, answer: str, response: str, status: str) -> None:
    assert _status(prompt, answer, response) == status


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        (AREA, "60", "12 × 5 = 60\nThe area is 60 cm².", "verified"),
        (AREA, "60", "12 × 5 = 60\nThe area is 60 square centimeters.", "verified"),
        (AREA, "60", "12 × 5 = 60\nThe area is 60 cm³.", "unknown"),
        (AREA, "60", "12 × 5 = 60\nThe area is 60 cm.", "unknown"),
        (AREA, "60", "12 × 5 = 60\nThe area is 60 centimeters.", "unknown"),
        (AREA, "60", "12 × 5 = 60 cm³\nThe area is 60.", "unknown"),
        (VOLUME, "24", "2 × 3 × 4 = 24\nThe volume is 24 m³.", "verified"),
        (VOLUME, "24", "2 × 3 × 4 = 24\nThe volume is 24 m².", "unknown"),
        (VOLUME, "24", "2 × 3 × 4 = 24\nThe volume is 24 m.", "unknown"),
        (PERIMETER, "34", "2 × (12 + 5) = 34\nThe perimeter is 34 cm.", "verified"),
        (PERIMETER, "34", "2 × (12 + 5) = 34\nThe perimeter is 34 cm².", "unknown"),
    ],
)
def test_unit_power(prompt: str, answer: str, response: str, status: str) -> None:
    assert _status(prompt, answer, response) == status


@pytest.mark.parametrize(
    ("question", "power"),
    [
        ("What is its area?", 2),
        ("How many square meters of carpet are needed?", 2),
        ("What is the volume of the box?", 3),
        ("What is its perimeter?", 1),
        ("How far does it travel?", 1),
        ("How many apples are left?", None),
        ("What is the area of a square whose perimeter is 20 cm?", None),  # area and perimeter
    ],
)
def test_length_power(question: str, power: int | None) -> None:
    assert length_power(question) == power


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        (SQUARE, "28", "4 × 7 = 28\nThe perimeter is 28 m.", "verified"),
        (BESIDE_SQUARE, "52", "4 × (8 + 5) = 52\nThe answer is 52 m.", "unknown"),
        (BESIDE_SQUARE, "26", "2 × (8 + 5) = 26\n4 + 22 = 26\nThe answer is 26.", "unknown"),
    ],
)
def test_square_sides(prompt: str, answer: str, response: str, status: str) -> None:
    assert _status(prompt, answer, response) == status


def test_a_square_shape_asks_no_area() -> None:
    assert length_power("How many meters of fence does the square garden need?") is None
    assert length_power("How many square feet of carpet are needed?") == 2

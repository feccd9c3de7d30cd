"""Names given the prompt's values (label_values.py), a container's size said again (quotes.py), rates
said in words inside a product (unit_chains.py) and a result named by its operation (result_names.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.label_values import restates_labels
from assay.domains.math.quotes import prompt_quotes, restates
from assay.domains.math.unit_chains import prompt_rates, with_rates_written

CAR = prompt_quotes("A car travels at 80 km/h for 3 hours. How far does it travel?")
BOXES = prompt_quotes("Tom packs apples in boxes of 8. He has 5 boxes. How many apples does he have?")


@pytest.mark.parametrize(
    ("line", "restated"),
    [
        ("Speed = 80 km/h, time = 3 hours.", True),
        ("Speed: 80 km/h", True),
        ("- **Time** = 3 hours", True),
        ("Speed = 80 km/h and time = 3 h.", True),
        ("Speed = 80 km/h, time = 4 hours.", False),
        ("Speed = 3 km/h, time = 80 hours.", False),
        ("Speed = 80 hours", False),
        ("Speed = 80 m/s", False),
        ("Distance = 80 km", False),  # the speed's number without its `/h`
        ("Time = 80 km/h", False),
        ("Speed ≠ 80 km/h", False),
        ("Speed = 80 km/h, so 240 km.", False),
        ("Thing = 80 km/h", False),  # a name of no known kind
    ],
)
def test_label_values(line: str, restated: bool) -> None:
    assert restates_labels(line, CAR) is restated


@pytest.mark.parametrize(
    ("line", "restated"),
    [
        ("Each box holds 8 apples.", True),
        ("There are 8 apples in each box.", True),
        ("He has 5 boxes.", True),
        ("He has 8 boxes.", False),
        ("He has 8 apples.", False),
        ("Each box holds 5 apples.", False),
        ("Each box holds 8 pears.", False),
        ("Each apple holds 8 boxes.", False),
        ("Each box does not hold 8 apples.", False),
    ],
)
def test_container_size(line: str, restated: bool) -> None:
    assert restates(line, BOXES) is restated


def test_rate_in_words_written_in_a_product() -> None:
    rates = prompt_rates("Sam walks 5 km every day. How far does he walk in 4 days?")
    assert rates == frozenset({("5", "km", "day")})
    assert with_rates_written("4 days × 5 km = 20 km", rates) == "4 days × 5 km/day = 20 km"
    assert with_rates_written("He walks 5 km.", rates) == "He walks 5 km."  # no product
    assert with_rates_written("5 km × 4 = 20 km", rates) == "5 km × 4 = 20 km"  # nothing per day


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        ("Compute 2/3 + 1/4.", "11/12", "2/3 = 8/12 and 1/4 = 3/12, so the sum is 11/12.", "verified"),
        ("Compute 2/3 - 1/4.", "5/12", "2/3 = 8/12 and 1/4 = 3/12, so the difference is 5/12.", "verified"),
        ("Compute 2/3 + 1/4.", "11/12", "2/3 = 8/12 and 1/4 = 3/12, so the product is 11/12.", "unknown"),
        ("Compute 2/3 - 1/4.", "5/12", "2/3 = 8/12 and 1/4 = 3/12, so the sum is 5/12.", "unknown"),
        ("Compute 2/3 + 1/4.", "11/12", "2/3 = 8/12 and 1/4 = 3/12, so the sum is 11/13.", "refuted"),
        (
            "Sam walks 5 km every day. How far does he walk in 4 days?",
            "20",
            "4 days × 5 km = 20 km\nHe walks 20 km.",
            "verified",
        ),
        (
            "Sam walks 5 km every day. How far does he walk in 4 days?",
            "20",
            "4 days × 5 km = 20 days\nHe walks 20 km.",
            "unknown",
        ),
        (
            "A car travels at 80 km/h for 3 hours. How far does it travel?",
            "240",
            "Speed = 80 km/h, time = 3 hours.\nDistance = 80 × 3 = 240 km.\nThe car travels 240 km.",
            "verified",
        ),
    ],
)
def test_traces(prompt: str, answer: str, response: str, status: str) -> None:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize(
    "line",
    [
        "Total time = 3 hours",
        "Not speed = 80 km/h",
        "Remaining distance = 80 km",
    ],
)
def test_worked_out_or_denied_names(line: str) -> None:
    assert not restates_labels(line, CAR)


@pytest.mark.parametrize("said", ["so the total is 11/12 or 1.", "so the sum is 11/12 or 1."])
def test_a_total_of_two_values_states_both(said: str) -> None:
    job = {
        "prompt": "Compute 2/3 + 1/4.",
        "reference": {"answer": "11/12"},
        "response": f"8/12 + 3/12 = 11/12\n{said}",
    }
    assert check_trace_job(job)["status"] == "refuted"


_TRAIN = "A train travels at 60 miles per hour for 2.5 hours. How far does it travel?"


@pytest.mark.parametrize(
    ("line", "restated"),
    [
        ("Speed = 60 mph", True),
        ("Speed: 60 mph, time: 2.5 hours.", True),
        # `mph` is miles per hour: another number, another unit, or a time named by it is no restatement
        ("Speed = 2.5 mph", False),
        ("Speed = 60 kph", False),
        ("Time = 60 mph", False),
    ],
)
def test_a_speed_in_one_word_is_its_unit(line: str, restated: bool) -> None:
    assert restates_labels(line, prompt_quotes(_TRAIN)) is restated


@pytest.mark.parametrize(
    ("line", "restated"),
    [
        ("Identify the speed and time: speed = 60 mph, time = 2.5 hours.", True),
        ("Given: speed = 60 miles per hour, time = 2.5 hours", True),
        ("Given: speed = 60 miles per hour, time = 3 hours", False),
        ("Not the values: speed = 60 mph, time = 2.5 hours.", False),
        ("Suppose instead: speed = 60 mph", False),
    ],
)
def test_words_that_introduce_the_pairs(line: str, restated: bool) -> None:
    assert restates_labels(line, prompt_quotes(_TRAIN)) is restated


def test_a_numbered_step_that_restates_the_givens() -> None:
    quotes = prompt_quotes(_TRAIN)
    assert restates_labels("Step 1: Identify the speed and time: speed = 60 mph, time = 2.5 hours.", quotes)
    assert restates_labels("1. Speed = 60 mph", quotes)
    assert not restates_labels("Step 1: speed = 60 mph, time = 3 hours.", quotes)

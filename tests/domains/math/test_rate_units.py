"""A rate the question asks its answer in (`in km/h?`, `in miles per hour?`) is the asked unit after a
number, in any of its spellings (units.py); another rate stays unread."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.units import asked_units, drop_units

TRAIN = "A train travels 240 km in 3 hours. What is its average speed in km/h?"


@pytest.mark.parametrize(
    ("closing", "reference", "status"),
    [
        ("The average speed is 80 km/h.", "80", "verified"),
        ("The average speed is 80 kilometers per hour.", "80", "verified"),
        ("Answer: 80 km/h", "80", "verified"),
        ("$\\boxed{80}$ km/h", "80", "verified"),
        ("The average speed is 81 km/h.", "80", "refuted"),
        ("Answer: 80 km/h", "81", "refuted"),
        ("The average speed is 80 m/s.", "80", "unknown"),  # another rate
        ("The average speed is 80 km/min.", "80", "unknown"),
    ],
)
def test_the_asked_rate_is_the_answers_unit(closing: str, reference: str, status: str) -> None:
    job = {
        "prompt": TRAIN,
        "reference": {"answer": reference},
        "task": "",
        "response": f"240 / 3 = 80\n{closing}",
    }
    assert check_trace_job(job)["status"] == status
    assert check_answer_job(job)["status"] == status


def test_the_asked_rate_is_spelled_every_way() -> None:
    units = asked_units("A car goes 120 miles in 2 hours. What is its speed in miles per hour?")
    assert {"mph", "mi/h", "miles per hour"} <= units.rates_asked
    assert drop_units("It goes 60 mph.", units) == "It goes 60."
    assert drop_units("It goes 60 km/h.", units) == "It goes 60 km/h."
    assert not asked_units("How far does it go in 3 hours?").rates_asked

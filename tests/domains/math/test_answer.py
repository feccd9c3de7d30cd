"""Final-answer checks, run through the worker pool as in production."""

import pytest

from assay.workers import WorkerPool

JOB = "assay.domains.math.check:check_answer_job"


def _status(pool: WorkerPool, gold: str, response: str, prompt: str = "Find the value.") -> str:
    outcome = pool.run(JOB, {"prompt": prompt, "reference": {"answer": gold}, "response": response})
    assert outcome.kind == "ok", outcome
    return str(outcome.value["status"])


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        # known false accepts of answer checkers: all must be refuted
        ("1/2^99", "1/2^98"),
        ("1/2004!", "1/2006!"),
        ("1 - 1/e", "1 + 1/e"),
        ("3x - y + 13 = 0", "3x + 4y + 14 = 0"),
        ("4", r"4\sqrt(2)"),
        ("2021", "±2021"),
        # plain wrong answers
        ("4", "5"),
        ("x = 2, x = 3", "x = 2"),
        ("x = 3, y = 2", "x = 2, y = 3"),
        ("3/4", "0.76"),
        (r"\frac{\pi}{2}", r"\frac{\pi}{3}"),
    ],
)
def test_refuted(pool: WorkerPool, gold: str, predicted: str) -> None:
    assert _status(pool, gold, f"The answer is {predicted}") == "refuted"


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("4", "4"),
        ("4", "x = 4"),
        ("4", r"\boxed{\frac{8}{2}}"),
        ("3/4", "0.75"),
        ("x = 2, x = 3", "x = 3 or x = 2"),
        ("2, 3", "x = 3, x = 2"),
        ("x = 3, y = 2", "y = 2, x = 3"),
        ("x = 3, y = 2", "(3, 2)"),
        ("2 ± sqrt(3)", "x = 2 + sqrt(3), x = 2 - sqrt(3)"),
        ("(4 + sqrt(12))/2", "2 + sqrt(3)"),
        ("1 - 1/e", "(e - 1)/e"),
        ("3x - y + 13 = 0", "6x - 2y + 26 = 0"),
        (r"\frac{\pi}{2}", r"\frac{\pi}{2}"),
        ("±2021", "2021, -2021"),
    ],
)
def test_verified(pool: WorkerPool, gold: str, predicted: str) -> None:
    assert _status(pool, gold, f"The answer is {predicted}") == "verified"


@pytest.mark.parametrize(
    "response",
    ["I do not know.", "The answer is 9**9**9", "The answer is 10^10^10^10", "The answer is 1000!!"],
)
def test_undecidable_is_unknown(pool: WorkerPool, response: str) -> None:
    assert _status(pool, "4", response) == "unknown"

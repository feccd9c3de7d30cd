"""Final-answer checks, run through the worker pool as in production."""

from collections.abc import Iterator

import pytest

from assay.workers import WorkerPool

JOB = "assay.domains.math.check:check_answer_job"


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    """Workers with a limit far above what any case needs: on a loaded machine the first SymPy import
    alone can take seconds, and a verdict must never depend on load."""
    with WorkerPool(size=2, timeout=30.0) as workers:
        yield workers


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


@pytest.mark.parametrize(
    ("gold", "response", "status"),
    [
        ("25", "The answer is 25%.", "unknown"),  # 25 percent, or 1/4? never refuted, never verified
        ("25", r"Answer: $25\%$", "unknown"),
        ("1/4", "The answer is 25%.", "unknown"),  # nor verified by the other reading
        ("1/4", "Answer: 0.25", "verified"),
        # a percent taken of a number, in a chain whose value is no percent: the value, when it is the
        # reference; another value may be the percent the question asked for (`What percent of 240 is 36?`)
        ("36", "15% of 240 is 36.", "verified"),
        ("36", r"$15\% \times 240 = 36$", "verified"),
        ("15", "15% of 240 is 36.", "unknown"),
        ("36", "15% of 240 is 38.", "unknown"),  # a false chain: no value at all
        ("36", "15% of 240 is 36%.", "unknown"),
        ("0.4", "40% = 0.4", "unknown"),  # a percent converted, not taken of anything
        ("36", "36 = 15% of 240", "unknown"),
    ],
)
def test_a_percentage_against_a_plain_reference_is_unknown(
    pool: WorkerPool, gold: str, response: str, status: str
) -> None:
    assert _status(pool, gold, response) == status


SYSTEM = "Solve the system: x + y = 8 and x - y = -2."


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "expected"),
    [
        # a system's bare values are a tuple in the variables' order, never a set
        (SYSTEM, "x = 3, y = 5", "The answer is 3, 5.", "verified"),
        (SYSTEM, "x = 3, y = 5", "The answer is 5, 3.", "refuted"),
        (SYSTEM, "x = 3, y = 5", "The answer is 5 and 3.", "refuted"),
        (SYSTEM, "3, 5", "Answer: (5, 3)", "refuted"),
        (SYSTEM, "(3, 5)", "Answer: x = 5, y = 3", "refuted"),
        # root indices and mixed numbers, in the gold and in the answer
        ("Find x with x^4 = 5.", r"\sqrt[4]{5}", r"The answer is $\boxed{10}$.", "refuted"),
        ("Write 13/4 as a mixed number.", r"3\frac{1}{4}", r"The answer is $\frac{3}{4}$.", "refuted"),
        ("Write 13/4 as a mixed number.", r"3\frac{1}{4}", "The answer is 13/4.", "verified"),
        ("Write 13/4 as a mixed number.", "13/4", "The answer is 3¼.", "verified"),
        # every committed final answer must hold
        ("Solve for x: 2x + 5 = 13", "4", "The answer is 4.\n\n**Final Answer:** 5", "refuted"),
        ("Solve for x: 2x + 5 = 13", "4", "The answer is 4.\n\n**Final Answer:** x = 4", "verified"),
        ("Solve for x: 2x + 5 = 13", "4", "The answer is 9. Oops, 13 - 5 = 8: the answer is 4.", "verified"),
        ("Solve for x: 2x + 5 = 13", "4", "The answer is 9. Wait, actually the answer is 4.", "refuted"),
        # LaTeX words between roots
        ("Solve for x: x^2 - 5x + 6 = 0", "2, 3", r"$\boxed{x = 2 \text{ or } x = 3}$", "verified"),
        ("Solve for x: x^2 - 5x + 6 = 0", "2, 3", r"$\boxed{x = 2 \text{ and } x = 4}$", "refuted"),
    ],
)
def test_reading_of_answers(pool: WorkerPool, prompt: str, gold: str, response: str, expected: str) -> None:
    assert _status(pool, gold, response, prompt) == expected


EQ = "Solve for x: 2x + 5 = 13"
WORK = "2x + 5 = 13\n2x = 8\nx = 4\n"
TRACE_JOB = "assay.domains.math.check:check_trace_job"


def _trace_status(pool: WorkerPool, response: str) -> str:
    """The verdict of the step verifier (every step and the final answer) for EQ, whose answer is 4."""
    outcome = pool.run(TRACE_JOB, {"prompt": EQ, "reference": {"answer": "4"}, "response": response})
    assert outcome.kind == "ok", outcome
    return str(outcome.value["status"])


@pytest.mark.parametrize(
    "tail",
    [
        # operator-dropped: a symbol or command the grammar lacks after the value is never cut off
        "Answer: $4 ⊞ 1$",
        "Answer: $4 \\star 2$",
        "Answer: $4 \\bmod 7$",
        "Answer: $4 \\wedge 5$",
        "Answer: $4\\,\\%$",
        "Answer: 4 ∗∗ 2",
        "The answer is $4 \\cdots 9$.",
        "#### 4 ⊗ 2",
        "## Final Answer\n$4 \\oplus 3$",
        "The final answer is $\\boxed{4} \\ominus 1$.",
        # answer-words-modify: words after the value that change it
        "The answer is 4 more than 1.",
        "The answer is 4 cubed.",
        "The answer is 4 times 2.",
        "The answer is 4 percent of 100.",
        "The answer is 4 hundred.",
        "The answer is 4 tenths.",
        "The answer is 4 at most.",
        "The answer is 4 (approximately).",
        "The answer is 4 (plus or minus 2).",
        "**Answer:** 4, give or take one",
        "$\\boxed{4}$ squared",
        "Final answer: \\boxed{4} thousand",
        "Answer: four to the fourth",
        # prose-hidden-claim and number words: a relation in words is a claim we cannot check
        "Taking away five from thirteen leaves nine.\nAnswer: 4",
        "Half of eight makes three.\nAnswer: 4",
        "So the value of x equals minus four.\nAnswer: 4",
        "That gives us x equal to 5 and so\nAnswer: 4",
        "y is the number after x.\nAnswer: 4",
        # hidden-in-reason: claims inside a reason or a comment
        "x = 4 [because 8 / 2 = 5]\nAnswer: 4",
        "x = 4  # 8 / 2 = 3",
        "x = 4 [halve: 2 * 4 = 9]\nAnswer: 4",
        "x = 4 [since 8 divided by 2 gives 5]\nAnswer: 4",
        # retractions, negations, second answers in any form
        "Answer: 4\nUpdate: the answer is in fact 6.",
        "Answer: 4\nOops, it should be six.",
        "Answer: 4\nActually only the negative root counts.",
        "The answer is certainly not $\\boxed{4}$; it is $5$.",
        "It is false that the answer is 4.\n$\\boxed{4}$",
        "The answer is 4 (or 6).",
        "Answer: 4\n\n__7__",
        "Answer: 4\n\n$$5$$",
        "Answer: $x = 4 \\pmod 3$ so $x = 7$",
    ],
)
def test_unread_or_altered_answers_never_verify(pool: WorkerPool, tail: str) -> None:
    assert _trace_status(pool, WORK + tail) != "verified"


@pytest.mark.parametrize(
    "tail",
    [
        "Answer: 4",
        "The answer is 4.",
        "The answer is $4$, as required.",
        "The answer is 4 (this satisfies the equation).",
        "The answer is $\\boxed{4}$. I hope it is correct.",
        "Answer: x = 4. Check: 2(4) + 5 = 13.",
        "The answer is 4 because 2(4) + 5 = 13.",
        "$\\boxed{4}$",
        "**4**",
        "Answer: $4\\text{ (not 5)}$",
        "x = 4 [since 8 / 2 = 4]\nAnswer: 4",
        "x = 4  # 2 * 4 = 8",
    ],
)
def test_whole_answers_still_verify(pool: WorkerPool, tail: str) -> None:
    assert _trace_status(pool, WORK + tail) == "verified"

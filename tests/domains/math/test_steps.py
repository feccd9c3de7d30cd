"""Step-by-step verification: evidence names the step and the root."""

import pytest

from assay.workers import WorkerPool

JOB = "assay.domains.math.check:check_trace_job"


def _check(pool: WorkerPool, prompt: str, answer: str, response: str, task: str | None = None) -> dict:
    outcome = pool.run(
        JOB, {"prompt": prompt, "reference": {"answer": answer}, "response": response, "task": task}
    )
    assert outcome.kind == "ok", outcome
    return outcome.value  # type: ignore[no-any-return]


def test_the_worked_example_verifies(pool: WorkerPool) -> None:
    result = _check(
        pool,
        "Solve for x: 2x + 5 = 13",
        "4",
        "2x + 5 = 13 → 2x + 5 - 5 = 13 - 5 → 2x = 8 → x = 8/2 = 4 → Verify: 2(4) + 5 = 13",
    )
    assert result["status"] == "verified"
    assert [s["status"] for s in result["steps"]] == ["verified"] * 5


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "step", "evidence"),
    [
        # a lost root is named
        ("Solve: x^2 = 3x", "0, 3", "x^2 = 3x\nx = 3", 2, "x^2 = 3x → x = 3 loses x = 0"),
        # an added root is named
        ("Solve: x - 2 = 0", "2", "x - 2 = 0\n(x - 2)(x - 5) = 0", 2, "adds x = 5"),
        # a mis-copied problem is refuted at step 1
        ("Solve for x: 2x + 5 = 13", "4", "2x + 5 = 15\n2x = 10\nx = 5", 1, "loses x = 4"),
        # dividing one side only
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 8", 2, "loses x = 4 and adds x = 8"),
        # false arithmetic inside a chain
        ("Solve for x: 2x + 5 = 13", "4", "2x = 13 - 5 = 7\nx = 4", 1, "13 - 5 = 7 is false"),
        # a wrong verification line
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nVerify: 2(4) + 5 = 14", 3, "is false"),
        # a verification of another value
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nVerify: 2(5) + 5 = 15", 3, "not the problem's"),
        # systems: a claim false at the solution
        ("Solve: x + y = 5 and x - y = 1", "x = 3, y = 2", "2x = 6\nx = 3\ny = 5 - 3 = 3", 3, "false"),
        # arithmetic: a step that changes the value
        ("Compute: 1/2 + 1/3", "5/6", "1/2 + 1/3 = 3/6 + 2/6 = 6/6", 1, "3/6 + 2/6 = 6/6 is false"),
        # expressions that are not identities
        ("Solve for x: 2(x + 3) = 10", "2", "2x + 3 = 10\nx = 2", 1, "loses x = 2"),
    ],
)
def test_refuted_at_the_right_step(
    pool: WorkerPool, prompt: str, answer: str, response: str, step: int, evidence: str
) -> None:
    result = _check(pool, prompt, answer, response)
    assert result["status"] == "refuted"
    first = next(s for s in result["steps"] if s["status"] != "verified" and s["status"] != "no_claim")
    assert first["index"] == step, result
    assert first["status"] == "refuted"
    assert evidence in first["evidence"], first


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (
            "Solve for x: x^2 - 4x + 1 = 0",
            "2 ± sqrt(3)",
            "x^2 - 4x + 1 = 0\nx = (4 ± sqrt(16 - 4))/2\nx = 2 ± sqrt(3)\n"
            "Therefore x = 2 + sqrt(3) or x = 2 - sqrt(3).",
        ),
        ("Solve for x: x/x = 1", "all", "x/x = 1"),
        (r"Solve for x: \frac{x}{2} = 3", "6", r"\frac{x}{2} = 3 \implies x = 6"),
        ("Solve for x: 2(x + 3) = 10", "2", "2(x + 3) = 2x + 6 = 10\n2x = 4\nx = 2"),
    ],
)
def test_valid_reasoning_is_not_refuted(pool: WorkerPool, prompt: str, answer: str, response: str) -> None:
    result = _check(pool, prompt, answer, response)
    assert all(s["status"] != "refuted" for s in result["steps"]), result


def test_unreadable_step_makes_the_candidate_unknown(pool: WorkerPool) -> None:
    result = _check(pool, "Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 8 ÷÷ 2\nx = 4")
    assert result["status"] == "unknown"
    assert result["steps"][1]["status"] == "unknown"


def test_answer_alone_is_not_step_verified(pool: WorkerPool) -> None:
    result = _check(pool, "Solve for x: 2x + 5 = 13", "4", "The answer is 4.")
    assert result["status"] == "unknown"
    assert "no checkable step" in result["evidence"]


def test_prompt_without_math_cannot_anchor_steps(pool: WorkerPool) -> None:
    result = _check(pool, "Tom has some apples and eats two. How many are left?", "3", "5 - 2 = 3\nAnswer: 3")
    assert result["status"] == "unknown"

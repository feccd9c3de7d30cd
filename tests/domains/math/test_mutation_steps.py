"""The step checker's verdict mapping, and its SymPy fallback, each row a promise a mutation could break.

`_check_one` turns what a step's check raised into a step status: a refutation is `refuted`, anything the
checker cannot decide (unknown, a safety bound, unreadable math, beyond the number system) is `unknown`,
never `verified`. The SymPy path (`_compare_to_state` when the exact path cannot represent a root, pi
here) must refute a step that loses or adds a root. tools/mutation.py's `math-steps` target runs this
file against changes of those functions.
"""

from __future__ import annotations

import pytest

from assay.domains.math import steps as steps_module
from assay.domains.math.check import check_trace_job
from assay.domains.math.decide import Refuted, Unknown
from assay.domains.math.exact import Unsupported
from assay.domains.math.problem import spec_from
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind, StepStatus

SPEC = spec_from("Solve for x: 2x + 5 = 13", {"answer": "4"}, "linear")


def _raising(exc: BaseException):  # type: ignore[no-untyped-def]
    def dispatch(state: object, step: Step) -> str:
        raise exc

    return dispatch


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (Refuted("wrong"), StepStatus.REFUTED),
        (ZeroDivisionError(), StepStatus.REFUTED),
        (Unknown("cannot tell"), StepStatus.UNKNOWN),
        (LimitExceeded("too big"), StepStatus.UNKNOWN),
        (MathParseError("unreadable"), StepStatus.UNKNOWN),
        (Unsupported("beyond"), StepStatus.UNKNOWN),
    ],
)
def test_what_a_check_raises_maps_to_a_step_status(
    outcome: BaseException, status: StepStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(steps_module, "_dispatch", _raising(outcome))
    [result] = steps_module.check_steps(SPEC, (Step(1, "2x = 8", StepKind.CLAIM, "2x = 8"),), "4")
    assert (result.index, result.status) == (1, status)


@pytest.mark.parametrize(
    ("returned", "status"), [("same solutions", StepStatus.VERIFIED), (None, StepStatus.NO_CLAIM)]
)
def test_what_a_check_returns_maps_to_a_step_status(
    returned: str | None, status: StepStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(steps_module, "_dispatch", lambda state, step: returned)
    [result] = steps_module.check_steps(SPEC, (Step(1, "2x = 8", StepKind.CLAIM, "2x = 8"),), "4")
    assert result.status == status
    if returned is not None:
        assert result.evidence == returned


@pytest.mark.parametrize(
    ("kind", "status"), [(StepKind.PROSE, StepStatus.NO_CLAIM), (StepKind.UNREADABLE, StepStatus.UNKNOWN)]
)
def test_prose_and_unreadable_steps_are_never_checked(
    kind: StepKind, status: StepStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(steps_module, "_dispatch", _raising(AssertionError("checked")))
    [result] = steps_module.check_steps(SPEC, (Step(1, "so x is 4", kind, ""),), "4")
    assert result.status == status


def test_an_unrelatable_problem_makes_every_claim_unknown() -> None:
    # a prompt without math is a word problem: a value it does not give cannot start a derivation
    spec = spec_from("Tell me a story about x.", {"answer": "4"}, None)
    results = steps_module.check_steps(spec, (Step(1, "x = 4", StepKind.CLAIM, "x = 4"),), "4")
    assert [r.status for r in results] == [StepStatus.UNKNOWN]
    assert results[0].evidence == "sets up an equation with 4, which the problem does not give"
    # and without an exact reference there is no reading at all
    spec = spec_from("Tell me a story about x.", {"answer": "a lot"}, None)
    results = steps_module.check_steps(spec, (Step(1, "x = 4", StepKind.CLAIM, "x = 4"),), "a lot")
    assert results[0].evidence.startswith("cannot relate the step to the problem: a problem in words")


@pytest.mark.parametrize(
    ("length", "quoted"),
    [(10, "q" * 10), (80, "q" * 80), (81, "q" * 77 + "..."), (200, "q" * 77 + "...")],
)
def test_an_unreadable_step_is_quoted_at_most_80_characters(length: int, quoted: str) -> None:
    [result] = steps_module.check_steps(SPEC, (Step(1, "q" * length, StepKind.UNREADABLE, ""),), "4")
    assert (result.status, result.evidence) == (StepStatus.UNKNOWN, f"could not read {quoted!r}")


def _trace(prompt: str, gold: str, response: str) -> dict[str, object]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": gold}, "response": response})


@pytest.mark.parametrize(
    ("response", "step", "words"),
    [
        ("x^2 = πx\nx = π\nAnswer: π", 2, ("loses", "0")),  # divides by x: the root 0 is lost
        ("x^2 = πx\nx = 0 or x = π or x = 1\nAnswer: 0, π, 1", 2, ("adds", "1")),
        ("x^2 - πx = 0\nx = 0 or x = 2π\nAnswer: 0, 2π", 2, ("loses", "adds")),
    ],
)
def test_the_symbolic_path_refutes_a_changed_solution_set(
    response: str, step: int, words: tuple[str, ...]
) -> None:
    result = _trace("Solve for x: x^2 = πx", "0, π", response)
    assert result["status"] == "refuted", result
    bad = [s for s in result["steps"] if s["status"] == "refuted"]  # type: ignore[union-attr]
    assert bad and bad[0]["index"] == step, result
    assert all(w in bad[0]["evidence"] for w in words), bad[0]


@pytest.mark.parametrize(
    ("response", "statuses", "evidence"),
    [
        # roots the exact path can represent: decided there (evidence in its own words, not SymPy's)
        ("x^2 = 3x\nx = 3", ["verified", "refuted"], "x^2 = 3x → x = 3 loses x = 0"),
        (
            "x^2 = 3x\nx^2 - 3x = 0",
            ["verified", "verified"],
            "same solutions as the step before: x = 0 or x = 3",
        ),
        # from an exact set to one beyond it: SymPy compares them
        ("x^2 = 3x\nx = π", ["verified", "refuted"], "changes the solutions: loses [0, 3], adds [pi]"),
    ],
)
def test_the_exact_path_decides_what_it_can(response: str, statuses: list[str], evidence: str) -> None:
    result = _trace("Solve for x: x^2 = 3x", "0, 3", response)
    assert [s["status"] for s in result["steps"]] == statuses, result  # type: ignore[union-attr]
    assert evidence in result["steps"][-1]["evidence"], result  # type: ignore[index]
    assert "(symbolic)" not in result["steps"][0]["evidence"]  # type: ignore[index]


def test_dropping_only_roots_the_reference_drops_too_is_unknown() -> None:
    # a condition in words ("x is positive") the checker cannot read: not provably wrong, so never refuted
    # (one in the plain shape, `where x > 0`, is read: conditions.py, test_conditions.py)
    result = _trace("Solve for x: x^2 = 9 where x is positive", "3", "x^2 = 9\nx = 3\nAnswer: 3")
    assert [s["status"] for s in result["steps"]] == ["verified", "unknown", "verified"], result  # type: ignore[union-attr]
    assert "drops x = -3, which the reference answer leaves out too" in result["steps"][1]["evidence"]  # type: ignore[index]


def test_the_symbolic_path_verifies_the_same_solution_set() -> None:
    result = _trace(
        "Solve for x: x^2 = πx", "0, π", "x^2 - πx = 0\nx(x - π) = 0\nx = 0 or x = π\nAnswer: 0, π"
    )
    # every step holds; the final answer of two values beyond the exact path is `unknown` for now (the
    # answer checker leaves pairing several symbolic values to no general matcher)
    assert {s["status"] for s in result["steps"]} == {"verified"}, result  # type: ignore[union-attr]
    assert result["status"] in ("verified", "unknown"), result

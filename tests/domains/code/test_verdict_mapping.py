"""From the sandbox's result to the verdict: only checks that ran and passed make `verified`."""

from __future__ import annotations

import pytest

from assay.domains.code.sandbox import WEAK, ExecStatus, ExecutionResult
from assay.domains.code.sandbox import TestOutcome as Outcome
from assay.domains.code.verifier import CodeVerifier
from assay.records import Status

PASS = Outcome(1, 3, "assert f(1) == 2", True)
FAIL = Outcome(2, 4, "assert f(2) == 3", False, "AssertionError")


@pytest.mark.parametrize(
    ("result", "status", "evidence"),
    [
        (ExecutionResult(ExecStatus.PASSED, tests=(PASS,), total=1, passed=1), Status.VERIFIED, "passed 1/1"),
        # a result that says passed without checks behind it is never verified
        (ExecutionResult(ExecStatus.PASSED, total=0, passed=0), Status.UNKNOWN, "no check ran"),
        (
            ExecutionResult(ExecStatus.PASSED, tests=(PASS, FAIL), total=2, passed=2),
            Status.ERROR,
            "inconsistent",
        ),
        (ExecutionResult(ExecStatus.PASSED, tests=(PASS,), total=2, passed=1), Status.ERROR, "inconsistent"),
        # everything else the code can do is a refutation, a timeout or an error
        (ExecutionResult(ExecStatus.FAILED, "x", (PASS, FAIL), 2, 1), Status.REFUTED, "failed"),
        (ExecutionResult(ExecStatus.MEMORY, "out of memory"), Status.REFUTED, "memory"),
        (ExecutionResult(ExecStatus.CRASHED, "signal 9"), Status.REFUTED, "crashed"),
        (ExecutionResult(ExecStatus.TIMEOUT, "killed"), Status.TIMEOUT, "timed out"),
        (ExecutionResult(ExecStatus.SANDBOX_ERROR, "bwrap died"), Status.ERROR, "sandbox error"),
    ],
)
def test_each_result_maps_to_one_verdict(result: ExecutionResult, status: Status, evidence: str) -> None:
    verdict = CodeVerifier().verdict("cand", result)
    assert verdict.status == status
    assert evidence in verdict.evidence
    assert [s.status.value for s in verdict.steps] == [
        "verified" if t.passed else "refuted" for t in result.tests
    ]


def test_only_a_pass_is_verified() -> None:
    for status in ExecStatus:
        result = ExecutionResult(status, tests=(PASS,), total=1, passed=1)
        verified = CodeVerifier().verdict("cand", result).status == Status.VERIFIED
        assert verified is (status == ExecStatus.PASSED), status


def test_weak_isolation_is_named_in_the_evidence() -> None:
    result = ExecutionResult(ExecStatus.PASSED, tests=(PASS,), total=1, passed=1, isolation=WEAK)
    assert "isolation: weak" in CodeVerifier().verdict("cand", result).evidence

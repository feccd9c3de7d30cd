"""From the sandbox's result to the verdict: only checks that ran and passed make `verified`."""

from __future__ import annotations

import pytest

from assay.domains.code.bridge_kinds import NOTHING_CHECKED, UNMIRRORED
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
        # checks that passed while the candidate changed what the tests could not see (math.pi = 3)
        (
            ExecutionResult(ExecStatus.PASSED, f"{UNMIRRORED}: math.pi", (PASS,), 1, 1),
            Status.UNKNOWN,
            "cannot see: math.pi",
        ),
        # everything else the code can do is a refutation, a timeout or an error
        (
            ExecutionResult(ExecStatus.FAILED, "x", (PASS, FAIL), 2, 1),
            Status.REFUTED,
            "first failing check 2",
        ),
        # tests that ran to their end without a single check say nothing about the code
        (ExecutionResult(ExecStatus.FAILED, NOTHING_CHECKED), Status.UNKNOWN, "no check ran"),
        (
            ExecutionResult(ExecStatus.FAILED, NOTHING_CHECKED, (FAIL,), 1, 0),
            Status.REFUTED,
            "failing check 2",
        ),
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


class _FakeSandbox:
    """Answers each job with the result its code names (`# result: failed`), in reverse order of
    completion, so the verifier must put every verdict back in its place."""

    def run_many(self, jobs, on_done=None):  # type: ignore[no-untyped-def]
        results = []
        for job in jobs:
            name = job.code.split("# result: ", 1)[1].split()[0]
            passed = name == "passed"
            outcome = Outcome(1, 1, "assert f() == 1", passed)
            results.append(ExecutionResult(ExecStatus(name), tests=(outcome,), total=1, passed=int(passed)))
        if on_done is not None:
            for k in reversed(range(len(results))):
                on_done(k, results[k])
        return results

    def close(self) -> None:
        pass


def _pair(response: str, reference: dict | None = None):  # type: ignore[no-untyped-def]
    from assay.records import Candidate, Problem

    reference = reference or {"tests": ["assert f() == 1"], "entry_point": "f"}
    problem = Problem("code", "", "Write f.", reference, source="test")
    return problem, Candidate(problem.id, response, None)


def test_verify_many_maps_every_input_to_its_own_verdict() -> None:
    pairs = [
        _pair("def f():\n    return 1  # result: passed\n"),
        _pair("no code at all, only words"),
        _pair("def f():\n    return 2  # result: failed\n"),
        _pair("def f():\n    return 1\n", {"tests": [], "entry_point": "f"}),  # a bad reference
        _pair("def f():\n    while True: pass  # result: timeout\n"),
        _pair("def f():\n    return 1  # result: crashed\n"),
    ]
    expected = [
        Status.VERIFIED,
        Status.UNKNOWN,
        Status.REFUTED,
        Status.ERROR,
        Status.TIMEOUT,
        Status.REFUTED,
    ]
    verifier = CodeVerifier(sandbox=_FakeSandbox())  # type: ignore[arg-type]
    called: dict[int, Status] = {}
    verdicts = verifier.verify_many(pairs, on_done=lambda i, v: called.__setitem__(i, v.status))
    assert [v.status for v in verdicts] == expected
    assert [v.candidate_id for v in verdicts] == [c.id for _, c in pairs]
    assert called == dict(enumerate(expected))  # each input's verdict, reported once under its index
    assert "no code found" in verdicts[1].evidence and "bad reference" in verdicts[3].evidence


UNAVAILABLE = (
    "the code does not load: ModuleNotFoundError: No module named 'numpy' "
    "(module not available in the sandbox)"
)
REFUSED = Outcome(1, 1, "stdin case 1", False, "the program failed: " + UNAVAILABLE)


@pytest.mark.parametrize(
    ("result", "status"),
    [
        # a program that needs a package the sandbox does not hold was never judged: unknown, never verified
        (ExecutionResult(ExecStatus.FAILED, UNAVAILABLE), Status.UNKNOWN),
        (ExecutionResult(ExecStatus.FAILED, "", (REFUSED, REFUSED), 2, 0), Status.UNKNOWN),
        # once any check ran and passed, or another check failed, the failure is the code's own
        (ExecutionResult(ExecStatus.FAILED, "", (PASS, REFUSED), 2, 1), Status.REFUTED),
        (ExecutionResult(ExecStatus.FAILED, "", (FAIL, REFUSED), 2, 0), Status.REFUTED),
        (ExecutionResult(ExecStatus.CRASHED, UNAVAILABLE), Status.REFUTED),
    ],
)
def test_a_refused_import_is_unknown(result: ExecutionResult, status: Status) -> None:
    assert CodeVerifier().verdict("cand", result).status == status


def _alternatives(first: str, second: str) -> str:
    """A response giving two whole stdin programs as alternatives, each naming its fake result."""
    program = "n = int(input())  # result: {}\nprint({})"
    return (
        f"**Approach 1:**\n```python\n{program.format(first, 'n')}\n```\n\n"
        f"**Approach 2:**\n```python\n{program.format(second, 'n + 0')}\n```\n"
    )


def test_programs_given_as_alternatives_verify_only_if_each_passes() -> None:
    stdio = {"stdio": [{"input": "1\n", "output": "1\n"}]}
    pairs = [
        _pair(_alternatives("passed", "passed"), stdio),
        _pair(_alternatives("passed", "failed"), stdio),
        _pair(_alternatives("failed", "passed"), stdio),
        _pair(_alternatives("passed", "timeout"), stdio),
        _pair("def f():\n    return 1  # result: passed\n"),
    ]
    expected = [Status.VERIFIED, Status.REFUTED, Status.REFUTED, Status.TIMEOUT, Status.VERIFIED]
    verifier = CodeVerifier(sandbox=_FakeSandbox())  # type: ignore[arg-type]
    called: dict[int, list[Status]] = {}
    verdicts = verifier.verify_many(pairs, on_done=lambda i, v: called.setdefault(i, []).append(v.status))
    assert [v.status for v in verdicts] == expected
    assert called == {
        i: [status] for i, status in enumerate(expected)
    }  # once each, when all its programs ran
    assert "each of the 2 programs" in verdicts[0].evidence
    assert "program 2 of the 2" in verdicts[1].evidence and "program 1 of the 2" in verdicts[2].evidence
    assert [v.status for v in verifier.verify_many(pairs)] == expected  # the same without a callback

"""The sandbox's verdict path, table by table: how the harness sums a task up (`_summary`), and how the
host turns a worker's report into an `ExecutionResult` (`Sandbox._result`). A change of either mapping
(a crash read as passed, a report of unknown status trusted) fails a row here; tools/mutation.py
targets both functions with this file.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

import assay.domains.code
from assay.domains.code.sandbox import ExecStatus, Sandbox, SandboxConfig


def _import_harness() -> Any:
    """The harness as the worker imports it: a top-level module beside `bridge` (standard library only)."""
    folder = str(Path(assay.domains.code.__file__).parent)
    sys.path.insert(0, folder)
    try:
        return importlib.import_module("harness")
    finally:
        sys.path.remove(folder)


harness = _import_harness()
Recorder, _summary = harness.Recorder, harness._summary


def _recorder(results: list[bool], memory: bool = False) -> Recorder:
    recorder = Recorder()
    for i, ok in enumerate(results, 1):
        recorder.add(i, f"assert case {i}", ok, "" if ok else "assertion failed")
    recorder.memory = memory
    return recorder


@pytest.mark.parametrize(
    ("results", "message", "crashed", "memory", "status"),
    [
        ([True, True], "", False, False, "passed"),
        ([True], "", False, False, "passed"),
        ([True, False], "", False, False, "failed"),
        ([False], "", False, False, "failed"),
        ([], "", False, False, "failed"),  # nothing checked is never passed
        ([True, True], "the candidate exited", False, False, "failed"),  # a message means it stopped early
        ([True, True], "", True, False, "crashed"),
        ([True, True], "", False, True, "memory"),
        ([True, True], "killed", True, True, "memory"),  # memory first: the crash was the allocation
        ([False], "", True, False, "crashed"),
    ],
)
def test_the_harness_summary(
    results: list[bool], message: str, crashed: bool, memory: bool, status: str
) -> None:
    summary = _summary(_recorder(results, memory), message, crashed)
    assert summary["status"] == status
    assert (summary["total"], summary["passed"]) == (len(results), sum(results))
    assert summary["message"] == (message or ("the tests checked nothing" if not results else ""))
    assert [t["passed"] for t in summary["tests"]] == results


def _host() -> Sandbox:
    # _result reads only the config: no worker is started (workers start with the first job)
    sandbox = Sandbox.__new__(Sandbox)
    sandbox.config = SandboxConfig(isolation="weak")
    return sandbox


@pytest.mark.parametrize(
    ("report", "status"),
    [
        ({"status": "passed", "total": 1, "passed": 1}, ExecStatus.PASSED),
        ({"status": "failed"}, ExecStatus.FAILED),
        ({"status": "crashed"}, ExecStatus.CRASHED),
        ({"status": "memory"}, ExecStatus.MEMORY),
        ({"status": "timeout"}, ExecStatus.TIMEOUT),
        ({"status": "sandbox-error"}, ExecStatus.SANDBOX_ERROR),
        # a report the host does not understand is the sandbox's fault, never a pass
        ({"status": "PASSED"}, ExecStatus.SANDBOX_ERROR),
        ({"status": "ok"}, ExecStatus.SANDBOX_ERROR),
        ({}, ExecStatus.SANDBOX_ERROR),
        ({"status": None}, ExecStatus.SANDBOX_ERROR),
    ],
)
def test_a_worker_report_to_a_result(report: dict[str, Any], status: ExecStatus) -> None:
    assert _host()._result(report).status == status


def test_a_report_is_read_field_by_field() -> None:
    report = {
        "status": "failed",
        "message": "1 of 2",
        "total": 2,
        "passed": 1,
        "tests": [
            {"index": 1, "line": 3, "source": "assert f(1) == 1", "passed": True},
            {"index": 2, "line": 4, "source": "assert f(2) == 2", "passed": "yes", "message": "no"},
            "not a test",
        ],
        "stdout": "out",
        "stderr": "err",
        "stdout_bytes": 3,
        "stderr_bytes": 4,
        "seconds": 0.5,
    }
    result = _host()._result(report)
    assert (result.total, result.passed, result.message) == (2, 1, "1 of 2")
    # only a literal True is a passed check: "yes" from a confused worker is not
    assert [(t.index, t.line, t.passed, t.message) for t in result.tests] == [
        (1, 3, True, ""),
        (2, 4, False, "no"),
    ]
    assert (result.stdout, result.stderr, result.stdout_bytes, result.stderr_bytes) == ("out", "err", 3, 4)
    assert result.seconds == 0.5 and result.isolation == "weak"


def test_a_report_without_counts_is_zero_not_an_error() -> None:
    result = _host()._result({"status": "crashed", "total": None, "passed": None, "tests": None})
    assert (result.status, result.total, result.passed, result.tests) == (ExecStatus.CRASHED, 0, 0, ())


def test_a_summary_is_not_a_crash_unless_said() -> None:
    # the harness and the stdio runner call it without `crashed` for a task that ended normally
    assert _summary(_recorder([True]), "")["status"] == "passed"
    assert _summary(_recorder([True]), "stopped: the candidate exited")["status"] == "failed"


def test_missing_fields_of_a_report_are_zero() -> None:
    # a worker that died mid-report sends less: what it did not say is zero, never made up
    result = _host()._result({"status": "failed", "tests": [{"source": "assert f()", "passed": False}]})
    assert [(t.index, t.line) for t in result.tests] == [(0, 0)]
    assert (result.stdout_bytes, result.stderr_bytes, result.seconds) == (0, 0, 0.0)

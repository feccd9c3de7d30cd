"""The code verifier `code-tests`: the candidate's program against the problem's tests, in the sandbox.

A problem's reference holds the tests:
    {"tests": "<source defining check(candidate)>", "entry_point": "f"}        (HumanEval style)
    {"tests": ["assert f(1) == 2", ...], "entry_point": "f"}                  (MBPP style)
    {"stdio": [{"input": "1 2\n", "output": "3\n"}, ...]}                     (APPS style: whole programs)
    {"inputs": ["1 2\n", ...], "outputs": ["3\n", ...]}                       (APPS's own layout)
and optionally "setup": trusted code the tests need (helpers, imports, ListNode). Without one, a prompt
that is Python made of definitions (a HumanEval prompt) is the setup.

Verdicts: every test passed → verified; a failed test, code that does not load, a crash or the memory
limit → refuted (the evidence names the first failing test); the time limit → timeout; a sandbox
failure → error; no code in the response, or code that needs a module the sandbox does not hold (a
third-party package) → unknown. Each assert is one step of the verdict.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from assay.domains.code.bridge_kinds import (
    NOT_JUDGED,
    NOT_RUN,
    NOTHING_CHECKED,
    TESTS_UNMIRRORED,
    UNAVAILABLE,
    UNDRIVEN,
    UNMIRRORED,
)
from assay.domains.code.extract import extract
from assay.domains.code.identity_checks import UNJUDGED
from assay.domains.code.program_reach import reaching_names
from assay.domains.code.sandbox import (
    WEAK,
    CodeJob,
    ExecStatus,
    ExecutionResult,
    Sandbox,
    SandboxConfig,
    weak_reason,
)
from assay.errors import InputError
from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict

# what a failed run's message starts with when the failure says nothing of the code (see verdict)
UNDECIDED = (TESTS_UNMIRRORED, UNMIRRORED, NOT_JUDGED, NOT_RUN, UNDRIVEN, *UNJUDGED)
MAX_TESTS_SOURCE = 1024 * 1024


def stdio_cases(reference: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The (input, output) pairs of an APPS-style reference; () when it has none."""
    if "stdio" in reference:
        cases = reference["stdio"]
        if not isinstance(cases, list) or not cases:
            raise InputError('\'reference.stdio\' must be a non-empty list of {"input", "output"} objects')
        pairs = []
        for case in cases:
            if not isinstance(case, dict) or not all(
                isinstance(case.get(k), str) for k in ("input", "output")
            ):
                raise InputError('each of \'reference.stdio\' must be {"input": string, "output": string}')
            pairs.append((case["input"], case["output"]))
        return tuple(pairs)
    if "inputs" in reference or "outputs" in reference:
        inputs, outputs = reference.get("inputs"), reference.get("outputs")
        if (
            not isinstance(inputs, list)
            or not isinstance(outputs, list)
            or not inputs
            or len(inputs) != len(outputs)
            or not all(isinstance(x, str) for x in inputs + outputs)
        ):
            raise InputError(
                "'reference.inputs' and 'reference.outputs' must be lists of strings of one length"
            )
        return tuple(zip(inputs, outputs, strict=True))
    return ()


def check_reference(reference: Mapping[str, Any]) -> None:
    """InputError unless reference holds tests and an entry point in one of the styles, or stdio cases."""
    cases = stdio_cases(reference)
    if cases:
        if sum(len(i) + len(o) for i, o in cases) > MAX_TESTS_SOURCE * 16:
            raise InputError("'reference' stdio cases are too large")
        return
    entry = reference.get("entry_point")
    if not isinstance(entry, str) or not entry.isidentifier():
        raise InputError("'reference.entry_point' must be the name of the function under test")
    tests = reference.get("tests")
    if isinstance(tests, str):
        if "def check(" not in tests and "assert" not in tests:
            raise InputError("'reference.tests' must define check(candidate) or hold assert statements")
        size = len(tests)
    elif isinstance(tests, list) and tests and all(isinstance(t, str) for t in tests):
        size = sum(len(t) for t in tests)
    else:
        raise InputError(
            "'reference.tests' must be a source defining check(candidate), or a non-empty list of "
            "assert statements"
        )
    if size > MAX_TESTS_SOURCE:
        raise InputError(f"'reference.tests' is longer than {MAX_TESTS_SOURCE} characters")
    setup = reference.get("setup", "")
    if not isinstance(setup, str):
        raise InputError("'reference.setup' must be a string of Python")


def job_for(problem: Problem, code: str) -> CodeJob:
    reference = problem.reference
    cases = stdio_cases(reference)
    if cases:
        return CodeJob(code=code, stdio=cases)
    tests = reference["tests"]
    return CodeJob(
        code=code,
        tests=tests if isinstance(tests, str) else tuple(tests),
        entry_point=reference["entry_point"],
        setup=reference.get("setup", "") or "",
        prompt=problem.prompt,
    )


class CodeVerifier:
    """Runs candidates against their tests in a `Sandbox` (started on first use unless one is given)."""

    name = "code-tests"
    version = "22"  # a new version whenever a verdict can change (tests/test_verifier_versions.py)

    def __init__(self, sandbox: Sandbox | None = None, config: SandboxConfig | None = None) -> None:
        self._sandbox = sandbox
        self._owns = sandbox is None
        self._config = config
        self._lock = threading.Lock()

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def sandbox(self) -> Sandbox:
        with self._lock:
            if self._sandbox is None:
                self._sandbox = Sandbox(self._config)
            return self._sandbox

    check_reference = staticmethod(check_reference)

    def verify(self, problem: Problem, candidate: Candidate) -> Verdict:
        return self.verify_many([(problem, candidate)])[0]

    def verify_many(
        self,
        pairs: Sequence[tuple[Problem, Candidate]],
        on_done: Callable[[int, Verdict], None] | None = None,
    ) -> list[Verdict]:
        verdicts: list[Verdict | None] = [None] * len(pairs)
        jobs: list[CodeJob] = []
        reaching: list[list[str]] = []  # for each job, what in its code reaches the harness in C
        where: list[int] = []  # for each job, the pair it tests
        parts: dict[int, list[Verdict | None]] = {}  # per pair: the verdict of each of its programs
        first_job: dict[int, int] = {}  # per pair: the index of its first job
        for i, (problem, candidate) in enumerate(pairs):
            try:
                check_reference(problem.reference)
            except InputError as exc:
                verdicts[i] = Verdict(candidate.id, self.id, Status.ERROR, f"bad reference: {exc}")
                continue
            found = extract(candidate.text)
            if found.code is None:
                verdicts[i] = Verdict(candidate.id, self.id, Status.UNKNOWN, found.reason)
                continue
            first_job[i] = len(jobs)
            parts[i] = [None] * len(found.programs)
            for program in found.programs:  # alternatives: each is claimed a solution, each is tested
                job = job_for(problem, program)
                jobs.append(job)
                reaching.append([] if job.stdio else reaching_names(job.code, job.prompt, job.setup))
                where.append(i)

        def finish(k: int, result: ExecutionResult) -> Verdict | None:
            """Records job k's verdict; returns the pair's verdict once all its programs have one."""
            i = where[k]
            parts[i][k - first_job[i]] = _unreached(self.verdict(pairs[i][1].id, result), reaching[k])
            if any(part is None for part in parts[i]):
                return None
            verdicts[i] = _all_pass(pairs[i][1].id, self.id, [part for part in parts[i] if part is not None])
            return verdicts[i]

        for i, verdict in enumerate(verdicts):
            if verdict is not None and on_done is not None:
                on_done(i, verdict)
        if jobs:
            callback = None
            if on_done is not None:

                def callback(k: int, result: ExecutionResult) -> None:  # in this thread (run_many)
                    verdict = finish(k, result)
                    if verdict is not None:
                        on_done(where[k], verdict)

            results = self.sandbox.run_many(jobs, callback)
            if callback is None:
                for k, result in enumerate(results):
                    finish(k, result)
        return [v for v in verdicts if v is not None]

    def verdict(self, candidate_id: str, result: ExecutionResult) -> Verdict:
        steps = tuple(
            StepResult(
                t.index,
                StepStatus.VERIFIED if t.passed else StepStatus.REFUTED,
                f"line {t.line}: {t.source}" + ("" if t.passed else f" — {t.message}"),
            )
            for t in result.tests
        )
        status = {
            ExecStatus.PASSED: Status.VERIFIED,
            ExecStatus.FAILED: Status.REFUTED,
            ExecStatus.MEMORY: Status.REFUTED,
            ExecStatus.CRASHED: Status.REFUTED,
            ExecStatus.TIMEOUT: Status.TIMEOUT,
            ExecStatus.SANDBOX_ERROR: Status.ERROR,
        }[result.status]
        evidence = _evidence(result)
        if status == Status.REFUTED and _unavailable(result):
            # a program that needs a package the sandbox does not hold (numpy) was never judged: not
            # verified, and not shown wrong either
            status = Status.UNKNOWN
        if status == Status.REFUTED and result.message.startswith(UNDECIDED):
            # the tests changed what the candidate's process cannot see, judged the identity of a value
            # that crossed as a copy or compared a candidate's object, or C's screen refused a read of
            # the code: a failure shows nothing
            status = Status.UNKNOWN
        if status == Status.REFUTED and result.total == 0 and result.message == NOTHING_CHECKED:
            # the tests ran to their end and checked nothing: they say nothing about the code either way
            status, evidence = Status.UNKNOWN, "no check ran: the tests assert nothing about the code"
        if status == Status.VERIFIED:  # fail closed: "passed" must be backed by checks that ran and passed
            if result.message:  # they passed, but the candidate changed what the tests could not see
                status, evidence = (
                    Status.UNKNOWN,
                    f"passed {result.passed}/{result.total} checks, but {result.message}",
                )
            elif result.total == 0:
                status, evidence = Status.UNKNOWN, "no check ran: the tests assert nothing about the code"
            elif result.passed != result.total or not all(t.passed for t in result.tests):
                status = Status.ERROR
                evidence = f"inconsistent result: passed, but {result.passed}/{result.total} checks passed"
        if result.isolation == WEAK:
            evidence += f"; {weak_reason()}"
        return Verdict(candidate_id, self.id, status, evidence, steps, result.seconds)

    def close(self) -> None:
        if self._owns and self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None

    def __enter__(self) -> CodeVerifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _unreached(verdict: Verdict, names: list[str]) -> Verdict:
    """A pass of code that can reach the harness's own objects in its process is unknown: its process
    reports what the tests cannot see, and such code can silence the reports (program_reach)."""
    if verdict.status != Status.VERIFIED or not names:
        return verdict
    evidence = (
        f"{verdict.evidence}, but the code can reach the harness's objects in its process "
        f"({', '.join(names[:6])}): what it changed unseen cannot be ruled out"
    )
    return replace(verdict, status=Status.UNKNOWN, evidence=evidence)


def _all_pass(candidate_id: str, verifier: str, verdicts: list[Verdict]) -> Verdict:
    """One verdict for a response that gives several programs as alternatives: verified only when every
    one is; otherwise the first refuted one's verdict, else the first that is not verified."""
    if len(verdicts) == 1:
        return verdicts[0]
    count = len(verdicts)
    seconds = sum(verdict.seconds for verdict in verdicts)
    if all(verdict.status == Status.VERIFIED for verdict in verdicts):
        evidence = f"each of the {count} programs given as alternatives: {verdicts[0].evidence}"
        return Verdict(candidate_id, verifier, Status.VERIFIED, evidence, verdicts[0].steps, seconds)
    failing = [verdict for verdict in verdicts if verdict.status == Status.REFUTED] or [
        verdict for verdict in verdicts if verdict.status != Status.VERIFIED
    ]
    k = verdicts.index(failing[0])
    evidence = f"program {k + 1} of the {count} given as alternatives: {failing[0].evidence}"
    return Verdict(candidate_id, verifier, failing[0].status, evidence, failing[0].steps, seconds)


def _unavailable(result: ExecutionResult) -> bool:
    """The code failed only because an import was refused: nothing passed, and the refusal is why."""
    failing = [t.message for t in result.tests if not t.passed]
    refused = UNAVAILABLE in result.message or (bool(failing) and all(UNAVAILABLE in m for m in failing))
    return result.status == ExecStatus.FAILED and result.passed == 0 and refused


def _evidence(result: ExecutionResult) -> str:
    if result.status == ExecStatus.PASSED:
        return f"passed {result.passed}/{result.total} checks"
    failing = next((t for t in result.tests if not t.passed), None)
    where = ""
    if failing is not None:
        where = f"; first failing check {failing.index} (line {failing.line}): {failing.source}"
        if failing.message:
            where += f" — {failing.message}"
    head = {
        ExecStatus.FAILED: f"failed ({result.passed}/{result.total} checks passed)",
        ExecStatus.MEMORY: "ran out of memory",
        ExecStatus.CRASHED: "crashed",
        ExecStatus.TIMEOUT: "timed out",
        ExecStatus.SANDBOX_ERROR: "sandbox error",
    }[result.status]
    message = f": {result.message}" if result.message else ""
    return f"{head}{message}{where}"

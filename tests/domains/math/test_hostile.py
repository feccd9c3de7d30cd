"""Hostile input: bounded, decided or killed at the limit; nothing runs; memory stays bounded.

No assertion here is about how long anything took (the machine may be loaded): the pool enforces the
wall-clock limit itself, and the tests assert what came back, and that the pool still works after it.
"""

import resource
import threading
from pathlib import Path

import pytest

from assay.domains.math.verifier import StepVerifier
from assay.records import Candidate, Problem, Status
from assay.registry import Registry
from assay.workers import WorkerPool

LIMIT = 2.0
MARKER = Path("/tmp/assay-hostile-marker")
PROBLEM = Problem("math", "linear", "Solve for x: 2x + 5 = 13", {"answer": "4"}, "test")

HOSTILE = [
    "x = 9**9**9",
    "2x + 5 = 10^10^10^10",
    "x = 1000!!",
    "x = " + "(" * 100_000 + "4" + ")" * 100_000,
    "x = " + "1" * 1_000_000,
    "2x + 5 = 13\n" + "y" * 1_000_000,
    f"x = __import__('os').system('touch {MARKER}')",
    "x = ().__class__.__bases__[0].__subclasses__()",
    "x = 4\x00\x00\x00",
    b"x = 4".decode() + b"\xff\xfe".decode("utf-8", errors="replace"),
    "The answer is \\boxed{" + "\\frac{1}{" * 500 + "}" * 500 + "}",
    "x = " + "+".join(["x"] * 20_000),
    "x^99999999 = 1",
    "(x - 1)^2000 = 0",
    "x = sqrt(" * 300 + "4" + ")" * 300,
]


@pytest.fixture(scope="module")
def verifier():  # type: ignore[no-untyped-def]
    with WorkerPool(size=2, timeout=LIMIT) as pool:
        yield StepVerifier(pool=pool)


@pytest.mark.parametrize("response", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_response_is_contained(verifier: StepVerifier, response: str) -> None:
    verdict = verifier.verify(PROBLEM, Candidate(PROBLEM.id, response, None))
    assert verdict.status in (Status.UNKNOWN, Status.REFUTED, Status.TIMEOUT), verdict
    assert not MARKER.exists()
    # the worker that took it (killed or not) is replaced: a plain correct trace still verifies
    sane = verifier.verify(PROBLEM, Candidate(PROBLEM.id, "2x + 5 = 13\n2x = 8\nx = 4", None))
    assert sane.status in (Status.VERIFIED, Status.TIMEOUT), sane


def test_main_process_memory_stays_bounded(verifier: StepVerifier) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for response in HOSTILE * 2:
        verifier.verify(PROBLEM, Candidate(PROBLEM.id, response, None))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 150


def test_eight_threads_give_the_serial_verdicts() -> None:
    # its own pool with a limit no load reaches: under a busy machine the hostile tests' short limit could
    # turn one run's verdict into `timeout` (a right verdict, but not what this test compares)
    with WorkerPool(size=2, timeout=600) as pool:
        _eight_threads_give_the_serial_verdicts(StepVerifier(pool=pool))


def _eight_threads_give_the_serial_verdicts(verifier: StepVerifier) -> None:
    registry = Registry.from_entry_points()
    pairs = []
    for name in ("linear", "quadratic", "system", "arithmetic", "game24"):
        for index in range(12):
            problem = registry.task(name).generate(5, index)
            text = problem.reference["trace"]
            if index % 3 == 1:
                text = text.replace("=", "= 1 +", 1)  # some wrong ones too
            pairs.append((problem, Candidate(problem.id, text, None)))
    serial = [verifier.verify(p, c) for p, c in pairs]
    threaded: list[object] = [None] * len(pairs)

    def work(offset: int) -> None:
        for i in range(offset, len(pairs), 8):
            threaded[i] = verifier.verify(*pairs[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    def key(v):  # type: ignore[no-untyped-def]
        return (v.status, v.evidence, v.steps)

    assert [key(v) for v in threaded] == [key(v) for v in serial]
    assert {v.status for v in serial} >= {Status.VERIFIED, Status.REFUTED}

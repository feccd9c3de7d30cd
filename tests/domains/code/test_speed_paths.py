"""The sandbox's speed paths keep every result: jobs sent to a worker ahead of their reports (lanes.py)
come back in order with the status each earns alone, whatever happens to the worker that held them;
and each task's process starts clean, whatever the task before it in the same worker did.

Nothing here measures time: each test asserts which statuses and which state came back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pytest

from assay.domains.code.bridge_kinds import UNMIRRORED
from assay.domains.code.identity_checks import JUDGED
from assay.domains.code.lanes import Lane, Sent, WorkerGone
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox, SandboxConfig
from assay.domains.code.verifier import CodeVerifier
from assay.errors import AssayError
from assay.records import Status
from tests.domains.code.conftest import require_bubblewrap

# --- the lane against fake workers (plain functions: what a worker does with each job it reads) --------


class FakeWorker:
    """Answers jobs in the order they were sent; `act(job)` returns the report, or raises WorkerGone for
    a worker that dies on that job. After a report with recycle, or a death, it reads nothing more."""

    def __init__(
        self, act: Callable[[dict[str, Any]], dict[str, Any]], log: list[tuple[int, int]], ahead: int = 4096
    ) -> None:
        self.act, self.log, self.ended, self.ahead = act, log, False, ahead
        self.inbox: list[dict[str, Any]] = []
        self.events: list[str] = []  # "sent N" and "ran N", in the order they happened

    def send(self, data: bytes) -> None:
        if self.ended:
            raise WorkerGone("the worker is gone")
        message = json.loads(data)
        self.events.append(f"sent {message['id']}")
        self.inbox.append(message)

    def receive(self, timeout: float) -> dict[str, Any]:
        if self.ended or not self.inbox:
            raise WorkerGone("the worker exited")
        job = self.inbox.pop(0)
        self.log.append((id(self), job["id"]))
        self.events.append(f"ran {job['id']}")
        try:
            report = self.act(job)
        except WorkerGone:
            self.ended = True
            raise
        if report.get("recycle") or report.get("status") == "retired":
            self.ended = True
        return report

    def close(self) -> None:
        self.ended = True


def _run(act: Callable[[dict[str, Any]], dict[str, Any]], jobs: int, depth: int) -> tuple[list[str], int]:
    """Every job through a lane, filled as the pool fills it; (each job's status, workers started)."""
    log: list[tuple[int, int]] = []
    started: list[FakeWorker] = []

    def start() -> FakeWorker:
        started.append(FakeWorker(act, log))
        return started[-1]

    lane = Lane(start, depth)
    results: dict[int, str] = {}
    todo = list(range(1, jobs + 1))
    while todo or lane.pending:
        while todo and lane.has_room():
            lane.submit(_sent(todo.pop(0)))
        sent, report = lane.next_report()
        results[sent.message["id"]] = report["status"]
    return [results[i] for i in range(1, jobs + 1)], len(started)


def _sent(job_id: int, size: int = 0) -> Sent:
    message = {"id": job_id, "timeout": 1.0, "wall": 4.0, "code": "x" * size}
    return Sent(message, json.dumps(message).encode() + b"\n", Future())


def _passing(job: dict[str, Any]) -> dict[str, Any]:
    return {"id": job["id"], "status": "passed"}


def _recycling_at(*ids: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def act(job: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": job["id"],
            "status": "timeout" if job["id"] in ids else "passed",
            "recycle": job["id"] in ids,
        }

    return act


def _dying_on(*ids: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def act(job: dict[str, Any]) -> dict[str, Any]:
        if job["id"] in ids:
            raise WorkerGone("the worker exited")
        return {"id": job["id"], "status": "passed"}

    return act


def _retiring_at(*ids: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    seen: set[int] = set()

    def act(job: dict[str, Any]) -> dict[str, Any]:
        if job["id"] in ids and job["id"] not in seen:  # the dirty worker refuses it; the next runs it
            seen.add(job["id"])
            return {"id": job["id"], "status": "retired", "recycle": True}
        return {"id": job["id"], "status": "passed"}

    return act


def _out_of_turn(job: dict[str, Any]) -> dict[str, Any]:
    return {"id": job["id"] + 100 if job["id"] == 2 else job["id"], "status": "passed"}


P, T, E = "passed", "timeout", "sandbox-error"


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize(
    ("make", "statuses", "workers"),
    [  # each case makes its fake anew: a retiring worker remembers what it refused
        # every job on one worker
        (lambda: _passing, [P] * 5, 1),
        # a worker that recycles after job 2: what it was sent after job 2 runs on the next worker
        (lambda: _recycling_at(2), [P, T, P, P, P], 2),
        (lambda: _recycling_at(1, 2, 5), [T, T, P, P, T], 3),
        # a worker that dies on job 3 fails job 3 only; jobs sent after it run on the next worker
        (lambda: _dying_on(3), [P, P, E, P, P], 2),
        # a worker that cannot clean up refuses its next job: every job sent to it runs on the next one
        (lambda: _retiring_at(3), [P] * 5, 2),
        # an answer for another job: that job fails (the worker is not trusted again), the rest run
        (lambda: _out_of_turn, [P, E, P, P, P], 2),
    ],
    ids=["all-pass", "recycle", "recycles", "death", "retired", "out-of-turn"],
)
def test_jobs_sent_ahead_come_back_in_order_with_their_own_status(
    make: Callable[[], Callable[[dict[str, Any]], dict[str, Any]]],
    statuses: list[str],
    workers: int,
    depth: int,
) -> None:
    assert _run(make(), 5, depth) == (statuses, workers)


def test_a_worker_that_does_not_start_fails_one_job_and_the_next_tries_again() -> None:
    attempts: list[int] = []

    def start() -> FakeWorker:
        attempts.append(1)
        if len(attempts) == 1:
            raise WorkerGone("the worker did not start")
        return FakeWorker(_passing, [])

    lane = Lane(start, 2)
    for job_id in (1, 2):
        lane.submit(_sent(job_id))
    first, second = lane.next_report(), lane.next_report()
    assert [(s.message["id"], r["status"]) for s, r in (first, second)] == [(1, E), (2, P)]
    assert len(attempts) == 2


def test_depth_below_one_is_refused() -> None:
    with pytest.raises(AssayError, match="depth"):
        SandboxConfig(depth=0)


# --- the same in real sandboxes --------------------------------------------------------------------------


GENEROUS = 60.0  # seconds: a limit no job that should end by itself comes near, however loaded the machine
SHORT = 4.0  # for a job meant to run forever: `timeout` is its right status, whatever the load
PASS = CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f")
FAIL = CodeJob(code="def f():\n    return 2\n", tests=("assert f() == 1",), entry_point="f")
SPIN = CodeJob(code="def f():\n    while True:\n        pass\n", tests=("assert f() == 1",), entry_point="f")
CRASH = CodeJob(code="import os\ndef f():\n    os._exit(7)\n", tests=("assert f() == 1",), entry_point="f")
# the tests are the problem's own code and run in the worker: these end the worker itself mid-task
ENDS_WORKER = CodeJob(code="def f():\n    return 1\n", tests=("import os\nos._exit(3)",), entry_point="f")


@pytest.mark.parametrize("depth", [1, 2])
def test_a_pool_gives_each_job_the_status_it_earns_alone(depth: int) -> None:
    require_bubblewrap()
    jobs = [PASS, SPIN, PASS, FAIL, CRASH, PASS, ENDS_WORKER, PASS, PASS]
    # only the job whose right status is `timeout` gets a short limit: every other job has one no load
    # reaches, so no status here can depend on how busy the machine is
    with Sandbox(isolation="bubblewrap", workers=1, timeout=GENEROUS, depth=depth) as pool:
        futures = [pool.submit(job, SHORT if job is SPIN else None) for job in jobs]
        statuses = [f.result().status for f in futures]
    assert statuses[0] == ExecStatus.PASSED
    assert statuses[1] == ExecStatus.TIMEOUT
    assert statuses[2:4] == [ExecStatus.PASSED, ExecStatus.FAILED]
    assert statuses[4] in (ExecStatus.CRASHED, ExecStatus.FAILED)
    assert statuses[5] == ExecStatus.PASSED
    assert statuses[6] == ExecStatus.SANDBOX_ERROR
    assert statuses[7:] == [ExecStatus.PASSED, ExecStatus.PASSED]


@pytest.mark.parametrize(("max_tasks", "tasks", "workers"), [(2, 7, 4), (1, 3, 3), (5, 5, 1)])
def test_a_worker_that_retires_with_jobs_waiting_in_its_pipe_loses_none(
    started: list[int], max_tasks: int, tasks: int, workers: int
) -> None:
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, max_tasks=max_tasks, depth=2) as pool:
        results = pool.run_many([PASS] * tasks)
    assert [r.status for r in results] == [ExecStatus.PASSED] * tasks
    assert len(started) == workers  # each job ran once, on the worker that had room for it


# --- each task's process starts clean, in the same worker, one after another ------------------------------

LEAVE = """
import builtins, json, os, resource, sys
def f():
    # what the spawner sets up once for every task (exit, quit, the clamped setrlimit), replaced
    builtins.exit = builtins.quit = lambda *a: None
    resource.setrlimit = lambda *a: None
    open('/tmp/left-behind', 'w').write('x')
    os.mkdir('/tmp/left-dir')
    kept = [open('/tmp/left-dir/held', 'w') for _ in range(5)]
    builtins.leaked = kept
    json.leaked = True
    sys.modules['leaked_module'] = json
    os.environ['LEAKED'] = '1'
    sys.setrecursionlimit(50)
    return 'left'
"""
LOOK = """
import builtins, json, os, resource, sys
def f():
    fds = sorted(int(fd) for fd in os.listdir('/proc/self/fd'))
    try:  # the clamped setrlimit: a request above the hard limit is lowered to it, not refused
        resource.setrlimit(resource.RLIMIT_NOFILE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        clamped = resource.getrlimit(resource.RLIMIT_NOFILE)[1] != resource.RLIM_INFINITY
    except (ValueError, OSError):
        clamped = False
    print(json.dumps({
        'quitters': [type(q).__name__ for q in (builtins.exit, builtins.quit)],
        'clamped': clamped,
        # the spawner's warm-up ran a program of its own before any task: none of it is left
        'warm-up': sorted(n for n in globals() if 'warm' in n) + [m for m in sys.modules if m != 'solution'
                                                                    and 'warm' in m],
        'tmp': sorted(os.listdir('/tmp')),
        'fds': len(fds),
        'to_tmp': [fd for fd in fds if os.path.realpath(f'/proc/self/fd/{fd}').startswith('/tmp/')],
        'builtins': hasattr(builtins, 'leaked'),
        'module': hasattr(json, 'leaked') or 'leaked_module' in sys.modules,
        'environ': 'LEAKED' in os.environ,
        'recursion': sys.getrecursionlimit() > 50,
    }))
    return 'seen'
"""


def _look(pool: Sandbox) -> dict[str, Any]:
    result = pool.run(CodeJob(code=LOOK, tests=("assert f() == 'seen'",), entry_point="f"))
    assert result.status == ExecStatus.PASSED, (result.status, result.message)
    seen: dict[str, Any] = json.loads(result.stdout) if result.stdout else {}
    return seen


@pytest.mark.parametrize("spawner", [True, False], ids=["spawner", "fork-from-worker"])
@pytest.mark.parametrize("depth", [1, 2])
def test_a_task_finds_nothing_the_task_before_it_left(spawner: bool, depth: int) -> None:
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, spawner=spawner, depth=depth) as pool:
        fresh = _look(pool)
        left = pool.run(CodeJob(code=LEAVE, tests=("assert f() == 'left'",), entry_point="f"))
        assert left.status == ExecStatus.PASSED, (left.status, left.message)
        after = _look(pool)
    assert fresh["tmp"] == [] and after["tmp"] == [], after
    assert after["to_tmp"] == [] and after["fds"] == fresh["fds"], (fresh, after)
    assert not (after["builtins"] or after["module"] or after["environ"]), after
    assert after["recursion"], after
    for seen in (fresh, after):
        assert seen["quitters"] == ["_Quitter", "_Quitter"] and seen["clamped"], seen
        assert seen["warm-up"] == [], seen


@pytest.mark.parametrize(("workers", "jobs"), [(2, 2), (3, 3), (2, 3)])
def test_a_short_batch_is_shared_out_not_queued_behind_one_worker(
    started: list[int], workers: int, jobs: int
) -> None:
    # a worker takes a job ahead only when the others cannot take it yet: each worker gets one here
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=workers, timeout=30.0, depth=2) as pool:
        results = pool.run_many([PASS] * jobs)
    assert [r.status for r in results] == [ExecStatus.PASSED] * jobs
    assert len(started) == workers


def _always_retired(job: dict[str, Any]) -> dict[str, Any]:
    return {"id": job["id"], "status": "retired", "recycle": True}


def _refusing_sends(log: list[tuple[int, int]]) -> FakeWorker:
    worker = FakeWorker(_passing, log)
    worker.ended = True  # gone as soon as it started: nothing can be written to it
    return worker


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_job_no_worker_will_run_fails_instead_of_looping(depth: int) -> None:
    # workers that refuse every job, or that are gone before anything reaches them: each job fails
    # after a bounded number of workers, with the reason, and the lane goes on to the next
    assert _run(_always_retired, 3, depth)[0] == [E, E, E]
    lane = Lane(lambda: _refusing_sends([]), depth)
    for job_id in (1, 2):
        lane.submit(_sent(job_id))
    outcomes = [lane.next_report() for _ in range(2)]
    assert [(s.message["id"], r["status"]) for s, r in outcomes] == [(1, E), (2, E)]


def test_a_job_waits_in_the_pipe_only_if_it_fits_there() -> None:
    # with 1000 bytes of room, a 300-byte job waits behind the running one; a 2000-byte job is sent
    # only once its worker has answered everything before it (the host never blocks on a full pipe)
    worker = FakeWorker(_passing, [], ahead=1000)
    lane = Lane(lambda: worker, 3)
    reports = []
    for job_id, size in ((1, 0), (2, 300), (3, 2000), (4, 0)):
        lane.submit(_sent(job_id, size))
        if job_id == 1:
            reports.append(lane.next_report())
    while lane.pending:
        reports.append(lane.next_report())
    assert [(s.message["id"], r["status"]) for s, r in reports] == [(1, P), (2, P), (3, P), (4, P)]
    assert worker.events == ["sent 1", "ran 1", "sent 2", "ran 2", "sent 3", "ran 3", "sent 4", "ran 4"]


DEEP = """
import os
def f():
    os.chdir('/tmp')
    for _ in range(1500):  # deeper than the worker's wipe can recurse
        os.mkdir('d')
        os.chdir('d')
    return 1
"""


@pytest.mark.parametrize("depth", [1, 2])
def test_a_task_that_leaves_folders_too_deep_to_wipe_costs_the_next_task_nothing(depth: int) -> None:
    # its worker cannot empty /tmp, so it retires and the next job runs on a fresh one, not as an error
    require_bubblewrap()
    deep = CodeJob(code=DEEP, tests=("assert f() == 1",), entry_point="f")
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, depth=depth) as pool:
        results = pool.run_many([deep, PASS, PASS])
    assert [r.status for r in results] == [ExecStatus.PASSED] * 3, [r.message for r in results]


# --- the setup runs in C as the worker compiled it: parsed there only when its bytecode judges identity --

# a HumanEval-style prompt (its blank lines stripped from the completion, so C runs it before the code)
# whose text says "is" only in prose: C runs it as compiled, and never loads `ast` to rewrite it
PROSE_SETUP = '\n\ndef f(x):\n    """Whether x is in the list: it is."""\n'
LOADED_AST = (
    'import sys\n\n\ndef f(x):\n    """Whether x is in the list: it is."""\n    return "ast" in sys.modules\n'
)
# a setup whose helper judges the identity of what it is given: in C the helper still notes it
JUDGING_SETUP = "def same(a, b):\n    return a is b\n"


def test_a_setup_that_says_is_in_prose_costs_the_candidate_no_parse(sandbox: Sandbox) -> None:
    job = CodeJob(code=LOADED_AST, tests=("assert f(1) == False",), entry_point="f", setup=PROSE_SETUP)
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED, (result.status, result.message, result.tests)


def test_a_setup_that_judges_identity_on_copies_is_still_noted_in_the_candidate(sandbox: Sandbox) -> None:
    job = CodeJob(
        code="def f(t):\n    return same(t, t)\n", tests=("assert f((1, 2)) == True",), entry_point="f",
        setup=JUDGING_SETUP,
    )  # fmt: skip
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED and JUDGED in result.message, (result.status, result.message)


# --- the candidate's code compiled by the worker (worker._compiled_program), loaded by C ---------------
# C loads what compiles under its own limits and compiles the rest itself: each program below loads, or
# fails to, exactly as when C compiled every program


def test_a_literal_past_the_programs_digit_limit_still_fails_to_load(sandbox: Sandbox) -> None:
    job = CodeJob(
        code="def f():\n    return " + "9" * 5000 + "\n", tests=("assert f() > 0",), entry_point="f"
    )
    result = sandbox.run(job)
    assert result.status == ExecStatus.FAILED and "Exceeds the limit" in result.message, result.message
    whole = CodeJob(code="print(len(str(" + "9" * 5000 + ")))\n", stdio=(("", "5000\n"),))
    assert sandbox.run(whole).status == ExecStatus.FAILED


def test_nesting_loads_as_far_as_the_candidates_own_compiler_allows(sandbox: Sandbox) -> None:
    def nested(depth: int) -> CodeJob:
        return CodeJob(
            code="def f():\n    return " + "-" * depth + "1\n", tests=("assert f() == 1",), entry_point="f"
        )

    # 2000 compiles in the worker; 2880 is past the worker's room (C_DEPTH) but within C's, which
    # compiles it itself; 3500 is past both
    for depth in (2000, 2880):
        result = sandbox.run(nested(depth))
        assert result.status == ExecStatus.PASSED, (depth, result.status, result.message)
    result = sandbox.run(nested(3500))
    assert result.status == ExecStatus.FAILED and "RecursionError" in result.message, result.message


def test_a_warning_of_the_compiler_is_still_the_candidates_to_print(sandbox: Sandbox) -> None:
    job = CodeJob(
        code="def f():\n    assert (False, 'never')\n    return 1\n",
        tests=("assert f() == 1",),
        entry_point="f",
    )
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED and "SyntaxWarning" in result.stderr, (
        result.status,
        result.stderr,
    )


def test_a_body_that_continues_the_prompt_loads_from_the_worker(sandbox: Sandbox) -> None:
    job = CodeJob(
        code="    return x + 1\n", tests=("assert f(1) == 2",), entry_point="f", prompt="def f(x):\n"
    )
    assert sandbox.run(job).status == ExecStatus.PASSED


# --- what the worker reads off the code it sends (worker._compiled_program), taken by C instead of its own
# read: a program that may change the state, or may make a finalizer, is still watched, sent whole or
# as a body that continues the prompt; one C must rewrite is still rewritten (and read after)

CHANGES_STATE = [
    CodeJob(code="import math\ndef f():\n    math.pi = 3\n    return 1\n", tests=("assert f() == 1",),
            entry_point="f"),
    CodeJob(code="    math.pi = 3\n    return 1\n", tests=("assert f() == 1",), entry_point="f",
            prompt="import math\ndef f():\n"),
]  # fmt: skip


@pytest.mark.parametrize("job", CHANGES_STATE, ids=["whole", "continues the prompt"])
def test_a_program_that_changes_the_state_is_still_watched(job: CodeJob, sandbox: Sandbox) -> None:
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED and UNMIRRORED in result.message, result.message
    assert CodeVerifier(sandbox).verdict("c", result).status == Status.UNKNOWN


LATE_FINALIZER = [
    CodeJob(code="class W:\n    def __init__(self, xs):\n        self.xs = xs\n"
            "    def __del__(self):\n        self.xs.append(99)\ndef f(xs):\n    return W(xs)\n",
            tests=("a = [1, 2]\nr = f(a)\ndel r\nassert a == [1, 2, 99]",), entry_point="f"),
    CodeJob(code="    return W(xs)\n", tests=("a = [1, 2]\nr = f(a)\ndel r\nassert a == [1, 2, 99]",),
            entry_point="f", prompt="class W:\n    def __init__(self, xs):\n        self.xs = xs\n"
            "    def __del__(self):\n        self.xs.append(99)\ndef f(xs):\n"),
]  # fmt: skip


@pytest.mark.parametrize("job", LATE_FINALIZER, ids=["whole", "continues the prompt"])
def test_a_program_with_a_finalizer_is_still_watched(job: CodeJob, sandbox: Sandbox) -> None:
    result = sandbox.run(job)
    verdict = CodeVerifier(sandbox).verdict("c", result).status
    assert verdict in (Status.UNKNOWN, Status.REFUTED), (result.status, result.message, result.tests)


def test_a_program_the_candidate_rewrites_is_still_judged_on_copies(sandbox: Sandbox) -> None:
    job = CodeJob(code="def f(t):\n    return t is t\n", tests=("assert f((1, 2)) == True",), entry_point="f")
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED and JUDGED in result.message, (result.status, result.message)


# --- the spawner's loop (spawner.Spawner._serve): a request it cannot serve as asked starts no C, and
# the descriptors it was sent are closed in it (its loop compares the usual request as it arrives)

REFUSALS = """
import os, socket, sys
sys.path.insert(0, sys.argv[1])
from spawner import FDS, Seccomp, Spawner
spawner = Spawner({"memory_mb": 1024, "file_mb": 16}, Seccomp(b""))
pipes = [os.pipe() for _ in FDS]
ends = [r for r, _ in pipes]
for cpu, fds in ((b"0", ends), (b"x", ends), (b"3", ends[:2]), (b"3", ends + ends[:1]), (b"3", [])):
    socket.send_fds(spawner.sock, [cpu], fds)
    print(spawner.sock.recv(32).decode())
for r, _ in pipes:
    os.close(r)
for _, w in pipes:
    try:
        os.write(w, b"x")
        print("open")
    except BrokenPipeError:
        print("closed")
"""


def test_the_spawner_refuses_what_it_cannot_serve_and_keeps_no_descriptor_of_it() -> None:
    import subprocess
    import sys
    from pathlib import Path

    from assay.domains.code import isolation

    folder = str(Path(isolation.RUNNER).parent)
    done = subprocess.run(
        [sys.executable, "-I", "-c", REFUSALS, folder],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.split() == ["-1"] * 5 + ["closed"] * 5, (done.stdout, done.stderr)


# --- C's first message waits in its pipe before C starts (worker._start): what the pipe does not take
# goes once C runs, so a program larger than a pipe holds still arrives whole


def test_a_program_larger_than_a_pipe_holds_still_arrives_whole(sandbox: Sandbox) -> None:
    filler = "".join(f"# line {i} of a long program, kept as it is\n" for i in range(6000))  # ~260 KB
    job = CodeJob(code=filler + "def f(x):\n    return x + 1\n", tests=("assert f(1) == 2",), entry_point="f")
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED, (result.status, result.message)
    whole = CodeJob(code=filler + "print(int(input()) * 2)\n", stdio=(("2\n", "4\n"), ("5\n", "10\n")))
    result = sandbox.run(whole)
    assert result.status == ExecStatus.PASSED, (result.status, result.message)

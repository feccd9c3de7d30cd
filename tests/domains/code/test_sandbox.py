"""The sandbox against hostile programs: each contained, recorded with the right status, pool healthy."""

from __future__ import annotations

import collections
import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assay.domains.code.sandbox import (
    WEAK_AS_ROOT,
    CodeJob,
    ExecStatus,
    Sandbox,
    SandboxUnavailable,
    bubblewrap_problem,
)
from tests.conftest import require
from tests.domains.code.attacks import CONTAINED, STOPPED

SECRET = "HOST_SECRET_VALUE"
GENEROUS = 60.0  # seconds: a limit no job that should end by itself comes near, however loaded the machine
SHORT = 4.0  # for a job meant to run forever: `timeout` is its right status, whatever the load
MARKER = "# SECRET-TEST-MARKER"


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Host-side bait: a listening port, a secret file, a path to write to, a secret env var."""
    folder = tmp_path_factory.mktemp("host")
    secret_file = folder / "secret.txt"
    secret_file.write_text("top secret")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    with server:
        yield {
            "HOST_PORT": str(server.getsockname()[1]),
            "HOST_SECRET_FILE": repr(str(secret_file)),
            "HOST_WRITE_PATH": repr(str(folder / "written")),
            "_folder": str(folder),
        }


def _program(code: str, host: dict[str, str]) -> str:
    for key in ("HOST_PORT", "HOST_SECRET_FILE", "HOST_WRITE_PATH"):
        code = code.replace(key, host[key])
    return code


def _job(code: str) -> CodeJob:
    return CodeJob(code=code, tests=(f'assert f() == "contained"  {MARKER}',), entry_point="f")


@pytest.fixture(scope="module")
def attack_sandbox() -> Iterator[Sandbox]:
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")
    os.environ[SECRET] = "leaked-if-seen"  # in the host's environment while workers start
    try:
        # a limit no attack that should pass comes near, even on a loaded machine (none of them spins)
        with Sandbox(isolation="bubblewrap", workers=2, timeout=30.0) as sandbox:
            yield sandbox
    finally:
        os.environ.pop(SECRET, None)


@pytest.mark.parametrize("name", sorted(CONTAINED))
def test_attack_is_contained(name: str, attack_sandbox: Sandbox, host: dict[str, str]) -> None:
    result = attack_sandbox.run(_job(_program(CONTAINED[name], host)), timeout=30)
    assert result.status == ExecStatus.PASSED, (result, result.tests)
    assert not Path(host["_folder"], "written").exists()


@pytest.mark.parametrize("name", sorted(STOPPED))
def test_attack_is_stopped_with_the_right_status(name: str, attack_sandbox: Sandbox) -> None:
    code, statuses = STOPPED[name]
    # an attack that may rightly end as `timeout` gets a short limit (that verdict is one of its right
    # ones, so load cannot fail it); the others keep the sandbox's, far from their real run time
    limit = 2.0 if ExecStatus.TIMEOUT in statuses else None
    result = attack_sandbox.run(_job(code), timeout=limit)
    assert result.status in statuses, (result.status, result.message, result.tests)
    assert result.status != ExecStatus.PASSED


def test_100_mb_of_stdout_is_a_failure_with_the_reason(attack_sandbox: Sandbox) -> None:
    code = (
        "import sys\ndef f():\n    for _ in range(100):\n        sys.stdout.write('x' * (1 << 20))\n"
        "    return 'contained'\n"
    )
    result = attack_sandbox.run(_job(code), timeout=30)
    assert result.status == ExecStatus.FAILED
    assert "output limit exceeded" in result.message
    assert len(result.stdout) <= attack_sandbox.config.output_limit


def test_no_file_survives_into_the_next_task(attack_sandbox: Sandbox) -> None:
    write = "def f():\n    open('/tmp/left-behind', 'w').write('x')\n    return 'contained'\n"
    look = (
        "import os\ndef f():\n    return 'contained' if not os.path.exists('/tmp/left-behind') else 'found'\n"
    )
    for _ in range(4):  # both workers, twice
        assert attack_sandbox.run(_job(write)).status == ExecStatus.PASSED
        assert attack_sandbox.run(_job(look)).status == ExecStatus.PASSED


def test_host_and_pool_stay_healthy_after_the_attacks(attack_sandbox: Sandbox) -> None:
    for code in CONTAINED.values():
        attack_sandbox.run(
            _job(
                code.replace("HOST_PORT", "1")
                .replace("HOST_SECRET_FILE", "'/x'")
                .replace("HOST_WRITE_PATH", "'/y'")
            )
        )
    for code, _ in STOPPED.values():  # (their verdicts are the test above's: a short limit will do)
        attack_sandbox.run(_job(code), timeout=2.0)
    jobs = [
        CodeJob(
            code=f"def add(a, b):\n    return a + b + {i} - {i}\n",
            tests=(f"assert add({i}, 2) == {i + 2}",),
            entry_point="add",
        )
        for i in range(100)
    ]
    results = attack_sandbox.run_many(jobs)
    assert [r.status for r in results] == [ExecStatus.PASSED] * 100
    # a worker reaps a task's process before it reads the next job, so at any moment it has at most
    # one (the last task's, killed before its report): no wait for the kernel, no timing
    children = _worker_children()
    tasks_per_worker = collections.Counter(children[pid][0] for pid in _leftover_task_processes())
    assert all(count <= 1 for count in tasks_per_worker.values()), children


def _worker_children() -> dict[int, tuple[int, int]]:
    """{pid: (its worker's pid, its process group)} for every child of a sandbox worker of this test
    process (another process's sandboxes, a parallel test run's say, are not ours to count): a task
    process leads a process group of its own, a worker's spawner (runner.Spawner) stays in the
    worker's group."""
    info = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        info[int(entry.name)] = (comm, int(fields[1]), int(fields[2]), b"/assay/runner.py" in cmdline)
    workers = {
        pid
        for pid, (comm, ppid, _, runner) in info.items()
        if runner and info.get(ppid, ("",))[0] == "bwrap" and _descends_from(pid, os.getpid(), info)
    }
    return {pid: (ppid, pgid) for pid, (_, ppid, pgid, _) in info.items() if ppid in workers}


def _descends_from(pid: int, ancestor: int, info: dict[int, tuple[str, int, int, bool]]) -> bool:
    seen = set()
    while pid in info and pid not in seen:
        if pid == ancestor:
            return True
        seen.add(pid)
        pid = info[pid][1]
    return pid == ancestor


def _leftover_task_processes() -> list[int]:
    """Task processes still alive after their task; and never more than one spawner per worker."""
    children = _worker_children()
    spawners = [worker for pid, (worker, pgid) in children.items() if pgid != pid]
    assert len(spawners) == len(set(spawners)), f"a worker with more than one spawner: {children}"
    return [pid for pid, (_, pgid) in children.items() if pgid == pid]


def _spawners() -> set[int]:
    return {pid for pid, (_, pgid) in _worker_children().items() if pgid != pid}


def test_results_come_back_in_order_and_report_each_check(sandbox: Sandbox) -> None:
    jobs = [
        CodeJob(
            code="def f(x):\n    return x * 2\n",
            tests=("assert f(1) == 2", "assert f(2) == 5", "assert f(3) == 6"),
            entry_point="f",
        ),
        CodeJob(code="def f(x):\n    raise ValueError('no')\n", tests=("assert f(1) == 2",), entry_point="f"),
        CodeJob(code="def f(:\n", tests=("assert f(1) == 2",), entry_point="f"),
        CodeJob(code="def g(x):\n    return 1\n", tests=("assert f(1) == 1",), entry_point="f"),
    ]
    first, raised, broken, missing = sandbox.run_many(jobs)
    assert first.status == ExecStatus.FAILED and (first.total, first.passed) == (3, 2)
    assert [t.passed for t in first.tests] == [True, False, True]
    assert raised.status == ExecStatus.FAILED and "ValueError: no" in raised.tests[0].message
    assert broken.status == ExecStatus.FAILED and "SyntaxError" in broken.message
    assert missing.status == ExecStatus.FAILED and "defines no function 'f'" in missing.tests[0].message


def test_values_are_rebuilt_with_their_types(sandbox: Sandbox) -> None:
    code = "def f():\n    return {'a': (1, 2.5, None), 'b': [True, b'x', {3}, frozenset(), 2**200, 1j]}\n"
    tests = (
        "assert f() == {'a': (1, 2.5, None), 'b': [True, b'x', {3}, frozenset(), 2**200, 1j]}",
        "assert type(f()['a']) is tuple",
    )
    outcome = sandbox.run(CodeJob(code=code, tests=tests, entry_point="f"))
    assert outcome.status == ExecStatus.PASSED, outcome
    generator = CodeJob(
        code="def f():\n    return (i for i in range(3))\n",
        tests=("assert list(f()) == [0, 1, 2]",),
        entry_point="f",
    )
    assert sandbox.run(generator).status == ExecStatus.PASSED  # iterated in C, one value at a time


def test_tests_that_check_nothing_do_not_pass(sandbox: Sandbox) -> None:
    job = CodeJob(code="def f():\n    return 1\n", tests="def check(candidate):\n    pass\n", entry_point="f")
    result = sandbox.run(job)
    assert result.status == ExecStatus.FAILED and "checked nothing" in result.message


def test_weak_mode_must_be_asked_for_and_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:
        monkeypatch.delenv(WEAK_AS_ROOT, raising=False)
        with pytest.raises(SandboxUnavailable, match="root"):
            Sandbox(isolation="weak")
        monkeypatch.setenv(WEAK_AS_ROOT, "1")
    with Sandbox(isolation="weak", workers=1, timeout=GENEROUS) as weak:
        ok = weak.run(CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f"))
        assert ok.status == ExecStatus.PASSED and ok.isolation == "weak"
        forked = weak.run(
            _job(
                "import os\ndef f():\n    try:\n        os.fork()\n    except OSError:\n"
                "        return 'contained'\n"
            )
        )
        assert forked.status == ExecStatus.PASSED
        spin = _job("def f():\n    while True:\n        pass\n")
        assert weak.run(spin, timeout=SHORT).status == ExecStatus.TIMEOUT


def test_without_bubblewrap_the_sandbox_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    from assay.domains.code import sandbox as module

    monkeypatch.setattr(module, "bubblewrap_problem", lambda: "bubblewrap is not installed")
    with pytest.raises(SandboxUnavailable, match="weak"):
        Sandbox(isolation="bubblewrap")


def test_the_worker_itself_runs_under_the_base_seccomp_layer(sandbox: Sandbox) -> None:
    """The tests run in the worker: it may fork and kill its tasks, but not exec or open IP sockets."""
    tests = (
        "import socket\ntry:\n    socket.socket(socket.AF_INET)\n    denied = False\n"
        "except PermissionError:\n    denied = True\nassert denied",
        "import os\ntry:\n    os.execv('/usr/bin/true', ['true'])\n    denied = False\n"
        "except PermissionError:\n    denied = True\nassert denied",
        "assert f() == 1",
    )
    result = sandbox.run(CodeJob(code="def f():\n    return 1\n", tests=tests, entry_point="f"))
    assert result.status == ExecStatus.PASSED and result.passed == 3, result


@pytest.mark.parametrize("spawner", [True, False], ids=["spawner", "fork-from-worker"])
def test_both_ways_of_starting_task_processes_verify_and_contain(spawner: bool) -> None:
    jobs = [
        CodeJob(
            code="def f(x):\n    return x * 2\n",
            tests=("assert f(2) == 4", "assert f(3) == 7"),
            entry_point="f",
        ),
        CodeJob(
            code="import os\ndef f():\n    return os.fork()\n", tests=("assert f() == 0",), entry_point="f"
        ),
        CodeJob(
            code="def f():\n    while True:\n        pass\n", tests=("assert f() is None",), entry_point="f"
        ),
        CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f"),
    ]
    with Sandbox(isolation="bubblewrap", workers=1, timeout=GENEROUS, spawner=spawner) as sandbox:
        # the spinning job alone has a short limit (its right status is `timeout`)
        futures = [sandbox.submit(job, SHORT if i == 2 else None) for i, job in enumerate(jobs)]
        mixed, forked, spun, fine = [f.result() for f in futures]
    assert mixed.status == ExecStatus.FAILED and (mixed.total, mixed.passed) == (2, 1)
    assert forked.status == ExecStatus.FAILED and "PermissionError" in forked.tests[0].message
    assert spun.status == ExecStatus.TIMEOUT
    assert fine.status == ExecStatus.PASSED


def test_a_spawner_that_dies_is_replaced_without_failing_a_task() -> None:
    job = CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f")
    others = _spawners()  # of pools other tests keep open
    with Sandbox(isolation="bubblewrap", workers=1, timeout=GENEROUS) as sandbox:
        assert sandbox.run(job).status == ExecStatus.PASSED
        mine = _spawners() - others
        assert len(mine) == 1
        os.kill(next(iter(mine)), signal.SIGKILL)
        results = sandbox.run_many([job] * 5)
        assert [r.status for r in results] == [ExecStatus.PASSED] * 5
        replaced = _spawners() - others
        assert len(replaced) == 1 and replaced != mine

"""README's numbers for the sandbox's workers, each held by a test: a worker is replaced after
`max_tasks` tasks (500 by default), and 64 KB of each stream is kept while more than 8 MB fails the task.

What is counted is what happened (how many workers were started, how many bytes came back), never how
long anything took.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox, SandboxConfig
from tests.domains.code.conftest import require_bubblewrap

PASSING = CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f")


def test_the_default_is_what_readme_says() -> None:
    config = SandboxConfig()
    assert (config.max_tasks, config.output_limit, config.output_max_mb) == (500, 64 * 1024, 8)


@pytest.mark.parametrize(("max_tasks", "tasks", "workers"), [(3, 7, 3), (3, 6, 2), (1, 4, 4), (10, 4, 1)])
def test_a_worker_is_replaced_after_max_tasks(
    started: list[int], max_tasks: int, tasks: int, workers: int
) -> None:
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, max_tasks=max_tasks) as pool:
        results = [pool.run(PASSING) for _ in range(tasks)]
    assert [r.status for r in results] == [ExecStatus.PASSED] * tasks
    # the worker that ran task max_tasks retires with it; the next task starts a new one
    assert len(started) == workers


def test_a_failing_task_does_not_replace_the_worker(started: list[int]) -> None:
    # a plain failure (an assertion) is not an anomaly: the worker stays, so the count is of tasks alone
    require_bubblewrap()
    failing = CodeJob(code="def f():\n    return 2\n", tests=("assert f() == 1",), entry_point="f")
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, max_tasks=500) as pool:
        statuses = [pool.run(job).status for job in (failing, PASSING, failing, PASSING)]
    assert statuses == [ExecStatus.FAILED, ExecStatus.PASSED] * 2
    assert len(started) == 1


def _writes(stream: str, megabytes: float) -> CodeJob:
    code = (
        "import sys\n"
        "def f():\n"
        f"    for _ in range({int(megabytes * 16)}):\n"
        f"        sys.{stream}.write('e' * 65536)\n"
        f"    sys.{stream}.flush()\n"
        "    return 1\n"
    )
    return CodeJob(code=code, tests=("assert f() == 1",), entry_point="f")


@pytest.fixture(scope="module")
def pool() -> Iterator[Sandbox]:
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=60.0) as shared:
        yield shared


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_64_kb_of_a_stream_is_kept_and_every_byte_counted(pool: Sandbox, stream: str) -> None:
    result = pool.run(_writes(stream, 1))  # 1 MB: under the 8 MB that fails a task
    assert result.status == ExecStatus.PASSED, (result.status, result.message)
    kept = result.stdout if stream == "stdout" else result.stderr
    counted = result.stdout_bytes if stream == "stdout" else result.stderr_bytes
    assert len(kept) == pool.config.output_limit and set(kept) == {"e"}
    assert counted == 1 << 20


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_more_than_8_mb_on_a_stream_fails_the_task(pool: Sandbox, stream: str) -> None:
    result = pool.run(_writes(stream, 9))
    # a task that writes without end may also be killed by the wall clock: never passed either way
    assert result.status in (ExecStatus.FAILED, ExecStatus.TIMEOUT), (result.status, result.message)
    if result.status == ExecStatus.FAILED:
        assert f"output limit exceeded: more than {8 << 20} bytes on {stream}" in result.message
        kept = result.stdout if stream == "stdout" else result.stderr
        assert len(kept) <= pool.config.output_limit

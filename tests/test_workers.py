"""The worker pool: hard limits from outside, recovery, thread safety."""

import threading
from pathlib import Path

import pytest

from assay.errors import WorkerError
from assay.workers import WorkerPool


@pytest.fixture()
def small_pool():  # type: ignore[no-untyped-def]
    # a limit no job that ends by itself comes near, however loaded the machine
    with WorkerPool(size=2, timeout=60.0, memory_mb=512) as pool:
        yield pool


@pytest.fixture()
def short_pool():  # type: ignore[no-untyped-def]
    # for jobs meant to overrun (they ask for 300 s): `timeout` is their right outcome, whatever the load
    with WorkerPool(size=1, timeout=3.0, memory_mb=512, wall_factor=2.0) as pool:
        yield pool


def test_echo(small_pool: WorkerPool) -> None:
    assert small_pool.run("assay._probe:echo", {"a": 1}).value == {"a": 1}


@pytest.mark.parametrize("probe", ["assay._probe:sleep", "assay._probe:spin"])
def test_overrun_is_killed_at_the_limit(short_pool: WorkerPool, probe: str) -> None:
    kills = short_pool.kills
    outcome = short_pool.run(probe, {"seconds": 300})
    # what happened, not how long it took: the pool killed the worker from outside (a job run to its
    # end would come back `ok` with no kill counted)
    assert outcome.kind == "timeout"
    assert short_pool.kills == kills + 1
    # a fresh worker took its place (a slow start on a loaded machine may still meet the short limit:
    # then it too is killed and replaced, never answered wrongly)
    again = short_pool.run("assay._probe:echo", 5)
    assert (again.kind, again.value) == ("ok", 5) or again.kind == "timeout"


def test_memory_limit_holds_inside_the_worker(small_pool: WorkerPool) -> None:
    outcome = small_pool.run("assay._probe:allocate", {"megabytes": 4096})
    assert outcome.kind == "error"
    assert "memory" in outcome.message
    assert small_pool.run("assay._probe:echo", 1).kind == "ok"


def test_crash_is_an_error_and_the_pool_recovers(small_pool: WorkerPool) -> None:
    assert small_pool.run("assay._probe:crash", {"code": 9}).kind == "error"
    assert small_pool.run("assay._probe:echo", 2).value == 2


def test_exception_is_an_error_with_its_message(small_pool: WorkerPool) -> None:
    outcome = small_pool.run("assay._probe:fail", {"message": "boom"})
    assert outcome.kind == "error" and "boom" in outcome.message


def test_printing_does_not_break_the_protocol(small_pool: WorkerPool) -> None:
    assert small_pool.run("assay._probe:chatter", {}).value == "fine"


def test_only_assay_functions_run(small_pool: WorkerPool) -> None:
    outcome = small_pool.run("os:system", "echo hi")
    assert outcome.kind == "error" and "not an assay function" in outcome.message


def test_a_slow_import_is_not_the_first_jobs_time(short_pool: WorkerPool) -> None:
    # the module takes 4 s to import, past the pool's 3 s limit: the limit is the job's own
    outcome = short_pool.run("assay._probe_slow_import:echo", 7)
    assert (outcome.kind, outcome.value) == ("ok", 7)
    assert short_pool.kills == 0


def test_a_job_module_that_cannot_load_is_an_error_for_each_job(small_pool: WorkerPool) -> None:
    outcomes = small_pool.map("assay._no_such_module:echo", [1, 2])
    assert [o.kind for o in outcomes] == ["error", "error"]
    assert "ModuleNotFoundError" in outcomes[0].message


def test_map_keeps_order_and_isolates_a_lost_worker() -> None:
    # a worker lost mid-chunk (the same path a timeout's kill takes) costs only its own job: the rest of
    # its chunk goes to a fresh worker, in order. A crash, not a sleep past the limit, so no job that ends
    # by itself has to beat a clock (test_overrun_is_killed_at_the_limit covers the kill itself)
    with WorkerPool(size=2, timeout=60.0, chunk_size=4) as pool:
        jobs = [{"value": i} for i in range(10)]
        jobs[4] = {"value": 4, "crash": True}
        outcomes = pool.map("assay._probe:echo_or_crash", jobs)
        assert [o.kind for o in outcomes] == ["ok"] * 4 + ["error"] + ["ok"] * 5
        assert [o.value for o in outcomes if o.kind == "ok"] == [0, 1, 2, 3, 5, 6, 7, 8, 9]
        assert "died" in outcomes[4].message


def test_many_threads_share_the_pool(small_pool: WorkerPool) -> None:
    results: dict[int, object] = {}

    def work(i: int) -> None:
        results[i] = small_pool.run("assay._probe:echo", i).value

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results == {i: i for i in range(16)}


def test_closed_pool_refuses_work() -> None:
    pool = WorkerPool(size=1, timeout=1.0)
    pool.close()
    with pytest.raises(WorkerError, match="closed"):
        pool.run("assay._probe:echo", 1)


def test_a_worker_that_dies_at_start_is_a_worker_error(tmp_path: Path) -> None:
    # the worker imports an assay that exits at once: a clear WorkerError, not a bare EOFError
    (tmp_path / "assay").mkdir()
    (tmp_path / "assay" / "__init__.py").write_text("raise SystemExit(3)\n")
    broken = WorkerPool(size=1, timeout=1.0)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", str(tmp_path))
        with pytest.raises(WorkerError, match="failed to start"):
            broken.run("assay._probe:echo", 1)
    broken.close()


# --- the limit is CPU time, with a loose wall-clock backstop -------------------------------------------


def test_a_job_that_spins_meets_its_cpu_limit() -> None:
    # a backstop no machine's load could reach first: what ends the job is its own CPU time
    with WorkerPool(size=1, timeout=1.0, memory_mb=512, wall_factor=1000.0) as pool:
        outcome = pool.run("assay._probe:spin", {"seconds": 3000})
        assert outcome.kind == "timeout"
        assert "CPU time" in outcome.message
        assert pool.kills == 1


def test_a_job_that_waits_meets_the_wall_clock_backstop() -> None:
    # a sleep uses no CPU: the CPU limit never comes, the backstop (2 × 1 s) does
    with WorkerPool(size=1, timeout=1.0, memory_mb=512, wall_factor=2.0) as pool:
        outcome = pool.run("assay._probe:sleep", {"seconds": 3000})
        assert outcome.kind == "timeout"
        assert "wall-clock" in outcome.message and "CPU limit: 1 s" in outcome.message
        assert pool.kills == 1


def test_a_job_held_up_past_its_limit_without_using_cpu_is_not_a_timeout() -> None:
    # what a loaded machine does to a job: its wall time grows past the limit while its CPU time does
    # not. A sleep of 1.5 s stands for that (the limit 1 s, the backstop 120 s)
    with WorkerPool(size=1, timeout=1.0, memory_mb=512, wall_factor=120.0) as pool:
        outcome = pool.run("assay._probe:sleep", {"seconds": 1.5})
        assert (outcome.kind, outcome.value) == ("ok", "slept")
        assert pool.kills == 0


def test_each_job_of_a_chunk_has_a_cpu_limit_of_its_own() -> None:
    # three jobs of 0.4 s of CPU each in one chunk: 1.2 s together, past the 1 s limit, but no job alone.
    # (A job's CPU time starts where the worker said the job before it ended.)
    with WorkerPool(size=1, timeout=1.0, memory_mb=512, wall_factor=1000.0, chunk_size=8) as pool:
        outcomes = pool.map("assay._probe:burn", [{"cpu_seconds": 0.4}] * 3)
        assert [o.kind for o in outcomes] == ["ok"] * 3
        assert pool.kills == 0


def test_wall_factor_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="wall_factor"):
        WorkerPool(timeout=1.0, wall_factor=0.5)

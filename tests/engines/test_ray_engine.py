"""RayEngine on a real local Ray: results in batch order, a bounded window, resources per actor, errors
raised in the driver, close() releasing what it made. Everything asserted is an event (which process ran
what, what a batch saw), never a duration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assay.engines.base import lend
from assay.errors import AssayError, ConfigError
from tests.conftest import require_module
from tests.engines.batchfns import Hold, Marks

require_module("ray")

from assay.engines.ray import RayEngine  # noqa: E402  (after the check: Ray may be missing)

FNS = "tests.engines.batchfns"


def test_results_come_in_batch_order_when_a_later_batch_finishes_first(engine: Any, tmp_path: Path) -> None:
    # batch 0 cannot finish before batch 1 has run on the other actor (it waits for its file)
    hold = Hold(str(tmp_path / "released"), held=0, releaser=2)
    batches = [[0, 1], [2, 3], [4, 5], [6], [7, 8, 9], [10], [11, 12]]
    assert list(engine.map(f"{FNS}:square", hold, batches)) == [[x * x for x in b] for b in batches]


def test_the_stream_is_read_at_most_two_batches_per_worker_ahead(engine: Any) -> None:
    yielded = [0]
    ahead: list[int] = []

    def batches() -> Any:
        for i in range(25):
            ahead.append(i + 1 - yielded[0])  # batches taken from the stream and not yet handed back
            yield [i]

    results = []
    for result in engine.map(f"{FNS}:where", None, batches()):
        yielded[0] += 1
        results.append(result[0][0])
    assert results == list(range(25))
    assert max(ahead) == 2 * engine.workers


def test_each_actor_owns_its_resources_and_close_releases_them(
    engine: Any, ray_session: Any, tmp_path: Path
) -> None:
    second = RayEngine(workers=2)  # joins the running session, so closing it must leave Ray up
    try:
        results = [
            item
            for batch in second.map(f"{FNS}:use_resource", Marks(str(tmp_path)), [[i] for i in range(9)])
            for item in batch
        ]
    finally:
        second.close()
    owners = sorted({name for _, name in results})
    assert [x for x, _ in results] == list(range(9))
    assert len(owners) == 2  # both actors ran batches, and each made its resource once
    assert owners == sorted(p.name.removeprefix("made-") for p in tmp_path.glob("made-*"))
    assert owners == sorted(p.name.removeprefix("closed-") for p in tmp_path.glob("closed-*"))
    assert str(os.getpid()) not in {name.split("-")[0] for name in owners}  # made on the actors
    assert ray_session.is_initialized()
    assert list(engine.map(f"{FNS}:where", None, [[7]]))[0][0][0] == 7  # noqa: RUF015  (still works)


@pytest.mark.parametrize(
    ("fn", "error", "message"),
    [
        # any exception: an AssayError with the remote traceback's last line and the batch's number
        ("fail", AssayError, r"batch 1 \(Ray worker \d\): ValueError: item 3 is not welcome here"),
        # assay's own errors keep their class, so the CLI reports them as it would locally
        ("fail_config", ConfigError, "a domain error keeps its class"),
        ("no_such_function", AssayError, f"no batch function {FNS}:no_such_function"),
    ],
)
def test_a_failing_batch_raises_in_the_driver(engine: Any, fn: str, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        list(engine.map(f"{FNS}:{fn}", None, [[1, 2], [3, 4], [5]]))
    assert list(engine.map(f"{FNS}:square", Hold(""), [[2], [3]])) == [[4], [9]]  # and the engine goes on


def test_an_object_lent_in_the_driver_cannot_reach_an_actor(engine: Any) -> None:
    with lend(object(), "generator fake@1") as key, pytest.raises(AssayError, match="fake@1 was handed over"):
        list(engine.map(f"{FNS}:borrow", key, [[1]]))


@pytest.mark.parametrize("ref", ["tests.engines.batchfns", ":square", "square"])
def test_a_malformed_function_reference_is_refused_before_sending(engine: Any, ref: str) -> None:
    with pytest.raises(AssayError, match="module:function"):
        list(engine.map(ref, None, [[1]]))


def test_an_actor_that_dies_is_an_error_naming_it(ray_session: Any) -> None:
    # batch 1 kills the worker; batch 0 may be named instead when its answer was still on its way back
    # (Ray then fails it too): either way the worker, the function and a batch in flight are named
    died = r"Ray worker 0 of 1 died running .*:die \(batch [01]\)"
    with RayEngine(workers=1) as doomed, pytest.raises(AssayError, match=died):
        list(doomed.map(f"{FNS}:die", None, [[1], [2], [3]]))
    assert ray_session.is_initialized()


OWNER = """
import json, os, ray
from assay.engines.ray import RayEngine

def children():  # this process's live children (Ray's GCS, raylet, workers...), read from /proc
    found = []
    for entry in os.listdir("/proc"):
        try:
            stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and int(stat[1]) == os.getpid() and stat[0] != "Z":
            found.append(int(entry))
    return found

engine = RayEngine(workers=1)
results = list(engine.map("tests.engines.batchfns:where", None, [[1], [2]]))
running = ray.is_initialized(), len(children()) > 0
engine.close()
print(json.dumps({"results": [x for batch in results for x, _ in batch], "running": running,
                  "after": [ray.is_initialized(), children()]}))
"""


def test_an_engine_that_started_ray_shuts_it_down() -> None:
    # in a process of its own: this one runs the shared session, which the engine would only join
    done = subprocess.run(
        [sys.executable, "-c", OWNER],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["results"] == [1, 2]
    assert report["running"] == [True, True]  # it started a local Ray, with processes of its own
    assert report["after"] == [False, []]  # and left none of it behind


def test_a_closed_engine_refuses_work(ray_session: Any) -> None:
    closed = RayEngine(workers=1)
    closed.close()
    closed.close()  # twice is harmless
    with pytest.raises(AssayError, match="closed"):
        list(closed.map(f"{FNS}:where", None, [[1]]))

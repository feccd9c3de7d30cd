"""One Ray session for the engine tests (starting Ray costs seconds; the tests share it; under `make test`'s
two pytest-xdist workers, each worker that runs engine tests has its own session, on ports of its own).

The session is started here with more logical CPUs than the machine has, so the subprocesses of the
equality tests can join it with actors of their own (`--ray-address`) while the shared engine's actors
hold theirs; nothing computes more than two batches at a time, so the cores are not oversubscribed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import require_module

CPUS = 8


@pytest.fixture(scope="package")
def ray_session() -> Iterator[Any]:
    ray = require_module("ray")
    if ray.is_initialized():  # someone else's session would make ownership tests meaningless
        pytest.fail("Ray is already running in the test process")
    ray.init(
        address="local", num_cpus=CPUS, include_dashboard=False, log_to_driver=False, logging_level="ERROR"
    )
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture(scope="package")
def ray_address(ray_session: Any) -> str:
    """The shared session's address, for an `assay ... --ray-address` subprocess to join."""
    return str(ray_session.get_runtime_context().gcs_address)


@pytest.fixture(scope="package")
def engine(ray_session: Any) -> Iterator[Any]:
    from assay.engines.ray import RayEngine

    with RayEngine(workers=2) as shared:
        yield shared

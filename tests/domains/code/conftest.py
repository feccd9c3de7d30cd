"""A shared sandbox for the code tests; without bubblewrap they skip locally and fail under CI=true."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assay.domains.code.sandbox import Sandbox, bubblewrap_problem
from tests.conftest import require


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")
    # a generous limit: correct programs must never meet it, however loaded the machine (no test may
    # depend on timing); programs meant to run forever are tested in their own pools
    with Sandbox(isolation="bubblewrap", workers=2, timeout=30.0) as shared:
        yield shared

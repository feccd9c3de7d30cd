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
    with Sandbox(isolation="bubblewrap", workers=2, timeout=3.0) as shared:
        yield shared

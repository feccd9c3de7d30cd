"""A shared sandbox for the code tests; without bubblewrap they skip locally and fail under CI=true."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assay.domains.code import sandbox as sandbox_module
from assay.domains.code.sandbox import Sandbox, bubblewrap_problem
from tests.conftest import require


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    require_bubblewrap()
    # a generous limit: correct programs must never meet it, however loaded the machine (no test may
    # depend on timing); programs meant to run forever are tested in their own pools
    with Sandbox(isolation="bubblewrap", workers=2, timeout=30.0) as shared:
        yield shared


def require_bubblewrap() -> None:
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the workers a pool starts (the host side of each one)."""
    count: list[int] = []
    original = sandbox_module._Worker

    class Counted(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            count.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(sandbox_module, "_Worker", Counted)
    yield count

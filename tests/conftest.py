"""Shared fixtures. Under CI=true a test whose component is missing fails instead of skipping."""

from __future__ import annotations

import importlib
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

import pytest

from assay.workers import WorkerPool


@pytest.fixture(autouse=True)
def _interpreter_limits() -> Iterator[None]:
    """A test that runs the code harness's Frames in this process changes process-wide limits (the
    recursion limit, the limit on an int's digits); they are put back after every test, so no later test
    in the same process sees them (`verify file` turns a 5,000-digit number into an error line only under
    Python's own limit)."""
    recursion, digits = sys.getrecursionlimit(), sys.get_int_max_str_digits()
    yield
    sys.setrecursionlimit(recursion)
    sys.set_int_max_str_digits(digits)


IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(condition: bool, reason: str) -> None:
    """Skip locally when a component is missing; fail in CI, where everything must be installed."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def require_module(name: str) -> ModuleType:
    """Import a package the tests need: skipped locally when it is missing, a failure under CI=true
    (where `pytest.importorskip` would quietly skip)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if IN_CI:
            pytest.fail(f"CI=true but {name} cannot be imported: {exc}", pytrace=False)
        pytest.skip(f"{name} is not installed", allow_module_level=True)


@pytest.fixture(scope="session")
def pool() -> Iterator[WorkerPool]:
    # far above what any job needs, so a loaded machine (a cold SymPy import) never decides a verdict;
    # tests of the limit itself make their own pool
    with WorkerPool(size=2, timeout=30.0) as shared:
        yield shared


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("ASSAY_TEST_POSTGRES_URL", "")
    require(bool(url), "ASSAY_TEST_POSTGRES_URL is not set (a PostgreSQL server is needed)")
    return url


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A URL on the test server whose tables go to a new schema of their own, dropped afterwards, so
    tests (and parallel test workers) never see each other's rows."""
    from sqlalchemy import text

    from assay.store.store import make_engine

    schema = f"t_{uuid.uuid4().hex[:10]}"
    engine = make_engine(base)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        finally:
            with engine.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    finally:
        engine.dispose()

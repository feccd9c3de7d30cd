"""A worker that does not start leaves nothing behind: its process is killed and reaped and its files
closed before the error reaches the pool (a worker that missed its start-up answer on a loaded machine
was left running, and its pipes were freed unclosed by the garbage collector much later)."""

from __future__ import annotations

import gc
import subprocess
import warnings
from typing import Any

import pytest

from assay.domains.code import sandbox as sandbox_module
from assay.domains.code.lanes import WorkerGone
from assay.domains.code.sandbox import SandboxConfig
from tests.domains.code.conftest import require_bubblewrap


def _no_answer(self: Any, timeout: float) -> dict[str, Any]:
    raise WorkerGone(f"the worker did not answer within {timeout:.0f} s")


def _garbage(self: Any, timeout: float) -> dict[str, Any]:
    return {"ready": False}


@pytest.mark.parametrize("receive", [_no_answer, _garbage])
def test_a_worker_that_does_not_start_is_reaped(receive: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    require_bubblewrap()
    started: list[subprocess.Popen[bytes]] = []
    original = subprocess.Popen

    def recording(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = original(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(subprocess, "Popen", recording)
    monkeypatch.setattr(sandbox_module._Worker, "_receive", receive)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        with pytest.raises(WorkerGone):
            sandbox_module._Worker(SandboxConfig(isolation="bubblewrap"))
        gc.collect()
    [worker] = [p for p in started if p.stdin is not None]  # (the others: helper programs, run to their end)
    assert all(process.returncode is not None for process in started)  # killed and reaped, none running
    assert worker.stdin is not None and worker.stdin.closed
    assert worker.stdout is not None and worker.stdout.closed
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]

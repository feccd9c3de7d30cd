"""One probe per isolation layer of the bubblewrap sandbox, each of which fails when that layer alone goes.

The attack suite shows that hostile programs are contained, but several layers stop the same attack (the
seccomp filter refuses sockets even when the network namespace is shared), so an attack cannot tell
which layer held. These probes look at what each layer alone decides: the network interfaces the code
can see (network namespace), the host paths that exist for it (the mount namespace and its binds), the
processes it can see (PID namespace), its environment (cleared) and where it can write (read-only
mounts). A probe runs the code in the sandbox and compares what it saw with what it must see.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox, bubblewrap_problem
from tests.conftest import require

OBSERVE = """
import json, os

def observe(paths):
    interfaces = []
    with open("/proc/net/dev") as handle:
        for line in handle.readlines()[2:]:
            interfaces.append(line.split(":")[0].strip())
    pids = [name for name in os.listdir("/proc") if name.isdigit()]
    writable = []
    for folder in ("/", "/usr", "/etc", "/dev", "/dev/shm", "/proc", "/tmp"):
        try:
            with open(os.path.join(folder, "assay-probe"), "w") as handle:
                handle.write("x")
            writable.append(folder)
            os.remove(os.path.join(folder, "assay-probe"))
        except OSError:
            pass
    return json.dumps({
        "interfaces": sorted(interfaces),
        "pids": len(pids),
        "environment": sorted(os.environ),
        "visible": [p for p in paths if os.path.exists(p)],
        "writable": writable,
    })
"""


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0) as shared:
        yield shared


def _host_paths(tmp_path: Path) -> list[str]:
    """Paths that exist on the host and must not exist in the sandbox."""
    secret = tmp_path / "host-only.txt"
    secret.write_text("host")
    candidates = [
        str(secret),
        str(Path(__file__).resolve()),  # the project's files
        str(Path.cwd()),
        "/etc/passwd",
        "/etc/hostname",
        "/var",
        "/home",
        "/run",
        "/root/.bashrc",
        sys.executable if not sys.executable.startswith("/usr/") else "",
    ]
    return [p for p in candidates if p and os.path.exists(p) and not p.startswith("/usr/")]


CHECKS = {
    # with the host's network (bubblewrap's --share-net) the host's interfaces would be listed
    "network": "seen['interfaces'] == ['lo']",
    # with a host folder bound in, its files would exist
    "mounts": "seen['visible'] == []",
    # the worker (PID 1), its spawner and the task's process; the host has many more
    "pids": "seen['pids'] <= 4",
    "environment": "set(seen['environment']) <= {'PATH', 'HOME', 'LANG', 'PWD'}",
    "writable": "seen['writable'] == ['/tmp']",
}


@pytest.fixture(scope="module")
def outcomes(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bool, str]]:
    paths = _host_paths(tmp_path_factory.mktemp("layers"))
    assert len(paths) >= 3, paths  # enough host paths for the mount probe to mean something
    tests = [f"seen = __import__('json').loads(observe({paths!r}))"]
    tests += [f"assert {check}, seen" for check in CHECKS.values()]
    job = CodeJob(code=OBSERVE, tests=tuple(tests), entry_point="observe")
    result = sandbox.run(job, timeout=30)
    assert result.status in (ExecStatus.PASSED, ExecStatus.FAILED), (result.status, result.message)
    found = {}
    for name, check in CHECKS.items():
        outcome = next(t for t in result.tests if check in t.source)
        found[name] = (outcome.passed, outcome.message)
    return found


@pytest.mark.parametrize("layer", sorted(CHECKS))
def test_each_layer_holds_on_its_own(layer: str, outcomes: dict[str, tuple[bool, str]]) -> None:
    passed, message = outcomes[layer]
    assert passed, f"{layer}: {CHECKS[layer]} does not hold in the sandbox: {message}"


def test_the_host_has_what_the_probes_compare_against() -> None:
    # the PID probe can only fail if the host shows more processes than the sandbox may
    assert len([name for name in os.listdir("/proc") if name.isdigit()]) > 4

"""One probe per isolation layer of the bubblewrap sandbox, each of which fails when that layer alone goes.

The attack suite shows that hostile programs are contained, but several layers stop the same attack (the
seccomp filter refuses sockets even when the network namespace is shared), so an attack cannot tell
which layer held. These probes look at what each layer alone decides: the network interfaces the code
can see (network namespace), the host paths that exist for it (the mount namespace and its binds), the
processes it can see (PID namespace), its environment (cleared) and where it can write (read-only
mounts). A probe runs the code in the sandbox and compares what it saw with what it must see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assay.domains.code.isolation import BIND_NOW
from assay.domains.code.sandbox import (
    SANDBOX_RUNNER,
    CodeJob,
    ExecStatus,
    Sandbox,
    SandboxConfig,
    bubblewrap_problem,
    bwrap_command,
)
from tests.conftest import require

KEY_NAME = "id_ed25519"  # the file the ssh-key probe plants in a host home, and looks for in the sandbox
OBSERVE = f"""
import glob, json, os
KEY_NAME = {KEY_NAME!r}

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
    planted = []  # every file named like the planted key, wherever a bind might have put it
    skip = {{"/proc", "/sys", "/dev", "/usr"}}  # kernel views, and /usr: read-only system files only
    for root, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in skip]
        planted += [os.path.join(root, f) for f in files if f == KEY_NAME]
    for pattern in ("/root/.ssh/*", "/home/*/.ssh/*", os.path.expanduser("~/.ssh/*")):
        planted += glob.glob(pattern)
    with open("/proc/1/cmdline", "rb") as handle:
        pid_1 = handle.read().split(b"\\0")[0].decode(errors="replace")
    return json.dumps({{
        "keys": sorted(set(planted)),
        "pid_1": os.path.basename(pid_1),
        "interfaces": sorted(interfaces),
        "pids": len(pids),
        "environment": sorted(os.environ),
        "visible": [p for p in paths if os.path.exists(p)],
        "writable": writable,
    }})
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A host home with an SSH key in it: the key probe must not depend on the host having keys."""
    folder = tmp_path_factory.mktemp("home")
    (folder / ".ssh").mkdir()
    (folder / ".ssh" / KEY_NAME).write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nplanted by assay's tests\n")
    return folder


@pytest.fixture(scope="module")
def sandbox(home: Path) -> Iterator[Sandbox]:
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")
    # the workers start (and read the environment) while HOME points at the planted home
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0) as shared:
            yield shared


def _host_paths(tmp_path: Path, home: Path) -> list[str]:
    """Paths that exist on the host and must not exist in the sandbox."""
    secret = tmp_path / "host-only.txt"
    secret.write_text("host")
    candidates = [
        str(secret),
        str(home / ".ssh" / KEY_NAME),
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
    # a host home bound in anywhere (or the real one, if it has keys) would show the planted key
    "ssh-keys": "seen['keys'] == []",
    # the worker itself is PID 1 (--as-pid-1), not bubblewrap's reaper that would outlive a killed worker
    "pid-1": "seen['pid_1'].startswith('python')",
}


@pytest.fixture(scope="module")
def outcomes(
    sandbox: Sandbox, home: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[bool, str]]:
    paths = _host_paths(tmp_path_factory.mktemp("layers"), home)
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


def test_bubblewrap_clears_the_environment_on_its_own(home: Path) -> None:
    # The pool starts bubblewrap with PATH alone, so the environment probe above still passes when
    # --clearenv goes: start the same command line from a polluted environment to hold that layer too.
    problem = bubblewrap_problem()
    require(problem is None, f"bubblewrap cannot run here: {problem}")
    command = bwrap_command(SandboxConfig())
    assert command[-4:] == ["-I", "-S", "-B", SANDBOX_RUNNER]  # the worker's start, replaced below
    show = "import json, os; print(json.dumps(dict(os.environ)))"
    polluted = {"PATH": os.environ.get("PATH", "/usr/bin"), "HOME": str(home), "ASSAY_PLANTED": "leaked"}
    done = subprocess.run(
        [*command[:-4], "-I", "-S", "-c", show], env=polluted, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    # the linker's setting is the command line's own (the worker drops it before any task: the
    # environment probe above holds that no test or candidate sees it)
    assert set(seen) <= {"PATH", "HOME", "LANG", "PWD", BIND_NOW} and seen["HOME"] == "/tmp", seen

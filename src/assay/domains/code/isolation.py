"""How a sandbox worker is started on this machine: bubblewrap's command line, the bytecode bound into
it, and whether each isolation can run here at all.

The host side only: nothing here runs in the sandbox. The command line unshares every namespace and
binds read-only the Python installation and the runner's modules (runner.py and RUNNER_MODULES, which
the worker imports from its own folder), plus their bytecode compiled here (module_bytecode); the
checks say why bubblewrap or the weak mode cannot run, in words a user can act on.
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from assay.domains.code.sandbox_records import SandboxConfig, SandboxUnavailable

RUNNER = Path(__file__).with_name("runner.py")
SANDBOX_RUNNER = "/assay/runner.py"
# imported by the runner from its own folder
RUNNER_MODULES = (
    "worker.py",
    "spawner.py",
    "harness.py",
    "candidate_side.py",
    "frames.py",
    "drop_watch.py",
    "finalizer_reach.py",
    "tests_static.py",
    "framework_tests.py",
    "pytest_shim.py",
    "bridge.py",
    "bridge_kinds.py",
    "bridge_async.py",
    "bridge_values.py",
    "bridge_encode.py",
    "bridge_decode.py",
    "program_state.py",
    "program_changes.py",
    "setup_watch.py",
    "program_reach.py",
    "identity_checks.py",
    "time_limits.py",
)


BIND_NOW = "LD_BIND_NOW"  # set for the worker's start only (see bwrap_command)


def _python() -> tuple[str, str]:
    return os.path.realpath(sys.executable), sys.base_prefix


def bwrap_command(config: SandboxConfig, bytecode: Sequence[tuple[int, str]] = ()) -> list[str]:
    """The bubblewrap command line that starts one worker. bytecode: (descriptor, file name) of the
    compiled modules the worker loads (see module_bytecode), copied by bubblewrap into the sandbox."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable("bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)")
    python, prefix = _python()
    command = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        "--as-pid-1",
        "--clearenv",
        "--setenv",
        "PATH",
        "/usr/bin",
        "--setenv",
        "HOME",
        "/tmp",
        "--setenv",
        "LANG",
        "C.UTF-8",
        # the dynamic linker binds every symbol as the worker starts (worker.main then drops the
        # variable): bound lazily, each task process bound its own and copied the pages it wrote
        "--setenv",
        BIND_NOW,
        "1",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            command += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            command += ["--ro-bind", top, top]
    if not prefix.startswith("/usr/"):
        command += ["--ro-bind", prefix, prefix]
    command += [
        "--ro-bind-try",
        "/etc/ld.so.cache",
        "/etc/ld.so.cache",
        "--ro-bind",
        str(RUNNER),
        SANDBOX_RUNNER,
    ]
    for module in RUNNER_MODULES:
        command += ["--ro-bind", str(RUNNER.with_name(module)), f"/assay/{module}"]
    for fd, name in bytecode:
        command += ["--ro-bind-data", str(fd), f"/assay/__pycache__/{name}"]
    command += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",  # /dev/shm with it: /tmp, wiped after every task, is the only place to write
        "/dev",
        "--size",
        str(config.tmp_mb * 1024 * 1024),
        "--tmpfs",
        "/tmp",
        "--remount-ro",
        "/",
        "--remount-ro",
        "/proc",
        "--chdir",
        "/tmp",
        python,
        "-I",
        "-S",
        "-B",
        SANDBOX_RUNNER,
    ]
    return command


_BYTECODE: dict[str, tuple[tuple[int, int], bytes]] = {}
_BYTECODE_LOCK = threading.Lock()


def module_bytecode() -> tuple[tuple[str, bytes], ...]:
    """(file name, content) of a compiled-bytecode file (a .pyc) for each module the runner imports,
    made here from our own source, for bubblewrap to place read-only where the worker's Python looks
    for it (/assay/__pycache__); nothing is written to any file system. () if this bubblewrap cannot
    place files from data.

    Why: the worker compiled those modules at every start (about 60 ms), and the compiler's heap stayed
    in the worker (3 MB): its spawner inherited it, so every task's fork copied its page tables and
    every task's exit took them down again (T: 9.3 MB of private memory before, 6.8 MB after). The
    header records the source's time and size, which the worker's Python checks against the bound
    source file (the bind keeps both) before it uses the bytecode, exactly as for its own cache: on
    any mismatch it compiles the source, as before. Remade when the source changes."""
    if not _bind_data_supported():
        return ()
    found = []
    with _BYTECODE_LOCK:
        for module in RUNNER_MODULES:
            source = RUNNER.with_name(module)
            stat = source.stat()
            key = (stat.st_mtime_ns, stat.st_size)
            known = _BYTECODE.get(module)
            if known is None or known[0] != key:
                # optimize=0: the worker runs without -O; dont_inherit: none of this module's futures
                code = compile(source.read_bytes(), f"/assay/{module}", "exec", dont_inherit=True, optimize=0)
                header = importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")  # 0: checked by time
                header += (int(stat.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little")
                header += (stat.st_size & 0xFFFFFFFF).to_bytes(4, "little")
                known = _BYTECODE[module] = (key, header + marshal.dumps(code))
            name = os.path.basename(importlib.util.cache_from_source(f"/assay/{module}", optimization=""))
            found.append((name, known[1]))
    return tuple(found)


@functools.cache
def _bind_data_supported() -> bool:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    try:
        done = subprocess.run([bwrap, "--help"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"--ro-bind-data" in done.stdout + done.stderr


@functools.cache
def bubblewrap_problem() -> str | None:
    """None if bubblewrap can start a worker here; else why not."""
    try:
        command = bwrap_command(SandboxConfig())
    except SandboxUnavailable as exc:
        return str(exc)
    probe = [*command[:-4], "-I", "-S", "-c", "0"]  # the worker's command line, running nothing
    try:
        done = subprocess.run(probe, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap did not start: {exc}"
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        return f"bubblewrap cannot create its namespaces here: {reason[-1] if reason else done.returncode}"
    return None


WEAK_AS_ROOT = "ASSAY_SANDBOX_WEAK_AS_ROOT"


def weak_reason() -> str:
    who = "root" if os.geteuid() == 0 else "this user"
    return f"isolation: weak (no namespaces: the code has the file rights of {who})"


def weak_problem() -> str | None:
    """None if the weak mode may run here; as root it needs ASSAY_SANDBOX_WEAK_AS_ROOT=1."""
    if os.geteuid() == 0 and os.environ.get(WEAK_AS_ROOT) != "1":
        return (
            "the weak mode gives the code the rights of the user running assay, and that is root here. "
            "Install bubblewrap, run as an unprivileged user, or, in a throwaway container, set "
            f"{WEAK_AS_ROOT}=1"
        )
    return None

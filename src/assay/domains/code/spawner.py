"""How the worker makes each task's process (C): the spawner that forks it, and what C does first.

Loaded inside the sandbox only (standard library only), beside worker.py, which calls it. Here: the
seccomp programs the host compiled (Seccomp: the worker loads the base layer once, each C adds the
process layer), C's first steps after fork (its own process group, its pipes as stdin, stdout and
stderr, rlimits, every other descriptor closed, the filter loaded, then candidate_side.candidate_main
and never a return: _spawned when T cloned C, candidate_process when the worker forked it), and the
spawner T (Spawner) that forks each C.
Nothing here reads a job or judges a result; that is worker.py's.

Speed. C is started by a spawner (T, see Spawner), a copy of the worker made once before any task
that does nothing else, so the pages C shares are T's and the worker never copies its own on write
while the tests run; without a raw clone for the machine, the worker forks C itself. T also builds C's
sys.stdin and sys.stdout once (candidate_side.Ready), which each C used to build for itself, sets up
what every C sets up alike (exit, quit, the clamped setrlimit: candidate_side.prepare_candidates), and
runs C's half once on a fixed program of its own before its first fork (candidate_side.warm_up), so
each C inherits the interpreter's lazily built state (specialised code, type caches) instead of
building it again: about 60 fewer pages copied on write per task, measured. T also lays out each
C's descriptors before the clone (see _spawned), and takes the free blocks of its allocator's pools
before its first fork (fill_allocator_holes), so C's objects go to pools of C's own instead of
writing a page of T's every few objects. Only our own code runs in T, ever.
"""

from __future__ import annotations

import array
import contextlib
import ctypes
import gc
import os
import resource
import signal
import socket
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assay.domains.code.bridge_kinds import BridgeError, Exited
    from assay.domains.code.candidate_side import Ready, candidate_main, prepare_candidates, warm_up
    from assay.domains.code.frames import CandidateGone, _describe, _flush
    from assay.domains.code.time_limits import cpu_rlimit
else:
    from bridge_kinds import BridgeError, Exited
    from candidate_side import Ready, candidate_main, prepare_candidates, warm_up
    from frames import CandidateGone, _describe, _flush
    from time_limits import cpu_rlimit


# resource.setrlimit as the standard library has it: the spawner installs C's clamping one for every C
# (candidate_side.prepare_candidates), and C's own limits must be set exactly, never clamped
_SETRLIMIT = resource.setrlimit


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class Seccomp:
    """A BPF program compiled by the host once, loaded by the worker (base layer) or each task (process
    layer)."""

    PR_SET_NO_NEW_PRIVS = 38
    PR_SET_SECCOMP = 22
    SECCOMP_MODE_FILTER = 2
    PR_SET_DUMPABLE = 4

    def __init__(self, bpf: bytes) -> None:
        self._prctl = ctypes.CDLL(None, use_errno=True).prctl
        self._buffer = ctypes.create_string_buffer(bpf, len(bpf))
        self._program = _SockFprog(len(bpf) // 8, ctypes.addressof(self._buffer))

    def undumpable(self) -> None:
        """Not ptrace-able and /proc/<pid>/mem closed to other processes of the same user."""
        self._prctl(self.PR_SET_DUMPABLE, 0, 0, 0, 0)

    def load(self, no_new_privs: bool = False) -> None:
        """no_new_privs: the flag is set already (inherited), so one call less."""
        if not no_new_privs and self._prctl(self.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS failed")
        if self._prctl(self.PR_SET_SECCOMP, self.SECCOMP_MODE_FILTER, ctypes.byref(self._program), 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "loading the seccomp filter failed")


def _close_all_but(keep: list[int]) -> None:
    low = 0
    for fd in sorted(set(keep)):
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 65536)


def _fixed_limits(setup: dict[str, Any]) -> dict[int, tuple[int, int]]:
    """C's limits but its CPU time's (which is each task's own: time_limits.cpu_rlimit)."""
    limits = {
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_AS: setup["memory_mb"] * 1024 * 1024,
        resource.RLIMIT_FSIZE: setup["file_mb"] * 1024 * 1024,
        resource.RLIMIT_NOFILE: 64,
        resource.RLIMIT_STACK: 64 * 1024 * 1024,
    }
    return {kind: (value, value) for kind, value in limits.items()}


def candidate_process(cpu: int, setup: dict[str, Any], seccomp: Seccomp, fds: dict[str, int]) -> None:
    """The body of C after the worker forked it itself (no spawner), allowed `cpu` seconds of CPU time:
    never returns."""
    try:
        gc.freeze()  # the worker's objects are never scanned here, so fewer pages are copied
        os.setpgid(0, 0)
        os.dup2(fds["in"], 0)  # /dev/null, or the input of a whole program (stdio tests)
        os.dup2(fds["out"], 1)
        os.dup2(fds["err"], 2)
        # a reader of its own over fd 0: the worker's stdin object may hold bytes of the host's pipe
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        for kind, pair in _fixed_limits(setup).items():
            _SETRLIMIT(kind, pair)
        _SETRLIMIT(resource.RLIMIT_CPU, cpu_rlimit(cpu))
        _close_all_but([0, 1, 2, fds["calls"], fds["replies"]])
        # C is not dumpable without a call of its own: the flag is the address space's, copied by fork
        # from T and the worker, which set it (main) before either forked (a test reads it in C)
        seccomp.load()
        sys.setrecursionlimit(10_000)
        candidate_main(fds["calls"], fds["replies"])
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(2, f"the candidate process failed: {_describe(exc)}\n".encode())
    _flush()
    os._exit(0)


def _spawned(limits: list[tuple[int, tuple[int, int]]], seccomp: Seccomp, ready: Ready) -> None:
    """The body of C after T cloned it: never returns. T laid out C's descriptors in their slots before
    the clone and set once what every C shares (sys.stdin, the recursion limit, the fixed limits), so C
    only takes its own process group, sets its limits, closes T's descriptors (all above the slots) and
    loads the filter: each object C touches before the candidate's code costs a page copied on write
    (about 20 fewer per task than when C did all of it, measured on HumanEval)."""
    try:
        gc.freeze()  # the worker's objects are never scanned here, so fewer pages are copied
        os.setpgid(0, 0)
        for kind, pair in limits:
            _SETRLIMIT(kind, pair)
        os.closerange(SLOT_END, 65536)  # T's own descriptor (its socket)
        seccomp.load(no_new_privs=True)  # inherited from the worker, which loaded the base layer
        candidate_main(SLOT_CALLS, SLOT_REPLIES, ready)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(2, f"the candidate process failed: {_describe(exc)}\n".encode())
    _flush()
    os._exit(0)


# --- the spawner's heap, as each C finds it ------------------------------------------------------------
# CPython's small-object allocator serves a size from the first pool (16 KB) of that size with a free
# block. The spawner's start-up and warm-up freed objects all over its pools, so each pool holds a few
# free blocks: a C, which allocates as it runs, then writes a new page of the spawner's (copied on write)
# every few objects. Filled once in T, those blocks are taken, and C's objects go to pools of its own,
# a page per pool: about 27 fewer pages copied per task on HumanEval, measured.


def allocator_report() -> str:
    """CPython's report of its small-object allocator (sys._debugmallocstats writes it to fd 2); "" if
    this interpreter has none."""
    report = getattr(sys, "_debugmallocstats", None)
    if report is None:
        return ""
    memory = os.memfd_create("allocator", os.MFD_CLOEXEC)
    try:
        try:
            saved = os.dup(2)
        except OSError:  # fd 2 closed: closed again after
            saved = -1
        os.dup2(memory, 2)
        try:
            report()
        finally:
            if saved >= 0:
                os.dup2(saved, 2)
                os.close(saved)
            else:
                os.close(2)
        return os.pread(memory, 1 << 20, 0).decode("ascii", errors="replace")
    finally:
        os.close(memory)


def free_blocks(report: str) -> list[tuple[int, int]]:
    """(block size, free blocks in the pools in use) per size class of allocator_report's table."""
    found = []
    for line in report.splitlines():
        fields = line.split()
        if len(fields) == 5 and all(field.isdigit() for field in fields):  # class, size, pools, used, free
            found.append((int(fields[1]), int(fields[4])))
    return found


def fill_allocator_holes(passes: int = 3) -> list[object]:
    """Objects that take every free block of the pools in use, each of its pool's block size; the
    caller keeps them. Each later pass takes the blocks the one before freed as it read the report."""
    held: list[object] = []
    for _ in range(passes):
        free = free_blocks(allocator_report())
        taken: list[object] = [None] * sum(count for _, count in free)  # one list: no block of its own freed
        at = 0
        for size, count in free:
            for _ in range(count):
                if size <= 16:
                    taken[at] = object()  # 16 bytes
                elif size <= 32:
                    taken[at] = at + 0.5  # a float: 24 bytes (past the 100 on its free list)
                else:
                    taken[at] = bytes(size - 33)  # a bytes object is 33 bytes and its length
                at += 1
        held.append(taken)
    return held


CLONE_PARENT = 0x00008000
SYS_CLONE = {"x86_64": 56, "aarch64": 220}  # raw clone(2), whose first argument is the flags
PR_SET_PDEATHSIG = 1
# C's descriptors, in the order the worker sends them to T. Each arrives on its slot, the descriptor of
# the same number (a received descriptor takes the lowest free number, and T keeps 0-5 closed between
# tasks): stdin, stdout, stderr, the two bridge pipes; T adds SLOT_OUT, the spare copy of C's stdout
# under sys.stdout of a function's task (candidate_side.Ready)
FDS = ("in", "out", "err", "calls", "replies")
SLOTS = list(range(len(FDS)))
SLOT_STDOUT, SLOT_CALLS, SLOT_REPLIES, SLOT_OUT, SLOT_END = 1, 3, 4, 5, 6
T_SOCKET = 16  # T's own socket to the worker, above the slots (closed in C)


class Spawner:
    """T: a small process forked from the worker once, before any task, that forks each task's C.

    A fork shares every page of the parent with the child until one of them writes it. Forked from the
    worker, C shared the worker's pages while the tests ran in the worker, so the worker copied each page
    it touched, every task. Forked from T, which sits idle, C shares T's pages instead and the worker's
    own stay its own. T forks with CLONE_PARENT, so C is still the worker's child: the worker waits for
    it, reads how it ended and kills its group exactly as before. T runs no candidate code.
    """

    def __init__(self, setup: dict[str, Any], seccomp: Seccomp) -> None:
        self.setup = setup
        self.seccomp = seccomp
        self.filler: list[object] = []  # T's: fill_allocator_holes
        self.pid = 0
        self.sock: socket.socket | None = None
        self.start()

    @staticmethod
    def available(as_init: bool) -> bool:
        """A raw clone for this machine, and (as PID 1) a way to list the worker's children."""
        if os.uname().machine not in SYS_CLONE:
            return False
        return not as_init or os.path.exists(f"/proc/self/task/{os.getpid()}/children")

    def start(self) -> None:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        worker = os.getpid()
        _flush()
        pid = os.fork()
        if pid == 0:
            parent.close()
            try:
                self._serve(child, worker)
            finally:
                os._exit(0)
        child.close()
        parent.settimeout(10.0)
        self.pid, self.sock = pid, parent

    def _serve(self, sock: socket.socket, worker: int) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != worker:
            return  # the worker is already gone
        # T's one descriptor of its own sits above C's slots (each C closes it in one call); the slots stay
        # closed between tasks, so a task's descriptors arrive each on its slot (the lowest free ones)
        os.dup2(sock.detach(), T_SOCKET)
        devnull = os.open("/dev/null", os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        _close_all_but([0, 1, 2, T_SOCKET])
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET, fileno=T_SOCKET)
        syscall = libc.syscall
        syscall.restype = ctypes.c_long
        number = SYS_CLONE[os.uname().machine]
        flags = ctypes.c_ulong(CLONE_PARENT | signal.SIGCHLD)
        ready = Ready(SLOT_OUT)
        prepare_candidates()
        try:
            warm_up(ready)
        except (OSError, ValueError, RecursionError, MemoryError, CandidateGone, BridgeError, Exited) as exc:
            # only speed is lost: each C then sets up what the warm-up would have
            with contextlib.suppress(OSError):
                os.write(2, f"the spawner's warm-up failed: {_describe(exc)}\n".encode())
        os.closerange(0, SLOT_END)
        # what every C starts with, set once: stdin reads fd 0 (the spawner's reader never read a byte)
        sys.stdin = ready.stdin
        sys.setrecursionlimit(10_000)
        fixed = list(_fixed_limits(self.setup).items())
        seccomp = self.seccomp
        gc.collect()
        self.filler = fill_allocator_holes()
        gc.freeze()
        # the heap the worker's start-up and the warm-up freed goes back to the system: every fork copies
        # the page table entries of what T holds, and every C's exit takes them down again
        trim = getattr(libc, "malloc_trim", None)  # glibc's
        if trim is not None:
            trim(0)
        room = socket.CMSG_SPACE(len(FDS) * array.array("i").itemsize)
        # the loop below runs while a C shares T's pages: each page it writes (an object it allocates or
        # a reference it counts) is copied, so it allocates and touches as little as it can: the usual
        # descriptors compared as they arrive, C's limits made once per CPU time, the methods bound once
        # (about 14 fewer pages per task than with a list of the descriptors and new limits each time)
        rights = (socket.SOL_SOCKET, socket.SCM_RIGHTS)
        usual = (*rights, array.array("i", SLOTS).tobytes())  # the descriptors each on its slot
        by_cpu: dict[int, list[tuple[int, tuple[int, int]]]] = {}
        receive, answer, dup2, closerange = sock.recvmsg, sock.send, os.dup2, os.closerange
        while True:
            # socket.recv_fds without its wrapper: fewer of T's pages written while a C shares them. The
            # message is C's CPU seconds in a few digits (Spawner.spawn): a buffer of 32 bytes comes from
            # Python's own pools (one of 1024 came from malloc's heap: about 5 more of T's pages written
            # per task, measured)
            try:
                message, ancillary, _, _ = receive(32, room)
            except OSError:
                return
            if not message:
                return  # the worker closed its end
            cpu = int(message) if message.isdigit() else 0  # C's CPU time, in whole seconds
            pid = -1
            if len(ancillary) == 1 and ancillary[0] == usual and cpu > 0:  # each on its slot, as always
                dup2(SLOT_STDOUT, SLOT_OUT)
                limits = by_cpu.get(cpu)  # made once per CPU time: nothing of T's allocated per task
                if limits is None:
                    if len(by_cpu) >= 64:
                        by_cpu.clear()
                    limits = by_cpu[cpu] = [*fixed, (resource.RLIMIT_CPU, cpu_rlimit(cpu))]
                pid = syscall(number, flags, 0, 0, 0, 0)
                if pid == 0:
                    _spawned(limits, seccomp, ready)
                # no setpgid(pid) here: C is the worker's child (CLONE_PARENT), not T's, so the kernel
                # refuses it (ESRCH); C leads its own group at once, and the worker sets it too (_start)
                closerange(0, SLOT_END)  # T keeps no end of C's pipes: C's exit closes them
            else:
                for level, kind, data in ancillary:
                    if (level, kind) == rights:
                        fds = array.array("i")
                        fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
                        for fd in fds:
                            os.close(fd)
            answer(str(pid).encode())

    def spawn(self, cpu: int, fds: dict[str, int]) -> int:
        """The pid of a new C allowed `cpu` seconds of CPU time; OSError when T cannot make one."""
        if self.sock is None:
            raise OSError("the spawner is not running")
        socket.send_fds(self.sock, [str(int(cpu)).encode()], [fds[name] for name in FDS])
        reply = self.sock.recv(32)
        pid = int(reply) if reply.strip().lstrip(b"-").isdigit() else -1
        if pid <= 0:
            raise OSError(f"the spawner could not start the task process ({reply!r})")
        return pid

    def restart(self) -> None:
        """A new T after the old one ended (or was ended by the sweep)."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.pid > 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        self.start()

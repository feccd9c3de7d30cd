"""One sandboxed worker process as the host sees it: started, handed its setup, sent jobs, read, closed.

The host's half of the protocol of worker.py (one JSON line per job, one per report; the first line is
the setup: the seccomp layers compiled here, the limits, the CPU to stay on). A worker that does not
start, answer in time or answer sense is WorkerGone, and is killed and reaped before the error reaches
anyone (lanes.py then gives its jobs to the next worker). What a job may do inside is not decided
here: the command line is isolation.py's, the limits the worker's.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from typing import IO, Any

# read through the module at each start, so that what a test puts there is what a worker starts with
from assay.domains.code import isolation
from assay.domains.code.lanes import GRACE, WorkerGone
from assay.domains.code.policy import compiled_filters
from assay.domains.code.sandbox_records import BUBBLEWRAP, SandboxConfig


class _Worker:
    def __init__(self, config: SandboxConfig, cpu: int | None = None) -> None:
        self.config = config
        self._scratch: str | None = None
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the worker; closed in close()
        bytecode: list[tuple[int, str]] = []
        if config.isolation == BUBBLEWRAP:
            for name, data in isolation.module_bytecode():
                fd = os.memfd_create(name)  # closed below, once bubblewrap holds its own copy
                os.write(fd, data)
                os.lseek(fd, 0, os.SEEK_SET)
                bytecode.append((fd, name))
            command = isolation.bwrap_command(config, bytecode)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
            cwd = None
        else:
            self._scratch = tempfile.mkdtemp(prefix="assay-sandbox-")
            python, _ = isolation._python()
            command = [python, "-I", "-S", "-B", str(isolation.RUNNER)]
            env = {"PATH": "/usr/bin:/bin", "HOME": self._scratch, "TMPDIR": self._scratch, "LANG": "C.UTF-8"}
            cwd = self._scratch
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=env,
                cwd=cwd,
                start_new_session=True,
                pass_fds=[fd for fd, _ in bytecode],
            )
        except BaseException:
            self._stderr.close()
            if self._scratch:
                shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        finally:
            for fd, _ in bytecode:
                os.close(fd)
        try:
            self._handshake(config, cpu)
        except BaseException:
            # a worker that did not start (no answer in time on a loaded machine, an early exit) is
            # killed and reaped here: the caller gets only the error, so nothing else could close it
            self.close()
            raise

    def _handshake(self, config: SandboxConfig, cpu: int | None) -> None:
        """The worker's pipes, then its setup sent and its readiness read."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in: IO[bytes] = self.process.stdin
        # what may wait in its stdin (lanes.py): the pipe's size, or the least a pipe holds
        try:
            self.ahead = fcntl.fcntl(self._in.fileno(), fcntl.F_GETPIPE_SZ)
        except (OSError, AttributeError):
            self.ahead = select.PIPE_BUF
        self._out = self.process.stdout
        self._poll = select.poll()
        self._poll.register(self._out.fileno(), select.POLLIN)
        self._buffer = b""
        base, process = compiled_filters()
        setup = {
            "bpf_base": base64.b64encode(base).decode(),
            "bpf_process": base64.b64encode(process).decode(),
            "memory_mb": config.memory_mb,
            "file_mb": config.file_mb,
            "output_limit": config.output_limit,
            "output_max_mb": config.output_max_mb,
            "max_tasks": config.max_tasks,
            "cpu": cpu,
            "spawner": config.spawner,
        }
        self._send(setup)
        reply = self._receive(30.0)
        if reply.get("ready") is not True:
            raise WorkerGone(f"the worker did not start: {reply}")

    def _send(self, message: dict[str, Any]) -> None:
        try:
            self._in.write(json.dumps(message).encode() + b"\n")
            self._in.flush()
        except (BrokenPipeError, OSError) as exc:
            raise WorkerGone(f"the worker is gone ({exc}){self.stderr_tail()}") from exc

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        fd = self._out.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not self._poll.poll(left * 1000):
                raise WorkerGone(f"the worker did not answer within {timeout:.0f} s")
            chunk = os.read(fd, 1 << 16)  # under malloc's mmap threshold: no mmap and munmap per report
            if not chunk:
                raise WorkerGone(f"the worker exited{self.stderr_tail()}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            reply = json.loads(line)
        except ValueError as exc:
            raise WorkerGone(f"the worker answered garbage: {line[:200]!r}") from exc
        if not isinstance(reply, dict):
            raise WorkerGone(f"the worker answered garbage: {line[:200]!r}")
        return reply

    def stderr_tail(self) -> str:
        try:
            self._stderr.seek(0)
            text = self._stderr.read()[-2000:].decode(errors="replace").strip()
        except (OSError, ValueError):
            return ""
        return f": {text}" if text else ""

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        self._send(job)
        return self._receive(float(job["wall"]) + GRACE)

    def send(self, data: bytes) -> None:
        """One job, already encoded as its line."""
        try:
            self._in.write(data)
            self._in.flush()
        except (BrokenPipeError, OSError) as exc:
            raise WorkerGone(f"the worker is gone ({exc}){self.stderr_tail()}") from exc

    def receive(self, timeout: float) -> dict[str, Any]:
        return self._receive(timeout)

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):  # (set even if the handshake was not)
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._stderr.close()
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)

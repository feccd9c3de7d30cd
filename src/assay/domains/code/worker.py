"""The program that runs inside the sandbox: one long-lived worker that starts one process per task.

Started by `python -I -S -B runner.py` (standard library only: the sandbox holds no site-packages),
under bubblewrap or, in the weak mode, as a plain process; runner.py only calls main() here. It
reads one JSON job per line on stdin and answers one JSON result per line on stdout. The first line
is the setup: the two seccomp layers, already compiled to BPF by the host (the worker loads the base
layer at once and runs under it; each task process adds the process layer), and the limits.

Trust boundary. The tests are the problem's own code (a task's, a dataset's, a file's): the worker
runs them. The candidate's code is hostile: it runs only in a process forked per task (C) with
rlimits and the seccomp filter (no fork, exec, signals, network sockets, ptrace, mounts, namespaces),
and it never shares memory with the tests. The tests reach the candidate through `bridge.py`: shared
values keep their identity and mutations on both sides, everything else is a handle, and every value
is rebuilt by the worker from builtin types and the problem's classes only, so an object whose
`__eq__` always says yes, a patched `AssertionError`, patched builtins or an early `exit(0)` in C
cannot make a test pass, and C holds no channel to the host. `harness.py` holds the two halves of a
task; this module and spawner.py start, limit and end the processes.

Limits. Time is CPU time, which the machine's load does not change (time_limits.py): C's by its
RLIMIT_CPU, the tests' own by a timer of the worker's CPU time; a loose wall-clock backstop ends what
uses no CPU (the worker's reads have a deadline, and a timer stops tests that wait on their own). The
worker kills C's process group when the task ends (as PID 1 of its namespace it then checks that
nothing but its spawner is left, and kills every other process in the namespace if anything is), caps
C's captured output, reaps every child, wipes its scratch folder and puts the interpreter state the
tests share with C back (program_state.restore) between tasks.

Speed. C is forked by a spawner (T), a small idle copy of the worker made once before any task: how,
and what C does before the candidate's code, is spawner.py's. The worker compiles the candidate's code
and sends it to C marshalled (_compiled_program), under C's own limits: C's compile cost it 0.15-0.45 ms
of a HumanEval task, mostly its first writes to the compiler's memory (copied on write); loading it,
some 50 microseconds. The host's verifier compiles the same source already (program_reach), so this
reads nothing hostile that the host had not.
"""

from __future__ import annotations

import base64
import contextlib
import gc
import json
import marshal
import math
import os
import resource
import signal
import sys
import time
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assay.domains.code.finalizer_reach import may_finalize
    from assay.domains.code.frames import (
        CandidateGone,
        Capture,
        Channel,
        TaskTimeout,
        _describe,
        _flush,
        _frame,
    )
    from assay.domains.code.harness import Recorder, _summary, stdio_case, tests_main
    from assay.domains.code.identity_checks import compiled_judging
    from assay.domains.code.program_changes import may_change_state
    from assay.domains.code.program_reach import rewritten_code_needed
    from assay.domains.code.program_state import DIGITS_LIMIT, PROGRAM_LIMIT, StateMirror, restore
    from assay.domains.code.spawner import Seccomp, Spawner, candidate_process
    from assay.domains.code.tests_static import compiled_tests, prompt_setup, shipped_classes
    from assay.domains.code.time_limits import (
        CANDIDATE_CPU,
        TESTS_CPU,
        WALL,
        cpu_seconds,
        timeout_message,
        used_cpu,
    )
else:
    from finalizer_reach import may_finalize
    from frames import CandidateGone, Capture, Channel, TaskTimeout, _describe, _flush, _frame
    from harness import Recorder, _summary, stdio_case, tests_main
    from identity_checks import compiled_judging
    from program_changes import may_change_state
    from program_reach import rewritten_code_needed
    from program_state import DIGITS_LIMIT, PROGRAM_LIMIT, StateMirror, restore
    from spawner import Seccomp, Spawner, candidate_process
    from tests_static import compiled_tests, prompt_setup, shipped_classes
    from time_limits import CANDIDATE_CPU, TESTS_CPU, WALL, cpu_seconds, timeout_message, used_cpu


def _on_alarm(signum: int, frame: Any) -> None:
    raise TaskTimeout(WALL)


def _on_cpu(signum: int, frame: Any) -> None:
    raise TaskTimeout(TESTS_CPU)


def _children() -> set[int]:
    with open(f"/proc/self/task/{os.getpid()}/children", encoding="ascii") as f:
        return {int(pid) for pid in f.read().split()}


class _Task:
    """One C and the worker's ends of its pipes."""

    def __init__(self, pid: int, channel: Channel, captures: list[Capture]) -> None:
        self.pid, self.channel, self.captures = pid, channel, captures
        self.stopped = False
        self.unsent = b""  # what of C's first message its pipe did not take before C started (_start)


def _start(
    job: dict[str, Any],
    setup: dict[str, Any],
    seccomp: Seccomp,
    spawner: Spawner | None,
    stdin: str | None,
    cpu: int,
    first: bytes = b"",
) -> _Task | str:
    """A new C (from T, or by forking the worker) with stdin from /dev/null or the given text, allowed
    `cpu` seconds of CPU time, and `first` (C's first message, framed) waiting in its pipe as it starts;
    the reason when none can be started."""
    calls_r, calls_w = os.pipe()
    # written before C exists, as much as the pipe takes without blocking (all of it, but for a huge
    # program): C reads it the moment it starts instead of waiting for the worker to be scheduled
    # again, one switch between the two fewer per task; the rest goes once C runs (run_task)
    os.set_blocking(calls_w, False)
    written = 0
    with contextlib.suppress(BlockingIOError):
        written = os.write(calls_w, first) if first else 0
    replies_r, replies_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    if stdin is None:
        in_fd = os.open("/dev/null", os.O_RDONLY)
    else:
        in_fd = os.memfd_create("stdin")  # in memory: nothing of it is left on a file system
        data = stdin.encode()
        while data:
            data = data[os.write(in_fd, data) :]
        os.lseek(in_fd, 0, os.SEEK_SET)
    theirs = {"calls": calls_r, "replies": replies_w, "out": out_w, "err": err_w, "in": in_fd}
    if spawner is not None:
        try:
            try:
                pid = spawner.spawn(cpu, theirs)
            except OSError:
                spawner.restart()  # T ended between tasks: one new T, one more try
                pid = spawner.spawn(cpu, theirs)
        except OSError as exc:
            for fd in (*theirs.values(), calls_w, replies_r, out_r, err_r):
                os.close(fd)
            return f"no task process: {_describe(exc)}"
    else:
        _flush()
        pid = os.fork()
        if pid == 0:
            candidate_process(cpu, setup, seccomp, theirs)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also here, so a kill right after the start finds the group
    for fd in theirs.values():
        os.close(fd)
    cap = setup["output_max_mb"] * 1024 * 1024
    # a whole program's stdout is its answer: all of it is kept (up to the cap)
    captures = [Capture(out_r, cap if stdin is not None else setup["output_limit"], cap),
                Capture(err_r, setup["output_limit"], cap)]  # fmt: skip
    for capture in captures:
        os.set_blocking(capture.fd, False)
    task = _Task(pid, Channel(pid, calls_w, replies_r, captures, float(job["deadline"]), cpu), captures)
    task.unsent = first[written:]
    return task


def _stop(task: _Task, as_init: bool, spawner: Spawner | None) -> None:
    """Kill C's group and read what is left of its output; once (a task's C may be stopped before its
    report is made, and is stopped again after)."""
    if task.stopped:
        return
    task.stopped = True  # first: a timer's TaskTimeout here leaves descriptors open, never closed twice
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(task.pid, signal.SIGKILL)
    if as_init and spawner is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
    for fd in (task.channel.calls, task.channel.replies):
        os.close(fd)
    for capture in task.captures:
        capture.drain()


def _program(job: dict[str, Any], whole: bool) -> dict[str, Any]:
    compiled, read = _compiled_program(job)
    return {
        "code": job["code"],
        "prompt": job.get("prompt"),
        "entry_point": job.get("entry_point", ""),
        "setup": job.get("setup", ""),
        # the setup as the tests run it, compiled once per text here (marshalled): C runs the same code,
        # and never parses it (its rewrite needs `ast`, whose import and parse cost C some 1.7 ms a task)
        "setup_code": b"" if whole or not job.get("setup") else _compiled_setup(job["setup"])[1],
        "mode": "main" if whole else "function",
        # the tests' own value classes (a Node they build inputs from), defined in C too (harness.py)
        "classes": [] if whole else shipped_classes(job["tests"], job.get("entry_point", ""))[0],
        "compiled": compiled,
        "read": {} if whole else read,
    }


_PROGRAMS: list[tuple[tuple[str, str, str], tuple[dict[str, bytes], dict[str, list[bool]]]]] = []


def _compiled_program(job: dict[str, Any]) -> tuple[dict[str, bytes], dict[str, list[bool]]]:
    """The candidate's code compiled here, marshalled, by the name C compiles it under: "<candidate>",
    and "<candidate+prompt>" when C would join it to the prompt (candidate_side._program). C loads what
    it finds and compiles the rest itself, as before: a source that does not compile, or whose compile
    warns (the warning is C's to print), is left out. The host's verifier compiles the same source
    already (program_reach.reaching_names), so no new input reaches a trusted process. Compiled in C,
    a HumanEval program cost C 0.15-0.45 ms (mostly its first writes to the compiler's memory, copied
    on write); loading it costs C a few dozen microseconds. Kept for the stdio cases of one job.

    Also what C reads off each code it is sent before it runs it, by the same name: [whether it may
    change the state C mirrors, whether it may make an object whose death runs code]
    (program_changes.may_change_state, finalizer_reach.may_finalize), for each code C runs as it is
    (none to rewrite: program_reach.rewritten_code_needed). The same functions on the same code give
    the same answers here; read in C, the first touch of their code and data cost C some 15 pages
    copied on write per task. A code that needs rewriting is left for C to read, after its rewrite."""
    code, prompt, entry = job["code"], job.get("prompt") or "", job.get("entry_point") or ""
    key = (code, prompt, entry)
    if _PROGRAMS and _PROGRAMS[0][0] == key:
        return _PROGRAMS[0][1]
    found: dict[str, bytes] = {}
    read: dict[str, list[bool]] = {}
    program = _compiled_quietly(code, "<candidate>")
    if program is not None:
        found["<candidate>"] = marshal.dumps(program)
        if not rewritten_code_needed(program, code):  # (marshal gives C a code equal to this one)
            read["<candidate>"] = [may_change_state(program), may_finalize(program)]
    if prompt and (program is None or (entry and entry not in program.co_names)):
        joined = _compiled_quietly(prompt + "\n" + code, "<candidate+prompt>")
        if joined is not None:
            found["<candidate+prompt>"] = marshal.dumps(joined)
            if not rewritten_code_needed(joined, prompt + "\n" + code):
                read["<candidate+prompt>"] = [may_change_state(joined), may_finalize(joined)]
    _PROGRAMS[:] = [(key, (found, read))]
    return found, read


# more frames than C's stack holds when it compiles (about 10): the compiler's room for nesting is what
# the recursion limit leaves above the caller's depth, so the worker compiles with no more room than C has
C_DEPTH = 50


def _compiled_quietly(source: str, filename: str) -> Any:
    """source compiled as C compiles it, or None if it fails or warns. Under C's limits: the program's
    limit on an int's digits (a longer literal does not compile) and no more room for nesting than C's
    (recursion limit at least PROGRAM_LIMIT, at a depth under C_DEPTH): what compiles here compiles
    there; what does not is C's to compile, and to fail."""
    depth = 0
    frame: Any = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit, digits = sys.getrecursionlimit(), sys.get_int_max_str_digits()
    try:
        sys.setrecursionlimit(depth + PROGRAM_LIMIT - C_DEPTH)
        sys.set_int_max_str_digits(DIGITS_LIMIT)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            program = compile(source, filename, "exec", dont_inherit=True)
    except Exception:  # SyntaxError, RecursionError, MemoryError, ...: C's to meet (a timeout is not one)
        return None
    finally:
        sys.setrecursionlimit(limit)
        sys.set_int_max_str_digits(digits)
    return None if caught else program


_SETUPS: dict[str, tuple[Any, bytes]] = {}


def _compiled_setup(source: str) -> tuple[Any, bytes]:
    """The setup compiled with its identity judgments rewritten (identity_checks), for the tests and for
    C alike, and marshalled for C; per setup text."""
    found = _SETUPS.get(source)
    if found is None:
        code = compiled_judging(source, "<setup>")  # identity judged on copies is noted (identity_checks)
        found = (code, marshal.dumps(code))
        if len(_SETUPS) >= 64:
            _SETUPS.pop(next(iter(_SETUPS)))
        _SETUPS[source] = found
    return found


def run_task(
    job: dict[str, Any],
    setup: dict[str, Any],
    seccomp: Seccomp,
    as_init: bool,
    spawner: Spawner | None = None,
) -> tuple[dict[str, Any], int]:
    """Start C, run the tests against it, kill it; the task's report and the pid of a C still to reap
    (0 if none), for reap_task. Stdio tests start one C per case, each allowed the CPU time the cases
    before it left (time_limits.py)."""
    started = time.monotonic()
    cpu = cpu_seconds(float(job["timeout"]))
    job["deadline"] = started + float(job["wall"])
    whole = job.get("style") == "stdio"
    if not whole and not job.get("setup") and job.get("prompt"):
        job["setup"] = prompt_setup(job["prompt"])
    try:
        compiled = [] if whole else compiled_tests(job["tests"])
        setup_code = _compiled_setup(job["setup"])[0] if job.get("setup") and not whole else None
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return {"status": "sandbox-error", "message": f"the tests do not compile: {_describe(exc)}"}, 0
    cases: list[Any] = job["tests"] if whole else [None]
    recorder = Recorder()
    report: dict[str, Any] = {}
    task: _Task | None = None
    pid = 0
    candidate_cpu = 0.0  # CPU seconds of the stdio cases' processes reaped so far
    signal.setitimer(signal.ITIMER_REAL, max(job["deadline"] - time.monotonic(), 0.001))
    signal.setitimer(signal.ITIMER_PROF, cpu)  # the tests' own CPU time (this process's)
    try:
        for number, case in enumerate(cases, 1):
            if task is not None:  # the previous case's C: gone before the next starts
                candidate_cpu += _stop_and_reap(task, as_init, spawner)
                if candidate_cpu > cpu:
                    raise TaskTimeout(CANDIDATE_CPU)
            # whole seconds (RLIMIT_CPU's unit): what the last case may use past the limit is caught below
            allowed = max(1, math.ceil(cpu - candidate_cpu))
            first = _frame(["program", _program(job, whole)], trusted=True)
            started_task = _start(job, setup, seccomp, spawner, case[0] if whole else None, allowed, first)
            if isinstance(started_task, str):
                return {"status": "sandbox-error", "message": started_task}, 0
            task, pid = started_task, started_task.pid
            with contextlib.suppress(CandidateGone):  # C is gone already: the first read says how it ended
                task.channel.send_framed(task.unsent)
            if not whole:
                report = tests_main(job, compiled, setup_code, task.channel)
                continue
            try:
                ok, why = stdio_case(task.channel, case[1])
            except CandidateGone as exc:
                ok, why = False, str(exc)
            recorder.add(number, f"stdin case {number}", ok, why)
        if whole and task is not None:  # the last case's C, reaped here to count its CPU time
            candidate_cpu += _stop_and_reap(task, as_init, spawner)
            pid = 0
            if candidate_cpu > cpu:
                raise TaskTimeout(CANDIDATE_CPU)
        if whole:
            report = _summary(recorder, "")
    except TaskTimeout as exc:
        report = {"status": "timeout", "message": timeout_message(exc.args[0] if exc.args else WALL, job)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
    if task is None:
        return report, 0
    _stop(task, as_init, spawner)
    captures = task.captures
    exceeded = [name for name, c in zip(("stdout", "stderr"), captures, strict=True) if c.exceeded()]
    if exceeded and report.get("status") != "timeout":
        report["status"] = "failed"
        report["message"] = f"output limit exceeded: more than {captures[0].cap} bytes on {exceeded[0]}"
    report.update(
        stdout=captures[0].text()[: setup["output_limit"]],
        stderr=captures[1].text(),
        stdout_bytes=captures[0].size,
        stderr_bytes=captures[1].size,
        seconds=round(time.monotonic() - started, 6),
    )
    return report, pid


def _stop_and_reap(task: _Task, as_init: bool, spawner: Spawner | None) -> float:
    """Stop C and collect it now; the CPU seconds it used."""
    _stop(task, as_init, spawner)
    if task.channel.cpu_used is not None:  # reaped already, when its pipe closed (Channel.gone)
        return task.channel.cpu_used
    _, _, usage = os.wait4(task.pid, 0)
    task.channel.cpu_used = used_cpu(usage)
    return task.channel.cpu_used


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


def _wipe(folder: str) -> bool:
    """Empty folder; False if anything is left (then the worker is replaced: no task may find state a
    previous one left). A folder the candidate closed to itself (mode 000) is opened first."""
    for entry in os.scandir(folder):
        try:
            if entry.is_dir(follow_symlinks=False):
                os.chmod(entry.path, 0o700)
                _wipe(entry.path)
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue
    try:
        return not os.listdir(folder)
    except OSError:
        return False


# Imported once by the worker, so a forked task finds them loaded (typing alone costs ms per import).
PRELOAD = ("collections", "functools", "hashlib", "itertools", "math", "re", "string", "typing")


def main() -> None:
    # the dynamic linker read it at start (isolation.bwrap_command); neither the tests nor a candidate
    # sees an environment with it
    os.environ.pop("LD_BIND_NOW", None)
    as_init = os.getpid() == 1
    sys.set_int_max_str_digits(0)  # ints cross as JSON digits, however long (C inherits this)
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
    signal.signal(signal.SIGPROF, _on_cpu)
    limit = (setup["memory_mb"] + 1024) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    scratch = os.getcwd()
    recursion = sys.getrecursionlimit()
    shared = StateMirror().read()  # the state a task's tests share with its candidate, put back after each
    host_out.write(b'{"ready": true}\n')
    host_out.flush()
    gc.freeze()  # what the worker holds now is never scanned, so forked tasks copy fewer pages
    spawner = Spawner(setup, seccomp) if setup.get("spawner", True) and Spawner.available(as_init) else None
    dirty = False
    for done, line in enumerate(host_in, 1):
        job = json.loads(line)
        if dirty:  # the last task left something behind: the host starts a clean worker and runs it there
            host_out.write(
                json.dumps({"id": job["id"], "status": "retired", "recycle": True}).encode() + b"\n"
            )
            host_out.flush()
            return
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
        try:
            dirty = not _wipe(scratch)
        except RecursionError:  # folders nested deeper than the wipe recurses: the host starts a new worker
            dirty = True
        os.chdir(scratch)
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__  # a test may have left them redirected
        sys.setrecursionlimit(recursion)
        dirty = not restore(shared) or dirty

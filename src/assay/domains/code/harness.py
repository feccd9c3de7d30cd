"""The tests' half of a task, run in the worker: the tests against the candidate, and their verdict.

Loaded inside the sandbox only (standard library only), beside the other runner modules: the
candidate's half is candidate_side.py, the pipes frames.py, what crosses between them bridge.py, and
the reading of the tests' source tests_static.py. The tests are the problem's own code and run in the
worker, in a module of their own (`__assay_tests__`); the candidate's code runs in C, forked per task
under rlimits and seccomp, and never shares memory with the tests. As in one program, the tests also
see the program's globals (a name they read and nobody else defines, the setup's empty containers,
see _ProgramGlobals), the classes they define for values (tests_static.shipped_classes) and the
interpreter state a program shares (cwd, environ, the random stream, ...: program_state, mirrored by
the bridge). Every assert is recorded (Recorder); the task's result is _summary's, and a pass is only
`passed` clean when C changed nothing the tests could not see (program_changes).

Styles of tests: `check` (a source defining check(candidate), HumanEval), `asserts` (a list of assert
statements, MBPP) and `stdio` (whole programs fed an input on stdin, their stdout compared, APPS): each
stdio case runs in a fresh C, as its own `__main__` (stdio_case). A module of asserts that defines
pytest test functions or unittest TestCases is run as its runner would run it (framework_tests.py,
with pytest_shim.py as its `pytest`).
"""

from __future__ import annotations

import builtins
import functools
import sys
import types
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assay.domains.code.bridge import Bridge
    from assay.domains.code.bridge_kinds import (
        NOT_JUDGED,
        NOT_RUN,
        NOTHING_CHECKED,
        RECLASSED,
        SHARED_TYPES,
        TESTS,
        TESTS_UNMIRRORED,
        UNAVAILABLE,
        UNDRIVEN,
        UNMIRRORED,
        BridgeError,
        CandidateMemory,
        Exited,
        Handle,
        NotJudged,
    )
    from assay.domains.code.bridge_values import TESTS_MODULE
    from assay.domains.code.candidate_side import (
        GLOBALS,
        _classes,
        _module_namespace,
    )
    from assay.domains.code.drop_watch import FINALIZED
    from assay.domains.code.frames import (
        CandidateGone,
        Channel,
        TaskTimeout,
        _describe,
        nans_received,
        recording_warnings,
    )
    from assay.domains.code.framework_tests import install_pytest, patches_state, run_test_functions
    from assay.domains.code.identity_checks import NAN_CROSSED, Judged
    from assay.domains.code.program_changes import Baseline, may_change_state
    from assay.domains.code.program_reach import REFUSED
    from assay.domains.code.program_state import StateMirror
    from assay.domains.code.pytest_shim import Skipped
    from assay.domains.code.tests_static import (
        _checks_by_raising,
        free_names,
        may_read_globals,
        shipped_classes,
    )
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge import Bridge
    from bridge_kinds import (
        NOT_JUDGED,
        NOT_RUN,
        NOTHING_CHECKED,
        RECLASSED,
        SHARED_TYPES,
        TESTS,
        TESTS_UNMIRRORED,
        UNAVAILABLE,
        UNDRIVEN,
        UNMIRRORED,
        BridgeError,
        CandidateMemory,
        Exited,
        Handle,
        NotJudged,
    )
    from bridge_values import TESTS_MODULE
    from candidate_side import (
        GLOBALS,
        _classes,
        _module_namespace,
    )
    from drop_watch import FINALIZED
    from frames import (
        CandidateGone,
        Channel,
        TaskTimeout,
        _describe,
        nans_received,
        recording_warnings,
    )
    from framework_tests import install_pytest, patches_state, run_test_functions
    from identity_checks import NAN_CROSSED, Judged
    from program_changes import Baseline, may_change_state
    from program_reach import REFUSED
    from program_state import StateMirror
    from pytest_shim import Skipped
    from tests_static import (
        _checks_by_raising,
        free_names,
        may_read_globals,
        shipped_classes,
    )

MAX_RECORDED = 100  # per-check records kept in detail; the rest are counted
# the folders the tests may import from (the worker's own sys.path): C may reorder them, never add one
TRUSTED_PATH = frozenset(sys.path)


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


class Recorder:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.total = 0
        self.passed = 0
        self.memory = False
        self.before: Callable[[], None] = lambda: None  # before each check (Bridge.sync)

    def add(self, line: int, source: str, ok: bool, message: str = "") -> None:
        self.total += 1
        self.passed += bool(ok)
        if len(self.records) < MAX_RECORDED or (not ok and len(self.records) < 2 * MAX_RECORDED):
            record = {"index": self.total, "line": line, "source": source, "passed": ok, "message": message}
            self.records.append(record)

    def assert_(self, thunk: Any, line: int, source: str) -> None:
        try:
            self.before()
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


UNSEEN_STDERR = (
    "the candidate wrote to stderr or to fd 1 (or showed a warning) while the tests captured a stream "
    "or recorded warnings, which it cannot reach"
)


def _unseen_stderr(problems: list[str]) -> Callable[[str], None]:
    """C's stderr pipe also carries raw writes to fd 1 (`sys.stdout.buffer`, `os.write(1, ...)`), so it
    never reaches a capture of the tests' sys.stderr or sys.stdout, and the warnings C shows are
    written there too, never into the tests' record. In one program those bytes would reach the
    capture, or raise (a StringIO has no buffer). What C writes there while the tests capture or
    record is named, so a test that the candidate writes nothing or shows no warning (`assert
    out.getvalue() == ''`, `assert not caught`) never passes unseen. (Channel.receive pumps C's pipes
    before each answer while they do, so what the call wrote is read while the tests still listen.)"""

    def sink(text: str) -> None:
        captured = sys.stderr is not sys.__stderr__ or sys.stdout is not sys.__stdout__
        if text and (captured or recording_warnings()) and UNSEEN_STDERR not in problems:
            problems.append(UNSEEN_STDERR)

    return sink


TESTS_SOURCES = ("<tests>", "<test ", "<setup>")  # the file names the tests and the setup compile to


class _MissingModules:
    """Last on sys.meta_path while the tests run, so asked only for a module no other finder has: the
    names of the modules the tests' own code imports that the sandbox does not hold (numpy,
    hypothesis). A module of the standard library probing for an optional one (copy asks for `org`)
    is not the tests' import."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if path is not None or name in self.names:
            return
        frame: types.FrameType | None = sys._getframe(1)
        for _ in range(64):  # past the import machinery's own frames, to the code that imports
            if frame is None or "importlib" not in frame.f_code.co_filename:
                break
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename.startswith(TESTS_SOURCES):
            self.names.append(name)


def tests_main(job: dict[str, Any], compiled: list[Any], setup: Any, channel: Channel) -> dict[str, Any]:
    missing = _MissingModules()
    sys.meta_path.append(missing)
    try:
        result = _tests_main(job, compiled, setup, channel)
    finally:  # the tests' module lives as long as its task: nothing of it is left for the next one
        sys.modules.pop("__assay_tests__", None)
        if missing in sys.meta_path:
            sys.meta_path.remove(missing)
    if result.get("status") == "failed" and missing.names:
        # the tests failed without a module they import: the failure may be theirs, not the code's (a
        # pass stands: the tests did without it)
        names = ", ".join(missing.names[:6])
        result["message"] = (
            f"{NOT_RUN}: the tests import {names} ({UNAVAILABLE}: it holds the standard library only)"
        )
    return result


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
    judged: list[str] = []  # identity the tests judged on values that cross as copies (identity_checks)
    nans_before = nans_received()
    namespace.update(Judged(judged, Handle).names())
    bridge = Bridge(TESTS, channel.send, channel.receive)
    recorder.before = bridge.sync
    names_random = "random" in str(job["tests"]) or "random" in str(job.get("setup") or "")
    # tests that cannot change the shared state read and send none of it (C's is still taken on)
    tests_may_change = patches_state(job["tests"]) or any(
        map(_may_change_state, [*compiled, *([setup] if setup is not None else [])])
    )
    bridge.mirror = StateMirror(
        path_allowed=TRUSTED_PATH, random_watched=names_random, quiet=not tests_may_change
    )
    # only C's sys.stdout reaches a redirected sys.stdout of the tests: its stderr pipe also carries
    # raw writes to fd 1 (see candidate_side._own_streams), so a capture of sys.stderr sees nothing of C
    # (closed)
    channel.captures[0].sink = _forward("stdout")
    channel.captures[1].sink = _unseen_stderr(bridge.mirror.problems)
    try:
        install_pytest()
        if tests_may_change:  # what the tests change that C cannot see, named before each crossing
            bridge.before_send = _tests_changes(bridge.mirror.problems)
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
        target = exports.get(entry)
        # a handle, or what crosses by name: a safe builtin (`string_length = len`) or a problem class
        if not isinstance(target, Handle) and not callable(target):
            target = _missing(entry)
        namespace[entry] = target
        namespace["candidate"] = target
        # `reader` and `exports` stay referenced until the tests end, as the program's module and its
        # functions live in one program: dropped here, each task's first check paid a round trip to C
        # (Bridge.sync) to let go of objects of the program's module that C holds anyway
        del first
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
        elif isinstance(job["tests"], str):
            run_test_functions(namespace, job["tests"], recorder)
    except CandidateMemory:
        recorder.memory = True
    except CandidateGone as exc:
        return _summary(recorder, f"stopped: {exc}", crashed=exc.crashed)
    except (Exited, BridgeError) as exc:
        if isinstance(exc, BridgeError) and bridge.undriven:  # what one program would have run (a value
            # of the tests' not lent to C): the stop says nothing of the code
            return _summary(recorder, f"{UNDRIVEN}: {'; '.join(bridge.undriven[:6])}")
        return _summary(recorder, f"stopped: {_describe(exc)}")
    except (NotJudged, Skipped) as exc:  # Skipped: the tests' module skipped itself (importorskip)
        skipped = "the tests skipped themselves: " if isinstance(exc, Skipped) else ""
        reason = NOT_JUDGED if str(exc) == NOT_JUDGED else f"{NOT_RUN}: {skipped}{exc}"
        recorder.add(0, "", False, reason)
        return _summary(recorder, reason)
    except (TaskTimeout, KeyboardInterrupt):
        raise
    except BaseException as exc:
        recorder.add(0, "", False, f"the tests stopped: {_describe(exc)}")
    summary = _summary(recorder, "")
    unseen = bridge.mirror.problems
    if summary["status"] == "passed" and unseen:
        # C changed what the tests could not see (program_changes), or sent state the tests could not
        # take on (program_state): the pass cannot stand for what one program would have done
        summary["message"] = f"{UNMIRRORED}: {'; '.join(unseen[:6])}"
    if summary["status"] in ("passed", "failed") and bridge.undriven:
        # `asyncio.run(candidate(x))`, `class Sub(candidate)`: the tests' Python cannot run C's coroutine
        # or build on C's class through a handle, so a failure may be the handle's and a pass stands for
        # no program
        summary["message"] = f"{UNDRIVEN}: {'; '.join(bridge.undriven[:6])}"
        return summary
    if summary["status"] in ("passed", "failed") and (judged or nans_received() > nans_before):
        # `candidate(t) is t` on a tuple that crossed as a copy, `type(r)` of a handle (its class is the
        # bridge's), `nan not in candidate(xs)`: neither a pass nor a failure says what one program would
        # have done
        summary["message"] = f"the tests' {judged[0]}" if judged else NAN_CROSSED
        return summary
    refusals = [p for p in unseen if p.startswith(REFUSED) or p in (FINALIZED, RECLASSED)]
    if summary["status"] == "failed" and refusals:
        # C's screen refused a read the code made (`getattr(f, '__globals__')`), a finalizer of C's
        # ran later than in one program (drop_watch), or an object the tests hold changed its class (its
        # handle kept the old protocols): the failure may be theirs, not the code's
        summary["message"] = f"{UNMIRRORED}: {'; '.join(refusals[:6])}"
        return summary
    changed = [p for p in unseen if p.startswith(TESTS_CHANGED)]
    if summary["status"] == "failed" and not summary["message"] and changed:
        # the candidate's code ran apart from what the tests changed (`mock.patch('builtins.input')`):
        # its failure is no more evidence than a pass would be
        summary["message"] = f"{TESTS_UNMIRRORED}: {'; '.join(changed[:6])}"
    return summary


# the tests' changes the bridge carries by other means: the warnings filters (program_state) and the
# display of warnings (a warning C shows while the tests record them is named, _unseen_stderr)
MIRRORED_ELSEWHERE = frozenset({"warnings.filters", "warnings.showwarning"})
TESTS_CHANGED = "the tests changed "
# the worker's stdlib as the first tests that could change it found it (modules the tests import later
# are not compared: a patch of one of those goes unnamed)
_TESTS_BASELINE: list[Baseline] = []


def _tests_changes(problems: list[str]) -> Callable[[], None]:
    """Before each message to C: the stdlib attributes, modules and signal handlers the tests changed
    (`builtins.print = ...`, `mock.patch('os.remove')`), which C, in a process of its own, does not see.
    In one program the candidate's code would run against them, so a pass cannot stand for it (the
    same rule as C's own changes, program_changes)."""
    if not _TESTS_BASELINE:  # once per worker (some 25 ms): a task only notes where it starts from
        _TESTS_BASELINE.append(Baseline())
    baseline = _TESTS_BASELINE[0]
    baseline.mark()

    def check() -> None:
        for change in baseline.unseen() or []:
            # a signal handler of the tests (`signal.alarm` around a call) is theirs: a signal sent to
            # the tests' process never reaches C in either case, and C's own handlers are its own
            if change in MIRRORED_ELSEWHERE or change.startswith("the handler of "):
                continue
            said = f"{TESTS_CHANGED}{change}, which the candidate's process does not see"
            if said not in problems:
                problems.append(said)

    return check


# compiled tests (cached by tests_static) → may they change the state
_may_change_state = functools.lru_cache(maxsize=512)(may_change_state)


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

    def __init__(self, names: dict[str, Any], reader: Any) -> None:  # a handle to a function of C
        super().__init__(names)
        self.reader = reader

    def __missing__(self, name: str) -> Any:
        return self.reader(name)


def same_output(got: str, expected: str) -> bool:
    """Judge-style: the same lines of the same whitespace-separated tokens; blank lines at either end
    and spacing within a line do not count. Whitespace is a judge's (testlib's): space and tab between
    tokens, CR and LF between lines (CRLF is one break). Python's str.split()/splitlines() would also
    take NBSP, U+3000, U+2028, U+0085, \\x1c-\\x1f, \\v and \\f for spacing or line breaks, so output a
    judge rejects would pass."""

    def judged(text: str) -> list[list[str]]:
        lines = text.strip(" \t\r\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return [[token for token in line.replace("\t", " ").split(" ") if token] for line in lines]

    return judged(got) == judged(expected)


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

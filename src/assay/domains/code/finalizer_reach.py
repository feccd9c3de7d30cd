"""Whether a program can make an object whose death runs code (a finalizer), read from its bytecode.

drop_watch notes any code that runs when C lets go of an object: it traces the letting go and, once per
task, reads every class there is for a `__del__` that is no Python function. In C, a forked copy of
the spawner, that reading writes a refcount on every page a class sits on, some 2 ms a task. A program
that cannot make an object with a finalizer needs none of it, and most programs are plain functions.

A finalizer is a class's `__del__` (a `def __del__`, or `__del__ = ...` in a class body, or an
attribute stored on a class), a weak reference's callback (`weakref.ref`, `weakref.finalize`), or a
generator's or coroutine's code (its `finally`, `with`, `except`) run as it is closed. So a program may
finalize (may_finalize) when any code object in it:

- is a generator, coroutine or async generator other than a generator expression (which has no
  `try`, `with` or `except` to run as it closes);
- names (as a global, an attribute, a local or a string constant) `__del__`, weak references, or any
  route that stores a computed name into a class or builds one from a computed namespace: `setattr`,
  `type`, `vars`, `locals`, `exec`, a metaclass (`metaclass=`, any name holding `Meta`), any special
  name `__x__` but those of PLAIN_SPECIAL_NAMES (`__dict__`, `__class__`, `__globals__`, ...);
- imports a module outside FREE_MODULES, whose objects may have finalizers of their own (`tempfile`,
  `subprocess`, `contextlib`, `weakref`, `abc`'s metaclass, `dataclasses.make_dataclass`).

Anything else it may call is a builtin or a function of those modules, none of which makes an object
with a finalizer. The tests' side can still store an attribute on C's objects (a class's `__del__`):
the bridge watches from its first such store on (Bridge.perform). Standard library only: loaded in C.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable

# CPython 3.11's bytecode and code flags
IMPORT_NAME, EXTENDED_ARG = 108, 144
_RESUMABLE = (
    0x20 | 0x80 | 0x100 | 0x200
)  # CO_GENERATOR, CO_COROUTINE, CO_ITERABLE_COROUTINE, CO_ASYNC_GENERATOR
GENERATOR_EXPRESSION = "<genexpr>"

# what a program must name to define a finalizer or to reach one by a computed name
FINALIZER_NAMES = frozenset(
    {
        # a finalizer itself, and weak references with their callbacks
        "__del__", "weakref", "_weakref", "_weakrefset", "finalize", "WeakSet", "WeakMethod",
        "WeakValueDictionary", "WeakKeyDictionary", "singledispatch", "singledispatchmethod", "gc",
        # a name stored into a class, or a class built, from a computed string or namespace
        "setattr", "delattr", "getattr", "type", "vars", "locals", "globals", "__dict__", "__setattr__",
        "__delattr__", "__getattribute__", "__class__", "__subclasses__", "__bases__", "__mro__",
        "__init_subclass__", "__set_name__", "__prepare__", "__new__", "__build_class__", "__builtins__",
        "builtins", "new_class", "make_dataclass", "namedtuple", "NamedTuple", "update_wrapper", "wraps",
        "attrgetter", "methodcaller", "metaclass", "__class_getitem__", "__self__", "__func__",
        # code and frames: other code, run with other globals
        "exec", "eval", "compile", "__import__", "import_module", "importlib", "__code__", "FunctionType",
        "CodeType", "f_globals", "f_locals", "f_back", "_getframe", "currentframe", "gi_frame", "tb_frame",
        "pickle", "_pickle", "copyreg", "marshal", "ctypes", "_ctypes", "sys", "modules",
        # a class or a metaclass reached from the plain modules by a name without `Meta`, a string
        # turned into an object (`typing.Type('W', (), ns)` calls type)
        "Type", "_DeprecatedType", "get_origin", "get_type_hints", "ForwardRef", "_evaluate",
        "_eval_type", "Formatter", "get_field",
        # modules outside FREE_MODULES that the plain modules hold as attributes (`re.enum`, `typing.types`)
        "_hashlib", "_locale", "_sre", "_string", "_sys", "codecs", "contextlib", "enum", "random",
        "types", "warnings",
    }
)  # fmt: skip
# The special names a program may name and still store no computed name into a class: what a class
# statement writes itself, and the methods that give a class its protocols. Any other `__x__` (a
# function's `__globals__`, an object's `__class__`, `__init_subclass__`) may reach one.
PLAIN_SPECIAL_NAMES = frozenset(
    {
        "__name__", "__qualname__", "__module__", "__doc__", "__annotations__", "__slots__", "__main__",
        "__future__",
        "__init__", "__repr__", "__str__", "__format__", "__hash__", "__bool__", "__len__", "__iter__",
        "__next__", "__reversed__", "__contains__", "__getitem__", "__setitem__", "__delitem__",
        "__missing__", "__call__", "__enter__", "__exit__", "__index__", "__int__", "__float__",
        "__complex__", "__round__", "__trunc__", "__floor__", "__ceil__", "__neg__", "__pos__",
        "__abs__", "__invert__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
        "__add__", "__sub__", "__mul__", "__matmul__", "__truediv__", "__floordiv__", "__mod__",
        "__divmod__", "__pow__", "__lshift__", "__rshift__", "__and__", "__or__", "__xor__",
        "__radd__", "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__", "__rfloordiv__", "__rmod__",
        "__rdivmod__", "__rpow__", "__rlshift__", "__rrshift__", "__rand__", "__ror__", "__rxor__",
        "__iadd__", "__isub__", "__imul__", "__imatmul__", "__itruediv__", "__ifloordiv__", "__imod__",
        "__ipow__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__",
    }
)  # fmt: skip
# Modules a program may import and still make no object with a finalizer: plain computation (no
# generator of theirs runs code as it closes, no class of theirs has a `__del__`, none stores a
# computed name into a class). typing's metaclasses are reached only by a name holding `Meta`.
FREE_MODULES = frozenset(
    {
        "__future__", "array", "base64", "binascii", "bisect", "calendar", "cmath", "collections",
        "copy", "datetime", "fractions", "functools", "hashlib", "heapq", "itertools", "json", "math",
        "numbers", "operator", "re", "statistics", "string", "struct", "textwrap", "time", "typing",
        "unicodedata",
    }
)  # fmt: skip


def may_finalize(*programs: types.CodeType) -> bool:
    """Whether any of the programs (every code object in them) could make an object whose death runs
    code; True on an interpreter whose bytecode this does not know."""
    if sys.version_info[:2] != (3, 11):
        return True
    stack = list(programs)
    while stack:
        code = stack.pop()
        if code.co_flags & _RESUMABLE and code.co_name != GENERATOR_EXPRESSION:
            return True
        if _finalizer_named((code.co_name, *code.co_names, *code.co_varnames, *code.co_cellvars)):
            return True
        if IMPORT_NAME in code.co_code[::2] and not _imports(code) <= FREE_MODULES:
            return True
        for constant in code.co_consts:
            if type(constant) is types.CodeType:
                stack.append(constant)
            elif type(constant) is str and _finalizer_named((constant,)):
                return True
            elif type(constant) is tuple and _finalizer_named(c for c in constant if type(c) is str):
                return True  # `from m import a`: the names imported; `f(metaclass=M)`: the keywords
    return False


def _finalizer_named(names: Iterable[str]) -> bool:
    # `_assay_namespace(x)`: C's rewriting of `x.__dict__` (program_reach.rewritten_for_c)
    return any(
        name in FINALIZER_NAMES
        or "Meta" in name
        or name.startswith("_assay")
        or (name.startswith("__") and name.endswith("__") and name not in PLAIN_SPECIAL_NAMES)
        for name in names
    )


def _imports(code: types.CodeType) -> set[str]:
    """The top-level modules a code object imports (`import a.b` and `from a import b` name `a`)."""
    raw, found, extended = code.co_code, set(), 0
    for at in range(0, len(raw), 2):
        operation, argument = raw[at], raw[at + 1] | extended
        extended = argument << 8 if operation == EXTENDED_ARG else 0
        if operation == IMPORT_NAME:
            found.add(str(code.co_names[argument]).split(".")[0])
    return found

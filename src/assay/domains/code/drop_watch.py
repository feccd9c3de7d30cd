"""C's side: letting go of the objects the tests dropped, and noting when that ran code (a finalizer).

In one program an object dies the moment its last reference goes (`del r`, `r = None`, a generator left
unfinished), and what runs then (`__del__`, `weakref.finalize`, a generator's `finally`) runs there,
between two lines of the tests. Across the sandbox the tests' side learns that a handle died only when
it next sends a message, so C lets go of the object late, and what its finalizer changes (a list the
tests hold, the output) reaches the tests after checks that, in one program, would have seen it. Such a
run stands for no program: C names it (FINALIZED) with its next message, and the verdict is unknown.

Noted: any line of Python that ran while C let go (a `__del__`, a `finally`, weakref.finalize's own
code); letting go of an object's last reference while it has weak references, or while any class of
the program has a `__del__` that is no Python function (a builtin callback runs no line). Not noted: a
weak reference whose callback is a builtin, on an object that dies with a dropped one (its callback is
called with the dead reference as its last argument, which leaves a builtin little to do).

Standard library only: loaded on both sides of the sandbox. Never raises: a failure to watch is noted.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable, Mapping
from types import FrameType, FunctionType, WrapperDescriptorType
from typing import Any

FINALIZED = (
    "the candidate's code ran when the tests let go of its object (a finalizer), later than in one program"
)
# sys.getrefcount of an object only the table holds, read through a local name: the table, the local
# and the argument of getrefcount
_LAST_REFERENCE = 3
# a finalizer whose run the trace sees (a Python function), or a builtin type's own (a generator's runs
# the generator's code, seen too)
_TRACED_OR_BUILTIN = (FunctionType, WrapperDescriptorType)
_TYPE_DICT = type.__dict__["__dict__"]  # a class's own namespace, read through type's slot


def _builtin_finalizer_defined() -> bool:
    """Whether any class of the program has a `__del__` that is no Python function and no finalizer of
    a builtin type (`functools.partial(print, 'x')`): one runs no traced line when its object dies,
    and may die with any object that holds it. Read over every class there is (a few thousand)."""
    todo = [object]
    seen = set()
    while todo:
        for sub in type.__subclasses__(todo.pop()):
            if id(sub) in seen:
                continue
            seen.add(id(sub))
            finalizer = _TYPE_DICT.__get__(sub, type).get("__del__")  # never a metaclass's own code
            if finalizer is not None and not isinstance(finalizer, _TRACED_OR_BUILTIN):
                return True
            todo.append(sub)
    return False


def forget_watched(forget: Callable[[int], None], objects: Mapping[int, Any], drops: list[Any]) -> bool:
    """forget(sid) for each int sid of drops; whether letting go ran code or may have (see above)."""
    ran = False
    builtin_finalizers: bool | None = None  # read once, when an object first dies here
    own = {_builtin_finalizer_defined.__code__, getattr(forget, "__code__", None)}  # not the candidate's

    def lines(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal ran
        if event == "line":
            ran = True
            return None
        return lines

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        if event != "call" or frame.f_code in own:
            return None
        return lines

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        for sid in drops:
            if type(sid) is not int:
                continue
            value = objects.get(sid)
            if value is not None and sys.getrefcount(value) <= _LAST_REFERENCE:  # it dies now
                if builtin_finalizers is None:
                    builtin_finalizers = _builtin_finalizer_defined()
                # a weak reference's callback may be a builtin too: no line shows it
                ran = ran or builtin_finalizers or weakref.getweakrefcount(value) > 0
            del value
            forget(sid)
    finally:
        sys.settrace(previous)
    return ran

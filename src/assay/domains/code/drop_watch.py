"""C's side: letting go of the objects the tests dropped, and noting when that ran code (a finalizer).

In one program an object dies the moment its last reference goes (`del r`, `r = None`, a generator left
unfinished), and what runs then (`__del__`, `weakref.finalize`, a generator's `finally`) runs there,
between two lines of the tests. Across the sandbox the tests' side learns that a handle died only when
it next sends a message, so C lets go of the object late, and what its finalizer changes (a list the
tests hold, the output) reaches the tests after checks that, in one program, would have seen it. Such a
run stands for no program: C names it (FINALIZED) with its next message, and the verdict is unknown.

Noted: any line of Python that ran while C let go (a `__del__`, a `finally`, weakref.finalize's own
code), and letting go of an object's last reference while it has weak references (a callback may be a
builtin, which runs no line). Not noted: a finalizer of an object that dies with a dropped one and is
called back by a builtin through a weak reference kept elsewhere.

Standard library only: loaded on both sides of the sandbox. Never raises: a failure to watch is noted.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any

FINALIZED = (
    "the candidate's code ran when the tests let go of its object (a finalizer), later than in one program"
)
# sys.getrefcount of an object only the table holds, read through a local name: the table, the local
# and the argument of getrefcount
_LAST_REFERENCE = 3


def forget_watched(forget: Callable[[int], None], objects: Mapping[int, Any], drops: list[Any]) -> bool:
    """forget(sid) for each int sid of drops; whether letting go ran code or may have (see above)."""
    ran = False
    own = forget.__code__ if hasattr(forget, "__code__") else None

    def lines(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal ran
        if event == "line":
            ran = True
            return None
        return lines

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        if event != "call" or frame.f_code is own:
            return None
        return lines

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        for sid in drops:
            if type(sid) is not int:
                continue
            value = objects.get(sid)
            if (
                value is not None
                and sys.getrefcount(value) <= _LAST_REFERENCE
                and weakref.getweakrefcount(value)
            ):
                ran = True
            del value
            forget(sid)
    finally:
        sys.settrace(previous)
    return ran

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

import functools
import sys
import weakref
from collections.abc import Callable, Container, Mapping
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
_MAX_CHAIN = 100  # exceptions read along a chain of causes and contexts
_ATOMS = frozenset({int, float, complex, str, bytes, bool, type(None)})  # hold nothing, finalize nothing
_PLAIN_CONTAINERS = frozenset({list, tuple, dict, set, frozenset})  # no finalizer of their own
_MAX_PLAIN = 256  # containers read behind one object the tests dropped; beyond, it may hold anything


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


# _builtin_finalizer_defined() as the spawner left the interpreter, before any C (read_spawner_classes)
_SPAWNER_CLASSES: list[bool] = []


def read_spawner_classes() -> None:
    """Read every class for a builtin `__del__` once, in the spawner: in C, a forked copy, the same read
    writes a refcount on every page a class sits on (some 2 ms a task), and a C whose program defines
    no finalizer and reaches none (finalizer_reach) has the spawner's classes, and those of the modules
    it may import (finalizer_reach.FREE_MODULES), none of which has a builtin `__del__`."""
    _SPAWNER_CLASSES[:] = [_builtin_finalizer_defined()]


def warm_up_drops(rounds: int = 10) -> None:
    """Let go, rounds times, of what every C lets go of (a dict of the program's functions, a closure)
    and of a raise's frames, in the spawner, after read_spawner_classes: Python specialises this
    module's code as it runs, and each C then inherits it ready instead of copying the pages it writes
    (see candidate_side.warm_up)."""
    for _ in range(rounds):
        objects: dict[int, Any] = {3: {"f": len}, 7: lambda: None}
        forget_watched(objects.pop, objects, [3, 7], False)
        try:
            raise ValueError(rounds)
        except ValueError as exc:
            release_traceback(exc, {}, (), False)


def _builtin_finalizer_in_reach(finalizers: bool) -> bool:
    """_builtin_finalizer_defined(), or the spawner's answer when the program can make no finalizer."""
    if not finalizers and _SPAWNER_CLASSES:
        return _SPAWNER_CLASSES[0]
    return _builtin_finalizer_defined()


def _plain(value: Any) -> bool:
    """Whether value is plain data (builtin containers of plain values, read up to _MAX_PLAIN of them):
    nothing with a finalizer dies with it. The arguments the tests pass are, and they die at each call."""
    todo = [value]
    seen = 0
    while todo:
        item = todo.pop()
        cls = type(item)
        if cls in _ATOMS:
            continue
        seen += 1
        if cls not in _PLAIN_CONTAINERS or seen > _MAX_PLAIN:
            return False
        items = [*item.keys(), *item.values()] if cls is dict else item
        if not set(map(type, items)) <= _ATOMS:
            todo.extend(items)
    return True


def _traced(action: Callable[[], None], *trusted: Callable[..., Any]) -> bool:
    """action(), and whether it ran a line of Python other than its own, drop_watch's and trusted's."""
    ran = False
    own = {getattr(f, "__code__", None) for f in (action, _builtin_finalizer_defined, *trusted)}

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
        action()
    finally:
        sys.settrace(previous)
    return ran


def forget_watched(
    forget: Callable[[int], None], objects: Mapping[int, Any], drops: list[Any], finalizers: bool = True
) -> bool:
    """forget(sid) for each int sid of drops; whether letting go ran code or may have (see above). Only
    the last reference to what is not plain data is let go under the trace: nothing else can run code.
    finalizers: whether the program may have made an object with a finalizer (finalizer_reach); when
    it cannot have, the letting go is still traced, but no class is read (_builtin_finalizer_in_reach)."""
    ran = False
    scanned: bool | None = None  # whether a builtin finalizer is defined: read once, at a death
    for sid in drops:
        if type(sid) is not int:
            continue
        value = objects.get(sid)
        if value is None or sys.getrefcount(value) > _LAST_REFERENCE or _plain(value):
            del value
            forget(sid)  # it lives on (C holds it too), or it is plain data: nothing runs
            continue
        if weakref.getweakrefcount(value):  # a callback may be a builtin: no line shows it
            ran = True
        del value
        if scanned is None:
            scanned = _builtin_finalizer_in_reach(finalizers)
        ran = _traced(functools.partial(forget, sid), forget) or ran or scanned
    return ran


def _may_die_with(tracebacks: list[Any], shared: Container[int], trusted: tuple[Any, ...]) -> bool:
    """Whether a frame of the candidate's in the tracebacks holds anything that may die with it: a
    local that is no plain value and no object the bridge's table holds (the tests' arguments, what
    crossed). Frames of the trusted modules (their globals) are the bridge's, not the candidate's."""
    for tb in tracebacks:
        while tb is not None:
            frame = tb.tb_frame
            if all(frame.f_globals is not module for module in trusted):
                for value in frame.f_locals.values():
                    if type(value) not in _ATOMS and id(value) not in shared:
                        return True
            tb = tb.tb_next
    return False


def release_traceback(
    exc: BaseException, shared: Container[int], trusted: tuple[Any, ...], finalizers: bool = True
) -> bool:
    """Let go of the frames exc's traceback (and its cause's and context's) hold, before its answer
    leaves C: in one program they live until the tests' `except` clause ends, so what dies with them
    (a local's `__del__`) runs then, which C, answering first, would run unseen until its next message.
    Whether that ran code or may have (as forget_watched). shared: the ids of the objects the bridge's
    table holds; trusted: the globals of the bridge's own modules, whose frames are not the candidate's;
    finalizers: as forget_watched's."""
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and all(link is not seen for seen in chain) and len(chain) < _MAX_CHAIN:
        chain.append(link)
        link = link.__cause__ or link.__context__
    tracebacks = [link.__traceback__ for link in chain if link.__traceback__ is not None]
    if not tracebacks:
        return False
    for link in chain:
        link.__traceback__ = None
    unseen = _may_die_with(tracebacks, shared, trusted) and _builtin_finalizer_in_reach(finalizers)
    return _traced(tracebacks.clear) or unseen

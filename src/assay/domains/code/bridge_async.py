"""A coroutine of the candidate's, awaited by the tests: run to its end in C, only where that is one program.

Loaded on both sides of the sandbox (standard library only). Python drives a coroutine by its type
(`asyncio.run(candidate(3))` checks that it is one, a Task sends into it), and the coroutine's code must
run in C, with C's objects. The tests' side holds a `CoroutineHandle`: a coroutine to asyncio, whose
first step asks C to run the coroutine to its end in an event loop of C's own (`drive`), and ends with
its value or its raise.

That is what one program would have done only when nothing else of the tests' event loop could have run
while the coroutine waited: the tests' loop runs this one task and has no callback ready or scheduled
(`asyncio.run(candidate(x))`, or `await candidate(x)` in the tests' only task); `wait_for`, `gather`, a
timeout or a second task would have interleaved with it. Anything else (the coroutine driven by hand,
thrown into, run beside other work, or leaving tasks of its own pending in C when it ends), and one
received and never awaited, is noted as UNDRIVEN, so the run is unknown, pass or fail. It must never
decide a check itself: it only runs the candidate's coroutine and hands back what it gave.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING or __package__:
    from assay.domains.code.bridge_kinds import TESTS, Handle
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge_kinds import TESTS, Handle

if TYPE_CHECKING:
    from assay.domains.code.bridge import Bridge

DRIVE = "drive"  # the bridge's operation: C runs its coroutine to the end (drive)
DRIVEN = "driven"  # the first item of drive's answer
HELD = "a coroutine"  # noted when one crosses (bridge_decode), dropped when all that crossed were driven
NOT_ALONE = "a coroutine run beside other work of the tests' event loop"
BY_HAND = "a coroutine driven by hand (send, throw)"
NOT_RUN = "a coroutine started already, or that left tasks of its own pending"


class CoroutineHandle(Handle):
    """The tests' handle to a coroutine of C's: a Coroutine to asyncio (send, throw, close, __await__)."""

    __slots__ = ()

    def send(self, value: Any) -> NoReturn:
        if value is not None:
            _note(self, BY_HAND)
            raise RuntimeError("a coroutine of the other side of the sandbox is only run to its end")
        raise StopIteration(_drive(self))

    def throw(self, kind: Any, value: Any = None, traceback: Any = None) -> NoReturn:
        _note(self, BY_HAND)
        raise kind if value is None else value

    def close(self) -> None:
        Handle.__getattr__(self, "close")()

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(h, types.CoroutineType), inspect.iscoroutine: as of the object
        return types.CoroutineType

    def __await__(self) -> Any:
        return _awaited(self)


def _awaited(handle: CoroutineHandle) -> Any:
    return _drive(handle)
    yield  # a generator: `await handle` runs the coroutine at its first step, in the awaiting task


def _note(handle: Handle, what: str) -> None:
    bridge: Bridge = object.__getattribute__(handle, "_assay_bridge")
    if bridge.side == TESTS and what not in bridge.undriven:
        bridge.undriven.append(what)


def _drive(handle: CoroutineHandle) -> Any:
    """The coroutine's value, run to its end in C; its raise. Only when the tests' loop runs nothing else."""
    if not _alone():
        _note(handle, NOT_ALONE)
        raise RuntimeError("a coroutine of the other side of the sandbox runs only alone in the event loop")
    try:
        answer = handle._op(DRIVE)
    except Exception:  # the coroutine's own raise, after it ran as in one program (drive)
        _driven(handle)
        raise
    if type(answer) is not tuple or len(answer) != 3 or answer[0] != DRIVEN:
        raise RuntimeError("the candidate's process answered garbage")
    if answer[1] is not True:
        _note(handle, NOT_RUN)
        raise RuntimeError("the candidate's coroutine did not run as in one program")
    _driven(handle)
    return answer[2]


def _driven(handle: CoroutineHandle) -> None:
    bridge: Bridge = object.__getattribute__(handle, "_assay_bridge")
    bridge.coroutines_driven += 1
    if bridge.coroutines_driven == bridge.coroutines_held and HELD in bridge.undriven:
        bridge.undriven.remove(HELD)  # every coroutine the tests received ran as in one program


def _alone() -> bool:
    """Whether the tests' running event loop runs only the current task, with no callback ready or
    scheduled: then nothing of the tests' could run while the coroutine waits (fail closed: a loop of
    another kind, or none, is not alone)."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return False
    task = asyncio.current_task(loop)
    ready, scheduled = getattr(loop, "_ready", None), getattr(loop, "_scheduled", None)
    if task is None or ready is None or scheduled is None:
        return False
    return asyncio.all_tasks(loop) == {task} and not ready and all(h.cancelled() for h in scheduled)


def drive(coroutine: Any, bridge: Bridge) -> tuple[str, bool, Any]:
    """C's side: its unstarted coroutine run to its end in a new event loop of C's own, as asyncio.run
    would: (DRIVEN, True, its value), or its raise; (DRIVEN, False, None) when it was started already or
    left work of its own behind (_left_behind), which asyncio.run would cancel or finish here but which,
    in one program, would have run on in the tests' loop, between their later lines; or when a coroutine
    or async generator of the tests' crossed meanwhile (C cannot await one: its handle is no coroutine,
    and what that makes of the run is no program's)."""
    import asyncio
    import inspect

    if type(coroutine) is not types.CoroutineType or inspect.getcoroutinestate(coroutine) != "CORO_CREATED":
        return DRIVEN, False, None  # a raise here would pass for the coroutine's own
    left: list[bool] = []
    held = bridge.coroutines_held

    async def watched() -> Any:  # what is left behind is read the moment the coroutine ends
        try:
            return await coroutine
        finally:
            left.append(_left_behind())

    loop = asyncio.new_event_loop()
    try:
        # nothing else in the loop: what it holds when the coroutine ends is the coroutine's. Run until
        # the task is done, without run_until_complete's raise (its traceback would hold the loop)
        task = loop.create_task(watched())
        task.add_done_callback(_stopper(loop))
        loop.run_forever()
        others = [t for t in asyncio.all_tasks(loop) if t is not task]
        for other in others:
            other.cancel()
        if others:
            loop.run_until_complete(asyncio.gather(*others, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        del others
    finally:
        loop.close()
    if left != [False] or bridge.coroutines_held != held:
        return DRIVEN, False, None
    # the raise's traceback holds this frame: it must not keep the task and its loop alive, whose
    # `__del__` would run when C lets go of the coroutine (drop_watch)
    del loop
    if task.cancelled():
        del task
        raise asyncio.CancelledError
    error, value = task.exception(), None
    if error is None:
        value = task.result()
    del task
    if error is not None:
        raise error
    return DRIVEN, True, value


def _stopper(loop: Any) -> Any:
    """A done callback that stops loop; it holds the loop only as long as the task holds it."""
    stop = loop.stop
    return lambda _: stop()


def _left_behind() -> bool:
    """Whether the coroutine, as it ends in the running loop's task, leaves work in that loop: another
    task, a callback ready or scheduled (an async generator it let go of is closed by one), an async
    generator not finished, or the default executor used (its threads may run on). Read off the loop's
    own fields; a loop without them has left something (fail closed)."""
    import asyncio

    loop = asyncio.get_running_loop()
    ready = getattr(loop, "_ready", None)
    scheduled = getattr(loop, "_scheduled", None)
    generators = getattr(loop, "_asyncgens", None)
    if ready is None or scheduled is None or generators is None:
        return True
    return (
        bool(asyncio.all_tasks(loop) - {asyncio.current_task(loop)})
        or bool(ready)
        or any(not handle.cancelled() for handle in scheduled)
        or bool(generators)
        or getattr(loop, "_default_executor", True) is not None
    )

"""The bridge between the tests (in the worker) and the candidate (in its own process C).

Loaded on both sides of the sandbox (standard library only). The tests and the candidate never share
memory, yet the tests see the Python semantics they were written for:

- Identity. Every mutable value that crosses (list, dict, set, bytearray, the collections types, and
  instances of the problem's own classes such as ListNode) gets a shared id; each side holds a real
  object for it, and every message carries the current state of every shared object the receiver can
  still see. So an argument sorted in place, rows that alias one list (`[[0] * n] * n`), a mutable
  default, module state returned twice or the argument returned as the result look to the tests
  exactly as they would in one process.
- Everything else crosses as a handle: a function, generator, module or object of the candidate's own
  classes reaches the tests as a `Handle` whose calls, attribute reads and iteration run in C; a
  callback of the tests (`key=`, a lambda, a visitor) reaches C as a `Handle` that runs in the worker.
- Exceptions are rebuilt by class name onto the builtin exception they derive from.

What stays refused. Values are rebuilt from their encoded state by the receiver, from builtin types and
the problem's classes only; no method of a candidate's object ever runs in the worker, and a `Handle`
compares and hashes by identity, and only when the object's class leaves equality to Python (one whose
`__eq__` always says yes is not compared at all: NotJudged, and the verdict is unknown), and
a handle has no truth but Python's default one (a `__bool__` or `__len__` of the candidate never
answers `assert f(x)`); a subclass of a builtin that overrides nothing crosses as its content in a fresh
empty subclass of that builtin (so `type(r) is list` is False, as in Python), one that overrides anything
is a handle, and one that redefines a reader of its builtin (`__iter__`, `__len__`, `__getitem__`, `items`,
...) does not cross at all, since it holds one content and answers about another (see
bridge_values._READERS); a dict view and an Enum member of the problem cross by value (the view of the
dict, the member by name).
Class metadata (MRO, name, own namespace) is read through type's slots, never through attributes a
metaclass could redefine. C may only touch what the tests handed it: it can update the state of shared
objects (kinds checked, attributes that would shadow a method refused), call the tests' callbacks and
read their public attributes; it can name no other object of the worker.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host imports the bridge from the package (verifier, tests)
    from assay.domains.code.bridge_async import DRIVE, drive
    from assay.domains.code.bridge_decode import Codec
    from assay.domains.code.bridge_kinds import (
        _EXC_ARGS,
        CANDIDATE,
        MAX_NODES,
        RECLASSED,
        TESTS,
        BridgeError,
        CandidateMemory,
        Exited,
        Handle,
        _describe,
        _exception_bases,
        _mro,
        _name,
        _own_text,
        _told_text,
    )
    from assay.domains.code.bridge_values import (
        _default_equality,
        _default_truth,
        _has_open_attributes,
    )
    from assay.domains.code.drop_watch import FINALIZED, forget_watched, release_traceback
    from assay.domains.code.program_state import UNSEEN, Frames, StateMirror
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge_async import DRIVE, drive
    from bridge_decode import Codec
    from bridge_kinds import (
        _EXC_ARGS,
        CANDIDATE,
        MAX_NODES,
        RECLASSED,
        TESTS,
        BridgeError,
        CandidateMemory,
        Exited,
        Handle,
        _describe,
        _exception_bases,
        _mro,
        _name,
        _own_text,
        _told_text,
    )
    from bridge_values import (
        _default_equality,
        _default_truth,
        _has_open_attributes,
    )
    from drop_watch import FINALIZED, forget_watched, release_traceback
    from program_state import UNSEEN, Frames, StateMirror


MAX_LINKS = 8  # exceptions linked as cause or context that cross with one raised
# the globals of the modules whose frames stand between a request and the candidate's code (drop_watch)
_TRUSTED_FRAMES = (globals(), Frames.run.__globals__)
_EXC_CAUSE = BaseException.__dict__["__cause__"]
_EXC_CONTEXT = BaseException.__dict__["__context__"]
_EXC_SUPPRESS = BaseException.__dict__["__suppress_context__"]


class Bridge(Codec):
    """One side's table of shared objects and its half of the protocol.

    transport: send(message) and receive() of framed JSON messages. serve(op, target, payload) runs an
    operation the other side asked for on one of this side's objects. The table and the wire form of
    values are bridge_encode.SharedTable's, their reading bridge_decode.Codec's; the protocol is here.

    mirror: the interpreter state this side shares with the other (program_state.StateMirror), sent as
    a message's seventh element when it changed. frames: C's recursion limits (program_state.Frames):
    the candidate's code runs under the program's, the bridge's own work under a trusted one."""

    mirror: StateMirror | None = None
    frames: Frames | None = None
    finalized = False  # C's: letting go of what the tests dropped ran code, not yet told (drop_watch)
    finalizers = True  # C's: whether an object of its may have a finalizer (finalizer_reach), so is watched

    # --- the protocol -----------------------------------------------------------------------------------

    def message(self, head: list[Any], values: list[Any], drops: list[int] | None = None) -> list[Any]:
        """head + [encoded values, states, drops], + [interpreter state] when it changed."""
        fresh: list[int] = []
        budget = [MAX_NODES]
        encoded = [self.encode(v, fresh, budget) for v in values]
        message = [*head, encoded, self.states(fresh), drops or []]
        mirror = self.mirror
        changed = mirror.outgoing() if mirror is not None and not mirror.silent else None
        notes = [FINALIZED] if self.finalized else []
        if self.side == CANDIDATE and self._reclassed():
            notes.append(RECLASSED)
        if notes:  # said once, even by a quiet side: the tests' side notes it (program_state)
            self.finalized = False
            unseen = changed.get(UNSEEN, []) if changed is not None else []
            changed = {**(changed or {}), UNSEEN: [*unseen, *notes]}
        if changed is not None:
            message.append(changed)
        return message

    def request(self, op: str, sid: int, payload: list[Any]) -> Any:
        """Run op on the other side's object sid; serve its requests meanwhile; the result or its raise."""
        if self.frames is None:
            return self._request(op, sid, payload)
        with self.frames.trusted():  # a callback from deep in the candidate's code still encodes
            return self._request(op, sid, payload)

    def _request(self, op: str, sid: int, payload: list[Any]) -> Any:
        message = self.message(["q", op, sid], payload)
        if self.side == TESTS:  # after the states: the last changes of what is dropped still reach C
            message[5] = self.prune()
        self.before_send()
        self._send(message)
        return self.wait()

    def _reclassed(self) -> bool:
        """Whether an object of this side the other holds a handle to changed its class since it crossed
        (`self.__class__ = B`): the handle kept the old class's protocols. Told once per object."""
        objects, types = self.objects, self.handle_types
        changed = [sid for sid, cls in types.items() if type(objects[sid]) is not cls]
        for sid in changed:
            types[sid] = type(objects[sid])
        return bool(changed)

    def sync(self) -> None:
        """The tests' side, before each check: when a handle of C's object died since the last message,
        tell C now, so a finalizer that runs when C lets go is noted before the tests end (drop_watch)."""
        if self.side == TESTS and self.handle_died():
            self.request("sync", -1, [])

    def wait(self) -> Any:
        """Serve the other side's requests until the answer to ours comes; its value (or its raise)."""
        while True:
            done, value = self.handle(self._receive())
            if done:
                return value

    def handle(self, message: Any) -> tuple[bool, Any]:
        """One message: a request is served, (False, None); an answer is (True, its value)."""
        self.after_receive()
        if type(message) is not list or len(message) not in (6, 7) or message[0] not in ("q", "a"):
            raise BridgeError("a malformed message")
        kind, what, target, values, states, drops = message[:6]
        try:
            if type(states) is not dict or states:  # most messages change no shared object
                self.apply(states)
        except BridgeError:
            raise
        except Exception as exc:  # a state no rebuild accepts (unhashable keys, bad names): garbage
            raise BridgeError(
                f"the other side sent a state that cannot be rebuilt: {_describe(exc)}"
            ) from None
        if self.side == CANDIDATE and type(drops) is list and drops:
            # a finalizer of C's that ran now ran later than in one program (drop_watch)
            self.finalized = (
                forget_watched(self._forget, self.objects, drops, self.finalizers) or self.finalized
            )
        if type(values) is not list:
            raise BridgeError("a malformed message")
        if len(message) == 7:  # the interpreter state the other side changed: before the op or answer
            if self.mirror is None:
                raise BridgeError("a malformed message")
            self.mirror.incoming(message[6])
        if kind == "a":
            return True, self._answer(what, target, values)
        if what == "sync" and self.side == CANDIDATE:  # the drops above were all it asked for
            self.answer("ok", None, [None])
            return False, None
        self.serve_one(what, target, values)
        return False, None

    def _answer(self, status: Any, extra: Any, values: list[Any]) -> Any:
        try:
            decoded = [self.decode(v) for v in values]
        except BridgeError:
            raise
        except Exception as exc:  # never an exception a test could take for the candidate's
            raise BridgeError(
                f"the other side sent a value that cannot be rebuilt: {_describe(exc)}"
            ) from None
        if status == "ok" and len(decoded) == 1:
            return decoded[0]
        if status == "raised" and type(extra) is list and len(extra) >= 2:
            if len(extra) > 3:  # the args, then what else the exception holds (see _links)
                if not decoded:
                    raise BridgeError("a malformed answer")
                raise self.rebuild(extra, decoded[:-1], decoded[-1])
            raise self.rebuild(extra, decoded)
        if status == "exited":
            raise Exited(str(extra)[:300])
        if status == "memory":
            raise CandidateMemory(str(extra)[:300])
        raise BridgeError("a malformed answer")

    def rebuild(self, extra: list[Any], args: list[Any], links: Any = None, depth: int = 0) -> BaseException:
        """An exception of the other side as one of this side: the problem's own class when it is one
        of them (`InsufficientFunds` of the setup), else the builtin class it derives from, or a
        subclass of it named like the original; with the attributes, notes, cause and context the
        original holds (links)."""
        name, bases = str(extra[0])[:100], list(extra[1]) if type(extra[1]) in (list, tuple) else []
        own = self._problem_exception(name, args) if len(extra) > 3 and extra[3] is True else None
        if own is not None:
            self._link(own, links, depth)
            return own
        base: type[BaseException] = Exception
        for candidate in bases:
            found = getattr(builtins, str(candidate), None)
            if isinstance(found, type) and issubclass(found, Exception):
                base = found
                break
        text = extra[2] if len(extra) > 2 and type(extra[2]) is str else None
        if base.__name__ != name or text is not None:
            key = (name, base.__name__, text is not None)
            if key not in self._exceptions:
                namespace: dict[str, Any] = {"__str__": _told_text} if text is not None else {}
                self._exceptions[key] = type(name if name.isidentifier() else "Error", (base,), namespace)
            base = self._exceptions[key]
        made = self._made(base, name, args, {"__str__": _told_text} if text is not None else {})
        if text is not None:
            setattr(made, "assay_text", text[:10_000])  # noqa: B010 - an attribute of a built class
        self._link(made, links, depth)
        return made

    @staticmethod
    def _made(
        base: type[BaseException], name: str, args: list[Any], namespace: dict[str, Any]
    ) -> BaseException:
        try:
            return base(*args)
        except Exception:
            try:
                return base(*(str(a) for a in args))
            except Exception:
                label = name if name.isidentifier() else "Error"
                fallback: type[Exception] = type(label, (Exception,), namespace)
                return fallback(*map(str, args))

    def serve_one(self, op: Any, target: Any, values: list[Any]) -> None:
        """Answer one request of the other side."""
        try:
            obj = self.objects.get(target) if type(target) is int else None
            if obj is None or target % 2 != self.side or isinstance(obj, Handle):
                raise BridgeError(f"no object {target!r} of this side was shared")
            payload = [self.decode(v) for v in values]
            if self.frames is None:
                result = self.perform(str(op), obj, payload)
            else:
                result = self.frames.run(self.perform, str(op), obj, payload)
        except MemoryError:
            if self.side == TESTS:
                raise
            self.answer("memory", "the candidate ran out of memory", [])
            return
        except Exception as exc:
            if self.side == CANDIDATE:  # what dies with its frames dies before the answer (drop_watch)
                self.finalized = (
                    release_traceback(exc, self.sids, _TRUSTED_FRAMES, self.finalizers) or self.finalized
                )
            self._raise_back(exc)
            return
        except (SystemExit, KeyboardInterrupt) as exc:
            if self.side == TESTS:
                raise
            self.answer("exited", f"{_name(type(exc))} inside the call", [])
            raise Exited(_name(type(exc))) from None
        try:
            self.answer("ok", None, [result])
        except (BridgeError, RecursionError) as exc:
            self._raise_back(TypeError(f"the result cannot cross the sandbox: {_describe(exc)}"))

    def _raise_back(self, exc: BaseException) -> None:
        # the args as Python holds them (a class may define an `args` property that lies), and the text
        # of a class that overrides `__str__` as Python would print it (`pytest.raises(match=...)`)
        head = [_name(type(exc)), _exception_bases(exc), _own_text(exc)]
        try:
            full = [*self._head(exc)]
            self.answer("raised", full, [*_EXC_ARGS.__get__(exc, BaseException), self._links(exc, 0)])
        except (BridgeError, RecursionError):
            self.answer("raised", head, [_describe(exc)])

    # --- what an exception holds besides its args ------------------------------------------------------

    def _head(self, exc: BaseException) -> tuple[Any, ...]:
        """Its class's name, builtin bases, own text, and whether the class is one of the problem's."""
        cls = type(exc)
        return (_name(cls), tuple(_exception_bases(exc)), _own_text(exc), self.classes.get(_name(cls)) is cls)

    def _links(self, exc: BaseException, depth: int) -> tuple[Any, ...]:
        """(attributes, notes, cause, context, suppress_context): what Python keeps on an exception
        besides its args, which tests read (`e.status`, `e.__cause__`, `e.__notes__`); a linked
        exception as (head, args, links), MAX_LINKS deep at most (deeper: one that says so)."""
        try:
            own = object.__getattribute__(exc, "__dict__")
        except AttributeError:
            own = {}
        own = own if type(own) is dict else {}
        attributes = tuple((k, v) for k, v in list(own.items()) if type(k) is str and not k.startswith("__"))
        # `__notes__` as it is (add_note's list, or whatever the candidate set): its presence is read
        notes = (own["__notes__"],) if "__notes__" in own else None

        def linked(other: BaseException | None) -> Any:
            if other is None:
                return None
            if depth >= MAX_LINKS:
                other = Exception("the rest of the exception chain did not cross the sandbox")
            args = tuple(_EXC_ARGS.__get__(other, BaseException))
            return (self._head(other), args, self._links(other, depth + 1))

        return (
            attributes,
            notes,
            linked(_EXC_CAUSE.__get__(exc, BaseException)),
            linked(_EXC_CONTEXT.__get__(exc, BaseException)),
            bool(_EXC_SUPPRESS.__get__(exc, BaseException)),
        )

    def _link(self, made: BaseException, links: Any, depth: int) -> None:
        if links is None:
            return
        if type(links) is not tuple or len(links) != 5 or depth > MAX_LINKS + 1:
            raise BridgeError("a malformed exception")
        attributes, notes, cause, context, suppress = links
        own = object.__getattribute__(made, "__dict__")
        for pair in attributes if type(attributes) is tuple else ():
            if type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is not str:
                continue
            if pair[0].isidentifier() and not pair[0].startswith("__") and pair[0] != "assay_text":
                own[pair[0]] = pair[1]
        if type(notes) is tuple and len(notes) == 1:
            own["__notes__"] = notes[0]
        for slot, link in ((_EXC_CAUSE, cause), (_EXC_CONTEXT, context)):
            if link is not None:
                if (
                    type(link) is not tuple
                    or len(link) != 3
                    or type(link[0]) is not tuple
                    or len(link[0]) < 4
                ):
                    raise BridgeError("a malformed exception")
                slot.__set__(made, self.rebuild(list(link[0]), list(link[1]), link[2], depth + 1))
        _EXC_SUPPRESS.__set__(made, suppress is True)

    def _problem_exception(self, name: str, args: list[Any]) -> BaseException | None:
        """An exception of the problem's class of that name, with args, its __init__ not run again (the
        other side ran it; what it set comes as attributes); None when there is no such class."""
        cls = self.classes.get(name)
        if not isinstance(cls, type) or BaseException not in _mro(cls):
            return None
        try:
            made: BaseException = cls.__new__(cls, *args)
        except Exception:
            return None
        _EXC_ARGS.__set__(made, tuple(args))
        return made

    def answer(self, status: str, extra: Any, values: list[Any]) -> None:
        message = self.message(["a", status, extra], values)
        self.before_send()
        self._send(message)

    def perform(self, op: str, obj: Any, payload: list[Any]) -> Any:
        """One operation on this side's object. The tests' side refuses private names: C may use a
        callback but never reach the tests' own objects through it."""
        guarded = self.side == TESTS
        if op == "call" and len(payload) == 2 and type(payload[0]) is tuple and type(payload[1]) is tuple:
            keywords = dict(payload[1])
            if not all(type(k) is str for k in keywords):
                raise BridgeError("keywords must be names")
            return obj(*payload[0], **keywords)
        if op in ("getattr", "setattr") and payload and type(payload[0]) is str:
            name = payload[0]
            if guarded and (name.startswith("_") or not _has_open_attributes(obj)):
                raise AttributeError(f"the tests' object has no attribute {name!r} for the candidate")
            if not guarded and (op == "setattr" or name.startswith("__")):
                self.finalizers = True  # a class's `__del__` stored, or a class reached: watched (drop_watch)
            if op == "getattr" and len(payload) == 1:
                return getattr(obj, name)
            if op == "setattr" and len(payload) == 2:
                setattr(obj, name, payload[1])
                return None
        if op == "iter" and not payload:
            return iter(obj)
        if op == "next" and not payload:
            return next(obj)
        if op == "len" and not payload:
            return len(obj)
        if op == "bool" and not payload:
            # C never computes a truth for the tests (see Handle.__bool__): only whether its object
            # has Python's default one
            return bool(obj) if guarded else (True if _default_truth(type(obj)) else "custom")
        if op == "equality" and not payload:  # whether its objects equal only themselves (Handle.__eq__)
            return _default_equality(type(obj))
        if op == "eq" and len(payload) == 1 and guarded:  # the tests' class compares its object
            return obj == payload[0]
        if op == "hash" and not payload and guarded:
            return hash(obj)
        if op in ("isinstance", "issubclass") and len(payload) == 1 and isinstance(obj, type):
            return isinstance(payload[0], obj) if op == "isinstance" else issubclass(payload[0], obj)
        if op == DRIVE and not payload and not guarded:  # C's coroutine, awaited alone by the tests
            return drive(obj, self)
        if op == "getitem" and len(payload) == 1:
            return obj[payload[0]]
        if op == "setitem" and len(payload) == 2:
            obj[payload[0]] = payload[1]
            return None
        raise BridgeError(f"operation {op!r} is not allowed")

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
compares and hashes by identity: an object whose `__eq__` always says yes equals nothing but itself. C
may only touch what the tests handed it: it can update the state of shared objects (kinds checked,
attributes that would shadow a method refused), call the tests' callbacks and read their public
attributes; it can name no other object of the worker.
"""

from __future__ import annotations

import base64
import builtins
import collections
import sys
from collections.abc import Callable
from typing import Any

MAX_DEPTH = 200
MAX_NODES = 20_000_000
TESTS, CANDIDATE = 0, 1  # the parity of the shared ids each side allocates

# builtins that may cross by name: values with no side effects; never eval, exec, open, getattr, ...
SAFE_BUILTINS = frozenset(
    [
        "abs",
        "all",
        "any",
        "ascii",
        "bin",
        "bool",
        "bytearray",
        "bytes",
        "callable",
        "chr",
        "complex",
        "dict",
        "divmod",
        "enumerate",
        "filter",
        "float",
        "format",
        "frozenset",
        "hash",
        "hex",
        "id",
        "int",
        "isinstance",
        "issubclass",
        "iter",
        "len",
        "list",
        "map",
        "max",
        "min",
        "next",
        "object",
        "oct",
        "ord",
        "pow",
        "range",
        "repr",
        "reversed",
        "round",
        "set",
        "slice",
        "sorted",
        "str",
        "sum",
        "tuple",
        "type",
        "zip",
    ]
)
# modules whose functions the tests may hand to C by name (C resolves them in its own copy)
NAMED_MODULES = frozenset({"math", "operator", "builtins", "string", "itertools", "functools", "cmath"})

_KINDS: dict[type, str] = {
    list: "l",
    dict: "d",
    set: "s",
    bytearray: "ba",
    collections.OrderedDict: "od",
    collections.Counter: "ct",
    collections.defaultdict: "dd",
    collections.deque: "dq",
}
_EMPTY: dict[str, Callable[[], Any]] = {
    "l": list,
    "d": dict,
    "s": set,
    "ba": bytearray,
    "od": collections.OrderedDict,
    "ct": collections.Counter,
    "dd": collections.defaultdict,
    "dq": collections.deque,
}
# JSON carries these exactly (both sides lift the limit on int digits); a container of nothing else is
# sent as it is, without a look at each element
_PLAIN = frozenset({str, int, float, bool, type(None)})
# values of the standard library that cross by value, found by module and name so that neither side
# imports them unless a program does (every module the worker loads makes each task's fork dearer)
_BY_NAME = {
    ("fractions", "Fraction"): "fr",
    ("decimal", "Decimal"): "dc",
    ("datetime", "datetime"): "dt",
    ("datetime", "date"): "da",
    ("datetime", "time"): "tm",
    ("datetime", "timedelta"): "td",
}
_BY_TAG = {tag: key for key, tag in _BY_NAME.items() if tag != "td"}


class BridgeError(BaseException):
    """The other side sent something the protocol does not allow (garbage or an attack). A
    BaseException, so no `except Exception` of the tests can take it for an answer: the tests stop."""


class Exited(BaseException):
    """C ended a call with SystemExit or KeyboardInterrupt: no later check can pass."""


class CandidateMemory(BaseException):
    """C ran out of memory inside a call."""


class Handle:
    """Stands for an object of the other side; every operation on it runs there.

    Equality and hashing are by identity and never leave this process, so a handle to an object whose
    `__eq__` always says yes equals only itself."""

    __slots__ = ("_assay_bridge", "_assay_kind", "_assay_sid")

    def __init__(self, bridge: Bridge, sid: int, kind: str) -> None:
        object.__setattr__(self, "_assay_bridge", bridge)
        object.__setattr__(self, "_assay_sid", sid)
        object.__setattr__(self, "_assay_kind", kind)

    def _op(self, op: str, *payload: Any) -> Any:
        bridge: Bridge = object.__getattribute__(self, "_assay_bridge")
        return bridge.request(op, object.__getattribute__(self, "_assay_sid"), list(payload))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # the argument tuple and keywords cross by value: containers of the call, not shared objects
        return self._op("call", args, tuple(kwargs.items()))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._op("getattr", name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._op("setattr", name, value)

    def __iter__(self) -> Any:
        return self._op("iter")

    def __next__(self) -> Any:
        return self._op("next")

    def __len__(self) -> int:
        value = self._op("len")
        if type(value) is not int:
            raise TypeError("len() of a candidate object is not an int")
        return value

    def __bool__(self) -> bool:
        return self._op("bool") is True

    def __getitem__(self, key: Any) -> Any:
        return self._op("getitem", key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._op("setitem", key, value)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        kind = object.__getattribute__(self, "_assay_kind")
        return f"<{kind} from the other side of the sandbox>"


def _exception_bases(exc: BaseException) -> list[str]:
    return [c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c]


class Bridge:
    """One side's table of shared objects and its half of the protocol.

    transport: send(message) and receive() of framed JSON messages. serve(op, target, payload) runs an
    operation the other side asked for on one of this side's objects."""

    def __init__(
        self,
        side: int,
        send: Callable[[Any], None],
        receive: Callable[[], Any],
        classes: dict[str, type] | None = None,
    ) -> None:
        self.side = side
        self._send = send
        self._receive = receive
        self.classes = dict(classes or {})
        self.objects: dict[int, Any] = {}  # sid → this side's object (a real value or a Handle)
        self.sids: dict[int, int] = {}  # id(object) → sid
        self.kinds: dict[int, str] = {}  # sid → kind
        self.synced: dict[int, Any] = {}  # sid → the state both sides last agreed on (sent or received)
        self._next = 2 + side
        self._exceptions: dict[tuple[str, str], type[BaseException]] = {}
        self.before_send: Callable[[], None] = lambda: None
        self.after_receive: Callable[[], None] = lambda: None

    # --- the table -----------------------------------------------------------------------------------

    def _register(self, value: Any, kind: str, sid: int | None = None) -> int:
        if sid is None:
            sid = self._next
            self._next += 2
        self.objects[sid] = value
        self.sids[id(value)] = sid
        self.kinds[sid] = kind
        return sid

    def _forget(self, sid: int) -> None:
        value = self.objects.pop(sid, None)
        self.kinds.pop(sid, None)
        self.synced.pop(sid, None)
        if value is not None and self.sids.get(id(value)) == sid:
            del self.sids[id(value)]

    def prune(self) -> list[int]:
        """Forget shared objects only the table still holds (the tests can no longer see them); their ids,
        for the other side to forget too. Only the tests' side prunes: C's module state may hold on."""
        objects, kinds, side = self.objects, self.kinds, self.side
        if not objects:
            return []
        # this side's callables stay: C may have kept one (a comparator given to a constructor) to call
        # later, when the tests no longer hold it
        dead = [
            sid
            for sid in list(objects)
            if sys.getrefcount(objects[sid]) <= 2 and not (kinds[sid] == "h" and sid % 2 == side)
        ]
        for sid in dead:
            self._forget(sid)
        return dead

    # --- encoding ------------------------------------------------------------------------------------

    def _kind(self, value: Any) -> str | None:
        kind = _KINDS.get(type(value))
        if kind is not None:
            return kind
        cls = type(value)
        if self.classes.get(cls.__name__) is cls and not isinstance(value, type):
            return "o"
        return None

    def encode(self, value: Any, fresh: list[int], budget: list[int], depth: int = 0) -> Any:
        """The wire form of value; identity-bearing objects become ["r", sid] (new ones go to fresh)."""
        budget[0] -= 1
        if budget[0] < 0:
            raise BridgeError("the value is too large to cross the sandbox")
        if depth > MAX_DEPTH:
            raise BridgeError("the value is nested too deeply to cross the sandbox")
        cls = type(value)
        if cls in _PLAIN:
            return value
        if cls is tuple:  # the common containers first: most calls pass tuples of plain values
            if set(map(type, value)) <= _PLAIN:  # plain scalars are their own wire form
                budget[0] -= len(value)
                return ["t", list(value)]
            return ["t", [self.encode(v, fresh, budget, depth + 1) for v in value]]
        sid = self.sids.get(id(value))
        if sid is not None and self.objects.get(sid) is value:
            return ["r", sid]
        kind = self._kind(value)
        if kind is not None:
            fresh.append(self._register(value, kind))
            return ["r", self.sids[id(value)]]
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, int):
            return self.encode(int.__index__(value), fresh, budget, depth)
        if isinstance(value, float):
            return float.__float__(value)
        if isinstance(value, complex):
            return ["c", complex.__complex__(value).real, complex.__complex__(value).imag]
        if isinstance(value, bytes):
            return ["b", base64.b64encode(bytes(value)).decode("ascii")]
        if isinstance(value, tuple):
            fields = getattr(cls, "_fields", None)
            items = [self.encode(v, fresh, budget, depth + 1) for v in tuple.__iter__(value)]
            if type(fields) is tuple and all(type(f) is str for f in fields) and len(fields) == len(items):
                return ["n", cls.__name__, list(fields), items]
            return ["t", items]
        if isinstance(value, frozenset):
            return ["z", [self.encode(v, fresh, budget, depth + 1) for v in frozenset.__iter__(value)]]
        if cls is range:
            return ["rg", self.encode(value.start, fresh, budget), self.encode(value.stop, fresh, budget),
                    self.encode(value.step, fresh, budget)]  # fmt: skip
        tag = _BY_NAME.get((cls.__module__, cls.__qualname__))
        if tag is not None and getattr(sys.modules.get(cls.__module__), cls.__qualname__, None) is cls:
            if tag == "td":
                return [tag, value.days, value.seconds, value.microseconds]
            return [tag, str(value) if tag in ("fr", "dc") else value.isoformat()]
        named = self._named(value)
        if named is not None:
            return named
        if self.side == TESTS and not _may_lend(value):
            raise BridgeError(f"a {type(value).__name__} of the tests cannot cross to the candidate")
        fresh.append(self._register(value, "h"))
        return ["r", self.sids[id(value)]]

    def _named(self, value: Any) -> list[Any] | None:
        """Builtins, the problem's classes and (from the tests) stdlib functions cross by name."""
        name = getattr(value, "__name__", None)
        if type(name) is not str:
            return None
        if name in SAFE_BUILTINS and getattr(builtins, name) is value:
            return ["bi", name]
        if isinstance(value, type) and self.classes.get(name) is value:
            return ["k", name]
        if self.side == TESTS and type(value).__name__ in ("builtin_function_or_method", "method_descriptor"):
            owner = getattr(value, "__objclass__", None)
            module = getattr(value, "__module__", None) or getattr(owner, "__module__", None)
            qualname = getattr(value, "__qualname__", None)
            if module in NAMED_MODULES and type(qualname) is str and _resolve(module, qualname) is value:
                return ["fn", module, qualname]
        return None

    def _state(self, sid: int, fresh: list[int], budget: list[int]) -> Any:
        value, kind = self.objects[sid], self.kinds[sid]
        if kind == "h":
            return [kind, type(value).__name__]
        if kind in ("l", "dq"):
            items = list(value)
            if not set(map(type, items)) <= _PLAIN:  # plain scalars are their own wire form (fast path)
                items = [self.encode(v, fresh, budget, 1) for v in items]
            budget[0] -= len(items)
            return [kind, items, value.maxlen] if kind == "dq" else [kind, items]
        if kind == "s":
            return [kind, [self.encode(v, fresh, budget, 1) for v in list(value)]]
        if kind == "ba":
            return [kind, base64.b64encode(bytes(value)).decode("ascii")]
        if kind in ("d", "od", "ct", "dd"):
            pairs = [[self.encode(k, fresh, budget, 1), self.encode(v, fresh, budget, 1)] for k, v in
                     list(value.items())]  # fmt: skip
            if kind == "dd":
                factory = value.default_factory
                return [kind, pairs, None if factory is None else self.encode(factory, fresh, budget, 1)]
            return [kind, pairs]
        attributes = _attributes(value)
        return [kind, type(value).__name__, [[k, self.encode(v, fresh, budget, 1)] for k, v in attributes]]

    def states(self, roots: list[int]) -> dict[str, Any]:
        """The state of every shared object this side can still see, and of the new ones reachable."""
        if not roots and not self.kinds:
            return {}
        budget = [MAX_NODES]
        fresh: list[int] = []
        out: dict[str, Any] = {}
        todo = [sid for sid, kind in self.kinds.items() if kind != "h"] + roots
        while todo:
            sid = todo.pop()
            if str(sid) in out or sid not in self.objects:
                continue
            if isinstance(self.objects[sid], Handle):
                continue  # the other side owns it and knows it
            state = self._state(sid, fresh, budget)
            if self.synced.get(sid) != state:  # unchanged since the last message: nothing to send
                out[str(sid)] = self.synced[sid] = state
            todo.extend(fresh)
            fresh.clear()
        return out

    # --- decoding ------------------------------------------------------------------------------------

    def decode(self, data: Any, depth: int = 0) -> Any:
        if data is None or type(data) in (bool, str, int, float):
            return data
        if depth > MAX_DEPTH:
            raise BridgeError("nested too deeply")
        if type(data) is not list or not data or type(data[0]) is not str:
            raise BridgeError("not a value")
        tag, rest = data[0], data[1:]
        if tag == "r" and len(rest) == 1 and type(rest[0]) is int:
            if rest[0] not in self.objects:
                raise BridgeError(f"an unknown shared object {rest[0]}")
            return self.objects[rest[0]]
        if tag == "i" and len(rest) == 1 and type(rest[0]) is str and len(rest[0]) <= 100_000:
            return int(rest[0], 16)
        if tag == "c" and len(rest) == 2 and all(type(x) in (int, float) for x in rest):
            return complex(rest[0], rest[1])
        if tag == "b" and len(rest) == 1 and type(rest[0]) is str:
            return base64.b64decode(rest[0], validate=True)
        if tag == "t" and len(rest) == 1 and type(rest[0]) is list:
            if set(map(type, rest[0])) <= _PLAIN:  # plain scalars decode to themselves
                return tuple(rest[0])
            return tuple(self.decode(v, depth + 1) for v in rest[0])
        if tag == "z" and len(rest) == 1 and type(rest[0]) is list:
            return frozenset(self.decode(v, depth + 1) for v in rest[0])
        if tag == "n" and len(rest) == 3 and type(rest[0]) is str and type(rest[1]) is list:
            cls = collections.namedtuple(rest[0], rest[1])  # type: ignore[misc]
            return cls(*(self.decode(v, depth + 1) for v in rest[2]))
        if tag == "rg" and len(rest) == 3:
            return range(*(_int(self.decode(v, depth + 1)) for v in rest))
        if tag in _BY_TAG and len(rest) == 1 and type(rest[0]) is str:
            module, name = _BY_TAG[tag]
            maker: Any = getattr(__import__(module), name)
            return maker.fromisoformat(rest[0]) if module == "datetime" else maker(rest[0])
        if tag == "td" and len(rest) == 3 and all(type(x) is int for x in rest):
            return __import__("datetime").timedelta(rest[0], rest[1], rest[2])
        if tag == "bi" and len(rest) == 1 and rest[0] in SAFE_BUILTINS:
            return getattr(builtins, rest[0])
        if tag == "k" and len(rest) == 1 and rest[0] in self.classes:
            return self.classes[rest[0]]
        if tag == "fn" and len(rest) == 2 and self.side == CANDIDATE and rest[0] in NAMED_MODULES:
            return _resolve(str(rest[0]), str(rest[1]))
        raise BridgeError(f"not a value (tag {tag!r})")

    def apply(self, states: Any) -> None:
        """Bring the shared objects to the other side's state: create the new ones, then fill all in
        place (two passes, so objects may refer to each other in any order)."""
        if type(states) is not dict:
            raise BridgeError("not a state table")
        parsed: list[tuple[int, list[Any]]] = []
        for key, state in states.items():
            if not key.isdigit() or type(state) is not list or not state or type(state[0]) is not str:
                raise BridgeError("not a state")
            sid, kind = int(key), state[0]
            known = self.objects.get(sid, self)
            if known is self:
                if sid % 2 == self.side:
                    raise BridgeError(f"an object {sid} this side never shared")
                self._register(self._empty(kind, state, sid), kind, sid)
            elif self.kinds[sid] != kind:
                raise BridgeError(f"shared object {sid} changed its kind")
            parsed.append((sid, state))
        for sid, state in parsed:
            self._fill(self.objects[sid], state)
            self.synced[sid] = state

    def _empty(self, kind: str, state: list[Any], sid: int) -> Any:
        if kind == "h":
            return Handle(self, sid, str(state[1])[:100] if len(state) > 1 else "object")
        if kind == "o":
            cls = self.classes.get(state[1]) if len(state) == 3 and type(state[1]) is str else None
            if cls is None:
                raise BridgeError("an instance of a class the problem does not define")
            return object.__new__(cls)
        if (
            kind == "dq"
            and len(state) == 3
            and (state[2] is None or (type(state[2]) is int and state[2] >= 0))
        ):
            return collections.deque(maxlen=state[2])
        if kind not in _EMPTY:
            raise BridgeError(f"unknown kind {kind!r}")
        return _EMPTY[kind]()

    def _fill(self, target: Any, state: list[Any]) -> None:
        kind = state[0]
        if kind == "h":
            return
        if kind in ("l", "s") and len(state) == 2 and type(state[1]) is list:
            items = state[1]
            if not set(map(type, items)) <= _PLAIN:
                items = [self.decode(v, 1) for v in items]
            if kind == "l":
                target[:] = items
            else:
                target.clear()
                target.update(items)
        elif kind == "dq" and len(state) == 3 and type(state[1]) is list:
            items = [self.decode(v, 1) for v in state[1]]
            if state[2] != target.maxlen:
                raise BridgeError("a deque's maxlen cannot change")
            target.clear()
            target.extend(items)
        elif kind == "ba" and len(state) == 2 and type(state[1]) is str:
            target[:] = base64.b64decode(state[1], validate=True)
        elif kind in ("d", "od", "ct", "dd") and len(state) in (2, 3) and type(state[1]) is list:
            pairs = []
            for pair in state[1]:
                if type(pair) is not list or len(pair) != 2:
                    raise BridgeError("not a dict item")
                pairs.append((self.decode(pair[0], 1), self.decode(pair[1], 1)))
            target.clear()  # the exact builtin types only (kinds are by exact type): their own methods
            for k, v in pairs:
                target[k] = v
            if kind == "dd":
                factory = self.decode(state[2], 1) if len(state) == 3 else None
                if factory is not None and not callable(factory):
                    raise BridgeError("a defaultdict factory that cannot be called")
                target.default_factory = factory
        elif kind == "o" and len(state) == 3 and type(state[2]) is list:
            cls = type(target)
            for pair in state[2]:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                    raise BridgeError("not an attribute")
                name = pair[0]
                if not name.isidentifier() or name.startswith("__") or callable(getattr(cls, name, None)):
                    raise BridgeError(f"attribute {name!r} would shadow the class")
                object.__setattr__(target, name, self.decode(pair[1], 1))
        else:
            raise BridgeError(f"a malformed state of kind {kind!r}")

    # --- the protocol -----------------------------------------------------------------------------------

    def message(self, head: list[Any], values: list[Any], drops: list[int] | None = None) -> list[Any]:
        """head + [encoded values, states, drops]."""
        fresh: list[int] = []
        budget = [MAX_NODES]
        encoded = [self.encode(v, fresh, budget) for v in values]
        return [*head, encoded, self.states(fresh), drops or []]

    def request(self, op: str, sid: int, payload: list[Any]) -> Any:
        """Run op on the other side's object sid; serve its requests meanwhile; the result or its raise."""
        message = self.message(["q", op, sid], payload)
        if self.side == TESTS:  # after the states: the last changes of what is dropped still reach C
            message[-1] = self.prune()
        self.before_send()
        self._send(message)
        return self.wait()

    def wait(self) -> Any:
        """Serve the other side's requests until the answer to ours comes; its value (or its raise)."""
        while True:
            done, value = self.handle(self._receive())
            if done:
                return value

    def handle(self, message: Any) -> tuple[bool, Any]:
        """One message: a request is served, (False, None); an answer is (True, its value)."""
        self.after_receive()
        if type(message) is not list or len(message) != 6 or message[0] not in ("q", "a"):
            raise BridgeError("a malformed message")
        kind, what, target, values, states, drops = message
        try:
            if type(states) is not dict or states:  # most messages change no shared object
                self.apply(states)
        except BridgeError:
            raise
        except Exception as exc:  # a state no rebuild accepts (unhashable keys, bad names): garbage
            raise BridgeError(
                f"the other side sent a state that cannot be rebuilt: {_describe(exc)}"
            ) from None
        if self.side == CANDIDATE and type(drops) is list:
            for sid in drops:
                if type(sid) is int:
                    self._forget(sid)
        if type(values) is not list:
            raise BridgeError("a malformed message")
        if kind == "a":
            return True, self._answer(what, target, values)
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
            raise self.rebuild(extra, decoded)
        if status == "exited":
            raise Exited(str(extra)[:300])
        if status == "memory":
            raise CandidateMemory(str(extra)[:300])
        raise BridgeError("a malformed answer")

    def rebuild(self, extra: list[Any], args: list[Any]) -> BaseException:
        """An exception of the other side as one of this side: the builtin class it derives from, or a
        subclass of it named like the original."""
        name, bases = str(extra[0])[:100], extra[1] if type(extra[1]) is list else []
        base: type[BaseException] = Exception
        for candidate in bases:
            found = getattr(builtins, str(candidate), None)
            if isinstance(found, type) and issubclass(found, Exception):
                base = found
                break
        if base.__name__ != name:
            key = (name, base.__name__)
            if key not in self._exceptions:
                self._exceptions[key] = type(name if name.isidentifier() else "Error", (base,), {})
            base = self._exceptions[key]
        try:
            return base(*args)
        except Exception:
            try:
                return base(*(str(a) for a in args))
            except Exception:
                fallback: type[Exception] = type(name if name.isidentifier() else "Error", (Exception,), {})
                return fallback(*map(str, args))

    def serve_one(self, op: Any, target: Any, values: list[Any]) -> None:
        """Answer one request of the other side."""
        try:
            obj = self.objects.get(target) if type(target) is int else None
            if obj is None or target % 2 != self.side or isinstance(obj, Handle):
                raise BridgeError(f"no object {target!r} of this side was shared")
            payload = [self.decode(v) for v in values]
            result = self.perform(str(op), obj, payload)
        except MemoryError:
            if self.side == TESTS:
                raise
            self.answer("memory", "the candidate ran out of memory", [])
            return
        except Exception as exc:
            self._raise_back(exc)
            return
        except (SystemExit, KeyboardInterrupt) as exc:
            if self.side == TESTS:
                raise
            self.answer("exited", f"{type(exc).__name__} inside the call", [])
            raise Exited(type(exc).__name__) from None
        try:
            self.answer("ok", None, [result])
        except (BridgeError, RecursionError) as exc:
            self._raise_back(TypeError(f"the result cannot cross the sandbox: {_describe(exc)}"))

    def _raise_back(self, exc: BaseException) -> None:
        try:
            self.answer("raised", [type(exc).__name__, _exception_bases(exc)], list(exc.args))
        except (BridgeError, RecursionError):
            self.answer("raised", [type(exc).__name__, _exception_bases(exc)], [_describe(exc)])

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
            return bool(obj)
        if op == "getitem" and len(payload) == 1:
            return obj[payload[0]]
        if op == "setitem" and len(payload) == 2:
            obj[payload[0]] = payload[1]
            return None
        raise BridgeError(f"operation {op!r} is not allowed")


TESTS_MODULE = "__assay_tests__"  # the name of the namespace the tests and the setup run in
# What the tests may lend the candidate as a handle: their own functions, objects and iterators, and
# builtin methods bound to a value they own (`seen.append` as a callback). Never a module, frame, code
# object, class or function of the worker: through one of those the candidate could reach the tests'
# globals, the recorder or the harness (a generator's frame leads to its globals and builtins).
_ITERATORS: tuple[Any, ...] = (
    iter([]),
    iter(()),
    iter({}),
    iter(set()),
    iter(""),
    iter(range(0)),
    iter(b""),
    reversed([]),
    {}.keys(),
    {}.values(),
    {}.items(),
    iter({}.items()),
    map(abs, ()),
    filter(None, ()),
    zip(),
    enumerate(()),
)
_LENDABLE_TYPES = frozenset(type(x) for x in _ITERATORS)


def _problem_class(cls: type) -> bool:
    return cls.__module__ == TESTS_MODULE


def _may_lend(value: Any) -> bool:
    cls = type(value)
    if isinstance(value, type):
        return False
    if cls.__name__ in ("function", "method"):  # the tests' own functions and bound methods
        return getattr(value, "__module__", None) == TESTS_MODULE
    if cls.__name__ == "generator":  # iterated only: no attribute of it is ever read for the candidate
        return getattr(getattr(value, "gi_code", None), "co_filename", "").startswith("<")
    if cls.__name__ == "builtin_function_or_method":  # bound to a value, never to a module
        owner = getattr(value, "__self__", None)
        return owner is not None and not isinstance(owner, type(sys)) and not isinstance(owner, type)
    if cls.__name__ == "partial":
        return _may_lend(getattr(value, "func", None))
    return cls in _LENDABLE_TYPES or _problem_class(cls) or cls.__name__ == "SimpleNamespace"


def _has_open_attributes(obj: Any) -> bool:
    """Objects whose public attributes the candidate may read and set: instances of the problem's own
    classes (and plain namespaces). Not functions, generators, classes or anything of the worker."""
    cls = type(obj)
    return not isinstance(obj, type) and (_problem_class(cls) or cls.__name__ == "SimpleNamespace")


def _attributes(value: Any) -> list[tuple[str, Any]]:
    found: dict[str, Any] = {}
    for cls in reversed(type(value).__mro__):
        slots = cls.__dict__.get("__slots__", ())
        for slot in slots if isinstance(slots, tuple | list) else ():
            if type(slot) is str and not slot.startswith("__") and hasattr(value, slot):
                found[slot] = getattr(value, slot)
    attributes = getattr(value, "__dict__", None)
    if type(attributes) is dict:
        found.update((k, v) for k, v in attributes.items() if type(k) is str and not k.startswith("__"))
    return list(found.items())


def _resolve(module: str, qualname: str) -> Any:
    try:
        value: Any = __import__(module)
        for part in qualname.split("."):
            value = getattr(value, part)
    except (ImportError, AttributeError) as exc:
        raise BridgeError(f"no {module}.{qualname}") from exc
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise BridgeError("not an int")
    return value


def _describe(exc: BaseException) -> str:
    try:
        text = f"{type(exc).__name__}: {exc}"
    except Exception:
        text = type(exc).__name__
    return text if len(text) <= 300 else text[:300] + "…"

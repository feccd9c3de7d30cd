"""One side's table of shared objects, and how it writes its values on the wire (encoding).

Loaded on both sides of the sandbox (standard library only); see bridge.py for the design. The base of
bridge.Bridge: the table of shared ids, the wire form of a value (by value, by name, a shared object's
id, or a handle), and the state of every shared object the other side must see with a message. Reading
the wire is bridge_decode's, the protocol bridge's.
"""

from __future__ import annotations

import base64
import builtins
import gc
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host imports the bridge from the package (verifier, tests)
    from assay.domains.code.bridge_kinds import (
        _BASE_ITEMS,
        _BASES,
        _BY_NAME,
        _EMPTY_TYPES,
        _FORWARDED,
        _KINDS,
        _PLAIN,
        _SCALAR_COPY,
        _SCALARS,
        _VIEWS,
        CANDIDATE,
        MAX_DEPTH,
        MAX_NODES,
        NAMED_MODULES,
        SAFE_BUILTINS,
        TESTS,
        BridgeError,
        Handle,
        _name,
        _own,
        operators_of,
        protocols_of,
    )
    from assay.domains.code.bridge_values import (
        _attributes,
        _bare_subclass,
        _may_lend,
        _namedtuple_class,
        _refuse_redefined_reader,
        _resolve,
        _wire_name,
    )
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge_kinds import (
        _BASE_ITEMS,
        _BASES,
        _BY_NAME,
        _EMPTY_TYPES,
        _FORWARDED,
        _KINDS,
        _PLAIN,
        _SCALAR_COPY,
        _SCALARS,
        _VIEWS,
        CANDIDATE,
        MAX_DEPTH,
        MAX_NODES,
        NAMED_MODULES,
        SAFE_BUILTINS,
        TESTS,
        BridgeError,
        Handle,
        _name,
        _own,
        operators_of,
        protocols_of,
    )
    from bridge_values import (
        _attributes,
        _bare_subclass,
        _may_lend,
        _namedtuple_class,
        _refuse_redefined_reader,
        _resolve,
        _wire_name,
    )


def _plain(values: Any) -> bool:
    """Whether values (a list or tuple) are plain scalars only, none a NaN: their own wire form."""
    types = set(map(type, values))
    return types <= _PLAIN and (float not in types or all(v == v for v in values if type(v) is float))


class SharedTable:
    """One side's table of shared objects and the wire form of its values (see bridge.Bridge)."""

    def __init__(
        self,
        side: int,
        send: Callable[[Any], None],
        receive: Callable[[], Any],
        classes: Mapping[str, type] | None = None,
    ) -> None:
        self.side = side
        self._send = send
        self._receive = receive
        self.classes: Mapping[str, type] = dict(classes or {})
        self.objects: dict[int, Any] = {}  # sid → this side's object (a real value or a Handle)
        self.sids: dict[int, int] = {}  # id(object) → sid
        self.kinds: dict[int, str] = {}  # sid → kind
        self.synced: dict[int, Any] = {}  # sid → the state both sides last agreed on (sent or received)
        self._next = 2 + side
        self._exceptions: dict[tuple[str, str, bool], type[BaseException]] = {}
        self._subclasses: dict[tuple[type, str, bool], type] = {}
        self.before_send: Callable[[], None] = lambda: None
        self.after_receive: Callable[[], None] = lambda: None
        # what of C's the tests held and cannot drive through a handle (bridge_kinds.UNDRIVEN)
        self.undriven: list[str] = []
        # C's coroutines the tests received, and those run to their end alone (bridge_async)
        self.coroutines_held = self.coroutines_driven = 0
        self.handle_types: dict[int, type] = {}  # sid → the class of this side's object, when it crossed

    # --- the table -----------------------------------------------------------------------------------

    def _register(self, value: Any, kind: str, sid: int | None = None) -> int:
        if sid is None:
            sid = self._next
            self._next += 2
        self.objects[sid] = value
        self.sids[id(value)] = sid
        self.kinds[sid] = kind
        if kind == "h" and sid % 2 == self.side:  # its class gave the other side's handle its protocols
            self.handle_types[sid] = type(value)
        return sid

    def _forget(self, sid: int) -> None:
        self.handle_types.pop(sid, None)
        value = self.objects.pop(sid, None)
        self.kinds.pop(sid, None)
        self.synced.pop(sid, None)
        if value is not None and self.sids.get(id(value)) == sid:
            del self.sids[id(value)]

    def handle_died(self) -> bool:
        """Whether the table alone still holds a handle to an object of the other side (the tests'
        side: C's object is dropped with the next message, and what C runs then is late, drop_watch)."""
        objects, side = self.objects, self.side
        return any(
            kind == "h" and sid % 2 != side and sys.getrefcount(objects[sid]) <= 2
            for sid, kind in self.kinds.items()
        )

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
        if self.classes.get(_name(cls)) is cls and not isinstance(value, type):
            return "o"
        if self.side == CANDIDATE:  # only C's subclasses: the tests' own cross as they are
            for base, base_kind in _BASES:
                if issubclass(cls, base):  # the real type: `isinstance` would believe a forged `__class__`
                    if _bare_subclass(value, base):
                        return f"{base_kind}/{_wire_name(cls)}"
                    if issubclass(base, dict) and _bare_subclass(value, base, _FORWARDED):
                        return f"{base_kind}/{_wire_name(cls)}/missing"
                    _refuse_redefined_reader(cls, base)
                    return None
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
            if cls is float and value != value:  # a NaN: found by identity (`x in r`), so it keeps one
                return self._nan(value, fresh)
            return value
        if cls is tuple:  # the common containers first: most calls pass tuples of plain values
            if _plain(value):  # plain scalars are their own wire form
                budget[0] -= len(value)
                return ["t", list(value)]
            return ["t", [self.encode(v, fresh, budget, depth + 1) for v in value]]
        sid = self.sids.get(id(value))
        if sid is not None and self.objects.get(sid) is value:
            return ["r", sid]
        if self.side == CANDIDATE and cls in _VIEWS:
            mapping = [m for m in gc.get_referents(value) if isinstance(m, dict)]
            if len(mapping) == 1:
                return ["dv", _VIEWS[cls], self.encode(mapping[0], fresh, budget, depth + 1)]
        kind = self._kind(value)
        if kind == "o":
            member = self._enum_member(value, fresh, budget, depth)
            if member is not None:
                return member
        if kind is not None:
            fresh.append(self._register(value, kind))
            return ["r", self.sids[id(value)]]
        if self.side == CANDIDATE and cls not in _SCALARS and issubclass(cls, _SCALARS):
            return self._scalar_subclass(value, fresh, budget, depth)
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
            return [tag, str(value) if tag in ("fr", "dc", "pp", "pu") else value.isoformat()]
        if value is ... or value is NotImplemented:  # singletons, by name
            return ["bi", "Ellipsis" if value is ... else "NotImplemented"]
        named = self._named(value)
        if named is not None:
            return named
        if self.side == TESTS and not _may_lend(value):
            # in one program the candidate would have had it: what its refusal makes of the run (a
            # failure, or code that goes on without it) is no program's (bridge_kinds.UNDRIVEN)
            note = f"a {type(value).__name__} of the tests that cannot cross to the candidate"
            if note not in self.undriven:
                self.undriven.append(note)
            raise BridgeError(f"a {type(value).__name__} of the tests cannot cross to the candidate")
        fresh.append(self._register(value, "h"))
        return ["r", self.sids[id(value)]]

    def _nan(self, value: float, fresh: list[int]) -> list[Any]:
        """A NaN crosses with its identity, as a shared object of kind "nan": it equals nothing, not
        even itself, so `nan in r`, `[nan] == r` and a dict's key find it only by identity, and the
        NaN the tests passed and got back must be the very one they hold (identity_checks)."""
        sid = self.sids.get(id(value))
        if sid is None or self.objects.get(sid) is not value:
            sid = self._register(value, "nan")
            fresh.append(sid)
        return ["r", sid]

    def _scalar_subclass(self, value: Any, fresh: list[int], budget: list[int], depth: int) -> Any:
        """A value of C's own subclass of str, int, tuple, ... (exact builtins crossed before). One that
        overrides nothing crosses as its content, rebuilt on the other side as a fresh empty subclass
        of the builtin with its name: every operation is then the builtin's, as in Python, and
        `type(r) is str` stays False. One that overrides anything (`__len__`, `__eq__`, `__index__`,
        `__str__`, a method) is an object of the candidate's: a handle, whose operations run in C; one
        that redefines a reader of the builtin (`__len__`) is refused (see bridge_values._READERS)."""
        cls = type(value)
        if issubclass(cls, tuple) and _namedtuple_class(cls):
            fields = _own(_namedtuple_class(cls) or cls)["_fields"]
            items = [self.encode(v, fresh, budget, depth + 1) for v in tuple.__iter__(value)]
            if type(fields) is tuple and all(type(f) is str for f in fields) and len(fields) == len(items):
                return ["n", _name(cls), list(fields), items]
        base = next(b for b in _SCALARS if issubclass(cls, b))
        if base is not bool and _bare_subclass(value, base):
            if base is tuple:
                content: Any = [
                    "t",
                    [self.encode(v, fresh, budget, depth + 1) for v in tuple.__iter__(value)],
                ]
            elif base is frozenset:
                content = ["z", [self.encode(v, fresh, budget, depth + 1) for v in frozenset.__iter__(value)]]
            else:
                content = self.encode(_SCALAR_COPY[base](value), fresh, budget, depth + 1)
            return ["sub", base.__name__, _wire_name(cls), content]
        _refuse_redefined_reader(cls, base)
        fresh.append(self._register(value, "h"))
        return ["r", self.sids[id(value)]]

    def _enum_member(self, value: Any, fresh: list[int], budget: list[int], depth: int) -> list[Any] | None:
        """A member of an Enum the problem defines crosses by name, so `is Color.RED` holds on the other
        side (a member rebuilt from its attributes would be a second, different member)."""
        enum = sys.modules.get("enum")
        cls: Any = type(value)
        if enum is None or not isinstance(value, enum.Enum):
            return None
        name = value.name
        if type(name) is str and cls.__members__.get(name) is value:
            return ["en", cls.__name__, name]
        return ["en", cls.__name__, None, self.encode(value.value, fresh, budget, depth + 1)]  # a Flag mix

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
        kind = self.kinds[sid]
        base_kind, _, name = kind.partition("/")
        value = self.objects[sid]
        if name and self.side == CANDIDATE:
            # the other side rebuilt it with the builtin's operations: a class changed since (a method
            # set on it, `__class__` reassigned) would make the tests judge by the wrong semantics
            forwarded = _FORWARDED if name.endswith("/missing") else frozenset()
            if name.partition("/")[0] != _wire_name(type(value)) or not _bare_subclass(
                value, _EMPTY_TYPES[base_kind], forwarded
            ):
                raise BridgeError("the class of a shared object changed after it crossed the sandbox")
        state = self._base_state(value, base_kind, fresh, budget)
        if name:
            state[0] = kind
        return state

    def _base_state(self, value: Any, kind: str, fresh: list[int], budget: list[int]) -> Any:
        if kind == "h":  # the other side's handle has the protocols of value's class, and no other
            return [kind, _name(type(value)), protocols_of(value), operators_of(value)]
        if kind == "nan":  # nothing but its identity
            return [kind]
        if kind in ("l", "dq"):
            items = list.copy(value) if kind == "l" else list(value)
            if not _plain(items):  # plain scalars are their own wire form (fast path)
                items = [self.encode(v, fresh, budget, 1) for v in items]
            budget[0] -= len(items)
            return [kind, items, value.maxlen] if kind == "dq" else [kind, items]
        if kind == "s":
            return [kind, [self.encode(v, fresh, budget, 1) for v in list(value)]]
        if kind == "ba":
            return [kind, base64.b64encode(bytes(value)).decode("ascii")]
        if kind in ("d", "od", "ct", "dd"):
            pairs = [[self.encode(k, fresh, budget, 1), self.encode(v, fresh, budget, 1)] for k, v in
                     list(_BASE_ITEMS.get(kind, dict.items)(value))]  # fmt: skip
            if kind == "dd":
                factory = value.default_factory
                return [kind, pairs, None if factory is None else self.encode(factory, fresh, budget, 1)]
            return [kind, pairs]
        attributes = _attributes(value)
        return [kind, _name(type(value)), [[k, self.encode(v, fresh, budget, 1)] for k, v in attributes]]

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

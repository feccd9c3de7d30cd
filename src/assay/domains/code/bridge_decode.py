"""How one side of the bridge reads the other's values and states (decoding).

Loaded on both sides of the sandbox (standard library only); see bridge.py for the design. Every value
is rebuilt here from builtin types and the problem's classes only, never from a class the other side
names; a shared object is created empty, then filled in place from its state (so objects that refer to
each other rebuild in any order). The protocol is bridge.Bridge's.
"""

from __future__ import annotations

import base64
import builtins
import collections
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host imports the bridge from the package (verifier, tests)
    from assay.domains.code.bridge_async import CoroutineHandle
    from assay.domains.code.bridge_encode import SharedTable
    from assay.domains.code.bridge_kinds import (
        _BY_TAG,
        _EMPTY,
        _EMPTY_TYPES,
        _PLAIN,
        _SCALAR_NAMES,
        CANDIDATE,
        MAX_DEPTH,
        NAMED_MODULES,
        SAFE_BUILTINS,
        TESTS,
        UNDRIVEN_KINDS,
        BridgeError,
        handle_class,
    )
    from assay.domains.code.bridge_values import (
        _int,
        _resolve,
    )
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge_async import CoroutineHandle
    from bridge_encode import SharedTable
    from bridge_kinds import (
        _BY_TAG,
        _EMPTY,
        _EMPTY_TYPES,
        _PLAIN,
        _SCALAR_NAMES,
        CANDIDATE,
        MAX_DEPTH,
        NAMED_MODULES,
        SAFE_BUILTINS,
        TESTS,
        UNDRIVEN_KINDS,
        BridgeError,
        handle_class,
    )
    from bridge_values import (
        _int,
        _resolve,
    )


class Codec(SharedTable):
    """The table of shared objects, reading the other side's values as well (see bridge.Bridge)."""

    request: Callable[[str, int, list[Any]], Any]  # the protocol's (Bridge.request): for _missing_of_c

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
        if tag == "sub" and len(rest) == 3 and rest[0] in _SCALAR_NAMES and type(rest[1]) is str:
            base = _SCALAR_NAMES[rest[0]]
            content = self.decode(rest[2], depth + 1)
            if type(content) is not base:
                raise BridgeError("a subclass whose content is not its builtin")
            return self._subclass(base, rest[1])(content)
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
        if tag == "k" and len(rest) == 1 and type(rest[0]) is str and self.classes.get(rest[0]) is not None:
            return self.classes.get(rest[0])
        if tag == "en" and len(rest) in (2, 3) and type(rest[0]) is str:
            return self._decode_member(rest, depth)
        if tag == "dv" and len(rest) == 2 and rest[0] in ("keys", "items", "values", "proxy"):
            mapping = self.decode(rest[1], depth + 1)
            if not isinstance(mapping, dict):
                raise BridgeError("a dict view of something that is not a dict")
            if rest[0] == "proxy":
                return type(type.__dict__)(mapping)
            return getattr(mapping, rest[0])()  # this side's own dict (a shared one, or one it built)
        if tag == "fn" and len(rest) == 2 and self.side == CANDIDATE and rest[0] in NAMED_MODULES:
            return _resolve(str(rest[0]), str(rest[1]))
        raise BridgeError(f"not a value (tag {tag!r})")

    def _decode_member(self, rest: list[Any], depth: int) -> Any:
        enum = sys.modules.get("enum")
        cls: Any = self.classes.get(rest[0])
        if enum is None or not isinstance(cls, enum.EnumMeta):
            raise BridgeError("a member of an Enum the problem does not define")
        if len(rest) == 2:
            member = cls.__members__.get(rest[1]) if type(rest[1]) is str else None
            if member is None:
                raise BridgeError(f"{rest[0]} has no member {rest[1]!r}")
            return member
        return cls(self.decode(rest[2], depth + 1))  # the problem's own class decides (a Flag mix)

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

    def _subclass(self, base: type, name: str, missing: bool = False) -> Any:
        """A fresh subclass of base that overrides nothing, named like C's (one per name and base); with
        missing, its `__missing__` is C's object's (see bridge_kinds._FORWARDED)."""
        name = name[:100] if name.isidentifier() else "Subclass"
        key = (base, name, missing)
        if key not in self._subclasses:
            namespace: dict[str, Any] = {"__module__": "candidate"}
            if missing:
                namespace["__missing__"] = self._missing_of_c()
            self._subclasses[key] = type(name, (base,), namespace)
        return self._subclasses[key]

    def _missing_of_c(self) -> Callable[[Any, Any], Any]:
        bridge = self

        def __missing__(mapping: Any, key: Any) -> Any:  # the dunder Python calls
            sid = bridge.sids.get(id(mapping))
            if sid is None or bridge.objects.get(sid) is not mapping:
                raise KeyError(key)  # not (or no longer) shared: nothing of C's to ask
            return bridge.request("getitem", sid, [key])

        return __missing__

    def _empty(self, kind: str, state: list[Any], sid: int) -> Any:
        kind, _, name = kind.partition("/")
        if name:
            if kind not in _EMPTY:
                raise BridgeError(f"unknown kind {kind!r}")
            name, _, extra = name.partition("/")
            cls = self._subclass(
                _EMPTY_TYPES[kind], name, extra == "missing" and issubclass(_EMPTY_TYPES[kind], dict)
            )
            if (
                kind == "dq"
                and len(state) == 3
                and (state[2] is None or (type(state[2]) is int and state[2] >= 0))
            ):
                return cls(maxlen=state[2])
            return cls()
        if kind == "h":
            name = str(state[1])[:100] if len(state) > 1 else "object"
            if self.side == CANDIDATE and name in UNDRIVEN_KINDS:  # C cannot await it (bridge_async.drive)
                self.coroutines_held += 1
            if self.side == TESTS and name in UNDRIVEN_KINDS and f"a {name}" not in self.undriven:
                self.undriven.append(f"a {name}")
            letters = state[2] if len(state) > 2 and type(state[2]) is str else ""
            named = state[3] if len(state) > 3 and type(state[3]) is list else []
            operators = frozenset(n for n in named[:100] if type(n) is str)
            if self.side == TESTS and name == "coroutine" and not letters and not operators:
                # awaited alone, it runs to its end in C (bridge_async); until then the run is unknown
                self.coroutines_held += 1
                return CoroutineHandle(self, sid, name)
            return handle_class(letters[:16], operators)(self, sid, name)
        if kind == "nan":
            return float("nan")
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
        kind = state[0].partition("/")[0]  # a bare subclass fills as its builtin
        if kind in ("h", "nan"):
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

"""The setup's data and classes as the candidate's process C holds them: what the tests cannot see change.

Loaded inside the sandbox only (standard library only), in C. The problem's setup (a prompt's constants,
its ListNode) runs in both processes: the tests keep their own copy of what it filled (expected data
must not be the candidate's to rewrite, harness._shared_state), and C runs the program against its own.
In one program the tests would see what the program did to them: `PRICES.clear()`, `QUEUE.sort()`,
`Account.opened += 1`, a setup constant rebound. Tests written to catch that (`assert PRICES ==
{...}` after the call) would fail; here they would pass. So C compares, at every crossing, the setup's
data names and classes with what they held before the program ran, and names each one changed
(SetupWatch.unseen, sent like program_changes' report): the task is then never `verified`.

Compared is a value's content, read into plain tuples (freeze): containers item by item, an instance
of a setup class by its attributes, a class by its own namespace (methods by their code), floats by
their bits. The setup's empty containers are not watched: the tests read those from C (they are the
program's shared state, harness._shared_state).
"""

from __future__ import annotations

import builtins
import collections
import types
from collections.abc import Callable
from typing import Any

MAX_NODES = 500_000  # values read per look; a setup larger than this is named as unwatchable
MAX_DEPTH = 100
_PLAIN = frozenset({str, int, bool, bytes, complex, type(None)})
_SEQUENCES = frozenset({list, tuple, collections.deque})
_MAPPINGS = frozenset({dict, collections.OrderedDict, collections.defaultdict, collections.Counter})
_SHARED = frozenset({list, dict, set, bytearray, *_MAPPINGS, collections.deque})  # harness._shared_state
# the builtin content of an instance of a setup class derived from a builtin, read by the builtin
_CONTENT: dict[type, Callable[[Any], Any]] = {
    list: list.copy, dict: dict.copy, set: set.copy, bytearray: bytes, collections.deque: list,
    tuple: tuple, frozenset: frozenset.copy, str: str.__str__, int: int.__index__, float: float.hex,
}  # fmt: skip
_TYPE_DICT = type.__dict__["__dict__"]
_TYPE_MODULE = type.__dict__["__module__"]


class _Unwatchable(Exception):
    pass


def _is_data(value: Any) -> bool:
    """A value the setup filled: not a module, class, function or other callable (those are code)."""
    return not isinstance(value, types.ModuleType | type) and not callable(value)


def _lazy(name: str, value: Any) -> bool:
    return type(value) in _SHARED and not value and not name.startswith("_")


class _Freezer:
    def __init__(self, module: str, classes: frozenset[str]) -> None:
        self.module = module
        self.classes = classes
        self.budget = MAX_NODES

    def _setup_class(self, cls: type) -> bool:
        return cls.__name__ in self.classes and _TYPE_MODULE.__get__(cls, type) == self.module

    def value(self, value: Any, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0 or depth > MAX_DEPTH:
            raise _Unwatchable
        cls = type(value)
        if cls in _PLAIN:
            return value
        if cls is float:
            return ("f", value.hex())  # nan and -0.0 as themselves
        if cls in _SEQUENCES:
            items = tuple(value)
            if not set(map(type, items)) <= _PLAIN:
                items = tuple(self.value(v, depth + 1) for v in items)
            self.budget -= len(items)
            return (cls.__name__, items)
        if cls in _MAPPINGS:
            pairs = tuple((self.value(k, depth + 1), self.value(v, depth + 1)) for k, v in value.items())
            factory = getattr(value, "default_factory", None)
            return (cls.__name__, pairs, None if factory is None else self.value(factory, depth + 1))
        if cls is set or cls is frozenset:
            return (cls.__name__, frozenset(self.value(v, depth + 1) for v in value))
        if cls is bytearray:
            return ("ba", bytes(value))
        if cls is types.FunctionType:
            return ("fn", value.__qualname__, value.__code__)  # a copy made by the same source is equal
        if cls is staticmethod or cls is classmethod:
            return (cls.__name__, self.value(value.__func__, depth + 1))
        if cls is property:
            return ("property", *(self.value(f, depth + 1) for f in (value.fget, value.fset, value.fdel)))
        if isinstance(value, type):
            return ("class", value.__qualname__, _TYPE_MODULE.__get__(value, type))
        if self._setup_class(cls):
            attributes = getattr(value, "__dict__", None)
            own = sorted(attributes.items()) if type(attributes) is dict else []
            slots = [
                (s, getattr(value, s, None)) for k in cls.__mro__ for s in _slots(k) if not s.startswith("__")
            ]
            content = next((copy(value) for base, copy in _CONTENT.items() if isinstance(value, base)), None)
            return (
                "object",
                cls.__name__,
                tuple((k, self.value(v, depth + 1)) for k, v in own + slots),
                None if content is None else self.value(content, depth + 1),  # a `class Stack(list)`
            )
        text = repr(value)
        if " at 0x" not in text:
            return (cls.__qualname__, text)
        try:  # an object with no content in its repr (a random.Random, an iterator): its reduction
            reduced = value.__reduce_ex__(2)
        except Exception:
            return ("id", id(value))
        if type(reduced) is not tuple or len(reduced) < 2:
            return ("id", id(value))
        return ("reduced", cls.__qualname__, self.value(reduced[1:], depth + 1))

    def namespace(self, cls: type, depth: int = 0) -> Any:
        """A class's own names: methods by their code, data by content (its dunder data is Python's)."""
        own = _TYPE_DICT.__get__(cls, type)
        return tuple(
            (name, self.value(member, depth + 1))
            for name, member in own.items()
            if not (name.startswith("__") and type(member) is not types.FunctionType)
            and not (name.startswith("_") and name.endswith("_") and not name.startswith("__"))
            and name != "_abc_impl"
        )


def _slots(cls: type) -> tuple[str, ...]:
    slots = _TYPE_DICT.__get__(cls, type).get("__slots__", ())
    if type(slots) is str:
        return (slots,)
    return tuple(s for s in slots if type(s) is str) if isinstance(slots, tuple | list) else ()


class SetupWatch:
    """The setup's data names in C's namespace and its class objects, and what they held before."""

    def __init__(self, namespace: dict[str, Any], data: dict[str, Any], classes: dict[str, type]) -> None:
        self.namespace = namespace
        self.module = str(namespace.get("__name__"))
        self.names = tuple(data)
        # a class is watched as the object the setup made (its data, its methods): a program that
        # defines its own class of that name has one of its own, which the tests never use
        self.classes = classes
        self.known = self._frozen(data)

    @staticmethod
    def watched(values: dict[str, Any], module: str) -> dict[str, Any]:
        """The setup's names worth watching in values: its data (but the empty containers the tests
        read from C) and the classes it defines."""
        return {
            name: value
            for name, value in values.items()
            if not name.startswith("__")
            and getattr(builtins, name, None) is not value
            and (
                (_is_data(value) and not _lazy(name, value))
                or (isinstance(value, type) and _TYPE_MODULE.__get__(value, type) == module)
            )
        }

    def _frozen(self, data: dict[str, Any]) -> tuple[Any, ...]:
        freezer = _Freezer(self.module, frozenset(self.classes))
        try:
            return tuple(freezer.value(data.get(name, _GONE)) for name in self.names) + tuple(
                freezer.namespace(cls) for cls in self.classes.values()
            )
        except (_Unwatchable, RecursionError):
            return (_Unwatchable,)

    def unseen(self) -> list[str] | None:
        """The setup's names the program changed since the last look, in words; None when none."""
        now = self._frozen({name: self.namespace.get(name, _GONE) for name in self.names})
        if now == self.known:
            return None
        labels = [*self.names, *self.classes]
        if len(now) != len(labels) or len(self.known) != len(labels):
            self.known = now
            return ["the setup's data (too large to compare with the tests' own copy)"]
        changed = [name for name, a, b in zip(labels, now, self.known, strict=True) if a != b]
        self.known = now  # each change said once
        return [f"the setup's {name} (the tests keep their own copy)" for name in changed[:8]]


_GONE = ("deleted",)


def setup_watch(
    namespace: dict[str, Any], before: dict[str, Any] | None, source: str, shipped: dict[str, type]
) -> SetupWatch | None:
    """A watch of the setup's names in namespace, C's module after the program loaded. before: the
    namespace as the setup left it, before the program ran; None when the program ran the setup itself
    (a HumanEval prompt and its completion): the setup then runs again alone, apart, for what it held,
    when it defines data or classes at all."""
    module = str(namespace.get("__name__"))
    if before is None:
        try:
            compiled = compile(source, "<setup>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):  # a prompt that compiles only with its completion
            return None
        names = set(compiled.co_names)
        wanted = SetupWatch.watched({n: namespace[n] for n in names if n in namespace}, module)
        classes = {n: v for n, v in wanted.items() if isinstance(v, type)}  # the program's own, now
        before = {}
        if len(wanted) > len(classes):
            before = {"__name__": module, "__builtins__": builtins}
            try:
                exec(compiled, before)  # noqa: S102 - the problem's own setup code
            except Exception:  # the setup does not run alone: nothing of it to compare with
                return None
        data = {n: v for n, v in SetupWatch.watched(before, module).items() if not isinstance(v, type)}
        classes |= {n: c for n, c in shipped.items() if isinstance(c, type)}
    else:
        pristine = SetupWatch.watched(before, module)
        data = {n: v for n, v in pristine.items() if not isinstance(v, type)}
        classes = {n: v for n, v in pristine.items() if isinstance(v, type)}
    if not data and not classes:
        return None
    return SetupWatch(namespace, data, classes)


def joined(*reports: Callable[[], list[str] | None] | None) -> Callable[[], list[str] | None] | None:
    """One report of several (None for none)."""
    present = [r for r in reports if r is not None]
    if len(present) <= 1:
        return present[0] if present else None

    def report() -> list[str] | None:
        found: list[str] = []
        for one in present:
            found += one() or []
        return found or None

    return report

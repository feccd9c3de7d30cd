"""The bridge's vocabulary: limits, the kinds of values that cross and their tags, the errors, Handle.

Loaded on both sides of the sandbox (standard library only); see bridge.py for the design. Here are the
tables both sides agree on (which builtin types cross with their identity, which by value, which
builtins by name), the three errors a side raises when the other breaks the protocol or ends a call,
`Handle` (what stands for an object of the other side), and the readers of a class's metadata through
type's own slots, which a metaclass cannot redefine.
"""

from __future__ import annotations

import builtins
import collections
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # annotations only: the bridge imports this module
    from assay.domains.code.bridge import Bridge
    from assay.domains.code.bridge_decode import Codec

MAX_DEPTH = 200
MAX_NODES = 20_000_000
TESTS, CANDIDATE = 0, 1  # the parity of the shared ids each side allocates
# what a refused import says (the sandbox holds the standard library only); the verifier reads it
UNAVAILABLE = "module not available in the sandbox"
NOTHING_CHECKED = "the tests checked nothing"  # they ran to the end with no check: never passed
# what a task's message starts with when the tests compared an object of the candidate's class that
# defines its equality (Handle.__eq__): the verifier says unknown
NOT_JUDGED = "the tests compared an object of the candidate's own class, whose equality is not judged"
# what a task's message starts with when the tests cannot be run as their runner would run them (a
# fixture the sandbox cannot give faithfully, a test that skipped itself while it ran): unknown
NOT_RUN = "the tests cannot be run here as their runner would run them"
# what a passed task's message starts with when the candidate changed interpreter state the tests
# could not see (harness._unseen_changes); the verifier then says unknown, never verified
UNMIRRORED = "the candidate changed interpreter state the tests run apart from cannot see"
# what a failed task's message starts with when the tests changed what C cannot see (harness): the
# failure may be the divergence's, not the code's, so the verifier says unknown, never refuted
TESTS_UNMIRRORED = "the tests changed interpreter state the candidate's process cannot see"
# what a task's message starts with when the tests held an object of C's that Python drives only by its
# own type: a coroutine or an async generator (asyncio.run, await, async for check the type) or a class
# the tests subclass (Python builds the subclass with the base's metaclass). A handle cannot stand in for
# it, so neither a pass nor a failure says what one program would have done: the verifier says unknown
UNDRIVEN = "the tests held an object of the candidate's that Python runs only by its own type"
UNDRIVEN_KINDS = frozenset({"coroutine", "async_generator"})
# what C says when an object the tests hold a handle to changed its class (the handle's protocols and
# operators are its first class's): neither a pass nor a failure stands (harness)
RECLASSED = "the candidate changed the class of an object the tests hold"

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
        "Ellipsis",
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
        "NotImplemented",
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
# the builtin exception classes cross by name too (`safe_call(fn, ZeroDivisionError)`): each side's own
SAFE_BUILTINS |= frozenset(
    name for name, cls in vars(builtins).items() if isinstance(cls, type) and issubclass(cls, BaseException)
)
# attributes of the dunder kind the tests may read from a candidate object (`candidate.__name__`): each is
# a value (or a handle) like any other attribute. The rest stay refused, so Python's own probing of a
# handle (copy, pickle, inspect look for `__deepcopy__`, `__reduce__`, ...) is never answered by C.
READABLE_DUNDERS = frozenset(
    {"__name__", "__qualname__", "__wrapped__", "__defaults__", "__kwdefaults__", "__annotations__",
     "__dict__"}
)  # fmt: skip
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
# A subclass of one of these made by the candidate (`class Result(list): pass`) that overrides nothing
# crosses as a shared object of kind "l/Result": the tests hold a fresh empty subclass of the builtin named
# Result with the same content (most specific first: Counter is also a dict). One that overrides anything
# is a handle (see bridge_values._bare_subclass).
_BASES: tuple[tuple[type, str], ...] = (
    (collections.Counter, "ct"),
    (collections.OrderedDict, "od"),
    (collections.defaultdict, "dd"),
    (collections.deque, "dq"),
    (dict, "d"),
    (list, "l"),
    (set, "s"),
    (bytearray, "ba"),
)
# the types of the dict views: a view the candidate returns crosses as the same view of the dict it
# belongs to (compared with a set as in Python: `d.keys() == {'a', 'b'}`)
_VIEWS: dict[type, str] = {
    type({}.keys()): "keys",
    type({}.items()): "items",
    type({}.values()): "values",
    type(collections.OrderedDict().keys()): "keys",
    type(collections.OrderedDict().items()): "items",
    type(collections.OrderedDict().values()): "values",
    type(type.__dict__): "proxy",  # types.MappingProxyType: a read-only view of a dict
}
# the builtin's own `items` (an OrderedDict's order is its own, not the dict's underneath)
_BASE_ITEMS: dict[str, Callable[[Any], Any]] = {"od": collections.OrderedDict.items}
SHARED_TYPES = frozenset(_KINDS)  # the builtin types that cross with their identity (shared objects)
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
    ("pathlib", "PosixPath"): "pp",  # a path is its text (pytest's tmp_path, `tmp_path / "out.txt"`)
    ("pathlib", "PurePosixPath"): "pu",
}
_BY_TAG = {tag: key for key, tag in _BY_NAME.items() if tag != "td"}
_EMPTY_TYPES: dict[str, type] = {kind: cls for cls, kind in _KINDS.items()}
# the immutable builtins a candidate may subclass; what crosses of a bare subclass is its exact content
_SCALARS: tuple[type, ...] = (bool, str, int, float, complex, bytes, tuple, frozenset)
_SCALAR_NAMES: dict[str, type] = {cls.__name__: cls for cls in _SCALARS if cls is not bool}
_SCALAR_COPY: dict[type, Callable[[Any], Any]] = {
    str: str.__str__,
    int: int.__index__,
    float: float.__float__,
    complex: complex.__complex__,
    bytes: bytes.__bytes__,
}
# what a class statement puts in a class's own namespace without the author overriding anything
_INERT = frozenset(
    {"__module__", "__qualname__", "__doc__", "__annotations__", "__orig_bases__", "__firstlineno__",
     "__static_attributes__", "__slots__"}
)  # fmt: skip
_DESCRIPTOR_SLOTS = frozenset({"__dict__", "__weakref__"})
# A dict subclass that defines `__missing__` and nothing else (a defaultdict by hand) crosses as its
# content in a fresh subclass whose `__missing__` asks C for `d[key]`: C's object, synced to the same
# content, runs the candidate's `__missing__` as Python would. Equality, length and iteration are the
# builtin's (the class overrides none), so no answer of C ever decides a comparison.
_FORWARDED = frozenset({"__missing__"})
_GETSET = type(type.__dict__["__dict__"])  # the default `__dict__` / `__weakref__` of a class
_NAMEDTUPLE_KEYS = frozenset(vars(collections.namedtuple("_Probe", "")))


class BridgeError(BaseException):
    """The other side sent something the protocol does not allow (garbage or an attack). A
    BaseException, so no `except Exception` of the tests can take it for an answer: the tests stop."""


class NotJudged(BaseException):
    """The tests compared or hashed an object of the candidate's own class that defines its equality:
    a handle equals only itself, which is not what that class would say (`a != b` would pass for a
    class whose `__eq__` always says yes), and C's answer is never taken. A BaseException, so no test
    can catch it: the tests stop, and the verifier says unknown."""


class Exited(BaseException):
    """C ended a call with SystemExit or KeyboardInterrupt: no later check can pass."""


class CandidateMemory(BaseException):
    """C ran out of memory inside a call."""


class Handle:
    """Stands for an object of the other side; every operation on it runs there.

    Equality and hashing are by identity and never leave this process, so a handle to an object whose
    `__eq__` always says yes equals only itself. A handle has the protocols its object's class gives it
    and no other (handle_class): `callable(h)`, `isinstance(h, Iterable)` or `hasattr(h, '__len__')`
    answer as they would of the object itself."""

    __slots__ = ("_assay_bridge", "_assay_equality", "_assay_kind", "_assay_sid")

    def __init__(self, bridge: Codec, sid: int, kind: str) -> None:
        object.__setattr__(self, "_assay_bridge", bridge)
        object.__setattr__(self, "_assay_sid", sid)
        object.__setattr__(self, "_assay_kind", kind)
        object.__setattr__(self, "_assay_equality", None)

    def _op(self, op: str, *payload: Any) -> Any:
        bridge: Bridge = object.__getattribute__(self, "_assay_bridge")
        return bridge.request(op, object.__getattribute__(self, "_assay_sid"), list(payload))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name not in READABLE_DUNDERS:
            raise AttributeError(name)
        return self._op("getattr", name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._op("setattr", name, value)

    def __bool__(self) -> bool:
        # The tests' side never takes the truth of a candidate object from the candidate: `assert
        # f(x)` and `assert not f(x)` would then be decided by a `__bool__` the candidate wrote (one that
        # changes its answer on each call passes both). An object of a class with no `__bool__` and no
        # `__len__` is true, as in Python; any other has no truth the tests accept (TypeError: the check
        # fails, closed). C's objects still see the tests' objects' real truth.
        bridge: Bridge = object.__getattribute__(self, "_assay_bridge")
        value = self._op("bool")
        if value is True or (bridge.side == CANDIDATE and value is False):
            return value is True
        raise TypeError("the truth of an object of the candidate's own class is not judged")

    def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]:
        # `class Sub(candidate)`: without this Python would build the subclass with Handle as its
        # metaclass. A subclass of C's class would live in the tests' process and run C's methods
        # there, which the bridge never does: refused, and noted so the run is unknown
        bridge: Codec = object.__getattribute__(self, "_assay_bridge")
        bridge.undriven.append("a class the tests subclass")
        raise TypeError("a class of the other side of the sandbox cannot be subclassed")

    def __instancecheck__(self, instance: Any) -> bool:
        # `isinstance(s, Stack)` with the candidate's class: the candidate's side knows its classes
        return self._strict_bool(self._op("isinstance", instance))

    def __subclasscheck__(self, subclass: Any) -> bool:
        return self._strict_bool(self._op("issubclass", subclass))

    @staticmethod
    def _strict_bool(value: Any) -> bool:
        if type(value) is not bool:
            raise TypeError("the other side answered a type check with something other than a bool")
        return value

    def __eq__(self, other: object) -> Any:
        if self._identity_is_equality():
            return self is other
        return self._op("eq", other)  # C's side: the tests' own class answers, in the tests' process

    def __hash__(self) -> int:
        if self._identity_is_equality():
            return id(self)
        value = self._op("hash")
        if type(value) is not int:
            raise TypeError("hash() of an object of the tests is not an int")
        return value

    def _identity_is_equality(self) -> bool:
        """Whether the object's class leaves equality to Python (its objects equal only themselves),
        asked of its side. The tests never take an answer of C's: for a class that defines its
        equality they stop (NotJudged). C asks the tests, whose classes are trusted, to compare."""
        bridge: Bridge = object.__getattribute__(self, "_assay_bridge")
        if bridge.side == TESTS:
            if self._op("equality") is not True:  # asked each time: C may change its object's class
                raise NotJudged(NOT_JUDGED)
            return True
        known = object.__getattribute__(self, "_assay_equality")
        if known is None:  # the tests' object keeps its class: asked once
            known = self._op("equality") is True
            object.__setattr__(self, "_assay_equality", known)
        return known is True

    def __repr__(self) -> str:
        kind = object.__getattribute__(self, "_assay_kind")
        return f"<{kind} from the other side of the sandbox>"

    # Python's copy and pickle protocols would read a handle's slots, the bridge among them, and
    # `copy.deepcopy(handle, memo)` keeps what it read alive in memo, where the candidate finds it: a
    # handle is never reduced, copied or pickled. The tests' copy of C's object (`copy.copy(stack)`)
    # would work in one program, so the refusal leaves the run unknown (UNDRIVEN)
    def _refuse_copy(self) -> NoReturn:
        bridge: Codec = object.__getattribute__(self, "_assay_bridge")
        if "a copy the tests made" not in bridge.undriven:
            bridge.undriven.append("a copy the tests made")
        raise TypeError("an object of the other side of the sandbox cannot be copied or pickled")

    def __reduce_ex__(self, protocol: object) -> Any:
        self._refuse_copy()

    def __reduce__(self) -> Any:
        self._refuse_copy()

    def __getstate__(self) -> Any:
        self._refuse_copy()

    def __copy__(self) -> Any:
        self._refuse_copy()

    def __deepcopy__(self, memo: object) -> Any:
        self._refuse_copy()


def _call(self: Handle, *args: Any, **kwargs: Any) -> Any:
    # the argument tuple and keywords cross by value: containers of the call, not shared objects
    return self._op("call", args, tuple(kwargs.items()))


def _iter(self: Handle) -> Any:
    return self._op("iter")


def _next(self: Handle) -> Any:
    return self._op("next")


def _len(self: Handle) -> int:
    value = self._op("len")
    if type(value) is not int:
        raise TypeError("len() of a candidate object is not an int")
    return value


def _getitem(self: Handle, key: Any) -> Any:
    return self._op("getitem", key)


def _setitem(self: Handle, key: Any, value: Any) -> None:
    self._op("setitem", key, value)


# The protocols a handle may have, each a letter on the wire: the ones its object's class defines
# (protocols_of). Python reads a protocol off the class (`callable`, the ABCs' `__subclasshook__`,
# `hasattr(h, '__iter__')`), so a handle that had them all would look callable, iterable and sized
# whatever C's object is (`assert callable(make_adder(2))` passing for an object that is not).
_PROTOCOLS: dict[str, tuple[str, Callable[..., Any]]] = {
    "c": ("__call__", _call),
    "i": ("__iter__", _iter),
    "n": ("__next__", _next),
    "l": ("__len__", _len),
    "g": ("__getitem__", _getitem),
    "s": ("__setitem__", _setitem),
}
# The operators Python reads off the class that a handle does not run: C's answer would decide the
# tests' arithmetic, order or text (`3.14 - r` with an `__rsub__` that says 0, `sorted(rs)`, `str(r) ==
# '...'`), which the tests never take from C (as equality and truth, Handle.__eq__, __bool__). A handle
# to an object whose class defines one has it: it notes UNDRIVEN (the run is unknown, since in one
# program the operator would have run) and declines (NotImplemented, then Python's TypeError).
_BINARY_OPERATORS = frozenset(
    f"__{prefix}{name}__"
    for name in ("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow", "lshift",
                 "rshift", "and", "or", "xor")
    for prefix in ("", "r")
) | {"__lt__", "__le__", "__gt__", "__ge__"}  # fmt: skip
_UNARY_OPERATORS = frozenset(
    {"__neg__", "__pos__", "__abs__", "__invert__", "__float__", "__int__", "__index__", "__complex__",
     "__round__", "__trunc__", "__floor__", "__ceil__", "__str__", "__format__", "__bytes__"}
)  # fmt: skip
OPERATORS = _BINARY_OPERATORS | _UNARY_OPERATORS
_NAMED = OPERATORS | {"__repr__"}  # what the other side names of an object's class (operators_of)
_HANDLE_CLASSES: dict[tuple[str, frozenset[str]], type[Handle]] = {}


def _declined(name: str) -> Callable[..., Any]:
    binary = name in _BINARY_OPERATORS

    def operator(self: Handle, *args: Any) -> Any:
        bridge: Codec = object.__getattribute__(self, "_assay_bridge")
        note = f"an operator of the candidate's ({name})"
        if bridge.side == TESTS and note not in bridge.undriven:
            bridge.undriven.append(note)
        if binary:
            return NotImplemented
        raise TypeError(f"{name} of an object of the other side of the sandbox is not run")

    return operator


def _noted_repr(self: Handle) -> str:
    bridge: Codec = object.__getattribute__(self, "_assay_bridge")
    note = "an operator of the candidate's (__repr__)"
    if bridge.side == TESTS and note not in bridge.undriven:
        bridge.undriven.append(note)
    return Handle.__repr__(self)


def handle_class(letters: str, operators: frozenset[str] = frozenset()) -> type[Handle]:
    """The class of a handle with the protocols letters names and the operators (OPERATORS) its
    object's class defines (unknown letters and names are ignored)."""
    key = ("".join(letter for letter in _PROTOCOLS if letter in letters), operators & _NAMED)
    cls = _HANDLE_CLASSES.get(key)
    if cls is None:
        methods = {_PROTOCOLS[letter][0]: _PROTOCOLS[letter][1] for letter in key[0]}
        methods.update({name: _declined(name) for name in key[1] & OPERATORS})
        if "__repr__" in key[1]:  # the handle's own text, noted; str() falls back to the class's repr
            methods["__repr__"] = _noted_repr
            methods.setdefault("__str__", _declined("__str__"))
        cls = _HANDLE_CLASSES[key] = type("Handle", (Handle,), {"__slots__": (), **methods})
    return cls


def _defined(mro: tuple[type, ...], name: str) -> Any:
    """What the first class of mro that defines name holds (None if none does), read through type's
    slots: no code of the object's class or metaclass runs."""
    return next((_own(klass)[name] for klass in mro if name in _own(klass)), None)


def protocols_of(value: Any) -> str:
    """The letters of the protocols value's class defines; a name set to None is not defined, as in
    Python."""
    cls = type(value)
    if _static(cls):
        known = _STATIC_KINDS.get(cls)
        if known is not None:
            return known[0]
    mro = _mro(cls)
    return "".join(letter for letter, (name, _) in _PROTOCOLS.items() if _defined(mro, name) is not None)


def operators_of(value: Any) -> list[str]:
    """The operators (and `__repr__`) that value's class or a base of it defines, sorted, where that
    class is no builtin type (a function's repr, a float's `+` are Python's own: a handle lacks them)."""
    cls = type(value)
    if _static(cls):
        known = _STATIC_KINDS.get(cls)
        if known is None:
            known = _STATIC_KINDS[cls] = (protocols_of(value), tuple(_operators(_mro(cls))))
        return list(known[1])
    return _operators(_mro(cls))


def _operators(mro: tuple[type, ...]) -> list[str]:
    found = []
    for name in _NAMED:
        owner = next((klass for klass in mro if name in _own(klass)), None)
        if owner is not None and _own(owner)[name] is not None and _module(owner) != "builtins":
            found.append(name)
    return sorted(found)


# What protocols_of and operators_of say of a class compiled into Python or an extension whose bases
# are too (a function, a list, a generator: most values that cross as handles), read once per class:
# no attribute of such a class can be set, so the answer never changes, and reading it again for every
# handle cost each task tens of microseconds. A class defined in Python (the candidate's, the tests')
# is read every time, as it may change. Keyed by the class itself: a static class is never freed.
_STATIC_KINDS: dict[type, tuple[str, tuple[str, ...]]] = {}
_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: the class was made at run time (a class statement, type())
_TYPE_FLAGS = type.__dict__["__flags__"]


def _static(cls: type) -> bool:
    """cls and every class of its mro are static (compiled in), cls of a static metaclass: read through
    type's slots only, no code of the class runs."""
    if type(cls) is not type and _TYPE_FLAGS.__get__(type(cls), type) & _HEAP_TYPE:
        return False
    return not any(_TYPE_FLAGS.__get__(klass, type) & _HEAP_TYPE for klass in _mro(cls))


# A class's metadata read through type's own slots: a metaclass may define `__mro__`, `__name__` or
# `__dict__` as properties that lie (`__mro__` naming ValueError on a KeyError subclass), while Python
# itself (`except`, isinstance, the method lookup) reads the slots. What these return is still the
# candidate's data: names are compared, never trusted as the classes they spell.
_TYPE_MRO = type.__dict__["__mro__"]
_TYPE_NAME = type.__dict__["__name__"]
_TYPE_QUALNAME = type.__dict__["__qualname__"]
_TYPE_DICT = type.__dict__["__dict__"]
_TYPE_MODULE = type.__dict__["__module__"]


def _mro(cls: type) -> tuple[type, ...]:
    mro: tuple[type, ...] = _TYPE_MRO.__get__(cls, type)
    return mro


def _name(cls: type) -> str:
    name: str = _TYPE_NAME.__get__(cls, type)
    return name


def _own(cls: type) -> Mapping[str, Any]:
    """The names cls itself defines (its real `__dict__`, whatever its metaclass says)."""
    names: Mapping[str, Any] = _TYPE_DICT.__get__(cls, type)
    return names


def _module(cls: type) -> object:
    module: object = _TYPE_MODULE.__get__(cls, type)
    return module


_EXC_ARGS = BaseException.__dict__["args"]


def _own_text(exc: BaseException) -> str | None:
    """str(exc) when a class of the candidate's between exc's class and the builtins overrides
    `__str__` (what Python would show), else None: the builtin's str of the args is the same there."""
    for cls in _mro(type(exc)):
        if getattr(builtins, _name(cls), None) is cls:
            return None
        if "__str__" in _own(cls):
            try:
                return str(exc)[:10_000]
            except Exception as failure:  # Python would fail to print it too: say so, never pass
                return f"<str() failed: {_describe(failure)}>"
    return None


def _told_text(exc: BaseException) -> str:
    """The `__str__` of a rebuilt exception whose original class overrode it: the text C computed."""
    return str(getattr(exc, "assay_text", ""))


def _exception_bases(exc: BaseException) -> list[str]:
    return [_name(c) for c in _mro(type(exc)) if getattr(builtins, _name(c), None) is c]


def _describe(exc: BaseException) -> str:
    try:
        text = f"{_name(type(exc))}: {exc}"
    except Exception:
        text = _name(type(exc))
    return text if len(text) <= 300 else text[:300] + "…"

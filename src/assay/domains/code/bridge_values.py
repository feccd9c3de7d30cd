"""Which values may cross the bridge, and in which form: the checks on a value's class.

Loaded on both sides of the sandbox (standard library only); see bridge.py for the design. What the
tests may lend the candidate as a handle (_may_lend), when a subclass of a builtin is only its content
(_bare_subclass, _namedtuple_class) and when it must not cross at all (_refuse_redefined_reader), whose
attributes the candidate may read (_has_open_attributes). Every check reads a class through type's
slots (bridge_kinds._mro, _own), never through attributes its metaclass could redefine.
"""

from __future__ import annotations

import collections
import operator
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host imports the bridge from the package (verifier, tests)
    from assay.domains.code.bridge_kinds import (
        _DESCRIPTOR_SLOTS,
        _GETSET,
        _INERT,
        _NAMEDTUPLE_KEYS,
        BridgeError,
        _module,
        _mro,
        _name,
        _own,
    )
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    from bridge_kinds import (
        _DESCRIPTOR_SLOTS,
        _GETSET,
        _INERT,
        _NAMEDTUPLE_KEYS,
        BridgeError,
        _module,
        _mro,
        _name,
        _own,
    )

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
    collections.OrderedDict().keys(),
    collections.OrderedDict().values(),
    collections.OrderedDict().items(),
    iter({}.items()),
    map(abs, ()),
    filter(None, ()),
    zip(),
    enumerate(()),
)
_LENDABLE_TYPES = frozenset(type(x) for x in _ITERATORS)
_OPERATORS = frozenset({operator.itemgetter, operator.attrgetter, operator.methodcaller})


def _problem_class(cls: type) -> bool:
    return _module(cls) == TESTS_MODULE


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
    if cls in _OPERATORS:  # an operation the tests fixed (`key=itemgetter(1)`), on what C hands it
        return True
    return cls in _LENDABLE_TYPES or _problem_class(cls) or cls.__name__ == "SimpleNamespace"


# What a handle asks C for when the tests read a value: iterate it, index it, its length, membership,
# and the reading methods of dict and list. A subclass of a builtin that redefines one of these holds a
# real content and answers about another (`class L(list)` whose `__iter__` yields the expected list
# while the list itself is empty); no test can tell which one the candidate meant, so such a value does
# not cross at all (the check fails, closed). Other methods (a `Stack(list)` with `push`, `peek`) and
# classes not derived from a builtin still cross as handles.
_READERS = frozenset(
    {"__iter__", "__getitem__", "__contains__", "__len__", "__reversed__", "__next__", "__getattribute__",
     "keys", "items", "values", "get", "count", "index", "copy", "most_common", "elements"}
)  # fmt: skip


def _refuse_redefined_reader(cls: type, base: type) -> None:
    """Raise BridgeError when cls, a subclass of the builtin base, redefines one of base's readers."""
    inherited = _mro(base)
    for k in _mro(cls):
        if k in inherited:
            continue
        for key in _own(k):
            if key in _READERS and hasattr(base, key):
                raise BridgeError(
                    f"a subclass of {base.__name__} that redefines {key}: "
                    "its answers may differ from its content"
                )


def _bare_subclass(value: Any, base: type, forwarded: frozenset[str] = frozenset()) -> bool:
    """A subclass of base that overrides nothing: no class of its MRO outside base's defines a method or
    attribute (dunder or not: `__eq__`, `__len__`, `__index__`, `__missing__` all change what Python
    does), no metaclass, and the object holds no attributes. Only then is it its content. Names in
    forwarded may be defined: the other side's rebuild sends their calls back to C."""
    cls = type(value)
    if type(cls) is not type:  # a metaclass may change isinstance, names, the class's own operations
        return False
    inherited = _mro(base)
    for k in _mro(cls):
        if k in inherited:
            continue
        for key, member in _own(k).items():
            if key in forwarded:
                continue
            if key in _DESCRIPTOR_SLOTS:
                if type(member) is not _GETSET:  # `__dict__` / `__weakref__` redefined: not the default
                    return False
            elif key not in _INERT or callable(member) or hasattr(type(member), "__get__"):
                return False
    try:
        attributes = object.__getattribute__(value, "__dict__")
    except AttributeError:
        return True
    return type(attributes) is dict and not attributes


def _namedtuple_class(cls: type) -> type | None:
    """The namedtuple class in cls's MRO when nothing else of it overrides anything (a subclass with
    `__slots__ = ()` only), else None. Its rebuild on the other side is a namedtuple of the same
    fields; a subclass with methods of its own is an object of the candidate's."""
    if type(cls) is not type:
        return None
    found = None
    for k in _mro(cls):
        if k in _mro(tuple):
            continue
        own = _own(k)
        if found is None and "_fields" in own:
            fields = own["_fields"]
            if type(fields) is not tuple or not set(own) <= _NAMEDTUPLE_KEYS | set(map(str, fields)):
                return None
            found = k
        elif not set(own) <= _INERT | {"__slots__"} or own.get("__slots__", ()) != ():
            return None
    return found


def _wire_name(cls: type) -> str:
    name = _name(cls)
    return name if type(name) is str and name.isidentifier() else "Subclass"


def _default_truth(cls: type) -> bool:
    """No class of cls's MRO but object defines `__bool__` or `__len__`: its objects are all true."""
    return all("__bool__" not in _own(k) and "__len__" not in _own(k) for k in _mro(cls) if k is not object)


def _default_equality(cls: type) -> bool:
    """No class of cls's MRO but object defines `__eq__`, `__ne__` or `__hash__`: its objects equal
    only themselves, as the tests' handles of them do (Handle.__eq__)."""
    return all(
        "__eq__" not in _own(k) and "__ne__" not in _own(k) and "__hash__" not in _own(k)
        for k in _mro(cls)
        if k is not object
    )


def _has_open_attributes(obj: Any) -> bool:
    """Objects whose public attributes the candidate may read and set: instances of the problem's own
    classes (and plain namespaces). Not functions, generators, classes or anything of the worker."""
    cls = type(obj)
    return not isinstance(obj, type) and (_problem_class(cls) or cls.__name__ == "SimpleNamespace")


def _attributes(value: Any) -> list[tuple[str, Any]]:
    found: dict[str, Any] = {}
    for cls in reversed(_mro(type(value))):
        slots = _own(cls).get("__slots__", ())
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

"""What tests written for pytest use of it, for the sandbox, which holds the standard library only.

Loaded inside the sandbox only, beside the other runner modules, and installed in the worker as the
module `pytest` for the tests (never for the candidate, whose process refuses the runner's modules).
It holds the helpers a test module calls (`raises`, `approx`, `fail`, `skip`, `param`), the marks
(`mark.parametrize`, `mark.skip`, `mark.skipif`, `mark.xfail`, `mark.usefixtures`, custom marks) and
the fixture decorator; framework_tests reads what the marks and the decorator record and runs the
test functions as pytest would. Everything here is the tests' own code path: a helper that cannot be
faithful in the sandbox (`warns`: the warnings the candidate shows never reach the tests' record)
stops the run as not judged, never passes or fails it.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from numbers import Complex
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING or __package__:  # the host imports it from the package (tests)
    from assay.domains.code.bridge_kinds import NotJudged
else:  # inside the sandbox the folder of runner.py is on sys.path
    from bridge_kinds import NotJudged

MARKS = "__assay_marks__"  # what a mark applied to a test function or class records on it
FIXTURE = "__assay_fixture__"  # what the fixture decorator records on a fixture function
UNFAITHFUL_WARNINGS = (
    "the tests expect a warning, and the warnings the candidate's process shows never reach their record"
)


class OutcomeException(BaseException):
    """pytest's own outcomes: a BaseException, so a test's `except Exception` never takes one."""

    def __init__(self, msg: str = "") -> None:
        super().__init__(msg)
        self.msg = msg


class Skipped(OutcomeException):
    """The tests skipped themselves while running (`pytest.skip`, `importorskip`)."""


class Failed(OutcomeException):
    """`pytest.fail`, or a `raises` that saw no exception."""


class XFailed(Failed):
    """`pytest.xfail` called by a test: it declares itself expected to fail."""


def skip(reason: str = "", *, allow_module_level: bool = False, msg: str | None = None) -> Any:
    raise Skipped(msg if msg is not None else reason)


def fail(reason: str = "", pytrace: bool = True, msg: str | None = None) -> Any:
    raise Failed(msg if msg is not None else reason)


def xfail(reason: str = "") -> Any:
    raise XFailed(reason)


skip.Exception = Skipped  # type: ignore[attr-defined]
fail.Exception = Failed  # type: ignore[attr-defined]
xfail.Exception = XFailed  # type: ignore[attr-defined]


def importorskip(modname: str, minversion: str | None = None, reason: str | None = None) -> Any:
    try:
        __import__(modname)
    except ImportError:
        raise Skipped(reason or f"could not import {modname!r}") from None
    return sys.modules[modname]


def main(*args: Any, **kwargs: Any) -> int:
    """The tests' own call of pytest.main: the harness runs the tests itself, after their module."""
    return 0


class ExceptionInfo:
    """What `with raises(E) as info` gives: the exception caught, once the block has ended."""

    def __init__(self) -> None:
        self.value: BaseException | None = None
        self.type: type[BaseException] | None = None
        self.tb: Any = None

    def match(self, regexp: str | re.Pattern[str]) -> bool:
        if not re.search(regexp, str(self.value)):
            raise AssertionError(f"Regex pattern {regexp!r} does not match {str(self.value)!r}.")
        return True

    def errisinstance(self, exc: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
        return isinstance(self.value, exc)


class _Raises:
    def __init__(self, expected: Any, match: str | re.Pattern[str] | None) -> None:
        self.expected = expected
        self.match = match
        self.info = ExceptionInfo()

    def __enter__(self) -> ExceptionInfo:
        return self.info

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> bool:
        if kind is None:
            raise Failed(f"DID NOT RAISE {self.expected!r}")
        if not issubclass(kind, self.expected):
            return False  # another exception goes on, as in pytest
        if self.match is not None and not re.search(self.match, str(value)):
            raise AssertionError(f"Regex pattern {self.match!r} does not match {str(value)!r}.")
        self.info.value, self.info.type, self.info.tb = value, kind, traceback
        return True


def raises(expected: Any, *args: Any, match: str | re.Pattern[str] | None = None, **kwargs: Any) -> Any:
    """`with raises(E, match=...)`, or `raises(E, function, *args, **kwargs)`."""
    if not isinstance(expected, tuple):
        expected = (expected,)
    if not expected or not all(isinstance(e, type) and issubclass(e, BaseException) for e in expected):
        raise TypeError(f"expected exception must be a BaseException type, not {expected!r}")
    context = _Raises(expected, match)
    if not args:
        if kwargs:
            raise TypeError(f"unexpected keyword arguments {sorted(kwargs)!r}")
        return context
    function, *rest = args
    if not callable(function):
        raise TypeError(f"{function!r} object (type: {type(function)}) must be callable")
    with context:
        function(*rest, **kwargs)
    return context.info


def warns(*args: Any, **kwargs: Any) -> Any:
    raise NotJudged(UNFAITHFUL_WARNINGS)


deprecated_call = warns


class ApproxBase:
    """pytest.approx: equal to a number within a tolerance, elementwise for sequences and mappings."""

    def __init__(self, expected: Any, rel: Any = None, abs: Any = None, nan_ok: bool = False) -> None:
        self.expected, self.rel, self.abs, self.nan_ok = expected, rel, abs, nan_ok

    def __eq__(self, actual: object) -> bool:
        return _approx_equal(self.expected, actual, self.rel, self.abs, self.nan_ok)

    def __ne__(self, actual: object) -> bool:
        return not self == actual

    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        raise AssertionError("approx() is not supported in a boolean context")

    def __repr__(self) -> str:
        return f"approx({self.expected!r})"


def approx(expected: Any, rel: Any = None, abs: Any = None, nan_ok: bool = False) -> ApproxBase:
    if isinstance(expected, Mapping):
        values: Any = expected.values()
    elif isinstance(expected, list | tuple):
        values = expected
    else:
        values = [expected]
    for value in values:
        if isinstance(value, Mapping | list | tuple | set | frozenset | str | bytes):
            raise TypeError(f"pytest.approx() does not support nested data structures: {value!r}")
    return ApproxBase(expected, rel, abs, nan_ok)


def _approx_equal(expected: Any, actual: Any, rel: Any, absolute: Any, nan_ok: bool) -> bool:
    """pytest's (9): a mapping needs the same keys, a sequence the same length (of any type), then
    each element is compared as a scalar."""
    if isinstance(expected, Mapping):
        keys = getattr(actual, "keys", None)
        if not callable(keys) or set(keys()) != set(expected.keys()):
            return False
        return all(_scalar_equal(expected[k], actual[k], rel, absolute, nan_ok) for k in expected)
    if isinstance(expected, list | tuple):
        try:
            if len(actual) != len(expected):
                return False
        except TypeError:
            return False
        return all(_scalar_equal(e, a, rel, absolute, nan_ok) for e, a in zip(expected, actual, strict=True))
    return _scalar_equal(expected, actual, rel, absolute, nan_ok)


def _scalar_equal(expected: Any, actual: Any, rel: Any, absolute: Any, nan_ok: bool) -> bool:
    """pytest's ApproxScalar: an expected bool only equals a bool; else exactly equal, or both numbers
    within max(rel * |expected|, abs) (only abs when only abs is given; 1e-6 and 1e-12 by default, as
    Decimals for a Decimal); infinities only equal themselves, and nan equals nan only with nan_ok. A
    Decimal met with a float raises TypeError, as in pytest."""
    if isinstance(expected, bool) and not isinstance(actual, bool):
        return False
    if actual == expected:
        return True
    numbers = (Complex, Decimal)
    if isinstance(expected, bool) or not (isinstance(expected, numbers) and isinstance(actual, numbers)):
        return False
    if _is_nan(expected):
        return nan_ok and _is_nan(actual)
    if _is_infinite(expected):
        return False
    decimal = isinstance(expected, Decimal)
    tolerance_abs: Any = (Decimal("1e-12") if decimal else 1e-12) if absolute is None else absolute
    if tolerance_abs < 0:
        raise ValueError(f"absolute tolerance can't be negative: {tolerance_abs}")
    tolerance: Any = tolerance_abs
    if rel is not None or absolute is None:
        tolerance_rel: Any = (Decimal("1e-6") if decimal else 1e-6) if rel is None else rel
        if tolerance_rel < 0:
            raise ValueError(f"relative tolerance can't be negative: {tolerance_rel}")
        tolerance = max(tolerance_rel * abs(expected), tolerance_abs)
    return bool(abs(expected - actual) <= tolerance)


def _is_nan(value: Any) -> bool:
    if isinstance(value, Decimal):
        return value.is_nan()
    return bool(value != value)


def _is_infinite(value: Any) -> bool:
    if isinstance(value, Decimal):
        return value.is_infinite()
    return bool(math.isinf(abs(value)))


class ParameterSet(NamedTuple):
    """One row of a parametrize mark given as `pytest.param(*values, marks=..., id=...)`."""

    values: tuple[Any, ...]
    marks: tuple[Any, ...]
    id: str | None


def param(*values: Any, marks: Any = (), id: str | None = None) -> ParameterSet:
    return ParameterSet(values, tuple(marks) if isinstance(marks, list | tuple) else (marks,), id)


class MarkDecorator:
    """`mark.NAME` or `mark.NAME(args)`: applied to a test function or class, it records (name, args,
    kwargs) on it; called with anything else, it takes those as the mark's arguments."""

    def __init__(self, name: str, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs or {}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and not kwargs and (isinstance(args[0], type) or _is_function(args[0])):
            target = args[0]
            marks = list(getattr(target, MARKS, []) if MARKS in vars(target) else [])
            marks.append(self)  # the decorator nearest the function comes first, as in pytest
            setattr(target, MARKS, marks)
            return target
        return MarkDecorator(self.name, self.args + args, {**self.kwargs, **kwargs})

    def __repr__(self) -> str:
        return f"<MarkDecorator {self.name} {self.args!r} {self.kwargs!r}>"


def _is_function(value: Any) -> bool:
    return callable(value) and getattr(value, "__name__", "<lambda>") != "<lambda>"


class MarkGenerator:
    def __getattr__(self, name: str) -> MarkDecorator:
        if name.startswith("_"):
            raise AttributeError(name)
        return MarkDecorator(name)


mark = MarkGenerator()


class FixtureDefinition(NamedTuple):
    scope: str
    params: Any
    autouse: bool
    name: str | None


def fixture(
    fixture_function: Callable[..., Any] | None = None,
    *,
    scope: str = "function",
    params: Any = None,
    autouse: bool = False,
    ids: Any = None,
    name: str | None = None,
) -> Any:
    """`@fixture` or `@fixture(scope=..., autouse=..., name=...)`: records how the function serves."""
    definition = FixtureDefinition(scope if isinstance(scope, str) else "function", params, autouse, name)

    def record(function: Callable[..., Any]) -> Callable[..., Any]:
        setattr(function, FIXTURE, definition)
        return function

    return record(fixture_function) if fixture_function is not None else record


yield_fixture = fixture


class CaptureResult(NamedTuple):
    out: str
    err: str


class CaptureFixture:
    """capsys: the tests' sys.stdout and sys.stderr captured for one test (what the candidate prints
    reaches the tests' sys.stdout while it is redirected, harness._forward)."""

    def __init__(self) -> None:
        import io

        self._saved = (sys.stdout, sys.stderr)
        self._out, self._err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = self._out, self._err

    def readouterr(self) -> CaptureResult:
        result = CaptureResult(self._out.getvalue(), self._err.getvalue())
        self._out.seek(0)
        self._out.truncate()
        self._err.seek(0)
        self._err.truncate()
        return result

    @contextlib.contextmanager
    def disabled(self) -> Iterator[None]:
        sys.stdout, sys.stderr = self._saved
        try:
            yield
        finally:
            sys.stdout, sys.stderr = self._out, self._err

    def close(self) -> None:
        sys.stdout, sys.stderr = self._saved


_NOTSET = object()


class MonkeyPatch:
    """monkeypatch: changes of the tests' process, each undone when the test ends. (What it changes
    of the interpreter the candidate's process does not see, the harness names: the run is then not
    judged on it.)"""

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []
        self._cwd: str | None = None

    @classmethod
    @contextlib.contextmanager
    def context(cls) -> Iterator[MonkeyPatch]:
        patch = cls()
        try:
            yield patch
        finally:
            patch.undo()

    def setattr(self, target: Any, name: Any = _NOTSET, value: Any = _NOTSET, raising: bool = True) -> None:
        if value is _NOTSET:  # setattr("module.attribute", value)
            if not isinstance(target, str) or name is _NOTSET:
                raise TypeError("use setattr(target, name, value) or setattr('module.name', value)")
            value = name
            target, name = _resolve(target)
        old = getattr(target, name, _NOTSET)
        if raising and old is _NOTSET:
            raise AttributeError(f"{target!r} has no attribute {name!r}")
        if isinstance(target, type):  # a class's own attribute, not one it inherits
            old = target.__dict__.get(name, _NOTSET)
        setattr(target, name, value)
        self._undo.append(lambda: delattr(target, name) if old is _NOTSET else setattr(target, name, old))

    def delattr(self, target: Any, name: Any = _NOTSET, raising: bool = True) -> None:
        if name is _NOTSET:
            if not isinstance(target, str):
                raise TypeError("use delattr(target, name) or delattr('module.name')")
            target, name = _resolve(target)
        if not hasattr(target, name):
            if raising:
                raise AttributeError(name)
            return
        old = getattr(target, name)
        if isinstance(target, type):
            old = target.__dict__.get(name, _NOTSET)
        delattr(target, name)
        self._undo.append(lambda: None if old is _NOTSET else setattr(target, name, old))

    def setitem(self, mapping: Any, name: Any, value: Any) -> None:
        old = mapping.get(name, _NOTSET) if hasattr(mapping, "get") else mapping[name]
        mapping[name] = value
        if old is _NOTSET:
            self._undo.append(lambda: mapping.pop(name, None))
        else:
            self._undo.append(lambda: mapping.__setitem__(name, old))

    def delitem(self, mapping: Any, name: Any, raising: bool = True) -> None:
        if name not in mapping:
            if raising:
                raise KeyError(name)
            return
        old = mapping[name]
        del mapping[name]
        self._undo.append(lambda: mapping.__setitem__(name, old))

    def setenv(self, name: str, value: Any, prepend: str | None = None) -> None:
        value = str(value)
        if prepend and name in os.environ:
            value = value + prepend + os.environ[name]
        self.setitem(os.environ, name, value)

    def delenv(self, name: str, raising: bool = True) -> None:
        self.delitem(os.environ, name, raising=raising)

    def syspath_prepend(self, path: Any) -> None:
        old = list(sys.path)
        sys.path.insert(0, str(path))
        self._undo.append(lambda: sys.path.__setitem__(slice(None), old))

    def chdir(self, path: Any) -> None:
        if self._cwd is None:
            self._cwd = os.getcwd()
        os.chdir(path)

    def undo(self) -> None:
        for step in reversed(self._undo):
            step()
        self._undo.clear()
        if self._cwd is not None:
            os.chdir(self._cwd)
            self._cwd = None


def _resolve(dotted: str) -> tuple[Any, str]:
    """'os.path.join' → (the module os.path, 'join'): the longest importable prefix, then attributes."""
    parts = dotted.split(".")
    if len(parts) < 2:
        raise ValueError(f"must be absolute import path string, not {dotted!r}")
    found: Any = None
    for cut in range(len(parts) - 1, 0, -1):
        try:
            found = __import__(".".join(parts[:cut]), fromlist=["_"])
        except ImportError:
            continue
        for attribute in parts[cut:-1]:
            found = getattr(found, attribute)
        return found, parts[-1]
    raise ImportError(f"cannot import any module of {dotted!r}")

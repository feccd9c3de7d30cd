"""Tests written for a framework, run as its runner would run them: pytest's test functions and test
classes (with their marks and fixtures), unittest's TestCases.

Loaded inside the sandbox only (standard library only), beside the other runner modules, and used by
the tests' half (harness.py) in the worker. Each test that can fail (tests_static.checking_tests) and
returns is one passed check; one that raises is a failed one. What the runner would decide from the
tests' own source (a skip or xfail mark, `@unittest.skip`, `@unittest.expectedFailure`) is decided the
same way: such a test is not a check. What cannot be run as the author meant (a fixture the sandbox
cannot give faithfully, a test that skips itself while it runs, a parametrized fixture) stops the run
as not judged, never as a pass or a failure. The harness's own stops (the time limit, C gone, C's
memory, a value not judged) pass through every test, including unittest's, which catches everything
else a test raises.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host imports it from the package (tests)
    from assay.domains.code import pytest_shim
    from assay.domains.code.bridge_kinds import BridgeError, CandidateMemory, Exited, NotJudged
    from assay.domains.code.bridge_values import TESTS_MODULE
    from assay.domains.code.frames import CandidateGone, TaskTimeout, _describe
    from assay.domains.code.pytest_shim import (
        FIXTURE,
        MARKS,
        CaptureFixture,
        FixtureDefinition,
        MarkDecorator,
        MonkeyPatch,
        ParameterSet,
        Skipped,
    )
    from assay.domains.code.tests_static import checking_tests
else:  # inside the sandbox the folder of runner.py is on sys.path, and there is no assay package
    import pytest_shim
    from bridge_kinds import BridgeError, CandidateMemory, Exited, NotJudged
    from bridge_values import TESTS_MODULE
    from frames import CandidateGone, TaskTimeout, _describe
    from pytest_shim import (
        FIXTURE,
        MARKS,
        CaptureFixture,
        FixtureDefinition,
        MarkDecorator,
        MonkeyPatch,
        ParameterSet,
        Skipped,
    )
    from tests_static import checking_tests

if TYPE_CHECKING:
    from assay.domains.code.harness import Recorder

TEST_PREFIX = "test"
# what stops the whole run, whichever test it reaches: never a test's own failure
HARNESS_STOPS = (
    CandidateMemory,
    CandidateGone,
    Exited,
    BridgeError,
    NotJudged,
    TaskTimeout,
    KeyboardInterrupt,
)
# the fixtures pytest gives that would not be faithful here: C's fds, logs and warnings are its own
UNFAITHFUL_FIXTURES = frozenset(
    {"capfd", "capfdbinary", "capsysbinary", "caplog", "recwarn", "request", "pytestconfig", "tmpdir"}
)


def patches_state(tests: str | list[str]) -> bool:
    """The tests name monkeypatch, whose changes of environ, cwd and attributes are made by the shim's
    code, where a read of the tests' own code cannot see them (program_changes.may_change_state)."""
    return any("monkeypatch" in text.lower() for text in ([tests] if isinstance(tests, str) else tests))


def install_pytest() -> None:
    """The tests' `import pytest` finds the shim: the sandbox holds the standard library only."""
    if sys.modules.get("pytest") is not pytest_shim:
        sys.modules["pytest"] = pytest_shim


def run_test_functions(namespace: dict[str, Any], tests: str, recorder: Recorder) -> None:
    """Call the tests' pytest test functions and test classes, then run their unittest TestCases."""
    checking = checking_tests(tests)
    unittest = sys.modules.get("unittest")
    case_class = unittest.TestCase if unittest is not None else None
    found: list[tuple[str, types.FunctionType, type | None]] = []  # name, function, its pytest class
    for name, value in list(namespace.items()):
        if (
            type(value) is type
            and name.startswith("Test")
            and value.__module__ == TESTS_MODULE
            and not (case_class is not None and issubclass(value, case_class))  # run below, as unittest
        ):
            # pytest's test classes (no TestCase): a fresh instance for each of their test methods
            if "__init__" in value.__dict__:
                raise NotJudged(f"{name} has an __init__: pytest would not collect it")
            for attribute, method in list(value.__dict__.items()):
                if attribute.startswith(TEST_PREFIX) and type(method) is types.FunctionType:
                    found.append((f"{name}.{attribute}", method, value))
        elif name.startswith(TEST_PREFIX) and type(value) is types.FunctionType:
            found.append((name, value, None))
    fixtures = _Fixtures(namespace)
    try:
        for name, function, owner in found:
            if function.__module__ != TESTS_MODULE or getattr(function, pytest_shim.FIXTURE, None):
                continue
            fixtures.enter_class(owner)
            marks = _marks(function, owner, namespace)
            _run_test(name, function, owner, name in checking, marks, fixtures, recorder)
    finally:
        fixtures.enter_class(None)
        fixtures.finish(recorder)
    if unittest is not None:
        run_test_cases(namespace, unittest, checking, recorder)


def _marks(function: Any, owner: type | None, namespace: dict[str, Any]) -> list[MarkDecorator]:
    """The marks pytest would apply to a test: the function's, its class's, the module's pytestmark."""
    module = namespace.get("pytestmark", [])  # one C's module exports is a handle: never a mark
    marks = [*vars(function).get(MARKS, []), *(getattr(owner, MARKS, []) if owner is not None else [])]
    marks += module if type(module) is list else [module]
    return [mark for mark in marks if type(mark) is MarkDecorator]


def _applies(mark: MarkDecorator) -> bool:
    """A skipif or xfail mark's conditions: it applies with none, or when one holds. A condition given
    as a string (pytest evaluates it in a namespace of its own) is not judged."""
    conditions = mark.args or ((mark.kwargs["condition"],) if "condition" in mark.kwargs else ())
    if any(isinstance(condition, str) for condition in conditions):
        raise NotJudged(f"a {mark.name} mark with a condition given as a string")
    return not conditions or any(bool(condition) for condition in conditions)


def _skips(marks: list[MarkDecorator]) -> bool:
    """A skip mark, or a skipif one that holds: pytest never runs the test."""
    return any(m.name == "skip" or (m.name == "skipif" and _applies(m)) for m in marks)


def _xfail(marks: list[MarkDecorator]) -> MarkDecorator | None:
    return next((m for m in marks if m.name == "xfail" and _applies(m)), None)


def _calls(function: Any, marks: list[MarkDecorator]) -> Iterator[tuple[dict[str, Any], list[MarkDecorator]]]:
    """The keyword arguments of each call pytest makes of a test function, one per combination of its
    parametrize marks (one call with none when it has none), each with the marks of its rows."""
    calls: list[tuple[dict[str, Any], list[MarkDecorator]]] = [({}, [])]
    for mark in marks:
        if mark.name != "parametrize":
            continue
        if mark.kwargs.get("indirect"):
            raise NotJudged("a parametrize mark whose values go through fixtures (indirect)")
        given = [*mark.args, mark.kwargs.get("argnames"), mark.kwargs.get("argvalues")]
        names_given, values = given[:2] if len(mark.args) != 1 else (given[0], given[2])
        if isinstance(names_given, str):
            names = [name.strip() for name in names_given.split(",") if name.strip()]
        else:
            names = list(names_given)
        rows: list[tuple[dict[str, Any], list[MarkDecorator]]] = []
        for value in values:
            row_marks: list[MarkDecorator] = []
            if isinstance(value, ParameterSet):
                row_marks = [m for m in value.marks if type(m) is MarkDecorator]
                value = value.values if len(names) > 1 else value.values[0]
            row = value if len(names) > 1 else (value,)
            rows.append((dict(zip(names, row, strict=True)), row_marks))
        calls = [({**call, **row}, [*old, *new]) for call, old in calls for row, new in rows]
    yield from calls


def _run_test(
    name: str,
    function: types.FunctionType,
    owner: type | None,
    checks: bool,
    marks: list[MarkDecorator],
    fixtures: _Fixtures,
    recorder: Recorder,
) -> None:
    code = function.__code__
    line = code.co_firstlineno
    parameters = code.co_varnames[int(owner is not None) : code.co_argcount + code.co_kwonlyargcount]
    defaults = len(function.__defaults__ or ())
    keywords = function.__kwdefaults__ or {}
    required = [p for p in parameters[: len(parameters) - defaults] if p not in keywords]
    if any(m.name == "filterwarnings" and any("error" in str(a) for a in m.args) for m in marks):
        raise NotJudged(f"{name} turns warnings into errors, and the candidate's process shows its own")
    for call, row_marks in _calls(function, marks):
        every = [*row_marks, *marks]
        if _skips(every):
            continue
        expected_failure = _xfail(every)
        if expected_failure is not None and not expected_failure.kwargs.get("strict", False):
            continue  # pytest reports xfail or xpass: neither is a failure, nor a check of the code
        if not call.keys() <= set(parameters):
            raise NotJudged(f"{name} is parametrized with names it does not take")
        source = f"{name}({', '.join(f'{k}={v!r}' for k, v in call.items())})"
        wanted = [m.args for m in every if m.name == "usefixtures"]
        # a strict xfail test's own asserts are not checks of the code: it is judged whole (below)
        before = (recorder.total, recorder.passed, len(recorder.records))
        try:
            instance = owner() if owner is not None else None
            if instance is not None and callable(getattr(instance, "setup_method", None)):
                instance.setup_method(function)
            fixtures.start(instance, owner, [*fixtures.autouse(owner), *(n for a in wanted for n in a)])
            for parameter in required:
                if parameter not in call:
                    call[parameter] = fixtures.value(parameter, instance, owner)
            function(*([instance] if instance is not None else []), **call)
        except HARNESS_STOPS:
            raise
        except Skipped as exc:
            raise NotJudged(f"{name} skipped itself while it ran: {exc}") from None
        except BaseException as exc:
            if expected_failure is None:
                recorder.add(line, source, False, _describe(exc))
            else:
                _forget_since(recorder, before)
        else:
            if expected_failure is not None:
                if _forget_since(recorder, before):  # an assert of it failed: it failed, as expected
                    continue
                recorder.add(line, source, False, "[XPASS(strict)] an expected failure passed")
            elif checks:
                recorder.add(line, source, True)
        finally:
            fixtures.end_test(recorder, line, source)


def _forget_since(recorder: Recorder, before: tuple[int, int, int]) -> bool:
    """Take back the checks recorded since before (total, passed, records); whether one had failed."""
    total, passed, records = before
    failed = recorder.total - total != recorder.passed - passed
    recorder.total, recorder.passed = total, passed
    del recorder.records[records:]
    return failed


class _Fixtures:
    """The fixtures of one run: the module's and its test classes' (`@pytest.fixture`), and the
    builtins that are faithful here (tmp_path, capsys, monkeypatch). Each value is made once per scope
    (function, class, module or session) and torn down when its scope ends: a yield fixture runs on
    past its yield then, as in pytest."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.module: dict[str, Any] = {}
        for name, value in namespace.items():
            definition = _fixture(value)
            if definition is not None:
                self.module[definition.name or name] = value
        self.values: dict[str, dict[str, Any]] = {"function": {}, "class": {}, "module": {}}
        self.teardowns: dict[str, list[Callable[[], Any]]] = {"function": [], "class": [], "module": []}
        self.owner: type | None = None
        self.active: list[str] = []

    def _class_fixtures(self, owner: type | None) -> dict[str, tuple[str, Any]]:
        found: dict[str, tuple[str, Any]] = {}
        for klass in reversed(owner.__mro__ if owner is not None else ()):
            for attribute, value in vars(klass).items():
                definition = _fixture(value)
                if definition is not None:
                    found[definition.name or attribute] = (attribute, value)
        return found

    def autouse(self, owner: type | None) -> list[str]:
        names = [n for n, f in self.module.items() if getattr(f, FIXTURE).autouse]
        names += [n for n, (_, f) in self._class_fixtures(owner).items() if getattr(f, FIXTURE).autouse]
        return names

    def enter_class(self, owner: type | None) -> None:
        if owner is not self.owner:
            self._teardown("class", None, 0, "")
            self.owner = owner

    def start(self, instance: Any, owner: type | None, names: list[str]) -> None:
        for name in names:
            self.value(name, instance, owner)

    def value(self, name: str, instance: Any, owner: type | None) -> Any:
        if name in self.active:
            raise NotJudged(f"the fixtures depend on each other in a circle ({' → '.join(self.active)})")
        for scope in ("function", "class", "module"):
            if name in self.values[scope]:
                return self.values[scope][name]
        own = self._class_fixtures(owner).get(name)
        function = getattr(instance, own[0]) if own is not None and instance is not None else None
        function = function if function is not None else self.module.get(name)
        if function is None:
            return self._builtin(name)
        definition = getattr(function, FIXTURE)
        if definition.params is not None:
            raise NotJudged(f"the fixture {name!r} is parametrized")
        scope = {"package": "module", "session": "module"}.get(definition.scope, definition.scope)
        if scope not in self.values:
            raise NotJudged(f"the fixture {name!r} has a scope pytest does not know ({definition.scope!r})")
        code = function.__code__
        skip = int(isinstance(function, types.MethodType))
        wanted = code.co_varnames[skip : code.co_argcount + code.co_kwonlyargcount]
        defaults = len(getattr(function, "__defaults__", None) or ())
        self.active.append(name)
        try:
            arguments = {p: self.value(p, instance, owner) for p in wanted[: len(wanted) - defaults]}
        finally:
            self.active.pop()
        made = function(**arguments)
        if isinstance(made, types.GeneratorType):
            generator = made
            made = next(generator)
            self.teardowns[scope].append(lambda: _finish_generator(generator, name))
        self.values[scope][name] = made
        return made

    def _builtin(self, name: str) -> Any:
        if name == "tmp_path":
            import pathlib
            import tempfile

            made: Any = pathlib.Path(tempfile.mkdtemp(prefix="pytest-"))
        elif name == "capsys":
            made = CaptureFixture()
            self.teardowns["function"].append(made.close)
        elif name == "monkeypatch":
            made = MonkeyPatch()
            self.teardowns["function"].append(made.undo)
        elif name in UNFAITHFUL_FIXTURES:
            raise NotJudged(f"the tests use pytest's {name!r}, which the sandbox cannot give as pytest does")
        else:
            raise NotJudged(f"the tests ask for a fixture {name!r} that they do not define")
        self.values["function"][name] = made
        return made

    def end_test(self, recorder: Recorder, line: int, source: str) -> None:
        self._teardown("function", recorder, line, source)

    def finish(self, recorder: Recorder) -> None:
        self._teardown("module", recorder, 0, "module fixtures' teardown")

    def _teardown(self, scope: str, recorder: Recorder | None, line: int, source: str) -> None:
        """Undo a scope's fixtures, last made first. An error there fails the test it ends (pytest
        reports it as an error of the test)."""
        steps, self.teardowns[scope] = self.teardowns[scope], []
        self.values[scope].clear()
        stop: BaseException | None = None
        for step in reversed(steps):
            try:
                step()
            except HARNESS_STOPS as exc:
                stop = stop or exc
            except BaseException as exc:
                if recorder is not None:
                    recorder.add(line, f"{source} teardown", False, _describe(exc))
        if stop is not None:
            raise stop


def _fixture(value: Any) -> FixtureDefinition | None:
    """How a function of the tests serves as a fixture; None for anything else (a name the candidate's
    module exports is a handle: never asked, never taken for a fixture)."""
    if type(value) is not types.FunctionType or value.__module__ != TESTS_MODULE:
        return None
    definition = value.__dict__.get(FIXTURE)
    return definition if type(definition) is FixtureDefinition else None


def _finish_generator(generator: types.GeneratorType[Any, None, None], name: str) -> None:
    try:
        next(generator)
    except StopIteration:
        return
    raise RuntimeError(f"the fixture {name!r} yielded more than once")


def run_test_cases(
    namespace: dict[str, Any], unittest: Any, checking: frozenset[str], recorder: Recorder
) -> None:
    """Run the tests' TestCase classes with unittest's own loader and runner. unittest catches every
    exception a test raises, the harness's stops too: those are taken back out of its result and raised
    again, so a time limit stays a timeout and a value not judged stays not judged."""

    class Result(unittest.TestResult):  # type: ignore[misc]
        stop_by: BaseException | None = None

        def _stopped(self, error: Any) -> bool:
            if error is not None and isinstance(error[1], HARNESS_STOPS):
                self.stop_by = self.stop_by or error[1]
                self.stop()
                return True
            return False

        def addError(self, test: Any, error: Any) -> None:
            if not self._stopped(error):
                super().addError(test, error)

        def addFailure(self, test: Any, error: Any) -> None:
            if not self._stopped(error):
                super().addFailure(test, error)

        def addSubTest(self, test: Any, subtest: Any, error: Any) -> None:
            if not self._stopped(error):
                super().addSubTest(test, subtest, error)

        def addExpectedFailure(self, test: Any, error: Any) -> None:
            if not self._stopped(error):
                super().addExpectedFailure(test, error)

    cases = [
        value
        for value in list(namespace.values())
        if isinstance(value, type)
        and issubclass(value, unittest.TestCase)
        and value.__module__ == TESTS_MODULE
    ]
    for case in cases:
        result = Result()
        unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
        if result.stop_by is not None:
            raise result.stop_by
        methods = unittest.defaultTestLoader.getTestCaseNames(case)
        not_checks: set[str] = set()
        for test, _ in [*result.skipped, *result.expectedFailures]:
            method = getattr(test, "_testMethodName", "")
            if not _declared_by_decorator(case, method):
                raise NotJudged(f"a test of {case.__name__} skipped itself while it ran")
            not_checks.add(method)
        failed: dict[str, str] = {}
        for test, trace in [*result.failures, *result.errors]:
            failed.setdefault(test.id().split(" ", 1)[0].rsplit(".", 1)[-1], trace.strip().splitlines()[-1])
        for test in result.unexpectedSuccesses:
            failed.setdefault(test._testMethodName, "an expected failure passed (unexpected success)")
        for method in methods:
            qualname = getattr(getattr(case, method), "__qualname__", "")
            source = f"{case.__name__}.{method}()"
            if method in failed:
                recorder.add(0, source, False, failed[method])
            elif qualname in checking and method not in not_checks:
                recorder.add(0, source, True)
        for where, message in failed.items():  # setUpClass and the like: no method of its own
            if where not in methods:
                recorder.add(0, f"{case.__name__}: {where}", False, message)


def _declared_by_decorator(case: type, method: str) -> bool:
    """The skip or expected failure is the tests' source's own (`@unittest.skip...` on the method or
    its class, `@unittest.expectedFailure`), decided before the test ran, not by what the code did."""
    function = getattr(case, method, None)
    return bool(
        getattr(case, "__unittest_skip__", False)
        or getattr(function, "__unittest_skip__", False)
        or getattr(function, "__unittest_expecting_failure__", False)
    )

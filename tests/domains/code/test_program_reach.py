"""program_reach: which candidate code can reach the harness's own objects in its process."""

from __future__ import annotations

from pathlib import Path

import pytest

from assay.domains.code.isolation import RUNNER_MODULES
from assay.domains.code.program_reach import REACH_MODULES, reaching_names, screened_builtins


@pytest.mark.parametrize(
    ("code", "found"),
    [
        # frames: the bridge's frames call the candidate
        ("import sys\ndef f():\n    return sys._getframe(1).f_locals", ["_getframe", "f_locals"]),
        ("def f(e):\n    return e.__traceback__.tb_frame", ["tb_frame"]),
        ("def f(g):\n    return g.gi_frame", ["gi_frame"]),
        # the collector, the module table, the runner's own modules
        ("import gc\ndef f():\n    return gc.get_objects()", ["get_objects", "import gc"]),
        ("import sys\ndef f():\n    return sys.modules", ["modules"]),
        ("import program_state\ndef f():\n    return 1", ["import program_state"]),
        ("from bridge import Bridge\ndef f():\n    return 1", ["import bridge"]),
        # a handle's slots, by attribute and by match pattern
        ("def f(key):\n    return key._assay_bridge", ["_assay_bridge"]),
        (
            "def f(k):\n    match k:\n        case object(_assay_bridge=b):\n            return b",
            ["_assay_bridge"],
        ),
        # attribute access by a computed name, code from a string
        ("def f(x):\n    return getattr(x, '__glob' 'als__')", ["__globals__"]),
        ("def f():\n    return __builtins__['getattr']", ["__builtins__", "getattr"]),
        # getattr and vars are C's screened ones: they read the name when it is given (see below)
        ("def f(x, n):\n    return getattr(x, n + 'als__')", []),
        ("import math\ndef f(x):\n    return getattr(math, 'sqrt')(x)", []),
        ("def f(x):\n    return vars(x)['mod' + 'ules']", []),
        # what rewritten code calls is a checked reader, harmless to name; any other `_assay` name reaches
        ("def f(a, b):\n    return _assay_is(a, b), _assay_namespace(a)", []),
        ("def f(a):\n    return a._assay_sid", ["_assay_sid"]),
        # code from a string is read when it is made, in C (screened_builtins)
        ("def f(x):\n    return eval(x)", []),
        ("def f():\n    return print.__self__", ["__self__"]),
        ("def f():\n    return globals()['__builtins__']", ["__builtins__"]),
        ("def f(h):\n    return type(h).__call__.__globals__", ["__globals__"]),
        # the standard library's own ways to run a string or resolve a dotted name
        ("from unittest import mock\ndef f():\n    return mock.patch('program_state.x')", ["mock"]),
        ("import doctest\ndef f():\n    return doctest.testmod()", ["testmod"]),
        ("import typing\ndef f(g):\n    return typing.get_type_hints(g)", ["get_type_hints"]),
        ("import timeit\ndef f():\n    return 1", ["import timeit"]),
        # a block that runs only as a script never runs in C: the tests import the code
        (
            "import doctest, unittest\ndef f():\n    return 1\nif __name__ == '__main__':\n"
            "    doctest.testmod()\n    unittest.main()\n    import gc",
            [],
        ),
        (
            "def f():\n    return 1\nif '__main__' == __name__:\n    eval('1')\nelse:\n    import gc",
            ["import gc"],
        ),
        # plain code reaches nothing: `re.compile` and a key spelled 'modules' are not the builtin
        ("import re\ndef f(s):\n    return re.compile(r'\\d+').findall(s)", []),
        ("def f(d):\n    return d['modules']", []),
        ("import math, collections\ndef f(xs):\n    return collections.Counter(xs), math.pi", []),
    ],
)
def test_reaching_names(code: str, found: list[str]) -> None:
    assert reaching_names(code) == found


def test_the_trusted_prompt_is_not_counted() -> None:
    prompt = 'def field(x, name):\n    return getattr(x, name)\n\ndef f(x):\n    """The size of x."""\n'
    assert reaching_names("    return field(x, 'size')\n", prompt) == []
    assert reaching_names("    return __import__(x)\n", prompt) == ["__import__"]
    assert reaching_names("    import sys\n    return sys.modules\n", prompt) == ["modules"]


def test_every_runner_module_is_a_reaching_import() -> None:
    assert {Path(name).stem for name in RUNNER_MODULES} <= REACH_MODULES


def test_code_made_from_a_string_is_read_when_made() -> None:
    found: list[str] = []
    scope = {"__builtins__": screened_builtins(found)}
    exec("x = eval('1 + 2 * 3')\ndef f(a):\n    return eval('a * 2')\ny = f(5)", scope)  # noqa: S102
    assert (scope["x"], scope["y"], found) == (7, 10, [])
    with pytest.raises(ImportError):  # the computed name is read, and the import refused
        exec('z = eval("__imp" + "ort__(\'gc\')")', scope)  # noqa: S102
    assert found == ["code made from a string (__import__)", "refused: import gc"]
    found.clear()
    exec("exec('eval(\"vars\")', {})", scope)  # noqa: S102 - code made by code made from a string
    assert found == ["code made from a string (vars)"]
    found.clear()
    exec("c = compile('import gc', 's', 'exec')", scope)  # noqa: S102
    assert found == ["code made from a string (import gc)"]


def test_getattr_reads_the_name_it_is_given() -> None:
    found: list[str] = []
    scope = {"__builtins__": screened_builtins(found), "__name__": "solution"}  # C's module
    code = (
        "import math\nclass Box:\n    def __init__(self):\n        self.size = 3\n"
        "g = getattr\nroot = g(math, 'sq' + 'rt')(16)\nsize = getattr(Box(), 'size')\n"
        "missing = getattr(Box(), 'colour', None)\nown = vars(Box())\nhere = vars()['size']\n"
    )
    exec(code, scope)  # noqa: S102 - the screened builtins, as C's module has them
    assert (scope["root"], scope["size"], scope["missing"], scope["own"], scope["here"], found) == (
        4.0, 3, None, {"size": 3}, 3, []
    )  # fmt: skip
    for cheat, note in [
        ("def f(): pass\nf_globals = getattr(f, '__glob' + 'als__')", "getattr of a name that reaches"),
        ("class S(str):\n    def __hash__(self): return 1\nx = getattr(Box, S('__dict__'))", "getattr"),
        ("x = getattr(Box(), '_assay' + '_bridge')", "getattr of a name that reaches (_assay_bridge)"),
        ("import sys\nx = vars(sys)", "vars of an object the program did not define"),
        ("import sys\nclass C:\n    def peek(self): return vars(self)\nx = C.peek(sys)", "vars of an"),
        ("import sys\nexec('x = sys.__dict__')", "__dict__ of an object the program did not define"),
    ]:
        found.clear()
        with pytest.raises(AttributeError):
            exec(cheat, scope)  # noqa: S102 - refused: nothing is reached
        assert len(found) == 1 and found[0].startswith("refused: " + note)


def test_the_builtins_a_computed_key_finds_are_the_screened_ones() -> None:
    found: list[str] = []
    scope = {"__builtins__": screened_builtins(found), "__name__": "solution"}
    exec("import math\nroot = math.sqrt(4)", scope)  # noqa: S102 - a plain import passes
    for cheat in (
        "imp = globals()['__built' + 'ins__']['__imp' + 'ort__']\nimp('g' + 'c')",
        "__import__('unittest', fromlist=['mo' + 'ck'])",
    ):
        with pytest.raises(ImportError):
            exec(cheat, scope)  # noqa: S102 - refused: nothing is imported
    assert found == ["refused: import gc", "refused: import unittest.mock"]

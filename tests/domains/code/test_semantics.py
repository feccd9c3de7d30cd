"""The tests see the Python semantics they were written for, across the sandbox's process boundary.

Each case is a program, the tests and what must happen: a right program passes and the same tests
catch the bug they were written to catch (mutation, aliasing, identity, mutable defaults, shared state,
order, exceptions, output), as they would if tests and program ran in one process.
"""

from __future__ import annotations

import pytest

from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox

LISTNODE = (
    "class ListNode:\n    def __init__(self, val=0, next=None):\n"
    "        self.val = val\n        self.next = next\n"
    "    def values(self):\n        out, node = [], self\n        while node:\n"
    "            out.append(node.val)\n            node = node.next\n        return out\n"
    "def build(xs):\n    head = None\n    for x in reversed(xs):\n"
    "        head = ListNode(x, head)\n    return head\n"
)

# (name, program, tests, setup, passes)
CASES: list[tuple[str, str, str, str, bool]] = [
    # arguments changed in place are seen by the tests
    ("sorts in place", "def f(a):\n    a.sort()\n", "a = [3, 1, 2]\nf(a)\nassert a == [1, 2, 3]", "", True),
    (
        "sorts a copy",
        "def f(a):\n    a = sorted(a)\n",
        "a = [3, 1, 2]\nf(a)\nassert a == [1, 2, 3]",
        "",
        False,
    ),
    ("dict updated in place", "def f(d):\n    d['k'] = 1\n", "d = {}\nf(d)\nassert d == {'k': 1}", "", True),
    (
        "set and bytearray",
        "def f(s, b):\n    s.add(1)\n    b[0] = 65\n",
        "s, b = set(), bytearray(b'x')\nf(s, b)\nassert s == {1} and b == bytearray(b'A')",
        "",
        True,
    ),
    (
        "nested list changed",
        "def f(g):\n    g[1][0] = 9\n",
        "g = [[0], [0]]\nrow = g[1]\nf(g)\nassert row == [9]",
        "",
        True,
    ),
    # aliasing and identity
    (
        "independent rows",
        "def f(n):\n    return [[0] * n for _ in range(n)]\n",
        "g = f(3)\ng[0][0] = 1\nassert g[1][0] == 0",
        "",
        True,
    ),
    (
        "aliased rows",
        "def f(n):\n    return [[0] * n] * n\n",
        "g = f(3)\ng[0][0] = 1\nassert g[1][0] == 0",
        "",
        False,
    ),
    (
        "returns the argument",
        "def f(a):\n    return a\n",
        "a = [1]\nb = f(a)\nb.append(2)\nassert a == [1]",
        "",
        False,
    ),
    (
        "returns a copy",
        "def f(a):\n    return list(a)\n",
        "a = [1]\nb = f(a)\nb.append(2)\nassert a == [1]",
        "",
        True,
    ),
    ("identity of the argument", "def f(a):\n    return a\n", "a = []\nassert f(a) is a", "", True),
    # state that lives in the candidate between calls
    (
        "mutable default",
        "def f(x, acc=[]):\n    acc.append(x)\n    return acc\n",
        "assert f(1) == [1]\nassert f(2) == [2]",
        "",
        False,
    ),
    (
        "result kept across calls",
        "def f(x, acc=[]):\n    acc.append(x)\n    return acc\n",
        "r = f(1)\nf(2)\nassert r == [1]",
        "",
        False,
    ),
    (
        "module state returned",
        "CACHE = []\ndef f():\n    return CACHE\n",
        "f().append(1)\nassert f() == []",
        "",
        False,
    ),
    ("fresh state each call", "def f():\n    return []\n", "f().append(1)\nassert f() == []", "", True),
    # values with order and types
    (
        "OrderedDict order",
        "from collections import OrderedDict\ndef f():\n    return OrderedDict([('b', 1), ('a', 2)])\n",
        "from collections import OrderedDict\nassert f() == OrderedDict([('a', 2), ('b', 1)])",
        "",
        False,
    ),
    (
        "OrderedDict after move_to_end",
        "from collections import OrderedDict\ndef f():\n"
        "    d = OrderedDict(a=1, b=2)\n    d.move_to_end('a')\n    return d\n",
        "assert list(f()) == ['b', 'a']",
        "",
        True,
    ),
    (
        "namedtuple",
        "from collections import namedtuple\nP = namedtuple('P', 'x y')\ndef f():\n    return P(1, 2)\n",
        "assert f() == (1, 2) and f().y == 2 and type(f()).__name__ == 'P'",
        "",
        True,
    ),
    (
        "Counter",
        "from collections import Counter\ndef f(s):\n    return Counter(s)\n",
        "c = f('aab')\nassert c['a'] == 2 and c['z'] == 0 and c.most_common(1) == [('a', 2)]",
        "",
        True,
    ),
    (
        "defaultdict",
        "from collections import defaultdict\ndef f():\n    d = defaultdict(list)\n    d['a'].append(1)\n"
        "    return d\n",
        "d = f()\nd['b'].append(2)\nassert d == {'a': [1], 'b': [2]}",
        "",
        True,
    ),
    (
        "deque",
        "from collections import deque\ndef f():\n    return deque([1, 2], maxlen=2)\n",
        "d = f()\nd.append(3)\nassert list(d) == [2, 3]",
        "",
        True,
    ),
    (
        "big int, float, complex, bytes",
        "def f():\n    return [2**300, -0.0, 1j, b'\\x00', float('inf')]\n",
        "assert f() == [2**300, 0.0, 1j, b'\\x00', float('inf')]",
        "",
        True,
    ),
    (
        "generator",
        "def f(n):\n    yield from range(n)\n",
        "g = f(3)\nassert next(g) == 0 and list(g) == [1, 2]",
        "",
        True,
    ),
    # callables both ways
    (
        "key function",
        "def f(xs, key):\n    return sorted(xs, key=key)\n",
        "assert f(['bb', 'a'], key=len) == ['a', 'bb']\nassert f([1, 2], key=lambda x: -x) == [2, 1]",
        "",
        True,
    ),
    (
        "callback sees a mutation",
        "def f(cb):\n    a = [1]\n    cb(a)\n    return a\n",
        "assert f(lambda a: a.append(2)) == [1, 2]",
        "",
        True,
    ),
    (
        "a callback kept for later",
        "class Sorter:\n    def __init__(self, key):\n        self.key = key\n"
        "    def run(self, xs):\n        return sorted(xs, key=self.key)\n"
        "def f(key):\n    return Sorter(key)\n",
        "s = f(lambda x: -x)\nassert s.run([1, 3, 2]) == [3, 2, 1]",
        "",
        True,
    ),
    ("returned closure", "def f(n):\n    return lambda x: x + n\n", "assert f(2)(3) == 5", "", True),
    (
        "class under test",
        "class Stack:\n    def __init__(self):\n        self.items = []\n    def push(self, x):\n"
        "        self.items.append(x)\n    def size(self):\n        return len(self.items)\n",
        "s = Stack()\ns.push(1)\nassert s.size() == 1 and s.items == [1]",
        "",
        True,
    ),
    (
        "problem's class both ways",
        "def f(head):\n    prev = None\n    while head:\n"
        "        head.next, prev, head = prev, head, head.next\n    return prev\n",
        "assert f(build([1, 2, 3])).values() == [3, 2, 1]",
        LISTNODE,
        True,
    ),
    # exceptions keep their class
    (
        "expected ValueError",
        "def f(x):\n    raise ValueError('bad')\n",
        "try:\n    f(1)\n    ok = False\nexcept ValueError as e:\n    ok = str(e) == 'bad'\nassert ok",
        "",
        True,
    ),
    (
        "pytest.raises",
        "def f(d):\n    return d['x']\n",
        "import pytest\nwith pytest.raises(KeyError):\n    f({})\nassert True",
        "",
        True,
    ),
    (
        "own exception class",
        "class Oops(LookupError):\n    pass\ndef f():\n    raise Oops()\n",
        "try:\n    f()\n    ok = False\nexcept LookupError as e:\n"
        "    ok = type(e).__name__ == 'Oops'\nassert ok",
        "",
        True,
    ),
    # output the tests capture; a guarded main that reads stdin
    (
        "captured stdout",
        "def f(x):\n    print(x * 2)\n",
        "import io, contextlib\nbuf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n    f(21)\nassert buf.getvalue() == '42\\n'",
        "",
        True,
    ),
    (
        "main guard reads stdin",
        "def f(x):\n    return x + 1\nif __name__ == '__main__':\n    print(f(int(input())))\n",
        "assert f(1) == 2",
        "",
        True,
    ),
    # names as in one program: the program's helpers, a decorated entry point; the setup's helpers win
    (
        "helper of the program",
        "def helper(x):\n    return x * 3\ndef f(x):\n    return helper(x)\n",
        "assert helper(2) == 6 and f(2) == 6",
        "",
        True,
    ),
    (
        "lru_cache entry point",
        "import functools\n@functools.lru_cache(maxsize=None)\ndef f(n):\n"
        "    return n if n < 2 else f(n - 1) + f(n - 2)\n",
        "assert f(60) == 1548008755920",
        "",
        True,
    ),
    (
        "the setup's helper, not the program's",
        "def square(x):\n    return 0\ndef f(x):\n    return 0\n",
        "assert square(3) == 9 and f(3) == square(3)",
        "def square(x):\n    return x * x\n",
        False,
    ),
    # a million elements each way
    (
        "a million elements",
        "def f(xs):\n    return [x + 1 for x in xs]\n",
        "xs = list(range(10**6))\nys = f(xs)\nassert len(ys) == 10**6 and ys[-1] == 10**6",
        "",
        True,
    ),
]


@pytest.mark.parametrize(("name", "code", "tests", "setup", "passes"), CASES, ids=[c[0] for c in CASES])
def test_python_semantics_cross_the_sandbox(
    name: str, code: str, tests: str, setup: str, passes: bool, sandbox: Sandbox
) -> None:
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f", setup=setup))
    expected = ExecStatus.PASSED if passes else ExecStatus.FAILED
    assert result.status == expected, (result.message, result.tests)


# messages read in 64 KiB chunks, a large one whole: sizes around each boundary, both ways; tuples of
# plain values take a shortcut on both sides and must keep every type and every shared object
FRAMING_TESTS = """
for n in (65_500, 65_527, 65_528, 65_536, 131_073, 1_048_560, 1_048_576, 1_048_600, 3_000_001):
    s = "x" * n
    assert f(s) == s
    assert f((s, n)) == (s, n)
t = (True, None, 1.5, 2, "a", -0.0)
r = f(t)
assert r == t and type(r) is tuple and type(r[0]) is bool and r[1] is None and type(r[2]) is float
assert type(r[3]) is int and str(r[5]) == "-0.0"
a = [1]
r = f((a, (a, 2)))
assert r[0] is a and r[1][0] is a
assert f(()) == () and f(((),)) == ((),)
"""


def test_messages_of_every_size_and_plain_tuples_cross_whole(sandbox: Sandbox) -> None:
    job = CodeJob(code="def f(x):\n    return x\n", tests=(FRAMING_TESTS,), entry_point="f")
    result = sandbox.run(job)
    assert result.status == ExecStatus.PASSED, (result.message, result.tests)
    assert result.tests and all(t.passed for t in result.tests)


def test_a_class_as_the_entry_point(sandbox: Sandbox) -> None:
    code = (
        "class Solution:\n    def two(self, xs, t):\n        seen = {}\n        for i, x in enumerate(xs):\n"
    )
    code += (
        "            if t - x in seen:\n                return [seen[t - x], i]\n            seen[x] = i\n"
    )
    job = CodeJob(
        code=code, tests=("assert Solution().two([2, 7, 11], 9) == [0, 1]",), entry_point="Solution"
    )
    assert sandbox.run(job).status == ExecStatus.PASSED


# the bridge's own channels, abused: none may pass
BRIDGE_CHEATS: dict[str, tuple[str, str]] = {
    "callback reaches the tests' globals": (
        "def f(cb):\n    try:\n        cb.__globals__['__assay_assert__'] = lambda *a: None\n"
        "    except BaseException:\n        pass\n    try:\n"
        "        cb._op('getattr', '__globals__')['__assay_assert__'] = None\n    except BaseException:\n"
        "        pass\n    return 0\n",
        "assert f(lambda: 1) == 1",
    ),
    "callback asked for objects never shared": (
        "def f(cb):\n    bridge = object.__getattribute__(cb, '_assay_bridge')\n"
        "    for sid in range(0, 100, 2):\n"
        "        try:\n            bridge.request('call', sid, [[], {}])\n        except BaseException:\n"
        "            pass\n    return 0\n",
        "assert f(lambda: 1) == 1",
    ),
    "hostile eq, hash and del in a mutated argument": (
        "class Yes:\n    def __eq__(self, o):\n        return True\n"
        "    def __hash__(self):\n        return 0\n"
        "    def __del__(self):\n        import os\n        os._exit(0)\n"
        "def f(a):\n    a.append(Yes())\n",
        "a = []\nf(a)\nassert a == [5]",
    ),
    "a list subclass that equals anything": (
        "class L(list):\n    def __eq__(self, o):\n        return True\n"
        "def f(a):\n    a[:] = [L()]\n    return L()\n",
        "a = [1]\nassert f(a) == [1, 2] or a == [[7]]",
    ),
    "forged ids of the tests' side": (
        "import gc\ndef f(a):\n    for o in gc.get_objects():\n        if type(o).__name__ == 'Bridge':\n"
        "            o._next = 0\n    a.append([])\n    return 0\n",
        "a = []\nassert f(a) == 1",
    ),
    "forged kinds of shared objects": (
        "import gc\ndef f(a):\n    for o in gc.get_objects():\n        if type(o).__name__ == 'Bridge':\n"
        "            for sid in list(o.kinds):\n                o.kinds[sid] = 'd'\n"
        "            o.synced.clear()\n"
        "    return 0\n",
        "a = [1]\nassert f(a) == 1",
    ),
    "a method of the problem's class shadowed": (
        "def f(head):\n    head.values = lambda: [3, 2, 1]\n    return head\n",
        "assert f(build([1, 2, 3])).values() == [3, 2, 1]",
    ),
    "a builtin named that runs code": (
        "import gc\ndef f():\n    for o in gc.get_objects():\n        if type(o).__name__ == 'Bridge':\n"
        "            o._named = lambda v: ['bi', 'eval']\n    return print\n",
        "assert f()('1') == 1",
    ),
    "a value that cannot be rebuilt, taken for an exception": (
        "from collections import namedtuple\nP = namedtuple('P', 'x y')\nP._fields = ('x', 'class')\n"
        "def f():\n    return P(1, 2)\n",
        "try:\n    r = f()\nexcept Exception:\n    r = 'raised'\nassert r == 'raised'",
    ),
    "garbage on the reply pipe": (
        "import os\ndef f():\n    for fd in range(3, 64):\n        try:\n"
        "            os.write(fd, b'\\x00\\x00\\x00\\x05[1,2')\n"
        "        except OSError:\n            pass\n    return 0\n",
        "try:\n    r = f()\nexcept Exception:\n    r = 1\nassert r == 1",
    ),
}


@pytest.mark.parametrize("name", sorted(BRIDGE_CHEATS))
def test_the_bridge_cannot_be_turned_against_the_tests(name: str, sandbox: Sandbox) -> None:
    code, tests = BRIDGE_CHEATS[name]
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f", setup=LISTNODE))
    assert result.status != ExecStatus.PASSED, (result.message, result.tests)


# APPS style: whole programs, stdin in, stdout compared line by line
STDIO = (("2\n1 2\n", "3\n"), ("3\n1 2 4\n", "7"))


@pytest.mark.parametrize(
    ("code", "passes"),
    [
        ("n = int(input())\nprint(sum(map(int, input().split())))\n", True),
        ("import sys\nprint(sum(map(int, sys.stdin.read().split()[1:])))\nsys.exit(0)\n", True),
        ("n, *xs = map(int, open(0).read().split())\nprint(sum(xs))\n", True),
        ("if __name__ == '__main__':\n    input()\n    print(sum(map(int, input().split())))\n", True),
        ("n = int(input())\nprint(n)\n", False),
        ("import sys\nsys.exit(1)\n", False),
        ("print(3)\n", False),
    ],
)
def test_whole_programs_fed_stdin(code: str, passes: bool, sandbox: Sandbox) -> None:
    result = sandbox.run(CodeJob(code=code, stdio=STDIO))
    assert result.status == (ExecStatus.PASSED if passes else ExecStatus.FAILED), result.tests
    assert result.total == len(STDIO)

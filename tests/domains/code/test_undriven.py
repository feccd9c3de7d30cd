"""Objects of the candidate's that Python drives only by their own type leave the run unknown.

A coroutine or an async generator is run by `asyncio.run`, `await` and `async for` only when it is one
(they check the type), and `class Sub(candidate)` builds a subclass with the base's metaclass: a
handle to C's object cannot stand in for either. A failure is then the handle's, not the code's, and a
pass stands for no program, so neither is a verdict. The one exception: a coroutine of C's awaited
alone in the tests' event loop runs to its end in C, as in one program (bridge_async).
"""

from __future__ import annotations

import pytest

from assay.domains.code.bridge_kinds import UNDRIVEN
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Status

ASYNC_DOUBLE = "import asyncio\n\nasync def f(x):\n    await asyncio.sleep(0)\n    return 2 * x\n"
ASYNC_GEN = "async def f(n):\n    for i in range(n):\n        yield i\n"
SHAPE = "class f:\n    def area(self, s):\n        return s * s\n"

# (name, code, tests, status): what the tests did with C's object, and how the run ended
CASES = [
    ("a coroutine held, checks pass", ASYNC_DOUBLE, "c = f(3)\nassert c is not None", "passed"),
    (
        "C's coroutine beside another task",
        ASYNC_DOUBLE,
        "import asyncio\nasync def main():\n    return await asyncio.gather(f(1), f(3))\n"
        "assert asyncio.run(main()) == [2, 6]",
        "failed",
    ),
    (
        "C's coroutine under a timeout",
        ASYNC_DOUBLE,
        "import asyncio\nassert asyncio.run(asyncio.wait_for(f(3), 5)) == 6",
        "failed",
    ),
    ("C's coroutine driven by hand", "async def f(x):\n    return x\n", "f(3).send(None)", "failed"),
    (
        "C's coroutine leaves a task pending",
        "import asyncio\nasync def f(x):\n    asyncio.get_running_loop().create_task(asyncio.sleep(1))\n"
        "    return x\n",
        "import asyncio\nassert asyncio.run(f(3)) == 3",
        "failed",
    ),
    (
        "C's coroutine leaves a callback scheduled",
        "import asyncio\nasync def f(xs):\n    asyncio.get_running_loop().call_later(0.01, xs.append, 9)\n",
        "import asyncio\nxs = []\nasyncio.run(f(xs))\nassert xs == []",
        "failed",
    ),
    (
        "C's coroutine awaits one of the tests'",
        "async def f(g):\n    return await g()\n",
        "import asyncio\nasync def g():\n    return 1\nassert asyncio.run(f(g)) == 1",
        "failed",
    ),
    (
        "async for over C's async generator",
        ASYNC_GEN,
        "import asyncio\nasync def main():\n    return [i async for i in f(3)]\n"
        "assert asyncio.run(main()) == [0, 1, 2]",
        "failed",
    ),
    (
        "a value of the tests' that is not lent to C",
        "def f(s):\n    return s.read()\n",
        "import io\nassert f(io.StringIO('x')) == 'x'",
        "failed",
    ),
    ("a subclass of C's class", SHAPE, "class Sub(f):\n    pass\nassert Sub().area(2) == 4", "failed"),
]


@pytest.mark.parametrize(("name", "code", "tests", "status"), CASES, ids=[c[0] for c in CASES])
def test_what_the_tests_cannot_drive_is_unknown(
    name: str, code: str, tests: str, status: str, sandbox: Sandbox
) -> None:
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus(status), (result.message, result.tests)
    assert result.message.startswith(UNDRIVEN), result.message
    assert CodeVerifier(sandbox).verdict("c", result).status == Status.UNKNOWN


@pytest.mark.parametrize(
    ("code", "tests"),
    [
        # a plain generator and C's class used as it is are driven through the handle
        ("def f(n):\n    yield from range(n)\n", "g = f(3)\nassert next(g) == 0 and list(g) == [1, 2]"),
        (SHAPE, "assert f().area(3) == 9 and isinstance(f(), f)"),
    ],
)
def test_what_a_handle_drives_is_judged(code: str, tests: str, sandbox: Sandbox) -> None:
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus.PASSED and not result.message, (result.message, result.tests)


@pytest.mark.parametrize(
    ("tests", "status"),
    [
        ("import asyncio\nassert asyncio.run(f(3)) == 6", "passed"),
        ("import asyncio\nassert asyncio.run(f(3)) == 7", "failed"),
        (
            "import asyncio\nasync def main():\n    return await f(3), await f(1)\n"
            "assert asyncio.run(main()) == (6, 2)",
            "passed",
        ),
        (
            "import asyncio, inspect\nc = f(2)\nassert inspect.iscoroutine(c) and asyncio.run(c) == 4",
            "passed",
        ),
        (
            "import asyncio\ntry:\n    asyncio.run(f(-1))\nexcept ValueError as e:\n    raised = e\n"
            "assert raised.args == (-1,)",
            "passed",
        ),
    ],
)
def test_a_coroutine_awaited_alone_runs_to_its_end_in_c(tests: str, status: str, sandbox: Sandbox) -> None:
    code = ASYNC_DOUBLE.replace("    return", "    if x < 0:\n        raise ValueError(x)\n    return")
    result = sandbox.run(CodeJob(code=code, tests=(tests,), entry_point="f"))
    assert result.status == ExecStatus(status) and not result.message, (result.message, result.tests)

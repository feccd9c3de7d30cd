"""Objects of the candidate's that Python drives only by their own type leave the run unknown.

A coroutine or an async generator is run by `asyncio.run`, `await` and `async for` only when it is one
(they check the type), and `class Sub(candidate)` builds a subclass with the base's metaclass: a
handle to C's object cannot stand in for either. A failure is then the handle's, not the code's, and a
pass stands for no program, so neither is a verdict.
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
    ("asyncio.run of C's coroutine", ASYNC_DOUBLE, "import asyncio\nassert asyncio.run(f(3)) == 6", "failed"),
    (
        "awaited in the tests' coroutine",
        ASYNC_DOUBLE,
        "import asyncio\nasync def main():\n    return await f(3)\nassert asyncio.run(main()) == 6",
        "failed",
    ),
    ("a coroutine held, checks pass", ASYNC_DOUBLE, "c = f(3)\nassert c is not None", "passed"),
    (
        "async for over C's async generator",
        ASYNC_GEN,
        "import asyncio\nasync def main():\n    return [i async for i in f(3)]\n"
        "assert asyncio.run(main()) == [0, 1, 2]",
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

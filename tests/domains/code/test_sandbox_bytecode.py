"""The compiled bytecode the host ships to the workers (sandbox.module_bytecode) is ours and stays ours.

The workers load worker.py, harness.py and bridge.py from bytecode the host compiles from our own
source and bubblewrap places read-only in the sandbox (nothing is written to any file system). Here a
candidate tries to rewrite, replace or delete that bytecode, or to patch the modules it loaded; the
pool starts a fresh worker for every task (max_tasks=1), which loads the bytecode again, and the tasks
after the poisoner must get exactly the verdicts they earn alone. Nothing here measures time.
"""

from __future__ import annotations

import importlib.util
import marshal
import shutil
from pathlib import Path

import pytest

from assay.domains.code import isolation
from assay.domains.code.sandbox import (
    RUNNER,
    RUNNER_MODULES,
    CodeJob,
    ExecStatus,
    Sandbox,
    SandboxConfig,
    module_bytecode,
)
from tests.domains.code.conftest import require_bubblewrap

TESTS = (
    "def check(candidate):\n    assert candidate([3, 1, 2]) == [1, 2, 3]\n    assert candidate([]) == []\n"
)
RIGHT = "def f(xs):\n    return sorted(xs)\n"
WRONG = "def f(xs):\n    return xs\n"
BRIDGE, HARNESS = (
    Path(importlib.util.cache_from_source(f"/assay/{m}.py", optimization="")).name
    for m in ("bridge", "harness")
)

# each tries to leave the next worker a harness or bridge that passes anything, then answers wrongly
POISONERS = {
    "rewrites-the-bytecode": (
        "import glob\n"
        "for path in glob.glob('/assay/__pycache__/*.pyc') + ['/assay/__pycache__/bridge.cpython-311.pyc']:\n"
        "    try:\n        open(path, 'wb').write(b'poison')\n    except OSError:\n        pass\n"
    ),
    "replaces-and-deletes-it": (
        "import os\n"
        "for name in os.listdir('/assay/__pycache__') if os.path.isdir('/assay/__pycache__') else []:\n"
        "    path = '/assay/__pycache__/' + name\n"
        "    for act in (lambda: open('/tmp/x.pyc', 'wb').write(b'poison'),\n"
        "                lambda: os.replace('/tmp/x.pyc', path), lambda: os.unlink(path),\n"
        "                lambda: os.rmdir('/assay/__pycache__')):\n"
        "        try:\n            act()\n        except OSError:\n            pass\n"
    ),
    "patches-the-loaded-modules": (
        "import sys\n"
        "for name in ('harness', 'bridge', 'worker'):\n"
        "    module = sys.modules.get(name)\n"
        "    if module is not None:\n"
        "        for attr in ('Recorder', 'same_output', '_summary', 'Bridge'):\n"
        "            if hasattr(module, attr):\n"
        "                setattr(module, attr, None)\n"
        "        module.__dict__.clear()\n"
    ),
}


def _check_header(data: bytes, source: Path) -> None:
    # what the worker's Python checks before it uses the bytecode: its magic, then the source's time
    # and size (the bind keeps both); a mismatch would only make it compile the source
    stat = source.stat()
    assert data[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(data[4:8], "little") == 0  # checked against the source, not trusted blindly
    assert int.from_bytes(data[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
    assert int.from_bytes(data[12:16], "little") == stat.st_size & 0xFFFFFFFF


def test_every_module_of_the_worker_is_shipped_compiled_and_fresh() -> None:
    require_bubblewrap()
    shipped = dict(module_bytecode())
    assert len(shipped) == len(RUNNER_MODULES)
    for module in RUNNER_MODULES:
        source = RUNNER.with_name(module)
        data = shipped[Path(importlib.util.cache_from_source(str(source), optimization="")).name]
        _check_header(data, source)
        own = compile(source.read_bytes(), f"/assay/{module}", "exec", dont_inherit=True, optimize=0)
        assert marshal.loads(data[16:]).co_code == own.co_code
    # inside the sandbox, where the worker's Python looks for it, read-only
    lister = (
        "import os\nprint(*sorted(os.listdir('/assay/__pycache__')))\n"
        "print(os.access('/assay/__pycache__', os.W_OK))\n"
    )
    expected = " ".join(sorted(shipped)) + "\nFalse\n"
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0) as pool:
        result = pool.run(CodeJob(code=lister, stdio=(("", expected),)))
    assert result.status == ExecStatus.PASSED, (result.message, result.tests)


def test_bytecode_is_remade_when_its_source_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_bubblewrap()
    for module in ("runner.py", *RUNNER_MODULES):
        shutil.copy(RUNNER.with_name(module), tmp_path / module)
    monkeypatch.setattr(isolation, "RUNNER", tmp_path / "runner.py")  # where module_bytecode reads
    first = dict(module_bytecode())
    with open(tmp_path / "bridge.py", "a", encoding="utf-8") as f:
        f.write("\nCHANGED = True\n")
    second = dict(module_bytecode())
    _check_header(second[BRIDGE], tmp_path / "bridge.py")
    assert "CHANGED" in marshal.loads(second[BRIDGE][16:]).co_names
    assert second[HARNESS] == first[HARNESS]


def test_a_candidate_cannot_poison_the_shipped_bytecode() -> None:
    require_bubblewrap()
    before = module_bytecode()

    def job(code: str) -> CodeJob:
        return CodeJob(code=code, tests=TESTS, entry_point="f")

    # every task in a fresh worker (max_tasks=1), which loads the bytecode again after each poisoner
    jobs = [job(POISONERS[name] + WRONG) for name in sorted(POISONERS)] + [job(WRONG), job(RIGHT), job(WRONG)]
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0, max_tasks=1) as pool:
        results = pool.run_many(jobs)
    failed, passed = ExecStatus.FAILED, ExecStatus.PASSED
    assert [r.status for r in results] == [failed] * len(POISONERS) + [failed, passed, failed]
    assert [t.passed for t in results[-3].tests] == [False, True]
    assert module_bytecode() == before


def test_without_shipped_bytecode_the_worker_compiles_its_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    require_bubblewrap()
    monkeypatch.setattr(isolation, "module_bytecode", lambda: ())  # what each worker start asks
    assert not any("__pycache__" in part for part in isolation.bwrap_command(SandboxConfig()))
    with Sandbox(isolation="bubblewrap", workers=1, timeout=30.0) as pool:
        results = pool.run_many([CodeJob(code=code, tests=TESTS, entry_point="f") for code in (RIGHT, WRONG)])
    assert [r.status for r in results] == [ExecStatus.PASSED, ExecStatus.FAILED]

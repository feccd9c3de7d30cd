"""`assay sandbox check` and `assay import humaneval|mbpp`: the code domain's commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from assay.cli.common import workspace_option
from assay.domains.code.importers import FORMATS, Imported, Skipped, import_file
from assay.domains.code.sandbox import (
    BUBBLEWRAP,
    ISOLATIONS,
    WEAK,
    CodeJob,
    ExecStatus,
    Sandbox,
    SandboxUnavailable,
    bubblewrap_problem,
)
from assay.errors import AssayError
from assay.workspace import Workspace

# Runs inside the sandbox and prints what it can see and do; the tests only ask for a result.
_PROBE = r"""
import json, os, socket
def attempt(action):
    try:
        action()
        return "allowed"
    except Exception as exc:
        return f"blocked ({type(exc).__name__})"
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return line.split(":", 1)[1].strip()
    return "?"
def connect():
    socket.create_connection(("1.1.1.1", 53), timeout=1).close()
def readable(path):
    return lambda: open(path, "rb").read(1)
report = {
    "pid": os.getpid(),
    "uid": os.getuid(),
    "seccomp": status("Seccomp"),
    "no_new_privs": status("NoNewPrivs"),
    "capabilities": status("CapEff"),
    "environment variables": len(os.environ),
    "network (connect 1.1.1.1:53)": attempt(connect),
    "fork": attempt(lambda: os._exit(0) if os.fork() == 0 else None),
    "exec": attempt(lambda: os.execv("/bin/true", ["true"])),
    "read /etc/passwd": attempt(readable("/etc/passwd")),
    "read ~/.ssh": attempt(lambda: os.listdir(os.path.expanduser("~/.ssh"))),
    "write /usr": attempt(lambda: open("/usr/assay-probe", "w").close()),
}
print(json.dumps(report))
def probe():
    return True
"""


def run_probe(sandbox: Sandbox) -> dict[str, object]:
    result = sandbox.run(CodeJob(code=_PROBE, tests=("assert probe()",), entry_point="probe"))
    if result.status != ExecStatus.PASSED:
        raise AssayError(f"the probe did not run: {result.status}: {result.message} {result.stderr[-500:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@click.group("sandbox")
def sandbox_group() -> None:
    """The code sandbox.

    \b
    Example:
      assay sandbox check
    """


@sandbox_group.command("check")
@click.option("--sandbox", "isolation", type=click.Choice(ISOLATIONS), default=BUBBLEWRAP, show_default=True)
def check_command(isolation: str) -> None:
    """Show which isolation is in force on this machine and why, from a probe run inside it.

    \b
    Example:
      assay sandbox check
      assay sandbox check --sandbox weak
    """
    bwrap = shutil.which("bwrap")
    problem = bubblewrap_problem()
    click.echo(f"bubblewrap: {bwrap or 'not installed'}")
    click.echo(f"bubblewrap usable: {'yes' if problem is None else 'no: ' + problem}")
    try:
        sandbox = Sandbox(isolation=isolation, workers=1)
    except SandboxUnavailable as exc:
        click.echo(f"isolation in force: none (refusing to run code): {exc}")
        raise SystemExit(1) from exc
    with sandbox:
        report = run_probe(sandbox)
    if isolation == WEAK:
        reason = "weak, as asked: rlimits, seccomp, process-group kill; no namespaces (files readable)"
    else:
        reason = "bubblewrap: all namespaces unshared, no capabilities, read-only /usr, private /tmp"
    click.echo(f"isolation in force: {reason}")
    click.echo("probe run inside the sandbox:")
    for key, value in report.items():
        click.echo(f"  {key}: {value}")


@click.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--references/--no-references",
    default=True,
    show_default=True,
    help="Store canonical solutions as reference candidates (generation 0).",
)
@workspace_option
def import_command(fmt: str, source: Path, references: bool, workspace: str) -> None:
    """Import HumanEval- or MBPP-style JSONL (.jsonl or .jsonl.gz) as code problems.

    \b
    Example:
      assay import humaneval HumanEval.jsonl.gz -w my-run
      assay import mbpp mbpp.jsonl -w my-run && assay verify -w my-run
    """
    store = Workspace.open(workspace).store()
    imported = 0
    skipped: list[Skipped] = []
    try:
        batch: list[Imported] = []
        for item in import_file(source, fmt):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            batch.append(item)
            if len(batch) >= 500:
                imported += _write(store, batch, references)
        imported += _write(store, batch, references)
    finally:
        store.close()
    click.echo(f"{imported} {fmt} problems imported from {source}; {len(skipped)} lines skipped.")
    for item in skipped[:20]:
        click.echo(f"  line {item.line}: {item.reason}", err=True)
    if skipped:
        raise SystemExit(1)


def _write(store: object, batch: list[Imported], references: bool) -> int:
    from assay.store import Store

    assert isinstance(store, Store)
    store.add_problems(item.problem for item in batch)
    if references:
        store.add_candidates(item.reference for item in batch if item.reference is not None)
    count = len(batch)
    batch.clear()
    return count

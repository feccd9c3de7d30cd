"""`assay init` and `assay show`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assay.cli.common import workspace_option
from assay.records import to_json
from assay.workspace import Workspace


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--database", default=None, help="Database URL (default: SQLite file in the workspace).")
def init_command(directory: str, database: str | None) -> None:
    """Create a workspace: assay.toml, the database and artifacts/.

    \b
    Example:
      assay init my-run
      assay init team-run --database postgresql://me@localhost/assay
    """
    workspace = Workspace.init(Path(directory), database)
    click.echo(f"Workspace ready at {workspace.root.resolve()} (database: {workspace.database_url})")


@click.command("show")
@click.argument("record_id")
@workspace_option
def show_command(record_id: str, workspace: str) -> None:
    """Show a problem, candidate (with its verdicts and scores) or verdict by id, as JSON.

    \b
    Example:
      assay show prb_3f2a9c1d0e4b5a67 -w my-run
    """
    store = Workspace.open(workspace).store()
    try:
        kind, record = store.find(record_id)
        out = {"kind": kind, **to_json(record)}
        if kind == "candidate":
            out["verdicts"] = [to_json(v) for v in store.verdicts_for([record_id]).get(record_id, [])]
            out["scores"] = [to_json(s) for s in store.scores_for([record_id]).get(record_id, [])]
        if kind == "problem":
            out["candidates"] = [c.id for c in store.candidates_for(record_id)]
    finally:
        store.close()
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))

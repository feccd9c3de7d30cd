"""`assay review serve | user add | queue build | export`: the human review app from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from assay.cli.common import workspace_option
from assay.outputs import writing
from assay.review import accounts
from assay.review.accounts import Role
from assay.review.decisions import iter_decisions
from assay.review.queues import LEASE_SECONDS, QueueSpec, build_queue
from assay.stages.verify import VerifierSettings
from assay.workspace import Workspace, check_output

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@click.group("review")
def review_group() -> None:
    """Human review: a web app where people grade the top candidates.

    \b
    Example:
      assay review user add alice --role admin -w my-run
      assay review queue build -w my-run --name top100 --scorer verifier --top 100 --overlap 2
      assay review serve -w my-run --port 8100
    """


@review_group.command("serve")
@workspace_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8100, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--secure-cookies/--no-secure-cookies",
    default=None,
    help="Mark cookies Secure (HTTPS only). Default: on unless --host is loopback.",
)
@click.option(
    "--forwarded-allow-ips",
    default="",
    help="Trust X-Forwarded-For/-Proto from these proxy addresses (comma-separated, e.g. 127.0.0.1). "
    "Default: trust no proxy header, so the login rate limit keys on the real peer address.",
)
def serve_command(
    workspace: str, host: str, port: int, secure_cookies: bool | None, forwarded_allow_ips: str
) -> None:
    """Serve the review app on the workspace's database (SQLite, or PostgreSQL for a team).

    \b
    Example:
      assay review serve -w my-run --port 8100      # then open http://127.0.0.1:8100/
      assay review serve -w my-run --host 0.0.0.0 --forwarded-allow-ips 10.0.0.5   # behind a proxy
    """
    try:
        import uvicorn

        from assay.review.app import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"assay review serve needs FastAPI and uvicorn: pip install 'assay[serve]' ({exc})"
        ) from exc
    space = Workspace.open(workspace)
    secure = secure_cookies if secure_cookies is not None else host not in LOOPBACK
    settings = VerifierSettings.of(
        dict(space.verify.verifiers), timeout=space.verify.timeout, sandbox=space.sandbox
    )
    app = create_app(space.database_url, secure_cookies=secure, verifier_settings=settings)
    click.echo(
        f"review app on http://{host}:{port}/ (cookies {'Secure' if secure else 'not Secure'})", err=True
    )
    uvicorn.Server(server_config(app, host, port, forwarded_allow_ips)).run()


def server_config(app: Any, host: str, port: int, forwarded_allow_ips: str = "") -> Any:
    """The uvicorn.Config `assay review serve` runs. Proxy headers are off unless forwarded_allow_ips
    names proxies: uvicorn's default trusts X-Forwarded-For from 127.0.0.1, and the login rate limit
    keys on the client address, so anyone on the machine (or a local proxy passing the header through)
    could name a new address per guess and never be limited. (Also ignores FORWARDED_ALLOW_IPS from
    the environment: only the flag decides.)"""
    import uvicorn

    trusted = ",".join(part.strip() for part in forwarded_allow_ips.split(",") if part.strip())
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or "",
    )


@review_group.group("user")
def user_group() -> None:
    """Review accounts.

    \b
    Example:
      assay review user add alice --role admin -w my-run
    """


@user_group.command("add")
@workspace_option
@click.argument("name")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default=Role.REVIEWER.value, show_default=True
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from stdin (first line) instead of a prompt."
)
def user_add(workspace: str, name: str, role: str, password_stdin: bool) -> None:
    """Add a user (or set an existing user's role and password; their sessions end).

    \b
    Example:
      assay review user add alice --role admin -w my-run
      printf '%s\\n' "$PASSWORD" | assay review user add bob --password-stdin -w my-run
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    store = Workspace.open(workspace).store()
    try:
        user = accounts.add_user(store.engine, name, role, password)
    finally:
        store.close()
    click.echo(f"user {user.name} ({user.role.value})")


@review_group.group("queue")
def queue_group() -> None:
    """Review queues.

    \b
    Example:
      assay review queue build -w my-run --name top100 --scorer verifier --top 100
    """


@queue_group.command("build")
@workspace_option
@click.option("--name", required=True, help="A name people will recognise.")
@click.option("--scorer", required=True, help="Stored scorer to rank by (e.g. verifier, orm; any version).")
@click.option("--top", default=100, show_default=True, type=click.IntRange(1), help="Candidates to review.")
@click.option(
    "--overlap", default=1, show_default=True, type=click.IntRange(1, 50), help="Reviewers per item."
)
@click.option(
    "--gold-share",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0.0, 1.0, max_open=True),
    help="Share of the queue that is gold items (truth known from a verified/refuted verdict).",
)
@click.option("--min-score", type=float, default=None, help="Leave out candidates scored below this.")
@click.option("--domain", default=None, help="Only candidates of this domain.")
@click.option(
    "--lease-minutes", default=LEASE_SECONDS / 60, show_default=True, type=click.FloatRange(0.5, 1440)
)
def queue_build(
    workspace: str,
    name: str,
    scorer: str,
    top: int,
    overlap: int,
    gold_share: float,
    min_score: float | None,
    domain: str | None,
    lease_minutes: float,
) -> None:
    """Build a review queue from the top candidates by a stored score.

    \b
    Example:
      assay review queue build -w my-run --name top100 --scorer verifier \\
        --top 100 --overlap 2 --gold-share 0.1
    """
    store = Workspace.open(workspace).store()
    try:
        spec = QueueSpec(name, scorer, top, overlap, gold_share, min_score, domain, lease_minutes * 60)
        queue_id, count = build_queue(store.engine, spec, created_by="cli")
    finally:
        store.close()
    click.echo(f"queue {queue_id}: {count} items, {overlap} reviewer(s) each")


@review_group.command("export")
@workspace_option
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="JSONL file to write."
)
def export_command(workspace: str, out: Path) -> None:
    """Write every review decision ever made (nothing overwritten) as JSONL.

    \b
    Example:
      assay review export -w my-run --out reviews.jsonl
    """
    space = Workspace.open(workspace)
    check_output(out, home=space.root)  # never over a database, a config or another workspace's files
    store = space.store()
    count = 0
    try:
        with writing(out, f"review export {out}") as staging, staging.temp().open("w", encoding="utf-8") as f:
            for row in iter_decisions(store.engine):
                # ASCII only: a raw U+2028/U+2029/U+0085 in a note would split the line for some readers
                f.write(json.dumps(row, ensure_ascii=True) + "\n")
                count += 1
    finally:
        store.close()
    click.echo(f"{count} decisions written to {out}", err=True)

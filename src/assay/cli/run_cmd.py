"""`assay run CONFIG` (the main job) and `assay serve` (a tiny model behind the OpenAI API)."""

from __future__ import annotations

from pathlib import Path

import click

from assay.cli.common import progress


@click.command("run")
@click.argument("config", type=click.Path(dir_okay=False, path_type=Path))
def run_command(config: Path) -> None:
    """Run a pipeline config: seed data, train, eval, generate, verify, export.

    Safe to run again after an interruption: it resumes and ends with the same export.

    \b
    Example:
      assay run examples/quickstart.toml
    """
    from assay.pipeline import load_config, run

    run(load_config(config), report=click.echo, progress=progress)


@click.command("serve")
@click.option(
    "--model",
    "model_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="A tiny-model checkpoint (.pt), or a workspace whose artifacts/models/v1.pt to serve.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--name", default="tiny", show_default=True, help="Model name the API reports.")
def serve_command(model_path: Path, host: str, port: int, name: str) -> None:
    """Serve a tiny model with the OpenAI chat-completions API.

    \b
    Example:
      assay serve --model quickstart-workspace --port 8000
      curl -s localhost:8000/v1/chat/completions \\
        -d '{"messages": [{"role": "user", "content": "Solve for x: 2x + 5 = 13\\n"}]}'
    """
    try:
        from assay.serve import serve
    except ImportError as exc:
        message = f"assay serve needs FastAPI and uvicorn: pip install 'assay[serve]' ({exc})"
        raise click.ClickException(message) from exc
    if model_path.is_dir():
        model_path = model_path / "artifacts" / "models" / "v1.pt"
    click.echo(f"serving {model_path} as {name!r} on http://{host}:{port}/v1", err=True)
    serve(model_path, host, port, name)

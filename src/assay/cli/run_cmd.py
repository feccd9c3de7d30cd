"""`assay run CONFIG` (the main job) and `assay serve` (a tiny model behind the OpenAI API)."""

from __future__ import annotations

from pathlib import Path

import click

from assay.cli.common import engine_options, progress


@click.command("run")
@click.argument("config", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-c",
    "--config",
    "config_option",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The pipeline config (the same as giving it as the argument).",
)
@click.option(
    "-w",
    "--workspace",
    type=click.Path(file_okay=False),
    default=None,
    help="The run's workspace folder, instead of the config's [run] workspace.",
)
@engine_options("With --engine ray: how many Ray workers (default: [run] workers; 0 there: the CPUs).")
def run_command(
    config: Path | None,
    config_option: Path | None,
    workspace: str | None,
    engine: str | None,
    ray_address: str | None,
    workers: int | None,
) -> None:
    """Run a pipeline config: seed data, train, eval, generate, verify, score, select, review, export.

    The whole config is checked before anything runs; a wrong value stops it with the key and the
    reason, and writes nothing. Safe to run again after an interruption: it resumes and ends with the
    same export. A workspace holds one run: a config whose settings differ from the run a workspace
    holds is refused, with the settings that changed. Exits non-zero if any request failed (a re-run
    asks again for exactly those). With [review] reviewer = "human" it exits with code 3 while the
    run's review queue waits for people (assay review serve); run it again when they are done.

    The options override [run] engine, ray_address and workers: where the work runs, never what it
    makes (the export is the same under every engine).

    \b
    Example:
      assay run examples/quickstart.toml
      assay run -c examples/funnel.toml -w /tmp/fw     # 1000 generated → … → 100 reviewed → 50 kept
      assay run examples/quickstart.toml --engine ray --workers 2
    """
    from dataclasses import replace

    from assay.pipeline import load_config, run, with_engine

    path = config if config is not None else config_option
    if path is None or (config is not None and config_option is not None):
        raise click.UsageError("give the pipeline config once: as the argument or as -c/--config")
    loaded = with_engine(load_config(path), engine, ray_address, workers)
    if workspace is not None:  # (where the run lives is not part of what it makes: see run_identity)
        loaded = replace(loaded, run=replace(loaded.run, workspace=workspace))
    from assay.funnel_stages import WaitingForReview

    try:
        funnel = run(loaded, report=click.echo, progress=progress)
    except WaitingForReview as exc:  # not a failure: people have work to do; run again when they are done
        click.echo(str(exc), err=True)
        raise SystemExit(WaitingForReview.EXIT_CODE) from None
    problems = funnel.problems()
    if problems:
        raise click.ClickException("; ".join(problems) + ". Run the same config again to retry only those.")


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
@click.option(
    "--template",
    default="tiny-v1",
    show_default=True,
    help="The prompt template the model learnt ([train] template); chat messages are rendered in it.",
)
def serve_command(model_path: Path, host: str, port: int, name: str, template: str) -> None:
    """Serve a tiny model with the OpenAI API: /v1/chat/completions and /v1/completions, with
    streaming and logprobs, for the openai SDK, curl or any OpenAI-compatible client.

    \b
    Example:
      assay serve --model quickstart-workspace --port 8000
      curl -s localhost:8000/v1/chat/completions -H 'Content-Type: application/json' \\
        -d '{"model": "tiny", "messages": [{"role": "user", "content": "Solve for x: 2x + 5 = 13"}]}'
    """
    try:
        from assay.serve import serve
    except ImportError as exc:
        message = f"assay serve needs FastAPI and uvicorn: pip install 'assay[serve]' ({exc})"
        raise click.ClickException(message) from exc
    if model_path.is_dir():
        model_path = model_path / "artifacts" / "models" / "v1.pt"
    click.echo(f"serving {model_path} as {name!r} on http://{host}:{port}/v1", err=True)
    from assay.backends.templates import load_template

    load_template(template)  # a wrong name fails here, before the model loads
    serve(model_path, host, port, name, template)

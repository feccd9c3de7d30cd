"""The command line: the only place that prints, exits, or turns AssayError into an exit code."""

from __future__ import annotations

import sys

import click

from assay._version import __version__
from assay.cli.export_cmd import export_group
from assay.cli.generate_cmd import generate_group
from assay.cli.logic_cmd import puzzles_group
from assay.cli.loop_cmd import experiment_group, loop_command
from assay.cli.model_cmd import model_group
from assay.cli.review_cmd import review_group
from assay.cli.rm_cmd import rm_group
from assay.cli.run_cmd import run_command, serve_command
from assay.cli.sandbox_cmd import import_command, sandbox_group
from assay.cli.score_cmd import score_group
from assay.cli.tasks_cmd import tasks_group, verifiers_group
from assay.cli.verify_cmd import verify_group
from assay.cli.workspace_cmd import init_command, show_command
from assay.errors import AssayError


@click.group()
@click.version_option(__version__, prog_name="assay")
def cli() -> None:
    """assay: verified synthetic training data.

    \b
    Quick start:
      assay run examples/quickstart.toml
      assay init my-run
      assay generate problems -w my-run --task linear --n 1000 --seed 1
      assay verify -w my-run
      assay export jsonl -w my-run
    """


cli.add_command(init_command)
cli.add_command(show_command)
cli.add_command(tasks_group)
cli.add_command(verifiers_group)
cli.add_command(generate_group)
cli.add_command(verify_group)
cli.add_command(export_group)
cli.add_command(score_group)
cli.add_command(rm_group)
cli.add_command(run_command)
cli.add_command(model_group)
cli.add_command(serve_command)
cli.add_command(import_command)
cli.add_command(sandbox_group)
cli.add_command(puzzles_group)
cli.add_command(loop_command)
cli.add_command(experiment_group)
cli.add_command(review_group)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except AssayError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # the system refused something (a file, a process): say what, in one line
        click.echo(f"Error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", err=True)
        sys.exit(1)
    except SystemExit as exc:
        raise exc

"""Every command and group of the command line shows an example in its --help."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from assay.cli import cli


def _commands(command: click.Command, path: tuple[str, ...]) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(path), command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(cli, ("assay",)))


def test_the_walk_finds_the_whole_command_line() -> None:
    assert {"assay verify file", "assay sandbox check", "assay export jsonl", "assay run"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_help_has_an_example(path: str) -> None:
    text = COMMANDS[path].get_help(click.Context(COMMANDS[path], info_name=path))
    assert "Example" in text or "Quick start" in text, text
    example = text.split("Example", 1)[-1] if "Example" in text else text.split("Quick start", 1)[-1]
    assert "assay " in example, f"{path}: the example does not show a command"

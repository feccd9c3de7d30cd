"""`assay tasks list`."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from assay.registry import Registry
from assay.tasks import config_fields


@click.group("tasks")
def tasks_group() -> None:
    """Procedural tasks that make problems.

    \b
    Example:
      assay tasks list
    """


@tasks_group.command("list")
def list_command() -> None:
    """List every registered task with its domain, description and config fields.

    \b
    Example:
      assay tasks list
    """
    registry = Registry.from_entry_points()
    table = Table(title="assay tasks", show_lines=True)
    for column in ("name", "domain", "description", "config (name: type = default)"):
        table.add_column(column, overflow="fold")
    for name in registry.names("tasks"):
        task_type: Any = registry.factory("tasks", name)
        fields = "\n".join(f"{n}: {t} = {d!r}" for n, t, d in config_fields(task_type.Config))
        table.add_row(name, task_type.domain, task_type.description, fields)
    Console().print(table)


@click.group("verifiers")
def verifiers_group() -> None:
    """Verifiers, one per domain by default ([verify] DOMAIN = "NAME" in assay.toml chooses another).

    \b
    Example:
      assay verifiers list
    """


@verifiers_group.command("list")
def verifiers_list_command() -> None:
    """List every registered verifier, the domain it checks, and whether it is that domain's default.

    \b
    Example:
      assay verifiers list
    """
    from assay.verifiers import choose_verifiers, verifier_domain

    registry = Registry.from_entry_points()
    defaults = choose_verifiers(registry)
    table = Table(title="assay verifiers", show_lines=True)
    for column in ("name", "version", "domain", "default", "from"):
        table.add_column(column, overflow="fold")
    for name in registry.names("verifiers"):
        factory: Any = registry.factory("verifiers", name)
        domain = verifier_domain(name, factory) or "?"
        default = "yes" if defaults.get(domain) == name else ""
        version = str(getattr(factory, "version", "1"))
        table.add_row(name, version, domain, default, registry.origin("verifiers", name))
    Console().print(table)

"""Where the work runs is a setting like any other: checked in one place, one line when wrong, and never
part of what a run makes ([run] engine, ray_address, workers and the CLI's --engine options)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assay.cli import cli
from assay.config_checks import identity_of
from assay.engines import make_engine
from assay.errors import ConfigError
from assay.pipeline import RunConfig, RunSection, load_config, with_engine


def _config(tmp_path: Path, run_table: str) -> Path:
    path = tmp_path / "run.toml"
    path.write_text(f"[run]\nworkspace = 'ws'\n{run_table}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('engine = "spark"', "engine must be 'local' or 'ray', not 'spark'"),
        ("engine = 1", "engine must be 'local' or 'ray', not 1"),
        ("workers = -1", "workers = -1: must be ≥ 0"),
        ('workers = "2"', "workers must be int"),
        ('ray_address = ""', "ray_address must not be empty"),
        ('engines = "ray"', "has no key 'engines'"),
    ],
)
def test_a_wrong_engine_setting_is_one_line_naming_the_key(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(ConfigError, match="run") as caught:
        load_config(_config(tmp_path, table))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_engine_settings_are_read(tmp_path: Path) -> None:
    table = 'engine = "ray"\nray_address = "ray://head:10001"\nworkers = 4'
    assert load_config(_config(tmp_path, table)).run == RunSection("ws", 1, "ray", "ray://head:10001", 4)
    assert load_config(_config(tmp_path, "")).run == RunSection("ws", 1, "local", "", 0)


def test_where_the_work_runs_is_not_what_the_run_makes() -> None:
    local = RunConfig()
    on_ray = with_engine(local, "ray", "ray://head:10001", 3)
    assert (
        on_ray.run.engine == "ray"
        and on_ray.run.ray_address == "ray://head:10001"
        and on_ray.run.workers == 3
    )
    assert identity_of(on_ray) == identity_of(local)  # a workspace re-runs under another engine
    assert with_engine(on_ray, None, None, None) == on_ray  # options not given leave the config as it is


@pytest.mark.parametrize(
    ("engine", "address", "message"),
    [
        (None, "ray://head:10001", "--ray-address is for the ray engine"),
        ("local", "ray://head:10001", "--ray-address is for the ray engine"),
        ("spark", None, "unknown engine 'spark'"),
    ],
)
def test_engine_options_that_cannot_work_are_refused(
    engine: str | None, address: str | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        with_engine(RunConfig(), engine, address, None)


def test_an_unknown_engine_is_one_line() -> None:
    with pytest.raises(ConfigError, match=r"^unknown engine 'spark'; known: local, ray$"):
        make_engine("spark")


@pytest.mark.parametrize(
    ("command", "rest"),
    [
        (["run"], ["{dir}/x.toml"]),
        (["generate", "problems"], ["--task", "linear"]),
        (["verify"], []),
        (["verify", "file"], ["{dir}/in.jsonl", "--out", "{dir}/o.jsonl"]),
    ],
)
def test_every_command_with_work_takes_the_engine_options(
    tmp_path: Path, command: list[str], rest: list[str]
) -> None:
    (tmp_path / "in.jsonl").write_text("")
    (tmp_path / "x.toml").write_text("")
    args = [*command, *(a.replace("{dir}", str(tmp_path)) for a in rest), "--engine", "spark"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "'spark' is not one of 'local', 'ray'" in result.output
    helped = CliRunner().invoke(cli, [*command, "--help"]).output
    assert all(option in helped for option in ("--engine", "--ray-address", "--workers"))


@pytest.mark.parametrize(
    "args",
    [
        ["verify", "-w", "{ws}", "--ray-address", "ray://head:10001"],
        ["generate", "problems", "-w", "{ws}", "--task", "linear", "--ray-address", "ray://head:10001"],
    ],
)
def test_a_ray_address_without_the_ray_engine_is_refused(tmp_path: Path, args: list[str]) -> None:
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    result = CliRunner().invoke(cli, [a.replace("{ws}", str(tmp_path / "ws")) for a in args])
    assert result.exit_code != 0
    assert "--ray-address needs --engine ray" in result.output


def test_without_ray_the_commands_say_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    result = CliRunner().invoke(cli, ["verify", "-w", str(tmp_path / "ws"), "--engine", "ray"])
    assert isinstance(result.exception, ConfigError)  # (assay.cli.main prints it as one line, exit 1)
    assert "pip install 'assay[ray]'" in str(result.exception)
    assert "\n" not in str(result.exception)

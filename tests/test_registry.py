from importlib.metadata import EntryPoint

import pytest

from assay.errors import ConfigError, RegistryError
from assay.registry import Registry

MATH_TASKS = ["arithmetic", "game24", "linear", "quadratic", "system"]


def test_builtins_come_from_entry_points() -> None:
    registry = Registry.from_entry_points()
    assert set(MATH_TASKS) <= set(registry.names("tasks"))
    assert {"math-answer", "math-steps"} <= set(registry.names("verifiers"))


def test_duplicate_names_raise() -> None:
    duplicate = EntryPoint("linear", "assay.domains.math.tasks:LinearEquation", "assay.tasks")
    with pytest.raises(RegistryError, match="registered twice"):
        Registry.from_entry_points(extra=[("tasks", duplicate)])


def test_third_party_plugin_registers_like_a_builtin() -> None:
    plugin = EntryPoint("my-linear", "assay.domains.math.tasks:LinearEquation", "assay.tasks")
    registry = Registry.from_entry_points(extra=[("tasks", plugin)])
    assert registry.task("my-linear").generate(1, 0).domain == "math"


def test_broken_plugin_names_itself() -> None:
    broken = EntryPoint("broken", "no_such_module:Thing", "assay.tasks")
    with pytest.raises(RegistryError, match="broken"):
        Registry.from_entry_points(extra=[("tasks", broken)])


def test_unknown_name_lists_known() -> None:
    with pytest.raises(RegistryError, match=r"known: .*linear"):
        Registry.from_entry_points().task("nope")


def test_bad_config_names_the_key() -> None:
    registry = Registry.from_entry_points()
    with pytest.raises(ConfigError, match="'max_coeff'"):
        registry.task("linear", {"max_coeff": 3})
    with pytest.raises(ConfigError, match=r"'max_coef'.*integer"):
        registry.task("linear", {"max_coef": "3"})
    with pytest.raises(ConfigError, match="max_coef"):
        registry.task("linear", {"max_coef": 1})

from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from assay.backends import make_generator
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


# --- generators by scheme, scorers, the task base -----------------------------------------------------


class _FakeGenerator:
    def __init__(self, target: str, **options: object) -> None:
        self.id = f"fake:{target}"
        self.options = options

    def complete(self, prompts: object, n: int, settings: object, first_sample: int = 0) -> list[object]:
        return []


def test_builtin_generators_register_by_scheme_like_a_plugin() -> None:
    registry = Registry.from_entry_points()
    assert {"tiny", "openai"} <= set(registry.names("generators"))
    assert registry.origin("generators", "openai") == "assay.backends:openai_generator"
    generator = registry.generator("openai:http://localhost:1/v1#tiny", cache_path=None)
    assert generator.id.startswith("openai:http://localhost:1/v1")


def test_a_plugin_generator_scheme() -> None:
    plugin = EntryPoint("fake", "tests.test_registry:_FakeGenerator", "assay.generators")
    registry = Registry.from_entry_points(extra=[("generators", plugin)])
    generator = make_generator("fake:model-7", registry, temperature_floor=0.5)
    assert generator.id == "fake:model-7"
    assert isinstance(generator, _FakeGenerator) and generator.options == {"temperature_floor": 0.5}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nope:x", r"generator 'nope:x': no generator named 'nope'; known: .*openai.*tiny"),
        ("model.pt", r"generator 'model.pt': .*has no scheme"),
        ("tiny:", r"needs the checkpoint's path"),
        ("openai:http://localhost:1/v1", r"is not openai:BASE_URL#MODEL"),
    ],
)
def test_a_bad_generator_spec_is_one_clear_error(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        make_generator(spec)
    assert "\n" not in str(raised.value)


def test_scorers_are_a_readable_kind() -> None:
    registry = Registry.from_entry_points()
    assert {"composite", "orm", "prm", "verifier"} <= set(registry.names("scorers"))
    with pytest.raises(
        RegistryError, match="no scorer named 'rm'; known: composite, judge, orm, prm, verifier"
    ):
        registry.scorer("rm")


def test_verifier_names_may_pin_a_version() -> None:
    registry = Registry.from_entry_points()
    current = registry.verifier("math-steps").id  # "math-steps@N", whatever N is now
    assert registry.verifier(current).id == current
    with pytest.raises(RegistryError, match=f"installed at version {current.partition('@')[2]}, not 999"):
        registry.verifier("math-steps@999")


@pytest.mark.parametrize("name", Registry.from_entry_points().names("tasks"))
def test_every_builtin_task_has_the_one_base_class(name: str) -> None:
    from assay.tasks import ProceduralTask

    task_type = Registry.from_entry_points().factory("tasks", name)
    assert isinstance(task_type, type) and issubclass(task_type, ProceduralTask)
    problem = task_type().generate(3, 1)
    assert problem.domain == task_type.domain
    assert problem.source == f"procedural:{name}@{task_type.version}#3/1"


def test_a_task_without_settings_refuses_any() -> None:
    from assay.records import Problem
    from assay.tasks import ProceduralTask

    class Coin(ProceduralTask):
        name, domain, description = "coin", "coin", "heads or tails"

        def generate(self, seed: int, index: int) -> Problem:
            side = self.rng(seed, index).choice(["heads", "tails"])
            return self.problem(seed, index, "Heads or tails?", {"answer": side})

    assert Coin().generate(1, 2) == Coin().generate(1, 2)
    assert Coin().generate(1, 2).source == "procedural:coin@1#1/2"
    assert {Coin().generate(1, i).reference["answer"] for i in range(40)} == {"heads", "tails"}
    with pytest.raises(ConfigError, match="unknown config key"):
        Coin({"bias": 0.5})


def test_the_plugin_authors_types_come_from_one_place() -> None:
    import assay.plugin

    assert assay.plugin.__all__ == [
        "AssayError",
        "Candidate",
        "Completion",
        "ConfigError",
        "FakeScorer",
        "Generator",
        "InputError",
        "NoConfig",
        "PoolVerifier",
        "Problem",
        "ProceduralTask",
        "Registry",
        "SamplingSettings",
        "Score",
        "ScoreItem",
        "Scorer",
        "Status",
        "StepResult",
        "StepStatus",
        "Task",
        "Verdict",
        "Verifier",
        "item_rng",
    ]
    assert all(hasattr(assay.plugin, name) for name in assay.plugin.__all__)


@pytest.mark.parametrize(
    ("generator", "message"),
    [
        # a scheme nobody installed stops the run before any work, naming the installed ones
        ("vllm-direct:/models/qwen", r"\[generate\] generator = 'vllm-direct:/models/qwen': no generator "),
        # not a spec at all: the config check says what a generator is
        ("gpt-4o", r"the generator is"),
    ],
)
def test_a_run_with_a_generator_not_installed_stops_before_work(
    tmp_path: Path, generator: str, message: str
) -> None:
    from assay.pipeline import load_config
    from assay.run_plan import make_plan

    path = tmp_path / "run.toml"
    path.write_text(
        f"[seed_data]\nn = 50\n[eval]\nproblems = 5\n[generate]\nproblems = 5\ngenerator = '{generator}'\n"
    )
    with pytest.raises(ConfigError, match=message):
        make_plan(load_config(path), Registry.from_entry_points())


def test_a_run_with_a_plugin_generator_scheme_is_planned(tmp_path: Path) -> None:
    from assay.pipeline import load_config
    from assay.run_plan import make_plan

    plugin = EntryPoint("fake", "tests.test_registry:_FakeGenerator", "assay.generators")
    path = tmp_path / "run.toml"
    path.write_text(
        "[seed_data]\nn = 50\n[eval]\nproblems = 5\n[generate]\nproblems = 5\ngenerator = 'fake:m'\n"
    )
    plan = make_plan(load_config(path), Registry.from_entry_points(extra=[("generators", plugin)]))
    assert len(plan.fresh) == 5

"""What a pipeline run will do, worked out and checked before it writes anything.

`load_config` checks each value and each rule that needs nothing but the config. What needs the task
registry is checked here: the task names and their configs, the templates, that the tasks give the
reference traces the run learns from, and that every training and held-out example fits the model's
block_size. The seed and held-out problems are made here (procedurally, in memory: about a second for
8,000), so a config the run would fail on minutes later, after seeding and training, fails now instead,
naming the key. Nothing here touches the workspace.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assay.backends.templates import Template, load_template
from assay.config_checks import identity_of
from assay.errors import ConfigError, RegistryError
from assay.records import Problem
from assay.registry import Registry
from assay.run_identity import RunIdentity
from assay.seed_data import StyledTrace, human_style

if TYPE_CHECKING:  # (only for the type: the plan is made from any config of that shape)
    from assay.run_config import RunConfig

# offsets of the held-out and fresh problems' seeds from the run's seed: disjoint from the seed data
HELD_OUT_SEED = 10_000
FRESH_SEED = 20_000


@dataclass(frozen=True)
class Plan:
    train_template: Template  # what the tiny model learns to answer
    template: Template  # what the generator is asked with (the same, for the tiny model)
    seed_problems: list[Problem]
    styled: list[StyledTrace]  # the seed traces, one per seed problem
    held: list[Problem]  # held-out problems for the eval stage
    held_pairs: list[tuple[str, str]]  # their reference traces, for the tiny model's NLL
    fresh: list[Problem]  # the problems to sample for (a repeated problem is asked once)
    identity: RunIdentity

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """The tiny model's training pairs: (prompt in the training template, seed trace)."""
        return [
            (self.train_template.render(p.prompt), s.text)
            for p, s in zip(self.seed_problems, self.styled, strict=True)
        ]


def make_plan(config: RunConfig, registry: Registry) -> Plan:
    """The run's problems, traces and templates; ConfigError naming the key for anything that cannot work."""
    seed_task = _task(registry, "seed_data", config.seed_data.task, config.seed_data.config)
    held_task = _task(registry, "generate", config.generate.task, config.generate.config)
    if seed_task.domain != held_task.domain:  # the tiny model answers in the kind of text it learnt
        raise ConfigError(
            f"[seed_data] task = {config.seed_data.task!r} is a {seed_task.domain} task but [generate] "
            f"task = {config.generate.task!r} is a {held_task.domain} task: the model learns from the one "
            "and is measured and sampled on the other; use tasks of one domain"
        )
    spec = config.generate.generator
    scheme = spec.partition(":")[0]
    if spec != "tiny" and scheme not in registry.names("generators"):
        known = ", ".join(f"{s}:..." for s in registry.names("generators"))
        raise ConfigError(
            f"[generate] generator = {spec!r}: no generator {scheme!r} is installed; known: {known}"
        )
    train_template = _template("train", config.train.template)
    template = _template("generate", config.generate.template)
    rng = random.Random(config.seed)  # one stream: seed traces first, then the held-out references
    seed_problems = [seed_task.generate(config.seed, i) for i in range(config.seed_data.n)]
    styled = [
        _styled(p, _trace(p, "seed_data", config.seed_data.task), rng, config.seed_data.noise)
        for p in seed_problems
    ]
    held = [held_task.generate(config.seed + HELD_OUT_SEED, i) for i in range(config.eval.problems)]
    held_pairs = [
        (
            train_template.render(p.prompt),
            _styled(p, _trace(p, "generate", config.generate.task), rng, 0.0).text,
        )
        for p in held
    ]
    fresh_all = [held_task.generate(config.seed + FRESH_SEED, i) for i in range(config.generate.problems)]
    fresh = list({p.id: p for p in fresh_all}.values())
    settings = identity_of(config)
    # a template named by path is identified by its text's hash, not by the name in the config
    settings["train.template"] = train_template.id
    settings["generate.template"] = template.id
    # a new version of a task makes other problems from the same seed: another run, not more of this one
    settings["seed_data.task_version"] = str(getattr(seed_task, "version", ""))
    settings["generate.task_version"] = str(getattr(held_task, "version", ""))
    plan = Plan(
        train_template, template, seed_problems, styled, held, held_pairs, fresh, RunIdentity(settings)
    )
    _check_fits(plan.pairs, "seed traces of [seed_data] task", config.seed_data.task, config)
    _check_fits(held_pairs, "held-out traces of [generate] task", config.generate.task, config)
    return plan


def _task(registry: Registry, section: str, name: str, task_config: dict[str, Any]) -> Any:
    try:
        return registry.task(name, task_config)
    except (RegistryError, ConfigError) as exc:
        raise ConfigError(f"[{section}] task = {name!r}, config = {task_config!r}: {exc}") from None


def _template(section: str, name: str) -> Template:
    try:
        return load_template(name)
    except ConfigError as exc:
        raise ConfigError(f"[{section}] template = {name!r}: {exc}") from None


def _trace(problem: Problem, section: str, task: str) -> str:
    """The problem's reference trace (any domain: math, code, logic, a plugin's)."""
    trace = problem.reference.get("trace")
    if not isinstance(trace, str):
        raise ConfigError(
            f"[{section}] task = {task!r}: its problems have no reference trace (a worked solution in "
            "reference['trace']) for the tiny model to learn from or be measured on"
        )
    return trace


def _styled(problem: Problem, trace: str, rng: random.Random, noise: float) -> StyledTrace:
    """Seed text for the tiny model. Math traces are written the way people write them, with their
    mistakes (`human_style`); any other domain's reference trace is kept as it is (a program without
    its spaces, or a deduction without its labels, would be another text), with no noise planted."""
    if problem.domain != "math":
        return StyledTrace(trace, "")
    return human_style(trace, rng, noise)


def _check_fits(pairs: list[tuple[str, str]], what: str, task: str, config: RunConfig) -> None:
    """Every example must fit the model: begin token + prompt + response, as the trainer encodes it."""
    if not pairs:
        return
    longest = max(len(prompt) + len(response) + 1 for prompt, response in pairs)
    block = config.train.model.block_size
    if longest > block:
        raise ConfigError(
            f"[train.model] block_size = {block}: the longest of the {what} {task!r} in template "
            f"{config.train.template!r} is {longest} tokens; raise block_size to at least {longest}, or "
            "choose shorter problems (the task's config)"
        )

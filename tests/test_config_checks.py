"""A pipeline config is checked whole before anything runs: every bad value and every bad combination
stops with one line naming the key and the reason, and a wrong config writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from assay.errors import ConfigError
from assay.pipeline import load_config, run
from assay.registry import Registry
from assay.run_plan import make_plan
from tests.conftest import require_module

# every value that used to pass validation and crash minutes later, and its neighbours
BAD_VALUES = [
    # [train]: zeros that crashed after seeding and training
    ("[train]\nthreads = 0\n", r"\[train\] threads = 0: must be ≥ 1"),
    ("[train.model]\nn_layer = 0\n", r"\[train.model\] n_layer = 0: must be ≥ 1"),
    ("[train.model]\nn_head = 0\n", r"\[train.model\] n_head = 0: must be ≥ 1"),
    ("[train.model]\nn_embd = 0\n", r"\[train.model\] n_embd = 0: must be ≥ 1"),
    ("[train.optim]\nbatch_size = 0\n", r"\[train.optim\] batch_size = 0: must be ≥ 1"),
    ("[train]\ncheckpoint_every = 0\n", r"\[train\] checkpoint_every = 0: must be ≥ 1"),
    ("[train.optim]\nsteps = 0\n", r"\[train.optim\] steps = 0: must be ≥ 1 \(0 steps would leave no"),
    ("[train.optim]\nlr = 0\n", r"\[train.optim\] lr = 0: must be > 0"),
    ("[train.optim]\nlr = 5\n", r"\[train.optim\] lr = 5: must be ≤ 1"),
    ("[train.optim]\nmin_lr = -0.1\n", r"\[train.optim\] min_lr = -0.1: must be ≥ 0"),
    ("[train.optim]\nwarmup = -1\n", r"\[train.optim\] warmup = -1: must be ≥ 0"),
    ("[train.optim]\nweight_decay = 2\n", r"\[train.optim\] weight_decay = 2: must be ≤ 1"),
    ("[train.optim]\ngrad_clip = 0\n", r"\[train.optim\] grad_clip = 0: must be > 0"),
    ("[train.model]\nblock_size = 4\n", r"\[train.model\] block_size = 4: must be ≥ 8"),
    ("[train]\nthreads = 100000\n", r"\[train\] threads = 100000: must be ≤ 1024"),
    # [generate]
    ("[generate]\nbatch = 0\n", r"\[generate\] batch = 0: must be ≥ 1"),
    ("[generate]\nmax_tokens = 0\n", r"\[generate\] max_tokens = 0: must be ≥ 1"),
    ("[generate]\ntop_p = 0\n", r"\[generate\] top_p = 0: must be > 0"),
    ("[generate]\ntop_p = 1.5\n", r"\[generate\] top_p = 1.5: must be ≤ 1"),
    ("[generate]\ntemperature = -0.5\n", r"\[generate\] temperature = -0.5: must be ≥ 0"),
    ("[generate]\ntemperature = 7\n", r"\[generate\] temperature = 7: must be ≤ 2"),
    ("[generate]\nsamples = 0\n", r"\[generate\] samples = 0: must be ≥ 1"),
    ("[generate]\nproblems = 0\n", r"\[generate\] problems = 0: must be ≥ 1"),
    ("[generate]\nproblems = -1\n", r"\[generate\] problems = -1: must be ≥ 1"),
    ("[generate]\nprice_prompt = -2\n", r"\[generate\] price_prompt = -2: must be ≥ 0"),
    ("[generate]\nprice_completion = -0.01\n", r"\[generate\] price_completion = -0.01: must be ≥ 0"),
    ("[generate]\nretries = -1\n", r"\[generate\] retries = -1: must be ≥ 0"),
    ("[generate]\nconcurrency = 0\n", r"\[generate\] concurrency = 0: must be ≥ 1"),
    ("[generate]\ntimeout = 0\n", r"\[generate\] timeout = 0: must be > 0"),
    ("[generate]\ntemplate = ''\n", r"\[generate\] template must not be empty"),
    # [seed_data], [eval], [run]
    ("[seed_data]\nnoise = 7.5\n", r"\[seed_data\] noise = 7.5: must be ≤ 1 \(a share of the seed traces\)"),
    ("[seed_data]\nnoise = -0.1\n", r"\[seed_data\] noise = -0.1: must be ≥ 0"),
    ("[seed_data]\nn = 0\n", r"\[seed_data\] n = 0: must be ≥ 1"),
    ("[eval]\nproblems = 0\n", r"\[eval\] problems = 0: must be ≥ 1"),
    ("[run]\nseed = -1\n", r"\[run\] seed = -1: must be ≥ 0"),
    ("[run]\nworkspace = '  '\n", r"\[run\] workspace must not be empty"),
    # TOML's nan and inf: no range check catches nan, so finiteness is checked first
    ("[generate]\ntemperature = nan\n", r"\[generate\] temperature = nan: must be a finite number"),
    ("[generate]\nprice_completion = inf\n", r"\[generate\] price_completion = inf: must be a finite"),
    ("[train.optim]\nlr = -inf\n", r"\[train.optim\] lr = -inf: must be a finite number"),
    # sizes that would exhaust memory before anything is written
    ("[seed_data]\nn = 1000000000\n", r"\[seed_data\] n = 1000000000: must be ≤ 1000000"),
    ("[generate]\nsamples = 100000\n", r"\[generate\] samples = 100000: must be ≤ 1024"),
    ("[run]\nseed = 9223372036854775807\n", r"\[run\] seed = 9223372036854775807: must be ≤ 2000000000"),
    # types: a bool is not a number, a float is not a count, a string is not a table
    ("[train.optim]\nsteps = 'many'\n", r"\[train.optim\] steps must be int, not 'many'"),
    ("[train.optim]\nsteps = 1.5\n", r"\[train.optim\] steps must be int, not 1.5"),
    ("[train.optim]\nsteps = true\n", r"\[train.optim\] steps must be int, not True"),
    ("[generate]\ntemperature = 'hot'\n", r"\[generate\] temperature must be float"),
    ("[seed_data]\nconfig = 'ax+b=c'\n", r"\[seed_data\] config must be dict"),
    ("train = 3\n", r"\[train\] must be a table"),
    ("[train]\nmodel = 3\n", r"\[train.model\] must be a table"),
    ("[train]\noptim = 'adam'\n", r"\[train.optim\] must be a table"),
    # keys, sections and choices
    ("[train]\nstep = 3\n", r"\[train\] has no key 'step'"),
    ("[train.optim]\nn_layer = 3\n", r"\[train.optim\] has no key 'n_layer'"),
    ("[train.model]\nlr = 0.1\n", r"\[train.model\] has no key 'lr'"),
    # the flat [train] of older configs: each key stops naming its new table, never silently ignored
    ("[train]\nn_layer = 3\n", r"\[train\] n_layer has moved: write it as \[train.model\] n_layer$"),
    ("[train]\nblock_size = 96\n", r"\[train\] block_size has moved: write it as \[train.model\] block_size"),
    ("[train]\nsteps = 2000\n", r"bad.toml: \[train\] steps has moved: write it as \[train.optim\] steps$"),
    ("[train]\nlr = 0.003\n", r"\[train\] lr has moved: write it as \[train.optim\] lr"),
    ("[train]\nwarmup = 10\n", r"\[train\] warmup has moved: write it as \[train.optim\] warmup"),
    ("[bogus]\n", r"unknown section\(s\) \['bogus'\]"),
    ("[export]\nformat = 'csv'\n", r"\[export\] format must be 'jsonl' or 'parquet', not 'csv'"),
    ("[export]\nstatus = 'some'\n", r"\[export\] status must be 'verified' or 'any', not 'some'"),
    # combinations
    (
        "[train.model]\nn_head = 3\n",
        r"\[train.model\] n_embd = 64, \[train.model\] n_head = 3: n_embd must be a multiple of n_head",
    ),
    (
        "[train.optim]\nlr = 0.001\nmin_lr = 0.01\n",
        r"\[train.optim\] min_lr = 0.01, \[train.optim\] lr = 0.001: .*must not exceed",
    ),
    (
        "[train.optim]\nsteps = 50\n",
        r"\[train.optim\] warmup = 100, \[train.optim\] steps = 50: a warmup longer",
    ),
    ("[generate]\ngenerator = 'gpt-4o'\n", r"\[generate\] generator = 'gpt-4o': the generator is"),
    ("[generate]\ngenerator = 'openai:localhost:8000#m'\n", r"\[generate\] generator = 'openai:localhost"),
    ("[generate]\ngenerator = 'openai:http://h/v1#'\n", r"\[generate\] generator = 'openai:http://h/v1#'"),
    ("[generate]\ngenerator = 'openai:http://#m'\n", r"\[generate\] generator = 'openai:http://#m'"),
    (
        "[generate]\ntemplate = 'chat-math-v1'\n",
        r"\[generate\] template = 'chat-math-v1', \[train\] template",
    ),
    # not TOML at all
    ("[train\n", r"line 1"),
]


@pytest.mark.parametrize(("text", "message"), BAD_VALUES)
def test_every_bad_value_is_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe[\x00t\x00r\x00a\x00i\x00n\x00]\x00", "is not UTF-8 text"),  # UTF-16
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not UTF-8 text"),  # binary
        (b"[train.optim]\nsteps = 2000\n# caf\xe9\n", "is not UTF-8 text"),  # Latin-1
        (b"[train.optim]\nsteps = 20\x0000\n", "bad.toml"),  # a NUL inside UTF-8: a TOML error
    ],
)
def test_a_config_that_is_not_text_is_a_config_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff[train.optim]\nsteps = 300\n".encode())
    assert load_config(path).train.optim.steps == 300


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no pipeline config"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "",  # the defaults alone make a working run
        "[generate]\ngenerator = 'openai:http://127.0.0.1:8000/v1#m'\ntemplate = 'chat-math-v1'\n",
        "[generate]\ntemperature = 1\ntop_p = 1\n",  # integers where floats go
        "[generate]\ngenerator = 'openai:https://api.example.com/v1#org/model:tag'\n",
    ],
)
def test_good_configs_load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "good.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert isinstance(config.generate.temperature, float)


def test_the_quickstart_config_loads() -> None:
    config = load_config(Path(__file__).parent.parent / "examples" / "quickstart.toml")
    assert config.generate.problems * config.generate.samples >= 1000


# what needs the registry: checked by make_plan before any work (small seed data keeps it quick)
SMALL = "[seed_data]\nn = 200\n[eval]\nproblems = 20\n[generate]\nproblems = 20\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[seed_data]\ntask = 'nope'\n", r"\[seed_data\] task = 'nope'.*no task named 'nope'"),
        ("[generate]\ntask = 'nope'\n", r"\[generate\] task = 'nope'"),
        (
            "[seed_data]\nconfig = { forms = 'x^2' }\n",
            r"\[seed_data\] task = 'linear', config = .*unknown form",
        ),
        (
            "[generate]\nconfig = { bogus = 1 }\n",
            r"\[generate\] task = 'linear', config = .*unknown config key",
        ),
        ("[generate]\ntemplate = 'no-such-template'\n", r"\[generate\] template = 'no-such-template'"),
        ("[train]\ntemplate = 'chat-math-v1'\n", r"\[generate\] template = 'tiny-v1', \[train\] template"),
        ("[seed_data]\ntask = 'functions'\n", r"\[seed_data\] task = 'functions' is a code task"),
        (
            "[train.model]\nblock_size = 40\n",
            r"\[train.model\] block_size = 40: the longest .* is \d+ tokens",
        ),
        (  # the README recipe's template, if the tiny model were trained on it: too long for 96
            "[train]\ntemplate = 'chat-math-v1'\n[train.model]\nblock_size = 96\n"
            "[generate]\ntemplate = 'chat-math-v1'\n",
            r"\[train.model\] block_size = 96: the longest .* in template 'chat-math-v1' is \d+ tokens",
        ),
    ],
)
def test_what_needs_the_registry_is_checked_before_work(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(_merge(SMALL, extra), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        make_plan(load_config(path), Registry.from_entry_points())


def test_the_real_llm_recipe_trains_the_tiny_model_in_its_own_template(tmp_path: Path) -> None:
    """README's recipe (an HTTP generator with chat-math-v1) used to stop at 'a training example has 344
    tokens; block_size is 96': the generation template no longer decides what the tiny model learns."""
    quickstart = (Path(__file__).parent.parent / "examples" / "quickstart.toml").read_text()
    head, generate = quickstart.split("[generate]")
    generate = generate.replace('generator = "tiny"', 'generator = "openai:http://127.0.0.1:8000/v1#tiny"')
    recipe = head + "[generate]" + generate.replace('template = "tiny-v1"', 'template = "chat-math-v1"')
    assert 'template = "chat-math-v1"' in recipe
    path = tmp_path / "recipe.toml"
    path.write_text(recipe.replace("n = 8000", "n = 300"), encoding="utf-8")
    plan = make_plan(load_config(path), Registry.from_entry_points())
    assert plan.train_template.id == "tiny-v1" and plan.template.id == "chat-math-v1"
    assert all(p.startswith("Solve") for p, _ in plan.pairs[:5])


@pytest.mark.parametrize(
    "extra",
    [
        "[train.model]\nblock_size = 40\n",  # found by make_plan
        "[seed_data]\ntask = 'nope'\n",
    ],
)
def test_a_wrong_config_writes_nothing(tmp_path: Path, extra: str) -> None:
    require_module("torch")
    workspace = tmp_path / "ws"
    path = tmp_path / "plan.toml"
    path.write_text(_merge(f"[run]\nworkspace = '{workspace}'\n" + SMALL, extra), encoding="utf-8")
    with pytest.raises(ConfigError):
        run(load_config(path), report=lambda line: None)
    assert not workspace.exists()


def _merge(base: str, extra: str) -> str:
    """base TOML with extra's keys added to the same tables (TOML forbids a table twice)."""
    tables: dict[str, list[str]] = {}
    for text in (base, extra):
        current = ""
        for line in text.splitlines():
            if line.startswith("["):
                current = line
                tables.setdefault(current, [])
            elif line.strip():
                tables.setdefault(current, []).append(line)
    return "\n".join(f"{name}\n" + "\n".join(lines) for name, lines in tables.items()) + "\n"

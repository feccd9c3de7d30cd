from pathlib import Path

import pytest

from assay.errors import ConfigError, StoreError
from assay.workspace import Workspace


def test_init_creates_the_layout_and_is_idempotent(tmp_path: Path) -> None:
    space = Workspace.init(tmp_path / "run")
    assert (tmp_path / "run" / "assay.toml").exists()
    assert (tmp_path / "run" / "assay.db").exists()
    assert (tmp_path / "run" / "artifacts").is_dir()
    assert space.database_url == f"sqlite:///{(tmp_path / 'run' / 'assay.db').resolve()}"
    assert Workspace.init(tmp_path / "run") == space
    assert space.verify.timeout == 2.0


def test_open_needs_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="assay init"):
        Workspace.open(tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[store\nurl = 1", "assay.toml"),
        ("[store]\nurl = 5\n", "url must be a string"),
        ("[verify]\ntimeout = 0\n", "timeout"),
        ("[verify]\nworkers = -2\n", "workers"),
        ("store = 3\n", r"\[store\] must be a table"),
        ("[verify]\ntimout = 3\n", r"\[verify\] unknown key\(s\) \['timout'\]"),
        ("[export]\nmin_human = 0.2\n", r"\[export\] unknown key"),
        ("[export]\nmin_human_share = 1.5\n", "min_human_share"),
        ("[sandbox]\nworkers = 2\n", r"\[sandbox\] unknown key"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "assay.toml").write_text(content)
    with pytest.raises(ConfigError, match=message):
        Workspace.open(tmp_path)


def test_init_refuses_to_switch_databases(tmp_path: Path) -> None:
    Workspace.init(tmp_path)
    with pytest.raises(ConfigError, match="already names"):
        Workspace.init(tmp_path, "postgresql://elsewhere/db")

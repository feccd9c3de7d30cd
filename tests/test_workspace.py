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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe[\x00", r"not UTF-8 text \(byte 0xff at offset 0\)"),
        (b"[store]\nurl = 'x\xc3'\n", r"not UTF-8 text \(byte 0xc3 at offset 16\)"),
        (b"\x00\x01\x02", "assay.toml"),  # binary that decodes: TOML refuses its control characters
    ],
)
def test_a_config_that_is_not_toml_text_is_a_config_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "assay.toml").write_bytes(content)
    with pytest.raises(ConfigError, match=message) as caught:
        Workspace.open(tmp_path)
    assert "\n" not in str(caught.value)


def test_a_config_that_cannot_be_read_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "assay.toml").mkdir()
    with pytest.raises(ConfigError, match=r"cannot read .*it is a folder"):
        Workspace.open(tmp_path)


def test_init_never_leaves_a_half_written_config(tmp_path: Path) -> None:
    Workspace.init(tmp_path / "a")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["artifacts", "assay.db", "assay.toml"]
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "assay.toml").write_text('[store]\nurl = "sqlite:///other.db"\n')
    assert Workspace.init(tmp_path / "b").database_url.endswith("other.db")  # an existing one stands

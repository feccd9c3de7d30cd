"""What needs no Ray running: how a shared limit is split, and the message when Ray is missing."""

from __future__ import annotations

import socket
import sys

import pytest

from assay.engines import make_engine
from assay.engines.base import split_limit
from assay.errors import AssayError, ConfigError


@pytest.mark.parametrize(
    ("total", "parts"),
    [
        (8, [4, 4]),
        (3, [2, 1]),
        (1, [1, None]),  # fewer slots than workers: one worker takes them all, the other none
        (5, [2, 2, 1]),
        (2, [1, 1, None, None]),
        (7, [7]),
    ],
)
def test_a_limit_is_split_without_ever_adding_up_to_more(total: int, parts: list[int | None]) -> None:
    got = [split_limit(total, index, len(parts)) for index in range(len(parts))]
    assert got == parts
    assert sum(part or 0 for part in got) == total


@pytest.mark.parametrize(("index", "workers"), [(2, 2), (-1, 2), (0, 0)])
def test_a_worker_that_does_not_exist_has_no_share(index: int, workers: int) -> None:
    with pytest.raises(AssayError):
        split_limit(4, index, workers)


def test_without_ray_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    with pytest.raises(ConfigError, match=r"pip install 'assay\[ray\]'"):
        make_engine("ray")


@pytest.mark.parametrize("workers", [-1, 1.5, True, "2"])
def test_a_bad_worker_count_is_refused(workers: object) -> None:
    with pytest.raises(ConfigError, match="workers"):
        make_engine("ray", workers=workers)  # type: ignore[arg-type]


def test_a_cluster_address_that_does_not_answer_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from assay.engines import ray as ray_engine

    with socket.socket() as unused:  # a loopback port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(AssayError, match=f"no Ray cluster answers at 127.0.0.1:{port}"):
        ray_engine._reachable(f"127.0.0.1:{port}")
    ray_engine._reachable("auto")  # other forms are Ray's to resolve


@pytest.mark.parametrize(
    ("address", "mode", "hinted"),
    [
        ("10.0.0.5:6379", None, True),  # joining, no token asked for: say how to send one
        ("auto", None, True),
        ("10.0.0.5:6379", "token", False),  # a token was sent: the failure is something else
        ("10.0.0.5:6379", "disabled", False),  # the user chose: no advice
        (None, None, False),  # a local Ray of our own: nothing to join
    ],
)
def test_a_failed_join_says_how_to_send_rays_auth_token(
    monkeypatch: pytest.MonkeyPatch, address: str | None, mode: str | None, hinted: bool
) -> None:
    from assay.engines.ray import _auth_hint

    if mode is None:
        monkeypatch.delenv("RAY_AUTH_MODE", raising=False)
    else:
        monkeypatch.setenv("RAY_AUTH_MODE", mode)
    assert ("set RAY_AUTH_MODE=token" in _auth_hint(address)) is hinted

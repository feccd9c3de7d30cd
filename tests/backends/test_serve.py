"""`assay serve` on loopback (real uvicorn), and the HTTP backend against it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assay.backends.base import SamplingSettings
from assay.backends.openai import OpenAIGenerator
from assay.backends.templates import load_template
from assay.backends.tiny import TinyGenerator
from assay.model.trainer import TrainConfig, Trainer
from assay.registry import Registry
from assay.seed_data import human_style


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import random

    import torch

    torch.set_num_threads(1)
    task = Registry.from_entry_points().task("linear", {"forms": "ax+b=c"})
    template = load_template("tiny-v1")
    rng = random.Random(0)
    pairs = [
        (template.render(p.prompt), human_style(p.reference["trace"], rng, 0.0).text)
        for p in (task.generate(0, i) for i in range(500))
    ]
    trainer = Trainer.create(
        pairs,
        TrainConfig(steps=60, batch_size=32, eval_every=10**9, checkpoint_every=10**9),
        {"n_layer": 2, "n_head": 2, "n_embd": 32, "block_size": 96},
    )
    trainer.fit()
    path = tmp_path_factory.mktemp("model") / "v1.pt"
    trainer.save(path)
    return path


@pytest.fixture(scope="module")
def server(model_path: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "assay", "serve", "--model", str(model_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        process.kill()
        raise AssertionError(f"assay serve did not start: {process.stderr.read() if process.stderr else ''}")
    yield url
    process.terminate()
    process.wait(timeout=10)
    if process.stderr is not None:
        process.stderr.close()


def test_models_endpoint(server: str) -> None:
    data = httpx.get(f"{server}/models").json()
    assert data["data"][0]["id"] == "tiny"


def test_http_backend_matches_the_tiny_backend(server: str, model_path: Path) -> None:
    prompts = ["Solve for x: 3x + 4 = 19\n", "Solve for x: -2x + 7 = 1\n", "Solve for x: 5x - 9 = 16\n"]
    settings = SamplingSettings(temperature=1.0, top_p=0.95, max_tokens=40, seed=7)
    local = TinyGenerator(model_path).complete(prompts, 3, settings)
    remote_generator = OpenAIGenerator(server, "tiny", concurrency=2)
    remote = remote_generator.complete(prompts, 3, settings)
    remote_generator.close()
    assert [(c.prompt_index, c.sample_index, c.text) for c in remote] == [
        (c.prompt_index, c.sample_index, c.text) for c in local
    ]
    assert len({c.text for c in local}) > 1  # real sampling, not one repeated string
    assert all(c.error == "" for c in remote)


def test_chat_api_options(server: str) -> None:
    body = {
        "messages": [{"role": "user", "content": "Solve for x: 3x + 4 = 19\n"}],
        "n": 3,
        "temperature": 0,
        "max_tokens": 5,
        "stop": ["="],
        "seed": 1,
    }
    data = httpx.post(f"{server}/chat/completions", json=body, timeout=30).json()
    assert len(data["choices"]) == 3
    assert all(
        "=" not in c["message"]["content"] and len(c["message"]["content"]) <= 5 for c in data["choices"]
    )
    assert data["usage"]["completion_tokens"] > 0
    bad = httpx.post(f"{server}/chat/completions", json={"messages": [], "n": 0}, timeout=30)
    assert bad.status_code == 422

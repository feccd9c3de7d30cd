"""`assay serve` on loopback (real uvicorn), used by the real `openai` SDK, curl, and assay's own HTTP
backend: chat template, streaming, completions, logprobs, limits, errors, concurrent clients."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from click.testing import CliRunner

from assay.backends.base import SamplingSettings
from assay.backends.openai import OpenAIGenerator
from assay.backends.templates import load_template
from assay.backends.tiny import TinyGenerator
from assay.model.trainer import TrainConfig, Trainer
from assay.registry import Registry
from assay.seed_data import human_style

QUESTION = "Solve for x: 2x + 5 = 13"  # as a person types it: no trailing newline, no template


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
def tiny(model_path: Path) -> TinyGenerator:
    return TinyGenerator(model_path)


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
    deadline = time.monotonic() + 120  # a bound far above start-up, not a measurement
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        process.kill()
        raise AssertionError(f"assay serve did not start: {process.communicate()[1]!r}")
    yield url
    process.terminate()
    process.wait(timeout=30)
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture()
def client(server: str) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=server, api_key="unused", max_retries=0, timeout=120) as sdk:
        yield sdk


def local(tiny: TinyGenerator, prompt: str, n: int = 1, **settings: Any) -> list[str]:
    """What the tiny backend itself samples for a prompt as the model sees it."""
    return [c.text or "" for c in tiny.complete([prompt], n, SamplingSettings(**settings))]


# --- the API as clients use it ----------------------------------------------------------------------------


def test_models_endpoint(server: str) -> None:
    data = httpx.get(f"{server}/models").json()
    assert data["data"][0]["id"] == "tiny" and data["data"][0]["max_model_len"] == 96


def test_the_sdk_gets_an_answer_to_a_plain_question(client: openai.OpenAI, tiny: TinyGenerator) -> None:
    reply = client.chat.completions.create(
        model="tiny",
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": QUESTION},
        ],
        temperature=0,
        max_tokens=40,
        seed=3,
    )
    text = reply.choices[0].message.content
    # the chat template turned the question into what the model learnt ("...13\n"), so it answers
    assert text and text == local(tiny, QUESTION + "\n", temperature=0, max_tokens=40, seed=3)[0]
    assert reply.usage is not None and reply.usage.prompt_tokens == len(QUESTION) + 2
    assert reply.choices[0].finish_reason in ("stop", "length")


@pytest.mark.parametrize(
    "content",
    [
        QUESTION,
        QUESTION + "\n",  # already rendered by the client, as assay's own HTTP backend does
        f"  {QUESTION}\r\n\n",
        [{"type": "text", "text": "Solve for x: "}, {"type": "text", "text": "2x + 5 = 13"}],
    ],
)
def test_every_way_of_writing_the_question_reaches_the_same_prompt(
    client: openai.OpenAI, tiny: TinyGenerator, content: Any
) -> None:
    reply = client.chat.completions.create(
        model="tiny", messages=[{"role": "user", "content": content}], max_tokens=30, seed=11
    )
    assert reply.choices[0].message.content == local(tiny, QUESTION + "\n", max_tokens=30, seed=11)[0]


def test_streaming_chat_gives_the_same_text_token_by_token(client: openai.OpenAI) -> None:
    settings: dict[str, Any] = {"model": "tiny", "max_tokens": 40, "seed": 5, "n": 2}
    messages: Any = [{"role": "user", "content": QUESTION}]
    whole = client.chat.completions.create(messages=messages, **settings)
    stream = client.chat.completions.create(
        messages=messages, stream=True, stream_options={"include_usage": True}, **settings
    )
    texts, finishes, usage, events = ["", ""], [None, None], None, 0
    for chunk in stream:
        events += 1
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            texts[choice.index] += choice.delta.content or ""
            finishes[choice.index] = choice.finish_reason or finishes[choice.index]
    assert texts == [c.message.content for c in whole.choices] and all(texts)
    assert finishes == [c.finish_reason for c in whole.choices]
    assert usage is not None and whole.usage is not None and usage.total_tokens == whole.usage.total_tokens
    assert usage.prompt_tokens == len(QUESTION) + 2  # BOS, the question, "\n": once, not once per sample
    assert usage.completion_tokens == sum(len(t) for t in texts)
    assert events == sum(len(t) + 2 for t in texts) + 1  # role, one per token, finish; then usage


def test_completions_take_the_prompt_as_given(client: openai.OpenAI, tiny: TinyGenerator) -> None:
    reply = client.completions.create(model="tiny", prompt=QUESTION + "\n", max_tokens=30, seed=2, n=2)
    expected = local(tiny, QUESTION + "\n", n=2, max_tokens=30, seed=2)
    assert [c.text for c in reply.choices] == expected and [c.index for c in reply.choices] == [0, 1]
    streamed = ["", ""]
    for chunk in client.completions.create(
        model="tiny", prompt=QUESTION + "\n", max_tokens=30, seed=2, n=2, stream=True
    ):
        for choice in chunk.choices:
            streamed[choice.index] += choice.text
    assert streamed == expected
    batch = client.completions.create(model="tiny", prompt=[QUESTION + "\n", "Solve for x: 3x = 9\n"], seed=2)
    assert len(batch.choices) == 2 and batch.choices[0].text == local(tiny, QUESTION + "\n", seed=2)[0]


def test_chat_logprobs(client: openai.OpenAI) -> None:
    reply = client.chat.completions.create(
        model="tiny",
        messages=[{"role": "user", "content": QUESTION}],
        temperature=0,
        max_tokens=30,
        logprobs=True,
        top_logprobs=3,
    )
    choice = reply.choices[0]
    assert choice.logprobs is not None and choice.logprobs.content is not None
    entries = choice.logprobs.content
    assert "".join(e.token for e in entries) == choice.message.content and entries
    for entry in entries:
        values = [t.logprob for t in entry.top_logprobs]
        assert len(values) == 3 and values == sorted(values, reverse=True) and values[0] <= 0
        assert entry.token == entry.top_logprobs[0].token  # greedy: the most likely token was chosen
        assert entry.logprob == pytest.approx(values[0]) and entry.bytes == list(entry.token.encode())
    streamed = client.chat.completions.create(
        model="tiny",
        messages=[{"role": "user", "content": QUESTION}],
        temperature=0,
        max_tokens=30,
        logprobs=True,
        stream=True,
    )
    tokens = [
        e.token
        for chunk in streamed
        for c in chunk.choices
        if c.logprobs and c.logprobs.content
        for e in c.logprobs.content
    ]
    assert tokens == [e.token for e in entries]


def test_completion_logprobs(client: openai.OpenAI) -> None:
    reply = client.completions.create(model="tiny", prompt=QUESTION + "\n", max_tokens=20, logprobs=2, seed=4)
    logprobs = reply.choices[0].logprobs
    assert logprobs is not None and logprobs.tokens is not None and logprobs.top_logprobs is not None
    assert "".join(logprobs.tokens) == reply.choices[0].text
    assert all(len(top) <= 2 for top in logprobs.top_logprobs) and logprobs.text_offset is not None
    assert logprobs.text_offset[0] == len(QUESTION) + 1 and logprobs.text_offset == sorted(
        logprobs.text_offset
    )
    plain = client.completions.create(model="tiny", prompt=QUESTION + "\n", max_tokens=20, seed=4)
    assert plain.choices[0].logprobs is None and plain.choices[0].text == reply.choices[0].text


# --- what is refused, and how ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "error", "words"),
    [
        ({"messages": [{"role": "user", "content": "x" * 95}]}, openai.BadRequestError, "context length"),
        ({"messages": [{"role": "user", "content": "x" * 5000}]}, openai.BadRequestError, "context length"),
        (
            {"model": "gpt-4o", "messages": [{"role": "user", "content": QUESTION}]},
            openai.NotFoundError,
            "gpt-4o",
        ),
        (
            {
                "messages": [
                    {"role": "user", "content": QUESTION},
                    {"role": "assistant", "content": "x = 4"},
                    {"role": "user", "content": "Are you sure?"},
                ]
            },
            openai.BadRequestError,
            "single-turn",
        ),
        ({"messages": [{"role": "user", "content": "   "}]}, openai.BadRequestError, "empty"),
        ({"messages": [{"role": "system", "content": "Be brief."}]}, openai.BadRequestError, "single-turn"),
        (
            {"messages": [{"role": "user", "content": QUESTION}], "frequency_penalty": 0.5},
            openai.BadRequestError,
            "frequency_penalty",
        ),
        (
            {"messages": [{"role": "user", "content": QUESTION}], "response_format": {"type": "json_object"}},
            openai.BadRequestError,
            "response_format",
        ),
        ({"messages": [{"role": "user", "content": QUESTION}], "n": 0}, openai.BadRequestError, "n"),
        (
            {"messages": [{"role": "user", "content": QUESTION}], "stop": ["a"] * 5},
            openai.BadRequestError,
            "stop",
        ),
        (
            {"messages": [{"role": "user", "content": QUESTION}], "top_logprobs": 2},
            openai.BadRequestError,
            "logprobs",
        ),
    ],
)
def test_bad_chat_requests_are_400s_with_a_reason(
    client: openai.OpenAI, request_: dict[str, Any], error: type[Exception], words: str
) -> None:
    body = {"model": "tiny", **request_}
    with pytest.raises(error) as caught:
        client.chat.completions.create(**body)
    assert words in str(caught.value)


USER = [{"role": "user", "content": QUESTION}]


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        # the context is 96 tokens: BOS + prompt + "\n" of the template must leave room for one more
        ("chat/completions", {"messages": [{"role": "user", "content": "x" * 93}], "max_tokens": 50}, 200),
        ("chat/completions", {"messages": [{"role": "user", "content": "x" * 94}]}, 400),
        ("completions", {"prompt": "x" * 94, "max_tokens": 50}, 200),
        ("completions", {"prompt": "x" * 95}, 400),
        ("completions", {"prompt": ["ok\n", "x" * 95]}, 400),  # every prompt of a batch is checked
        ("completions", {"prompt": [1, 2, 3]}, 400),  # token ids: not supported, said so
        ("completions", {"prompt": []}, 400),
        ("completions", {"prompt": ["p"] * 33}, 400),
        ("completions", {"prompt": "x = ", "echo": True}, 400),
        ("chat/completions", {"messages": USER, "seed": 2**70}, 400),
        ("chat/completions", {"messages": USER, "temperature": 3}, 400),
        # Python's json reads NaN and Infinity; the bounds must still refuse them
        ("chat/completions", b'{"messages": [{"role": "user", "content": "x"}], "temperature": NaN}', 400),
        ("chat/completions", b'{"messages": [{"role": "user", "content": "x"}], "top_p": Infinity}', 400),
        ("chat/completions", {"messages": USER, "stop": [""]}, 400),
        ("chat/completions", {"messages": USER, "n": 17}, 400),
        ("chat/completions", {"messages": USER, "logit_bias": {"12": 100}}, 400),
        ("chat/completions", {"messages": USER, "tools": [{"type": "function"}]}, 400),
        ("chat/completions", {"messages": USER, "frequency_penalty": 0, "user": "u1", "store": False}, 200),
        ("chat/completions", {"messages": [{"role": "user", "content": [{"type": "image_url"}]}]}, 400),
        ("chat/completions", {"messages": [{"role": "tool", "content": "42"}]}, 400),
        ("chat/completions", {"messages": [{"role": "robot", "content": QUESTION}]}, 400),
        ("chat/completions", {"messages": []}, 400),
    ],
)
def test_request_table(server: str, path: str, body: dict[str, Any] | bytes, status: int) -> None:
    if isinstance(body, bytes):
        response = httpx.post(f"{server}/{path}", content=body, timeout=60)
    else:
        response = httpx.post(f"{server}/{path}", json=body, timeout=60)
    assert response.status_code == status, response.text
    data = response.json()
    if status == 200:
        for choice in data["choices"]:
            text = choice.get("text", choice.get("message", {}).get("content"))
            assert isinstance(text, str) and len(text) <= 96 - data["usage"]["prompt_tokens"]
    else:
        assert data["error"]["message"] and data["error"]["type"] == "invalid_request_error"


def test_context_errors_name_the_code(server: str) -> None:
    response = httpx.post(
        f"{server}/chat/completions", json={"messages": [{"role": "user", "content": "x" * 200}]}, timeout=60
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "context_length_exceeded"


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b"x" * (2 << 20), {}, 413),  # a body over 1 MiB is not read
        (b"{not json", {"Content-Type": "application/json"}, 400),
        (b"[1, 2]", {"Content-Type": "application/json"}, 400),
        (b"[" * 100_000, {"Content-Type": "application/json"}, 400),
        (b'{"messages": [{"role": "user", "content": "Solve for x: 3x = 9"}]}', {}, 200),
        # what curl -d sends: form encoding; the body is still read as JSON
        (
            b'{"messages": [{"role": "user", "content": "Solve for x: 3x = 9"}]}',
            {"Content-Type": "application/x-www-form-urlencoded"},
            200,
        ),
    ],
)
def test_bodies(server: str, content: bytes, headers: dict[str, str], status: int) -> None:
    response = httpx.post(f"{server}/chat/completions", content=content, headers=headers, timeout=60)
    assert response.status_code == status
    if status != 200:
        assert response.json()["error"]["message"]


def test_the_help_example_works(server: str) -> None:
    from assay.cli import cli

    if shutil.which("curl") is None:
        pytest.skip("no curl on this machine")
    help_text = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=200).output
    command = re.search(r"^\s*(curl -.*)$", help_text.replace("\\\n", " "), re.M)
    assert command is not None
    argv = shlex.split(command.group(1).replace("localhost:8000/v1", server.removeprefix("http://")))
    result = subprocess.run(argv, capture_output=True, timeout=120, check=True)
    data = json.loads(result.stdout)
    # the example sets no seed, so what the model says is a sample (an empty reply is one): the example
    # works when the server answers it with a whole chat completion
    choice = data["choices"][0]
    assert data["object"] == "chat.completion", data
    assert choice["message"]["role"] == "assistant" and isinstance(choice["message"]["content"], str), data
    assert choice["finish_reason"] in ("stop", "length"), data


# --- assay's own HTTP backend, and many clients at once ------------------------------------------------


def test_http_backend_matches_the_tiny_backend(server: str, tiny: TinyGenerator) -> None:
    prompts = ["Solve for x: 3x + 4 = 19\n", "Solve for x: -2x + 7 = 1\n", "Solve for x: 5x - 9 = 16\n"]
    settings = SamplingSettings(temperature=1.0, top_p=0.95, top_k=20, max_tokens=40, seed=7)
    expected = tiny.complete(prompts, 3, settings)
    remote_generator = OpenAIGenerator(server, "tiny", concurrency=2)
    remote = remote_generator.complete(prompts, 3, settings)
    remote_generator.close()
    assert [(c.prompt_index, c.sample_index, c.text) for c in remote] == [
        (c.prompt_index, c.sample_index, c.text) for c in expected
    ]
    assert len({c.text for c in expected}) > 1  # real sampling, not one repeated string
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
    data = httpx.post(f"{server}/chat/completions", json=body, timeout=60).json()
    assert len(data["choices"]) == 3
    assert all(
        "=" not in c["message"]["content"] and len(c["message"]["content"]) <= 5 for c in data["choices"]
    )
    assert data["usage"]["completion_tokens"] > 0


def test_concurrent_clients_each_get_their_own_answer(server: str, tiny: TinyGenerator) -> None:
    questions = [f"Solve for x: {a}x + 1 = {a + 1}" for a in range(2, 8)]
    expected = {q: local(tiny, q + "\n", max_tokens=30, seed=9)[0] for q in questions}
    got: dict[str, str] = {}
    failures: list[BaseException] = []
    lock = threading.Lock()

    def ask(question: str, stream: bool) -> None:
        try:
            with openai.OpenAI(base_url=server, api_key="unused", max_retries=0, timeout=120) as sdk:
                messages: Any = [{"role": "user", "content": question}]
                if stream:
                    parts = sdk.chat.completions.create(
                        model="tiny", messages=messages, max_tokens=30, seed=9, stream=True
                    )
                    text = "".join(c.choices[0].delta.content or "" for c in parts if c.choices)
                else:
                    reply = sdk.chat.completions.create(
                        model="tiny", messages=messages, max_tokens=30, seed=9
                    )
                    text = reply.choices[0].message.content or ""
            with lock:
                got[question] = text
        except BaseException as exc:  # collected and re-raised below, on the test's thread
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=ask, args=(q, i % 2 == 0)) for i, q in enumerate(questions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures
    assert got == expected

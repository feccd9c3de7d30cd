"""`assay serve`: a tiny model behind the OpenAI API (FastAPI + uvicorn), usable by ordinary clients.

Endpoints: `GET /v1/models`, `POST /v1/chat/completions`, `POST /v1/completions`.

- Chat messages go through the model's *chat template*, as vLLM applies a model's chat template: the
  tiny model learnt prompts written in its prompt template (`tiny-v1`: the problem, then a newline), so
  the user message is stripped and rendered in it. A client that already rendered it (assay's own HTTP
  backend) gets the same prompt, since rendering a stripped prompt again changes nothing. The tiny
  model is single-turn: system/developer messages are not shown to it; a conversation with assistant
  turns is refused (400) rather than silently cut.
- `/v1/completions` takes the prompt as given (no template), like vLLM.
- `stream=True` answers with server-sent events, one chunk per token, then `data: [DONE]`
  (`stream_options.include_usage` adds the usage chunk). Samples are drawn first, then sent.
- `logprobs` (chat: `logprobs` + `top_logprobs` ≤ 20; completions: `logprobs` ≤ 5): the model's own
  log-probabilities (before temperature and top-p), from one forward pass over prompt and answer.
- Limits: a body over 1 MiB is refused (413); a prompt that leaves no room in the model's context is
  a 400 (`context_length_exceeded`), never a 200 with empty text; max_tokens defaults to the room
  left. A parameter that would change what a sample means and is not implemented (penalties,
  logit_bias, tools, response formats, echo) is refused, not ignored.

Errors are OpenAI-shaped: `{"error": {"message", "type", "param", "code"}}`. The body is read as JSON
whatever its Content-Type (curl -d sends form encoding). Nothing from a request is ever executed.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from starlette.concurrency import run_in_threadpool

from assay.backends.base import Completion, SamplingSettings
from assay.backends.templates import load_template
from assay.backends.tiny import TinyGenerator
from assay.errors import InputError

MAX_BODY_BYTES = 1 << 20
SPECIAL_NAMES = ["<pad>", "<bos>", "<eos>", "<unk>"]  # how the tokenizer's ids 0..3 are shown in logprobs


_Model = TypeVar("_Model", bound="Sampling")


class Rejected(InputError):
    """A request the server answers with an OpenAI-style error (4xx) instead of a completion."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.param, self.code = status, message, param, code


# --- requests ----------------------------------------------------------------------------------------------


class TextPart(BaseModel):
    type: Literal["text"]
    text: str = Field(max_length=MAX_BODY_BYTES)


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[TextPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text for part in self.content)
        return self.content or ""


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False


class Sampling(BaseModel):
    """What both endpoints take. Unknown fields are ignored (SDKs send many); see _refuse_unsupported."""

    model_config = ConfigDict(extra="allow")
    model: str | None = None
    n: int = Field(1, ge=1, le=16)
    temperature: float | None = Field(None, ge=0.0, le=2.0)
    top_p: float | None = Field(None, gt=0.0, le=1.0)
    top_k: int | None = Field(None, ge=-1, le=100_000)  # vLLM's extension; 0 and -1 mean off
    max_tokens: int | None = Field(None, ge=1, le=100_000)
    stop: str | list[str] | None = None
    seed: int | None = Field(None, ge=-(2**63), lt=2**64)
    stream: bool = False
    stream_options: StreamOptions | None = None

    @field_validator("stop")
    @classmethod
    def _few_short_stops(cls, value: str | list[str] | None) -> str | list[str] | None:
        stops = [value] if isinstance(value, str) else value or []
        if len(stops) > 4 or any(not 0 < len(s) <= 64 for s in stops):
            raise ValueError("stop takes at most 4 strings of 1 to 64 characters")
        return value


class ChatRequest(Sampling):
    messages: list[Message] = Field(min_length=1, max_length=64)
    max_completion_tokens: int | None = Field(None, ge=1, le=100_000)
    logprobs: bool = False
    top_logprobs: int | None = Field(None, ge=0, le=20)


class CompletionRequest(Sampling):
    prompt: str | list[str]
    logprobs: int | None = Field(None, ge=0, le=5)

    @field_validator("prompt")
    @classmethod
    def _few_prompts(cls, value: str | list[str]) -> str | list[str]:
        if isinstance(value, list) and not 0 < len(value) <= 32:
            raise ValueError(
                "prompt takes a string or a list of 1 to 32 strings (token ids are not supported)"
            )
        return value


# what a client may send only at its neutral value: anything else would change the samples' meaning
NEUTRAL: dict[str, tuple[object, ...]] = {
    "frequency_penalty": (None, 0, 0.0),
    "presence_penalty": (None, 0, 0.0),
    "repetition_penalty": (None, 1, 1.0),
    "logit_bias": (None, {}),
    "tools": (None, []),
    "functions": (None, []),
    "tool_choice": (None, "none", "auto"),
    "response_format": (None, {"type": "text"}),
    "echo": (None, False),
    "suffix": (None, ""),
    "best_of": (None, 1),
}


def _refuse_unsupported(request: Sampling) -> None:
    for name, value in (request.model_extra or {}).items():
        if name in NEUTRAL and value not in NEUTRAL[name]:
            raise Rejected(400, f"{name}={json.dumps(value)[:60]} is not supported by assay serve", name)


# --- the app ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    prompts: list[str]  # as the model sees them (chat: rendered in the template)
    settings: SamplingSettings
    n: int
    top_logprobs: int | None  # None: no logprobs


def create_app(model_path: Path, name: str = "tiny", template: str = "tiny-v1") -> FastAPI:
    generator = TinyGenerator(model_path)
    chat_template = load_template(template)
    context = generator.model.config.block_size
    lock = threading.Lock()  # one forward pass at a time: torch already uses the cores we give it
    app = FastAPI(title="assay tiny model", version="2")

    @app.exception_handler(Rejected)
    async def rejected(request: Request, exc: Rejected) -> JSONResponse:
        kind = "invalid_request_error" if exc.status != 404 else "not_found_error"
        error = {"message": exc.message, "type": kind, "param": exc.param, "code": exc.code}
        return JSONResponse({"error": error}, status_code=exc.status)

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        card = {"id": name, "object": "model", "owned_by": "assay", "max_model_len": context}
        return {"object": "list", "data": [card]}

    def job(request: Sampling, prompts: list[str], top_logprobs: int | None, limit: int | None) -> _Job:
        _refuse_unsupported(request)
        if request.model not in (None, name):
            raise Rejected(
                404, f"The model `{request.model}` does not exist; this server has `{name}`.", "model"
            )
        longest = max(len(p) for p in prompts) + 1  # one character is one token, plus BOS
        if longest >= context:
            raise Rejected(
                400,
                f"This model's maximum context length is {context} tokens; the prompt has {longest}, "
                "leaving no room for a completion. Shorten the prompt.",
                "messages" if isinstance(request, ChatRequest) else "prompt",
                "context_length_exceeded",
            )
        stop = (request.stop,) if isinstance(request.stop, str) else tuple(request.stop or ())
        settings = SamplingSettings(
            temperature=1.0 if request.temperature is None else request.temperature,
            top_p=1.0 if request.top_p is None else request.top_p,
            top_k=max(0, request.top_k or 0),
            max_tokens=limit or context - longest,  # the model stops at its context anyway
            stop=stop,
            seed=random.randrange(2**31) if request.seed is None else request.seed,
        )
        return _Job(prompts, settings, request.n, top_logprobs)

    def run(work: _Job) -> list[_Sample]:
        with lock:
            completions = generator.complete(work.prompts, work.n, work.settings)
            return [
                _Sample(
                    c,
                    len(work.prompts[c.prompt_index]) + 1,
                    None
                    if work.top_logprobs is None
                    else _logprobs(generator, work.prompts[c.prompt_index], c.text or "", work.top_logprobs),
                )
                for c in completions
            ]

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        parsed = _validate(ChatRequest, await _json(request))
        prompt = _chat_prompt(parsed.messages)
        top = (parsed.top_logprobs or 0) if parsed.logprobs else None
        if parsed.top_logprobs and not parsed.logprobs:
            raise Rejected(400, "top_logprobs needs logprobs: true", "top_logprobs")
        work = job(
            parsed, [chat_template.render(prompt)], top, parsed.max_completion_tokens or parsed.max_tokens
        )
        samples = await run_in_threadpool(run, work)
        usage = _usage(samples, parsed.n)
        meta = {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "created": int(time.time()), "model": name}
        if parsed.stream:
            include = bool(parsed.stream_options and parsed.stream_options.include_usage)
            return _sse(_chat_chunks(meta, samples, usage if include else None))
        choices = [
            {
                "index": i,
                "message": {"role": "assistant", "content": s.completion.text},
                "logprobs": None if s.logprobs is None else {"content": s.logprobs, "refusal": None},
                "finish_reason": s.completion.finish_reason,
            }
            for i, s in enumerate(samples)
        ]
        return {**meta, "object": "chat.completion", "choices": choices, "usage": usage}

    @app.post("/v1/completions")
    async def completions(request: Request) -> Any:
        parsed = _validate(CompletionRequest, await _json(request))
        prompts = [parsed.prompt] if isinstance(parsed.prompt, str) else parsed.prompt
        if not prompts or any(not p for p in prompts):
            raise Rejected(400, "prompt must be a non-empty string or a list of them", "prompt")
        work = job(parsed, prompts, parsed.logprobs, parsed.max_tokens)
        samples = await run_in_threadpool(run, work)
        usage = _usage(samples, parsed.n)
        meta = {"id": f"cmpl-{uuid.uuid4().hex[:24]}", "created": int(time.time()), "model": name}
        choices = [
            {
                "index": i,
                "text": s.completion.text,
                "logprobs": _legacy_logprobs(s, parsed.logprobs),
                "finish_reason": s.completion.finish_reason,
            }
            for i, s in enumerate(samples)
        ]
        if parsed.stream:
            include = bool(parsed.stream_options and parsed.stream_options.include_usage)
            return _sse(_completion_chunks(meta, choices, usage if include else None))
        return {**meta, "object": "text_completion", "choices": choices, "usage": usage}

    return app


def serve(
    model_path: Path, host: str = "127.0.0.1", port: int = 8000, name: str = "tiny", template: str = "tiny-v1"
) -> None:
    import uvicorn

    app = create_app(model_path, name, template)
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=64)


# --- reading a request -------------------------------------------------------------------------------------


async def _json(request: Request) -> Any:
    """The body as JSON, whatever the Content-Type; never more than MAX_BODY_BYTES read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Rejected(413, f"request body over {MAX_BODY_BYTES} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY_BYTES:
            raise Rejected(413, f"request body over {MAX_BODY_BYTES} bytes")
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise Rejected(400, "the request body is not JSON") from None


def _validate(model: type[_Model], data: Any) -> _Model:
    if not isinstance(data, dict):
        raise Rejected(400, "the request body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise Rejected(400, f"{where or 'body'}: {first['msg']}"[:300], where or None) from None


def _chat_prompt(messages: list[Message]) -> str:
    """The one user message the tiny model answers; refuses conversations it cannot read."""
    turns = [m for m in messages if m.role not in ("system", "developer")]
    if len(turns) != 1 or turns[0].role != "user":
        raise Rejected(
            400,
            "the tiny model is single-turn: send one user message (system messages are not shown to it)",
            "messages",
        )
    prompt = turns[0].text().strip()
    if not prompt:
        raise Rejected(400, "the user message is empty", "messages")
    return prompt


# --- answers ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sample:
    completion: Completion
    prompt_tokens: int
    logprobs: list[dict[str, Any]] | None  # chat-style entries, one per token of the text


def _logprobs(generator: TinyGenerator, prompt: str, text: str, top: int) -> list[dict[str, Any]]:
    """Per token of text: its log-probability under the model given everything before it, and the top
    alternatives. One forward pass over prompt + text (the model's raw distribution, like vLLM's)."""
    import torch

    from assay.model.tokenizer import BOS

    tokenizer, model = generator.tokenizer, generator.model
    prefix = [BOS, *tokenizer.encode(prompt)]
    answer = tokenizer.encode(text)
    if not answer:
        return []
    with torch.no_grad():
        logits, _ = model(torch.tensor([prefix + answer[:-1]]))  # (1, T, V)
    table = torch.log_softmax(logits[0, len(prefix) - 1 :].float(), dim=-1)  # (len(answer), V)
    entries = []
    for row, token in zip(table, answer, strict=True):
        best = torch.topk(row, top) if top else None
        alternatives = (
            [] if best is None else list(zip(best.indices.tolist(), best.values.tolist(), strict=True))
        )
        entries.append(
            {
                **_token_entry(tokenizer, token, float(row[token])),
                "top_logprobs": [_token_entry(tokenizer, i, v) for i, v in alternatives],
            }
        )
    return entries


def _token_entry(tokenizer: Any, token: int, logprob: float) -> dict[str, Any]:
    text = SPECIAL_NAMES[token] if token < len(SPECIAL_NAMES) else tokenizer.decode([token])
    # JSON has no -inf; vLLM reports -9999 for a token the model gives no chance at all
    return {"token": text, "logprob": max(logprob, -9999.0), "bytes": list(text.encode("utf-8"))}


def _legacy_logprobs(sample: _Sample, top: int | None) -> dict[str, Any] | None:
    """The /v1/completions shape: parallel lists, offsets counted from the start of the prompt."""
    if sample.logprobs is None or top is None:
        return None
    offsets, at = [], sample.prompt_tokens - 1
    for entry in sample.logprobs:
        offsets.append(at)
        at += len(entry["token"])
    return {
        "tokens": [e["token"] for e in sample.logprobs],
        "token_logprobs": [e["logprob"] for e in sample.logprobs],
        "top_logprobs": [{t["token"]: t["logprob"] for t in e["top_logprobs"]} for e in sample.logprobs]
        if top
        else None,
        "text_offset": offsets,
    }


def _usage(samples: list[_Sample], n: int) -> dict[str, int]:
    prompt = sum(s.prompt_tokens for s in samples[::n])  # each prompt counted once, not once per sample
    completion = sum(s.completion.completion_tokens for s in samples)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _sse(events: Iterator[dict[str, Any]]) -> StreamingResponse:
    def lines() -> Iterator[str]:
        for event in events:
            yield f"data: {json.dumps(event)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(lines(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def _chat_chunks(
    meta: dict[str, Any], samples: list[_Sample], usage: dict[str, int] | None
) -> Iterator[dict[str, Any]]:
    """A role chunk, one chunk per token, a finish chunk (per choice); then the usage chunk if asked."""
    head = {**meta, "object": "chat.completion.chunk"}
    if usage is not None:
        head["usage"] = None  # every chunk carries the field; only the last one fills it

    def chunk(index: int, delta: dict[str, Any], logprobs: Any = None, finish: str | None = None) -> Any:
        choice = {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": finish}
        return {**head, "choices": [choice]}

    for index, sample in enumerate(samples):
        yield chunk(index, {"role": "assistant", "content": ""})
        text = sample.completion.text or ""
        if sample.logprobs is not None:
            for entry in sample.logprobs:
                yield chunk(index, {"content": entry["token"]}, {"content": [entry], "refusal": None})
        elif text:
            for character in text:  # one character is one token of the tiny model
                yield chunk(index, {"content": character})
        yield chunk(index, {}, None, sample.completion.finish_reason)
    if usage is not None:
        yield {**head, "choices": [], "usage": usage}


def _completion_chunks(
    meta: dict[str, Any], choices: list[dict[str, Any]], usage: dict[str, int] | None
) -> Iterator[dict[str, Any]]:
    head = {**meta, "object": "text_completion"}
    if usage is not None:
        head["usage"] = None
    for choice in choices:
        logprobs = choice["logprobs"]
        for k, character in enumerate(choice["text"] or ""):
            piece = None
            if logprobs is not None:
                piece = {key: None if value is None else value[k : k + 1] for key, value in logprobs.items()}
            yield {
                **head,
                "choices": [
                    {"index": choice["index"], "text": character, "logprobs": piece, "finish_reason": None}
                ],
            }
        end = {
            "index": choice["index"],
            "text": "",
            "logprobs": None,
            "finish_reason": choice["finish_reason"],
        }
        yield {**head, "choices": [end]}
    if usage is not None:
        yield {**head, "choices": [], "usage": usage}

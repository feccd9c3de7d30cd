"""`assay serve`: a tiny model behind the OpenAI chat-completions API (FastAPI + uvicorn).

Endpoints: `GET /v1/models`, `POST /v1/chat/completions` with `n`, `temperature`, `top_p`, `max_tokens`,
`stop` and `seed`. The prompt is the last user message, exactly as the client rendered it, so the HTTP
backend and the tiny backend give the same samples for the same seeds.
"""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from assay.backends.base import SamplingSettings
from assay.backends.tiny import TinyGenerator


class Message(BaseModel):
    role: str
    content: str


class ChatRequest(BaseModel):
    model: str = "tiny"
    messages: list[Message]
    n: int = Field(1, ge=1, le=64)
    temperature: float = Field(1.0, ge=0.0, le=5.0)
    top_p: float = Field(1.0, gt=0.0, le=1.0)
    max_tokens: int = Field(128, ge=1, le=4096)
    stop: str | list[str] | None = None
    seed: int = 0


def create_app(model_path: Path, name: str = "tiny") -> FastAPI:
    generator = TinyGenerator(model_path)
    lock = threading.Lock()  # one forward pass at a time: torch already uses the cores we give it
    app = FastAPI(title="assay tiny model", version="1")

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": name, "object": "model", "owned_by": "assay"}]}

    @app.post("/v1/chat/completions")
    def chat(request: ChatRequest) -> dict[str, Any]:
        users = [m.content for m in request.messages if m.role == "user"]
        if not users:
            raise HTTPException(status_code=400, detail="messages need at least one user message")
        stop = (request.stop,) if isinstance(request.stop, str) else tuple(request.stop or ())
        settings = SamplingSettings(
            request.temperature, request.top_p, 0, request.max_tokens, stop, request.seed
        )
        with lock:
            completions = generator.complete([users[-1]], request.n, settings)
        prompt_tokens = completions[0].prompt_tokens if completions else 0
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": name,
            "choices": [
                {
                    "index": c.sample_index,
                    "message": {"role": "assistant", "content": c.text},
                    "finish_reason": c.finish_reason,
                }
                for c in completions
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": sum(c.completion_tokens for c in completions),
                "total_tokens": prompt_tokens + sum(c.completion_tokens for c in completions),
            },
        }

    return app


def serve(model_path: Path, host: str = "127.0.0.1", port: int = 8000, name: str = "tiny") -> None:
    import uvicorn

    uvicorn.run(create_app(model_path, name), host=host, port=port, log_level="warning")

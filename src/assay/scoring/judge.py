"""The `judge` scorer: an LLM judge behind any OpenAI-compatible server, through assay's HTTP backend.

Spec (`assay score --scorer SPEC`), comma-separated after `judge:`:

    judge:http://localhost:8000/v1#qwen2.5-7b-instruct
    judge:base_url=http://localhost:8000/v1,model=qwen2.5-7b-instruct,mode=pairwise,opponents=4

    URL#MODEL or base_url=, model=   the judge (required; the URL holds no comma)
    mode=pointwise|pairwise          (pointwise)
    rubric=NAME|PATH.txt             a built-in rubric (quality) or a template file (assay.scoring.rubrics)
    temperature, max_tokens, seed    sampling (0, 512, 0)
    logprobs=K                       ask for K alternatives per token, 0: do not ask (10; pointwise only)
    opponents=K                      pairwise: how many others each candidate meets (4)
    retries, timeout, deadline, concurrency, api_key_env, price_prompt, price_completion
                                     as for the openai generator (prices: per million tokens)
    cache=PATH|none                  the response cache (default WS/artifacts/cache/judge.db with a
                                     workspace's models, else none)

Values, in [0, 1], higher is better:
- pointwise: (s - 1) / 9 for the judge's score s from 1 to 10, or the expected score over the score
  token's probabilities when the server sends logprobs (assay.scoring.rubrics.expected);
- pairwise: the candidate's win rate against other candidates *of the same problem in the same batch*
  (ties count half). Each pair is judged twice, the candidates swapped between positions A and B, to
  cancel the judge's position bias: a candidate wins a pair only when it wins in both orders; a pair
  whose two orders disagree (A then A, or a TIE in either) is a tie. Candidates are taken in the order
  of their ids and each meets its 2·⌈K/2⌉ nearest neighbours in that order (all others when there are
  at most K+1): at most 2·K requests per candidate, whatever the pool's size. Win rates from different
  pools are comparable only roughly: rank within a problem.

The scorer id carries the mode, the rubric's name and text digest, the model, and a hash of everything
else that changes a value (URL, sampling, logprobs, opponents): a changed rubric or model is a new
scorer version. Retries, timeouts, prices and the cache do not change a value, so they are not in it.

Failures: an item the judge gave no readable answer for (rambling, a refusal, two scores, out of range,
a cut-off answer, HTTP failures after the retries) gets no Score: `score()` raises AssayError naming
each such candidate and why, after judging the whole batch. No value is invented for it, since any
number would rank it among the judged ones; a later run asks again (a cache hit: the same answer, until
the rubric, model or settings change). Every driver (`assay score`, `assay score file`, the pipeline's
score stage) retries a refused batch item by item (assay.scoring.base.score_each) and leaves only the
failed items unscored; the outcomes of the batch just judged answer those retries, so no request is
sent twice and a pairwise candidate keeps its opponents. `judge(batch)`
returns every item's outcome, Score or JudgeFailure, to a caller that wants the partial results.

A judge scores; it never says verified, and it reads no verdicts: it works for any domain.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from assay.backends.base import Completion, SamplingSettings, Usage
from assay.backends.openai import OpenAIGenerator
from assay.errors import AssayError, ConfigError
from assay.records import Score, content_id
from assay.scoring.base import ScoreItem
from assay.scoring.rubrics import (
    HIGHEST,
    LOWEST,
    MODES,
    Mode,
    Rubric,
    Unreadable,
    Verdict,
    expected,
    read_score,
    read_verdict,
    rubric,
)

VERSION = "1"  # the judge's own recipe (value mapping, pairing, reading): bump when it changes
MAX_ID = 200  # the store keeps 200 characters of a scorer id
MAX_TEXT = 200_000  # characters of a prompt or response sent to the judge; longer items fail unsent


@dataclass(frozen=True)
class JudgeSettings:
    base_url: str
    model: str
    mode: Mode = "pointwise"
    rubric: str = "quality"
    temperature: float = 0.0
    max_tokens: int = 512
    seed: int = 0
    logprobs: int = 10
    opponents: int = 4
    retries: int = 4
    timeout: float = 60.0
    deadline: float = 300.0
    concurrency: int = 8
    api_key_env: str = "OPENAI_API_KEY"
    price_prompt: float = 0.0
    price_completion: float = 0.0
    cache: str = ""  # a path, "none", or "" for the workspace's default


@dataclass(frozen=True)
class JudgeFailure:
    """Why a candidate got no score from the judge."""

    candidate_id: str
    reason: str


def parse_spec(options: str) -> JudgeSettings:
    """JudgeSettings from the text after `judge:` (see the module docstring)."""
    known = {f.name: f for f in fields(JudgeSettings)}
    values: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in options.split(","))):
        key, equals, value = (s.strip() for s in part.partition("="))
        if not equals and "#" in part:  # URL#MODEL (a URL with a query string goes in base_url=)
            url, _, model = (s.strip() for s in part.rpartition("#"))
            pairs = [("base_url", url), ("model", model)]
        elif equals and key in known:
            pairs = [(key, value)]
        else:
            raise ConfigError(
                f"judge option {part!r} is not URL#MODEL or KEY=VALUE with KEY one of {sorted(known)}"
            )
        for key, value in pairs:
            if key in values:
                raise ConfigError(f"judge option {key!r} is given twice")
            values[key] = _typed(key, value, str(known[key].type))
    if not values.get("base_url") or not values.get("model"):
        raise ConfigError("the judge needs a server and a model: judge:URL#MODEL or base_url=...,model=...")
    if values.get("mode", "pointwise") not in MODES:
        raise ConfigError(f"judge mode must be one of {list(MODES)}, not {values['mode']!r}")
    settings = JudgeSettings(**values)
    if not 0 <= settings.temperature <= 2 or not math.isfinite(settings.temperature):
        raise ConfigError(f"judge temperature must be from 0 to 2, not {settings.temperature}")
    if settings.max_tokens < 1 or settings.opponents < 1:
        raise ConfigError("judge max_tokens and opponents must be at least 1")
    # what the HTTP client would refuse, refused here: the client is made on first use, and `assay run`
    # checks a judge's spec before it generates anything
    if not settings.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"the judge's URL must start with http:// or https://, not {settings.base_url!r}")
    if settings.concurrency < 1 or settings.retries < 0:
        raise ConfigError("judge concurrency must be at least 1 and retries at least 0")
    if not all(math.isfinite(t) and t > 0 for t in (settings.timeout, settings.deadline)):
        raise ConfigError("judge timeout and deadline must be numbers of seconds above 0")
    return settings


def _typed(key: str, value: str, kind: str) -> object:
    """The option's value as its field's type ("int", "float"; the rest are strings)."""
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        raise ConfigError(f"judge option {key}={value!r} is not a number") from None
    return value


class JudgeScorer:
    """Scores candidates with an LLM judge (see the module docstring). Close it when done."""

    name = "judge"
    needs_verdicts = False

    def __init__(
        self,
        settings: JudgeSettings,
        models_dir: Path | None = None,
        **client: Any,  # tests pass transport= and clock= on to the HTTP backend
    ) -> None:
        self.settings = settings
        self.rubric: Rubric = rubric(settings.mode, settings.rubric)
        self._models_dir = models_dir
        self._client = client
        self._generator: OpenAIGenerator | None = None
        self.sampling = SamplingSettings(
            temperature=settings.temperature, max_tokens=settings.max_tokens, seed=settings.seed
        )
        self._id = scorer_id(settings, self.rubric)
        self._last: dict[str, Score | JudgeFailure] = {}

    @property
    def id(self) -> str:
        return self._id

    @property
    def generator(self) -> OpenAIGenerator:
        """The HTTP client and its cache, opened on first use: making a judge to learn its id (as
        `assay run` does before it checks the workspace) writes no cache file and holds no socket."""
        if self._generator is None:
            settings = self.settings
            self._generator = OpenAIGenerator(
                settings.base_url,
                settings.model,
                api_key_env=settings.api_key_env,
                concurrency=settings.concurrency,
                retries=settings.retries,
                timeout=settings.timeout,
                deadline=settings.deadline,
                cache_path=_cache_path(settings.cache, self._models_dir),
                price_per_million=(settings.price_prompt, settings.price_completion),
                top_logprobs=_logprobs(settings),
                **self._client,
            )
        return self._generator

    @property
    def usage(self) -> Usage:
        """Requests, cache hits, retries, failures, tokens and cost so far (as for generation)."""
        return self.generator.usage

    def close(self) -> None:
        if self._generator is not None:
            self._generator.close()

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        outcomes = self.judge(batch)
        failed = [o for o in outcomes if isinstance(o, JudgeFailure)]
        if len(batch) == 1 and failed:  # (one item: `assay score file`'s line already names the rest)
            raise AssayError(f"the judge gave no score: {failed[0].reason}")
        if failed:
            shown = "; ".join(f"{f.candidate_id}: {f.reason}" for f in failed[:3])
            more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
            raise AssayError(f"judge {self.id}: no score for {len(failed)} of {len(batch)}: {shown}{more}")
        return [o for o in outcomes if isinstance(o, Score)]

    def judge(self, batch: Sequence[ScoreItem]) -> list[Score | JudgeFailure]:
        """Every item's outcome, in order. A batch made only of candidates of the batch judged last is
        answered from that batch's outcomes (how `assay score file` retries a refused batch item by
        item): nothing is sent twice, and a pairwise candidate keeps the opponents it had."""
        ids = [item.candidate.id for item in batch]
        if batch and all(i in self._last for i in ids):
            return [self._last[i] for i in ids]
        pointwise = self.settings.mode == "pointwise"
        outcomes = self._pointwise(batch) if pointwise else self._pairwise(batch)
        self._last = dict(zip(ids, outcomes, strict=True))
        return outcomes

    # --- pointwise ---

    def _pointwise(self, batch: Sequence[ScoreItem]) -> list[Score | JudgeFailure]:
        outcomes: list[Score | JudgeFailure | None] = [None] * len(batch)
        prompts: list[str] = []
        asked: list[int] = []
        for index, item in enumerate(batch):
            if (why := _too_long(item.problem.prompt, item.candidate.text)) is not None:
                outcomes[index] = JudgeFailure(item.candidate.id, why)
                continue
            prompts.append(self.rubric.fill(item.problem.prompt, item.candidate.text))
            asked.append(index)
        for index, completion in zip(asked, self._ask(prompts), strict=True):
            outcomes[index] = self._pointwise_value(batch[index], completion)
        return [o for o in outcomes if o is not None]

    def _pointwise_value(self, item: ScoreItem, completion: Completion) -> Score | JudgeFailure:
        if completion.text is None:
            return JudgeFailure(item.candidate.id, f"the judge's server failed: {completion.error}")
        score = read_score(completion.text, completion.finish_reason)
        if isinstance(score, Unreadable):
            return JudgeFailure(item.candidate.id, score.reason)
        weighted = expected(completion.text, score, completion.logprobs)
        points = float(score) if weighted is None else weighted
        value = (points - LOWEST) / (HIGHEST - LOWEST)
        return Score(item.candidate.id, self.id, min(1.0, max(0.0, value)))

    # --- pairwise ---

    def _pairwise(self, batch: Sequence[ScoreItem]) -> list[Score | JudgeFailure]:
        groups: dict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(batch):
            groups[item.problem.id].append(index)
        # each pair once per order: (first, second) means batch[first] is shown as A
        orders: list[tuple[int, int]] = []
        for members in groups.values():
            ranked = sorted(members, key=lambda i: batch[i].candidate.id)
            for a, b in _pairs(len(ranked), self.settings.opponents):
                orders += [(ranked[a], ranked[b]), (ranked[b], ranked[a])]
        sendable = [
            (a, b) for a, b in orders if _too_long(batch[a].problem.prompt, *_texts(batch, a, b)) is None
        ]
        prompts = [self.rubric.fill(batch[a].problem.prompt, *_texts(batch, a, b)) for a, b in sendable]
        verdicts: dict[tuple[int, int], Verdict | Unreadable] = {
            order: _verdict(completion)
            for order, completion in zip(sendable, self._ask(prompts), strict=True)
        }
        points: dict[int, list[float]] = defaultdict(list)
        problems: dict[int, list[str]] = defaultdict(list)
        for a, b in orders[::2]:
            first = verdicts.get((a, b), Unreadable("too long to send"))
            second = verdicts.get((b, a), Unreadable("too long to send"))
            unreadable = next((v for v in (first, second) if isinstance(v, Unreadable)), None)
            if unreadable is not None:  # not a tie: a comparison nobody could read says nothing
                problems[a].append(unreadable.reason)
                problems[b].append(unreadable.reason)
                continue
            won = 1.0 if (first, second) == ("A", "B") else 0.0 if (first, second) == ("B", "A") else 0.5
            points[a].append(won)
            points[b].append(1.0 - won)
        outcomes: list[Score | JudgeFailure] = []
        for index, item in enumerate(batch):
            if points[index]:
                value = sum(points[index]) / len(points[index])
                outcomes.append(Score(item.candidate.id, self.id, value))
            elif problems[index]:
                why = f"no comparison could be read ({len(problems[index])}); first: {problems[index][0]}"
                outcomes.append(JudgeFailure(item.candidate.id, why))
            else:
                why = "no other candidate of its problem in this batch to compare with (pairwise)"
                outcomes.append(JudgeFailure(item.candidate.id, why))
        return outcomes

    def _ask(self, prompts: list[str]) -> list[Completion]:
        return self.generator.complete(prompts, 1, self.sampling) if prompts else []


def _pairs(n: int, opponents: int) -> list[tuple[int, int]]:
    """Unordered pairs (i < j) of n candidates: all of them when each has at most `opponents` others,
    else each with its ⌈opponents/2⌉ next neighbours around the ring (2·⌈K/2⌉ opponents each)."""
    if n - 1 <= opponents:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    reach = math.ceil(opponents / 2)
    found = {tuple(sorted((i, (i + d) % n))) for i in range(n) for d in range(1, reach + 1)}
    return sorted((a, b) for a, b in found)


def _texts(batch: Sequence[ScoreItem], a: int, b: int) -> tuple[str, str]:
    return batch[a].candidate.text, batch[b].candidate.text


def _verdict(completion: Completion) -> Verdict | Unreadable:
    if completion.text is None:
        return Unreadable(f"the judge's server failed: {completion.error}")
    return read_verdict(completion.text, completion.finish_reason)


def _too_long(*texts: str) -> str | None:
    longest = max(len(t) for t in texts)
    return f"too long to judge: {longest} characters (at most {MAX_TEXT})" if longest > MAX_TEXT else None


def _cache_path(option: str, models_dir: Path | None) -> Path | None:
    if option == "none":
        return None
    if option:
        return Path(option)
    return Path(models_dir).parent / "cache" / "judge.db" if models_dir else None


def _logprobs(settings: JudgeSettings) -> int:
    return settings.logprobs if settings.mode == "pointwise" else 0  # (a verdict is read plainly)


def scorer_id(settings: JudgeSettings, rubric: Rubric) -> str:
    """The judge's scorer id: what it is made of is what can change a value (see the module docstring)."""
    decides = (
        VERSION,
        settings.base_url.rstrip("/"),
        settings.model,
        settings.mode,
        rubric.digest,
        settings.temperature,
        settings.max_tokens,
        settings.seed,
        _logprobs(settings),
        settings.opponents if settings.mode == "pairwise" else 0,
    )
    config = content_id("cfg", *decides)[4:12]
    model = "".join(c if c.isprintable() and c not in ",()" else "?" for c in settings.model)
    shown = f"judge@{VERSION}({settings.mode},{rubric.version},{model},{config})"
    return shown if len(shown) <= MAX_ID else content_id(f"judge@{VERSION}", *decides)


def judge_scorer(options: str, models_dir: Path | None = None) -> JudgeScorer:
    """The `assay.scorers` entry point: `judge:OPTIONS` (see the module docstring)."""
    return JudgeScorer(parse_spec(options), models_dir)

"""Training and evaluating the reward models from verifier labels (`assay rm train`, `assay rm eval`).

Labels cost nothing: they are the verdicts already stored.

- ORM: one label per candidate, 1 if every deciding verdict is `verified`, else 0 (`refuted` and
  `unknown` alike: the label is "the verifier accepted it"). Candidates with only `error`/`timeout`
  verdicts, or none, say nothing about the candidate and are left out.
- PRM: one label per step, from the verdict's step results: steps before the first refuted or unknown
  step are 1, that step and every step after it are 0 (after the first error nothing counts as
  progress). A candidate that is not verified but has no failing step (a wrong or missing final
  answer) gets 0 on its last step. When the verdict's steps do not line up with the trace's (a domain
  whose verifier numbers steps its own way), only the last step is labelled, with the outcome.

The split is by problem (a hash of the seed and the problem id), so no held-out problem was seen in
training under another candidate. Everything is seeded: the same store and recipe give the same model.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import torch
from torch.nn import functional as F

from assay.errors import AssayError
from assay.model.checkpoint import load_state, model_from_state
from assay.model.gpt import GPT, GPTConfig
from assay.model.tokenizer import PAD, CharTokenizer
from assay.records import Candidate, Status, StepStatus, Verdict
from assay.scoring.base import ScoreItem
from assay.scoring.encoding import PROMPT_CHARS, Window, trace_steps, windows
from assay.scoring.learned import Kind
from assay.scoring.model import RewardNet, load, newline_token, pad, save
from assay.store import Store

_DECIDING = (Status.VERIFIED, Status.REFUTED, Status.UNKNOWN)


@dataclass(frozen=True)
class Recipe:
    """Everything that decides a trained reward model besides its data (stored in the checkpoint)."""

    kind: Kind = "orm"
    n_layer: int = 2
    n_head: int = 2
    n_embd: int = 64
    block_size: int = 256
    steps: int = 300
    batch_size: int = 32
    lr: float = 2e-3
    seed: int = 0
    holdout: float = 0.2  # share of problems held out for `rm eval`
    threads: int = 1  # torch threads: training shares the machine with verification workers
    lm_weight: float = 1.0  # the auxiliary next-token loss on accepted traces (assay.scoring.model)
    # the body's learning rate as a share of lr, when it starts from a generator (from scratch it is 1).
    # 0 (the default) keeps the generator's body as it is: it already knows which token comes next,
    # and fine-tuning it on a few thousand labels spent that knowledge faster than it learned
    # anything new (measured: README, Reward models); the head then trains on inputs read once.
    body_lr: float = 0.0
    # a tiny-model checkpoint to start the body from (the generator itself, typically: it already
    # reads these traces); "" trains from scratch. Its window and vocabulary then replace the above.
    init: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("orm", "prm"):
            raise AssayError(f"a reward model is orm or prm, not {self.kind!r}")
        if not 0.0 < self.holdout < 1.0:
            raise AssayError(f"holdout is a share between 0 and 1, not {self.holdout}")
        if self.steps < 1 or self.batch_size < 1:
            raise AssayError("steps and batch_size must be at least 1")
        if self.lm_weight < 0 or not 0.0 <= self.body_lr <= 1.0:
            raise AssayError("lm_weight must be at least 0 and body_lr a share between 0 and 1")


def outcome(verdicts: Iterable[Verdict]) -> int | None:
    """1 if the verifier accepted the candidate, 0 if not, None if no verdict decided anything."""
    deciding = [v for v in verdicts if v.status in _DECIDING]
    if not deciding:
        return None
    return int(all(v.status is Status.VERIFIED for v in deciding))


def step_labels(item: ScoreItem, count: int) -> tuple[int | None, ...] | None:
    """Per-step labels for a trace of `count` steps (None: unlabelled step), or None for no labels."""
    result = outcome(item.verdicts)
    if result is None:
        return None
    deciding = [v for v in item.verdicts if v.status in _DECIDING and v.steps]
    lined_up = [v for v in deciding if len(v.steps) == count]
    if not lined_up:
        return (*([None] * (count - 1)), result)
    # the strictest verdict whose steps match the trace: the earliest first error wins
    first_errors = [_first_error(v) for v in lined_up]
    first = min((e for e in first_errors if e is not None), default=None)
    labels = [1 if first is None or i < first else 0 for i in range(count)]
    if result == 0 and first is None:
        labels[-1] = 0  # wrong outcome with every step fine: the final answer is what failed
    return tuple(labels)


def _first_error(verdict: Verdict) -> int | None:
    for i, step in enumerate(verdict.steps):
        if step.status in (StepStatus.REFUTED, StepStatus.UNKNOWN):
            return i
    return None


def store_items(store: Store, on_progress: Callable[[int], Any] | None = None) -> list[ScoreItem]:
    """Every stored candidate with its problem and verdicts (the reward models' training data)."""
    items: list[ScoreItem] = []
    batch: list[Candidate] = []

    def flush() -> None:
        problems = store.problems_by_id(c.problem_id for c in batch)
        verdicts = store.verdicts_for(c.id for c in batch)
        items.extend(
            ScoreItem(problems[c.problem_id], c, tuple(verdicts.get(c.id, ())))
            for c in batch
            if c.problem_id in problems
        )
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    for candidate in store.iter_candidates():
        batch.append(candidate)
        if len(batch) >= 500:
            flush()
    if batch:
        flush()
    return items


def held_out(problem_id: str, recipe: Recipe) -> bool:
    digest = hashlib.sha256(f"{recipe.seed}\0{problem_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < recipe.holdout


@dataclass(frozen=True)
class Example:
    """One labelled candidate, ready for the network."""

    windows: tuple[Window, ...]
    labels: tuple[int | None, ...]  # per step (the ORM's: only the last is set)
    outcome: int


def examples(items: Iterable[ScoreItem], tokenizer: CharTokenizer, recipe: Recipe) -> list[Example]:
    out: list[Example] = []
    for item in items:
        result = outcome(item.verdicts)
        if result is None:
            continue
        steps = trace_steps(item.problem, item.candidate)
        labels: tuple[int | None, ...] | None
        if recipe.kind == "orm":
            labels = (*([None] * (len(steps) - 1)), result)
        else:
            labels = step_labels(item, len(steps))
        if labels is None:
            continue
        out.append(Example(windows(tokenizer, item.problem.prompt, steps, recipe.block_size), labels, result))
    return out


_Row = tuple[Window, tuple[tuple[int, int], ...], int]  # window, (position, label) targets, outcome


def _rows(data: Sequence[Example]) -> list[_Row]:
    """Training rows: each window with its (position, label) targets and its candidate's outcome;
    windows with no target are dropped."""
    rows = []
    for example in data:
        for window in example.windows:
            targets = tuple(
                (pos, label) for pos, step in window.reads if (label := example.labels[step]) is not None
            )
            if targets:
                rows.append((window, targets, example.outcome))
    return rows


def split(items: Iterable[ScoreItem], recipe: Recipe) -> tuple[list[ScoreItem], list[ScoreItem]]:
    train: list[ScoreItem] = []
    test: list[ScoreItem] = []
    for item in items:
        (test if held_out(item.problem.id, recipe) else train).append(item)
    return train, test


def train(
    items: Sequence[ScoreItem],
    recipe: Recipe,
    path: Path,
    on_step: Callable[[int, float], Any] | None = None,
) -> dict[str, Any]:
    """Train a reward model on the training share of items and save it to path; a summary back."""
    train_items, _ = split(items, recipe)
    return fit(train_items, recipe, path, on_step)


def fit(
    train_items: Sequence[ScoreItem],
    recipe: Recipe,
    path: Path,
    on_step: Callable[[int, float], Any] | None = None,
) -> dict[str, Any]:
    """Train a reward model on all of train_items (the caller held its test problems out) and save it."""
    torch.manual_seed(recipe.seed)
    torch.set_num_threads(recipe.threads)
    base: GPT | None = None
    init_hash = ""
    if recipe.init:
        base, tokenizer = model_from_state(load_state(Path(recipe.init)))
        init_hash = hashlib.sha256(Path(recipe.init).read_bytes()).hexdigest()
        recipe = replace(recipe, block_size=base.config.block_size)
    else:
        tokenizer = CharTokenizer.from_texts(
            text for item in train_items for text in (item.problem.prompt[:PROMPT_CHARS], item.candidate.text)
        )
        tokenizer = CharTokenizer("".join(sorted(set(tokenizer.chars) | {"\n"})))
    data = examples(train_items, tokenizer, recipe)
    rows = _rows(data)
    labels = [label for _, targets, _ in rows for _, label in targets]
    if not rows or len(set(labels)) < 2:
        raise AssayError(
            f"cannot train an {recipe.kind}: {len(data)} labelled candidates in the training split, "
            "and it needs both accepted and rejected ones (verify more candidates first)"
        )
    if base is not None:
        net = RewardNet(base.config, newline_token(tokenizer))
        net.body.load_state_dict(base.state_dict())
    else:
        config = GPTConfig(
            vocab_size=tokenizer.vocab_size,
            block_size=recipe.block_size,
            n_layer=recipe.n_layer,
            n_head=recipe.n_head,
            n_embd=recipe.n_embd,
        )
        net = RewardNet(config, newline_token(tokenizer))
    # the verifier accepts most candidates of a good generator: weigh the rarer class up, so the model
    # cannot reach a low loss by calling everything good
    positives = sum(labels)
    pos_weight = torch.tensor((len(labels) - positives) / max(positives, 1))
    # a body trained from scratch learns at the full rate: it has nothing to keep
    body_share = recipe.body_lr if base is not None else 1.0
    for p in net.body.parameters():
        p.requires_grad_(body_share > 0)
    groups = [{"params": list(net.value.parameters()), "share": 1.0}]
    if body_share > 0:
        groups.append({"params": list(net.body.parameters()), "share": body_share})
    optimizer = torch.optim.AdamW(groups, lr=recipe.lr, weight_decay=0.01)
    rng = random.Random(recipe.seed)
    net.train()
    loss_value = 0.0
    # a frozen body reads every row the same way at every step: read each once, then train the head
    frozen = _head_inputs(net, rows) if body_share == 0 else None
    for step in range(1, recipe.steps + 1):
        # the learning rate falls linearly to a tenth: late steps refine instead of jumping about
        for group in optimizer.param_groups:
            group["lr"] = group["share"] * recipe.lr * (1 - 0.9 * (step - 1) / recipe.steps)
        chosen = [rng.randrange(len(rows)) for _ in range(recipe.batch_size)]
        batch = [rows[i] for i in chosen]
        target = torch.tensor([float(label) for _, targets, _ in batch for _, label in targets])
        if frozen is not None:
            picked = net.value(torch.cat([frozen[i] for i in chosen])).squeeze(-1)
            loss = F.binary_cross_entropy_with_logits(picked, target, pos_weight=pos_weight)
        else:
            tokens, starts = pad([w for w, _, _ in batch])
            values, logits = net(tokens, starts)  # (B, T), (B, T, vocab)
            index = [(b, pos) for b, (_, targets, _) in enumerate(batch) for pos, _ in targets]
            picked = values[[b for b, _ in index], [p for _, p in index]]
            loss = F.binary_cross_entropy_with_logits(picked, target, pos_weight=pos_weight)
            if recipe.lm_weight > 0:
                loss = loss + recipe.lm_weight * _accepted_lm_loss(logits, tokens, starts, batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # type: ignore[no-untyped-call]
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optimizer.step()
        loss_value = loss.item()
        if on_step:
            on_step(step, loss_value)
    save(path, net, tokenizer, recipe.kind, {**asdict(recipe), "init_sha256": init_hash})
    return {
        "kind": recipe.kind,
        "path": str(path),
        "candidates": len(data),
        "labels": len(labels),
        "positive_share": round(positives / len(labels), 4),
        "final_loss": round(loss_value, 4),
        "parameters": sum(p.numel() for p in net.parameters()),
    }


@torch.no_grad()
def _head_inputs(net: RewardNet, rows: Sequence[_Row]) -> list[torch.Tensor]:
    """Per row, what the value head reads at its targets (targets, C + F)."""
    net.eval()
    out: list[torch.Tensor] = []
    for start in range(0, len(rows), 128):
        chunk = rows[start : start + 128]
        inputs, _ = net.head_inputs(*pad([w for w, _, _ in chunk]))  # (B, T, C + F)
        out += [inputs[b, [pos for pos, _ in targets]] for b, (_, targets, _) in enumerate(chunk)]
    net.train()
    return out


def _accepted_lm_loss(
    logits: torch.Tensor, tokens: torch.Tensor, starts: torch.Tensor, batch: Sequence[_Row]
) -> torch.Tensor:
    """Next-token loss on the response tokens of the accepted candidates in the batch (0 if none): the
    language model whose surprise the value head reads stays a model of traces the verifier accepts."""
    T = tokens.shape[1]
    accepted = torch.tensor([row[2] == 1 for row in batch])  # (B,)
    positions = torch.arange(1, T).unsqueeze(0)  # (1, T-1): the predicted tokens' positions
    mask = accepted.unsqueeze(1) & (positions >= starts.unsqueeze(1)) & (tokens[:, 1:] != PAD)  # (B, T-1)
    if not bool(mask.any()):
        return logits.sum() * 0.0
    per_token = F.cross_entropy(
        logits[:, :-1].reshape(-1, logits.shape[-1]), tokens[:, 1:].reshape(-1), reduction="none"
    ).view(mask.shape)
    return (per_token * mask).sum() / mask.sum()


# --- evaluation -----------------------------------------------------------------------------------------


def auc(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """Area under the ROC curve (ties count half); None when one class is missing."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    ranked = sorted((s, y) for s, y in zip(scores, labels, strict=True))
    # average ranks over ties (Mann-Whitney U)
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2
        rank_sum += mean_rank * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    u = rank_sum - len(pos) * (len(pos) + 1) / 2
    return u / (len(pos) * len(neg))


def evaluate(items: Sequence[ScoreItem], kind: Kind, path: Path) -> dict[str, Any]:
    """AUC and accuracy (at 0.5) of the model at path on the problems its recipe held out; for a PRM
    also step accuracy and first-error-step accuracy (the first step under 0.5, or none, against the
    labels' first 0, or none) over candidates whose steps are all labelled."""
    from assay.scoring.learned import OrmScorer, PrmScorer

    model = load(path, kind)
    try:
        recipe = Recipe(**{k: v for k, v in model.recipe.items() if k in _RECIPE_FIELDS})
    except TypeError as exc:
        raise AssayError(f"{path} holds a recipe this assay cannot read ({exc}); train it again") from exc
    _, test = split(items, recipe)
    test = [item for item in test if outcome(item.verdicts) is not None]
    if not test:
        raise AssayError("no labelled candidates in the held-out split; verify more candidates first")
    scorer = OrmScorer(path=str(path)) if recipe.kind == "orm" else PrmScorer(path=str(path))
    values: list[float] = []
    steps: list[tuple[float, ...]] = []
    for start in range(0, len(test), 256):
        chunk = test[start : start + 256]
        for score in scorer.score(chunk):
            values.append(score.value)
            steps.append(score.step_values)
    outcomes = [int(outcome(item.verdicts) or 0) for item in test]
    report: dict[str, Any] = {
        "kind": recipe.kind,
        "scorer": model.id,
        "held_out_candidates": len(test),
        "positive_share": round(sum(outcomes) / len(outcomes), 4),
        "auc": _round(auc(values, outcomes)),
        "accuracy": round(
            sum((v >= 0.5) == bool(y) for v, y in zip(values, outcomes, strict=True)) / len(test), 4
        ),
    }
    if recipe.kind == "prm":
        report.update(_step_report(test, steps))
    return report


_RECIPE_FIELDS = frozenset(f.name for f in fields(Recipe))


def _step_report(test: Sequence[ScoreItem], steps: Sequence[tuple[float, ...]]) -> dict[str, Any]:
    right = total = first_right = first_total = 0
    for item, values in zip(test, steps, strict=True):
        labels = step_labels(item, len(values))
        if labels is None:
            continue
        for value, label in zip(values, labels, strict=True):
            if label is not None:
                total += 1
                right += (value >= 0.5) == bool(label)
        if all(label is not None for label in labels):
            first_total += 1
            predicted = next((i for i, v in enumerate(values) if v < 0.5), None)
            truth = next((i for i, y in enumerate(labels) if y == 0), None)
            first_right += predicted == truth
    return {
        "step_accuracy": round(right / total, 4) if total else None,
        "first_error_accuracy": round(first_right / first_total, 4) if first_total else None,
        "first_error_candidates": first_total,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)

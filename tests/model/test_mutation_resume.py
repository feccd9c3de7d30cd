"""Resuming training from a checkpoint is exact, on a model small enough to train in a second: a run
stopped at step k and resumed ends with the same weights, optimizer state and step as a run that never
stopped. tools/mutation.py's `trainer-resume` target runs this file against changes of `Trainer.save`,
`Trainer.resume` and `Trainer.fit` (a resume that starts from step 0, forgets the optimizer's moments or
the sampling RNG, or a checkpoint written at the wrong step)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from assay.model.checkpoint import load_state
from assay.model.trainer import TrainConfig, Trainer

PAIRS = [(f"{a}+{b}=", f"{a + b}") for a in range(6) for b in range(6)]


def _trainer(steps: int, path: Path | None = None, every: int = 4, dropout: float = 0.0) -> Trainer:
    config = TrainConfig(
        steps=steps,
        batch_size=8,
        lr=1e-2,
        min_lr=1e-3,
        warmup=2,
        eval_every=5,
        checkpoint_every=every,
        seed=7,
    )
    model = {"block_size": 12, "n_layer": 1, "n_head": 2, "n_embd": 16, "dropout": dropout}
    trainer = Trainer.create(PAIRS, config, model, eval_pairs=PAIRS[:6])
    trainer.checkpoint_path = path
    return trainer


def _same(a: Trainer, b: Trainer) -> None:
    assert a.step == b.step
    for (name, x), y in zip(a.model.state_dict().items(), b.model.state_dict().values(), strict=True):
        assert torch.equal(x, y), name
    moments_a, moments_b = a.optimizer.state_dict()["state"], b.optimizer.state_dict()["state"]
    assert moments_a.keys() == moments_b.keys()
    for key in moments_a:
        for field in ("exp_avg", "exp_avg_sq", "step"):
            assert torch.equal(torch.as_tensor(moments_a[key][field]), torch.as_tensor(moments_b[key][field]))


# with dropout the torch generator is drawn from every step: its state must come back with the rest
@pytest.mark.parametrize(("stop", "dropout"), [(4, 0.0), (8, 0.0), (4, 0.1)])
def test_a_resumed_run_ends_where_a_straight_run_does(tmp_path: Path, stop: int, dropout: float) -> None:
    straight = _trainer(12, dropout=dropout)
    straight.fit()
    stopped = _trainer(12, tmp_path / "ckpt.pt", dropout=dropout)
    stopped.fit(until=stop)  # the process dies here; its last checkpoint is at `stop`
    assert int(load_state(tmp_path / "ckpt.pt")["step"]) == stop
    resumed = Trainer.resume(tmp_path / "ckpt.pt", stopped.train, stopped.eval)
    assert resumed.step == stop and resumed.checkpoint_path == tmp_path / "ckpt.pt"
    assert resumed.eval == stopped.eval  # the held-out set survives the resume (its eval losses too)
    resumed.fit()
    _same(straight, resumed)
    assert int(load_state(tmp_path / "ckpt.pt")["step"]) == 12  # the last step is always saved


def test_checkpoints_are_written_every_n_steps_and_at_the_end(tmp_path: Path) -> None:
    trainer = _trainer(10, tmp_path / "ckpt.pt", every=4)
    saved: list[int] = []
    trainer.callbacks.append(lambda event: saved.append(event.step) if event.checkpoint else None)
    trainer.fit()
    assert saved == [4, 8, 10]


def test_a_resumed_run_does_not_train_past_the_end(tmp_path: Path) -> None:
    done = _trainer(6, tmp_path / "ckpt.pt")
    done.fit()
    again = Trainer.resume(tmp_path / "ckpt.pt", done.train, done.eval)
    steps: list[int] = []
    again.callbacks.append(lambda event: steps.append(event.step))
    again.fit()
    assert steps == [] and again.step == 6
    _same(done, again)

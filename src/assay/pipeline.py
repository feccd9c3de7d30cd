"""The main job: a pipeline config (TOML) run stage by stage, resumable at every stage.

    seed      human-style seed traces (with natural noise) for the first model to learn from
    train     the tiny model v1 (checkpoints; a killed run resumes from the last one)
    eval      exact-answer accuracy (greedy, through the verifiers) and NLL on held-out problems
    generate  n samples per fresh problem from the generator (attempts make it resumable)
    verify    every new candidate, step by step
    score     this run's candidates, by the [score] scorer (default `verifier`: no trained model needed)
    select    the best of the rows the export would write, by score, for review ([select])
    review    the selected rows, by the simulated reviewer or by people ([review]); the best accepted
              ones are kept (people: the run stops, exit code 3, until the review queue is done)
    export    the verified candidates (or the kept ones) as SFT data, and the funnel

Every stage writes through idempotent, content-addressed records, so running the same config again
after a crash (even `kill -9`) ends with the same export: same ids, no duplicates, no gaps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assay.backends.base import SamplingSettings
from assay.engines import Engine, make_engine
from assay.engines.base import scoped_resources
from assay.errors import AssayError, ConfigError
from assay.funnel import Funnel, failure_reason, print_funnel, reasons, usage_of
from assay.records import Attempt, Candidate, Status
from assay.registry import Registry
from assay.run_config import (
    RULES,
    EvalStage,
    ExportSection,
    GenerateStage,
    ReviewSection,
    RunConfig,
    RunSection,
    ScoreSection,
    SeedStage,
    SelectSection,
    TrainStage,
    load_config,
    with_engine,
)
from assay.run_identity import RunIdentity, check_workspace, write_record
from assay.run_plan import Plan, make_plan
from assay.stages.sample import GeneratorSpec, generator_for
from assay.stages.verify import VerifierSettings, verifiers_for
from assay.store import Store
from assay.workspace import Workspace, run_lock

if TYPE_CHECKING:  # (the export and the selection are imported by the stages that use them)
    from assay.export import Offer, ReviewedSet
    from assay.selection import Offered

Report = Callable[[str], None]


# --- the run ------------------------------------------------------------------------------------------
#
# A run is a list of stages, each a function of the run's shared state; the runner (`_run`) owns what
# every stage has in common: the time each takes (funnel.seconds), the engine the batch work goes
# through, and closing what was opened. A new stage is one function and one line in STAGES.


def run(config: RunConfig, report: Report = print, progress: Any = None) -> Funnel:
    """Run every stage; safe to run again after any interruption.

    Everything the config decides is checked first (make_plan), and the workspace must be new or hold
    this same run (check_workspace): a config that cannot work, or that would reuse another run's model
    and samples, stops with a ConfigError before anything is written. One run per workspace at a time:
    a second one stops at once with InUseError naming the first one's pid (see workspace.run_lock)."""
    with run_lock(Path(config.workspace)):
        return _run(config, report, progress)


@dataclass
class _Run:
    """What the stages of one run share: made by `_check`, filled in stage by stage."""

    config: RunConfig
    report: Report
    progress: Any
    plan: Plan
    space: Workspace
    store: Store
    model_path: Path
    generator: GeneratorSpec  # what samples: the tiny model this run trains, or a server
    scorer_id: str = ""  # the [score] scorer's id (a model's carries its checkpoint's hash)
    funnel: Funnel = field(default_factory=Funnel)
    engine: Engine | None = None  # started after the check
    attempts: dict[str, Attempt] | None = None  # this run's generation-1 attempts (after generate)
    ranking: list[Offered] | None = None  # the rows selected for review, best first (None: no selection)
    kept: frozenset[str] | None = None  # the candidates the export holds (None: every verified one)
    reviewed: ReviewedSet | None = None  # people's kept set (their edits and decisions), when they reviewed

    @property
    def settings(self) -> SamplingSettings:
        g = self.config.generate
        return SamplingSettings(
            temperature=g.temperature, top_p=g.top_p, max_tokens=g.max_tokens, seed=self.config.seed
        )

    @property
    def verifiers(self) -> VerifierSettings:
        """[verify] DOMAIN = "NAME" and the time limit from the workspace's assay.toml, its sandbox."""
        verify = self.space.verify
        return VerifierSettings.of(dict(verify.verifiers), verify.timeout, None, self.space.sandbox)

    def bar(self, description: str, total: int) -> Any:
        return self.progress(description, total) if self.progress is not None else _NoBar()


def _run(config: RunConfig, report: Report, progress: Any) -> Funnel:
    from assay.model import require_torch

    require_torch()
    import torch

    clock = time.perf_counter()
    state = _check(config, report, progress)
    torch.set_num_threads(config.train.threads)
    with ExitStack() as stack:
        stack.callback(state.store.close)
        stack.enter_context(scoped_resources())  # the driver's own generator, pool and verifiers
        address = config.run.ray_address or None
        state.engine = stack.enter_context(
            make_engine(config.run.engine, address=address, workers=config.run.workers or None)
        )
        for name, stage in (("check", None), *STAGES):
            if stage is not None:
                stage(state)
            now = time.perf_counter()
            state.funnel.seconds[name] = round(now - clock, 1)
            clock = now
    print_funnel(state.funnel, len(state.plan.fresh) * config.generate.samples, report)
    return state.funnel


def _check(config: RunConfig, report: Report, progress: Any) -> _Run:
    """The config, the plan (problems and seed traces, made in memory) and the workspace: a run that
    cannot work, or is not this workspace's run, stops here with nothing written."""
    plan = make_plan(config, Registry.from_entry_points())
    root = Path(config.workspace)
    model_path = root / "artifacts" / "models" / "v1.pt"
    scorer_id = _scorer_id(config.score.scorer, model_path.parent)
    # the scorer's id, not only its spec, is part of the run: a retrained reward model is another run
    plan = replace(plan, identity=RunIdentity({**plan.identity.settings, "score.scorer_id": scorer_id}))
    check_workspace(root, plan.identity, lambda: _holds_work(root, model_path))
    space = Workspace.init(root)
    write_record(space.root, plan.identity)
    g = config.generate
    generator = (
        GeneratorSpec.of(f"tiny:{model_path}")
        if g.generator == "tiny"
        else GeneratorSpec.of(
            g.generator,
            cache_path=str(space.artifacts / "cache" / "responses.db"),
            timeout=g.timeout,
            deadline=g.deadline,
            retries=g.retries,
            concurrency=g.concurrency,
            max_response_bytes=g.max_response_bytes,
            price_per_million=(g.price_prompt, g.price_completion),
        )
    )
    state = _Run(config, report, progress, plan, space, space.store(), model_path, generator, scorer_id)
    state.funnel.run_id = plan.identity.id
    return state


def _seed(run: _Run) -> None:
    """Human-style seed traces, the tiny model's first data."""
    plan = run.plan
    run.store.add_problems(plan.seed_problems)
    run.store.add_candidates(
        Candidate(
            p.id,
            s.text,
            None,
            generator="human-style@1",
            generation=0,
            seed=run.config.seed,
            params={"noise": s.noise, "source": "procedural human-style seed"},
        )
        for p, s in zip(plan.seed_problems, plan.styled, strict=True)
    )
    noisy = sum(1 for s in plan.styled if s.noise)
    run.report(f"seed: {len(plan.seed_problems)} human-style traces ({noisy} with natural noise)")


def _train_stage(run: _Run) -> None:
    """Model v1 by the [train] recipe, resumed from its checkpoint when a run was stopped part-way; and
    its NLL on the held-out reference traces."""
    from assay.training.measure import held_out_nll
    from assay.training.run import prepare

    steps, path, report = run.config.train.optim.steps, run.model_path, run.report
    trainer = prepare(
        run.plan.pairs,
        run.config.train.recipe,
        run.config.seed,
        checkpoint=path,
        checkpoint_every=run.config.train.checkpoint_every,
    )
    if trainer.step >= steps:
        report(f"train: {path} is already trained ({trainer.step} steps)")
    else:
        if trainer.step:
            report(f"train: resuming from step {trainer.step}")
        else:
            report(f"train: tiny model v1, {trainer.model.num_parameters():,} parameters, {steps} steps")
        with run.bar("training", steps) as advance:
            trainer.callbacks.append(lambda event: advance(1))
            advance(trainer.step)
            trainer.fit()
    run.funnel.paths["model"] = str(path)
    run.funnel.nll = round(held_out_nll(trainer.model, trainer.tokenizer, run.plan.held_pairs), 4)


def _eval(run: _Run) -> None:
    """Greedy answers on held-out problems, checked by the verifier (math: the answer alone; other
    domains: the whole response, by the domain's verifier). Runs in the driver."""
    from assay.training.measure import exact_answer_accuracy

    g, funnel, held = run.config.generate, run.funnel, run.plan.held
    generator = generator_for(run.generator)  # this process's (the local engine samples with it too)
    verifiers = run.verifiers
    result = exact_answer_accuracy(
        generator, held, run.plan.template, verifiers.pool(), g.max_tokens, verifiers_for(verifiers)
    )
    funnel.accuracy, funnel.eval_problems, funnel.eval_failed = result.accuracy, len(held), result.failed
    if result.answered == 0:
        raise AssayError(
            f"eval: all {result.failed} requests to {generator.id} failed ({reasons(result.failures)}); "
            "nothing was measured or generated. Check the server, the model name and the API key, "
            "then run again"
        )
    failed_note = (
        f"; {result.failed} of {len(held)} requests failed ({reasons(result.failures)}) and are not counted"
        if result.failed
        else ""
    )
    run.report(
        f"eval: exact-answer accuracy {funnel.accuracy:.1%} on {result.answered} held-out problems "
        f"(greedy{failed_note}), NLL of reference traces {funnel.nll:.3f} per token"
    )


def _generate(run: _Run) -> None:
    """Fresh problems, n samples each at the configured settings, through the `sample` stage."""
    from assay.generate import generate_candidates

    g, fresh = run.config.generate, run.plan.fresh
    run.store.add_problems(fresh)
    with run.bar("generating", len(fresh) * g.samples) as advance:
        generate_candidates(
            run.store,
            run.generator,
            fresh,
            g.samples,
            run.settings,
            run.plan.template,
            generation=1,
            batch=g.batch,
            on_progress=advance,
            price=(g.price_prompt, g.price_completion),
            engine=run.engine,
        )


def _verify(run: _Run) -> None:
    """Every candidate not yet verified (the seed traces too: they are data, and may be wrong)."""
    from assay.verification import verify_store

    with run.bar("verifying", run.store.count("candidates")) as advance:
        verify_store(run.store, run.verifiers, advance, engine=run.engine)


def _this_run(run: _Run) -> dict[str, Attempt]:
    """This run's generation-1 attempts (their ids carry its generator and settings), read once."""
    from assay.generate import attempt_ids

    if run.attempts is None:
        generator = generator_for(run.generator)
        g = run.config.generate
        ids = attempt_ids(run.plan.fresh, generator.id, g.samples, run.settings, run.plan.template)
        run.attempts = run.store.attempts_for(ids.values())
    return run.attempts


def _offer(run: _Run) -> Offer:
    """The rows this run's export would write, before any selection: the export's filters (the select
    stage ranks exactly these)."""
    from assay.export import Offer
    from assay.export_rows import domain_verifiers

    return Offer(
        status=Status.VERIFIED if run.config.export.status == "verified" else None,
        generation=1,
        generator=generator_for(run.generator).id,  # with the weights' hash; the run record rules out
        by_domain=domain_verifiers(dict(run.space.verify.verifiers)),  # other settings
    )


def _score(run: _Run) -> None:
    """This run's candidates, scored by the [score] scorer through the `score` stage (resumes)."""
    from assay.funnel_stages import score_candidates
    from assay.scoring.stage import ScoreContext

    ids = [a.candidate_id for a in _this_run(run).values() if a.status == "ok" and a.candidate_id]
    context = ScoreContext(run.config.score.scorer, str(run.model_path.parent))
    with run.bar("scoring", len(ids)) as advance:
        scored = score_candidates(run.store, context, ids, run.engine, advance)
    if scored.scorer != run.scorer_id:  # (the model changed between the check and now)
        raise AssayError(f"score: the scorer is now {scored.scorer}, not {run.scorer_id} as the run checked")
    run.funnel.scorer, run.funnel.score_mean = scored.scorer, scored.mean
    run.funnel.scored = len(run.store.scores_for(ids, scored.scorer))
    run.funnel.score_failed, run.funnel.score_reasons = scored.failed, scored.reasons
    run.funnel.score_usage = scored.spent.words() if scored.spent is not None else ""


def _select(run: _Run) -> None:
    """The best of the rows the export would write (after the curation gates), by score: [select]."""
    from assay.export import Gates
    from assay.funnel_stages import select_for_review
    from assay.selection import Selection

    sel, funnel = run.config.select, run.funnel
    if not (sel.top or sel.per_problem or sel.min_score) and run.config.review.reviewer == "none":
        return  # no selection: every verified row goes on to the export, as without this stage
    selection = Selection(run.scorer_id, sel.min_score or None, sel.per_problem, sel.top)
    folder = run.space.artifacts / "exports"
    found = select_for_review(run.store, _offer(run), selection, Gates(dedup=True), folder)
    run.ranking = found.ranking
    funnel.selected, funnel.selection = len(found.ranking), selection.describe()
    funnel.duplicates = found.gates.exact_duplicates + found.gates.near_duplicates
    funnel.offered, funnel.not_selected = found.chosen.offered, found.chosen.removed()


def _review(run: _Run) -> None:
    """The selected rows reviewed ([review] reviewer), and the best `keep` accepted ones kept."""
    from assay.funnel_stages import review_selected
    from assay.review_sim import SimReviewer

    r, funnel = run.config.review, run.funnel
    if run.ranking is None:
        return
    if r.reviewer == "none":  # the selection itself is what the run exports
        run.kept = frozenset(row.candidate_id for row in run.ranking)
        return
    if r.reviewer == "human":  # a queue of the run's own; WaitingForReview (exit 3) until it is done
        from assay.funnel_stages import review_by_humans

        by_people = review_by_humans(
            run.store,
            run.funnel.run_id,
            run.ranking,
            run.scorer_id,
            r.keep,
            r.overlap,
            r.gold_share,
            run.space.root,
        )
        done, run.reviewed = by_people.reviewed, by_people.kept_set
    else:
        reviewer = SimReviewer(r.accuracy, r.bias, r.bias_strength, r.seed)
        done = review_selected(run.store, reviewer, run.ranking, r.keep)
    run.kept = done.kept
    funnel.reviewer, funnel.accepted, funnel.rejected = done.reviewer, done.accepted, done.rejected
    funnel.kept, funnel.over_keep = len(done.kept), done.over_keep
    run.report(f"review: {len(run.ranking)} rows reviewed by {done.reviewer}, {len(done.kept)} kept")


def _export(run: _Run) -> None:
    """The funnel of this run's generation-1 candidates (its attempts' ids carry its settings), and
    their export."""
    from assay.export import Gates, export

    config, store, funnel, template, settings = (
        run.config,
        run.store,
        run.funnel,
        run.plan.template,
        run.settings,
    )
    generator = generator_for(run.generator)
    attempts = _this_run(run)
    ok = [a for a in attempts.values() if a.status == "ok"]
    funnel.generated = len(ok)
    for a in attempts.values():
        if a.status == "failed":
            funnel.failed += 1
            reason = failure_reason(a.error)
            funnel.failures[reason] = funnel.failures.get(reason, 0) + 1
    funnel.settings = {
        "generator": f"{generator.id}, template {template.id}",
        "sampling": (
            f"T = {settings.temperature:g}, top_p = {settings.top_p:g}, max_tokens = {settings.max_tokens}, "
            f"seed {settings.seed}, {config.generate.samples} per problem"
        ),
    }
    candidates = {a.candidate_id for a in ok if a.candidate_id}
    verdicts = store.verdicts_for(candidates)
    funnel.parsed = (
        sum(1 for c in store.candidates_by_id(candidates).values() if c.answer is not None)
        if all(p.domain == "math" for p in run.plan.fresh)  # (see generate.read_response)
        else None
    )
    funnel.verified = sum(
        1 for cid in candidates if any(v.status == Status.VERIFIED for v in verdicts.get(cid, []))
    )
    for cid in candidates:
        found = verdicts.get(cid, [])
        if not any(v.status == Status.VERIFIED for v in found):
            status = min((v.status.value for v in found), default="no verdict")
            funnel.unverified[status] = funnel.unverified.get(status, 0) + 1
    destination = run.space.artifacts / "exports" / f"generation-1.{config.export.format}"
    offer = _offer(run)
    funnel.exported = export(
        store,
        destination,
        config.export.format,
        status=offer.status,
        generation=offer.generation,
        generator=offer.generator,
        gates=Gates(dedup=True),  # one model's samples: duplicates go; no human-share floor here
        by_domain=offer.by_domain,  # each domain's own verifier
        only=run.kept,  # the reviewed and kept rows, when the run selects
        reviewed=run.reviewed,  # people's kept set: their edits replace the responses
    )
    funnel.paths["export"] = str(destination)
    funnel.usage = usage_of(attempts.values(), generator)
    funnel.paths["workspace"] = str(run.space.root)


# the run, in order (the runner times each one, and "check" before them)
STAGES: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("seed", _seed),
    ("train", _train_stage),
    ("eval", _eval),
    ("generate", _generate),
    ("verify", _verify),
    ("score", _score),
    ("select", _select),
    ("review", _review),
    ("export", _export),
)


def _scorer_id(spec: str, models_dir: Path) -> str:
    """The [score] scorer's id; ConfigError naming the key if it cannot be made (an unknown name, a
    reward model not trained yet). Checked before the run writes anything."""
    from assay.scoring.spec import build

    try:
        return build(spec, models_dir).id
    except AssayError as exc:
        raise ConfigError(
            f'[score] scorer = {spec!r}: {exc}. The default, "verifier", needs no model; a reward '
            'model comes from `assay rm train` (then "prm:path=WS/artifacts/models/prm.pt")'
        ) from None


def _holds_work(root: Path, model_path: Path) -> bool:
    """Whether an unrecorded workspace already has a model or generated samples (never creates one)."""
    if model_path.exists():
        return True
    if not (root / "assay.toml").exists():
        return False
    store = Workspace.open(root).store()
    try:
        return store.count("attempts") > 0 or store.count_where("candidates", "generation", 1) > 0
    finally:
        store.close()


def _ignore(n: int = 1) -> None:
    del n


class _NoBar:
    def __enter__(self) -> Callable[[int], None]:
        return _ignore

    def __exit__(self, *exc: object) -> None:
        return None


__all__ = [  # (the config lives in run_config; it is read from here too, where the run is)
    "RULES",
    "STAGES",
    "EvalStage",
    "ExportSection",
    "GenerateStage",
    "ReviewSection",
    "RunConfig",
    "RunSection",
    "ScoreSection",
    "SeedStage",
    "SelectSection",
    "TrainStage",
    "load_config",
    "run",
    "with_engine",
]

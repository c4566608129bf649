"""The best choice for this computer: a model and quantization that fit its memory and write
at a pace a reader can follow.

Memory alone would pick the largest variant that fits, and on a processor without a graphics
card that is often a model writing a word a second. Speed is weighed first: a variant that
cannot be followed as it is written is never the best choice while one that can fits; among
those that can, one that runs well (75 % of memory or less) and writes at a comfortable pace
comes first, then the largest, whose answers are best.

Embedding models (``CatalogModel.for_documents``) write no replies: they are judged by memory
alone, and are never the model to try first for a chat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.library.catalog import CatalogModel, CatalogVariant, best_variant
from desktop.core.modelfile.fit import FitEstimate, Verdict, estimate_fit
from desktop.core.modelfile.size_guess import (
    LAYER_SHARE,
    parameters_of_file,
    parameters_of_label,
)
from desktop.core.modelfile.speed import MachineSpeed, Pace, SpeedEstimate, estimate_speed

_COMFORTABLE = (Pace.FAST, Pace.COMFORTABLE)

RECOMMENDED_JOBS = ("general", "writing", "coding", "small")
"""Whose model to try first is *the* recommended one: everyday help before the others."""


@dataclass(frozen=True)
class Option:
    """One variant of a catalog model, judged for this computer.

    Attributes:
        model: the catalog model.
        variant: its quantization.
        fit: how it fits the memory free.
        speed: how fast it would run; None while the machine's speed is not known.
    """

    model: CatalogModel
    variant: CatalogVariant
    fit: FitEstimate
    speed: SpeedEstimate | None


def variant_speed(
    model: CatalogModel, variant: CatalogVariant, machine: MachineSpeed, on_gpu: bool = False
) -> SpeedEstimate:
    """How fast *variant* of *model* would run on *machine*.

    A mixture of experts reads only its active weights for each token: that share of the
    file is what streams.
    """
    total = parameters_of_label(model.parameters) or parameters_of_file(variant.size, variant.quant)
    active = parameters_of_label(model.active_parameters) or total
    return estimate_speed(
        machine,
        variant.size * min(active, total) // max(1, total),
        int(active * LAYER_SHARE),
        model.shape.layers,
        variant.quant,
        on_gpu,
    )


@dataclass(frozen=True)
class Recommendation:
    """The catalog judged for this computer.

    Attributes:
        options: every variant of every model, judged, by model id (smallest first); an
            embedding model's have no speed.
        best: the best variant of each model, by model id; None for a model with none to
            recommend (too big, or too slow while faster ones fit).
        by_job: for each job of a chat model, the model to try first.
        recommended: *the* model to try first on this computer, and its best variant: for
            everyday help if one suits it, else for the first job in ``RECOMMENDED_JOBS``
            that has one; None if none does.
    """

    options: dict[str, list[Option]]
    best: dict[str, CatalogVariant | None]
    by_job: dict[str, CatalogModel]
    recommended: Option | None = None


def recommend(
    catalog: Sequence[CatalogModel],
    n_ctx: int,
    free_ram: int,
    free_vram: int | None,
    machine: MachineSpeed | None,
) -> Recommendation:
    """Judge every variant of *catalog* against the memory free and *machine*'s speed.

    Without the machine's speed, memory alone decides (``best_variant``). With it, a variant
    too slow to follow is never the best choice while a faster one fits anywhere in the
    catalog; when none can be followed, only the fastest that fits is. For each job, the
    model to try first is, of those with a best variant, the largest that writes at a
    comfortable pace, else the fastest. Embedding models take no part in that: each gets the
    best variant that fits the memory.
    """
    chat = [model for model in catalog if not model.for_documents]
    options = {model.id: _options(model, n_ctx, free_ram, free_vram, machine) for model in catalog}
    if machine is None:
        best = {model.id: best_variant(model, n_ctx, free_ram, free_vram) for model in chat}
    else:
        best = _best_by_speed(chat, options)
    for model in catalog:
        if model.for_documents:
            best[model.id] = best_variant(model, n_ctx, free_ram, free_vram)
    by_job: dict[str, tuple[tuple[bool, float], CatalogModel]] = {}
    for model in chat:
        chosen = next((o for o in options[model.id] if o.variant == best[model.id]), None)
        if chosen is None:
            continue
        if chosen.speed is None:
            rank = (True, float(chosen.variant.size))
        else:
            comfortable = chosen.speed.pace in _COMFORTABLE
            size = float(chosen.variant.size)
            rank = (comfortable, size if comfortable else chosen.speed.writing)
        if model.job not in by_job or rank > by_job[model.job][0]:
            by_job[model.job] = (rank, model)
    firsts = {job: model for job, (_, model) in by_job.items()}
    recommended = next(
        (
            option
            for job in RECOMMENDED_JOBS
            if job in firsts
            for option in options[firsts[job].id]
            if option.variant == best[firsts[job].id]
        ),
        None,
    )
    return Recommendation(options, best, firsts, recommended)


def _best_by_speed(
    catalog: Sequence[CatalogModel], options: dict[str, list[Option]]
) -> dict[str, CatalogVariant | None]:
    fitting = [
        option
        for model in catalog
        for option in options[model.id]
        if option.fit.verdict is not Verdict.WONT_FIT and option.speed is not None
    ]
    best: dict[str, CatalogVariant | None] = {model.id: None for model in catalog}
    readable = [option for option in fitting if option.speed and option.speed.readable]
    if not readable:
        fastest = max(fitting, key=lambda o: o.speed.writing if o.speed else 0.0, default=None)
        if fastest is not None:
            best[fastest.model.id] = fastest.variant
        return best
    for model in catalog:
        chosen = max(
            (option for option in readable if option.model is model),
            key=lambda option: (
                option.fit.verdict is Verdict.RUNS_WELL,
                option.speed is not None and option.speed.pace in _COMFORTABLE,
                option.variant.size,
            ),
            default=None,
        )
        best[model.id] = chosen.variant if chosen is not None else None
    return best


def _options(
    model: CatalogModel,
    n_ctx: int,
    free_ram: int,
    free_vram: int | None,
    machine: MachineSpeed | None,
) -> list[Option]:
    judged = []
    for variant in model.variants:
        fit = estimate_fit(model.shape, variant.size, n_ctx, free_ram, free_vram)
        speed = None
        if machine is not None and not model.for_documents:
            speed = variant_speed(model, variant, machine, fit.on_gpu)
        judged.append(Option(model, variant, fit, speed))
    return judged

"""The best choice for this computer weighs speed as well as memory."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.library.catalog import CatalogModel, load_catalog
from desktop.core.library.recommend import recommend, variant_speed
from desktop.core.modelfile.fit import Verdict
from desktop.core.modelfile.speed import MachineSpeed

GB = 10**9

LAPTOP = MachineSpeed(
    token_seconds=0.6e-3, layer_seconds=0.14e-3, bytes_per_second=20e9, reading_rate=2e10
)
"""A CPU-only laptop streaming 20 GB/s: an 8B model at Q8_0 writes about two words a second."""
WORKSTATION = replace(LAPTOP, bytes_per_second=200e9)


def catalog() -> tuple[CatalogModel, ...]:
    return load_catalog()


def test_a_slow_model_is_never_best_while_a_faster_one_fits() -> None:
    models = catalog()
    judged = recommend(models, 4096, free_ram=64 * GB, free_vram=None, machine=LAPTOP)
    fitting = [
        o
        for options in judged.options.values()
        for o in options
        if o.fit.verdict is not Verdict.WONT_FIT
    ]
    assert any(o.speed is not None and o.speed.readable for o in fitting)
    for model in models:
        best = judged.best[model.id]
        if best is None or model.for_documents:  # an embedding model writes nothing
            continue
        chosen = next(o for o in judged.options[model.id] if o.variant == best)
        assert chosen.speed is not None and chosen.speed.readable, model.id
    # All of it fits in 64 GB, but the 8B at Q8_0 writes too slowly to be the best choice.
    llama = next(m for m in models if m.id == "llama-3.1-8b-instruct")
    q8 = next(v for v in llama.variants if v.quant == "Q8_0")
    assert not variant_speed(llama, q8, LAPTOP).readable
    assert judged.best[llama.id] != q8


def test_on_a_laptop_the_small_models_are_the_ones_to_try_first() -> None:
    models = catalog()
    laptop = recommend(models, 4096, free_ram=12 * GB, free_vram=None, machine=LAPTOP)
    roomy = recommend(models, 4096, free_ram=12 * GB, free_vram=None, machine=WORKSTATION)
    size = {m.id: max(v.size for v in m.variants) for m in models}
    first = laptop.by_job["general"]
    assert first.parameters in ("1.2B", "2.6B", "3.1B", "3.2B")  # not a 7B or 8B model
    assert size[roomy.by_job["general"].id] > size[first.id]  # speed, not memory, held it back


def test_when_nothing_is_readable_only_the_fastest_that_fits_is_best() -> None:
    crawl = replace(LAPTOP, bytes_per_second=0.5e9, token_seconds=0.1)
    judged = recommend(catalog(), 4096, free_ram=64 * GB, free_vram=None, machine=crawl)
    chat = {model.id for model in catalog() if not model.for_documents}
    best = {
        model_id: v for model_id, v in judged.best.items() if v is not None and model_id in chat
    }
    assert len(best) == 1
    ((model_id, variant),) = best.items()
    fastest = max(
        (o for options in judged.options.values() for o in options),
        key=lambda o: o.speed.writing if o.speed else 0.0,
    )
    assert (model_id, variant) == (fastest.model.id, fastest.variant)


def test_without_the_machines_speed_memory_alone_decides() -> None:
    judged = recommend(catalog(), 2048, free_ram=16 * GB, free_vram=None, machine=None)
    assert judged.best["llama-3.1-8b-instruct"] is not None
    assert judged.best["llama-3.1-8b-instruct"].quant == "Q8_0"  # type: ignore[union-attr]
    assert all(o.speed is None for options in judged.options.values() for o in options)


def test_a_mixture_of_experts_streams_only_its_active_weights() -> None:
    deepseek = next(m for m in catalog() if m.id == "deepseek-coder-v2-lite-instruct")
    assert deepseek.active_parameters == "2.4B"
    variant = deepseek.variants[0]
    dense = replace(deepseek, active_parameters="")
    assert (
        variant_speed(deepseek, variant, LAPTOP).writing
        > 4 * variant_speed(dense, variant, LAPTOP).writing
    )

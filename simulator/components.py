"""Build the configured rater and partner backend from settings (one place for all front ends)."""

from __future__ import annotations

from typing import Any

from threadpoolctl import threadpool_limits

from feedback.catalog import SkillCatalog, load_catalog
from feedback.exemplar_bank import load_bank
from feedback.raters.base import Rater
from feedback.raters.build import build_rater
from simulator.partner.backends.base import PartnerBackend, build_partner
from simulator.settings import Settings


def limit_blas_threads() -> None:
    """The rater's matrix products are tiny; BLAS worker threads would only spin against
    onnxruntime's threads (measured: p50 15 ms with one BLAS thread, 35 ms without)."""
    threadpool_limits(limits=1, user_api="blas")


def make_rater(settings: Settings, catalog: SkillCatalog | None = None) -> Rater:
    limit_blas_threads()  # process-wide: the rater is built once, when a front end starts
    catalog = catalog or load_catalog(settings.pack_folders)
    options: dict[str, Any] = {
        "cache_dir": settings.cache_dir,
        "skills": catalog.skills,
        "bank": load_bank().extended(catalog.pack_exemplars),
    }
    if settings.rater == "llm":
        options.update(url=settings.rater_url, model=settings.rater_model, timeout_s=settings.rater_timeout_s)
    return build_rater(settings.rater, **options)


def make_partner(settings: Settings) -> PartnerBackend:
    return build_partner(settings.partner, **partner_options(settings))


def partner_options(settings: Settings) -> dict[str, Any]:
    """The settings the configured partner backend takes, as its options."""
    if settings.partner == "openai":
        return {
            "url": settings.partner_url,
            "model": settings.partner_model,
            "api_key": settings.partner_api_key,
            "timeout_s": settings.partner_timeout_s,
            "retries": settings.partner_retries,
            "history_tokens": settings.partner_history_tokens,
        }
    if settings.partner == "local":
        return {"model": settings.partner_model, "history_tokens": settings.partner_history_tokens}
    return {"typing_ms": settings.scripted_typing_ms}

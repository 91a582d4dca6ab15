"""Configuration: environment variables prefixed REHEARSE_, with embedded defaults that need
no GPU, no network and no server (a SQLite file, the scripted partner, the knn rater)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, computed_field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from simulator.research.time_resolution import TimeResolution

DEFAULT_CRISIS_RESOURCES = (
    "If you are thinking about harming yourself or someone else, please contact local emergency "
    "services now (112 in Europe, 911 in North America, 999 in the UK), or a crisis line such as "
    "988 (US), 116 123 (Samaritans, UK and Ireland) or findahelpline.com for other countries."
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REHEARSE_", env_file=".env", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path("data"), description="Where the SQLite files and caches live.")
    database_url: str | None = Field(default=None, description="Overrides the SQLite file, e.g. postgresql://...")
    database_pool_size: int = Field(
        default=10,
        ge=1,
        le=200,
        description=(
            "PostgreSQL: most connections one app process opens for the record, and as many for the checkpoints."
        ),
    )
    database_timeout_s: float = Field(
        default=5.0,
        gt=0,
        description=("PostgreSQL: longest wait for a connection before the learner is asked to try again."),
    )
    scenarios_dir: list[Path] = Field(default_factory=list, description="Extra scenario folders (JSON list).")
    packs_dir: list[Path] = Field(default_factory=list, description="Extra skill-pack folders (JSON list).")
    studies_dir: list[Path] = Field(default_factory=list, description="Extra study folders (JSON list).")
    partner: Literal["scripted", "openai", "local"] = "scripted"
    partner_url: str | None = Field(default=None, description="OpenAI-compatible base URL for the openai partner.")
    partner_model: str | None = Field(default=None, description="Model name (openai) or path (local).")
    partner_api_key: str = "not-needed"
    partner_timeout_s: float = Field(default=30.0, description="Longest wait for the partner's reply.")
    partner_retries: int = Field(
        default=2, ge=0, le=5, description="Retries when the partner server cannot be reached."
    )
    partner_history_tokens: int = Field(default=1500, description="Conversation history sent to an LLM partner.")
    scripted_typing_ms: int = Field(
        default=0, ge=0, le=2000, description="Delay between streamed words of the scripted partner."
    )
    rater: Literal["knn", "llm"] = "knn"
    rater_url: str | None = Field(default=None, description="OpenAI-compatible base URL for the llm rater.")
    rater_model: str | None = None
    rater_timeout_s: float = Field(default=20.0, description="After this the llm rater falls back to knn.")
    cache_dir_override: Path | None = Field(
        default=None, alias="REHEARSE_CACHE_DIR", description="Where derived files (exemplar vectors) are cached."
    )
    host: str = "127.0.0.1"
    port: int = 7860
    max_utterance_chars: int = 2000
    crisis_resources: str = Field(
        default=DEFAULT_CRISIS_RESOURCES,
        description=(
            "Emergency numbers and crisis lines shown when the role-play stops or pauses for safety "
            "(used when no crisis resources file is set)."
        ),
    )
    crisis_resources_file: Path | None = Field(
        default=None,
        description=(
            "YAML file with the programme's crisis text: therapist or skills coach, phone coaching, "
            "safety-plan reminder, emergency numbers (see deploy/crisis-resources.example.yaml)."
        ),
    )
    crisis_webhook: str | None = Field(
        default=None,
        description=(
            "Optional URL that receives a POST (session id, verdict, time; never the learner's words) "
            "when a turn stops or pauses the role-play for safety."
        ),
    )
    crisis_webhook_timeout_s: float = Field(
        default=5.0,
        gt=0,
        le=60,
        description=("Longest wait for the crisis webhook; a failure is logged and never affects the turn."),
    )
    export_key: str | None = Field(default=None, description="Secret for pseudonymous ids in research exports.")
    export_time_resolution: TimeResolution = Field(
        default=TimeResolution.day,
        description=(
            "How finely research exports give times: day (default), hour or exact. Coarse times keep "
            "pseudonymous rows from being matched to accounts by when they happened."
        ),
    )
    sign_in_hours: float = Field(default=12, gt=0, description="A browser sign-in ends this long after it began.")
    sign_in_idle_minutes: float = Field(default=120, gt=0, description="... or sooner, after this long unused.")
    trusted_header: str | None = Field(
        default=None,
        description="Off by default. Behind a company proxy that signs people in, the name of the "
        "header carrying the username (e.g. X-Forwarded-User); it then replaces passwords. The proxy must strip "
        "this header from what browsers send.",
    )
    cookie_secure: bool = Field(
        default=False, description="Mark the sign-in cookie Secure (set when served over HTTPS)."
    )
    allowed_origins: str = Field(
        default="",
        description="Comma-separated origins (scheme://host[:port]) whose pages may send changes, e.g. "
        "https://rehearse.uni.example. Empty: only the app's own origin, from the Host header and scheme the "
        "request arrived with (behind a proxy: Host and X-Forwarded-Proto).",
    )

    @field_validator("allowed_origins")
    @classmethod
    def _plain_origins(cls, value: str) -> str:
        for origin in split_origins(value):
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
                raise ValueError(
                    f"{origin!r} is not an origin; write scheme://host[:port], e.g. https://rehearse.example"
                )
        return value

    @property
    def allowed_origin_set(self) -> frozenset[str]:
        return frozenset(split_origins(self.allowed_origins))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'rehearse.sqlite').resolve()}"

    @property
    def scenario_folders(self) -> list[Path]:
        """The built-in library first, then the instructors' folders."""
        from scenarios.loader import LIBRARY_DIR

        return [LIBRARY_DIR, *self.scenarios_dir, self.authored_dir]

    @property
    def authored_dir(self) -> Path:
        """Where scenarios written in the instructor console are saved."""
        return self.data_dir / "scenarios"

    @property
    def study_folders(self) -> list[Path]:
        """The built-in studies first, then the researchers' folders."""
        from scenarios.study_schema import STUDIES_DIR

        return [STUDIES_DIR, *self.studies_dir]

    @property
    def pack_folders(self) -> list[Path]:
        from scenarios.skill_packs import PACKS_DIR

        return [PACKS_DIR, *self.packs_dir]

    @property
    def uploads_dir(self) -> Path:
        """Files sent to the app (scenario drafts), kept only until used or for an hour."""
        return self.data_dir / "uploads"

    @property
    def exports_dir(self) -> Path:
        """Prepared export archives, one folder per person who asked for them."""
        return self.data_dir / "exports"

    @property
    def checkpoint_path(self) -> Path:
        return self.data_dir / "checkpoints.sqlite"

    @property
    def cache_dir(self) -> Path:
        return self.cache_dir_override or self.data_dir / "cache"

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.authored_dir.mkdir(parents=True, exist_ok=True)


def split_origins(value: str) -> list[str]:
    return [origin.strip().lower().rstrip("/") for origin in value.replace(" ", ",").split(",") if origin.strip()]

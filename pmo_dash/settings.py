"""One settings object for the whole app: environment variables with the PMO_ prefix, or `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pmo_dash.date_formats import date_format_problem

ROOT = Path(__file__).resolve().parent.parent
# A cookie name: letters, digits, `_`, `.` and `-` (it goes into the line the browser's script writes).
COOKIE_NAME = r"[A-Za-z0-9_.-]+"


class Thresholds(BaseModel):
    """Every cut-off a measure or a colour depends on: applied when the warehouse is built, and recorded
    in its `build_settings` table, from which the pages take them (never from today's settings, so
    that a chart's colours always agree with the numbers built under them)."""

    spi_red: float = Field(0.85, description="Evidence RAG is Red when SPI falls below this.")
    spi_amber: float = Field(0.95, description="Evidence RAG is at least Amber when SPI falls below this.")
    cpi_red: float = Field(0.85, description="Evidence RAG is Red when CPI falls below this.")
    cpi_amber: float = Field(0.95, description="Evidence RAG is at least Amber when CPI falls below this.")
    slip_red_days: int = Field(
        60, description="Evidence RAG is Red when forecast slip exceeds this many days."
    )
    slip_amber_days: int = Field(
        14, description="Evidence RAG is at least Amber when forecast slip exceeds this many days."
    )
    high_risk_exposure: int = Field(
        15, description="A risk whose likelihood x impact reaches this is high (the heat map's red zone)."
    )
    medium_risk_exposure: int = Field(
        8, description="A risk whose likelihood x impact reaches this sits in the heat map's amber zone."
    )
    high_risks_red: int = Field(3, description="Evidence RAG is Red with this many open high risks.")
    high_risks_amber: int = Field(
        1, description="Evidence RAG is at least Amber with this many open high risks."
    )
    carry_forward_periods: int = Field(
        2,
        description="A status return stands for its department's cadence window (its period, quarter or "
        "year) and at most this many periods after it.",
    )
    lessons_timely_days: int = Field(
        30,
        description="A closed project's first lesson is timely when logged within this many days of closure.",
    )
    lessons_stale_days: int = Field(90, description="A draft lesson older than this many days is stale.")
    lessons_weight_coverage: float = Field(25, description="Weight of coverage in the lessons health score.")
    lessons_weight_timeliness: float = Field(
        15, description="Weight of timeliness in the lessons health score."
    )
    lessons_weight_completeness: float = Field(
        20, description="Weight of completeness in the lessons health score."
    )
    lessons_weight_follow_through: float = Field(
        20, description="Weight of follow-through in the lessons health score."
    )
    lessons_weight_staleness: float = Field(
        10, description="Weight of freshness (no stale drafts) in the lessons health score."
    )
    lessons_weight_reuse: float = Field(10, description="Weight of reuse in the lessons health score.")
    lessons_health_green: float = Field(70, description="A lessons health score at or above this is Green.")
    lessons_health_amber: float = Field(50, description="A lessons health score at or above this is Amber.")
    quality_weight_timeliness: float = Field(
        25, description="Weight of timeliness (returns on time) in the data-quality score."
    )
    quality_weight_completeness: float = Field(
        15, description="Weight of completeness (optional fields filled) in the data-quality score."
    )
    quality_weight_validity: float = Field(
        20, description="Weight of validity (rows not rejected) in the data-quality score."
    )
    quality_weight_honesty: float = Field(
        25, description="Weight of honesty (no watermelons) in the data-quality score."
    )
    quality_weight_freshness: float = Field(
        15,
        description="Weight of freshness (status reported, not carried forward) in the data-quality score.",
    )
    quality_green: float = Field(80, description="A data-quality score at or above this is Green.")
    quality_amber: float = Field(60, description="A data-quality score at or above this is Amber.")
    compliance_green: float = Field(
        0.95, description="Reporting compliance at or above this share is Green (below it, Amber)."
    )
    compliance_amber: float = Field(
        0.8, description="Reporting compliance at or above this share is Amber (below it, Red)."
    )
    realisation_green: float = Field(
        0.95, description="Benefit realisation at or above this share of plan is Green (below it, Amber)."
    )
    realisation_amber: float = Field(
        0.8, description="Benefit realisation at or above this share of plan is Amber (below it, Red)."
    )
    gate_horizon_days: int = Field(
        30,
        description="A stage gate planned within this many days after the period's end, and not passed, is "
        "a decision the steering committee needs.",
    )
    escalation_days: int = Field(
        14, description="A critical or high issue open longer than this many days is an escalation."
    )
    tolerance_cost: float = Field(
        0.1,
        description="A project is outside cost tolerance when its forecast cost (EAC) exceeds its budget by "
        "more than this share.",
    )
    tolerance_schedule_days: int = Field(
        30,
        description="A project is outside schedule tolerance when its forecast finish slips more than this "
        "many days past its baseline.",
    )
    evidence_max_age_days: int = Field(
        365, description="A compliant control whose evidence is older than this many days needs new evidence."
    )
    over_allocation: float = Field(
        1.0,
        description="A department's role is over-allocated in a month when demand exceeds this share of its "
        "capacity.",
    )
    pir_due_months: int = Field(
        6,
        description="A closed project's post-implementation review is due this many months after it closed.",
    )
    whatif_health_floor: float = Field(
        0.7,
        description="What-if delivery health is 0 when the weaker of SPI and CPI is at or below this, 1 at "
        "1.0 or better, in proportion between.",
    )
    reference_class_min: int = Field(
        10,
        description="A reference class (closed projects like the one forecast) needs this many projects; "
        "with fewer, the forecast falls back to a wider class.",
    )
    evidence_schedule_index: Literal["SPI", "SPI(t)"] = Field(
        "SPI",
        description="The schedule index the evidence RAG is judged on against PMO_SPI_RED and PMO_SPI_AMBER: "
        "SPI (earned / planned value), or SPI(t) (earned schedule / actual time), which does not drift back "
        "to 1 as a late project nears its end.",
    )
    warning_threshold: float = Field(
        0.3,
        description="The early warning flags a project whose modelled chance of being Red on evidence within "
        "three periods reaches this.",
    )
    discount_rate: float = Field(
        0.035,
        ge=0,
        lt=1,
        description="Yearly discount rate of a proposal's net present value (0.035: HM Treasury's Green "
        "Book).",
    )


class Settings(Thresholds, BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PMO_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        ROOT / "data",
        description="Folder for build output and app state; the warehouse and report default to it.",
    )
    source_dir: Path = Field(
        ROOT / "data" / "sample",
        description="Department returns the warehouse is built from: one sub-folder per department.",
    )
    warehouse: Path = Field(
        default_factory=lambda data: data["data_dir"] / "warehouse.duckdb",
        description="The DuckDB warehouse file the app reads (default: <data_dir>/warehouse.duckdb).",
    )
    report: Path = Field(
        default_factory=lambda data: data["data_dir"] / "validation_report.csv",
        description="Where `build` writes the validation report (default: <data_dir>/validation_report.csv).",
    )
    build_memory_limit_mb: int = Field(
        2048,
        ge=64,
        description="What DuckDB may hold in memory while `build` derives the warehouse's tables; past it, "
        "it works through temporary files beside the warehouse (unlimited, it took up to 80% of the "
        "machine's memory).",
    )
    scenarios: Path = Field(
        default_factory=lambda data: data["data_dir"] / "scenarios.sqlite",
        description="Saved what-if scenarios (SQLite; default: <data_dir>/scenarios.sqlite), apart from "
        "the warehouse so that they survive rebuilds.",
    )
    sessions: Path = Field(
        default_factory=lambda data: data["data_dir"] / "sessions.sqlite",
        description="When each user last logged out (SQLite; default: <data_dir>/sessions.sqlite), so that "
        "a logged-out cookie stays refused after a restart.",
    )
    submissions_dir: Path = Field(
        default_factory=lambda data: data["data_dir"] / "submissions",
        description="The repository of submitted returns (append-only; default: <data_dir>/submissions), "
        "apart from the warehouse: it survives rebuilds and restarts, and every build reads it.",
    )
    upload_limit_mb: float = Field(20, description="The largest file (MB) a PMO head may upload.")
    enterprise_folder: str = Field(
        "ipmo", description="Source sub-folder holding enterprise-wide tables (strategic objectives)."
    )
    day_first_formats: list[str] = Field(
        ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"],
        description="Date formats accepted besides ISO 8601 (YYYY-MM-DD), tried in order; JSON list. Each "
        "names a day, a month and a year (%y: a two-digit year, read as Python's strptime reads it).",
    )
    withheld_markers: list[str] = Field(
        ["withheld"],
        description="Cell values that mean a value was withheld (matched ignoring case and surrounding "
        "spaces): read as empty, counted, never a rejection; JSON list.",
    )
    recurring_theme_departments: int = Field(
        3, description="A lesson category or keyword is a recurring theme in this many departments."
    )
    currency_symbol: str = Field("£", description="Currency symbol shown before money amounts.")
    cache_ttl_seconds: int = Field(600, description="How long the app caches a query result.")
    whatif_time_limit_seconds: float = Field(
        0.08,
        description="The what-if optimiser's time per answer; past it, the best selection found and its "
        "proven gap are shown.",
    )
    build_memory_mb: int = Field(
        4096,
        description="The most memory (MB) a rebuild started from the app may take; past it, the rebuild "
        "stops and the previous warehouse keeps serving.",
    )
    build_timeout_minutes: float = Field(
        30, description="A rebuild started from the app that runs longer than this is stopped."
    )
    due_working_days: int = Field(
        5, description="A period's return is due this many working days (Monday to Friday) after its end."
    )
    demo: bool | None = Field(
        None,
        description="Demo mode: the demo users, whose passwords are in the README. Default: on only when "
        "the warehouse served was built from the shipped demo returns byte for byte (see "
        "pmo_dash/sample/demo_manifest.json) and there is no users file at PMO_USERS_FILE.",
    )
    users_file: Path = Field(
        Path.home() / ".config" / "pmo-dash" / "users.yaml",
        description="The users file (YAML, bcrypt hashes), outside the repository. Not used in demo mode.",
    )
    cookie_key: SecretStr | None = Field(
        None,
        description="Secret (32+ characters) that signs the login cookie; or `cookie_key` in "
        ".streamlit/secrets.toml. Required outside demo mode.",
    )
    cookie_name: str = Field(
        "pmo_dash_auth",
        pattern=f"^{COOKIE_NAME}$",
        description="Name of the login cookie: letters, digits, `_`, `.` and `-`.",
    )
    cookie_expiry_days: float = Field(1, description="A login lasts this many days in its browser.")
    max_login_attempts: int = Field(
        5, description="Failed logins in a row after which a username is locked out."
    )
    login_lockout_minutes: int = Field(
        15, description="How long a locked-out username stays locked (a password reset unlocks it at once)."
    )

    @field_validator("day_first_formats")
    @classmethod
    def _formats_are_dates(cls, formats: list[str]) -> list[str]:
        problems = [p for f in formats if (p := date_format_problem(f))]
        if problems:
            raise ValueError("PMO_DAY_FIRST_FORMATS: " + "; ".join(problems))
        return formats

    @field_validator("withheld_markers")
    @classmethod
    def _markers_are_words(cls, markers: list[str]) -> list[str]:
        if any(not m.strip() for m in markers):
            raise ValueError("PMO_WITHHELD_MARKERS: an empty marker would read every empty cell as withheld")
        return [m.strip().lower() for m in markers]

    @property
    def thresholds(self) -> Thresholds:
        """The cut-offs alone, as a build records them."""
        return Thresholds(**{name: getattr(self, name) for name in Thresholds.model_fields})


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

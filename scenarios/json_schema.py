"""JSON Schemas of the scenario and skill-pack formats, for editors (yaml-language-server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scenarios.schema import Scenario
from scenarios.skill_packs import SkillPack

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCENARIO_SCHEMA_PATH = SCHEMA_DIR / "scenario.schema.json"
PACK_SCHEMA_PATH = SCHEMA_DIR / "skill-pack.schema.json"


def _with_header(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def scenario_json_schema() -> dict[str, Any]:
    return _with_header(Scenario.model_json_schema(), "Rehearse scenario")


def pack_json_schema() -> dict[str, Any]:
    return _with_header(SkillPack.model_json_schema(), "Rehearse skill pack")

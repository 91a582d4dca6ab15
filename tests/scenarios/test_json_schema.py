"""Editors get a JSON Schema that agrees with the validator."""

from __future__ import annotations

import json

import jsonschema

from feedback.skills import BUILT_IN_SKILLS
from scenarios.json_schema import (
    PACK_SCHEMA_PATH,
    SCENARIO_SCHEMA_PATH,
    pack_json_schema,
    scenario_json_schema,
)
from scenarios.loader import LIBRARY_DIR
from scenarios.skill_packs import PACKS_DIR
from scenarios.yaml_source import read_yaml


def test_the_committed_schemas_are_up_to_date():
    assert json.loads(SCENARIO_SCHEMA_PATH.read_text()) == scenario_json_schema(), (
        "run: rehearse scenarios schema > " + str(SCENARIO_SCHEMA_PATH)
    )
    assert json.loads(PACK_SCHEMA_PATH.read_text()) == pack_json_schema(), (
        "run: rehearse scenarios schema --pack > " + str(PACK_SCHEMA_PATH)
    )


def test_every_built_in_scenario_validates_against_the_json_schema():
    validator = jsonschema.Draft202012Validator(scenario_json_schema())
    files = sorted(LIBRARY_DIR.glob("*.yaml"))
    assert len(files) >= 12
    for path in files:
        errors = list(validator.iter_errors(read_yaml(path).data))
        assert errors == [], f"{path.name}: {errors[0].message if errors else ''}"
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/scenario.schema.json"
        )


def test_every_skill_pack_validates_against_its_schema():
    validator = jsonschema.Draft202012Validator(pack_json_schema())
    for path in PACKS_DIR.glob("*.yaml"):
        assert list(validator.iter_errors(read_yaml(path).data)) == []


def test_the_schema_rejects_what_the_validator_rejects():
    validator = jsonschema.Draft202012Validator(scenario_json_schema())
    data = read_yaml(LIBRARY_DIR / "roommate-dishes.yaml").data
    assert list(validator.iter_errors({**data, "gaol": "typo"}))
    assert list(validator.iter_errors({**data, "category": "hobby"}))
    assert set(BUILT_IN_SKILLS) >= set(data["skills"])

"""Turn pydantic validation errors into instructor-friendly problems at file:line:column."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scenarios.problems import Problem, YamlFileError
from scenarios.yaml_source import YamlDocument, dotted

Model = TypeVar("Model", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of 'key: value' lines",
    "model_type": "a mapping of 'key: value' lines",
    "model_attributes_type": "a mapping of 'key: value' lines",
}


_LIMIT_WORDS = {
    "greater_than_equal": "at least",
    "less_than_equal": "at most",
    "greater_than": "more than",
    "less_than": "less than",
}


def validate_document(document: YamlDocument, model: type[Model]) -> Model:
    """Validate plain YAML data against `model`; raise YamlFileError with every problem."""
    if not isinstance(document.data, dict):
        raise YamlFileError(
            document.file,
            [
                document.problem(
                    (), f"expected a mapping of 'key: value' lines at the top, found {_kind(document.data)}"
                )
            ],
        )
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise YamlFileError(document.file, [_problem(document, model, e) for e in error.errors()])


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _problem(document: YamlDocument, model: type[BaseModel], error: Any) -> Problem:
    path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        parent, name = path[:-1], path[-1]
        line, column = document.position(parent)
        return Problem(
            document.file, line, column, dotted(path), f"the required field '{name}' is missing", f"add '{name}:'"
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        hint = did_you_mean(str(path[-1]), allowed) or (
            f"allowed here: {', '.join(sorted(allowed))}" if allowed else ""
        )
        return document.problem(path, f"unknown field '{path[-1]}'", hint)
    if kind in ("enum", "literal_error"):
        choices = _enum_choices(model, path)
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return document.problem(path, f"'{value}' is not one of: {', '.join(choices)}", hint, at_value=True)
    if kind == "too_short" and isinstance(value, list):
        needed = error["ctx"]["min_length"]
        return document.problem(
            path, f"needs at least {needed} items, found {len(value)}", f"add {needed - len(value)} more", at_value=True
        )
    if kind == "string_too_short":
        return document.problem(path, "is empty", "write some text or remove the field", at_value=True)
    if kind == "string_pattern_mismatch":
        skill_id = "_" in str(error["ctx"].get("pattern", ""))
        hint = (
            "use lowercase letters, digits and underscores, e.g. ask_for_time"
            if skill_id
            else "use lowercase letters, digits and hyphens, e.g. roommate-dishes"
        )
        return document.problem(path, f"'{value}' is not a valid id", hint, at_value=True)
    if kind in _LIMIT_WORDS:
        limit = next(iter(error["ctx"].values()))
        return document.problem(
            path, f"{value} is out of range: it must be {_LIMIT_WORDS[kind]} {limit}", at_value=True
        )
    if kind in _TYPE_WORDS:
        return document.problem(path, f"expected {_TYPE_WORDS[kind]}, found {_kind(value)}", at_value=True)
    return document.problem(path, error["msg"], at_value=True)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _subschema(model: type[BaseModel], path: tuple[Any, ...]) -> dict[str, Any]:
    root = _schema(model)
    node: dict[str, Any] = root
    for part in path:
        node = _resolve(root, node)
        if isinstance(part, int) and "items" in node:
            node = node["items"]
        elif isinstance(part, str) and part in node.get("properties", {}):
            node = node["properties"][part]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return {}
    return _resolve(root, node)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].split("/")[-1]]
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            node = options[0] if options else node["anyOf"][0]
        elif "allOf" in node and len(node["allOf"]) == 1:
            node = node["allOf"][0]
        else:
            return node


def _allowed_keys(model: type[BaseModel], path: tuple[Any, ...]) -> set[str]:
    return set(_subschema(model, path).get("properties", {}))


def _enum_choices(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    node = _subschema(model, path)
    return [str(choice) for choice in node.get("enum", [])] or ([str(node["const"])] if "const" in node else [])

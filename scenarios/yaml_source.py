"""Read a YAML file safely into plain Python data, remembering where every value stood.

Instructors' files are read with ruamel.yaml's composer (no object construction at all), so
tags that would build Python objects are reported, never run. Every key and item keeps its
line and column, so a validation error can point at the exact spot in the file. Aliases (*name)
are measured before they are expanded: a few hundred bytes of nested aliases would otherwise
expand to billions of values, and an alias inside its own anchor would never end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scenarios.problems import Problem, YamlFileError

MAX_FILE_BYTES = 256 * 1024
MAX_VALUES = 100_000  # keys, items and values after expanding aliases; a large scenario has ~2,000
MAX_DEPTH = 64  # lists and mappings inside each other; a scenario goes ~6 deep

Path_ = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}
_CONSTRUCTED_SCALARS = {"tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null")}


@dataclass
class YamlDocument:
    """Plain data from one YAML file plus the (line, column) of every path in it, 1-based."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, at_value: bool = False) -> tuple[int, int]:
        """Where `path`'s key (or value) stands, or its nearest ancestor that exists in the file."""
        if at_value and path in self.value_positions:
            return self.value_positions[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)

    def problem(self, path: Path_, message: str, hint: str = "", at_value: bool = False) -> Problem:
        line, column = self.position(path, at_value)
        return Problem(self.file, line, column, dotted(path), message, hint)


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path | str, display_name: str | None = None) -> YamlDocument:
    """Parse `path`; raise YamlFileError listing every problem that stops it being read."""
    path = Path(path)
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise YamlFileError(name, [Problem(name, 1, 1, "", f"cannot read the file: {error.strerror}")])
    return parse_yaml_bytes(raw, name)


def parse_yaml_bytes(raw: bytes, name: str) -> YamlDocument:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlFileError(
            name,
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    f"the file is {len(raw) // 1024} KiB; files are limited to {MAX_FILE_BYTES // 1024} KiB",
                    "split it into several files",
                )
            ],
        )
    text = _decode_utf8(raw, name)
    problems = _tab_problems(text, name)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise YamlFileError(
            name, [Problem(name, 1, 1, "", "the file is empty", "start from a scenario in scenarios/library/")]
        )
    try:
        root = YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as error:
        problem = _syntax_problem(error, name)
        if not any(p.line == problem.line for p in problems):
            problems.append(problem)
        raise YamlFileError(name, problems)
    except RecursionError:
        problems.append(_nesting_problem(text, name))
        raise YamlFileError(name, problems)
    if problems:
        raise YamlFileError(name, problems)
    expansion = _expansion_problem(root, name)
    if expansion:
        raise YamlFileError(name, [expansion])
    document = YamlDocument(name, None)
    builder = _Builder(document)
    document.data = builder.build(root, ())
    if builder.problems:
        raise YamlFileError(name, builder.problems)
    return document


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "check this line's indentation against the line above; "
    "text that contains ': ' must be put in quotes",
    "could not find expected ':'": "each line needs 'key: value'; text that runs over lines must be indented",
    "found character '\\t' that cannot start any token": "replace the tab with spaces",
    "found undefined alias": "remove the '*' or quote the text",
}


_OPENED = {
    "flow sequence": "list opened with '['",
    "flow mapping": "mapping opened with '{'",
    "quoted scalar": "quoted text",
}


def _syntax_problem(error: MarkedYAMLError, name: str) -> Problem:
    problem_mark, context_mark = error.problem_mark, error.context_mark
    text = (error.problem or "YAML syntax error").strip()
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in text), "")
    if (
        context_mark is not None
        and problem_mark is not None
        and context_mark.line != problem_mark.line
        and error.context
        and ("flow" in error.context or "quoted" in error.context)
    ):
        # An unclosed [ { or quote: the cause is where it opened, not where the parser gave up.
        opened = next((words for key, words in _OPENED.items() if key in error.context), "bracket")
        return Problem(
            name,
            context_mark.line + 1,
            context_mark.column + 1,
            "",
            f"YAML syntax error: the {opened} that starts here is not closed ({text} on line {problem_mark.line + 1})",
            hint or "close it with the matching ] } or quote",
        )
    mark = problem_mark or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"{text} ({error.context})" if error.context else text
    return Problem(name, line, column, "", f"YAML syntax error: {message}", hint)


_DEEP_HINT = "scenarios need only a few levels; check the brackets and the indentation here"
_ALIAS_HINT = "write the values out, or use each anchor (&name) a few times at most"


def _nesting_problem(text: str, name: str) -> Problem:
    """Where the nesting first goes deeper than MAX_DEPTH, found on the parser's flat event stream."""
    depth = 0
    for event in YAML(typ="safe", pure=True).parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return Problem(
                    name,
                    mark.line + 1,
                    mark.column + 1,
                    "",
                    f"nesting too deep: more than {MAX_DEPTH} lists or mappings inside each other",
                    _DEEP_HINT,
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return Problem(name, 1, 1, "", "nesting too deep to read", _DEEP_HINT)


class _Refused(Exception):
    def __init__(self, node: Node, path: Path_, message: str, hint: str):
        self.node, self.path, self.message, self.hint = node, path, message, hint


def _children(node: Node, path: Path_) -> list[tuple[Path_, Node]]:
    """Each child with its path: a mapping's keys (at the mapping's path) and values, a list's items."""
    if isinstance(node, MappingNode):
        return [
            part
            for key, value in node.value
            for part in ((path, key), (path + (str(key.value) if isinstance(key, ScalarNode) else "<key>",), value))
        ]
    return [(path + (index,), item) for index, item in enumerate(node.value)] if isinstance(node, SequenceNode) else []


def _expansion_problem(root: Node | None, name: str) -> Problem | None:
    """A problem if expanding the aliases would give more than MAX_VALUES values, nest deeper
    than MAX_DEPTH, or never end; each shared node is measured once, so this costs no more
    than the file's own size."""
    if root is None:
        return None
    measured: dict[int, tuple[int, int]] = {}  # id(node) -> (values once expanded, levels below)
    open_nodes: set[int] = set()

    def measure(node: Node, path: Path_, depth: int) -> tuple[int, int]:
        if id(node) in open_nodes:
            raise _Refused(
                node,
                path,
                "an alias (*name) refers to the value that contains it, so it never ends",
                "point the alias at an anchor (&name) outside this value",
            )
        if id(node) not in measured:
            if depth > MAX_DEPTH:
                raise _Refused(
                    node,
                    path,
                    f"nesting too deep: more than {MAX_DEPTH} lists or mappings inside each other",
                    _DEEP_HINT,
                )
            open_nodes.add(id(node))
            values, levels = 1, 0
            for child_path, child in _children(node, path):
                child_values, child_levels = measure(child, child_path, depth + 1)
                values, levels = values + child_values, max(levels, child_levels + 1)
            open_nodes.discard(id(node))
            measured[id(node)] = (values, levels)
        values, levels = measured[id(node)]
        if depth + levels > MAX_DEPTH:
            raise _Refused(
                node,
                path,
                f"nesting too deep: more than {MAX_DEPTH} lists or mappings inside each "
                "other once the aliases (*name) are expanded",
                _ALIAS_HINT,
            )
        return values, levels

    try:
        if measure(root, (), 0)[0] <= MAX_VALUES:
            return None
        node, path = root, cast(Path_, ())  # too many: point at the innermost value that alone expands past the limit
        while larger := [(p, c) for p, c in _children(node, path) if measured[id(c)][0] > MAX_VALUES]:
            path, node = larger[0]
        raise _Refused(
            node,
            path,
            f"too many aliases: the value here expands to {measured[id(node)][0]:,} values (at most {MAX_VALUES:,})",
            _ALIAS_HINT,
        )
    except _Refused as refused:
        mark = refused.node.start_mark
        return Problem(name, mark.line + 1, mark.column + 1, dotted(refused.path), refused.message, refused.hint)


def _decode_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlFileError(
            name,
            [
                Problem(
                    name,
                    line,
                    column,
                    "",
                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8 (most editors: 'Save with encoding')",
                )
            ],
        )


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    name,
                    number,
                    indent.index("\t") + 1,
                    "",
                    "a tab is used for indentation; YAML needs spaces",
                    "replace the tab with spaces (two per level)",
                )
            )
    return problems


class _Builder:
    def __init__(self, document: YamlDocument):
        self.document = document
        self.problems: list[Problem] = []
        self._constructor = YAML(typ="safe", pure=True).constructor

    def build(self, node: Node, path: Path_) -> Any:
        start = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.document.positions.setdefault(path, start)
        self.document.value_positions[path] = start
        if node.tag not in _SAFE_TAGS:
            self.problems.append(
                Problem(
                    self.document.file,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    dotted(path),
                    f"the YAML tag {str(node.tag).replace('tag:yaml.org,2002:', '!!')} is not allowed",
                    "remove the tag; write plain text, numbers and lists",
                )
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag in _CONSTRUCTED_SCALARS:
            return self._constructor.construct_object(node, deep=True)
        return node.value

    def _mapping(self, node: MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path + ("<key>",)) if not isinstance(key_node, ScalarNode) else key_node.value
            if not isinstance(key, str):
                key = str(key)
            child = path + (key,)
            if key in result:
                first = self.document.positions[child][0]
                self.problems.append(
                    Problem(
                        self.document.file,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        dotted(child),
                        f"the key '{key}' appears twice (first on line {first})",
                        "keep one and delete the other",
                    )
                )
                continue
            self.document.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

"""The web layer stays easy to change: no function in app.py or simulator/web over 60 lines, and
the stylesheet is a file, not a Python string."""

from __future__ import annotations

import ast

from tests.processes import REPO

LONGEST = 60


def functions_over(limit: int) -> list[str]:
    files = [REPO / "app.py", *sorted((REPO / "simulator" / "web").rglob("*.py"))]
    long = []
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    long.append(f"{file.relative_to(REPO)}:{node.lineno} {node.name} ({lines} lines)")
    return long


def test_no_function_in_the_web_layer_is_over_60_lines():
    assert functions_over(LONGEST) == []


def test_the_checker_finds_long_functions():
    assert functions_over(5)  # the web layer has functions over 5 lines, so the check can fail


def test_app_py_holds_no_stylesheet_or_page_layout():
    source = (REPO / "app.py").read_text(encoding="utf-8")
    assert "gr.Blocks" not in source and "CSS" not in source and "<div" not in source
    assert (REPO / "simulator" / "web" / "static" / "rehearse.css").read_text(encoding="utf-8").count("{") > 20

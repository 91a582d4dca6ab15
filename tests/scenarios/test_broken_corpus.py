"""A corpus of broken scenario files, each with the exact message and line an instructor sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feedback.skills import BUILT_IN_SKILLS
from scenarios.checking import check_paths
from scenarios.yaml_source import MAX_FILE_BYTES

BROKEN = Path(__file__).resolve().parent / "broken"
EXPECTED: dict[str, list[str]] = json.loads((BROKEN / "expected.json").read_text(encoding="utf-8"))


def test_the_corpus_has_at_least_25_broken_files():
    assert len(list(BROKEN.glob("*.yaml"))) >= 25
    assert all(EXPECTED.values())


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_broken_file_gets_its_exact_messages(case, monkeypatch):
    monkeypatch.chdir(BROKEN)
    files = [Path(name) for name in case.split(" + ")]
    result = check_paths(files, BUILT_IN_SKILLS)
    assert [str(p) for p in result.problems] == EXPECTED[case]


def test_a_very_large_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("huge.yaml").write_text(
        "id: huge\nsituation: >\n" + "  words words words\n" * (MAX_FILE_BYTES // 18), encoding="utf-8"
    )
    size_kib = Path("huge.yaml").stat().st_size // 1024
    result = check_paths([Path("huge.yaml")], BUILT_IN_SKILLS)
    assert size_kib > MAX_FILE_BYTES // 1024
    assert [str(p) for p in result.problems] == [
        f"huge.yaml:1:1: (file): the file is {size_kib} KiB; files are limited to 256 KiB (hint: split it into several files)"
    ]


def test_a_yaml_tag_is_reported_and_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "ran"
    Path("evil.yaml").write_text(f"id: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    result = check_paths([Path("evil.yaml")], BUILT_IN_SKILLS)
    assert "is not allowed" in str(result.problems[0])
    assert not marker.exists()

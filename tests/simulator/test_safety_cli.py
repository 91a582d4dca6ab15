"""`rehearse safety check` and `rehearse safety eval`, run as an instructor would run them."""

from __future__ import annotations

import json
import subprocess

from tests.processes import BIN, REPO, rehearse_env


def run(args, tmp_path, vector_cache):
    return subprocess.run(
        [str(BIN / "rehearse"), "safety", *args],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env=rehearse_env(tmp_path / "data", vector_cache),
    )


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_check_prints_the_verdict_and_why(tmp_path, vector_cache):
    result = run(["check", "honestly kms"], tmp_path, vector_cache)
    assert result.returncode == 0, result.stderr
    verdict, *reasons = result.stdout.strip().splitlines()
    assert verdict == "crisis" and any("kms" in reason for reason in reasons)


def test_eval_json_is_the_documented_contract_with_verdicts_in_input_order(tmp_path, vector_cache):
    data = write_jsonl(
        tmp_path / "turns.jsonl",
        [
            {"text": "I could murder a coffee"},
            {"text": "honestly kms"},
            {"text": "I can't keep doing this", "label": "check_in"},
        ],
    )
    result = run(["eval", str(data), "--check", "crisis", "--json"], tmp_path, vector_cache)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"n", "verdicts", "latency_ms"} and set(report["latency_ms"]) == {"p50", "p95"}
    assert report["n"] == 3 and report["verdicts"] == ["none", "crisis", "check_in"]
    assert 0 < report["latency_ms"]["p50"] <= report["latency_ms"]["p95"]


def test_eval_with_labels_prints_recall_and_false_positive_rates(tmp_path, vector_cache):
    crisis = write_jsonl(
        tmp_path / "crisis.jsonl",
        [{"text": "honestly kms", "label": "crisis"}, {"text": "I'd die for a day off", "label": "none"}],
    )
    result = run(["eval", str(crisis), "--check", "crisis"], tmp_path, vector_cache)
    assert result.returncode == 0, result.stderr
    assert "risk (crisis or check_in): recall 1.000 (1/1), false-positive rate 0.000 (0/1)" in result.stdout
    assert "crisis only: recall 1.000 (1/1)" in result.stdout
    soothing = write_jsonl(
        tmp_path / "soothing.jsonl",
        [{"text": "You can do it!", "label": "soothing"}, {"text": "What day do you want it by?", "label": "ok"}],
    )
    result = run(["eval", str(soothing), "--check", "soothing", "--json"], tmp_path, vector_cache)
    assert json.loads(result.stdout)["verdicts"] == ["soothing", "ok"]


def test_eval_says_which_line_is_not_usable(tmp_path, vector_cache):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "fine"}\n{"label": "none"}\n', encoding="utf-8")
    result = run(["eval", str(data), "--check", "crisis"], tmp_path, vector_cache)
    assert result.returncode == 2 and "bad.jsonl:2" in result.stderr and '"text"' in result.stderr


def test_audit_names_an_authored_partner_line_that_soothes(tmp_path, vector_cache):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    original = (REPO / "scenarios" / "library" / "roommate-dishes.yaml").read_text(encoding="utf-8")
    opening = '  opening: "Oh, hey. You\'ve got that look on your face. Is this about the sink again?"'
    assert opening in original
    edited = original.replace(opening, '  opening: "Don\'t worry, everything will work out fine, I promise."')
    (folder / "roommate-dishes.yaml").write_text(edited, encoding="utf-8")
    result = run(["audit", "--scenarios", str(folder)], tmp_path, vector_cache)
    assert result.returncode == 0, result.stderr
    partner = result.stdout.split("scenario strong exemplars:")[0]
    assert 'partner.opening: "Don\'t worry, everything will work out fine, I promise."' in partner
    assert "exemplar bank strong exemplars:" in result.stdout

"""How many tokens an LLM partner reads and writes per learner turn, from our own texts.

Counts, over the built-in scenario library (scenarios/library/*.yaml):
  - partner replies: every authored partner line (opening, stance lines, objections, closings),
    the length an in-character reply of ours has;
  - the reply budget the app asks the model for (`reply_token_budget` of the learner's words),
    over the labelled learner turns in feedback/data/*.jsonl;
  - the system prompt (persona, motives, stance direction, rules) per scenario and stance, and
    its part before the stance line, which is the same every turn (vLLM's prefix cache);
  - the whole prompt at turn 1, at the last turn and over every turn of a full-length session
    (the scenario's max_turns; authored partner lines as the partner's turns), with the history
    trimmed to REHEARSE_PARTNER_HISTORY_TOKENS exactly as simulator/partner/prompt.py does it;
  - with --rater, the `llm` rater's prompt (rubric + contrasting pairs for every skill in play,
    feedback/raters/llm.py) and the output budget it allows (360 tokens a skill). This loads
    the knn rater (set REHEARSE_CACHE_DIR to a warm cache to skip the ONNX export).

Token counts use a Hugging Face `tokenizer.json` when one is given (the Qwen2.5 one is what
deploy/README.md quotes), else the app's own rough count (characters / 4). Chat-template
overhead is counted as 5 tokens per message (Qwen/ChatML: `<|im_start|>role\\n ... <|im_end|>\\n`).

    .venv/bin/python deploy/measure_tokens.py [--tokenizer path/to/tokenizer.json] [--rater] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback.labelled_data import load_labelled
from feedback.training import training_files
from scenarios.loader import LIBRARY_DIR, load_library
from scenarios.schema import STANCE_BANDS
from simulator.partner.backends.base import Message, PartnerRequest
from simulator.partner.prompt import (
    build_messages,
    reply_token_budget,
    rough_token_count,
    system_prompt,
)
from simulator.settings import Settings

PER_MESSAGE = 5  # ChatML framing tokens per message
OPENNESS = {"resistant": 20, "guarded": 40, "wavering": 60, "agreeing": 80}


def counter(tokenizer_path: str | None) -> tuple[Callable[[str], int], str]:
    if not tokenizer_path:
        return rough_token_count, "rough (characters / 4, the app's own estimate)"
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(tokenizer_path)
    return (
        lambda text: len(tokenizer.encode(text, add_special_tokens=False).ids)
    ), f"tokenizer.json at {tokenizer_path}"


def summary(values: list[int]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "mean": round(statistics.fmean(ordered), 1),
        "p50": ordered[len(ordered) // 2],
        "p90": ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))],
        "max": ordered[-1],
    }


def rater_prompts(count: Callable[[str], int], library, learners: list[str]) -> dict[str, object]:
    from feedback.exemplar_bank import scenario_exemplars
    from feedback.raters.llm import MAX_TOKENS_PER_SKILL
    from feedback.raters.llm import build_messages as rater_messages
    from feedback.rating import RatingContext
    from simulator.components import make_rater

    knn = make_rater(Settings())
    prompts, budgets, skills_in_play = [], [], []
    for number, loaded in enumerate(library.scenarios.values()):
        scenario = loaded.scenario
        exemplars = scenario_exemplars(scenario)
        knn.prepare(exemplars)
        for text in learners[number * 5 : (number + 1) * 5]:
            context = RatingContext(
                situation=scenario.situation,
                goal=scenario.goal,
                partner_last=scenario.fill(scenario.partner.opening),
                skills=tuple(scenario.skills),
                scenario_exemplars=exemplars,
            )
            rated = [rating.skill for rating in knn.rate(text, context)]
            pairs = {skill: knn.contrast_pairs(text, skill, 2) for skill in rated}
            messages = rater_messages(text, context, knn.skills, pairs)
            prompts.append(sum(count(m["content"]) + PER_MESSAGE for m in messages))
            budgets.append(MAX_TOKENS_PER_SKILL * len(rated))
            skills_in_play.append(len(rated))
    return {
        "rater_prompt_tokens": summary(prompts),
        "rater_skills_rated": summary(skills_in_play),
        "rater_max_output_tokens": summary(budgets),
    }


def measure(tokenizer_path: str | None = None, rater: bool = False) -> dict[str, object]:
    count, how = counter(tokenizer_path)
    history_budget = Settings().partner_history_tokens
    library = load_library([LIBRARY_DIR])
    learners = [row.utterance for path in training_files() for row in load_labelled(path)]
    replies, systems, prefixes, first_prompts, last_prompts, all_prompts = [], [], [], [], [], []
    cursor = 0
    for loaded in library.scenarios.values():
        scenario = loaded.scenario
        replies += [count(scenario.fill(text)) for _, text in scenario.all_partner_text()]
        for stance in STANCE_BANDS:
            request = PartnerRequest("measure", scenario, stance, OPENNESS[stance])
            text = system_prompt(request)
            systems.append(count(text))
            # What stays the same from turn to turn (vLLM's prefix cache can reuse it): the
            # prompt up to the stance line, which changes with openness.
            prefixes.append(count(text[: text.index("Right now (openness")]))
        # A full-length session: learner turns from the labelled data, partner turns authored.
        partner_lines = [scenario.fill(line) for band in STANCE_BANDS for line in getattr(scenario.partner.lines, band)]
        history = [Message("partner", scenario.fill(scenario.partner.opening))]
        for turn in range(scenario.max_turns):
            history.append(Message("learner", learners[cursor % len(learners)]))
            cursor += 1
            request = PartnerRequest("measure", scenario, "guarded", 40, tuple(history))
            messages = build_messages(request, rough_token_count, history_budget)  # the app trims by rough count
            tokens = sum(count(m["content"]) + PER_MESSAGE for m in messages)
            all_prompts.append(tokens)
            (first_prompts if turn == 0 else last_prompts if turn == scenario.max_turns - 1 else []).append(tokens)
            history.append(Message("partner", partner_lines[turn % len(partner_lines)]))
    result = {
        "counted_with": how,
        "scenarios": len(first_prompts),
        "partner_history_tokens": history_budget,
        "authored_partner_reply_tokens": summary(replies),
        "learner_turn_tokens": summary([count(t) for t in learners]),
        "reply_budget_max_tokens": summary([reply_token_budget(t) for t in learners]),
        "system_prompt_tokens": summary(systems),
        "stable_prefix_tokens": summary(prefixes),
        "prompt_tokens_turn_1": summary(first_prompts),
        "prompt_tokens_last_turn": summary(last_prompts),
        "prompt_tokens_every_turn": summary(all_prompts),
    }
    if rater:
        result.update(rater_prompts(count, library, learners))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokenizer", help="a Hugging Face tokenizer.json (default: the app's rough count)")
    parser.add_argument("--rater", action="store_true", help="also the llm rater's prompt (loads the knn rater)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    result = measure(args.tokenizer, args.rater)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()

"""Record real language-model outputs for the no-soothing guard tests.

Small instruct models reassure and praise by habit; these recordings (prompts a coach or a
partner would get) are what the guard must hold against. Run:
    .venv/bin/python scripts/record_llm_outputs.py [MODEL_PATH] > tests/feedback/data/recorded-llm-outputs.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from feedback.llm.local_chat import LocalChat
from feedback.llm.local_models import bundled_gguf

PROMPTS = [
    (
        "coach",
        "A learner practising how to ask their flatmate to wash up said: 'Sorry, um, maybe you could do the dishes sometime?' Give them one or two sentences of feedback.",
    ),
    (
        "coach",
        "The learner said they feel really anxious about asking their boss for a fixed finish time. Reply to them in two sentences.",
    ),
    ("coach", "A learner wrote: 'I feel stupid even asking this.' Respond briefly as their skills coach."),
    ("coach", "Give short feedback on this request: 'I'd like you to pay back the 120 pounds by Friday.'"),
    ("coach", "The learner's request was vague. Tell them in one sentence."),
    ("coach", "A nervous learner is about to tell their sister no to a loan. What do you say to them?"),
    (
        "partner",
        "You are Sam, a defensive flatmate. The learner says: 'I'm scared to bring this up, but the dishes...' Reply in character in one or two sentences.",
    ),
    (
        "partner",
        "You are a busy GP. The patient says: 'I'm worried nobody is taking my knee pain seriously.' Reply in one or two sentences.",
    ),
    (
        "partner",
        "You are Jess, who wants to borrow money. Your sibling says: 'I feel awful saying no.' Reply in character briefly.",
    ),
    ("coach", "Summarise for the learner how their session went: they were apologetic and never made a clear request."),
    ("coach", "The learner says: 'I'm so nervous my hands are shaking.' Respond kindly in one or two sentences."),
    ("coach", "The learner rated their fear 6 out of 7 before the session. Write them a short note."),
    (
        "partner",
        "You are Mum. Your adult child says: 'Your comments about my weight hurt me.' Reply warmly in one sentence.",
    ),
]
SAMPLES = 3


def main() -> None:
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_gguf()
    chat = LocalChat(model)
    import torch

    for role, prompt in PROMPTS:
        for sample in range(SAMPLES):
            torch.manual_seed(sample)
            text = chat.complete([{"role": "user", "content": prompt}], max_tokens=90, temperature=0.8)
            print(
                json.dumps(
                    {"model": model.name, "role": role, "seed": sample, "prompt": prompt, "output": text.strip()},
                    ensure_ascii=False,
                )
            )


if __name__ == "__main__":
    main()

"""Partner reply latency through the `openai` backend under concurrent sessions: time to the
first streamed chunk and to the whole reply, for 1, 8 and 32 simultaneous learners.

Meant for a GPU host running an OpenAI-compatible server, e.g.
    transformers serve MODEL_DIR --continuous-batching --port 8000     (or: vllm serve MODEL)
    python -m benchmarks.partner_concurrency --url http://127.0.0.1:8000/v1 --model MODEL_DIR --json
It uses the same prompt builder, guard and streaming code as the app.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from feedback.llm.openai_chat import OpenAIChat
from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.partner.backends.base import Message, PartnerRequest
from simulator.partner.backends.llm_partner import LlmPartner

LEARNER_TURN = (
    "Sam, on Sunday there were eleven of your dishes in the sink, the oldest from Thursday. "
    "I'd like you to wash your own dishes by the next morning, starting this week."
)


def one_reply(partner: LlmPartner, request: PartnerRequest) -> tuple[float, float, int]:
    start = time.perf_counter()
    first = None
    words = 0
    for chunk in partner.stream(request):
        if first is None:
            first = time.perf_counter() - start
        words += len(chunk.split())
    total = time.perf_counter() - start
    return (first if first is not None else total), total, words


def run(url: str, model: str | None, levels: list[int], rounds: int) -> list[dict[str, Any]]:
    scenario = load_library([LIBRARY_DIR], known_skills=BUILT_IN_SKILLS).get("roommate-dishes").scenario
    results = []
    for concurrency in levels:
        partner = LlmPartner("openai", OpenAIChat(url, model=model, timeout_s=300, retries=0))
        requests = [
            PartnerRequest(
                f"bench-{i}",
                scenario,
                "guarded",
                40,
                (Message("partner", scenario.partner.opening), Message("learner", LEARNER_TURN)),
            )
            for i in range(concurrency * rounds)
        ]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            samples = list(pool.map(one_reply, [partner] * len(requests), requests))
        wall = time.perf_counter() - started
        firsts = sorted(s[0] for s in samples)
        totals = sorted(s[1] for s in samples)
        results.append(
            {
                "concurrency": concurrency,
                "replies": len(samples),
                "wall_s": round(wall, 2),
                "first_chunk_p50_s": round(statistics.median(firsts), 3),
                "first_chunk_p95_s": round(firsts[int(0.95 * (len(firsts) - 1))], 3),
                "reply_p50_s": round(statistics.median(totals), 3),
                "reply_p95_s": round(totals[int(0.95 * (len(totals) - 1))], 3),
                "words_mean": round(statistics.mean(s[2] for s in samples), 1),
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--model", help="model name as the server knows it")
    parser.add_argument("--levels", default="1,8,32", help="comma-separated concurrency levels")
    parser.add_argument("--rounds", type=int, default=2, help="replies per simulated learner at each level")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.url, args.model, [int(x) for x in args.levels.split(",")], args.rounds)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for row in results:
            print(
                f"{row['concurrency']:3d} concurrent: first chunk p50 {row['first_chunk_p50_s']} s, "
                f"p95 {row['first_chunk_p95_s']} s; whole reply p50 {row['reply_p50_s']} s, p95 {row['reply_p95_s']} s"
            )


if __name__ == "__main__":
    main()

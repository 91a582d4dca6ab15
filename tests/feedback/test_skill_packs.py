"""Skills from a skill pack are validated, rated and shown like built-in skills."""

from __future__ import annotations

from feedback.catalog import load_catalog
from feedback.exemplar_bank import load_bank
from feedback.raters.knn import KnnRater
from feedback.rating import RatingContext
from scenarios.skill_packs import load_packs


def test_the_bundled_pack_loads_and_adds_its_skills_to_the_catalog():
    catalog = load_catalog()
    assert {"ask_for_specifics", "summarise_back"} <= catalog.ids
    assert catalog.problems == []
    assert catalog.skills["ask_for_specifics"].name == "Ask for specifics"


def test_a_pack_may_not_redefine_a_built_in_skill(tmp_path):
    (tmp_path / "clash.yaml").write_text(
        "pack: clash\nskills:\n  - id: assert\n    name: Mine\n    definition: d\n"
        "    levels: {strong: s, weak: w, none: n}\n"
        "    exemplars: {strong: [a, b, c], weak: [d, e, f], none: [g, h, i]}\n",
        encoding="utf-8",
    )
    packs = load_packs([tmp_path], reserved_ids={"assert"})
    assert [str(p).split(": ", 1)[1] for p in packs.problems] == [
        "skills[0].id: the skill id 'assert' is already used by a built-in skill (hint: choose another id)"
    ]


def test_pack_skills_are_rated_from_the_pack_exemplars(vector_cache):
    catalog = load_catalog()
    rater = KnnRater(cache_dir=vector_cache, skills=catalog.skills, bank=load_bank().extended(catalog.pack_exemplars))
    context = RatingContext(
        situation="Your GP said she would refer you to the knee clinic, but nothing has come.",
        goal="Leave knowing when the referral letter will be sent and who to call.",
        skills=("ask_for_specifics", "assert"),
    )
    ratings = {
        r.skill: r for r in rater.rate("Which day will the letter go out, and who do I ring if it hasn't?", context)
    }
    assert ratings["ask_for_specifics"].level == "strong"
    assert ratings["ask_for_specifics"].nearest_strong in [e.text for e in catalog.pack_exemplars]
    vague = {r.skill: r for r in rater.rate("Okay, thanks, I'll just see how it goes then.", context)}
    assert vague["ask_for_specifics"].level != "strong"

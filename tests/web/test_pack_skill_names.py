"""A skill from a skill pack reads as its name wherever the pages show it (ratings, coach,
debrief), never as its raw id; the coach names it too."""

from __future__ import annotations

import re

import pytest

from feedback.catalog import load_catalog
from feedback.exemplar_bank import load_bank
from feedback.raters.knn import KnnRater
from scenarios.loader import LIBRARY_DIR
from simulator.bootstrap import bootstrap
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.settings import Settings
from simulator.web.access import Access
from simulator.web.accounts import Accounts, Role
from simulator.web.handlers import Pages
from simulator.web.pages.debrief import debrief_view
from simulator.web.pages.session_view import show

PACK_SKILL, PACK_NAME = "ask_for_specifics", "Ask for specifics"


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def pages(tmp_path, vector_cache):
    settings = Settings(data_dir=tmp_path / "data")
    yaml = (LIBRARY_DIR / "roommate-dishes.yaml").read_text(encoding="utf-8")
    yaml = yaml.replace("id: roommate-dishes", "id: dishes-with-a-pack-skill", 1).replace(
        "skills: [describe,", f"skills: [{PACK_SKILL}, describe,", 1
    )
    settings.authored_dir.mkdir(parents=True, exist_ok=True)
    (settings.authored_dir / "dishes-with-a-pack-skill.yaml").write_text(yaml, encoding="utf-8")
    catalog = load_catalog(settings.pack_folders)
    rater = KnnRater(cache_dir=vector_cache, skills=catalog.skills, bank=load_bank().extended(catalog.pack_exemplars))
    rehearsal = bootstrap(settings, rater=rater, partner=ScriptedPartner())
    accounts = Accounts(rehearsal.engine)
    accounts.create("lena", Role.learner, "correct horse battery")
    yield Pages(rehearsal, Access(accounts, rehearsal.store))
    rehearsal.close()


def test_a_pack_skill_shows_its_name_in_the_ratings_coach_and_debrief(pages):
    rehearsal = pages.rehearsal
    assert "dishes-with-a-pack-skill" in rehearsal.library().scenarios
    status = rehearsal.start("dishes-with-a-pack-skill", learner_id="lena")
    for _ in rehearsal.send(status.session_id, "Which evening this week will you wash your dishes, and by when?"):
        pass
    shown = show(pages, rehearsal.status(status.session_id))
    assert PACK_NAME in visible_text(shown.ratings)
    assert PACK_SKILL not in visible_text(shown.ratings)
    assert PACK_SKILL not in visible_text(shown.coach)
    debrief = debrief_view(pages, pages.access.accounts.get("lena"), status.session_id)
    assert PACK_NAME in visible_text(debrief.debrief_skills)
    assert PACK_NAME in visible_text(debrief.debrief_transcript)
    for html in (debrief.debrief_skills, debrief.debrief_transcript, debrief.debrief_summary):
        assert PACK_SKILL not in visible_text(html)

"""A partner backend is built from typed options: one it does not know is an error that names it
and the options the backend takes, never silently dropped."""

from __future__ import annotations

import pytest

from simulator.components import make_partner
from simulator.partner.backends.base import PartnerUnavailable, build_partner
from simulator.settings import Settings


@pytest.mark.parametrize("name", ["scripted", "openai", "local"])
def test_an_unknown_option_is_refused_with_the_options_the_backend_takes(name):
    with pytest.raises(PartnerUnavailable) as caught:
        build_partner(name, histroy_tokens=800)
    message = str(caught.value)
    assert "histroy_tokens" in message and "it takes:" in message
    assert ("history_tokens" in message) == (name != "scripted")


def test_an_option_of_the_wrong_type_or_range_is_refused():
    with pytest.raises(PartnerUnavailable, match="timeout_s"):
        build_partner("openai", url="http://127.0.0.1:9/v1", timeout_s="soon")
    with pytest.raises(PartnerUnavailable, match="typing_ms"):
        build_partner("scripted", typing_ms=-5)


def test_an_unknown_backend_lists_the_known_ones():
    with pytest.raises(PartnerUnavailable, match="choose one of: local, openai, scripted"):
        build_partner("magic")


def test_the_openai_backend_without_a_server_says_which_setting_to_set():
    with pytest.raises(PartnerUnavailable, match="set REHEARSE_PARTNER_URL"):
        build_partner("openai")


def test_the_settings_reach_the_backend_they_configure(tmp_path):
    scripted = make_partner(Settings(data_dir=tmp_path, partner="scripted", scripted_typing_ms=40))
    assert scripted.name == "scripted" and scripted.typing_s == pytest.approx(0.04)
    served = make_partner(
        Settings(data_dir=tmp_path, partner="openai", partner_url="http://127.0.0.1:9/v1", partner_history_tokens=700)
    )
    assert served.name == "openai" and served.history_tokens == 700

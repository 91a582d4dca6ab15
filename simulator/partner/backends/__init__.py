"""Partner backends share one interface: a request (messages + stance) in, streamed text out."""

from simulator.partner.backends.base import (
    PartnerBackend,
    PartnerRequest,
    PartnerUnavailable,
    build_partner,
    register_partner,
)

__all__ = ["PartnerBackend", "PartnerRequest", "PartnerUnavailable", "build_partner", "register_partner"]

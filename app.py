"""The Rehearse browser app: sign in, pick a scenario, rehearse with skill feedback each turn, then
the debrief and progress pages; instructors and researchers also get the console.

Thin on purpose: the rehearsal lives in `simulator.runtime.Rehearsal` (built by
`simulator.bootstrap`), sign-in and the HTTP routes in `simulator.web.server`, each tab in a
module under `simulator.web.pages`, and serving in `simulator.web.launch`. Run with
`rehearse serve` (or `python app.py`); settings come from REHEARSE_* variables.
"""

from __future__ import annotations

from simulator.web.launch import build_server, launch

__all__ = ["build_server", "launch"]

if __name__ == "__main__":
    from simulator.terminal import configure

    configure(verbose=False)
    launch()

"""The `rehearse` commands keep the terminal for what Rehearse says: libraries' warnings and
progress bars only with --verbose, and no "nanobind: leaked" pages when the process exits."""

from __future__ import annotations

import logging

import pytest

from simulator.terminal import configure
from tests.processes import REPO, run_fresh_python


@pytest.fixture
def restored_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


def shown(caplog_handler: logging.Handler, name: str, level: int) -> bool:
    record = logging.LogRecord(name, level, __file__, 1, "message", None, None)
    return all(f.filter(record) for f in caplog_handler.filters)


def test_quietly_a_librarys_warning_is_dropped_and_ours_and_errors_are_kept(restored_logging):
    configure(verbose=False)
    handler = logging.getLogger().handlers[0]
    assert not shown(handler, "root", logging.WARNING)  # onnxruntime warns through the root logger
    assert not shown(handler, "transformers.modeling_utils", logging.WARNING)
    assert shown(handler, "feedback.soothing.audit", logging.WARNING)
    assert shown(handler, "onnxruntime", logging.ERROR)


def test_verbose_shows_libraries_warnings_too(restored_logging):
    configure(verbose=True)
    assert shown(logging.getLogger().handlers[0], "root", logging.WARNING)


def test_triton_stays_unloaded_so_its_bindings_cannot_dump_leaks_at_exit():
    """transformers imports torch's compiler, which imports Triton when it is installed; Triton's
    nanobind bindings then print "leaked ..." pages at exit. Rehearse never runs Triton kernels."""
    code = (
        "import sys; from simulator.terminal import configure; configure(False); "
        "import transformers.masking_utils; print('loaded', sys.modules.get('triton') is None)"
    )
    done = run_fresh_python(code, timeout=300, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "loaded True" in done.stdout
    assert "nanobind" not in done.stderr and "leaked" not in done.stderr

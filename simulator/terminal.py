"""A quiet terminal for the `rehearse` commands: what Rehearse itself says, and errors, but no
progress bars, library warnings or shutdown dumps unless `--verbose`."""

from __future__ import annotations

import logging
import os
import sys
import warnings

OURS = ("simulator", "feedback", "scenarios", "benchmarks", "app", "__main__")
QUIET_ENV = {
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",  # "Loading weights" and download bars
    "TQDM_DISABLE": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}


class OursOrErrors(logging.Filter):
    """Rehearse's own warnings pass; a library's pass only from ERROR up (onnxruntime, for one,
    warns through the root logger on every quantisation)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or record.name.split(".")[0] in OURS


def configure(verbose: bool) -> None:
    """Call first thing in an entry point, before models or libraries load."""
    # Rehearse never runs Triton kernels (the encoder is ONNX on CPU; torch only exports it). When
    # torch finds Triton installed it imports it, and Triton's bindings print pages of "nanobind:
    # leaked ..." as the interpreter exits. Marking it absent makes torch skip it.
    if "triton" not in sys.modules and not os.environ.get("REHEARSE_ALLOW_TRITON"):
        sys.modules["triton"] = None  # type: ignore[assignment]
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s" if verbose else "%(message)s"))
    if not verbose:
        for name, value in QUIET_ENV.items():
            os.environ.setdefault(name, value)
        handler.addFilter(OursOrErrors())
        warnings.filterwarnings("ignore", module=r"(?!simulator|feedback|scenarios|benchmarks|app)")
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)

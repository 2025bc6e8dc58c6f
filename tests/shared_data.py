"""Where the tests find the project's shared data: ``../shared`` beside the project, or
``ALIGNER_SHARED=DIR`` (the variable the benchmarks honour too). Tests that need it skip
without it, and fail instead when ``CI`` is set."""
from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("ALIGNER_SHARED") or Path(__file__).resolve().parents[2] / "shared")

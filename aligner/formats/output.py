"""Where a writer's bytes go: a file, written atomically, or stdout when the path is ``-``."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..atomic import atomic_write

STDIO = "-"


def is_stdio(path: str | Path) -> bool:
    return str(path) == STDIO


@contextlib.contextmanager
def open_output(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary handle for ``path``: stdout for ``-`` (so outputs pipe), otherwise a
    temporary file renamed over ``path`` only when writing succeeded."""
    if is_stdio(path):
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    with atomic_write(path) as handle:
        yield handle

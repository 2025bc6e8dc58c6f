"""``--cache DIR`` / ``--no-cache`` of ``aligner build``: the options and what they resolve to."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

CACHE_HELP = ("Keep each document's alignment in DIR and reuse it while the document, the settings, the "
              "glossary and aligner's version are unchanged, so a re-run redoes only the changed pages "
              "(default: $XDG_CACHE_HOME/aligner, else ~/.cache/aligner; delete the folder to clear it).")


def cache_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--cache DIR`` and ``--no-cache`` to a command (parameters ``cache``, ``no_cache``)."""
    command = click.option("--no-cache", is_flag=True,
                           help="Align every document afresh and store nothing.")(command)
    return click.option("--cache", type=click.Path(path_type=Path, file_okay=False), default=None,
                        metavar="DIR", help=CACHE_HELP)(command)


def open_cache(folder: Path | None, no_cache: bool) -> Any:
    """The :class:`aligner.cache.DocumentCache` the options ask for, or ``None``."""
    if no_cache:
        if folder is not None:
            raise click.UsageError("--cache and --no-cache contradict each other; give one")
        return None
    from .cache import DocumentCache

    return DocumentCache(folder)

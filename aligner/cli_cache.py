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


def open_cache(folder: Path | None, no_cache: bool, warn: Callable[[str], None] | None = None) -> Any:
    """The :class:`aligner.cache.DocumentCache` the options ask for, or ``None``.

    A folder the user named must work (exit 2 otherwise). The default one is only a saving:
    when it cannot be used (a read-only or missing home, ``XDG_CACHE_HOME`` naming a file, no
    home at all) the build runs without it and ``warn`` says why, instead of refusing to run.
    """
    if no_cache:
        if folder is not None:
            raise click.UsageError("--cache and --no-cache contradict each other; give one")
        return None
    from .cache import DocumentCache
    from .errors import AlignerError

    if folder is not None:
        return DocumentCache(folder)
    try:
        return DocumentCache(None)
    except (AlignerError, RuntimeError, OSError) as exc:  # RuntimeError: Path.home() with no home
        where = f"{exc.location()}: " if isinstance(exc, AlignerError) and exc.location() else ""
        what = exc.message if isinstance(exc, AlignerError) else str(exc)
        if warn is not None:
            warn(f"aligner: {where}{what.rstrip('.')}; building without the cache (every page is aligned "
                 "afresh). pass --cache DIR with a writable folder, or --no-cache to say so.")
        return None

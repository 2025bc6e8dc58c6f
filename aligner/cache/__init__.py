"""A content-addressed cache of per-document build results, so a re-run redoes only what changed.

``aligner build`` keeps each document's result (its report, TMX units, the bytes of its TMX and
review beads files, and what the
learning from pairs reads of them, :mod:`aligner.build_readings`) under
a key made of everything that result depends on (:mod:`.keys`: the document's bytes, the
settings, the glossary, the code and library versions). A re-run after editing one page finds
every other page's entry and aligns that page alone, and the documents as read are kept
(:mod:`.parsed`), so an unchanged page is hashed, not parsed again. The corpus-level steps (the glossary,
the term pairs, the self-check) are kept whole under a digest of every input they read
(:mod:`.corpus`): read back when those are the same, run again otherwise (one changed page
is an input of each); the self-check then reads the unchanged pages' per-unit results back
(:mod:`.unit_results`) and checks the changed pages' units only. So the outputs are the bytes a build without the cache writes, and a file whose bytes did not change is not written again
(:mod:`aligner.build_pages`).

The folder is ``--cache DIR``, by default ``$XDG_CACHE_HOME/aligner`` or ``~/.cache/aligner``
(:func:`default_dir`); ``--no-cache`` turns it off. Entries are written atomically and
checked on every read (:mod:`.store`), so concurrent builds may share the folder, a kill at
any moment leaves nothing half-used, and deleting the folder, whole or in part, at any time
only costs recomputation.

    cache = DocumentCache(folder)
    for report, units, files, readings in cache.align(docs, terms, settings, jobs, say):
        ...
    say(cache.stats.line())
"""
from __future__ import annotations

from .documents import CacheStats, DocumentCache
from .keys import default_dir
from .store import FORMAT, CacheError, EntryStore, Found

__all__ = ["FORMAT", "CacheError", "CacheStats", "DocumentCache", "EntryStore", "Found", "default_dir"]

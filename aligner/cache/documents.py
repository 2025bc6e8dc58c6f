"""The per-document step of a build through the cache: reuse what is stored, align the rest.

Every document's key is computed first (:mod:`.keys`); stored results are read and checked
(:mod:`.store`), and only the documents without a usable entry go to the runner
(:func:`aligner.build_jobs.align_documents`), in one batch, so ``--jobs`` spreads exactly the
work that is left; they keep their sentence embeddings in the same folder (:mod:`.vectors`),
so a page aligned again because the glossary or a setting changed skips the model. Results come back in corpus order, whichever were reused, so the build
writes the same bytes as without a cache. A damaged entry is named on ``say`` and recomputed;
a failed write (a full disk) is named once and the build goes on without storing more.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..wording import count
from . import codec
from .keys import default_dir, document_key, glossary_digest, settings_digest
from .store import EntryStore, Found, Lookup

if TYPE_CHECKING:
    from ..build import BuildSettings, Progress
    from ..model import Document, TermEntry
    from ..runner.early import EarlyPool
    from .codec import Result

KIND = "docs"


@dataclass
class CacheStats:
    """What the cache did in one build."""

    folder: Path
    reused: int = 0
    aligned: int = 0  # no entry (or no key): aligned and stored
    recomputed: int = 0  # an entry was there but damaged: aligned and stored again
    stored: int = 0
    write_failed: str = ""  # why storing stopped, if it did
    damaged: list[str] = field(default_factory=list)  # "stem: reason"

    def line(self) -> str:
        """``cache: 997 documents reused, 3 aligned (… recomputed) in DIR``, for the summary on stderr."""
        parts = [f"{count(self.reused, 'document')} reused", f"{self.aligned + self.recomputed} aligned"]
        if self.recomputed:
            parts.append(f"{self.recomputed} of them because their entry was damaged")
        text = f"cache: {', '.join(parts)}, {self.stored} stored in {self.folder}"
        if self.write_failed:
            text += f" (storing stopped: {self.write_failed})"
        return text


class DocumentCache:
    """Per-document build results under ``folder`` (see :mod:`aligner.cache`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_dir()
        self.store = EntryStore(self.folder, KIND)
        self.stats = CacheStats(self.folder)

    def align(self, docs: Sequence[Document], terms: Sequence[TermEntry], settings: BuildSettings, jobs: int,
              say: Progress, scheduler: str | None = None, early: EarlyPool | None = None) -> Iterator[Result]:
        """(report, units, files, readings) per document in corpus order, reusing stored results
        (``early``: workers started before the glossary was known, closed once done)."""
        from ..build_jobs import align_documents

        setting, glossary = settings_digest(settings), glossary_digest(terms)
        keys = [document_key(doc, setting, glossary) for doc in docs]
        found: dict[int, Result] = {}
        damaged: set[int] = set()
        for k, (doc, key) in enumerate(zip(docs, keys)):
            if key is None:
                continue
            lookup = self.store.get_bytes(key)
            if lookup.found is Found.HIT:
                try:
                    found[k] = codec.decode(lookup.body)
                    continue
                except ValueError as exc:
                    lookup = Lookup(Found.DAMAGED, reason=str(exc))  # checked bytes, but not a result
            if lookup.found is Found.DAMAGED:
                damaged.add(k)
                self.stats.damaged.append(f"{doc.stem}: {lookup.reason}")
                say(f"cache: entry for {doc.stem} damaged ({lookup.reason}); recomputed")
        todo = [doc for k, doc in enumerate(docs) if k not in found]
        if found:
            say(f"cache: {count(len(found), 'document')} of {len(docs)} reused from {self.folder}")
        with_vectors = dataclasses.replace(settings, embeddings_cache=self.folder)  # reused by re-aligned pages
        if not todo and early is not None:
            early.close()
        fresh = (align_documents(todo, terms, with_vectors, jobs, say, scheduler=scheduler, early=early) if todo
                 else iter(()))
        for k, key in enumerate(keys):
            if k in found:
                self.stats.reused += 1
                yield found.pop(k)
                continue
            result = next(fresh)
            if k in damaged:
                self.stats.recomputed += 1
            else:
                self.stats.aligned += 1
            if key is not None:
                self._put(key, result)
            yield result

    def _put(self, key: str, result: Result) -> None:
        if self.stats.write_failed:
            return
        try:
            self.store.put_bytes(key, codec.encode(result))
            self.stats.stored += 1
        except OSError as exc:
            self.stats.write_failed = exc.strerror or str(exc)

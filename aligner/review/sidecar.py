"""``tmx/<stem>.beads.json``: what review needs of a build, per document.

The TMX keeps only the pairs that passed ``--min-score``; review needs every bead (unaligned
sentences and doubtful pairs too), each sentence's text and line, and the text the TMX writes
(the raw segment a CAT tool shows, see ``build_document._cat_texts``), so that applying no decisions
gives back the build's TMX byte for byte. Written deterministically (sorted keys, no date).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_text
from ..errors import FormatError, InputError
from ..model import Bead, Segment

FORMAT = "aligner-beads"
VERSION = 1


@dataclass(frozen=True)
class Sentence:
    """One sentence as the page shows it (``text``) and as the TMX writes it (``tmx``)."""

    text: str
    line: int
    role: str = "body"
    tmx: str = ""  # the CAT tool's raw segment when it differs from ``text``

    @property
    def tmx_text(self) -> str:
        return self.tmx or self.text


@dataclass(frozen=True)
class BeadsFile:
    """A document's sentences (in alignment order) and its beads, with document-wide indices."""

    doc: str
    zh: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    beads: tuple[Bead, ...]
    srclang: str = "zh-CN"
    tgtlang: str = "en-US"
    min_score: float = 0.5
    header: Mapping[str, str] = field(default_factory=dict)  # the TMX header props, in order

    def to_json(self) -> str:
        data = {
            "format": FORMAT, "version": VERSION, "doc": self.doc, "srclang": self.srclang,
            "tgtlang": self.tgtlang, "min_score": self.min_score,
            "header": [[k, v] for k, v in self.header.items()],  # a list: the order is the TMX's
            "zh": [_sentence_dict(s) for s in self.zh],
            "en": [_sentence_dict(s) for s in self.en],
            "beads": [{"zh": list(b.src), "en": list(b.tgt), "score": b.score, "anchors": list(b.anchors)}
                      for b in self.beads],
        }
        parts = []
        for key in sorted(data):  # one sentence or bead per line: readable, and diffs well
            value = data[key]
            if isinstance(value, list) and value:
                inner = ",\n  ".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in value)
                parts.append(f' "{key}": [\n  {inner}\n ]')
            else:
                parts.append(f' "{key}": {json.dumps(value, ensure_ascii=False)}')
        return "{\n" + ",\n".join(parts) + "\n}\n"


def _sentence_dict(s: Sentence) -> dict[str, Any]:
    data: dict[str, Any] = {"text": s.text, "line": s.line, "role": s.role}
    if s.tmx and s.tmx != s.text:
        data["tmx"] = s.tmx
    return data


def beads_path(out: Path, stem: str) -> Path:
    return Path(out) / "tmx" / f"{stem}.beads.json"


def write_beads(path: Path, beads: BeadsFile) -> None:
    write_text(path, beads.to_json())


def from_blocks(
    doc: str,
    blocks: Sequence[tuple[Sequence[Segment], Sequence[Segment], Sequence[Bead]]],
    zh_cat: Mapping[Segment, str],
    en_cat: Mapping[Segment, str],
    *, srclang: str, tgtlang: str, min_score: float, header: Mapping[str, str],
) -> BeadsFile:
    """The build's role blocks (each aligned alone) as one document: block indices become
    document-wide ones; a block with one side empty is a run of unaligned sentences."""
    zh: list[Sentence] = []
    en: list[Sentence] = []
    beads: list[Bead] = []
    for block_zh, block_en, block_beads in blocks:
        i0, j0 = len(zh), len(en)
        zh.extend(Sentence(s.text, s.line, s.role.value, zh_cat.get(s, "")) for s in block_zh)
        en.extend(Sentence(s.text, s.line, s.role.value, en_cat.get(s, "")) for s in block_en)
        if not block_beads:
            block_beads = [Bead((k,), ()) for k in range(len(block_zh))] + [Bead((), (k,)) for k in range(len(block_en))]
        for b in block_beads:
            beads.append(Bead(tuple(i0 + k for k in b.src), tuple(j0 + k for k in b.tgt), b.score, b.anchors))
    return BeadsFile(doc, tuple(zh), tuple(en), tuple(beads), srclang, tgtlang, min_score, dict(header))


def read_beads(path: Path) -> BeadsFile:
    """Read and check a beads file; a damaged one is a one-line :class:`FormatError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("beads file not found", path=path, hint=_HINT) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"not a readable beads file ({exc})", path=path, hint=_HINT) from None
    return parse_beads(text, path)


_HINT = "re-run `aligner build` (or `aligner review ZH EN`) to write it again"


def parse_beads(text: str, path: Path) -> BeadsFile:
    """A beads file's text, checked (``path`` names it in an error)."""
    hint = _HINT
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FormatError(f"not a readable beads file ({exc})", path=path, hint=hint) from None
    try:
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError(f"format {data.get('format')!r} version {data.get('version')!r}")
        zh = tuple(_sentence(s) for s in data["zh"])
        en = tuple(_sentence(s) for s in data["en"])
        beads = tuple(Bead(_indices(b["zh"], len(zh)), _indices(b["en"], len(en)), float(b["score"]),
                           tuple(str(a) for a in b["anchors"])) for b in data["beads"])
        header = {str(k): str(v) for k, v in data["header"]}
        result = BeadsFile(str(data["doc"]), zh, en, beads, str(data["srclang"]), str(data["tgtlang"]),
                           float(data["min_score"]), header)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"damaged beads file ({type(exc).__name__}: {exc})", path=path, hint=hint) from None
    _check_cover(result, path, hint)
    return result


def _sentence(data: Any) -> Sentence:
    return Sentence(str(data["text"]), int(data["line"]), str(data.get("role", "body")), str(data.get("tmx", "")))


def _indices(values: Any, size: int) -> tuple[int, ...]:
    out = tuple(int(v) for v in values)
    if any(not 0 <= v < size for v in out):
        raise ValueError(f"sentence index out of range in {list(out)}")
    return out


def _check_cover(beads: BeadsFile, path: Path, hint: str) -> None:
    """Every sentence of each side in exactly one bead, in order: what replay relies on."""
    zh = [k for b in beads.beads for k in b.src]
    en = [k for b in beads.beads for k in b.tgt]
    if zh != list(range(len(beads.zh))) or en != list(range(len(beads.en))):
        raise FormatError("damaged beads file (the beads do not cover every sentence once, in order)",
                          path=path, hint=hint)

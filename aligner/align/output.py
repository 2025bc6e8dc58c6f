"""Writing an alignment as beads, TSV, JSON or TMX.

``beads`` is vecalign's format with the confidence as a third field (``[0, 1]:[0]:0.93``;
unaligned sentences as ``[5]:[]`` and ``[]:[7]``), one bead per line, so two runs diff well.
TSV and JSON carry the texts, confidence and anchors; TMX holds the aligned pairs only (a TM
has no use for a sentence without a partner) and the summary counts what was left out.
``min_score`` leaves pairs scored below it out of TMX and TSV, the formats that feed a TM;
beads and JSON, for analysis, always list every bead with its score.
"""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

from ..atomic import write_text
from ..model import Bead, TranslationUnit
from .embedder import model_version
from .files import AlignedFiles


class OutputFormat(str, Enum):
    TMX = "tmx"
    TSV = "tsv"
    BEADS = "beads"
    JSON = "json"


def render_beads(result: AlignedFiles) -> str:
    return "".join(f"{b.to_vecalign()}\n" for b in result.beads)


def _tsv_field(text: str) -> str:
    """Backslash escapes for tab and line breaks, then the spreadsheet formula escape."""
    from ..formats.cellguard import escape_cell
    from ..segment.files import tsv_escape

    return escape_cell(tsv_escape(text))


#: the formats that feed a TM, from which ``min_score`` leaves doubtful pairs out
FILTERED = frozenset({OutputFormat.TMX, OutputFormat.TSV})


def left_out(result: AlignedFiles, fmt: OutputFormat, min_score: float) -> int:
    """Pairs that ``write_result`` leaves out of ``fmt`` for scoring below ``min_score``."""
    return result.pairs_below(min_score) if fmt in FILTERED else 0


def _kept(bead: Bead, min_score: float) -> bool:
    """Unaligned sentences are not pairs: ``min_score`` never removes them."""
    return not (bead.src and bead.tgt) or bead.score >= min_score


def render_tsv(result: AlignedFiles, min_score: float = 0.0) -> str:
    """Header ``zh, en, score, anchors``; anchors joined with ``; ``; a cell that starts like a
    spreadsheet formula (``-5 度``) gets a leading ``'``."""
    lines = ["zh\ten\tscore\tanchors"]
    for b in result.beads:
        if not _kept(b, min_score):
            continue
        fields = (result.src_text(b), result.tgt_text(b), f"{b.score:.2f}", "; ".join(b.anchors))
        lines.append("\t".join(_tsv_field(f) for f in fields))
    return "\n".join(lines) + "\n"


def render_json(result: AlignedFiles) -> str:
    beads = [
        {
            "src": list(b.src),
            "tgt": list(b.tgt),
            "zh": result.src_text(b),
            "en": result.tgt_text(b),
            "score": round(b.score, 4),
            "anchors": list(b.anchors),
            "zh_lines": [result.src[k].line for k in b.src],
            "en_lines": [result.tgt[k].line for k in b.tgt],
        }
        for b in result.beads
    ]
    unaligned_zh, unaligned_en = result.unaligned
    data = {
        "zh": str(result.src_path),
        "en": str(result.tgt_path),
        "scorer": result.scorer,
        "model": model_version(),
        "sentences": {"zh": len(result.src), "en": len(result.tgt)},
        "unaligned": {"zh": unaligned_zh, "en": unaligned_en},
        "beads": beads,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def translation_units(result: AlignedFiles, min_score: float = 0.0) -> list[TranslationUnit]:
    """One unit per bead with both sides scored at least ``min_score``; notes say which
    sentences it joins."""
    units = []
    for b in result.beads:
        if not (b.src and b.tgt) or b.score < min_score:
            continue
        units.append(
            TranslationUnit(
                source=result.src_text(b),
                target=result.tgt_text(b),
                score=b.score,
                doc=result.src[b.src[0]].doc,
                src_line=result.src[b.src[0]].line,
                tgt_line=result.tgt[b.tgt[0]].line,
                anchors=b.anchors,
                note=f"bead {len(b.src)}-{len(b.tgt)}",
            )
        )
    return units


def write_result(result: AlignedFiles, fmt: OutputFormat, out: Path | None, min_score: float = 0.0) -> str | None:
    """Write to ``out`` atomically, or return the text for stdout when ``out`` is None."""
    if fmt is OutputFormat.TMX:
        import tempfile

        from ..formats.tmx import write_tmx

        props = {"x-aligner-scorer": result.scorer, "x-aligner-model": model_version()}
        if out is not None:
            write_tmx(translation_units(result, min_score), out, header_props=props,
                      srclang=result.srclang, tgtlang=result.tgtlang)
            return None
        with tempfile.TemporaryDirectory(prefix="aligner-") as tmp:
            path = Path(tmp) / "out.tmx"
            write_tmx(translation_units(result, min_score), path, header_props=props,
                      srclang=result.srclang, tgtlang=result.tgtlang)
            return path.read_text(encoding="utf-8")
    text = {
        OutputFormat.BEADS: render_beads,
        OutputFormat.TSV: lambda r: render_tsv(r, min_score),
        OutputFormat.JSON: render_json,
    }[fmt](result)
    if out is None:
        return text
    write_text(out, text)
    return None

"""A per-document result (report, TMX units, beads) to JSON data and back, exactly.

Explicit field by field, so decoding builds only our own dataclasses from strings, numbers
and lists (nothing is imported or called by name), and a body that does not have the
expected shape raises :class:`ValueError` (the entry is then recomputed). Floats go through
JSON's shortest repr and come back bit for bit; strings are written with ASCII escapes, so
even a lone surrogate survives.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from .. import build_readings
from ..build import DocReport
from ..build_readings import DocReadings
from ..model import Bead, TranslationUnit
from ..review.sidecar import BeadsFile, Sentence

Result = tuple[DocReport, list[TranslationUnit], BeadsFile | None, DocReadings | None]

_UNIT_FIELDS = tuple(f.name for f in dataclasses.fields(TranslationUnit))
_REPORT_FIELDS = tuple(f.name for f in dataclasses.fields(DocReport))


def encode(result: Result) -> dict[str, Any]:
    report, units, beads, readings = result
    return {
        "report": {**report.to_dict(), "foreign": [list(item) for item in report.foreign]},
        "units": [_unit_dict(u) for u in units],
        "beads": None if beads is None else _beads_dict(beads),
        "readings": build_readings.encode(readings),
    }


def decode(data: Any) -> Result:
    """The result ``data`` encodes; :class:`ValueError` when it is not one."""
    try:
        report = dict(data["report"])
        if set(report) != set(_REPORT_FIELDS):
            raise ValueError(f"report fields {sorted(report)}")
        report["foreign"] = [(int(line), str(text)) for line, text in report["foreign"]]
        units = [_unit(u) for u in data["units"]]
        beads = None if data["beads"] is None else _beads(data["beads"])
        readings = build_readings.decode(data["readings"])
        return DocReport(**report), units, beads, readings
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a document result ({type(exc).__name__}: {exc})") from None


def _unit_dict(unit: TranslationUnit) -> dict[str, Any]:
    data = dataclasses.asdict(unit)
    data["anchors"] = list(unit.anchors)
    data["props"] = [list(p) for p in unit.props]
    return data


def _unit(data: dict[str, Any]) -> TranslationUnit:
    if set(data) != set(_UNIT_FIELDS):
        raise ValueError(f"unit fields {sorted(data)}")
    values = dict(data)
    values["anchors"] = tuple(str(a) for a in data["anchors"])
    values["props"] = tuple((str(k), str(v)) for k, v in data["props"])
    return TranslationUnit(**values)


def _beads_dict(beads: BeadsFile) -> dict[str, Any]:
    return {
        "doc": beads.doc, "srclang": beads.srclang, "tgtlang": beads.tgtlang, "min_score": beads.min_score,
        "header": [[k, v] for k, v in beads.header.items()],
        "zh": [[s.text, s.line, s.role, s.tmx] for s in beads.zh],
        "en": [[s.text, s.line, s.role, s.tmx] for s in beads.en],
        "beads": [[list(b.src), list(b.tgt), b.score, list(b.anchors)] for b in beads.beads],
    }


def _beads(data: dict[str, Any]) -> BeadsFile:
    def sentences(rows: Any) -> tuple[Sentence, ...]:
        return tuple(Sentence(str(text), int(line), str(role), str(tmx)) for text, line, role, tmx in rows)

    beads = tuple(Bead(tuple(int(i) for i in src), tuple(int(j) for j in tgt), float(score), tuple(str(a) for a in anchors))
                  for src, tgt, score, anchors in data["beads"])
    return BeadsFile(str(data["doc"]), sentences(data["zh"]), sentences(data["en"]), beads, str(data["srclang"]),
                     str(data["tgtlang"]), float(data["min_score"]), {str(k): str(v) for k, v in data["header"]})

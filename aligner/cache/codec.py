"""A per-document result (report, TMX units, output files, readings) to bytes and back, exactly.

The body is one line of JSON, then the page's output files as they are (the TMX and the
beads file, :class:`aligner.build_pages.PageFiles`), their lengths in the JSON: no escaping
of the files' text, and a hit hands their bytes to the build unchanged. The JSON is explicit
field by field, so decoding builds only our own dataclasses from strings, numbers and lists
(nothing is imported or called by name), and a body that does not have the expected shape
raises :class:`ValueError` (the entry is then recomputed). Floats go through JSON's shortest
repr and come back bit for bit; strings are written as UTF-8 (half the bytes of ASCII escapes
for Chinese, and quicker to read back), a lone surrogate passing through as its three bytes.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from .. import build_readings
from ..build import DocReport
from ..build_pages import PageFiles
from ..build_readings import DocReadings
from ..model import TranslationUnit

Result = tuple[DocReport, list[TranslationUnit], PageFiles, DocReadings | None]

_UNIT_FIELDS = tuple(f.name for f in dataclasses.fields(TranslationUnit))
_REPORT_FIELDS = tuple(f.name for f in dataclasses.fields(DocReport))


def encode(result: Result) -> bytes:
    report, units, files, readings = result
    head = {
        "report": {**report.to_dict(), "foreign": [list(item) for item in report.foreign]},
        "units": [_unit_dict(u) for u in units],
        "files": {"tmx": None if files.tmx is None else len(files.tmx),
                  "beads": None if files.beads is None else len(files.beads),
                  "control_chars_removed": files.control_chars_removed, "long_segments": files.long_segments,
                  "date": files.date},
        "readings": build_readings.encode(readings),
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))  # JSON escapes line breaks: one line
    return b"".join((text.encode("utf-8", "surrogatepass"), b"\n", files.tmx or b"", files.beads or b""))


def decode(body: bytes) -> Result:
    """The result ``body`` encodes; :class:`ValueError` when it is not one."""
    line, sep, rest = body.partition(b"\n")
    try:
        data = json.loads(line.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"unreadable JSON ({exc})") from None
    try:
        report = dict(data["report"])
        if set(report) != set(_REPORT_FIELDS):
            raise ValueError(f"report fields {sorted(report)}")
        report["foreign"] = [(int(line), str(text)) for line, text in report["foreign"]]
        units = [_unit(u) for u in data["units"]]
        files = _files(data["files"], rest if sep else b"")
        readings = build_readings.decode(data["readings"])
        return DocReport(**report), units, files, readings
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a document result ({type(exc).__name__}: {exc})") from None


def _files(data: dict[str, Any], blob: bytes) -> PageFiles:
    sizes = [data["tmx"], data["beads"]]
    if any(n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 0) for n in sizes):
        raise ValueError("a file length is not a count")
    if sum(n or 0 for n in sizes) != len(blob):
        raise ValueError("the files' lengths do not add up to the body")
    tmx_size = sizes[0] or 0
    tmx = None if sizes[0] is None else blob[:tmx_size]
    beads = None if sizes[1] is None else blob[tmx_size:]
    date = data["date"]
    if date is not None and not isinstance(date, str):
        raise ValueError("a creation date is not text")
    return PageFiles(tmx, beads, build_readings._int(data["control_chars_removed"]),
                     build_readings._int(data["long_segments"]), date)


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

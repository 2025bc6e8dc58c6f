"""ASS/SSA subtitles (Advanced SubStation Alpha, the usual format of Chinese fan-subs).

A script is sections of ``Key: value`` lines; the text is the last field of each
``Dialogue:`` line in ``[Events]`` (its position named by the ``Format:`` line), with
override blocks ``{\\fs12\\c&H00FFFF&}`` inside, ``\\N`` for a line break and ``\\h`` a hard
space. Read as cues, so the SRT reader's rules apply unchanged (sentences joined across
cues, dialogue dashes, sound cues, bilingual files): a dialogue's ``\\N`` parts are the cue's
lines, and dialogues with the same start and end are one cue (a bilingual script often
gives the English its own style and its own ``Dialogue:`` line at the same times).

Debris: every line that is not dialogue (``[Script Info]``, styles, ``Format:``, ``Comment:``
lines, fonts and graphics) is ``ass-section``; a dialogue's fields before its text
(layer, times, style, margins, effect) are ``timecode``; its speaker name is ``voice``;
override blocks ``ass-override``; a vector drawing (``{\\p1}m 0 0 l …``) is ``image``.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...model import Debris
from ..decode import decode
from . import FormatReader, Rendering, SourceFormat, register
from .subtitles import Cue, cues_rendering

_SUFFIXES = (".ass", ".ssa")
_SECTION = re.compile(r"\s*\[[^\]]{1,60}\]\s*")
_DRAWING = re.compile(r"\{[^{}]*\\p[1-9][^{}]*\}")
_DEFAULT_FORMAT = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"]


def _sniff(head: bytes, suffix: str) -> bool:
    text = head.removeprefix(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[2:len(head) // 2 * 2].decode("utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be",
                                                  "replace").encode("utf-8")
    return text.lstrip().lower().startswith(b"[script info]") or (
        suffix in _SUFFIXES and b"dialogue:" in text.lower())


def read_ass(data: bytes, path: Path, strict: bool) -> Rendering:
    text, encoding = decode(data, path, strict=strict)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    debris: list[Debris] = []
    fields = _DEFAULT_FORMAT
    section = ""
    cues: dict[tuple[str, str], Cue] = {}
    for no, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if _SECTION.fullmatch(stripped):
            section = stripped.lower()
        key, colon, value = stripped.partition(":")
        key = key.strip().lower()
        if section == "[events]" and key == "format" and colon:
            fields = [name.strip().lower() for name in value.split(",")]
        if not (section == "[events]" and key == "dialogue" and colon and "text" in fields):
            debris.append(Debris("ass-section", no, stripped))
            continue
        parts = value.split(",", len(fields) - 1)
        if len(parts) < len(fields):
            debris.append(Debris("ass-section", no, stripped))
            continue
        row = dict(zip(fields, parts))
        said = row["text"]
        debris.append(Debris("timecode", no, stripped[:len(stripped) - len(said)].strip()))
        if row.get("name", "").strip():
            debris.append(Debris("voice", no, row["name"].strip()))
        if _DRAWING.search(said):
            debris.append(Debris("image", no, said))
            continue
        cue = cues.setdefault((row.get("start", "").strip(), row.get("end", "").strip()), Cue())
        # \N and \n break the line; what a line holds is cleaned by the SRT reader's rules
        pieces = re.split(r"(\\[Nn])", said)
        debris.extend(Debris("ass-override", no, brk) for brk in pieces[1::2])
        cue.lines.extend((no, piece) for piece in pieces[::2])
    return cues_rendering(list(cues.values()), debris, encoding)


register(FormatReader(
    format=SourceFormat.SUBTITLES, suffixes=_SUFFIXES, sniff=_sniff, read=read_ass,
    describe="ASS/SSA subtitles (.ass, .ssa, or a file opening with [Script Info]): the text of each "
             "Dialogue line, override codes removed; bilingual scripts give their English as the English side",
))

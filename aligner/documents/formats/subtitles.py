"""SRT and WebVTT subtitles: cue text only, a sentence that runs across cues as one block.

Why our own parser and not ``srt``, ``webvtt-py`` or ``pysubs2`` (all MIT): none of them
keeps the line a cue's text came from, which every block and debris record needs, and they
either raise on the malformed files translators receive (a timecode without text, a missing
blank line, text after a blank line inside a cue) or drop the odd lines without a word.
The grammar is small: a cue is an optional number or identifier line, a timing line
(``00:00:01,000 --> 00:00:03,500`` and maybe cue settings) and text lines up to a blank line.

Every line ends up somewhere: cue numbers and identifiers, timecodes, cue settings, the
WebVTT header and NOTE/STYLE/REGION blocks are debris with their lines; inline tags
(``<i>`` ``<font …>`` ``{\\an8}`` ``<c.x>`` ``<00:00:01.000>``) are debris with their text
kept; a ``<v Speaker>`` voice tag is debris (the name is data, not text), and so is a ruby
reading ``<rt>hàn</rt>`` (``markup``, as in HTML: an annotation above the text, not text);
an ASS ``\\N`` line break left in an SRT converted from ASS is a soft break and ``\\h`` a
space (``ass-override``). Anything else,
stray lines included, is text.

Blocks. Cues are joined (Chinese without a space, English with one, see
:func:`~aligner.documents.text.soft_join`) until one ends a sentence, so a sentence split
over two or three cues is one segment; a line break inside a cue is a soft break. Two
guards keep joins short: a block takes at most :data:`MAX_JOINED` cues, and a file whose
cues mostly end without sentence punctuation (fansubs often end a cue with no mark) is read
one cue per block. A dialogue cue (lines opening with ``- ``, one per speaker) closes the
open block and makes one block per speaker, its dash recorded as ``dialogue-dash``: two
speakers never share a sentence, and a speaker's line does not run into the next cue.
An ellipsis ends a sentence too: a cue ending ``...`` whose sentence goes on in the next
cue (``...and then``) makes two blocks. A cue that only describes a sound (``[音乐]``,
``♪ …``) is a block of its own.

Bilingual files. Fan-subs and recorded courses put a Chinese line and its English line in
each cue; when at least :data:`BILINGUAL_SHARE` of the cues do (in either order), the
English lines are read apart, joined across cues the same way, and returned as the
rendering's ``english``: the document's English side, which the build pairs with the
Chinese as it pairs a paper's embedded English abstract.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...model import Debris, DocKind
from ..decode import decode
from ..text import CLOSERS, count_han, count_latin, is_english, soft_join
from . import FormatReader, Rendering, SourceFormat, blocks_rendering, register

#: At most this many cues are joined into one block (a sentence rarely needs more).
MAX_JOINED = 4
#: A file is read one cue per block when fewer than this share of its cues end a sentence.
PUNCTUATED_SHARE = 0.3

_STAMP = r"(?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[.,:]\d{1,3})?"
TIMING = re.compile(rf"\s*({_STAMP})\s*-->\s*({_STAMP})(.*)")
_VTT_HEADER = re.compile(r"\ufeff?WEBVTT(?:[ \t].*)?")
_VTT_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_DASH = re.compile(r"[ \t]*[-‐–－](?![-‐–－\d])[ \t]*")
_FINAL = "。！？!?.…"
#: a cue that only describes a sound (subtitles for the deaf): [音乐], (笑声), 【掌声】, ♪ …
_SOUND = re.compile(r"\s*(?:\[[^\[\]]*\]|\([^()]*\)|（[^（）]*）|【[^【】]*】|♪[^♪]*♪?)\s*")

# inline markup, in the order it is tried: voice, cue timestamp, tag, ASS override, entity
_INLINE = re.compile(
    r"(?P<ruby><rt(?:\.[\w.-]{0,100})?>[^<>\n]{0,300}</rt>)"  # a reading above the text, not text
    r"|(?P<voice><v(?:\.[\w.-]{0,100})?(?:[ \t][^<>\n]{0,300})?>)"
    r"|(?P<stamp><(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}>)"
    r"|(?P<tag></?(?:i|b|u|s|c|v|lang|ruby|rt|font|span)(?:[.\s=][^<>\n]{0,300})?>)"
    r"|(?P<ass>\{\\[^{}\n]{0,300}\})"
    r"|(?P<assbreak>\\[Nh])"  # ASS line break and hard space, left in an SRT converted from ASS
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    re.I,
)
_KIND = {"assbreak": "ass-override", "ruby": "markup", "voice": "voice", "stamp": "cue-timestamp", "tag": "subtitle-tag", "ass": "ass-override",
         "entity": "entity"}


def _head_text(head: bytes) -> str:
    """Enough of the head to see timecodes: UTF-16 decoded, anything else read as Latin-1
    (the timing lines are ASCII in UTF-8, GB18030 and Big5 alike)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:200:2].count(0) > 20 or head[0:200:2].count(0) > 20:
        le = head.startswith(b"\xff\xfe") or head[1:200:2].count(0) > head[0:200:2].count(0)
        return head[: len(head) // 2 * 2].decode("utf-16-le" if le else "utf-16-be", "replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _is_vtt(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    return bool(_VTT_HEADER.fullmatch(first))


def _sniff(head: bytes, suffix: str) -> bool:
    """WebVTT by its header; SRT when the first line is a cue number above a timing line or
    a timing line itself; the extension only decides a file with timing lines elsewhere."""
    text = _head_text(head)
    if _is_vtt(text):
        return True
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
             if line.strip()][:3]
    if lines and TIMING.match(lines[0]):
        return True
    if len(lines) >= 2 and lines[0].strip().isdigit() and TIMING.match(lines[1]):
        return True
    return suffix in (".srt", ".vtt") and any(TIMING.match(line) for line in lines + text.split("\n")[:200])


@dataclass
class Cue:
    """The text lines of one cue, as (original line, raw text)."""

    lines: list[tuple[int, str]] = field(default_factory=list)


def parse_cues(lines: list[str], *, vtt: bool, debris: list[Debris]) -> list[Cue]:
    """Lines → cues; everything that is not cue text goes to ``debris`` with its line."""
    cues: list[Cue] = []
    in_text = False  # the previous line was a timing or text line of the current cue
    i = 0
    if vtt and lines and _is_vtt(lines[0]):
        while i < len(lines) and lines[i].strip() and not (i and TIMING.match(lines[i])):
            debris.append(Debris("vtt-header", i + 1, lines[i].lstrip("\ufeff").strip()))
            i += 1
    while i < len(lines):
        line, no = lines[i], i + 1
        stripped = line.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            in_text = False
        elif match := TIMING.match(line):
            debris.append(Debris("timecode", no, f"{match[1]} --> {match[2]}"))
            if match[3].strip():
                debris.append(Debris("cue-setting", no, match[3].strip()))
            cues.append(Cue())
            in_text = True
        elif TIMING.match(nxt) and (stripped.isdigit() or not in_text):
            debris.append(Debris("cue-number" if stripped.isdigit() else "cue-id", no, stripped))
        elif vtt and not in_text and _VTT_BLOCK.fullmatch(stripped):
            while i < len(lines) and lines[i].strip():
                debris.append(Debris("vtt-block", i + 1, lines[i].strip()))
                i += 1
            continue
        else:  # cue text; a stray line (after a blank line inside a cue) continues the last cue
            if not cues:
                cues.append(Cue())
            cues[-1].lines.append((no, line))
            in_text = True
        i += 1
    return cues


def clean_line(text: str, no: int, debris: list[Debris]) -> str:
    """Inline markup → debris (text kept, entities decoded); the line's text."""
    def repl(match: re.Match[str]) -> str:
        kind = match.lastgroup or "tag"
        debris.append(Debris(_KIND[kind], no, match.group()))
        if kind == "assbreak":  # \N breaks the line (a soft break), \h is a space
            return soft_join(text[:match.start()].rstrip(), text[match.end():].lstrip()) if match.group() == "\\N" else " "
        return html.unescape(match.group()) if kind == "entity" else ""

    return _INLINE.sub(repl, text).strip()


def ends_cue_sentence(text: str) -> bool:
    """Sentence-final punctuation (Chinese or English, maybe inside closing quotes).
    Unlike :func:`~aligner.documents.text.ends_sentence`, an English full stop counts and a
    colon does not (a cue ending ``他说：`` runs into the quote in the next)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


def _join(left: str, right: str) -> str:
    return left + soft_join(left, right) + right if left and right else left or right


@dataclass
class _Item:
    line: int
    text: str


def _cue_items(cue: Cue, debris: list[Debris]) -> tuple[list[_Item], bool]:
    """A cue's text as items (one, or one per speaker of a dialogue cue) and whether it
    is a dialogue cue."""
    cleaned = [(no, clean_line(raw, no, debris)) for no, raw in cue.lines]
    cleaned = [(no, text) for no, text in cleaned if text]
    dialogue = any(_DASH.match(text) and _DASH.sub("", text, 1).strip() for _, text in cleaned)
    items: list[_Item] = []
    for no, text in cleaned:
        dash = _DASH.match(text) if dialogue else None
        if dash and dash.end() < len(text):
            debris.append(Debris("dialogue-dash", no, dash.group().strip()))
            items.append(_Item(no, text[dash.end():].strip()))
        elif items:
            items[-1].text = _join(items[-1].text, text)
        else:
            items.append(_Item(no, text))
    return items, dialogue


def cue_blocks(cues: list[Cue], debris: list[Debris]) -> list[tuple[int, str]]:
    """(line, text) blocks: cues joined until a sentence ends (see the module docstring)."""
    per_cue = [_cue_items(cue, debris) for cue in cues]
    texts = [items[-1].text for items, dialogue in per_cue if items and not dialogue]
    joining = bool(texts) and sum(map(ends_cue_sentence, texts)) >= PUNCTUATED_SHARE * len(texts)
    blocks: list[tuple[int, str]] = []
    open_: _Item | None = None
    joined = 0

    def close() -> None:
        nonlocal open_, joined
        if open_ is not None:
            blocks.append((open_.line, open_.text))
        open_, joined = None, 0

    for items, dialogue in per_cue:
        if not items:
            continue
        if dialogue or _SOUND.fullmatch(items[0].text):  # a sound cue ([音乐], ♪ …) is a block of its own
            close()
            blocks.extend((item.line, item.text) for item in items)
            continue
        item = items[0]
        if open_ is None:
            open_ = _Item(item.line, item.text)
        else:
            open_.text = _join(open_.text, item.text)
        joined += 1
        if not joining or ends_cue_sentence(open_.text) or joined >= MAX_JOINED:
            close()
    close()
    return blocks


#: A file is bilingual when at least this share of its cues holds a Chinese and an English line.
BILINGUAL_SHARE = 0.5


def _language(raw: str) -> str:
    """``zh``, ``en`` or ``""`` (neither: a name, a number, a sound effect in brackets)."""
    text = _INLINE.sub("", raw)
    if count_han(text):
        return "zh"
    return "en" if count_latin(text) >= 2 and is_english(text) else ""


def split_bilingual(cues: list[Cue]) -> tuple[list[Cue], list[Cue]] | None:
    """The Chinese and the English cues of a bilingual file (each cue a Chinese line and its
    English line, the fan-sub and course layout), or ``None`` for a file in one language.
    A line in neither language stays with the Chinese."""
    langs = [[_language(raw) for _, raw in cue.lines] for cue in cues]
    spoken = [ls for ls in langs if any(ls)]
    both = sum(1 for ls in spoken if "zh" in ls and "en" in ls)
    if not spoken or both < BILINGUAL_SHARE * len(spoken):
        return None
    zh = [Cue([line for line, lang in zip(cue.lines, ls) if lang != "en"]) for cue, ls in zip(cues, langs)]
    en = [Cue([line for line, lang in zip(cue.lines, ls) if lang == "en"]) for cue, ls in zip(cues, langs)]
    return zh, en


def read_subtitles(data: bytes, path: Path, strict: bool) -> Rendering:
    """Render an SRT or WebVTT file (see the module docstring); a bilingual file's English
    lines are its :attr:`~Rendering.english`."""
    text, encoding = decode(data, path, strict=strict)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # the line numbering of lines.split_lines
    vtt = _is_vtt(text) or path.suffix.lower() == ".vtt"
    debris: list[Debris] = []
    cues = parse_cues(text.split("\n"), vtt=vtt, debris=debris)
    return cues_rendering(cues, debris, encoding)


def cues_rendering(cues: list[Cue], debris: list[Debris], encoding: str) -> Rendering:
    """The rendering of parsed cues (SRT, WebVTT, ASS): blocks, and a bilingual file's English."""
    sides = split_bilingual(cues)
    english = None
    if sides is not None:
        cues = sides[0]
        en_debris: list[Debris] = []
        en_blocks = cue_blocks(sides[1], en_debris)
        english = blocks_rendering(en_blocks, encoding=encoding, kind=DocKind.SUBTITLES, fmt=SourceFormat.SUBTITLES,
                                   debris=sorted(en_debris, key=lambda d: d.line))
    blocks = cue_blocks(cues, debris)
    debris.sort(key=lambda d: d.line)
    rendering = blocks_rendering(blocks, encoding=encoding, kind=DocKind.SUBTITLES, fmt=SourceFormat.SUBTITLES,
                                 debris=debris)
    rendering.english = english
    return rendering


register(FormatReader(
    format=SourceFormat.SUBTITLES, suffixes=(".srt", ".vtt"), sniff=_sniff, read=read_subtitles,
    describe="SRT and WebVTT subtitles (.srt, .vtt; recognised from content): cue text only, a "
             "sentence that runs across cues joined into one segment; cue numbers, timecodes, "
             "settings, NOTE/STYLE blocks and inline tags are counted debris; the English lines of a "
             "bilingual file are its English",
))

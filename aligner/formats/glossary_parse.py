"""Glossary reading, the parts every format shares: decoding the bytes, recognising the format,
and assembling an entry from the cells or notes that describe it (see :mod:`.glossary_read`)."""
from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from lxml import etree

from ..charsets import charset_codec, decode_declared, is_codec
from ..documents.decode import decode_exact, refuse_workbook
from ..errors import EncodingError, FormatError
from ..han import has_han
from ..model import Source, TermEntry, TermKind, TermStatus, VariantSource
from .csvrows import file_lines, first_row
from .xmltext import local_name



class GlossaryFormat(str, Enum):
    """Glossary formats this module reads."""

    TBX2 = "tbx-v2"  # ISO 30042:2008, root <martif>
    TBX3 = "tbx-v3"  # ISO 30042:2019, root <tbx>
    CSV = "csv"  # header row naming the zh and en columns
    OMEGAT = "omegat"  # OmegaT glossary: source<TAB>target<TAB>comment


# --- decoding ---------------------------------------------------------------------------

_XML_DECLARED = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")


#: legacy names declared in XML headers, read as the superset that files so named really use
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
              "euc-cn": "gb18030", "big5": "cp950"}


def _declared_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration names, when it is not a Unicode one (a BOM, or UTF-8
    and UTF-16 bytes, are recognised by the shared decoder anyway)."""
    match = _XML_DECLARED.match(data[:1024])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower().replace("_", "-")
    if name.startswith(("utf-8", "utf8", "utf-16", "utf16", "utf-32", "utf32")):
        return None
    return _SUPERSETS.get(name, name)


def _decode(data: bytes, path: str) -> str:
    """Glossary bytes to text, as documents are decoded (BOMs, UTF-16, UTF-8, GB18030/GBK as
    Chinese Excel saves CSV, Big5), except that a bad byte is an error, never a U+FFFD inside
    a term. An XML glossary that declares a legacy encoding (``<?xml ... encoding="GB2312"?>``,
    ``ISO-8859-1``) is read in that encoding: its bytes alone could be mistaken for GBK."""
    refuse_workbook(data, path, what="a glossary file",
                    hint="save the sheet as CSV UTF-8 (Excel: File > Save As > CSV UTF-8) with zh and en columns")
    declared = _declared_encoding(data)
    if declared is not None:
        codec = charset_codec(declared)
        if codec is None:
            what = (f"'{declared}', which is not a character set" if is_codec(declared)
                    else f"an unknown encoding '{declared}'")
            raise EncodingError(f"the XML declaration names {what}", path=path, line=1, hint="declare UTF-8 and save the glossary as UTF-8")
        try:
            return decode_declared(data, codec)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise EncodingError(
                f"byte 0x{data[exc.start]:02x} is not valid {declared} as the XML declaration says",
                path=path, line=line, hint="fix the encoding declaration or save the glossary as UTF-8",
            ) from None
    # a document skips a few bad bytes; a term must not hold one
    return decode_exact(data, path, hint="repair the term or re-save the glossary as UTF-8")[0]


# --- detection --------------------------------------------------------------------------

_ZH_HEADERS = {"zh", "chinese", "source", "src", "term", "source term", "zh term", "中文", "原文",
               "术语"}
_EN_HEADERS = {"en", "english", "target", "tgt", "translation", "target term", "en term", "英文",
               "译文"}


def _header_role(name: str) -> str | None:
    """'zh' or 'en' when a CSV header cell names a language column."""
    key = name.strip().strip("\ufeff").lower().replace("_", "-")
    if key in _ZH_HEADERS or key.startswith("zh-") or key in {"cmn", "zho", "chi"}:
        return "zh"
    if key in _EN_HEADERS or key.startswith("en-") or key in {"eng"}:
        return "en"
    return None


def _names_zh_en(line: str) -> bool:
    delimiter = "\t" if "\t" in line else ","
    roles = {_header_role(cell) for cell in first_row(line, delimiter)}
    return {"zh", "en"} <= roles


def _first_line(text: str) -> tuple[int, str]:
    """Index and text of the line a table starts with: the first that is neither blank nor a
    ``#`` comment, unless a ``#`` line is a header naming a zh and an en column (then that
    header, without its ``#``). Our CSV writes its header so because OmegaT's CSV glossary
    reader skips ``#`` lines and would otherwise take the header for an entry."""
    for index, line in enumerate(file_lines(text)):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            continue
        if stripped.startswith("#"):
            if _names_zh_en(stripped[1:]):
                return index, stripped[1:]
            continue
        return index, line
    return -1, ""


def _xml_root(text: str) -> tuple[str, int]:
    """Local name and line of the root element, as the XML parser sees it (a comment that
    holds a tag does not fool it); a regular expression when the prolog does not parse, so
    the syntax error is reported by the real parse."""
    data = re.sub(r"^\s*<\?xml[^>]*\?>", lambda m: "\n" * m.group().count("\n"), text, count=1)
    try:
        for _event, element in etree.iterparse(
            io.BytesIO(data.encode("utf-8")), events=("start",), resolve_entities=False,
            load_dtd=False, no_network=True, huge_tree=False,
        ):
            return local_name(element.tag), element.sourceline or 1
    except etree.XMLSyntaxError:
        pass
    match = re.search(r"<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)", text)
    if match is None:
        return "", 1
    return match.group(2), text.count("\n", 0, match.start()) + 1


def detect_format(text: str, path: str = "") -> GlossaryFormat:
    """Recognise the glossary format from the content; the extension only breaks ties."""
    head = text.lstrip()
    if head.startswith("<"):
        root, line = _xml_root(text)
        if root == "martif":
            return GlossaryFormat.TBX2
        if root == "tbx":
            return GlossaryFormat.TBX3
        raise FormatError(
            f"XML root <{root}> is not a glossary", path=path, line=line,
            hint="give a TBX file (root <martif> for TBX v2 or <tbx> for TBX v3)",
        )
    _index, first = _first_line(text)
    suffix = Path(path).suffix.lower()
    delimiter = "\t" if "\t" in first else ","
    cells = first_row(first, delimiter)
    roles = [_header_role(cell) for cell in cells]
    if "zh" in roles and "en" in roles:
        return GlossaryFormat.CSV
    if "\t" in first or suffix in {".utf8", ".tab", ".txt", ".tsv"}:
        return GlossaryFormat.OMEGAT
    if suffix == ".csv" or "," in first:
        raise FormatError(
            "CSV glossary has no header row naming its columns", path=path, line=1,
            hint="add a first row such as 'zh,en' (or 'source,target')",
        )
    raise FormatError(
        "not a recognised glossary", path=path, line=1,
        hint="use TBX, CSV with a 'zh,en' header, or OmegaT tab-separated text",
    )


# --- entry assembly ---------------------------------------------------------------------

def _is_han(text: str) -> bool:
    return has_han(text)


def _enum(value: str, enum: type[Enum], default: Enum) -> Enum:
    key = value.strip().lower().replace(" ", "-").replace("_", "-")
    aliases = {"organization": "org", "organisation": "org", "name": "person",
               "abbrev": "abbreviation", "acronym": "abbreviation", "term": "concept"}
    key = aliases.get(key, key)
    for member in enum:
        if member.value == key:
            return member
    return default


@dataclass
class _Draft:
    """Forms of one concept collected from any format before becoming a TermEntry."""

    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    en_forbidden: list[str] = field(default_factory=list)
    kind: TermKind = TermKind.OTHER
    status: TermStatus = TermStatus.ATTESTED
    definition: str = ""
    evidence: str = ""
    keep_as_is: bool = False
    sources: list[Source] = field(default_factory=list)
    variant_sources: list[VariantSource] = field(default_factory=list)

    def entry(self) -> TermEntry | None:
        zh = _unique(self.zh)
        en = _unique(self.en)
        if not zh or not en:
            return None
        keep = self.keep_as_is or (not _is_han(zh[0]) and zh[0].casefold() == en[0].casefold())
        variants = _unique(zh[1:] + en[1:])
        forbidden = tuple(f for f in _unique(self.en_forbidden) if f not in en)
        return TermEntry(
            zh=zh[0], en=en[0], kind=self.kind, sources=tuple(sorted(set(self.sources))),
            status=self.status, definition=self.definition, variants=tuple(variants),
            evidence=self.evidence, keep_as_is=keep, forbidden=forbidden,
            variant_sources=tuple(sorted(set(s for s in self.variant_sources if s.variant in variants))),
        )


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = " ".join(item.split())
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|;；]", value) if part.strip()]


def _parse_sources(value: str) -> list[Source]:
    """``doc:12 | doc2:40`` as written by our own CSV/TBX output; other text is ignored.

    A line number is 1 to 9 ASCII digits wherever a glossary cell gives one: ``int()``
    refuses 4,300 digits and reads ``٣`` as 3."""
    sources = []
    for part in re.split(r"[|;,\s]+", value):
        match = re.fullmatch(r"(.+):([0-9]{1,9})", part.strip())
        if match:
            sources.append(Source(match.group(1), int(match.group(2))))
    return sources


# how our writers record a variant learned from an aligned pair (TBX note, CSV cell)
_PAIR_NOTE = re.compile(r"learned from aligned pair (.+?):([0-9]{1,9}) \(zh\) / (.+?):([0-9]{1,9}) \(en\)(?:: (.*))?", re.S)
_PAIR_ALSO = re.compile(r"(.+?) \(aligned pair (.+?):([0-9]{1,9}) \(zh\) / (.+?):([0-9]{1,9}) \(en\)(?: \+\d+ more)?\)")
_PAIR_CELL = re.compile(r"(.+?): (.+?):([0-9]{1,9}) \(zh\) / (.+?):([0-9]{1,9}) \(en\)")


def _pair_from_note(variant: str, note: str) -> VariantSource | None:
    match = _PAIR_NOTE.fullmatch(note.strip())
    if match is None or not variant:
        return None
    zh_doc, zh_line, en_doc, en_line, evidence = match.groups()
    return VariantSource(variant, Source(zh_doc, int(zh_line)), Source(en_doc, int(en_line)),
                         evidence or "aligned-pair")


def _pairs_from_cell(value: str) -> list[VariantSource]:
    """``Generative AI: doc:25 (zh) / doc:297 (en); …`` as our CSV writes it."""
    found = []
    for part in value.split(";"):
        match = _PAIR_CELL.fullmatch(part.strip())
        if match:
            variant, zh_doc, zh_line, en_doc, en_line = match.groups()
            found.append(VariantSource(variant, Source(zh_doc, int(zh_line)), Source(en_doc, int(en_line))))
    return found


def _note(draft: _Draft, note: str) -> None:
    """Notes our own TBX writer puts on an entry: ``kind: person``, ``evidence: paren``,
    ``keep as is: ...``, ``status: proposed: ...``; other notes are left alone."""
    key, _, value = note.partition(":")
    key = key.strip().lower()
    value = value.strip()
    if key in {"keep as is", "keep-as-is"} or note.strip().lower() in {"keep as is", "keep-as-is"}:
        draft.keep_as_is = True
    elif key == "kind" and value:
        draft.kind = _enum(value, TermKind, draft.kind)  # type: ignore[assignment]
    elif key == "evidence" and value:
        draft.evidence = value
    elif key == "status" and value:
        draft.status = _enum(value.split(":")[0], TermStatus, draft.status)  # type: ignore[assignment]

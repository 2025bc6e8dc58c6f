"""Read terminology glossaries: TBX v2 (martif), TBX v3 (tbx), CSV with a header, OmegaT tab.

Used by ``aligner check`` and by the glossary merge, so every reader returns the shared
:class:`aligner.model.TermEntry`. The format is recognised from the content (XML root, header
row, tabs), the extension only breaks ties. XML is parsed without entity expansion, DTD
loading or network access, so XXE and billion-laughs files are refused, not expanded.

Mapping, the same for every format:

* the Chinese preferred form is ``zh``, the English preferred form is ``en``;
* other admitted forms of either language go to ``variants``;
* English forms marked deprecated/superseded/forbidden go to ``forbidden``;
* an entry whose Chinese form is Latin and equal to the English one is ``keep_as_is``.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from lxml import etree

from ..charsets import charset_codec, decode_declared, is_codec
from ..documents.decode import decode_exact, refuse_workbook
from ..errors import EncodingError, FormatError
from ..inputs import read_input, reading
from .cellguard import unescape_cell
from .csvrows import csv_rows, file_lines, first_row, unclosed_quote_line  # noqa: F401 - re-exported
from .xmlguard import refuse_entity_declarations
from .xmltext import local_name, xml_syntax_problem
from ..model import Source, TermEntry, TermKind, TermStatus, VariantSource

__all__ = ["GlossaryFormat", "GlossaryReading", "detect_format", "read_glossary",
           "read_glossary_file", "read_glossary_text"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: administrative statuses (TBX-Basic, ISO 12620) that mean "do not use this form"
_FORBIDDEN_STATUS = {"deprecatedterm", "supersededterm", "forbidden", "deprecated", "superseded",
                     "notrecommended", "do-not-use", "donotuse", "rejected", "obsolete"}
_PREFERRED_STATUS = {"preferredterm", "preferred", "standardizedterm", "legalterm",
                     "regulatedterm"}


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
    return bool(_HAN.search(text))


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


# --- TBX --------------------------------------------------------------------------------

def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, remove_comments=True,
                           remove_pis=True)


def _local(tag: object) -> str:
    return local_name(tag)


def _refuse_entity_nodes(root: etree._Element, path: str) -> None:
    """An entity reference left in the tree is an error: we never expand entities."""
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise FormatError(
                f"entity reference {node.text} is not expanded", path=path,
                line=node.sourceline,
                hint="replace the entity with the character it stands for; "
                     "entities are refused for safety",
            )


def _text(element: etree._Element, path: str) -> str:
    """Element text, whitespace folded (entity references were refused for the whole tree)."""
    return " ".join("".join(element.itertext()).split())


def _lang_role(lang: str) -> str | None:
    code = lang.strip().lower().replace("_", "-")
    if code.startswith(("zh", "cmn", "yue")) or code in {"chi", "zho"}:
        return "zh"
    if code.startswith("en") or code == "eng":
        return "en"
    return None


def _tbx_terms(lang_set: etree._Element, term_tags: set[str], path: str) -> list[tuple[str, str]]:
    """(form, administrative status) of each term of a langSet/langSec."""
    forms = []
    for group in lang_set.iter(etree.Element):
        if _local(group.tag) not in term_tags:
            continue
        terms = [t for t in group.iter(etree.Element) if _local(t.tag) == "term"]
        form = _text(terms[0], path) if terms else ""
        if not form:
            continue
        status = ""
        for note in group.iter(etree.Element):
            name = _local(note.tag)
            kind_attr = (note.get("type") or "").lower()
            if (name == "termNote" and kind_attr in {"administrativestatus",
                                                     "normativeauthorization"}) or \
                    name in {"administrativeStatus", "normativeAuthorization"}:
                status = _text(note, path).lower().replace("-admn-sts", "")
        forms.append((form, status))
    return forms


def _read_tbx(text: str, path: str, skipped: list[tuple[int | None, str]]) -> list[TermEntry]:
    refuse_entity_declarations(text, path)
    data = text.encode("utf-8")
    # the declaration may name another encoding; the text is decoded already (lines kept)
    data = re.sub(rb"^\s*<\?xml[^>]*\?>", lambda m: b"\n" * m.group().count(b"\n"), data,
                  count=1)
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        message, hint, line = xml_syntax_problem(exc, "fix the XML at that line")
        raise FormatError(message, path=path, line=line, hint=hint) from None
    _refuse_entity_nodes(root, path)
    entry_tags = {"termEntry", "conceptEntry"}
    lang_tags = {"langSet", "langSec"}
    term_tags = {"tig", "ntig", "termSec"}
    entries: list[TermEntry] = []
    found = 0
    for concept in root.iter(etree.Element):
        if _local(concept.tag) not in entry_tags:
            continue
        found += 1
        draft = _Draft()
        preferred: dict[str, list[str]] = {"zh": [], "en": []}
        for element in concept.iter(etree.Element):
            name = _local(element.tag)
            kind_attr = (element.get("type") or "").strip()
            if name in {"descrip", "definition"} and (
                    name == "definition" or kind_attr.lower() == "definition"):
                draft.definition = draft.definition or _text(element, path)
            elif (name == "descrip" and kind_attr.lower() in {"subjectfield", "kind"}) or \
                    name in {"subjectField"} or (name == "admin" and kind_attr == "kind"):
                draft.kind = _enum(_text(element, path), TermKind, draft.kind)  # type: ignore[assignment]
            elif name == "admin" and kind_attr.lower() in {"status", "termstatus"}:
                draft.status = _enum(_text(element, path), TermStatus, draft.status)  # type: ignore[assignment]
            elif name == "admin" and kind_attr.lower() in {"source", "sources"}:
                draft.sources.extend(_parse_sources(_text(element, path)))
            elif name == "admin" and kind_attr.lower() == "evidence":
                draft.evidence = _text(element, path)
            elif name == "source" or (name == "descrip" and kind_attr.lower() == "source"):
                draft.sources.extend(_parse_sources(_text(element, path)))
            elif name == "note":
                text = _text(element, path)
                group = element.getparent()
                term = next((t for t in group.iter(etree.Element) if _local(t.tag) == "term"), None) \
                    if group is not None else None
                learned = _pair_from_note(_text(term, path) if term is not None else "", text)
                if learned is not None:
                    draft.variant_sources.append(learned)
                else:
                    _note(draft, text)
        sets: list[tuple[str | None, list[tuple[str, str]]]] = []
        for lang_set in concept.iter(etree.Element):
            if _local(lang_set.tag) not in lang_tags:
                continue
            role = _lang_role(lang_set.get(_XML_LANG) or lang_set.get("lang") or "")
            sets.append((role, _tbx_terms(lang_set, term_tags, path)))
        if not any(role == "zh" for role, _forms in sets):
            # mislabelled languages (csv2tbx writes en/xx): decide by the script instead
            sets = [("zh" if any(_is_han(f) for f, _s in forms) else "en", forms)
                    for _role, forms in sets]
        for role, forms in sets:
            if role is None:
                continue
            for form, status in forms:
                if status in _FORBIDDEN_STATUS:
                    if role == "en":
                        draft.en_forbidden.append(form)
                    continue
                if status in _PREFERRED_STATUS:
                    preferred[role].append(form)
                (draft.zh if role == "zh" else draft.en).append(form)
        for role, found_forms in preferred.items():
            bucket = draft.zh if role == "zh" else draft.en
            bucket[:0] = found_forms  # preferred forms first: they become zh / en
        entry = draft.entry()
        if entry is not None:
            entries.append(entry)
        else:
            langs = sorted({role for role, forms in sets if role and forms})
            skipped.append((concept.sourceline, "no Chinese term" if "zh" not in langs
                            else "no English term"))
    if not found:
        raise FormatError("TBX file has no termEntry/conceptEntry elements", path=path,
                          hint="check that this is a terminology file")
    return entries


# --- CSV and OmegaT ---------------------------------------------------------------------

def _read_csv(text: str, path: str) -> list[TermEntry]:
    lines = file_lines(text)
    start, first = _first_line(text)
    delimiter = "\t" if "\t" in first else ","
    rows = iter(csv_rows("\n".join([first] + lines[start + 1:]), path, delimiter, first_line=start + 1))
    header = [cell.strip().strip("\ufeff").lower() for cell in next(rows)[1]]
    roles = [_header_role(cell) for cell in header]
    if "zh" not in roles or "en" not in roles:  # a quote opened in the header runs past its line
        raise FormatError("the header row does not name a Chinese and an English column", path=path,
                          line=start + 1, hint="write the header on one line, such as 'zh,en', and close its quotes")
    zh_col, en_col = roles.index("zh"), roles.index("en")

    def column(*names: str) -> int | None:
        for name in names:
            if name in header:
                return header.index(name)
        return None

    cols = {
        "kind": column("kind", "type", "category"),
        "status": column("status"),
        "definition": column("definition", "description", "comment", "comments", "note",
                             "notes"),
        "variants": column("variants", "variant", "synonyms", "alternatives", "allowed"),
        "forbidden": column("forbidden", "deprecated", "do not use", "do-not-use",
                            "not allowed"),
        "keep": column("keep_as_is", "keep-as-is", "keep as is"),
        "sources": column("sources", "source lines", "where"),
        "evidence": column("evidence"),
        "variant_sources": column("variant_sources"),
    }
    entries: list[TermEntry] = []
    for line, row in rows:
        row = [unescape_cell(cell) for cell in row]  # our writer's formula escape
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(zh_col, en_col):
            raise FormatError(
                f"row has {len(row)} column(s), the header has {len(header)}", path=path,
                line=line, hint="quote cells that contain the delimiter",
            )

        def cell(key: str) -> str:
            index = cols[key]
            return row[index].strip() if index is not None and index < len(row) else ""

        zh, en = row[zh_col].strip(), row[en_col].strip()
        if not zh or not en:
            raise FormatError(
                "row has an empty " + ("zh" if not zh else "en") + " cell", path=path,
                line=line, hint="fill in both terms or delete the row",
            )
        draft = _Draft(zh=[zh], en=[en])
        for variant in _split_list(cell("variants")):
            (draft.zh if _is_han(variant) else draft.en).append(variant)
        draft.en_forbidden = _split_list(cell("forbidden"))
        draft.kind = _enum(cell("kind"), TermKind, TermKind.OTHER) if cell("kind") else draft.kind  # type: ignore[assignment]
        if cell("status"):
            draft.status = _enum(cell("status"), TermStatus, TermStatus.ATTESTED)  # type: ignore[assignment]
        draft.definition = cell("definition")
        draft.evidence = cell("evidence")
        draft.keep_as_is = cell("keep").lower() in {"1", "true", "yes", "y", "x"}
        draft.sources = _parse_sources(cell("sources"))
        draft.variant_sources = _pairs_from_cell(cell("variant_sources"))
        entry = draft.entry()
        if entry is not None:
            entries.append(entry)
    return entries


def _omegat_comment(draft: _Draft, comment: str) -> None:
    """Our own ``.utf8`` comment is ``kind; status; [keep as is;] [definition;] [also: en
    variants;] [sources: doc:line, ...]``; any other comment is the definition."""
    parts = [p.strip() for p in comment.split("; ")] if comment else []
    kinds = {k.value for k in TermKind}
    if len(parts) < 2 or parts[0] not in kinds:
        draft.definition = comment
        return
    draft.kind = TermKind(parts[0])
    draft.status = _enum(parts[1].split(":")[0], TermStatus, TermStatus.ATTESTED)  # type: ignore[assignment]
    rest = []
    for part in parts[2:]:
        if part == "keep as is":
            draft.keep_as_is = True
        elif part.startswith("also: "):
            for variant in (v.strip() for v in part[6:].split(", ")):
                learned = _PAIR_ALSO.fullmatch(variant)
                if learned:  # Generative AI (aligned pair doc:25 (zh) / doc:297 (en))
                    variant, zh_doc, zh_line, en_doc, en_line = learned.groups()
                    draft.variant_sources.append(
                        VariantSource(variant, Source(zh_doc, int(zh_line)), Source(en_doc, int(en_line))))
                if variant:
                    draft.en.append(variant)
        elif part.startswith("sources: "):
            draft.sources = _parse_sources(re.sub(r"\(\+\d+ more\)", "", part[9:]))
        else:
            rest.append(part)
    draft.definition = "; ".join(rest)


def _read_omegat(text: str, path: str) -> list[TermEntry]:
    """OmegaT: ``source<TAB>target[<TAB>comment]``; ``#`` lines are comments."""
    entries: list[TermEntry] = []
    by_zh: dict[str, int] = {}
    for number, line in enumerate(file_lines(text), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise FormatError(
                "line is not 'source<TAB>target[<TAB>comment]'", path=path, line=number,
                hint="separate the Chinese term and its translation with one tab",
            )
        zh, en = cells[0].strip(), cells[1].strip()
        comment = cells[2].strip() if len(cells) > 2 else ""
        match = re.match(r"variant of (.+?); ", comment)
        main = by_zh.get(match.group(1)) if match else None
        if main is not None and entries[main].en == en:
            # our own writer gives a Chinese variant a line of its own; fold it back
            old = entries[main]
            if zh not in old.variants:
                entries[main] = replace(old, variants=old.variants + (zh,))
            continue
        draft = _Draft(zh=[zh], en=[en])
        _omegat_comment(draft, comment)
        entry = draft.entry()
        if entry is not None:
            by_zh.setdefault(entry.zh, len(entries))
            entries.append(entry)
    return entries


# --- public API -------------------------------------------------------------------------

@dataclass
class GlossaryReading:
    """Entries read, plus the entries left out (line, reason) so they can be reported."""

    path: str
    format: GlossaryFormat
    entries: list[TermEntry]
    skipped: list[tuple[int | None, str]] = field(default_factory=list)


def read_glossary_text(text: str, path: str = "<glossary>") -> GlossaryReading:
    """Parse glossary ``text`` in any supported format (``path`` names it in errors)."""
    fmt = detect_format(text, path)
    skipped: list[tuple[int | None, str]] = []
    if fmt in (GlossaryFormat.TBX2, GlossaryFormat.TBX3):
        entries = _read_tbx(text, path, skipped)
    elif fmt is GlossaryFormat.CSV:
        entries = _read_csv(text, path)
    else:
        entries = _read_omegat(text, path)
    if not entries:
        raise FormatError("glossary has no zh/en term pairs", path=path,
                          hint="check the language codes (zh..., en...) or the header row")
    return GlossaryReading(path, fmt, entries, skipped)


def read_glossary_file(path: Path | str) -> GlossaryReading:
    """Read a glossary file and say what was left out (entries without a zh or en term)."""
    file = Path(path)
    data = read_input(file, noun="glossary file", folder_hint="give a TBX, CSV or OmegaT glossary file",
                      allow_stdin=False)
    with reading(file):
        return read_glossary_text(_decode(data, str(file)), str(file))


def read_glossary(path: Path | str) -> list[TermEntry]:
    """Read a glossary file (TBX v2/v3, CSV with a header, OmegaT tab-separated).

    Raises :class:`FormatError` / :class:`EncodingError` / :class:`InputError` with the
    file, the line and a fix. TBX entries without both a Chinese and an English term are
    left out; :func:`read_glossary_file` lists them.
    """
    return read_glossary_file(path).entries

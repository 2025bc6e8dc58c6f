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

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ..errors import FormatError
from ..inputs import read_input, reading
from .cellguard import unescape_cell
from .csvrows import csv_rows, file_lines, first_row, unclosed_quote_line  # noqa: F401 - re-exported
from .xmlguard import refuse_entity_declarations
from .xmltext import local_name, xml_syntax_problem
from ..model import Source, TermEntry, TermKind, TermStatus, VariantSource
from .glossary_parse import (  # noqa: F401 - re-exported
    GlossaryFormat,
    _XML_DECLARED,
    _SUPERSETS,
    _declared_encoding,
    _decode,
    _ZH_HEADERS,
    _EN_HEADERS,
    _header_role,
    _names_zh_en,
    _first_line,
    _xml_root,
    detect_format,
    _is_han,
    _enum,
    _Draft,
    _unique,
    _split_list,
    _parse_sources,
    _PAIR_NOTE,
    _PAIR_ALSO,
    _PAIR_CELL,
    _pair_from_note,
    _pairs_from_cell,
    _note,
)

__all__ = ["GlossaryFormat", "GlossaryReading", "detect_format", "read_glossary",
           "read_glossary_file", "read_glossary_text"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: administrative statuses (TBX-Basic, ISO 12620) that mean "do not use this form"
_FORBIDDEN_STATUS = {"deprecatedterm", "supersededterm", "forbidden", "deprecated", "superseded",
                     "notrecommended", "do-not-use", "donotuse", "rejected", "obsolete"}
_PREFERRED_STATUS = {"preferredterm", "preferred", "standardizedterm", "legalterm",
                     "regulatedterm"}



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

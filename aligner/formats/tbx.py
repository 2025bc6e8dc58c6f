"""TBX termbases: v2 (``<martif>``, ISO 30042:2008) and TBX-Basic v3 (``<tbx>``, 2019, DCT).

Which tool reads which:

* **v2 ``martif``** is what OmegaT 3.6 reads (``GlossaryReaderTBX``: ``martif/text/body/
  termEntry/langSet/tig/term``; a ``langSet`` counts when its primary language equals the
  project's, so ``zh-CN`` serves a ``zh-CN`` or ``zh-TW`` project). OmegaT shows
  ``descrip``, ``termNote`` and ``note`` text as the entry's comment and ignores ``admin``.
  MultiTerm and memoQ import it too. Valid against TBX-Basic v2's RelaxNG and Schematron.
* **TBX-Basic v3** (``<tbx type="TBX-Basic" style="dct">``, namespace
  ``urn:iso:std:iso:30042:ed-2``) is for newer tools. TBX-Basic v3 is built from two data
  category modules, each in its own namespace, and the official schemas reject a data
  category in the wrong one: ``partOfSpeech`` and ``administrativeStatus`` belong to the Min
  module (``min:``), ``source``, ``definition`` and ``termType`` to the Basic module
  (``basic:``). The ``<?xml-model?>`` lines name the dialect's published NVDL (which combines
  the core RelaxNG, the module schemas and the Schematron) and DCT Schematron, as the
  TBX-Basic dialect's own DCT sample and LTAC's converters do.

Every entry carries what a terminologist looks for: the kind (a ``note`` "kind: person"
on the entry), the part of speech (v2: ``properNoun`` for names, else ``noun``; v3 allows
no ``properNoun``, so every term is a ``noun`` there and the kind note says it is a name),
``termType`` ``abbreviation``, the definition (in the language section of its language),
every source ``doc:line`` as an ``admin``/``basic:source``, the status (attested →
``preferredTerm-admn-sts``; proposed → ``admittedTerm-admn-sts`` plus a note saying the
tool made the English form), and variants as extra terms with ``termType`` ``variant``, in
the language they are written in.
Text is cleaned of XML-illegal characters as in TMX. No DOCTYPE: it is optional and .NET
tools with DTD processing disabled refuse it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from lxml import etree

from .. import __version__
from .output import open_output
from ..errors import UsageError
from ..model import TermEntry, TermKind, TermStatus
from .langs import SourceLang, TargetLang, source_lang, target_lang
from .xmltext import has_han, xml_clean

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
BASIC_NS = "http://www.tbxinfo.net/ns/basic"
MIN_NS = "http://www.tbxinfo.net/ns/min"
#: The TBX-Basic dialect's published DCT schemas (LTAC-Global/TBX-Basic_dialect): the NVDL
#: that combines core and module schemas, and the DCT Schematron.
TBX3_DIALECT = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCT/"
TBX3_MODELS = (
    f'href="{TBX3_DIALECT}TBX-Basic.nvdl" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/nvdl/ns/structure/1.0"',
    f'href="{TBX3_DIALECT}TBX-Basic_DCT.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)

PROPER_NOUN_KINDS = {TermKind.PERSON, TermKind.ORG, TermKind.PRODUCT, TermKind.PLACE, TermKind.WORK}
PROPER_NOUN = "properNoun"  # TBX-Basic v2's partOfSpeech value for names
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"


class TbxVersion(str, Enum):
    """TBX flavours we write; the value is the ``--format`` name."""

    V2 = "tbx"  # <martif>, TBX-Basic v2: OmegaT 3.6, MultiTerm, memoQ
    V3 = "tbx3"  # <tbx type="TBX-Basic" style="dct">: ISO 30042:2019 tools


@dataclass
class TbxReport:
    """What :func:`write_tbx` wrote and cleaned."""

    path: Path
    version: TbxVersion
    entries: int = 0
    terms: int = 0
    control_chars_removed: int = 0
    skipped_empty: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Term:
    text: str
    part_of_speech: str
    term_type: str | None
    status: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Entry:
    """A TermEntry in TBX terms, shared by both versions."""

    id: str
    notes: tuple[str, ...]
    sources: tuple[str, ...]
    zh_terms: tuple[_Term, ...]
    en_terms: tuple[_Term, ...]
    zh_definition: str
    en_definition: str


class _Cleaner:
    def __init__(self, report: TbxReport) -> None:
        self.report = report

    def __call__(self, text: str) -> str:
        cleaned, removed = xml_clean(text)
        self.report.control_chars_removed += removed
        return cleaned.strip()


def _entry(number: int, entry: TermEntry, clean: _Cleaner) -> _Entry | None:
    zh, en = clean(entry.zh), clean(entry.en)
    if not zh or not en:
        clean.report.skipped_empty += 1
        clean.report.skipped.append(f"entry {number} ({entry.zh!r} / {entry.en!r}): empty term")
        return None
    pos = PROPER_NOUN if entry.kind in PROPER_NOUN_KINDS else "noun"
    status = ADMITTED if entry.status is TermStatus.PROPOSED else PREFERRED  # a reviewed entry is preferred
    notes = [f"kind: {entry.kind.value}"]
    if entry.evidence:
        notes.append(f"evidence: {clean(entry.evidence)}")
    if entry.keep_as_is:
        notes.append("keep as is: the Latin form is used unchanged in Chinese text")
    en_notes: tuple[str, ...] = ()
    if entry.status is TermStatus.PROPOSED:
        en_notes = (f"status: {entry.status.value}: {entry.proposed_note()}; verify before use",)
    if entry.status is TermStatus.REVIEWED:
        en_notes = (f"status: {entry.status.value}: accepted, edited or chosen by a reviewer",)
    abbreviation = "abbreviation" if entry.kind is TermKind.ABBREVIATION else None
    zh_terms = [_Term(zh, pos, None, status)]
    en_terms = [_Term(en, pos, abbreviation, status, en_notes)]
    seen = {zh, en}
    for variant in entry.variants:
        text = clean(variant)
        if not text or text in seen:
            continue
        seen.add(text)
        learned = tuple(clean(note) for note in pair_notes(entry, variant))
        (zh_terms if has_han(text) else en_terms).append(_Term(text, pos, "variant", ADMITTED, learned))
    definition = clean(entry.definition)
    return _Entry(
        id=f"c{number}",
        notes=tuple(notes),
        sources=tuple(clean(str(s)) for s in entry.sources),
        zh_terms=tuple(zh_terms),
        en_terms=tuple(en_terms),
        zh_definition=definition if definition and has_han(definition) else "",
        en_definition=definition if definition and not has_han(definition) else "",
    )


def pair_notes(entry: TermEntry, variant: str) -> list[str]:
    """Where a variant learned from aligned pairs was seen, one note per pair."""
    return [
        f"learned from aligned pair {s.zh} (zh) / {s.en} (en): {s.evidence}"
        for s in entry.variant_sources
        if s.variant.casefold() == variant.casefold()
    ]


def default_signature(srclang: str, tgtlang: str, version: TbxVersion) -> str:
    return f"aligner|glossary|format:{version.value}|src:{srclang}|tgt:{tgtlang}|version:{__version__}"


def write_tbx(
    entries: Sequence[TermEntry],
    path: str | Path,
    *,
    version: TbxVersion | str = TbxVersion.V2,
    srclang: str | SourceLang = "zh-CN",
    tgtlang: str | TargetLang = "en-US",
    signature: str | None = None,
) -> TbxReport:
    """Write ``entries`` as a TBX termbase at ``path`` (atomically), one concept entry each,
    in the given order. ``signature`` names the settings that produced the glossary (written
    in the header's ``sourceDesc``)."""
    try:
        version = TbxVersion(version)
    except ValueError:
        raise UsageError(f"unknown TBX version {version!r}", hint="use tbx (v2, martif) or tbx3 (TBX-Basic v3)") from None
    src = source_lang(srclang).value
    tgt = target_lang(tgtlang).value
    report = TbxReport(path=Path(path), version=version)
    clean = _Cleaner(report)
    description = clean(signature or default_signature(src, tgt, version))
    build = _termentry_v2 if version is TbxVersion.V2 else _conceptentry_v3

    if version is TbxVersion.V2:
        root = etree.Element("martif", {"type": "TBX-Basic-V1", XML_LANG: "en"})
    else:
        root = etree.Element(
            f"{{{TBX3_NS}}}tbx",
            {"type": "TBX-Basic", "style": "dct", XML_LANG: "en"},
            nsmap={None: TBX3_NS, "min": MIN_NS, "basic": BASIC_NS},
        )
    root.append(_header(version, description))
    body = etree.SubElement(etree.SubElement(root, _q(version, "text")), _q(version, "body"))
    for number, entry in enumerate(entries, 1):
        data = _entry(number, entry, clean)
        if data is None:
            continue
        body.append(build(data, src, tgt))
        report.entries += 1
        report.terms += len(data.zh_terms) + len(data.en_terms)
    etree.indent(root, space="  ")
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if version is TbxVersion.V3:
        prolog += "".join(f"<?xml-model {model}?>\n" for model in TBX3_MODELS)
    # Built in memory: a glossary is small, and a tree declares namespaces once at the root.
    with open_output(path) as handle:
        handle.write(prolog.encode())
        handle.write(etree.tostring(root, encoding="UTF-8"))
        handle.write(b"\n")
    return report


def _q(version: TbxVersion, name: str) -> str:
    return name if version is TbxVersion.V2 else f"{{{TBX3_NS}}}{name}"


def _header(version: TbxVersion, description: str) -> etree._Element:
    q = lambda name: _q(version, name)  # noqa: E731
    header = etree.Element(q("martifHeader" if version is TbxVersion.V2 else "tbxHeader"))
    file_desc = etree.SubElement(header, q("fileDesc"))
    etree.SubElement(etree.SubElement(file_desc, q("titleStmt")), q("title")).text = "aligner glossary"
    etree.SubElement(etree.SubElement(file_desc, q("sourceDesc")), q("p")).text = description
    if version is TbxVersion.V2:  # v3 names its dialect in <tbx type=...> instead
        encoding = etree.SubElement(header, q("encodingDesc"))
        etree.SubElement(encoding, q("p"), type="XCSURI").text = "TBXBasicXCSV02.xcs"
    return header


def _termentry_v2(entry: _Entry, src: str, tgt: str) -> etree._Element:
    element = etree.Element("termEntry", id=entry.id)
    for note in entry.notes:
        etree.SubElement(element, "note").text = note
    for source in entry.sources:
        etree.SubElement(element, "admin", type="source").text = source
    for lang, terms, definition in ((src, entry.zh_terms, entry.zh_definition), (tgt, entry.en_terms, entry.en_definition)):
        lang_set = etree.SubElement(element, "langSet", {XML_LANG: lang})
        if definition:
            etree.SubElement(lang_set, "descrip", type="definition").text = definition
        for term in terms:
            tig = etree.SubElement(lang_set, "tig")
            etree.SubElement(tig, "term").text = term.text
            if term.term_type:
                etree.SubElement(tig, "termNote", type="termType").text = term.term_type
            etree.SubElement(tig, "termNote", type="partOfSpeech").text = term.part_of_speech
            etree.SubElement(tig, "termNote", type="administrativeStatus").text = term.status
            for note in term.notes:
                etree.SubElement(tig, "note").text = note
    return element


def _conceptentry_v3(entry: _Entry, src: str, tgt: str) -> etree._Element:
    t = lambda name: f"{{{TBX3_NS}}}{name}"  # noqa: E731
    b = lambda name: f"{{{BASIC_NS}}}{name}"  # noqa: E731
    m = lambda name: f"{{{MIN_NS}}}{name}"  # noqa: E731
    element = etree.Element(t("conceptEntry"), id=entry.id)
    for note in entry.notes:
        etree.SubElement(element, t("note")).text = note
    for source in entry.sources:
        etree.SubElement(element, b("source")).text = source
    for lang, terms, definition in ((src, entry.zh_terms, entry.zh_definition), (tgt, entry.en_terms, entry.en_definition)):
        lang_sec = etree.SubElement(element, t("langSec"), {XML_LANG: lang})
        if definition:
            etree.SubElement(lang_sec, b("definition")).text = definition
        for term in terms:
            term_sec = etree.SubElement(lang_sec, t("termSec"))
            etree.SubElement(term_sec, t("term")).text = term.text
            if term.term_type:
                etree.SubElement(term_sec, b("termType")).text = term.term_type
            # TBX-Basic v3's partOfSpeech picklist has no properNoun: a name is a noun
            # (its kind is the entry's note)
            pos = "noun" if term.part_of_speech == PROPER_NOUN else term.part_of_speech
            etree.SubElement(term_sec, m("partOfSpeech")).text = pos
            etree.SubElement(term_sec, m("administrativeStatus")).text = term.status
            for note in term.notes:
                etree.SubElement(term_sec, t("note")).text = note
    return element

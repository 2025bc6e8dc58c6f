"""The data that flows between stages: plain, frozen dataclasses and enums.

Every stage takes and returns these types, so each module can be tested alone and the
pipeline (``aligner.build``) only wires them together.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class Lang(str, Enum):
    """Languages the tool segments and aligns."""

    ZH = "zh"
    EN = "en"


class DocKind(str, Enum):
    """How a document was captured; decides which cleaners run."""

    PDF_TEXT = "pdf-text"  # text extracted from a PDF (journal paper)
    FORUM = "forum"  # saved web forum page: headers, CSS, HTML debris
    MARKDOWN = "markdown"  # Markdown, possibly with YAML front matter
    ROUNDTABLE = "roundtable"  # speaker-labelled transcript
    PLAIN = "plain"  # anything else
    HTML = "html"  # an HTML/XHTML page, read with a real parser
    DOCX = "docx"  # a Word document
    SUBTITLES = "subtitles"  # SRT or WebVTT cues


class Role(str, Enum):
    """What part of a document a paragraph is; used to pair embedded English."""

    TITLE = "title"
    AUTHORS = "authors"
    ABSTRACT = "abstract"
    KEYWORDS = "keywords"
    BODY = "body"


@dataclass(frozen=True)
class LineSpan:
    """Text offset ``offset`` of a paragraph starts on source line ``line`` (1-based)."""

    offset: int
    line: int


@dataclass(frozen=True)
class Paragraph:
    """Cleaned text of one paragraph, with a map back to source lines.

    ``spans`` is sorted by offset and starts at offset 0; a paragraph re-joined across a
    page break has one span per source line it came from.
    """

    text: str
    lang: Lang
    role: Role = Role.BODY
    spans: tuple[LineSpan, ...] = ()

    @property
    def line(self) -> int:
        """First source line of the paragraph (0 when unknown)."""
        return self.spans[0].line if self.spans else 0

    def line_at(self, offset: int) -> int:
        """Source line of the character at ``offset``.

        A binary search: a paragraph joined from 200,000 lines has as many spans, and
        callers ask once per sentence or term.
        """
        index = bisect_right(self.spans, offset, key=lambda span: span.offset)
        return self.spans[index - 1].line if index else self.line


@dataclass(frozen=True)
class Debris:
    """Text removed by cleaning; counted by ``kind`` and never silently lost."""

    kind: str
    line: int
    text: str


@dataclass
class Document:
    """One input document after reading and cleaning."""

    path: Path
    stem: str
    kind: DocKind
    encoding: str
    zh: list[Paragraph] = field(default_factory=list)
    en: list[Paragraph] = field(default_factory=list)  # English embedded or supplied
    front_matter: dict[str, Any] = field(default_factory=dict)
    debris: list[Debris] = field(default_factory=list)
    # in-place normalisations by kind (punctuation, fullwidth, entity, name-padding): text
    # changed, nothing removed
    normalised: dict[str, int] = field(default_factory=dict)
    en_path: Path | None = None  # the separate English file, when one was supplied
    # the decoded text as read, before cleaning: what a CAT tool segments (see build_document._cat_texts)
    source: str = ""
    en_source: str = ""  # the English file's, or ``source`` when the English is embedded
    # For a structured format (HTML, DOCX, subtitles, Markdown …) ``source`` is the text its
    # reader rendered, one block per line, and these map each of its lines (0-based index)
    # to the line of the original file; empty when ``source`` is the file itself.
    source_lines: tuple[int, ...] = ()
    en_source_lines: tuple[int, ...] = ()
    # False when ``source`` is not what a CAT tool shows (a PDF's extracted text, with the
    # page's line breaks): the TMX then records the cleaned, re-joined sentence
    cat_view: bool = True
    en_cat_view: bool = True
    # (line, opening words) of each paragraph of the English side written in Chinese: it
    # stays where it is (unaligned unless the other side has it) and the summary names it
    foreign: list[tuple[int, str]] = field(default_factory=list)

    def debris_counts(self) -> dict[str, int]:
        """Removed debris counted by kind, sorted by kind."""
        counts: dict[str, int] = {}
        for item in self.debris:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class Segment:
    """One sentence, with where it came from."""

    text: str
    lang: Lang
    doc: str
    line: int
    role: Role = Role.BODY
    para: int = 0  # index of the paragraph within its document side


@dataclass(frozen=True)
class Bead:
    """An alignment bead: source and target sentence indices, in order.

    Either side may be empty (an unaligned sentence). ``score`` is a calibrated
    confidence in [0, 1]; ``anchors`` say why the pair was made.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    anchors: tuple[str, ...] = ()

    def to_vecalign(self) -> str:
        """``[0, 1]:[0]:0.93`` as in vecalign's output."""
        return f"{list(self.src)}:{list(self.tgt)}:{self.score:.2f}"


@dataclass(frozen=True)
class TranslationUnit:
    """A source/target pair ready for a translation memory."""

    source: str
    target: str
    score: float | None = None
    doc: str = ""
    src_line: int | None = None
    tgt_line: int | None = None
    segtype: str = "sentence"  # TMX segtype: sentence or phrase
    anchors: tuple[str, ...] = ()
    note: str = ""
    props: tuple[tuple[str, str], ...] = ()  # more <prop type="x-…"> after the anchors (e.g. x-review)


class TermKind(str, Enum):
    PERSON = "person"
    ORG = "org"
    PRODUCT = "product"
    CONCEPT = "concept"
    ABBREVIATION = "abbreviation"
    PLACE = "place"
    WORK = "work"
    OTHER = "other"


class TermStatus(str, Enum):
    ATTESTED = "attested"  # both forms occur in the documents
    PROPOSED = "proposed"  # English form made by the tool (e.g. pinyin romanisation)
    REVIEWED = "reviewed"  # a person accepted, edited or chose it (`aligner review`)


@dataclass(frozen=True, order=True)
class Source:
    """Where a term was seen: document stem and 1-based line."""

    doc: str
    line: int

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


@dataclass(frozen=True, order=True)
class VariantSource:
    """Where a variant was learned: an aligned pair whose English renders the term that way.

    ``zh`` and ``en`` are the pair's Chinese and English lines (same document stem; the
    English line is in the document's English file when one was supplied).
    """

    variant: str
    zh: Source
    en: Source
    evidence: str = "aligned-pair"  # how the span was matched, e.g. "CC-CEDICT 人工智能=AI"


@dataclass(frozen=True)
class TermEntry:
    """One glossary entry: a zh/en pair with its evidence."""

    zh: str
    en: str
    kind: TermKind = TermKind.OTHER
    sources: tuple[Source, ...] = ()
    status: TermStatus = TermStatus.ATTESTED
    definition: str = ""
    variants: tuple[str, ...] = ()  # other forms of the same concept (either language)
    evidence: str = ""  # how it was found: paren, abstract, keywords, front-matter, latin, pinyin
    keep_as_is: bool = False  # Latin term used unchanged in Chinese text
    forbidden: tuple[str, ...] = ()  # forms the glossary marks as not allowed (TBX deprecated)
    # variants learned from aligned pairs (aligner.glossary.from_pairs), one record per pair
    variant_sources: tuple[VariantSource, ...] = ()

    @property
    def count(self) -> int:
        return len(self.sources)

    @property
    def from_aligned_text(self) -> bool:
        """Both forms were read in aligned pairs (evidence ``aligned-…``): a proposed entry of
        that kind has too little evidence, not an English form the tool made up."""
        return self.evidence.startswith("aligned-")

    def proposed_note(self) -> str:
        """Why a proposed entry needs checking, true to its evidence."""
        if self.from_aligned_text:
            return "English form read in the aligned English, paired on too little evidence to attest it"
        return "English form made by the tool, not attested in the documents"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One consistency problem found by ``aligner check``."""

    file: str
    unit: str  # unit id or line
    rule: str  # missing-term, forbidden-variant, inconsistent-target, keep-as-is
    severity: Severity
    source_term: str
    expected: tuple[str, ...]
    target: str
    message: str = ""
    line: int | None = None  # 1-based line of the unit in its file, when known
    fuzzy: bool = False  # the unit is a fuzzy (unreviewed) entry, checked with --include-fuzzy
    # inconsistent-target: every (target, ("file:line", ...)) of the source, most frequent first
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = ""  # the unit's source segment
    # partial-unit: the unit's own findings it stands for (listed inside it, not on their own)
    folded: tuple[Finding, ...] = ()

"""Read one document or a corpus folder: decode, recognise, clean, build paragraphs."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EncodingError, InputError
from ..inputs import input_name, read_input, reading
from ..model import Debris, DocKind, Document, Lang, LineSpan, Paragraph
from .common import clean_common
from .decode import decode
from .entries import IGNORED, Skipped, scan
from .formats import Rendering, SourceFormat, UnreadableDocument, render
from .english_file import foreign_paragraphs, mostly_english
from .forum import clean_forum
from .frontmatter import take_front_matter
from .kinds import detect_kind
from .lines import Line, Recorder, split_lines
from .markdown import clean_markdown
from .paragraphs import Block, Draft, split_blocks, split_lists, to_paragraph
from .pdf import clean_pdf, mark_pdf_lines
from .roles import assign_roles
from .roundtable import clean_roundtable, join_padded_names
from .text import count_han, count_latin, fullwidth_alnum, fullwidth_punctuation

#: how a build reuses a document read before: ``reuse(path, en_path, read)`` (see :func:`read_corpus`)
Reuse = Callable[[Path, "Path | None", Callable[[], "tuple[Document | None, bool]"]], "Document | None"]

#: Suffixes preferred when several files in en/ share a stem.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: Document names the outputs use: a document ``terms.txt`` would write ``tmx/terms.tmx``,
#: the glossary's phrase TM. Compared case-folded (macOS and Windows folders ignore case).
RESERVED_STEMS = frozenset({"terms"})


#: Per kind, the cleaner that works on single lines (before the common one) …
LINE_CLEANERS: dict[DocKind, Callable[[list[Line], Recorder], None]] = {
    DocKind.FORUM: clean_forum,
    DocKind.MARKDOWN: clean_markdown,
    DocKind.ROUNDTABLE: join_padded_names,
    DocKind.PDF_TEXT: mark_pdf_lines,
}
#: … and the one that works on paragraph blocks (removing, re-joining, relabelling).
BLOCK_CLEANERS: dict[DocKind, Callable[[list[Line], list[Block], Recorder], list[Block]]] = {
    DocKind.PDF_TEXT: clean_pdf,
    DocKind.ROUNDTABLE: clean_roundtable,
}


def clean_text(
    text: str, path: Path, *, english_file: bool = False, kind: DocKind | None = None,
    rendered: bool = False,
) -> tuple[DocKind, list[Draft], dict[str, Any], Recorder]:
    """Decoded text → (kind, paragraph drafts with roles, front matter, recorder).

    ``kind`` skips recognition; ``rendered`` text comes from a format reader (HTML, DOCX,
    subtitles, Markdown): its markup is gone and its front matter was read, so only the
    cleaning every document gets runs on it."""
    rec = Recorder()
    lines = split_lines(text, rec)
    front_matter = {} if rendered else take_front_matter(lines, rec, path)
    if kind is None:
        kind = detect_kind(lines, front_matter, suffix=path.suffix)
    if kind in LINE_CLEANERS and not rendered:
        LINE_CLEANERS[kind](lines, rec)
    clean_common(lines, rec)
    blocks = split_blocks(lines)
    if kind in BLOCK_CLEANERS and not rendered:
        blocks = BLOCK_CLEANERS[kind](lines, blocks, rec)
    lang = Lang.EN if english_file else Lang.ZH
    if english_file:
        blocks = split_lists(blocks)
    drafts = [Draft(block, lang) for block in blocks if any(line.text.strip() for line in block)]
    drafts = assign_roles(drafts, rec, english_file=english_file)
    return kind, drafts, front_matter, rec


def _finish(draft: Draft, counts: Counter[str]) -> Paragraph | None:
    para = to_paragraph(draft)
    if not para.text:
        return None
    text = fullwidth_alnum(para.text, counts)
    if para.lang is Lang.ZH:
        text = fullwidth_punctuation(text, counts)
    if text != para.text:
        para = Paragraph(text=text, lang=para.lang, role=para.role, spans=para.spans)
    return para


def decode_file(path: Path, *, strict: bool = False) -> tuple[str, str]:
    """Read and decode one plain-text input file; an empty or whitespace-only file is an error.

    An empty file is almost always a failed export or the wrong file, and every command
    would otherwise write an empty TMX or glossary for it without a word.
    """
    rendering = load_rendering(path, strict=strict, structured=False)
    return rendering.text, rendering.encoding


def load_rendering(path: Path, *, strict: bool = False, structured: bool = True) -> Rendering:
    """Read one input file: a structured format through its reader (HTML, DOCX, PDF,
    subtitles, Markdown), anything else decoded as text. Empty text is an error."""
    data = read_input(path)
    where = Path(input_name(path))  # "<stdin>", not "-", in messages
    with reading(path):
        rendering = render(data, where, strict=strict) if structured and data else None
        if rendering is None:
            text, encoding = decode(data, where, strict=strict)
            rendering = Rendering(text=text, encoding=encoding)
    if not rendering.text.strip():
        if not data:
            what = "the file is empty"
        elif rendering.lines or rendering.kind is not None:
            what = f"the file holds no text to translate ({rendering.format.value})"
        else:
            what = "the file holds only whitespace"
        # a document like any unreadable one: `build` names it and goes on with the others
        raise UnreadableDocument(what, path=where, hint="give the document's text, or remove the file")
    return rendering


def read_document(path: Path, *, en_path: Path | None = None, strict: bool = False) -> Document:
    """Read a Chinese document (and, if given, its separate English file) into a Document.

    ``Document.zh`` holds the cleaned Chinese paragraphs, ``Document.en`` the English: the
    parts embedded in the Chinese file (a paper's English title, authors, abstract, key
    words) or, when ``en_path`` is given, that file's paragraphs, whose line numbers refer
    to ``en_path``. A separate file supersedes embedded English, which is then counted as
    ``embedded-english`` debris; the English file's own debris kinds get an ``en:`` prefix.

    Each file is read in its format (see :mod:`aligner.documents.formats`); line numbers
    always refer to the original file.

    An empty file raises :class:`UnreadableDocument` (an :class:`InputError`; ``build`` skips
    it). Bad bytes in a UTF-8 file are skipped and counted (``undecodable`` debris, with
    their lines) unless ``strict``, which refuses them.
    """
    path = Path(path)
    zh = load_rendering(path, strict=strict)
    en = load_rendering(Path(en_path), strict=strict) if en_path is not None else None
    return read_rendered(zh, path, en=en, en_path=Path(en_path) if en_path is not None else None)


def read_text(
    text: str,
    path: Path,
    *,
    encoding: str = "utf-8",
    en_text: str | None = None,
    en_path: Path | None = None,
) -> Document:
    """:func:`read_document` on text already decoded (tests, stdin, other readers)."""
    en = Rendering(text=en_text, encoding=encoding) if en_text is not None else None
    return read_rendered(Rendering(text=text, encoding=encoding), Path(path), en=en, en_path=en_path)


def _clean(rendering: Rendering, path: Path, *, english_file: bool) -> tuple[DocKind, list[Draft], dict[str, Any], Recorder]:
    rendered = bool(rendering.lines)
    with reading(path):
        kind, drafts, front_matter, rec = clean_text(
            rendering.text, path, english_file=english_file, kind=rendering.kind, rendered=rendered)
    if rendered:
        front_matter = rendering.front_matter
    return kind, drafts, front_matter, rec


def _remap(lines: tuple[int, ...], paragraphs: list[Paragraph], debris: list[Debris]) -> tuple[list[Paragraph], list[Debris]]:
    """Rendered line numbers → the original file's."""
    if not lines:
        return paragraphs, debris

    def orig(no: int) -> int:
        return lines[no - 1] if 0 < no <= len(lines) else no

    paragraphs = [Paragraph(text=p.text, lang=p.lang, role=p.role,
                            spans=tuple(LineSpan(s.offset, orig(s.line)) for s in p.spans)) for p in paragraphs]
    debris = [Debris(d.kind, orig(d.line), d.text) for d in debris]
    return paragraphs, debris


def read_rendered(
    rendering: Rendering, path: Path, *, en: Rendering | None = None, en_path: Path | None = None,
) -> Document:
    """:func:`read_document` on renderings already made."""
    path = Path(path)
    text = rendering.text
    embedded = rendering.english
    if en is None and embedded is not None:  # a bilingual file: its English is the English side
        en, en_path, embedded = embedded, path, None
    # A file in English (a translation given on its own, or a file put in the wrong folder)
    # has English paragraphs; a Chinese paragraph inside it stays where it is, reported.
    english_only = en is None and count_latin(text) > 0 and (count_han(text) == 0 or mostly_english(text))
    kind, drafts, front_matter, rec = _clean(rendering, path, english_file=english_only)
    zh: list[Paragraph] = []
    en_paras: list[Paragraph] = []
    for draft in drafts:
        para = _finish(draft, rec.normalised)
        if para is not None:
            (zh if para.lang is Lang.ZH else en_paras).append(para)
    zh, debris = _remap(rendering.lines, zh, list(rec.debris))
    en_paras, _ = _remap(rendering.lines, en_paras, [])
    debris += rendering.debris
    foreign = foreign_paragraphs(en_paras, Lang.EN) if english_only else []
    en_lines: tuple[int, ...] = ()
    if en is not None:
        en_path = Path(en_path) if en_path is not None else path.with_suffix(".en" + path.suffix)
        _, en_drafts, _, en_rec = _clean(en, en_path, english_file=True)
        for para in en_paras:  # the separate file supersedes embedded English: counted, not paired
            debris.extend(_per_line("embedded-english", para))
        if embedded is not None:  # the English lines of a bilingual file, superseded likewise
            debris.extend(Debris("embedded-english", line, block) for line, block in embedded.blocks())
        en_paras = [p for p in (_finish(d, rec.normalised) for d in en_drafts) if p is not None]
        en_paras, en_debris = _remap(en.lines, en_paras, list(en_rec.debris))
        en_debris += en.debris
        # the English file's debris keeps its kind with an ``en:`` prefix: its line numbers
        # are the English file's
        debris.extend(Debris(f"en:{d.kind}", d.line, d.text) for d in en_debris)
        rec.normalised.update(en_rec.normalised)
        foreign = foreign_paragraphs(en_paras, Lang.EN)
        en_lines = en.lines
    else:
        en_path = None
        en_lines = rendering.lines
    debris.sort(key=lambda d: (d.kind.startswith("en:"), d.line))
    return Document(
        path=path, stem="stdin" if str(path) == "-" else path.stem, kind=kind, encoding=rendering.encoding,
        zh=zh, en=en_paras, front_matter=front_matter, debris=debris,
        normalised=dict(sorted(rec.normalised.items())), en_path=en_path,
        source=text, en_source=text if en is None else en.text,
        source_lines=rendering.lines, en_source_lines=en_lines, foreign=foreign,
        cat_view=rendering.format is not SourceFormat.PDF,
        en_cat_view=(en or rendering).format is not SourceFormat.PDF,
    )


def _per_line(kind: str, para: Paragraph) -> list[Debris]:
    """A paragraph set aside as debris, one record per source line it came from."""
    ends = [s.offset for s in para.spans[1:]] + [len(para.text)]
    return [Debris(kind, s.line, para.text[s.offset:end].strip()) for s, end in zip(para.spans, ends)]


def find_english(en_dir: Path, stem: str) -> Path | None:
    """``en_dir/<stem>.*`` is the English for ``zh/<stem>.*``; ``None`` when there is none.

    The rule for several: a plain-text suffix is preferred (.txt, .md, …); among those, the
    first by name (:func:`read_corpus` names the others as not read).
    """
    if en_dir is None or not Path(en_dir).is_dir():
        return None
    files, _ = scan(Path(en_dir))
    return _choose_english([p for p in files if p.stem == stem])


def _choose_english(candidates: list[Path]) -> Path | None:
    """The rule for several English files of one stem (``candidates`` sorted by name)."""
    if not candidates:
        return None
    preferred = [p for p in candidates if p.suffix.lower() in TEXT_SUFFIXES]
    return (preferred or candidates)[0]


def _tolerant(read: Callable[[], Any], skipped: list[Skipped] | None, path: Path) -> Any:
    """``read()``, or ``None`` with the file named in ``skipped`` when it cannot be read at
    all (an encrypted or scanned PDF, an unknown binary, a bilingual file): one unreadable
    file must not cost the others."""
    if skipped is None:
        return read()
    try:
        return read()
    except (UnreadableDocument, EncodingError) as exc:
        skipped.append(Skipped(str(path), str(exc), exc))
        return None


def _entries(folder: Path, skipped: list[Skipped] | None) -> list[Path]:
    """The files of ``folder`` to read; every other entry goes to ``skipped`` with its
    reason (without a ``skipped`` list, one that may have been meant as input raises)."""
    files, others = scan(folder)
    for item in others:
        if skipped is not None:
            skipped.append(item)
        elif item.kind != IGNORED:
            raise InputError(item.reason.split(": not read: ", 1)[-1], path=Path(item.path),
                             hint="remove it from the corpus folder, or build without --strict to skip it")
    return files


def read_corpus(zh_dir: Path, en_dir: Path | None, *, strict: bool = False,
                skipped: list[Skipped] | None = None, reuse: Reuse | None = None) -> list[Document]:
    """Read every document in ``zh_dir`` (with its English from ``en_dir``), sorted by stem.

    With a ``skipped`` list, every entry not read is named there with its reason: a file
    that cannot be read at all, a subfolder, a broken or looping link, a FIFO (never
    opened), a hidden file, backup or README (kind ``ignored``), an English file that the
    one-English-per-stem rule of :func:`find_english` did not choose. Without one, the first
    entry that may have been meant as input raises.

    ``reuse(path, en_path, read)``: the document of a pair, given how to read it (``read()``
    gives the document, or None, and whether it was read without skipping a file): a
    build's cache of read documents (:class:`aligner.cache.parsed.ParsedDocuments`).

    Raises :class:`InputError` for a missing or empty folder, two documents with one stem,
    a document named like an output (``terms``), or an English file without its Chinese
    document.
    """
    zh_dir = Path(zh_dir)
    if not zh_dir.is_dir():
        raise InputError(
            "corpus folder not found", path=zh_dir,
            hint="create it and put the Chinese documents in it, or pass --corpus DIR",
        )
    files = sorted(_entries(zh_dir, skipped), key=lambda p: (p.stem, p.name))
    if not files:
        raise InputError(
            "corpus folder is empty", path=zh_dir,
            hint="put the Chinese documents (.txt or .md, UTF-8) in it",
        )
    seen: dict[str, Path] = {}
    for p in files:  # outputs are named by stem (tmx/<stem>.tmx), case-folded for macOS and Windows
        first = seen.setdefault(p.stem.casefold(), p)
        if first is not p:
            raise InputError(
                f"two documents share the name {first.stem!r} ({first.name}, {p.name})",
                path=zh_dir, hint="rename one of them: outputs are named after the file name without its suffix",
            )
    for p in files:
        if p.stem.casefold() in RESERVED_STEMS:
            raise InputError(
                f"a document may not be named {p.stem!r}: its TMX would overwrite the glossary's tmx/terms.tmx",
                path=p, hint="rename the document (and its English file)",
            )
    english: list[Path] = []
    if en_dir is not None and Path(en_dir).is_dir():
        stems = {p.stem for p in files}
        english = _entries(Path(en_dir), skipped)
        for path in english:
            if path.stem not in stems:
                raise InputError(
                    f"no Chinese document named {path.stem!r} in {zh_dir}", path=path,
                    hint=f"name the English file after its Chinese document ({zh_dir}/<name>.txt → <name>.txt here)",
                )
    by_stem: dict[str, list[Path]] = {}
    for path in english:  # one pass: a folder of 10,000 files is not scanned once per document
        by_stem.setdefault(path.stem, []).append(path)
    docs = []
    for p in files:
        en_path = _choose_english(by_stem.get(p.stem, []))
        if skipped is not None and en_path is not None:
            skipped.extend(
                Skipped(str(other), f"{other}: not read: {en_path.name} is the English of {p.stem!r} "
                                    "(one English file per document: plain text first, then by name)", kind=IGNORED)
                for other in by_stem[p.stem] if other != en_path)
        doc = (_read_pair(p, en_path, strict, skipped) if reuse is None
               else reuse(p, en_path, lambda p=p, en_path=en_path: _read_clean(p, en_path, strict, skipped)))
        if doc is not None:
            docs.append(doc)
    return docs


def _read_pair(p: Path, en_path: Path | None, strict: bool, skipped: list[Skipped] | None) -> Document | None:
    zh = _tolerant(lambda: load_rendering(p, strict=strict), skipped, p)
    if zh is None:
        return None
    en = None
    if en_path is not None:
        en = _tolerant(lambda: load_rendering(en_path, strict=strict), skipped, en_path)
        if en is None:
            en_path = None
    return read_rendered(zh, p, en=en, en_path=en_path)


def _read_clean(p: Path, en_path: Path | None, strict: bool,
                skipped: list[Skipped] | None) -> tuple[Document | None, bool]:
    """:func:`_read_pair`, and whether neither file was skipped (only such a read is kept)."""
    before = len(skipped) if skipped is not None else 0
    doc = _read_pair(p, en_path, strict, skipped)
    return doc, (len(skipped) if skipped is not None else 0) == before

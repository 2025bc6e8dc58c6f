"""Read one document or a corpus folder: decode, recognise, clean, build paragraphs."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EncodingError, InputError
from ..inputs import input_name, read_input, reading
from ..model import Debris, DocKind, Document, Lang, LineSpan, Paragraph
from .common import clean_common
from .decode import decode
from .formats import Rendering, UnreadableDocument, render
from .forum import clean_forum
from .frontmatter import take_front_matter
from .kinds import detect_kind
from .lines import Line, Recorder, split_lines
from .markdown import clean_markdown
from .paragraphs import Block, Draft, split_blocks, split_lists, to_paragraph
from .pdf import clean_pdf, mark_pdf_lines
from .roles import assign_roles
from .roundtable import clean_roundtable, join_padded_names
from .text import count_han, count_latin, fullwidth_alnum, fullwidth_punctuation, is_english

#: Suffixes preferred when several files in en/ share a stem.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


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
        raise InputError(what, path=where, hint="give the document's text, or remove the file")
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

    An empty file raises :class:`InputError`. Bad bytes in a UTF-8 file are skipped and
    counted (``undecodable`` debris, with their lines) unless ``strict``, which refuses them.
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


#: A file is English when it opens in English, at most this share of its paragraphs is
#: Chinese and they hold at most this share of its letters (a Han character counted as
#: two): one quoted Chinese paragraph or name list does not make an English file Chinese.
ENGLISH_FILE_HAN_SHARE = 0.3


def _mostly_english(text: str) -> bool:
    """True when ``text`` is an English document, decided paragraph by paragraph. (A
    Chinese paper opens in Chinese, however long its English abstract.)"""
    blocks = [b for b in text.split("\n\n") if count_han(b) or count_latin(b)]
    if not blocks or not is_english(blocks[0]):
        return False
    chinese = [b for b in blocks if not is_english(b)]
    han = sum(count_han(b) for b in chinese) * 2
    letters = han + sum(count_latin(b) for b in blocks)
    return len(chinese) <= len(blocks) * ENGLISH_FILE_HAN_SHARE and han <= letters * ENGLISH_FILE_HAN_SHARE


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


def _foreign(paragraphs: list[Paragraph], lang: Lang) -> list[tuple[int, str]]:
    """(line, first words) of each paragraph of an English file written in Chinese."""
    if lang is not Lang.EN:
        return []
    return [(p.line, p.text[:30]) for p in paragraphs if not is_english(p.text) and count_han(p.text)]


def read_rendered(
    rendering: Rendering, path: Path, *, en: Rendering | None = None, en_path: Path | None = None,
) -> Document:
    """:func:`read_document` on renderings already made."""
    path = Path(path)
    text = rendering.text
    # A file in English (a translation given on its own, or a file put in the wrong folder)
    # has English paragraphs; a Chinese paragraph inside it stays where it is, reported.
    english_only = en is None and count_latin(text) > 0 and (count_han(text) == 0 or _mostly_english(text))
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
    foreign = _foreign(en_paras, Lang.EN) if english_only else []
    en_lines: tuple[int, ...] = ()
    if en is not None:
        en_path = Path(en_path) if en_path is not None else path.with_suffix(".en" + path.suffix)
        _, en_drafts, _, en_rec = _clean(en, en_path, english_file=True)
        for para in en_paras:  # the separate file supersedes embedded English: counted, not paired
            debris.extend(_per_line("embedded-english", para))
        en_paras = [p for p in (_finish(d, rec.normalised) for d in en_drafts) if p is not None]
        en_paras, en_debris = _remap(en.lines, en_paras, list(en_rec.debris))
        en_debris += en.debris
        # the English file's debris keeps its kind with an ``en:`` prefix: its line numbers
        # are the English file's
        debris.extend(Debris(f"en:{d.kind}", d.line, d.text) for d in en_debris)
        rec.normalised.update(en_rec.normalised)
        foreign = _foreign(en_paras, Lang.EN)
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
    )


def _per_line(kind: str, para: Paragraph) -> list[Debris]:
    """A paragraph set aside as debris, one record per source line it came from."""
    ends = [s.offset for s in para.spans[1:]] + [len(para.text)]
    return [Debris(kind, s.line, para.text[s.offset:end].strip()) for s, end in zip(para.spans, ends)]


def _ignored(name: str) -> bool:
    """Not a document: hidden files (.gitkeep, .DS_Store), editor backups (a.txt~, a.swp)
    and a README explaining the folder."""
    return (
        name.startswith(".")
        or name.endswith(("~", ".swp", ".bak", ".tmp"))
        or name.upper().split(".")[0] == "README"
    )


def find_english(en_dir: Path, stem: str) -> Path | None:
    """``en_dir/<stem>.*`` is the English for ``zh/<stem>.*``; ``None`` when there is none.

    A plain-text suffix is preferred (.txt, .md, …); among several, the first by name.
    """
    if en_dir is None or not Path(en_dir).is_dir():
        return None
    candidates = sorted(
        p for p in Path(en_dir).iterdir() if p.is_file() and p.stem == stem and not _ignored(p.name)
    )
    if not candidates:
        return None
    preferred = [p for p in candidates if p.suffix.lower() in TEXT_SUFFIXES]
    return (preferred or candidates)[0]


@dataclass(frozen=True)
class Skipped:
    """A file the corpus reader could not read, and why (the error's one line)."""

    path: str
    reason: str
    error: InputError | None = None


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


def read_corpus(zh_dir: Path, en_dir: Path | None, *, strict: bool = False,
                skipped: list[Skipped] | None = None) -> list[Document]:
    """Read every document in ``zh_dir`` (with its English from ``en_dir``), sorted by stem.

    With a ``skipped`` list, a file that cannot be read at all is named there with its
    reason and the others are read (a Chinese document without its unreadable English is
    read alone); without one, the first such file raises.

    Hidden files (``.gitkeep``), editor backups and a ``README`` are skipped. Raises
    :class:`InputError` for a missing or empty folder, two documents with one stem, or an
    English file without its Chinese document.
    """
    zh_dir = Path(zh_dir)
    if not zh_dir.is_dir():
        raise InputError(
            "corpus folder not found", path=zh_dir,
            hint="create it and put the Chinese documents in it, or pass --corpus DIR",
        )
    files = sorted(
        (p for p in zh_dir.iterdir() if p.is_file() and not _ignored(p.name)),
        key=lambda p: (p.stem, p.name),
    )
    if not files:
        raise InputError(
            "corpus folder is empty", path=zh_dir,
            hint="put the Chinese documents (.txt or .md, UTF-8) in it",
        )
    for first, second in zip(files, files[1:]):
        if first.stem == second.stem:  # outputs are named by stem: tmx/<stem>.tmx
            raise InputError(
                f"two documents share the name {first.stem!r} ({first.name}, {second.name})",
                path=zh_dir, hint="rename one of them: outputs are named after the file name without its suffix",
            )
    if en_dir is not None and Path(en_dir).is_dir():
        stems = {p.stem for p in files}
        for english in sorted(Path(en_dir).iterdir()):
            if english.is_file() and not _ignored(english.name) and english.stem not in stems:
                raise InputError(
                    f"no Chinese document named {english.stem!r} in {zh_dir}", path=english,
                    hint=f"name the English file after its Chinese document ({zh_dir}/<name>.txt → <name>.txt here)",
                )
    docs = []
    for p in files:
        en_path = find_english(en_dir, p.stem) if en_dir is not None else None
        zh = _tolerant(lambda p=p: load_rendering(p, strict=strict), skipped, p)
        if zh is None:
            continue
        en = None
        if en_path is not None:
            en = _tolerant(lambda: load_rendering(en_path, strict=strict), skipped, en_path)
            if en is None:
                en_path = None
        docs.append(read_rendered(zh, p, en=en, en_path=en_path))
    return docs

"""Read one document or a corpus folder: decode, recognise, clean, build paragraphs."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..inputs import input_name, read_input
from ..model import Debris, DocKind, Document, Lang, Paragraph
from .common import clean_common
from .decode import decode
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
    text: str, path: Path, *, english_file: bool = False
) -> tuple[DocKind, list[Draft], dict[str, Any], Recorder]:
    """Decoded text → (kind, paragraph drafts with roles, front matter, recorder)."""
    rec = Recorder()
    lines = split_lines(text, rec)
    front_matter = take_front_matter(lines, rec, path)
    kind = detect_kind(lines, front_matter, suffix=path.suffix)
    if kind in LINE_CLEANERS:
        LINE_CLEANERS[kind](lines, rec)
    clean_common(lines, rec)
    blocks = split_blocks(lines)
    if kind in BLOCK_CLEANERS:
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
    """Read and decode one input file; an empty or whitespace-only file is an error.

    An empty file is almost always a failed export or the wrong file, and every command
    would otherwise write an empty TMX or glossary for it without a word.
    """
    data = read_input(path)
    where = input_name(path)  # "<stdin>", not "-", in messages
    text, encoding = decode(data, Path(where), strict=strict)
    if not text.strip():
        what = "the file is empty" if not data else "the file holds only whitespace"
        raise InputError(what, path=where, hint="give the document's text, or remove the file")
    return text, encoding


def read_document(path: Path, *, en_path: Path | None = None, strict: bool = False) -> Document:
    """Read a Chinese document (and, if given, its separate English file) into a Document.

    ``Document.zh`` holds the cleaned Chinese paragraphs, ``Document.en`` the English: the
    parts embedded in the Chinese file (a paper's English title, authors, abstract, key
    words) or, when ``en_path`` is given, that file's paragraphs, whose line numbers refer
    to ``en_path``. A separate file supersedes embedded English, which is then counted as
    ``embedded-english`` debris; the English file's own debris kinds get an ``en:`` prefix.

    An empty file raises :class:`InputError`. Bad bytes in a UTF-8 file are skipped and
    counted (``undecodable`` debris, with their lines) unless ``strict``, which refuses them.
    """
    path = Path(path)
    text, encoding = decode_file(path, strict=strict)
    en_text = None
    if en_path is not None:
        en_path = Path(en_path)
        en_text, _ = decode_file(en_path, strict=strict)
    return read_text(text, path, encoding=encoding, en_text=en_text, en_path=en_path)


def read_text(
    text: str,
    path: Path,
    *,
    encoding: str = "utf-8",
    en_text: str | None = None,
    en_path: Path | None = None,
) -> Document:
    """:func:`read_document` on text already decoded (tests, stdin, other readers)."""
    path = Path(path)
    # A file without a single Han character is an English document (a translation given
    # on its own, or a file put in the wrong folder): its paragraphs are English.
    english_only = en_text is None and count_han(text) == 0 and count_latin(text) > 0
    kind, drafts, front_matter, rec = clean_text(text, path, english_file=english_only)
    zh: list[Paragraph] = []
    en: list[Paragraph] = []
    for draft in drafts:
        para = _finish(draft, rec.normalised)
        if para is not None:
            (zh if para.lang is Lang.ZH else en).append(para)
    debris = list(rec.debris)
    if en_text is not None:
        en_path = Path(en_path) if en_path is not None else path.with_suffix(".en" + path.suffix)
        _, en_drafts, _, en_rec = clean_text(en_text, en_path, english_file=True)
        for para in en:  # the separate file supersedes embedded English: counted, not paired
            debris.extend(_per_line("embedded-english", para))
        en = [p for p in (_finish(d, rec.normalised) for d in en_drafts) if p is not None]
        # the English file's debris keeps its kind with an ``en:`` prefix: its line numbers
        # are the English file's
        debris.extend(Debris(f"en:{d.kind}", d.line, d.text) for d in en_rec.debris)
        rec.normalised.update(en_rec.normalised)
    else:
        en_path = None
    debris.sort(key=lambda d: (d.kind.startswith("en:"), d.line))
    return Document(
        path=path, stem="stdin" if str(path) == "-" else path.stem, kind=kind, encoding=encoding, zh=zh, en=en,
        front_matter=front_matter, debris=debris,
        normalised=dict(sorted(rec.normalised.items())), en_path=en_path,
        source=text, en_source=text if en_text is None else en_text,
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


def read_corpus(zh_dir: Path, en_dir: Path | None, *, strict: bool = False) -> list[Document]:
    """Read every document in ``zh_dir`` (with its English from ``en_dir``), sorted by stem.

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
    return [
        read_document(p, en_path=find_english(en_dir, p.stem) if en_dir is not None else None, strict=strict)
        for p in files
    ]

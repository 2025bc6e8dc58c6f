"""Bytes to text: the encodings translators actually receive, detected in a fixed order.

Why an ordered attempt and not a statistical detector (charset-normalizer, chardet): the
candidates for Chinese documents are few and well known, and their byte grammars decide almost
every case exactly. A BOM is certain; strict UTF-8 almost never accepts legacy CJK bytes;
GB18030 and Big5 both accept each other's bytes, which is the one ambiguity, settled by how
common the decoded Han characters are (GB2312 covers the common simplified ones; Big5 read as
GBK lands in the rare extension rows). Statistical detectors guess on short files and give
different answers for the same file across versions; this order gives one answer, and its
reason can be stated in an error message.

Order: empty → known binary signatures → BOM (UTF-8, UTF-32, UTF-16) → UTF-16 without BOM
(NUL pattern) → strict UTF-8 → GB18030 (plausible) → Big5 → GB18030 (any) → UTF-8 with a few
bad bytes (each replaced by U+FFFD, later removed and counted as ``undecodable`` debris) →
:class:`~aligner.errors.EncodingError`.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import EncodingError
from ..han import is_han_char
from .supported import READ_SHORT

# Magic numbers of files users drop into a corpus folder by mistake.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the text of the document as a .txt file saved as UTF-8"),
    (b"\xff\xd8\xff", "a JPEG image", "give the text of the document as a .txt file saved as UTF-8"),
    (b"GIF87a", "a GIF image", "give the text of the document as a .txt file saved as UTF-8"),
    (b"GIF89a", "a GIF image", "give the text of the document as a .txt file saved as UTF-8"),
    (b"%PDF-", "a PDF file", "give it as a document (aligner build and align read PDFs), or extract its text"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)",
     "save the document as plain text (UTF-8) from your editor"),
    (b"{\\rtf", "an RTF file", "save the document as plain text (UTF-8) from your editor"),
)

# Spreadsheets: a glossary or a TM kept in Excel (.xlsx is a ZIP archive, .xls an OLE file).
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def refuse_workbook(data: bytes, path: Path | str, *, what: str, hint: str) -> None:
    """Refuse an Excel workbook (or another ZIP/OLE file) given where text is read.

    Glossaries and term lists often live in Excel; the message says how to get the sheet
    out as text instead of the document reader's generic "unpack it"."""
    if data.startswith(_WORKBOOKS):
        raise EncodingError(f"an Excel workbook (or another ZIP/OLE file), not {what}", path=path, hint=hint)


# ZIP-based files that are not Word documents (a .docx is read by its own reader), told apart
# by the names of their first entries, which are stored uncompressed in the local headers.
_ZIPS: tuple[tuple[bytes, str, str], ...] = (
    (b"xl/", "an Excel workbook (.xlsx)", "save the sheet as CSV or plain text (UTF-8), or give the document itself"),
    (b"ppt/", "a PowerPoint presentation (.pptx)", "save it as a .docx or as plain text (UTF-8) from PowerPoint"
                                                    f" (documents read: {READ_SHORT})"),
    (b"opendocument.text", "an OpenDocument text (.odt)", "save it as .docx or as plain text (UTF-8) from your editor"
                                                          f" (documents read: {READ_SHORT})"),
    (b"epub+zip", "an EPUB book", "unpack it (`unzip FILE.epub`): its chapters are XHTML pages, which aligner reads"),
    (b"opendocument", "an OpenDocument file (.ods/.odp)", "save it as plain text (UTF-8) from your editor"),
    (b"word/", "a Word document", "save it again from Word as .docx, or as plain text (UTF-8)"),
)


def _zip_what(head: bytes) -> tuple[str, str]:
    """What a ZIP-based file given as a document is, and what to do with it."""
    for marker, what, hint in _ZIPS:
        if marker in head:
            return what, hint
    return "a ZIP archive", "unpack it and give the documents inside it"


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HINT = "re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
# A UTF-8 file with at most this many bad sequences (or 1 per 2,000 bytes) is read with the
# bad bytes marked, rather than rejected: one broken line must not cost the whole document.
_FEW_BAD = 16


def _line_col(data: bytes, pos: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, pos) + 1
    return data.count(b"\n", 0, pos) + 1, pos - start + 1


def _controls(text: str) -> int:
    return sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = _controls(sample)
    # A text file with a few stray NULs is still text (they become ``control`` debris).
    return controls > 0.3 * len(sample) or (len(sample) >= 200 and controls > 0.1 * len(sample))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM: ASCII characters (newlines, digits) leave NULs on one parity only."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    # ASCII (newlines, digits) puts its NUL on one side; the odd Han character U+4E00, U+5000
    # … puts one on the other. Decoding and the plausibility check below settle the rest.
    if max(even, odd) < 3 * min(even, odd) + 1:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _looks_binary(text) or not _plausible_chars(text):
        return None
    return encoding


def _plausible_chars(text: str) -> bool:
    """At least 90% of the characters are what Chinese or English text is made of.

    Kana, Hangul, Greek, Cyrillic, box drawing and private-use characters do not count:
    they are what Big5 read as GBK (or UTF-8 read as UTF-16) turns into.
    """
    sample = text[:20000]
    if not sample:
        return True
    good = 0
    for ch in sample:
        o = ord(ch)
        if (
            0x20 <= o < 0x7F
            or ch in "\t\n\r"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or 0xA0 <= o <= 0x17F
            or 0x3400 <= o <= 0x4DBF
            or 0xF900 <= o <= 0xFAFF
            or 0x2E80 <= o <= 0x2FDF
            or 0x1F300 <= o <= 0x1FAFF
        ):
            good += 1
    return good >= 0.9 * len(sample)


def _common_han_ratio(text: str) -> float:
    """Share of Han characters that GB2312 (the common simplified set) can encode."""
    han = common = 0
    for ch in text[:200000]:
        if is_han_char(ch):
            han += 1
            try:
                ch.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                pass
    return common / han if han else 1.0


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf8_with_few_bad_bytes(data: bytes) -> tuple[str, int] | None:
    text = data.decode("utf-8", errors="replace")
    # bad sequences = U+FFFD characters that were not already in the bytes
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= max(_FEW_BAD, len(data) // 2000):
        return text, bad
    return None


_STRICT_HINT = ("repair or re-save the file as UTF-8, or drop --strict to skip the bad bytes "
                "(they are counted)")


def _refuse_bad_utf8(data: bytes, path: Path | str, hint: str = _STRICT_HINT) -> None:
    """``--strict``: a UTF-8 file with bad bytes is an error at the first of them."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise EncodingError(
            f"invalid UTF-8 byte 0x{data[exc.start]:02x} at column {col}",
            path=path, line=line, hint=hint,
        ) from None


def decode(data: bytes, path: Path, *, strict: bool = False) -> tuple[str, str]:
    """Decode a document's bytes; return ``(text, encoding name)``.

    Raises :class:`EncodingError` naming the file, the line of the first bad byte where
    known, what is wrong and how to fix it. Newlines are left as they are (see ``lines``).
    A UTF-8 file with a few bad bytes is read with each replaced by U+FFFD (recoverable,
    counted later as ``undecodable`` debris) unless ``strict``, which refuses it.
    """
    if not data:
        return "", "utf-8"
    for magic, what, hint in _SIGNATURES:
        if data.startswith(magic):
            raise EncodingError(f"not a text file: it is {what}", path=path, hint=hint)
    if data.startswith(b"PK\x03\x04"):
        what, hint = _zip_what(data[:65536])
        raise EncodingError(f"not a text file: it is {what}", path=path, hint=hint)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding.startswith("utf-16"):
                _refuse_utf8_behind_utf16_bom(data, encoding, path)
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                line, col = _line_col(data, exc.start + len(bom))
                raise EncodingError(
                    f"the file starts with a {encoding.upper().replace('-SIG', '')} byte-order mark "
                    f"but byte {exc.start + len(bom)} (column {col}) is not valid {encoding.replace('-sig', '')}",
                    path=path, line=line, hint=_HINT,
                ) from None
            return text, encoding
    encoding16 = _utf16_without_bom(data)
    if encoding16:
        return data.decode(encoding16), encoding16
    text = _strict(data, "utf-8")
    if text is not None:
        if _looks_binary(text):
            raise EncodingError("not a text file: it holds binary data (many control bytes)", path=path,
                                hint="give a plain-text document saved as UTF-8")
        return text, "utf-8"
    gb = _strict(data, "gb18030")
    gb_plausible = gb is not None and not _looks_binary(gb) and _plausible_chars(gb)
    if gb_plausible and _common_han_ratio(gb) >= 0.85:
        return gb, "gb18030"
    big5 = _strict(data, "cp950")
    if big5 is not None and not _looks_binary(big5) and _plausible_chars(big5):
        return big5, "big5"
    if gb_plausible:  # traditional characters saved as GBK
        return gb, "gb18030"
    few = _utf8_with_few_bad_bytes(data)
    if few is not None and not _looks_binary(few[0]):
        if not strict:
            return few[0], "utf-8"
        _refuse_bad_utf8(data, path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        bad = data[exc.start:exc.start + 1].hex()
        binary = data[:4096].count(0) > 0 or _controls(data[:4096].decode("latin-1")) > 40
        if binary:
            raise EncodingError(
                "not a text file: it holds binary data", path=path,
                hint="give a plain-text document saved as UTF-8",
            ) from None
        raise EncodingError(
            f"cannot decode byte 0x{bad} at column {col}: the file is not UTF-8, UTF-16, "
            "GB18030/GBK or Big5",
            path=path, line=line, hint=_HINT,
        ) from None
    raise AssertionError("unreachable: strict UTF-8 decoding succeeded above")  # pragma: no cover


_ASCII_SPACE = re.compile(r"[ \n]")  # UTF-16 without NUL bytes holds no ASCII: no space, no line end


def _plausible(text: str) -> bool:
    """Text a person wrote: no control character but tab and line ends, no unassigned,
    private-use or surrogate code point (what the other reading of damaged bytes shows)."""
    import unicodedata

    return not any((unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\n\r\f")
                   for ch in text)


def _refuse_utf8_behind_utf16_bom(data: bytes, encoding: str, path: Path | str) -> None:
    """A UTF-16 BOM followed by UTF-8 is damage (a tool prepended the wrong mark).

    Real UTF-16 text has NUL bytes wherever it holds ASCII (line ends, digits, spaces), and
    one without any ASCII is next to never valid UTF-8; read as UTF-16, the UTF-8 would be
    silent mojibake.
    """
    rest = data[2:]
    if len(rest) < 4 or b"\0" in rest:
        return
    as_utf8 = _strict(rest, "utf-8")
    if as_utf8 is None or not _plausible(as_utf8):
        return  # UTF-16 whose bytes happen to be valid UTF-8 reads as control characters
    as_utf16 = _strict(rest, encoding)
    if as_utf16 is not None and _plausible(as_utf16) and not _ASCII_SPACE.search(as_utf8):
        return  # both readings are text without a space or line end (B, A make 䅂): the mark decides
    raise EncodingError(
        f"the file starts with a {encoding.upper()} byte-order mark but the rest is UTF-8: the mark is wrong",
        path=path, line=1, hint="remove the first two bytes (save the file as UTF-8)",
    )


def decode_exact(data: bytes, path: Path | str, *, hint: str) -> tuple[str, str]:
    """Decode as :func:`decode` does, except that a bad byte is always an error.

    For tabular files whose every cell is reused as it is: glossary terms, the segments of
    a bilingual CSV/TSV translation memory. A document tolerates a few bad UTF-8 bytes
    (each becomes U+FFFD and is counted as debris); a term or a segment holding U+FFFD
    would be wrong without anyone being told. GB18030/GBK (what Chinese Excel saves), Big5,
    UTF-16 (Excel's "Unicode Text") and BOMs are read as in documents. ``hint`` says how to
    fix the file at the first bad byte (its line and column are in the message).
    """
    text, encoding = decode(data, Path(path))
    if encoding == "utf-8" and text.count("\ufffd") > data.count("\ufffd".encode()):
        _refuse_bad_utf8(data, path, hint)
    return text, encoding

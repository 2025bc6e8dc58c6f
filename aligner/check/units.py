"""Bilingual units from any TM or bilingual file, read with translate-toolkit's storage classes
(TMX with a streaming reader that gives the same units: :mod:`aligner.check.tmx_stream`).

TMX, XLIFF 1.2, XLIFF 2.0, PO and bilingual CSV/TSV; folders (recursively) and ``-`` for
stdin. Every unit keeps its file and its id or line so a finding can point back to it. A
segmented XLIFF 1.2 trans-unit (``<seg-source>``, as Trados and memoQ write) gives one unit
per segment (see :mod:`aligner.check.segments`).
Which side is Chinese is decided per file: by the language tags where the format has them,
otherwise by counting Han characters, because a zh→en glossary checks the Chinese side
against the English side whichever order the file stores them in.
"""
from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..documents.decode import refuse_workbook
from ..documents.entries import IGNORED, classify
from ..errors import FormatError, InputError
from ..formats.xmlguard import refuse_entities, resolve_named_references
from ..formats.xmltext import local_name, namespace, xml_syntax_problem
from ..inputs import read_input, reading, refuse_device
from ..streams import read_stdin
from .parsers import (  # noqa: F401 - re-exported
    _DIALECTS,
    _PARSERS,
    _XLIFF1_UNREVIEWED,
    _XML_LANG,
    UnitFormat,
    _Comma,
    _delimiter,
    _dialect,
    _lang,
    _orientation,
    _parse,
    _parse_csv,
    _parse_po,
    _parse_tmx,
    _parse_xliff1,
    _parse_xliff2,
    _Raw,
    _Semicolon,
    _store_error,
    _Tab,
    stream_tmx,
    _tu_problem,
    _xliff1_fuzzy,
    _xliff1_unreviewed,
)

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STDIN = "-"



_EXTENSIONS = {
    ".tmx": UnitFormat.TMX,
    ".xlf": None,  # XLIFF 1.2 or 2.0: decided by the content
    ".xliff": None,
    ".sdlxliff": UnitFormat.XLIFF1,  # Trados
    ".mqxliff": UnitFormat.XLIFF1,  # memoQ
    ".po": UnitFormat.PO,
    ".pot": UnitFormat.PO,
    ".csv": UnitFormat.CSV,
    ".tsv": UnitFormat.CSV,
}


@dataclass(frozen=True)
class Unit:
    """One source/target pair and where it is: ``file`` plus unit ``id`` and/or ``line``."""

    file: str
    id: str
    line: int | None
    source: str
    target: str
    fuzzy: bool = False  # unreviewed (PO fuzzy, XLIFF needs-*, Trados Draft): skipped unless asked
    #: (source, target) inline-code signatures the text does not show (XLIFF <x/>; codes.py)
    codes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    variant: str = ""  # a further form of one unit (en-GB beside en-US, a PO plural): not a rival translation

    @property
    def ref(self) -> str:
        """The unit id, else its line: what a finding calls the unit."""
        return self.id or (str(self.line) if self.line else "")

    @property
    def label(self) -> str:
        """``unit ID`` or ``line N`` for messages."""
        if self.id:
            return f"unit {self.id}"
        return f"line {self.line}" if self.line else "an earlier unit"

    @property
    def where(self) -> str:
        """``file:line`` (``file`` when the line is unknown): a location in any file."""
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class FileStats:
    """What was read from one file: nothing the user gave is silently dropped."""

    path: str
    format: str
    units: int = 0
    untranslated: int = 0  # units with an empty target: counted, not checked
    fuzzy: int = 0  # translated units marked fuzzy / needing review (see docs/check.md)


@dataclass
class UnitReader:
    """Reads units from files, folders and stdin; keeps per-file counts and skipped files."""

    files: list[FileStats] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    stdin: BinaryIO | None = None
    exclude: set[Path] = field(default_factory=set)  # resolved paths never read as units
    # malformed units left out, (file:line, reason): counted and reported, or with
    # ``strict`` the first one is an error
    bad_units: list[tuple[str, str]] = field(default_factory=list)
    strict: bool = False
    stdin_data: bytes | None = None  # what stdin gave, kept to read the units again

    def read(self, paths: Sequence[Path | str]) -> Iterator[Unit]:
        if not paths:
            raise InputError("no input files given", hint="name TM or bilingual files, a folder, or -")
        for item in paths:
            name = str(item)
            if name == STDIN:
                data = self.stdin.read() if self.stdin is not None else read_stdin()
                self.stdin_data = data
                yield from self._read_bytes(data, "<stdin>", None)
                continue
            path = Path(item)
            if path.is_dir():
                found = False
                for child in sorted(path.rglob("*")):
                    if any(part.startswith(".") for part in child.relative_to(path).parts):
                        continue  # hidden files and folders (.git, .DS_Store) are not inputs
                    if child.is_dir() and not child.is_symlink():
                        continue  # rglob reads it
                    why = classify(child)  # FIFOs (never opened), broken or looping links, linked folders
                    if why is not None and why.kind != IGNORED:
                        self.skipped.append((str(child), why.reason.split(": not read: ", 1)[-1]))
                        continue
                    if child.resolve() in self.exclude:
                        self.skipped.append((str(child), "the glossary"))
                        continue
                    if child.suffix.lower() in _EXTENSIONS:
                        found = True
                        yield from self._read_file(child)
                    else:
                        self.skipped.append((str(child), "not a TM or bilingual file"))
                if not found:
                    raise InputError(
                        "folder has no TM or bilingual file (" + ", ".join(sorted(_EXTENSIONS)) + ")", path=path,
                        hint="give the files directly or another folder",
                    )
                continue
            yield from self._read_file(path)

    def _read_file(self, path: Path) -> Iterator[Unit]:
        refuse_device(path, "TM or bilingual file")
        head = _streamable_head(path)
        if head is not None:  # a TMX file, read as the parser goes instead of whole
            yield from self._read_bytes(head, str(path), path.suffix.lower(), stream=path)
            return
        data = read_input(path, folder_hint="give a file", allow_stdin=False)
        yield from self._read_bytes(data, str(path), path.suffix.lower())

    def _read_bytes(self, data: bytes, name: str, suffix: str | None, stream: Path | None = None) -> Iterator[Unit]:
        with reading(name):
            yield from self._units(data, name, suffix, stream)

    def _units(self, data: bytes, name: str, suffix: str | None, stream: Path | None = None) -> Iterator[Unit]:
        """``data`` is the whole file, or with ``stream`` only its head (enough to recognise it)."""
        if _blank(data):
            # an empty export would otherwise pass the check with "0 units, no findings"
            what = "the file is empty" if not data else "the file holds only whitespace"
            raise InputError(what, path=name, hint="give a TM or bilingual file with units")
        refuse_workbook(data, name, what="a TM or bilingual file",
                        hint="save the sheet as CSV UTF-8 with source and target columns, or export TMX from your CAT tool")
        fmt = detect_unit_format(data, name, suffix)
        if stream is not None and fmt is not UnitFormat.TMX:  # only TMX streams: read it all
            data, stream = read_input(stream, folder_hint="give a file", allow_stdin=False), None
            fmt = detect_unit_format(data, name, suffix)
        stats = FileStats(path=name, format=fmt.value)
        self.files.append(stats)
        if fmt in (UnitFormat.TMX, UnitFormat.XLIFF1, UnitFormat.XLIFF2) and stream is None:
            data = resolve_named_references(data, name)  # &nbsp; under a DOCTYPE: not dropped
        if fmt is UnitFormat.TMX:
            raw = _Raw([])
            rest = stream_tmx(stream if stream is not None else data, name, raw)
            raw.units = list(itertools.islice(rest, _ORIENTATION_SAMPLE))  # the languages are known by now
        else:
            raw, rest = _PARSERS[fmt](data, name), iter(())
        del data
        handled = 0
        zh_first = _orientation(raw)
        for index, (ident, line, first, second, fuzzy, *variant) in enumerate(itertools.chain(raw.units, rest)):
            if len(raw.problems) > handled:  # malformed units met so far, in file order
                handled = self._bad(raw, handled, name)
            source, target = (first, second) if zh_first else (second, first)
            codes = raw.codes.get(index, ((), ()))
            if not zh_first:
                codes = (codes[1], codes[0])
            stats.units += 1
            if not target.strip():
                stats.untranslated += 1
            elif fuzzy:
                stats.fuzzy += 1
            yield Unit(file=name, id=ident, line=line, source=source, target=target, fuzzy=fuzzy,
                       codes=codes, variant=variant[0] if variant else "")
        self._bad(raw, handled, name)

    def _bad(self, raw: _Raw, handled: int, name: str) -> int:
        """Report the malformed units after the first ``handled`` (``strict``: the first is an error)."""
        for line, reason in raw.problems[handled:]:
            if self.strict:
                raise FormatError(reason, path=name, line=line,
                                  hint="repair the unit, or drop --strict to skip and count it")
            self.bad_units.append((f"{name}:{line}" if line else name, reason))
        return len(raw.problems)


#: units read before the sides are decided (by language tags, else by counting Han characters)
_ORIENTATION_SAMPLE = 500
#: bytes of a file read to recognise it before streaming it
_HEAD = 65536


def _streamable_head(path: Path) -> bytes | None:
    """The head of a file that can be streamed as TMX: a regular file that says ``<tmx`` early,
    in an ASCII-compatible encoding and without a DOCTYPE (whose named references and entity
    checks need the whole text); ``None`` for anything else, which is read whole."""
    try:
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None  # read_input says what is wrong
    if (b"<tmx" not in head or b"\x00" in head or b"<!DOCTYPE" in head
            or head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return None
    return head


def _blank(data: bytes) -> bool:
    """Nothing but whitespace (after a byte-order mark, if any). A large file is settled by its
    head when that holds text, so a 400 MB TM is not copied to find its first letter."""
    head = 65536
    if len(data) > head and not _blank_text(data[:head], "ignore"):  # "ignore": a char cut at the end
        return False
    return _blank_text(data, "replace")


def _blank_text(data: bytes, errors: str) -> bool:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return not data[len(bom):].decode(encoding, errors).strip()
    return not data.strip()


def read_units(paths: Sequence[Path | str], *, reader: UnitReader | None = None) -> Iterator[Unit]:
    """Units of every given file, folder (recursively) or ``-`` (stdin), in order.

    Pass a :class:`UnitReader` to get per-file counts and the files skipped in folders.
    """
    return (reader or UnitReader()).read(paths)


# --- format detection -------------------------------------------------------------------

def _root(data: bytes) -> tuple[str, str, int]:
    """Local name, ``version`` attribute / namespace and line of the XML root."""
    try:
        for _event, element in etree.iterparse(
            io.BytesIO(data), events=("start",), resolve_entities=False, no_network=True,
            huge_tree=False, load_dtd=False,
        ):
            tag = element.tag
            return local_name(tag), (element.get("version") or namespace(tag)), element.sourceline or 1
    except etree.XMLSyntaxError:
        pass
    return "", "", 1


def detect_unit_format(data: bytes, name: str, suffix: str | None) -> UnitFormat:
    """Recognise the format from the content; the extension breaks ties."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Trados writes TMX
        text = data[:131072].decode("utf-16", "replace")
    else:
        text = data[:65536].decode("utf-8", "replace")
    head = text[:2048].lstrip("\ufeff \t\r\n").encode("utf-8")
    if head.startswith(b"<"):
        refuse_entities(data, name)
        root, version, line = _root(data)
        if root == "tmx":
            return UnitFormat.TMX
        if root == "xliff":
            return UnitFormat.XLIFF2 if version.startswith("2") or ":2." in version else UnitFormat.XLIFF1
        if not root:
            return _raise_xml(data, name)
        raise FormatError(
            f"XML root <{root}> is neither TMX nor XLIFF", path=name, line=line,
            hint="give a TMX, XLIFF 1.2/2.0, PO or bilingual CSV file",
        )
    if re.search(r'(?m)^\s*msgid\s+"', text) or suffix in {".po", ".pot"}:
        return UnitFormat.PO
    if suffix in {".csv", ".tsv", None, ""} or b"\t" in head or b"," in head:
        return UnitFormat.CSV
    raise FormatError(
        "not a TM or bilingual file", path=name, line=1,
        hint="give a TMX, XLIFF 1.2/2.0, PO or bilingual CSV/TSV file",
    )


def _raise_xml(data: bytes, name: str) -> UnitFormat:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message, hint, line = xml_syntax_problem(exc, "repair the XML (an unescaped & or <, a truncated file)")
        raise FormatError(message, path=name, line=line, hint=hint) from None
    raise FormatError("not a TM or bilingual file", path=name, line=1,
                      hint="give a TMX, XLIFF 1.2/2.0, PO or bilingual CSV/TSV file")


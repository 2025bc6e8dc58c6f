"""Read documents kept in the cache (aligner.cache.parsed): an unchanged page is hashed, not
parsed again; the document read back is the one the reader makes; the build writes the same
bytes; a damaged entry or one that is not a document is named and the page read again; a
read that skipped a file is not kept."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from aligner.build import BuildSettings, build
from aligner.cache import DocumentCache
from aligner.cache.parsed import KIND, ParsedDocuments, decode, encode
from aligner.cache.store import FORMAT
from aligner.documents import read_corpus
from aligner.documents.entries import Skipped
from aligner.model import Document

from tests.docx_fixtures import guide_docx

BUNDLED = Path(__file__).resolve().parent.parent / "corpus"

# our own pages: Markdown with front matter and code, plain text, a Word document
PAGES = {
    "a.md": ("---\ntitle: 容器\nweight: 3\n---\n# 容器\n\n容器镜像（container image）保存在镜像仓库中。\n\n```\nrun --rm\n```\n",
             "---\ntitle: Containers\n---\n# Containers\n\nContainer images are kept in an image registry.\n"),
    "b.txt": ("节点上运行多个容器。容器镜像从镜像仓库下载。\n", "A node runs several containers. Images come from the registry.\n"),
}


def _corpus(root: Path) -> Path:
    for name, (zh, en) in PAGES.items():
        for side, text in (("zh", zh), ("en", en)):
            (root / side).mkdir(parents=True, exist_ok=True)
            (root / side / name).write_text(text, encoding="utf-8")
    (root / "zh" / "c.docx").write_bytes(guide_docx("zh"))
    (root / "en" / "c.docx").write_bytes(guide_docx("en"))
    return root


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / f"v{FORMAT}" / KIND).rglob("*") if p.is_file())


def _build(corpus: Path, out: Path, cache: Path | None, messages: list[str] | None = None) -> dict:
    report = build(BuildSettings(corpus=corpus, out=out), messages.append if messages is not None else None,
                   jobs=1, cache=DocumentCache(cache) if cache is not None else None)
    return json.loads(json.dumps(report.to_dict()).replace(str(out), "OUT"))  # the same wherever written


def test_every_field_of_a_document_survives_the_round_trip(tmp_path: Path) -> None:
    docs = [*read_corpus(BUNDLED / "zh", BUNDLED / "en"), *read_corpus(_corpus(tmp_path) / "zh", tmp_path / "en")]
    assert {d.kind.value for d in docs} >= {"pdf-text", "forum", "markdown", "roundtable", "plain", "docx"}
    assert any(d.front_matter for d in docs) and any(d.debris for d in docs) and any(d.source_lines for d in docs)
    for doc in docs:
        data = encode(doc)
        assert data is not None and set(data) == {f.name for f in dataclasses.fields(Document)}
        assert decode(json.loads(json.dumps(data, ensure_ascii=True))) == doc


def test_a_front_matter_json_would_change_is_not_kept(tmp_path: Path) -> None:
    doc = read_corpus(_corpus(tmp_path) / "zh", tmp_path / "en")[0]
    for value in ({"date": __import__("datetime").date(2024, 1, 2)}, {"pair": (1, 2)}, {1: "key"}):
        assert encode(dataclasses.replace(doc, front_matter=value)) is None


@pytest.mark.parametrize("change", [
    lambda d: {**d, "kind": "spreadsheet"}, lambda d: {**d, "zh": [["text", "zh", "body", [["0", 1]]]]},
    lambda d: {**d, "cat_view": 1}, lambda d: {k: v for k, v in d.items() if k != "source"},
    lambda d: {**d, "debris": [["kind", 1]]},
])
def test_data_that_is_not_a_document_is_refused(tmp_path: Path, change) -> None:
    data = encode(read_corpus(_corpus(tmp_path) / "zh", tmp_path / "en")[0])
    with pytest.raises((ValueError, KeyError, TypeError)):
        decode(change(data))


def test_a_rerun_parses_no_unchanged_page_and_writes_the_same_bytes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    plain = _build(corpus, tmp_path / "plain", None)
    cache = tmp_path / "cache"
    cold: list[str] = []
    first = _build(corpus, tmp_path / "first", cache, cold)
    assert len(_entries(cache)) == 3 and not any("not parsed again" in m for m in cold)
    (corpus / "en" / "b.txt").write_text(PAGES["b.txt"][1].replace("several", "many"), encoding="utf-8")
    warm: list[str] = []
    second = _build(corpus, tmp_path / "second", cache, warm)
    assert "read 3 documents from " + str(corpus / "zh") + " (2 unchanged, not parsed again)" in warm
    assert len(_entries(cache)) == 4  # the changed page read and kept under its new bytes
    assert first == plain and _files(tmp_path / "first") == _files(tmp_path / "plain")
    assert second == _build(corpus, tmp_path / "plain2", None)
    assert _files(tmp_path / "second") == _files(tmp_path / "plain2")


def test_damaged_and_malformed_entries_are_read_again(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    plain = _build(corpus, tmp_path / "plain", None)
    _build(corpus, tmp_path / "first", cache)
    entries = _entries(cache)
    data = bytearray(entries[0].read_bytes())  # one bit of the body flipped on the disk
    data[data.index(b"\n") + 1] ^= 0x20
    entries[0].write_bytes(bytes(data))
    ParsedDocuments(cache, False).store.put_bytes(entries[1].name, b'{"path": 3}')  # checked, but no document
    messages: list[str] = []
    assert _build(corpus, tmp_path / "again", cache, messages) == plain
    damaged = [m for m in messages if m.startswith("cache: read document ")]
    assert len(damaged) == 2 and all(m.endswith("; read again") for m in damaged)
    assert any("checksum mismatch" in m for m in damaged) and any("not a read document" in m for m in damaged)
    assert _files(tmp_path / "again") == _files(tmp_path / "plain")
    messages.clear()  # stored again: the next build parses nothing
    _build(corpus, tmp_path / "third", cache, messages)
    assert any("(3 unchanged, not parsed again)" in m for m in messages)


def test_a_read_that_skipped_a_file_is_not_kept(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    (corpus / "en" / "b.txt").write_bytes(b"\x00\x01" * 64 + b"\xff\xfe\xfd")  # an English file not readable as text
    parsed = ParsedDocuments(tmp_path / "cache", False)
    skipped: list[Skipped] = []
    first = read_corpus(corpus / "zh", corpus / "en", skipped=skipped, reuse=parsed.read)
    if not skipped:
        pytest.skip("the reader read that English file")
    assert parsed.parsed == 3 and len(_entries(tmp_path / "cache")) == 2
    again: list[Skipped] = []
    second = read_corpus(corpus / "zh", corpus / "en", skipped=again, reuse=parsed.read)
    assert second == first and [s.reason for s in again] == [s.reason for s in skipped]


def test_an_entry_is_utf8_and_a_lone_surrogate_comes_back(tmp_path: Path) -> None:
    """The body is UTF-8 JSON (a Chinese character 3 bytes, not a 6-byte escape); a text the
    reader kept a lone surrogate in (bytes it could not decode, kept by surrogateescape)
    comes back as it was."""
    doc = read_corpus(_corpus(tmp_path / "corpus") / "zh", tmp_path / "corpus" / "en")[0]
    odd = dataclasses.replace(doc, zh=[dataclasses.replace(doc.zh[0], text=doc.zh[0].text + "\udcff")])
    parsed = ParsedDocuments(tmp_path / "cache", False)
    assert parsed.read(doc.path, doc.en_path, lambda: (odd, True)) == odd
    (entry,) = _entries(tmp_path / "cache")
    assert "容器".encode("utf-8") in entry.read_bytes() and b"\\u5bb9" not in entry.read_bytes()

    def parse_again() -> tuple[Document, bool]:
        raise AssertionError("an unchanged page is not parsed again")

    assert ParsedDocuments(tmp_path / "cache", False).read(doc.path, doc.en_path, parse_again) == odd

"""A page's files are made by the worker that aligns it and written only when their bytes
changed: a re-run leaves unchanged outputs untouched (same inode, same mtime), rewrites the
changed page's, and every file is the bytes a build without the cache writes; a stored page
made under another ``SOURCE_DATE_EPOCH`` is written with the new date without aligning again."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from aligner.atomic import atomic_write, write_bytes
from aligner.build_pages import PageFiles, page_files
from aligner.formats.tmx import tmx_bytes, write_tmx
from aligner.model import TranslationUnit

from .test_build_cache import EDITED_EN, _build, _corpus, _files


def _stamp(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_mtime_ns


def test_write_bytes_leaves_a_file_that_holds_the_bytes_alone(tmp_path: Path) -> None:
    path = tmp_path / "out" / "page.tmx"
    assert write_bytes(path, b"<tmx>\n") is True
    before = _stamp(path)
    assert write_bytes(path, b"<tmx>\n") is False
    assert _stamp(path) == before and sorted(p.name for p in path.parent.iterdir()) == ["page.tmx"]
    assert write_bytes(path, b"<tmx/>\n") is True  # same length, other bytes: written
    assert path.read_bytes() == b"<tmx/>\n" and _stamp(path)[0] != before[0]


def test_a_streamed_write_of_the_same_bytes_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("#zh,en\n术语,term\n", encoding="utf-8")
    before = _stamp(path)
    with atomic_write(path, binary=False) as handle:
        handle.write("#zh,en\n术语,term\n")
    assert _stamp(path) == before and [p.name for p in tmp_path.iterdir()] == ["glossary.csv"]
    with atomic_write(path, binary=False) as handle:
        handle.write("#zh,en\n术语,terms\n")
    assert path.read_text(encoding="utf-8") == "#zh,en\n术语,terms\n"


def test_tmx_bytes_are_the_bytes_write_tmx_writes(tmp_path: Path) -> None:
    units = [TranslationUnit("第一句。", "The first sentence.", score=0.91, doc="p", src_line=1, tgt_line=1),
             TranslationUnit("带\x07控制符。", "With a control\x07 character.", score=0.5, doc="p", src_line=2,
                             tgt_line=2, anchors=("number",))]
    options = {"srclang": "zh-CN", "tgtlang": "en-US", "header_props": {"x-document": "p"},
               "creation_date": "20260102T030405Z"}
    report = write_tmx(units, tmp_path / "p.tmx", **options)  # type: ignore[arg-type]
    data, memory = tmx_bytes(units, "p.tmx", **options)
    assert data == (tmp_path / "p.tmx").read_bytes()
    assert (memory.control_chars_removed, memory.units_written) == (report.control_chars_removed, report.units_written) == (2, 2)


def test_page_files_without_english_or_units() -> None:
    from aligner.build import BuildSettings

    files = page_files([], None, BuildSettings(), "empty")
    assert files == PageFiles() and files.counts() == {}


def test_a_rerun_rewrites_only_the_changed_page(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    cache, out = tmp_path / "cache", tmp_path / "out"
    _build(corpus, out, cache)
    names = sorted(p.name for p in (out / "tmx").iterdir())
    assert {"install.tmx", "install.beads.json", "intro.tmx", "faq.beads.json"} <= set(names)
    before = {name: _stamp(out / "tmx" / name) for name in names}
    glossary = _stamp(out / "glossary" / "glossary.tbx")
    (corpus / "en" / "install.md").write_text(EDITED_EN, encoding="utf-8")
    store = _build(corpus, out, cache)
    assert store is not None and (store.stats.reused, store.stats.aligned) == (2, 1)
    after = {name: _stamp(out / "tmx" / name) for name in names}
    changed = sorted(name for name in names if after[name] != before[name])
    assert changed == ["install.beads.json", "install.tmx"]
    assert _stamp(out / "glossary" / "glossary.tbx") == glossary  # the same glossary: not written again
    _build(corpus, tmp_path / "plain", None)
    assert _files(out) == _files(tmp_path / "plain")


def test_a_new_source_date_epoch_rewrites_the_tmx_dates_without_aligning(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _build(corpus, tmp_path / "first", cache)
    assert b"creationdate" not in (tmp_path / "first" / "tmx" / "intro.tmx").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    store = _build(corpus, tmp_path / "dated", cache)
    assert store is not None and (store.stats.reused, store.stats.aligned) == (3, 0)
    assert b'creationdate="20260101T000000Z"' in (tmp_path / "dated" / "tmx" / "intro.tmx").read_bytes()
    _build(corpus, tmp_path / "plain", None)
    assert _files(tmp_path / "dated") == _files(tmp_path / "plain")

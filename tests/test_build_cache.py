"""``aligner build`` with the cache: a re-run reuses every unchanged document and writes the
bytes a build without the cache writes, with one worker or two; a changed page, a changed
setting or a damaged entry is aligned again; two builds may share the folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.build import BuildSettings, build
from aligner.cache import DocumentCache
from aligner.cli import cli

from tests.cache_helpers import output_files, write_corpus

ROOT = Path(__file__).resolve().parent.parent

# our own sentences: three short pages, one with a glossary term in brackets
PAGES = {
    "intro.md": ("# 工具简介\n\n翻译记忆库（translation memory）把原文和译文按句配对。每一句都有一个置信度。\n",
                 "# About the tool\n\nA translation memory pairs source and target sentence by sentence. "
                 "Every pair has a confidence.\n"),
    "install.md": ("# 安装\n\n先下载安装包。然后运行安装程序。安装完成后重新启动电脑。\n",
                   "# Installation\n\nFirst download the package. Then run the installer. "
                   "Restart the computer when the installation is done.\n"),
    "faq.md": ("# 常见问题\n\n程序无法启动时，请检查日志文件。如果问题仍然存在，请联系我们。\n",
               "# Questions\n\nIf the program does not start, check the log file. "
               "If the problem remains, contact us.\n"),
}
EDITED_EN = ("# Installation\n\nFirst download the installation package. Then run the installer. "
             "Restart the computer once the installation has finished.\n")


def _corpus(root: Path) -> Path:
    return write_corpus(root, PAGES)


_files = output_files


def _build(corpus: Path, out: Path, cache: Path | None, messages: list[str] | None = None,
           **settings: object) -> DocumentCache | None:
    store = DocumentCache(cache) if cache is not None else None
    say = messages.append if messages is not None else None
    build(BuildSettings(corpus=corpus, out=out, **settings), say, jobs=1, cache=store)  # type: ignore[arg-type]
    return store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("cache-corpus"))


def test_a_rerun_reuses_every_document_and_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    first = _build(corpus, tmp_path / "first", tmp_path / "cache")
    assert first is not None and (first.stats.reused, first.stats.aligned, first.stats.stored) == (0, 3, 3)
    messages: list[str] = []
    again = _build(corpus, tmp_path / "again", tmp_path / "cache", messages)
    assert again is not None and (again.stats.reused, again.stats.aligned, again.stats.stored) == (3, 0, 0)
    assert f"cache: 3 documents reused, 0 aligned, 0 stored in {tmp_path / 'cache'}" in messages
    assert not any(m.startswith("[") for m in messages)  # nothing went to the aligner
    _build(corpus, tmp_path / "plain", None)
    plain = _files(tmp_path / "plain")
    assert len([n for n in plain if n.endswith(".tmx")]) >= 3
    assert _files(tmp_path / "first") == plain
    assert _files(tmp_path / "again") == plain


def test_changing_one_page_realigns_that_page_only(tmp_path: Path) -> None:
    pages = _corpus(tmp_path / "pages")
    first = _build(pages, tmp_path / "first", tmp_path / "cache")
    assert first is not None and first.stats.aligned == 3
    (pages / "en" / "install.md").write_text(EDITED_EN, encoding="utf-8")
    messages: list[str] = []
    store = _build(pages, tmp_path / "second", tmp_path / "cache", messages)
    assert store is not None and (store.stats.reused, store.stats.aligned, store.stats.stored) == (2, 1, 1)
    assert [m.split(" (")[0] for m in messages if m.startswith("[")] == ["[1/1] install: aligned"]
    assert "cache: 2 documents of 3 reused from " + str(tmp_path / "cache") in messages
    _build(pages, tmp_path / "plain", None)
    assert _files(tmp_path / "second") == _files(tmp_path / "plain")
    assert _files(tmp_path / "second") != _files(tmp_path / "first")  # the edit reached the outputs


def test_a_moved_corpus_is_aligned_again(corpus: Path, tmp_path: Path) -> None:
    """Paths as given are in the key: a summary names the file where bytes were skipped."""
    _build(corpus, tmp_path / "first", tmp_path / "cache")
    moved = _corpus(tmp_path / "moved")
    store = _build(moved, tmp_path / "second", tmp_path / "cache")
    assert store is not None and (store.stats.reused, store.stats.aligned) == (0, 3)


@pytest.mark.parametrize("change", [{"min_score": 0.3}, {"srclang": "zh-TW"}, {"tm_terms": False}])
def test_a_changed_setting_misses(corpus: Path, tmp_path: Path, change: dict[str, object]) -> None:
    _build(corpus, tmp_path / "first", tmp_path / "cache")
    store = _build(corpus, tmp_path / "changed", tmp_path / "cache", **change)
    assert store is not None and (store.stats.reused, store.stats.aligned) == (0, 3)
    _build(corpus, tmp_path / "plain", None, **change)
    assert _files(tmp_path / "changed") == _files(tmp_path / "plain")


def test_other_srx_rules_miss_even_under_the_same_file_name(corpus: Path, tmp_path: Path) -> None:
    srx = tmp_path / "rules.srx"
    srx.write_bytes((ROOT / "aligner" / "data" / "srx" / "default.srx").read_bytes())
    _build(corpus, tmp_path / "first", tmp_path / "cache", srx=srx)
    again = _build(corpus, tmp_path / "again", tmp_path / "cache", srx=srx)
    assert again is not None and again.stats.reused == 3
    srx.write_bytes(srx.read_bytes() + b"\n<!-- the same rules, other bytes -->\n")
    store = _build(corpus, tmp_path / "second", tmp_path / "cache", srx=srx)
    assert store is not None and store.stats.reused == 0


def test_damaged_truncated_and_foreign_entries_are_recomputed(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    entries = sorted(p for p in (cache / "v1" / "docs").rglob("*") if p.is_file())
    assert len(entries) == 3
    entries[0].write_bytes(entries[0].read_bytes()[:-40])  # a kill mid-write without the rename
    data = bytearray(entries[1].read_bytes())
    data[-10] ^= 0x20  # one bit flipped on the disk
    entries[1].write_bytes(bytes(data))
    (entries[2].parent / f".{entries[2].name[:16]}.424242.abc.tmp").write_bytes(b"aligner-cache 1 docs")  # a leftover
    messages: list[str] = []
    store = _build(corpus, tmp_path / "again", cache, messages)
    assert store is not None
    assert (store.stats.reused, store.stats.recomputed, store.stats.stored) == (1, 2, 2)
    damaged = [m for m in messages if "damaged" in m and m.startswith("cache: entry")]
    assert len(damaged) == 2 and all(m.endswith("; recomputed") and "checksum mismatch" in m for m in damaged)
    assert "2 of them because their entry was damaged" in store.stats.line()
    _build(corpus, tmp_path / "plain", None)
    assert _files(tmp_path / "again") == _files(tmp_path / "plain")
    # the entries were written again, whole: a third build reuses all three
    third = _build(corpus, tmp_path / "third", cache)
    assert third is not None and third.stats.reused == 3
    # an entry copied over another's slot is refused as foreign, never used for that document
    entries[0].write_bytes(entries[1].read_bytes())
    fourth = _build(corpus, tmp_path / "fourth", cache, messages)
    assert fourth is not None and (fourth.stats.reused, fourth.stats.recomputed) == (2, 1)
    assert _files(tmp_path / "fourth") == _files(tmp_path / "plain")


def test_an_entry_whose_pair_readings_are_malformed_is_recomputed(corpus: Path, tmp_path: Path) -> None:
    """An entry with a right checksum but readings of the wrong shape (what another version
    could have stored) is refused as damaged and the document aligned and read again."""
    import json

    from aligner.cache import EntryStore

    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    store = EntryStore(cache, "docs")
    entries = sorted(p for p in (cache / "v1" / "docs").rglob("*") if p.is_file())
    line, _, files = entries[0].read_bytes().partition(b"\n")[2].partition(b"\n")  # header; JSON; the files
    body = json.loads(line)
    assert body["readings"]["pairs"] and body["readings"]["variants"]["counts"]["pairs"] >= 1
    body["readings"]["pairs"][0][2] = {"words": "one"}
    store.put_bytes(entries[0].name, json.dumps(body).encode("ascii") + b"\n" + files)
    messages: list[str] = []
    again = _build(corpus, tmp_path / "again", cache, messages)
    assert again is not None and (again.stats.reused, again.stats.recomputed) == (2, 1)
    assert any(m.startswith("cache: entry for ") and "damaged (a pair reading" in m for m in messages), messages
    _build(corpus, tmp_path / "plain", None)
    assert _files(tmp_path / "again") == _files(tmp_path / "plain")


def _cli_build(corpus: Path, out: Path, *options: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "aligner", "build", "--corpus", str(corpus), "--out", str(out),
                             *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=env or dict(os.environ))


def test_two_builds_share_one_cache_folder_and_two_workers_write_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    """Two processes fill the same folder at once; then one with ``--jobs 2`` reuses it, and
    every output equals a ``--no-cache`` build's."""
    cache = str(tmp_path / "cache")
    runs = [_cli_build(corpus, tmp_path / name, "--cache", cache, "--jobs", "1") for name in ("a", "b")]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert "cache: 0 documents reused, 3 aligned, 3 stored in" in err
    plain = _cli_build(corpus, tmp_path / "plain", "--no-cache", "--jobs", "2")
    _, err = plain.communicate(timeout=600)
    assert plain.returncode == 0 and "cache:" not in err
    reuse = _cli_build(corpus, tmp_path / "c", "--cache", cache, "--jobs", "2")
    _, err = reuse.communicate(timeout=600)
    assert reuse.returncode == 0 and "cache: 3 documents reused, 0 aligned" in err
    expected = _files(tmp_path / "plain")
    for name in ("a", "b", "c"):
        assert _files(tmp_path / name) == expected, name
    leftovers = [p for p in Path(cache).rglob("*") if p.is_file() and p.name.endswith(".tmp")]
    assert leftovers == []


def test_the_cli_uses_xdg_cache_home_by_default_and_no_cache_stores_nothing(corpus: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "a"), "--jobs", "1",
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "xdg").exists()
    result = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "b"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert len([p for p in (tmp_path / "xdg" / "aligner" / "v1" / "docs").rglob("*") if p.is_file()]) == 3
    result = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "c"), "--cache",
                                 str(tmp_path / "own"), "--no-cache"])
    assert result.exit_code == 2 and "--cache and --no-cache contradict each other" in result.output
    result = runner.invoke(cli, ["build", "--help"])
    assert "XDG_CACHE_HOME" in result.output and "--no-cache" in result.output


def test_a_realigned_document_reuses_its_sentence_embeddings(corpus: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed setting re-aligns every page, but the embedding model is not run again; a
    damaged embeddings entry is named and recomputed, and the outputs stay the same bytes."""
    from aligner.align import embedder

    encoded: list[int] = []
    real, real_parts = embedder._encode, embedder._encode_parts

    def counting(texts: list[str], *args: object) -> object:
        encoded.append(len(texts))
        return real(texts, *args)  # type: ignore[arg-type]

    def counting_parts(texts: list[str], *args: object) -> object:  # sentences with their clauses
        encoded.append(len(texts))
        return real_parts(texts, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(embedder, "_encode", counting)
    monkeypatch.setattr(embedder, "_encode_parts", counting_parts)
    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    assert sum(encoded) > 0
    tables = sorted(p for p in (cache / "v1" / "embeddings").rglob("*") if p.is_file())
    assert tables and not any(p.name.endswith(".tmp") for p in tables)
    encoded.clear()
    store = _build(corpus, tmp_path / "lower", cache, min_score=0.3)
    assert store is not None and store.stats.aligned == 3 and encoded == []
    for table in tables:  # (a table of clauses that all reuse their sentence's vector runs no model)
        table.write_bytes(table.read_bytes()[:-100])
    messages: list[str] = []
    _build(corpus, tmp_path / "again", cache, messages, min_score=0.2)
    assert encoded
    assert sorted(m.strip().split(" damaged")[0][:30] for m in messages if "embeddings entry" in m) == \
        sorted(f"cache: embeddings entry {table.name[:12]}"[:30] for table in tables)
    _build(corpus, tmp_path / "plain", None, min_score=0.2)
    assert _files(tmp_path / "again") == _files(tmp_path / "plain")


def test_a_build_killed_while_it_fills_the_cache_leaves_no_half_entry(corpus: Path, tmp_path: Path) -> None:
    """SIGKILL as soon as the first entry appears (wherever the writer then is): the next build
    finds only whole entries (nothing damaged), reuses them, and writes the no-cache bytes."""
    import signal
    import time

    cache = tmp_path / "cache"
    run = _cli_build(corpus, tmp_path / "killed", "--cache", str(cache), "--jobs", "1")
    try:
        while run.poll() is None and not any(p.is_file() for p in cache.rglob("*")):
            time.sleep(0.01)
    finally:
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
        run.communicate(timeout=600)
    messages: list[str] = []
    store = _build(corpus, tmp_path / "after", cache, messages)
    assert store is not None and store.stats.reused + store.stats.aligned == 3
    assert not [m for m in messages if "damaged" in m]
    _build(corpus, tmp_path / "plain", None)
    assert _files(tmp_path / "after") == _files(tmp_path / "plain")

"""The corpus-level steps of a build kept whole in the cache (aligner.cache.corpus): the
glossary, the term pairs and the self-check are read back while their inputs are the same, give the same bytes
as computing them, run again when a page changed, and a damaged entry is recomputed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.build import BuildSettings, build
from aligner.cache import DocumentCache
from aligner.cache.corpus import KIND, CorpusMemo, inputs_digest
from aligner.cache.store import FORMAT
from aligner.glossary.from_tm import TmPair, TmTerms, extract_tm_terms
from aligner.model import Source

from tests.cache_helpers import output_files, write_corpus

# our own sentences: the same terms in several pages, so that the pages make term pairs
PAGES = {
    "a.md": ("# 容器\n\n容器镜像（container image）保存在镜像仓库（image registry）中。每个容器都有自己的文件系统。\n",
             "# Containers\n\nContainer images are kept in an image registry. "
             "Every container has its own file system.\n"),
    "b.md": ("# 节点\n\n节点上运行多个容器。容器镜像从镜像仓库下载。\n",
             "# Nodes\n\nA node runs several containers. Container images are downloaded from the image registry.\n"),
    "c.md": ("# 调度\n\n调度器为每个容器选择节点。节点故障时容器会被重新调度。\n",
             "# Scheduling\n\nThe scheduler picks a node for every container. "
             "When a node fails its containers are scheduled again.\n"),
}
REUSED = "cache: glossary, term pairs and self-check reused (their inputs unchanged)"


def _corpus(root: Path) -> Path:
    return write_corpus(root, PAGES)


_files = output_files


def _build(corpus: Path, out: Path, cache: Path | None, messages: list[str] | None = None) -> dict:
    say = messages.append if messages is not None else None
    report = build(BuildSettings(corpus=corpus, out=out), say, jobs=1,
                   cache=DocumentCache(cache) if cache is not None else None)
    return {name: report.to_dict()[name] for name in ("check", "tm_terms", "terms", "terms_by_status")}


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / f"v{FORMAT}" / KIND).rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus-steps"))


@pytest.fixture(scope="module")
def plain(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, bytes]]:
    out = tmp_path_factory.mktemp("plain")
    return _build(corpus, out, None), _files(out)


def test_an_unchanged_corpus_reads_every_step_back_with_the_same_bytes(corpus: Path, plain, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold: list[str] = []
    first = _build(corpus, tmp_path / "first", cache, cold)
    assert REUSED not in cold and len(_entries(cache)) == 3  # one entry per step
    assert first["terms"] >= 2 and first["tm_terms"]["entries"] > 0 and first["check"]["summary"]
    warm: list[str] = []
    again = _build(corpus, tmp_path / "again", cache, warm)
    assert REUSED in warm
    assert json.dumps(again, sort_keys=True) == json.dumps(first, sort_keys=True) == json.dumps(plain[0], sort_keys=True)
    assert _files(tmp_path / "first") == _files(tmp_path / "again") == plain[1]


def test_a_changed_page_runs_every_step_again(tmp_path: Path) -> None:
    pages = _corpus(tmp_path / "pages")
    cache = tmp_path / "cache"
    _build(pages, tmp_path / "first", cache)
    (pages / "en" / "c.md").write_text(PAGES["c.md"][1].replace("picks", "chooses"), encoding="utf-8")
    messages: list[str] = []
    changed = _build(pages, tmp_path / "second", cache, messages)
    assert not any(m.startswith("cache: ") and "reused (their inputs" in m for m in messages)
    assert len(_entries(cache)) == 6
    assert changed == _build(pages, tmp_path / "plain", None)
    assert _files(tmp_path / "second") == _files(tmp_path / "plain")


def test_damaged_and_malformed_entries_are_recomputed(corpus: Path, plain, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    for entry in _entries(cache):  # one bit of the body flipped on the disk
        data = bytearray(entry.read_bytes())
        data[data.index(b"\n") + 1] ^= 0x20
        entry.write_bytes(bytes(data))
    messages: list[str] = []
    assert _build(corpus, tmp_path / "again", cache, messages) == plain[0]
    damaged = [m for m in messages if m.startswith("cache: stored ")]
    assert len(damaged) == 3 and all("checksum mismatch" in m and m.endswith("; recomputed") for m in damaged)
    assert _files(tmp_path / "again") == plain[1]
    # an entry whose checksum holds but whose body is not a result of its step
    memo = CorpusMemo(cache)
    for entry in _entries(cache):
        memo.store.put(entry.name, {"terms": [["only", "two"]], "pairs": 1, "candidates": 1, "known": 0,
                                    "nested": 0, "summary": 3})
    messages.clear()
    assert _build(corpus, tmp_path / "third", cache, messages) == plain[0]
    assert sorted(m.split(" (")[0] for m in messages if m.startswith("cache: stored ")) == \
        ["cache: stored glossary damaged", "cache: stored self-check damaged", "cache: stored term pairs damaged"]
    assert _files(tmp_path / "third") == plain[1]
    messages.clear()  # written again whole: the next build reads both back
    _build(corpus, tmp_path / "fourth", cache, messages)
    assert REUSED in messages


def test_the_term_pairs_survive_the_round_trip_exactly() -> None:
    rows = [("这个城市试行了新的治理模式。", "The city is trying out new governance models."),
            ("容器镜像保存在镜像仓库中。", "Container images are kept in an image registry."),
            ("节点上运行多个容器。", "A node runs several containers."),
            ("容器镜像从镜像仓库下载。", "Container images are downloaded from the image registry.")]
    found = extract_tm_terms([TmPair(z, e, Source("p", k), Source("p.en", k)) for k, (z, e) in enumerate(rows, 1)])
    assert found.terms
    data = json.loads(json.dumps(found.to_data()))
    back = TmTerms.from_data(data)
    assert back == found and [t.reasons() for t in back.terms] == [t.reasons() for t in found.terms]
    assert back.entries == found.entries and back.stored is not None
    with pytest.raises((ValueError, TypeError)):
        TmTerms.from_data({**data, "terms": [[*data["terms"][0][:4], "3", *data["terms"][0][5:]]]})


def test_the_digest_sees_order_and_content() -> None:
    assert inputs_digest([["a", 1], ["b", 2]]) != inputs_digest([["b", 2], ["a", 1]])
    assert inputs_digest([["a", 1]]) != inputs_digest([["a", 2]])
    assert inputs_digest([{"x": 1, "y": 2}]) == inputs_digest([{"y": 2, "x": 1}])


def test_another_setting_is_another_key(corpus: Path, tmp_path: Path) -> None:
    """The settings are in the key as in a page's: a build with another --min-score runs both steps."""
    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    messages: list[str] = []
    build(BuildSettings(corpus=corpus, out=tmp_path / "lower", min_score=0.3), messages.append, jobs=1,
          cache=DocumentCache(cache))
    assert REUSED not in messages and len(_entries(cache)) == 6


def test_a_document_added_or_renamed_is_another_glossary_key(tmp_path: Path) -> None:
    pages = _corpus(tmp_path / "pages")
    cache = tmp_path / "cache"
    _build(pages, tmp_path / "first", cache)
    for side in ("zh", "en"):
        (pages / side / "c.md").rename(pages / side / "d.md")
    messages: list[str] = []
    renamed = _build(pages, tmp_path / "second", cache, messages)
    assert not any("glossary" in m and "reused (their inputs" in m for m in messages)
    assert renamed == _build(pages, tmp_path / "plain", None)
    assert _files(tmp_path / "second") == _files(tmp_path / "plain")

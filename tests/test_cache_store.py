"""The cache's entries: written whole or not at all, refused when damaged, foreign or truncated,
and decoded back to exactly the per-document result that was stored."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.build import DocReport
from aligner.build_pages import PageFiles
from aligner.cache import CacheError, EntryStore, Found, default_dir
from aligner.cache import codec
from aligner.build_readings import DocReadings
from aligner.glossary.from_tm import PairReading
from aligner.glossary.variant_learning import UnitLearning
from aligner.model import Source, TranslationUnit, VariantSource

KEY = "ab" + "0" * 62
OTHER = "cd" + "1" * 62

texts = st.text(st.characters(codec="utf-8", exclude_categories=()) | st.characters(categories=["Cs"]), max_size=20)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
                           max_leaves=12)


def test_put_then_get_is_a_hit(tmp_path: Path) -> None:
    store = EntryStore(tmp_path, "docs")
    assert store.get(KEY).found is Found.MISS
    store.put(KEY, {"a": [1, 2.5, "句子"]})
    assert store.get(KEY).found is Found.HIT
    assert store.get(KEY).body == {"a": [1, 2.5, "句子"]}
    assert store.path(KEY) == tmp_path / "v1" / "docs" / "ab" / KEY
    assert [p.name for p in store.path(KEY).parent.iterdir()] == [KEY]  # no temporary file left


@given(value=json_values)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_any_json_value_round_trips(tmp_path: Path, value: object) -> None:
    store = EntryStore(tmp_path, "docs")
    store.put(KEY, value)
    assert store.get(KEY).body == value


@given(data=st.data())
@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_a_truncated_or_altered_entry_is_never_trusted(tmp_path: Path, data: st.DataObject) -> None:
    store = EntryStore(tmp_path, "docs")
    store.put(KEY, {"units": ["翻译记忆库", 0.93], "n": 3})
    whole = store.path(KEY).read_bytes()
    if data.draw(st.booleans(), label="truncate"):
        damaged = whole[: data.draw(st.integers(0, len(whole) - 1), label="length")]
    else:
        at = data.draw(st.integers(0, len(whole) - 1), label="at")
        flip = data.draw(st.integers(1, 255), label="xor")
        damaged = whole[:at] + bytes([whole[at] ^ flip]) + whole[at + 1:]
    store.path(KEY).write_bytes(damaged)
    assert store.get(KEY).found is Found.DAMAGED


def test_an_entry_moved_to_another_key_is_foreign(tmp_path: Path) -> None:
    store = EntryStore(tmp_path, "docs")
    store.put(KEY, [1])
    store.path(OTHER).parent.mkdir(parents=True)
    store.path(OTHER).write_bytes(store.path(KEY).read_bytes())
    found = store.get(OTHER)
    assert found.found is Found.DAMAGED and "another format or key" in found.reason
    # and a file that is no entry at all (say, a pickle someone put there)
    store.path(KEY).write_bytes(b"\x80\x04\x95cos\nsystem\n")
    assert store.get(KEY).found is Found.DAMAGED


def test_a_writer_killed_before_the_rename_leaves_the_old_entry(tmp_path: Path) -> None:
    """A kill between the temporary file and ``os.replace`` leaves a ``.tmp`` beside the entry:
    readers never open it, and the entry read is the old whole one."""
    store = EntryStore(tmp_path, "docs")
    store.put(KEY, {"v": 1})
    half = store.path(KEY).read_bytes()[:30]
    (store.path(KEY).parent / f".{KEY[:16]}.999999.x.tmp").write_bytes(half)
    assert store.get(KEY).body == {"v": 1}


def test_a_folder_that_cannot_hold_the_cache_is_a_typed_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(CacheError) as err:
        EntryStore(tmp_path / "file", "docs")
    assert "--no-cache" in str(err.value) and str(tmp_path / "file") in str(err.value)


@pytest.mark.parametrize(("xdg", "expected"), [
    ("/srv/cache", Path("/srv/cache/aligner")),
    ("", Path("/home/someone/.cache/aligner")),
    ("relative/dir", Path("/home/someone/.cache/aligner")),  # the XDG specification: ignore a relative path
    (None, Path("/home/someone/.cache/aligner")),
])
def test_default_folder_honours_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, xdg: str | None,
                                               expected: Path) -> None:
    monkeypatch.setenv("HOME", "/home/someone")
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert default_dir() == expected


# --- the per-document result -------------------------------------------------------------
scores = st.none() | st.floats(0, 1) | st.just(float("nan"))
units = st.builds(TranslationUnit, source=texts, target=texts, score=scores, doc=texts,
                  src_line=st.none() | st.integers(0, 10**6), tgt_line=st.none() | st.integers(0, 10**6),
                  anchors=st.tuples(texts, texts), note=texts, props=st.lists(st.tuples(texts, texts)).map(tuple))
reports = st.builds(DocReport, stem=texts, kind=st.just("plain"), encoding=st.just("utf-8"),
                    zh_segments=st.integers(0, 99), debris=st.dictionaries(texts, st.integers(0, 9), max_size=2),
                    tmx=st.none() | texts, note=texts, foreign=st.lists(st.tuples(st.integers(0, 99), texts), max_size=2))


def _same(a: object, b: object) -> bool:
    """Equal, NaN scores included (NaN != NaN): compared through their repr."""
    return repr(a) == repr(b)


_words = st.lists(st.text(max_size=6), max_size=3).map(tuple)
_pair_readings = st.builds(
    PairReading, words=st.integers(0, 500),
    zh=st.lists(st.tuples(st.text(max_size=6), _words,
                          st.none() | st.tuples(st.text(max_size=6), st.text(max_size=6), st.text(max_size=20))),
                max_size=3).map(tuple),
    en=st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6)), max_size=3).map(tuple),
    bitext=st.tuples(_words, _words), rendered=st.booleans())
_sources = st.builds(Source, st.text(max_size=6), st.integers(0, 10_000))
_variants = st.builds(
    UnitLearning, counts=st.dictionaries(st.sampled_from(["pairs", "learned", "skipped"]), st.integers(0, 99)),
    refused=st.dictionaries(st.text(max_size=8), st.integers(0, 99), max_size=2),
    records=st.dictionaries(st.integers(0, 50), st.lists(st.builds(VariantSource, st.text(max_size=8), _sources, _sources,
                                                                   st.text(max_size=20)), min_size=1, max_size=2),
                            max_size=2))
readings = st.builds(
    DocReadings, mask=st.text(max_size=8),
    pairs=st.dictionaries(st.tuples(st.text(max_size=8), st.text(max_size=8)),
                          st.tuples(st.none() | _pair_readings, st.lists(st.tuples(st.text(max_size=4), st.text(max_size=8)),
                                                                         max_size=2).map(tuple)), max_size=3),
    glossary=st.text(max_size=8), variants=st.none() | _variants)


page_files = st.builds(PageFiles, tmx=st.none() | st.binary(max_size=40), beads=st.none() | st.binary(max_size=40),
                       control_chars_removed=st.integers(0, 9), long_segments=st.integers(0, 9),
                       date=st.none() | st.just("20260101T000000Z"))


@given(report=reports, unit_list=st.lists(units, max_size=3), files=page_files, read=st.none() | readings)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_a_document_result_round_trips_through_an_entry(tmp_path: Path, report: DocReport,
                                                       unit_list: list[TranslationUnit], files: PageFiles,
                                                       read: DocReadings | None) -> None:
    """The output files ride after the JSON line as raw bytes (line breaks, any byte), and
    come back exactly, ``None`` (no file) apart from an empty one."""
    store = EntryStore(tmp_path, "docs")
    store.put_bytes(KEY, codec.encode((report, unit_list, files, read)))
    back = codec.decode(store.get_bytes(KEY).body)
    assert _same(back[:3], (report, unit_list, files))
    assert back[3] == read  # (dicts: the same items, whatever their order)


def test_a_body_of_the_wrong_shape_is_refused() -> None:
    files = PageFiles(b"<tmx/>\n", b"{}\n", 1, 0, None)
    good_bytes = codec.encode((DocReport("a", "plain", "utf-8"), [TranslationUnit("源", "source")], files,
                               DocReadings("m", {("源", "source"): (None, (("源", "Source"),))})))
    line, _, blob = good_bytes.partition(b"\n")
    good = json.loads(line)
    assert codec.decode(good_bytes)[2] == files

    def body(data: object, rest: bytes = blob) -> bytes:
        return json.dumps(data).encode("ascii") + b"\n" + rest

    for bad in (body({}), body([]), body({**good, "units": [{"source": "x"}]}), body({**good, "report": {"stem": "a"}}),
                body({k: v for k, v in good.items() if k != "readings"}),
                body({**good, "readings": {"mask": "m", "pairs": [["源", "source", None]]}}),
                body({**good, "readings": {"mask": 3, "pairs": [], "glossary": "", "variants": None}}),
                body({**good, "readings": {**good["readings"], "variants": {"counts": {"pairs": "1"}, "refused": {},
                                                                            "records": []}}}),
                body(good, blob[:-1]), body(good, blob + b"x"),  # the files' lengths must add up
                body({**good, "files": {**good["files"], "tmx": -1}}),
                body({**good, "files": {**good["files"], "date": 3}}),
                b"not json\n" + blob):
        with pytest.raises(ValueError):
            codec.decode(bad)


def test_a_reading_with_a_word_that_is_not_text_is_refused() -> None:
    """Words are checked a whole list at a time (build_readings._strs): one number among
    them still refuses the entry, wherever it is."""
    from aligner import build_readings

    good = build_readings._reading_data(PairReading(3, (("源", ("源", "码"), None),), (), (("源",), ("source", "code")),
                                                    False))
    assert build_readings._reading(json.loads(json.dumps(good))).bitext == (("源",), ("source", "code"))
    for bad in ({**good, "bitext": [["源"], ["source", 7]]}, {**good, "zh": [["源", ["源", None], None]]},
                {**good, "nouns": ["源", ["x"]]}):
        with pytest.raises(ValueError):
            build_readings._reading(bad)

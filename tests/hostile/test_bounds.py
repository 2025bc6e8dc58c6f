"""Issue 17, class 2: cost that grows without bound. Each stage's limit (aligner/bounds.py)
holds, what it cuts is counted, and nothing is cut from the output. Times are measured by
bench/hostile_bounds.py, never asserted here."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import embedder
from aligner.bounds import BRACKET_WINDOW, EMBED_MAX_CHARS, MAX_BRACKET_DEPTH
from aligner.glossary.paren_pairs import paren_candidates
from aligner.glossary.parens import paren_groups, too_deep
from aligner.model import Lang, LineSpan, Paragraph

from .conftest import invoke


class _FakeModel:
    """Records what the embedder is given, instead of running USE."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str], done=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        if done is not None:
            done(len(texts))
        return np.ones((len(texts), embedder.DIM), dtype=np.float32)


@pytest.fixture()
def fake_model(monkeypatch: pytest.MonkeyPatch) -> _FakeModel:
    model = _FakeModel()
    monkeypatch.setattr(embedder, "_model", lambda: model)
    return model


def test_the_embedder_sees_a_bounded_text_and_says_how_many_were_cut(fake_model: _FakeModel) -> None:
    notes: list[str] = []
    long = "机" * (EMBED_MAX_CHARS * 50)  # a line without punctuation
    vectors = embedder.embed([long, "短句。", long + "器"], progress=notes.append, label="Chinese sentences")
    assert vectors.shape == (3, embedder.DIM)
    assert max(map(len, fake_model.seen)) <= EMBED_MAX_CHARS
    assert len(notes) == 1 and notes[0].startswith(f"2 Chinese sentences longer than {EMBED_MAX_CHARS:,}")


def test_term_candidates_cut_are_said_by_term_extraction_not_the_aligner(fake_model: _FakeModel,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.cache import phrases

    monkeypatch.setattr(embedder, "PROGRESS_EVERY", 1)  # the running count is said, and filtered out
    monkeypatch.setattr(phrases, "BUCKETS", 1)
    heard: list[str] = []
    embedder.embed(["一", "二"], progress=heard.append, label="term candidates")
    assert heard == ["embedded 1 of 2 distinct term candidates", "embedded 2 of 2 distinct term candidates"]
    notes: list[str] = []
    phrases.phrase_vectors(["机" * (EMBED_MAX_CHARS + 1), "短语", "滚动更新", "负载均衡"], say=notes.append)
    assert notes == [f"terms: 1 term candidates longer than {EMBED_MAX_CHARS:,} characters embedded on their first "
                     f"{EMBED_MAX_CHARS:,} (for scoring only: the TMX keeps them whole)"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=EMBED_MAX_CHARS * 3), min_size=1, max_size=8))
def test_no_text_reaches_the_embedder_longer_than_the_bound(lengths: list[int]) -> None:
    model = _FakeModel()
    original = embedder._model
    embedder._model = lambda: model  # type: ignore[assignment]
    try:
        embedder.embed(["句" * n for n in lengths])
    finally:
        embedder._model = original  # type: ignore[assignment]
    assert all(len(t) <= EMBED_MAX_CHARS for t in model.seen)


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=300), st.booleans())
def test_nested_brackets_are_read_to_the_bound_and_the_rest_counted(depth: int, closed: bool) -> None:
    text = "前言" + "（" * depth + "术语" + ("）" * depth if closed else "")
    groups = list(paren_groups(text, nested=True))
    assert len(groups) == (min(depth, MAX_BRACKET_DEPTH) if closed else 0)
    assert len(groups) + too_deep(text) == (depth if closed else 0)


def _paragraph(lines: list[str]) -> Paragraph:
    spans, offset = [], 0
    for number, line in enumerate(lines, 1):
        spans.append(LineSpan(offset, number))
        offset += len(line)
    return Paragraph("".join(lines), Lang.ZH, spans=tuple(spans))


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=400))
def test_a_bracket_after_a_long_paragraph_gives_the_same_term_on_its_line(before: int) -> None:
    """The window before a bracket changes neither the term found nor its line."""
    filler = [f"第{i}行没有括号的文字。" for i in range(before)]
    found = list(paren_candidates("doc", _paragraph([*filler, "我们研究“机器翻译”（machine translation）。"]),
                                  lambda _t: 1))
    alone = list(paren_candidates("doc", _paragraph(["我们研究“机器翻译”（machine translation）。"]), lambda _t: 1))
    assert [(c.zh, c.en) for c in found] == [(c.zh, c.en) for c in alone] == [("机器翻译", "machine translation")]
    assert found[0].source.line == before + 1
    assert len(found[0].context) <= BRACKET_WINDOW


def test_glossary_extract_counts_brackets_nested_past_the_bound(tmp_path) -> None:
    doc = tmp_path / "deep.txt"
    doc.write_text("前言" + "（" * 3000 + "机器翻译（machine translation）" + "）" * 3000 + "\n", encoding="utf-8")
    run = invoke(["glossary", "extract", str(doc), "-o", str(tmp_path / "g.csv"), "--quiet"])
    assert run.code == 0, run.err
    deep = 3001 - MAX_BRACKET_DEPTH  # every group but the outermost MAX_BRACKET_DEPTH
    assert run.err.strip() == f"note: {deep} brackets nested more than {MAX_BRACKET_DEPTH} deep were not read for terms"


def test_glossary_extract_json_reports_the_count(tmp_path) -> None:
    doc = tmp_path / "deep.txt"
    doc.write_text("前言" + "（" * 20 + "术语" + "）" * 20 + "\n", encoding="utf-8")
    run = invoke(["glossary", "extract", str(doc), "-o", str(tmp_path / "g.csv"), "--json"])
    assert run.code == 0, run.err
    import json

    assert json.loads(run.out)["brackets_too_deep"] == 20 - MAX_BRACKET_DEPTH


def _closed_groups(text: str) -> int:
    depth = closed = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
            closed += 1
    return closed


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["（", "）", "(", ")", "术语", "Term ", "机器翻译", "Deep Learning", "\n", "。"]),
                min_size=1, max_size=120))
def test_generated_bracket_soup_is_read_or_counted(tmp_path_factory, pieces: list[str]) -> None:
    """Any mix of brackets, Han and Latin: extraction ends, each closed group is either
    read or counted as too deep, and no candidate carries more than the window as context."""
    from aligner.documents import read_document
    from aligner.errors import AlignerError
    from aligner.glossary.extract import extract, note_paragraphs, prose_paragraphs

    path = tmp_path_factory.mktemp("soup") / "soup.txt"
    path.write_text("前言" + "".join(pieces) + "\n", encoding="utf-8")
    try:
        doc = read_document(path)
    except AlignerError:
        return  # refused with one line: not a bound's business
    result = extract([doc])
    paragraphs = [*prose_paragraphs(doc.zh), *prose_paragraphs(note_paragraphs(doc))]
    assert result.brackets + result.brackets_too_deep == sum(_closed_groups(p.text) for p in paragraphs)
    for paragraph in paragraphs:
        assert all(len(c.context) <= BRACKET_WINDOW for c in paren_candidates("soup", paragraph, lambda _t: 1))


_SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="no"/>
<body><languagerules><languagerule languagerulename="zh">
<rule break="yes"><beforebreak>{before}</beforebreak><afterbreak></afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="zh"/></maprules></body></srx>
"""


def test_an_srx_rule_whose_repeats_would_unroll_past_the_bound_is_refused_with_its_line(tmp_path) -> None:
    """``(?:a{1000}){1000}`` is legal Java but the regex module unrolls it (274 MB; one more
    level exhausts memory): refused with the file and line, never compiled."""
    from aligner.bounds import SRX_MAX_REPEAT_EXPANSION

    (tmp_path / "zh.txt").write_text("第一句。第二句。\n", encoding="utf-8")
    srx = tmp_path / "rules.srx"
    srx.write_text(_SRX.format(before="(?:(?:。){1000}){1000}"), encoding="utf-8")
    run = invoke(["segment", str(tmp_path / "zh.txt"), "--srx", str(srx)])
    assert run.code == 2
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert f"{srx}:5:" in run.err
    assert f"expand to 1,000,000 copies (limit {SRX_MAX_REPEAT_EXPANSION:,})" in run.err


def test_an_srx_rule_with_ordinary_counted_repeats_still_segments(tmp_path) -> None:
    (tmp_path / "zh.txt").write_text("第一句。第二句。\n", encoding="utf-8")
    srx = tmp_path / "rules.srx"
    srx.write_text(_SRX.format(before="[。]{1,3}"), encoding="utf-8")
    run = invoke(["segment", str(tmp_path / "zh.txt"), "--srx", str(srx)])
    assert run.code == 0, run.err
    assert run.out.splitlines()[:2] == ["1\t第一句。", "1\t第二句。"]


@given(st.lists(st.tuples(st.sampled_from(["a", "[ab]", r"\.", "(?:", ")", "|"]),
                          st.sampled_from(["", "*", "{2}", "{3,5}", "{4,}", "+"])), max_size=12))
def test_the_repeat_cost_bounds_what_the_regex_module_unrolls(items: list[tuple[str, str]]) -> None:
    """Whatever the shape, a pattern the guard lets through compiles; a refused one costs more
    than the bound. The cost never undercounts a plain sequence's atoms."""
    import regex

    from aligner.segment.javaregex import repeat_expansion

    opened = sum(1 for atom, _ in items if atom == "(?:") - sum(1 for atom, _ in items if atom == ")")
    pattern = "".join(atom + (q if atom not in ("(?:", "|") else "") for atom, q in items) + ")" * max(0, opened)
    try:
        regex.compile(pattern)
    except regex.error:
        return
    cost = repeat_expansion(pattern)
    assert cost >= sum(1 for atom, _ in items if atom not in ("(?:", ")", "|"))

"""The five bundled documents: each read into plausible paragraphs, with real facts checked."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligner.documents import conservation_errors, decode, read_corpus, read_document
from aligner.model import DocKind, Lang, Role

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "zh"


def doc(prefix: str):
    (path,) = CORPUS.glob(prefix + "_*")
    return read_document(path)


@pytest.fixture(scope="module")
def docs():
    return {d.stem[:3]: d for d in read_corpus(CORPUS, None)}


def by_role(paragraphs, role):
    return [p for p in paragraphs if p.role is role]


def test_kinds_are_recognised_from_content(docs) -> None:
    assert {k: d.kind for k, d in docs.items()} == {
        "000": DocKind.PDF_TEXT,
        "001": DocKind.FORUM,
        "002": DocKind.MARKDOWN,
        "003": DocKind.ROUNDTABLE,
        "004": DocKind.MARKDOWN,
    }
    assert [d.stem for d in docs.values()] == sorted(d.stem for d in docs.values())


def test_paper_title_authors_abstract_keywords_in_both_languages(docs) -> None:
    paper = docs["000"]
    (zh_abstract,) = by_role(paper.zh, Role.ABSTRACT)
    (en_abstract,) = by_role(paper.en, Role.ABSTRACT)
    assert zh_abstract.text.startswith("有效加速主义(Effective Accelerationism, e/acc)是近年来")
    assert en_abstract.text.startswith("Effective Accelerationism (e/acc), a rising ideological movement")
    assert zh_abstract.line == 31 and en_abstract.line == 301
    zh_title = by_role(paper.zh, Role.TITLE)  # title and subtitle, as OmegaT segments them
    assert [(p.text, p.line) for p in zh_title] == [("生成式人工智能会毁灭人类吗？", 25), ("——有效加速主义刍议", 27)]
    (en_title,) = by_role(paper.en, Role.TITLE)
    assert en_title.text.startswith("Will Generative AI Be the End of Humanity?")
    assert [p.text for p in by_role(paper.zh, Role.AUTHORS)] == ["卢云峰，吴语菲"]
    assert [p.text for p in by_role(paper.en, Role.AUTHORS)] == ["Lu Yunfeng, Wu Yufei"]
    (zh_kw,) = by_role(paper.zh, Role.KEYWORDS)
    (en_kw,) = by_role(paper.en, Role.KEYWORDS)
    assert zh_kw.text.startswith("人工智能社会学；有效加速主义")
    assert en_kw.text == (
        "Artificial Intelligence Sociology; Effective Accelerationism; "
        "Generative Artificial Intelligence; DeepSeek; ChatGPT"
    )
    assert all(p.lang is Lang.EN for p in paper.en) and len(paper.en) == 4
    assert not any("Abstract:" in p.text or "摘要" in p.text[:3] for p in paper.zh + paper.en)


def test_paper_debris_removed_and_cut_paragraphs_rejoined(docs) -> None:
    paper = docs["000"]
    text = "\n".join(p.text for p in paper.zh)
    assert "①" not in text and "⑤" not in text and "^" not in text
    assert "网络首发" not in text and "ISSN" not in text and "责任编辑" not in text
    assert "中图分类号" not in text and "https://" not in text
    # "...取" + footnote block + "值范围在 0% 至 100% 之间": one paragraph, two spans
    (cut,) = [p for p in paper.zh if "取值范围在 0% 至 100% 之间" in p.text]
    assert [s.line for s in cut.spans] == [39, 43]
    assert cut.line_at(cut.text.index("值范围")) == 43
    (cut2,) = [p for p in paper.zh if "而是来自业界的工程师" not in p.text and "当“英伟达市值飙升到月球”" in p.text]
    assert [s.line for s in cut2.spans] == [161, 173]
    counts = paper.debris_counts()
    assert counts["footnote"] == 70 and counts["footnote-marker"] == 70
    assert counts["label"] == 4 and counts["masthead"] >= 10
    # ASCII punctuation among Han became full-width; the English in parentheses did not
    assert "，旨在通过" in text and "(Sam Altman)" in text and paper.normalised["punctuation"] > 300


def test_forum_furniture_removed(docs) -> None:
    forum = docs["001"]
    text = "\n".join(p.text for p in forum.zh)
    assert not re.search(r"</?[a-zA-Z][^>]*>", text)
    assert "发表于" not in text and "image" not in text.split() and "{" not in text
    assert "&amp;" not in text and "http" not in text and "*****" not in text
    assert "查看全部评分" not in text and "自动关闭" not in text and "—— 来自" not in text
    assert forum.zh[0].text.startswith("【新智元导读】当硅谷把「AGI造福全人类」包装成信仰时")
    assert any(p.text == "应该是AI跑的书摘" and p.line == 285 for p in forum.zh)
    assert any(p.text == "AGI这玩意到底多久才能落地没人知道" for p in forum.zh)  # full-width ＡＧＩ
    counts = forum.debris_counts()
    assert counts["post-header"] == 82 and counts["quote"] > 0 and counts["css"] == 1
    assert not forum.en


def test_markdown_blog_post(docs) -> None:
    post = docs["002"]
    text = "\n".join(p.text for p in post.zh)
    assert "**" not in text and "•" not in text
    assert any(p.text.startswith("这两种情景并不是唯一可能的") for p in post.zh)  # "1." marker gone
    assert "simply go unnoticed" in text  # the untranslated English phrase stays in zh
    assert not post.en


def test_roundtable_speakers(docs) -> None:
    rt = docs["003"]
    text = "\n".join(p.text for p in rt.zh)
    assert "肖 茜" not in text and "肖茜 清华大学人工智能国际治理研究院副院长" in text
    assert not any(re.match(r"(肖茜|李峥|包堉含|郝敏|李筱健)[:：]", p.text) for p in rt.zh)
    labels = [d for d in rt.debris if d.kind == "speaker-label"]
    assert len(labels) == 13
    assert {d.text for d in labels} == {"肖茜", "李峥", "包堉含", "郝敏", "李筱健"}
    (first,) = [d for d in labels if d.line == 47]
    assert first.text == "肖茜"
    (para,) = [p for p in rt.zh if p.line == 47]
    assert para.text.startswith("特朗普政府发布的人工智能行动计划")
    assert "点击蓝字" not in text and "END" not in text and "本文刊登在" not in text


def test_podcast_front_matter_is_data(docs) -> None:
    pod = docs["004"]
    fm = pod.front_matter
    assert "Tamay Besiroglu" in fm["people"] and "TSMC" in fm["companies_orgs"]
    assert "GPT-4o" in fm["products_models"] and fm["date"] == "2025-04-17"
    text = "\n".join(p.text for p in pod.zh)
    assert "**" not in text and "###" not in text and "people:" not in text
    assert any(p.text == "智能爆炸的误解" for p in pod.zh)
    assert "TSMC（Taiwan Semiconductor Manufacturing Company: 台湾积体电路制造股份有限公司）" in text
    assert pod.debris_counts()["front-matter"] == 80


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_bundled_documents_lose_nothing(prefix: str) -> None:
    (path,) = CORPUS.glob(prefix + "_*")
    text, _ = decode(path.read_bytes(), path)
    document = read_document(path)
    assert conservation_errors(text, document) == []
    for para in document.zh + document.en:
        assert para.text and para.spans[0].offset == 0
        assert [s.offset for s in para.spans] == sorted(s.offset for s in para.spans)
        assert para.text == para.text.strip()


def test_every_debris_kind_is_documented(docs) -> None:
    from aligner.documents import DEBRIS_KINDS

    fixtures = Path(__file__).parent / "data" / "documents"
    seen = {d.kind for doc in docs.values() for d in doc.debris}
    for path in fixtures.iterdir():
        if path.suffix in (".txt", ".md"):
            seen |= {d.kind for d in read_document(path).debris}
    assert seen <= set(DEBRIS_KINDS), seen - set(DEBRIS_KINDS)

"""Embedded English in the common layouts of a Chinese journal paper (issue 14).

Each fixture in tests/data/papers/ is an invented paper front matter with its English in
one layout; ``<name>.roles`` lists, role by role, which Chinese paragraph is paired with
which English one (``role<TAB>zh<TAB>en``; a line per pair, in order). Regenerate with
``ALIGNER_UPDATE_GOLDEN=1`` and review the diff. Through ``build`` every fixture must give
at least 8 of the 9 TMX pairs listed in ``<name>.pairs``, and never a pair across roles.
"""
from __future__ import annotations

import os
import unicodedata
from itertools import zip_longest
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.build import BuildSettings, build
from aligner.documents import read_document, read_text
from aligner.documents.labels import label_of
from aligner.formats.tmx import read_tmx
from aligner.model import Role

DATA = Path(__file__).parent / "data" / "papers"
PAPERS = sorted(DATA.glob("*.txt"))
PARTS = (Role.TITLE, Role.AUTHORS, Role.ABSTRACT, Role.KEYWORDS)


def role_pairs(path: Path) -> str:
    doc = read_document(path)
    out = []
    for role in PARTS:
        zh = [p.text for p in doc.zh if p.role is role]
        en = [p.text for p in doc.en if p.role is role]
        for a, b in zip_longest(zh, en, fillvalue="-"):
            out.append(f"{role.value}\t{a}\t{b}")
    return "\n".join(out) + "\n"


def test_every_layout_has_a_fixture() -> None:
    assert {p.stem for p in PAPERS} >= {
        "end_block", "cnki_brackets", "cnki_no_english_title", "ascii_brackets", "upper_labels", "unlabelled_front"
    }


@pytest.mark.parametrize("path", PAPERS, ids=[p.stem for p in PAPERS])
def test_parts_pair_role_by_role(path: Path) -> None:
    got = role_pairs(path)
    golden = path.with_suffix(".roles")
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    doc = read_document(path)
    assert not [p for p in doc.zh if p.role is Role.BODY and p.text.isascii()], "English left in the Chinese"
    assert {p.role for p in doc.en} <= set(PARTS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("papers")
    (root / "corpus" / "zh").mkdir(parents=True)
    for path in PAPERS:
        (root / "corpus" / "zh" / path.name).write_bytes(path.read_bytes())
    build(BuildSettings(corpus=root / "corpus", out=root / "out"))
    return root / "out" / "tmx"


@pytest.mark.parametrize("path", PAPERS, ids=[p.stem for p in PAPERS])
def test_build_pairs_the_parts(path: Path, built: Path) -> None:
    units = read_tmx(built / f"{path.stem}.tmx")
    got = {(u.source, u.target) for u in units}
    listed = path.with_suffix(".pairs")
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        listed.write_text("".join(f"{s}\t{t}\n" for s, t in sorted(got)), encoding="utf-8")
    expected = {tuple(line.split("\t")) for line in listed.read_text(encoding="utf-8").splitlines()}
    assert len(expected) >= 5
    assert len(got & expected) >= len(expected) - 1, sorted(expected - got)
    # never a title with an abstract, an abstract sentence with key words, …
    doc = read_document(path)
    for source, target in got:
        assert _role(source, doc.zh) is _role(target, doc.en), (source, target)


def _role(segment: str, paragraphs) -> Role:
    """The role of the (shortest) paragraph a TMX segment comes from."""
    squash = lambda s: "".join(unicodedata.normalize("NFKC", s).split())  # noqa: E731  (raw vs cleaned widths)
    label = label_of(segment)  # the TMX keeps the raw segment, label included
    segment = segment[label.match(segment).end():] if label else segment
    holders = [p for p in paragraphs if squash(segment) in squash(p.text)]
    assert holders, segment
    return min(holders, key=lambda p: len(p.text)).role


# --- every spelling of every label -------------------------------------------------------

ZH_ABSTRACT = ["摘要：", "摘要:", "摘 要：", "摘  要:", "【摘要】", "【 摘 要 】", "[摘要]", "［摘要］", "〔摘要〕",
               "【摘要】：", "摘要 ", "摘\u3000要\u3000", "内容提要：", "【内容摘要】", "摘要\n"]
ZH_KEYWORDS = ["关键词：", "关键词:", "关 键 词：", "【关键词】", "[关键词]", "［关键词］", "关键字：", "关键词 ",
               "【关键词】：", "关键词\n"]
EN_ABSTRACT = ["Abstract:", "Abstract：", "Abstract: ", "ABSTRACT:", "ABSTRACT：", "ABSTRACT ", "【Abstract】",
               "[Abstract]", "[ABSTRACT]", "［Abstract］", "Abstract ", "Abstract\n", "Summary:", "Abstract —"]
EN_KEYWORDS = ["Key words:", "Keywords:", "KEY WORDS:", "KEY WORDS：", "Key Words:", "Keywords：", "【Key words】",
               "[Keywords]", "[Key words]", "Key words ", "KEYWORDS ", "Key-words:", "Index terms:", "Key words\n",
               "KEY WORDS "]

ZH_TEXT = "本文讨论了旧城改造中的居民参与问题。研究发现，居民的意见在规划早期最容易被采纳。"
ZH_KW = "旧城改造；居民参与；城市规划"
EN_TEXT = ("This paper discusses resident participation in the renewal of old town areas. "
           "The study finds that residents' opinions are most easily adopted early in planning.")
EN_KW = "old town renewal; resident participation; urban planning"


def _paper(zh_a: str, zh_k: str, en_a: str, en_k: str, tight: bool, english_first: bool) -> str:
    gap = "\n" if tight else "\n\n"
    zh = gap.join(["旧城改造中的居民参与", "林晓东，何静", f"{zh_a}{ZH_TEXT}", f"{zh_k}{ZH_KW}"])
    en = gap.join(["Resident Participation in Old Town Renewal", "LIN Xiaodong, HE Jing",
                   f"{en_a}{EN_TEXT}", f"{en_k}{EN_KW}"])
    body = "一、引言\n\n旧城改造是城市发展中的重要议题。许多城市在改造中尝试了新的做法。\n"
    if english_first:
        return f"{en}{gap}{zh}\n\n{body}"
    return f"{zh}{gap}{en}\n\n{body}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(ZH_ABSTRACT), st.sampled_from(ZH_KEYWORDS), st.sampled_from(EN_ABSTRACT),
    st.sampled_from(EN_KEYWORDS), st.booleans(), st.booleans(),
)
def test_every_label_spelling_is_recognised(zh_a, zh_k, en_a, en_k, tight, english_first) -> None:
    doc = read_text(_paper(zh_a, zh_k, en_a, en_k, tight, english_first), Path("paper.txt"))
    zh = {p.role: p.text for p in doc.zh}
    en = {p.role: p.text for p in doc.en}
    assert zh.get(Role.ABSTRACT) == ZH_TEXT
    assert zh.get(Role.KEYWORDS) == ZH_KW
    assert en.get(Role.ABSTRACT) == EN_TEXT
    assert en.get(Role.KEYWORDS) == EN_KW
    assert zh.get(Role.TITLE) == "旧城改造中的居民参与"
    assert en.get(Role.TITLE) == "Resident Participation in Old Town Renewal"
    assert zh.get(Role.AUTHORS) == "林晓东，何静"
    assert en.get(Role.AUTHORS) == "LIN Xiaodong, HE Jing"


@pytest.mark.parametrize("text", [
    "Abstract art was popular in the 1950s and the museum bought many works.",
    "Summary statistics are given in the appendix.",
    "Keywords are chosen by the authors themselves.",
])
def test_words_that_only_look_like_labels_are_not_labels(text: str) -> None:
    doc = read_text(f"城市更新的社会学研究\n\n{text}\n\n这是正文的第一段。\n", Path("paper.txt"))
    assert all(p.role is Role.BODY for p in doc.zh + doc.en)

"""Evidence type ``pinyin``: Chinese personal names that have no English in the text.

Names are recognised from structure, never from a list of people:

* speaker labels of a transcript (``肖茜：``), whether the reader kept them in the text or
  moved them to debris;
* guest and credit lines (``肖 茜  清华大学…``, ``责编：安刚``);
* names in prose before a reporting verb (``邱泽奇认为``, ``李飞飞等人发文``).

Each gets the English form the user's English text writes, when it has a name whose reading
matches (李飞飞 -> ``Fei-Fei Li`` from the English abstract: evidence ``english-name``,
attested, see :mod:`.en_names`). Only without such evidence is a form proposed
(``status=proposed``, never mixed up with attested pairs): the established one that
CC-CEDICT records for a well-known person (李开复 -> Kai-Fu Lee), else Hanyu Pinyin
(肖茜 -> Xiao Qian). Transliterated foreign names (马斯克,
维尔东) and proper names that are not people (华为) are left alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Paragraph, Source, TermKind, TermStatus
from . import lexicon
from .candidate import Candidate, Evidence
from .en_names import EnglishNames
from .latin import CITATION_PARA_RE
from .romanize import romanize_name
from .text import COMPOUND_SURNAMES, HAN, SURNAMES, is_han, is_person_surname_start, looks_transliterated

NAME = rf"[{HAN}](?:[ \u3000]*[{HAN}]){{1,3}}"
SPEAKER_RE = re.compile(rf"^\s*({NAME})\s*[:：]\s*\S")
LABEL_RE = re.compile(rf"^\s*({NAME})\s*[:：]?\s*$")
AFFILIATION_CUES = (
    "大学", "学院", "研究院", "研究所", "研究中心", "中心", "杂志", "报社", "出版社", "公司", "集团",
    "委员会", "协会", "学会", "基金会", "银行", "医院", "实验室", "主任", "院长", "所长", "教授",
    "编辑", "记者", "主席", "博士", "讲师", "研究员", "总裁", "经理", "董事", "部长", "局长", "主编",
)
CREDIT_RE = re.compile(
    rf"(?:责编|责任编辑|责任校对|编辑|校对|作者|记者|主持人|主持|译者|撰文|摄影|审校|统筹)\s*[:：]\s*"
    rf"([{HAN}]{{2,4}}(?:[\s,，、]+[{HAN}]{{2,4}})*)"
)
REPORTING = ("等人", "等", "认为", "指出", "表示", "称", "说", "发文", "写道", "强调", "提出", "透露",
             "回应", "坦言", "介绍", "主张", "建议", "预测", "警告", "曾")
CLAUSE_START = set("，。；：、！？,.;:!?“”‘’「」（）()《》【】[] \n") | {"的", "和", "与", "据", "如", "及"}


NOT_IN_NAMES = set("他她它我你们的了是在和与也都就而但这那之其或及被把对从向以")


def _clean(name: str) -> str:
    return re.sub(r"[ \u3000]+", "", name)


def _plausible(name: str) -> bool:
    """Shaped like a Chinese personal name: surname first, 2-4 characters, no grammar."""
    return (
        2 <= len(name) <= 4
        and is_person_surname_start(name)
        and not looks_transliterated(name)
        and not any(ch in NOT_IN_NAMES for ch in name[1:])
        and not lexicon.common_word(name)
    )


def _candidates(name: str, source: Source, english: EnglishNames | None) -> Iterator[Candidate]:
    """The English form the user's English writes for ``name`` (attested, with the English
    sighting as a second source), else a proposed one: the established form CC-CEDICT
    records for a well-known person (李开复 -> Kai-Fu Lee), else Hanyu Pinyin."""
    name = _clean(name)
    if not _plausible(name) or lexicon.proper_non_person(name):
        return
    seen = english.find(name, source.doc) if english is not None else None
    if seen is not None:
        yield Candidate(name, seen.form, Evidence.ENGLISH_NAME, source, kind=TermKind.PERSON, cue="reading-match")
        if seen.source.line and seen.source != source:
            yield Candidate(name, seen.form, Evidence.ENGLISH_NAME, seen.source, kind=TermKind.PERSON,
                            cue="reading-match")
        return
    cand = _proposed(name, source)
    if cand is not None:
        yield cand


def _proposed(name: str, source: Source) -> Candidate | None:
    known = lexicon.person_gloss(name)
    if known is not None:
        en, akas = known
        return Candidate(name, en, Evidence.PINYIN, source, kind=TermKind.PERSON, variants=akas,
                         status=TermStatus.PROPOSED, cue="dictionary")
    en = romanize_name(name)
    if not en:
        return None
    return Candidate(name, en, Evidence.PINYIN, source, kind=TermKind.PERSON,
                     status=TermStatus.PROPOSED, cue="pinyin")


def name_candidates(doc: Document, english: EnglishNames | None = None) -> Iterator[Candidate]:
    """Chinese-only personal names found by structure in one document; ``english`` is the
    index of names the English text writes (see :func:`.en_names.english_names`)."""
    for item in doc.debris:
        if "speaker" in item.kind:
            match = LABEL_RE.match(item.text) or SPEAKER_RE.match(item.text)
            if match:
                yield from _candidates(match.group(1), Source(doc.stem, item.line), english)
    for paragraph in doc.zh:
        yield from _paragraph_names(doc.stem, paragraph, english)


def _paragraph_names(stem: str, paragraph: Paragraph, english: EnglishNames | None) -> Iterator[Candidate]:
    text = paragraph.text
    line = paragraph.line
    match = SPEAKER_RE.match(text)
    if match and len(_clean(match.group(1))) <= 4 and _name_like(_clean(match.group(1))):
        yield from _candidates(match.group(1), Source(stem, paragraph.line_at(match.start(1))), english)
    guest = _guest_name(text)
    if guest:
        yield from _candidates(guest, Source(stem, line), english)
    yield from credit_candidates(stem, paragraph, english)
    yield from _prose_names(stem, paragraph, english)


def _guest_name(text: str) -> str:
    """``肖 茜  清华大学…副院长``: a name (padded or not), a space, then an affiliation."""
    if len(text) > 120:
        return ""
    tokens = text.split()
    name = ""
    for i, token in enumerate(tokens[:-1]):
        if not all(is_han(ch) for ch in token):
            break
        name += token
        rest = " ".join(tokens[i + 1 :])
        if len(name) > 4:
            break
        if 2 <= len(name) <= 4 and any(cue in rest for cue in AFFILIATION_CUES) and _plausible(name):
            return name
    return ""


def credit_candidates(stem: str, paragraph: Paragraph,
                      english: EnglishNames | None = None) -> Iterator[Candidate]:
    """Names in credit lines: 责编：安刚, [责任编辑:张莹 张书炜]."""
    for credit in CREDIT_RE.finditer(paragraph.text):
        for name in re.split(r"[,，、]|\s{1,}", credit.group(1)):
            yield from _candidates(name, Source(stem, paragraph.line_at(credit.start(1))), english)


_CUE_RE = re.compile("|".join(sorted((*REPORTING, "、", "在"), key=len, reverse=True)))


def _prose_names(stem: str, paragraph: Paragraph, english: EnglishNames | None) -> Iterator[Candidate]:
    text = paragraph.text
    if CITATION_PARA_RE.match(text):
        return  # a footnote's reference list: authors of cited works, not people in the text
    seen: set[int] = set()
    for cue in _CUE_RE.finditer(text):
        end = cue.start()
        for size in (3, 2):
            start = end - size
            if start < 0 or start in seen:
                continue
            name = text[start:end]
            if not all(is_han(ch) for ch in name) or not _plausible(name):
                continue
            before = text[start - 1] if start else "\n"
            if before not in CLAUSE_START and is_han(before):
                continue
            lo = max(0, start - 8)
            window = text[lo : end + 6]
            if not _is_name_span(lexicon.words(window), window, start - lo, name):
                continue
            if cue.group(0) in ("在", "、") and not (_reports_later(text, end) or lexicon.is_probable_name(name)):
                continue
            seen.add(start)
            yield from _candidates(name, Source(stem, paragraph.line_at(start)), english)
            break


def _is_name_span(words: list[str], window: str, offset: int, name: str) -> bool:
    """The name sits on jieba word boundaries and is one word or single characters."""
    pos = 0
    covered: list[str] = []
    for word in words:
        if pos >= offset + len(name):
            break
        if pos + len(word) > offset and pos < offset + len(name):
            if pos < offset or pos + len(word) > offset + len(name):
                return False
            covered.append(word)
        pos += len(word)
    if not covered:
        return False
    return _name_like(name, covered)


def _name_like(name: str, pieces: list[str] | None = None) -> bool:
    """jieba agrees that ``name`` is a name: tagged so, or one unknown word, or a surname
    followed by characters that form no ordinary word (王 + 文广)."""
    if lexicon.is_probable_name(name):
        return True
    pieces = pieces if pieces is not None else lexicon.words(name)
    if lexicon.common_word(name):
        return False
    if len(pieces) == 1:
        return len(name) == 3 and not lexicon.in_dictionary(name) and lexicon.pos(name) in ("", "nrt", "nz")
    if pieces[0] not in SURNAMES and pieces[0] not in COMPOUND_SURNAMES:
        return False
    return all(not lexicon.common_word(p) and not lexicon.is_verb(p) for p in pieces[1:])


def _reports_later(text: str, end: int) -> bool:
    clause = re.split(r"[，。；！？,;!?]", text[end:], maxsplit=1)[0]
    return "等人" in clause or any(v in clause for v in ("指出", "表示", "认为", "强调", "写道"))

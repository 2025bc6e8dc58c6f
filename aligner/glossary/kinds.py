"""Which kind of term an entry is: person, org, product, concept, abbreviation, place, work.

Decided from general cues, never from a list of known entities: the shape of both forms
(a transliterated or Chinese personal name, an organisation word ending the English, a title
mark, digits in a product name), and the words around the term in the Chinese text
(``Scale AI公司`` is a company, ``LLaMA模型`` a model, ``Tamay认为`` a person). Front
matter, when a document has it, overrides the guess (see :mod:`.front_matter`). A pair is a
person only when the Chinese side looks like a personal name: a transliteration, or a Chinese
surname whose reading agrees with the English (全栈/Full Stack is not 全 Quan's name).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from ..cedict import raw_glosses
from ..han import HAN
from ..model import TermEntry, TermKind
from ..script import lookup_form
from . import lexicon
from .boundary import is_person_name
from .candidate import Evidence
from .text import COMPOUND_SURNAMES, PHONETIC, has_han, is_person_surname_start

ORG_LAST = re.compile(
    r"\b(Company|Corporation|Corp\.?|Inc\.?|Ltd\.?|LLC|GmbH|University|Institute|Foundation|"
    r"Association|Society|Council|Agency|Commission|Committee|Lab|Labs|Laboratory|Group|Party|"
    r"Bank|Union|Ministry|Department|Office|Bureau|Academy|School|College|Center|Centre|Court|"
    r"Congress|Senate|Parliament|Board|Fund|Trust|Network|Media|Press|Times|News|Studios?|"
    r"podcast|Firm|Partners|Capital|Ventures|Research|Systems|Technologies|AI|Review|Horowitz|"
    r"Combinator|Initiative|Organization|Organisation)$",
    re.I,
)
ORG_ZH = re.compile(
    r"(公司|集团|大学|学院|研究院|研究所|研究中心|基金会|协会|学会|委员会|实验室|银行|法院|议会|国会|"
    r"政府|组织|联盟|机构|事务所|杂志社|报社|出版社|电视台|航天局|总署|部门)$"
)
PLACE_ZH = re.compile(r"(国|省|州|市|县|岛|群岛|洲|湾|湾区|河|山|城|镇|村|关|帝国|王国|酋长国|半岛|海峡)$")
PLACE_EN = re.compile(r"\b(Valley|City|State|States|Kingdom|Republic|Emirates|Island|Islands|County|"
                      r"Province|Sea|River|Mount|Mountains?|Bay|Area|Empire|Strait)\b")
WORK_EN = re.compile(r"\b(paper|book|Manifesto|Report|Act|Bill|Declaration|Treaty|Letter|Wiki|"
                     r"Guidelines|Updates|Newsletter|Journal)\b", re.I)
WORK_ZH = re.compile(r"^《.*》$|(论文|宣言|报告|法案|条例|协议|公约|行政令|百科|著作|电影|小说)$")
EVENT_ZH = re.compile(r"(战争|战役|革命|朝|王朝|时代|运动|事件)$")
PRODUCT_EN = re.compile(r"[A-Za-z]\d|\d[A-Za-z]|[a-z][A-Z]|-\d|\b(GPT|App|Chatbot|Phone|Pro|Zero|Shuttle|Self-Driving)\b")
CONCEPT_EN = re.compile(
    r"\b(Sphere|Law|Paradox|Effect|Theory|Principle|Hypothesis|Problem|Fallacy|Dilemma|Conjecture|"
    r"Theorem|Disease|Syndrome|Bias)$"
)
CONCEPT_ZH = re.compile(r"(定律|定理|效应|悖论|主义|理论|原理|假说|猜想|困境|谬误|偏差|综合征)$")
SLOGAN = re.compile(r"[，,！!？?；;]")
AWARD_EN = re.compile(r"\b(Award|Prize|Medal)s?$")
AWARD_ZH = re.compile(r"(奖|奖项|奖章)$")
PRODUCT_WORD_EN = re.compile(r"\b(Hub|Store|Cloud|Browser|Engine|Assistant|Copilot)$")
# CC-CEDICT glosses that say what a headword names: "Alan Turing (1912-1954)", "(name)",
# "surname X", "Internet company", "(microblogging service)".
GLOSS_PERSON = re.compile(r"\(\d{3,4}-\d{2,4}\)|\(name\)|\bsurname\b|given name")
GLOSS_ORG = re.compile(r"\b(company|corporation|Corporation|service|website|social network|organization|university|"
                       r"search engine|Internet portal|e-commerce|\(brand\))")
GLOSS_PLACE = re.compile(r"\((city|province|county|island|river|mountain|place name|state)\b")
ACRONYM_RE = re.compile(r"^(?:[A-Z][A-Z&/]{1,7}|[a-z]/[a-z]+)$")

AFTER_ORG = ("公司", "集团", "创始人", "联合创始人", "总裁", "首席执行官", "董事会", "旗下", "实验室",
             "研究院", "的创始人", "员工", "合伙人", "风险投资机构", "投资机构", "创始者", "的创始者",
             "创办人", "的联合创始人", "的员工", "的研究人员", "研究人员", "一位合伙人", "的合伙人",
             "CEO", "CTO", "首席科学家", "工程师", "的工程师", "研究员", "的研究员", "官方",
             "推出的", "推出了",  # not 研发的/开发的: "AGI 研发的情况" is AGI being developed
             "这样的公司", "这类公司", "等公司", "这样的企业", "等企业", "等机构", "这样的机构",
             "这样的实验室", "等实验室")
AFTER_PRODUCT = ("模型", "大模型", "芯片", "系统", "软件", "产品", "应用", "游戏", "版本",
                 "聊天机器人", "数据集")
AFTER_PERSON = ("认为", "指出", "表示", "说", "提到", "强调", "回应", "推测", "承认", "预计", "补充",
                "警告", "建议", "同意", "观察到", "好奇", "询问", "提出", "总结", "解释", "质疑", "曾")
AFTER_WORK = ("法案", "一书", "这本书", "白皮书", "宣言")  # not 论文: "X 论文" is a paper BY X
AFTER_CONCEPT = ("架构", "算法", "范式")
AFTER_OTHER = ("计划", "项目", "工程")  # a programme (星际之门计划): none of the named kinds
# ``在 X 做研究``, ``在 X 发布``: a place of work or a platform, which the gold sets count as org.
AT_ORG_AFTER = ("做研究", "工作", "任职", "就职", "实习", "读博", "上发布", "发布", "上发表", "发表")
BEFORE_ORG = ("任职于", "就职于", "供职于", "加入了", "加入", "创立了", "创办了", "收购了")
# The head noun that ends a Chinese definition says what the term is: 一座城市, 科技巨头.
DEFINITION_HEADS = (
    (re.compile(r"(城市|国家|地区|城邦|首都|岛屿|岛|河流|山脉|王国|帝国|港口|小镇|村庄)(之一)?$"), TermKind.PLACE),
    (re.compile(r"(公司|企业|巨头|机构|组织|实验室|研究所|研究院|大学|基金会|智库|初创公司|合作伙伴|"
                r"非营利组织|平台公司)(之一)?$"), TermKind.ORG),
    (re.compile(r"(国王|皇帝|科学家|物理学家|数学家|发明家|企业家|哲学家|经济学家|作家|创始人|首席执行官|"
                r"工程师|研究员|教授|总统|总理)(之一)?$"), TermKind.PERSON),
    (re.compile(r"(模型|大模型|芯片|GPU|软件|应用程序|游戏|聊天机器人)(之一)?$"), TermKind.PRODUCT),
    (re.compile(r"(概念|理论|现象|原理|方法|算法|范式|技术|制度|思想|意识形态)(之一)?$"), TermKind.CONCEPT),
)
# Markup, quotes and emoji between a term and the words that describe it (Hugging Face🤗 这样的公司);
# clause punctuation is kept: after "，" the words belong to the next clause.
_LEAD_JUNK = re.compile("^[\\s\u3000*\"”’」』\U0001F000-\U0001FFFF\u2600-\u27BF\uFE0F]+")
_ASIDE = re.compile(r"^[（(]([^（()）]{1,60})[)）]")


def definition_kind(definition: str) -> TermKind | None:
    """The kind the head noun of a Chinese definition's first clause names, if it is telling.

    ``古代美索不达米亚南部的一座城市`` names a place, ``美国科技巨头`` an organisation,
    ``英伟达推出的一款高性能GPU`` a product. Only the clause's last word counts: the head of
    a Chinese noun phrase, not a word inside a modifier (``某公司开发的系统`` is a system).
    """
    clause = re.split(r"[，,。；;：:]", lookup_form(definition).strip(), maxsplit=1)[0].strip()
    if not clause or len(clause) > 40 or clause.startswith(("指", "是指")):
        return None  # 指…的AI系统: what the concept refers to, not what kind of thing it is
    for pattern, kind in DEFINITION_HEADS:
        if pattern.search(clause):
            return kind
    return None


def kind_from_context(after: str, before: str = "", term: str = "") -> TermKind | None:
    """The kind that the words around a term in Chinese prose imply, if any.

    ``after`` is the text right after the term (``公司``, ``CEO``, ``这样的公司``, ``计划``,
    or an aside in brackets: ``Palantir(Anthropic 在该交易中的合作伙伴)``), ``before`` the text
    right before it (``在 X 做研究``, ``加入 X``). ``term`` lets ``X 的X-114k`` (a product
    named after its maker) mark ``X`` as the maker.
    """
    after, before = lookup_form(after), lookup_form(before)  # Traditional: the cue words are Simplified
    after = _LEAD_JUNK.sub("", after)
    before = before.rstrip(" 　*\"“")
    aside = _ASIDE.match(after)
    if aside and has_han(aside.group(1)):
        found = definition_kind(aside.group(1))
        if found is not None:
            return found
    if before.endswith(BEFORE_ORG):
        return TermKind.ORG
    if before.endswith("在") and after.startswith(AT_ORG_AFTER):
        return TermKind.ORG
    if term and after.startswith("的") and not has_han(term) and _bears_makers_name(term, after[1:].lstrip(" *")):
        return TermKind.ORG  # OpenThoughts 的OpenThoughts-114k: the maker of what bears its name
    for words, kind in ((AFTER_ORG, TermKind.ORG), (AFTER_PRODUCT, TermKind.PRODUCT),
                        (AFTER_PERSON, TermKind.PERSON), (AFTER_WORK, TermKind.WORK),
                        (AFTER_CONCEPT, TermKind.CONCEPT), (AFTER_OTHER, TermKind.OTHER)):
        if after.startswith(words):
            return kind
    return _sibling_kind(before, after)


def _bears_makers_name(maker: str, text: str) -> bool:
    """``text`` opens with a different Latin name that starts with ``maker``'s first word:
    OpenThoughts -> OpenThoughts-114k, Magpie-Align -> Magpie-Reasoning-V2."""
    head = re.match(r"[A-Za-z][A-Za-z0-9]{2,}", maker)
    following = re.match(r"[A-Za-z0-9][\w.-]*", text)
    if head is None or following is None or following.group(0) == maker:
        return False
    name = following.group(0)
    return name.startswith(head.group(0)) and len(name) > len(head.group(0)) and name[len(head.group(0))] in "-_.0123456789"


_BEFORE_SIBLING = re.compile(rf"([{HAN}]{{2,8}})\s*[、和与及]\s*$")
_AFTER_SIBLING = re.compile(rf"^\s*[、和与及]\s*([{HAN}]{{2,8}})")


def _sibling_kind(before: str, after: str) -> TermKind | None:
    """``微软、IBM和旷视``: a term listed next to a company CC-CEDICT knows is a company too.

    Only organisations are inferred this way: a list of people or of products shares no
    telling gloss often enough to be worth the risk.
    """
    siblings: list[str] = []
    match = _BEFORE_SIBLING.search(before)
    if match:
        words = lexicon.words(match.group(1))
        siblings.append(words[-1] if words else "")
    match = _AFTER_SIBLING.match(after)
    if match:
        words = lexicon.words(match.group(1))
        siblings.append(words[0] if words else "")
    if any(len(w) >= 2 and _gloss_kind(w, "X") is TermKind.ORG for w in siblings):
        return TermKind.ORG
    return None


_EN_NAME = r"([A-Z][\w&.'-]*(?:[ ][A-Z][\w&.'-]*){0,3})"
_EN_STAFF = r"(?:researchers|engineers|employees|scientists|staff|team|CEO|CTO|founders?|co-founders?|board|investors)"
# What the user's English says an organisation is: "researchers at X", "X's engineers",
# "founded X", "X, a startup". Only organisations: the English cues for a person ("X said")
# fit organisations as well.
EN_ORG_CUES = (
    re.compile(rf"\b{_EN_STAFF} (?:at|of) {_EN_NAME}"),
    re.compile(rf"{_EN_NAME}(?:'s|’s) (?:own )?{_EN_STAFF}\b"),
    re.compile(rf"\b(?:founded|co-founded|cofounded|joined|acquired|left) {_EN_NAME}"),
    re.compile(rf"{_EN_NAME}, (?:a|an|the) (?:[a-z-]+ )?(?:company|startup|start-up|lab|laboratory|firm|"
               rf"nonprofit|non-profit|organi[sz]ation|institute|think tank)\b"),
)


def english_context_kinds(texts: Iterable[str]) -> dict[str, TermKind]:
    """Names the English text describes as organisations, keyed by their exact form.

    A capture may carry a capitalised word that is not part of the name (``Then Anthropic's
    engineers``), so its leading and trailing runs are keyed too; callers look glossary terms
    up by exact form, so a key that is no term does no harm.
    """
    found: dict[str, TermKind] = {}
    for text in texts:
        for pattern in EN_ORG_CUES:
            for match in pattern.finditer(text):
                words = match.group(1).rstrip(".'-").split()
                for size in range(len(words), 0, -1):
                    found.setdefault(" ".join(words[:size]), TermKind.ORG)  # joined Anthropic In
                    found.setdefault(" ".join(words[-size:]), TermKind.ORG)  # Then Anthropic's
    return found


def _transliterated_name(zh: str) -> bool:
    core = zh.replace("·", "")
    return "·" in zh or (2 <= len(core) <= 5 and all(ch in PHONETIC for ch in core))


@lru_cache(maxsize=4096)
def _readings(han: str) -> frozenset[str]:
    """Every pinyin reading of ``han`` (heteronyms included), tones stripped."""
    from pypinyin import Style, pinyin  # imported when needed: every build imports this module

    options: list[set[str]] = [{""}]
    for readings in pinyin(han, style=Style.NORMAL, heteronym=True):
        options.append({a + r for a in options[-1] for r in readings})
    return frozenset(options[-1])


def _surname_agrees(zh: str, en: str) -> bool:
    """True when ``zh`` reads as the Chinese personal name that ``en`` spells.

    The surname's pinyin initial starts one of the English tokens (``黄仁勋``/``Jensen Huang``,
    ``李开复``/``Lee Kai-Fu``), or, for Cantonese and Hokkien spellings that pinyin cannot
    match (``吴恩达``/``Andrew Ng``), jieba tags the Chinese as a personal name. ``全栈``/
    ``Full Stack`` has neither: it is a word that merely starts with a surname character.
    """
    surname = next((s for s in COMPOUND_SURNAMES if zh.startswith(s)), zh[:1])
    initials = {r[:1] for r in _readings(surname) if r}
    tokens = [t for t in re.split(r"[\s\-]+", en.lower()) if t]
    if any(t[:1] in initials for t in tokens):
        return True
    import jieba.posseg as posseg  # ~0.7 s of CPU to import: only when a surname is in doubt

    first = next(iter(posseg.cut(zh)), None)
    return first is not None and first.flag.startswith("nr")


def _gloss_kind(zh: str, en: str) -> TermKind | None:
    """The kind CC-CEDICT's gloss of the whole ``zh`` names, if it says."""
    gloss = raw_glosses().get(zh, "")
    if not gloss:
        return None
    if GLOSS_PERSON.search(gloss) and en[:1].isupper():
        return TermKind.PERSON
    if GLOSS_ORG.search(gloss):
        return TermKind.ORG
    if GLOSS_PLACE.search(gloss):
        return TermKind.PLACE
    return None


def _org_by_english(zh: str, en: str, last: str) -> bool:
    """An organisation word ends a multi-word English form (``Scale AI``, ``Apple Inc.``).

    ``AI`` only counts while the Chinese keeps it Latin: ``主权人工智能``/``Sovereign AI``
    translates it, so it is the technology, not a company name.
    """
    if len(en.split()) < 2 or not ORG_LAST.search(last):
        return False
    return not (last.upper() == "AI" and "智能" in zh)


def classify(zh: str, en: str, *, keep_as_is: bool = False) -> TermKind:
    """The most likely kind of the pair ``zh``/``en``."""
    zh = lookup_form(zh)  # Traditional (臺灣大學): the cue words are Simplified
    last = en.split()[-1] if en.split() else ""
    if has_han(zh):
        if WORK_ZH.search(zh) or WORK_EN.search(en):
            return TermKind.WORK
        if AWARD_ZH.search(zh) and AWARD_EN.search(en):
            return TermKind.OTHER
        if SLOGAN.search(zh.rstrip("！!？?")):
            return TermKind.OTHER  # a clause with its own punctuation is a slogan or a quote, not a term
        if CONCEPT_ZH.search(zh) or CONCEPT_EN.search(en):
            return TermKind.CONCEPT
        if (ORG_ZH.search(zh) and not en.islower()) or _org_by_english(zh, en, last):
            return TermKind.ORG  # a lowercase English (social enterprise) names a type, not an organisation
        if PLACE_ZH.search(zh) and en[:1].isupper() or PLACE_EN.search(en):
            return TermKind.PLACE
        if EVENT_ZH.search(zh) and en[:1].isupper():
            return TermKind.OTHER
        if is_person_name(en) and (_transliterated_name(zh) or (
                is_person_surname_start(zh) and len(zh) <= 3 and _surname_agrees(zh, en))):
            return TermKind.PERSON
        if len(en.split()) == 1 and en[:1].isupper() and en[1:].islower() and _transliterated_name(zh):
            return TermKind.PERSON
        gloss = _gloss_kind(zh, en)
        if gloss is not None:
            return gloss
        if ACRONYM_RE.match(en):
            return TermKind.ABBREVIATION
        if PRODUCT_EN.search(en):
            return TermKind.PRODUCT
        return TermKind.CONCEPT
    # A Latin form used as it is.
    if ORG_LAST.search(last) and len(en.split()) > 1:
        return TermKind.ORG
    if WORK_EN.search(en):
        return TermKind.WORK
    if PRODUCT_WORD_EN.search(en):
        return TermKind.PRODUCT
    if is_person_name(en):
        return TermKind.PERSON
    if PRODUCT_EN.search(en):
        return TermKind.PRODUCT
    if ACRONYM_RE.match(en):
        return TermKind.ABBREVIATION
    if en[:1].islower() and " " not in en:
        return TermKind.CONCEPT
    if keep_as_is and re.fullmatch(r"[A-Z][a-z]+", en):
        return TermKind.PRODUCT  # one capitalised Latin word kept as-is in Chinese prose: a brand
    return TermKind.OTHER


def names_from_full_names(entries: list[TermEntry]) -> list[TermEntry]:
    """Make a lone Latin given name or surname a person when a full name in the glossary has it.

    ``Romer`` alone looks like any brand; ``Paul Romer`` elsewhere in the same glossary says
    who it is; and a person-shaped Latin run holding a product that front matter names
    (``Nova Talks Back`` with ``Nova`` a product) is a product too. Only single capitalised words that the shape rules guessed (not ones that front
    matter or the surrounding words decided otherwise) are changed.
    """
    decided = {e.en: e.kind for e in entries if e.kind is not TermKind.PERSON and e.evidence == Evidence.FRONT_MATTER}
    parts: set[str] = set()
    for e in entries:
        tokens = e.en.split()
        if e.kind is TermKind.PERSON and len(tokens) >= 2 and not decided.keys() & set(tokens):
            parts.update((tokens[0], tokens[-1]))  # "Claude Plays Pokemon" is no name: Claude is a product
    out = []
    for e in entries:
        if (e.kind is not TermKind.PERSON and e.keep_as_is and re.fullmatch(r"[A-Z][a-z]+", e.en)
                and e.en in parts and e.en not in decided and e.kind is classify(e.zh, e.en, keep_as_is=True)):
            e = replace(e, kind=TermKind.PERSON)
        elif (e.kind is TermKind.PERSON and e.keep_as_is and e.evidence == Evidence.LATIN
              and any(decided.get(t) is TermKind.PRODUCT for t in e.en.split())):
            e = replace(e, kind=TermKind.PRODUCT)  # "Claude Plays Pokemon": named after a product
        out.append(e)
    return out

"""Which kind of term an entry is: person, org, product, concept, abbreviation, place, work.

Decided from general cues, never from a list of known entities: the shape of both forms
(a transliterated or Chinese personal name, an organisation word ending the English, a title
mark, digits in a product name), and the words around the term in the Chinese text
(``Scale AI公司`` is a company, ``LLaMA模型`` a model, ``Tamay认为`` a person). Front
matter, when a document has it, overrides the guess (see :mod:`.front_matter`).
"""
from __future__ import annotations

import re

from ..model import TermKind
from .boundary import is_person_name
from .text import PHONETIC, has_han, is_person_surname_start

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
ACRONYM_RE = re.compile(r"^(?:[A-Z][A-Z&/]{1,7}|[a-z]/[a-z]+)$")

AFTER_ORG = ("公司", "集团", "创始人", "联合创始人", "总裁", "首席执行官", "董事会", "旗下", "实验室",
             "研究院", "的创始人", "员工", "合伙人", "风险投资机构", "投资机构")
AFTER_PRODUCT = ("模型", "大模型", "芯片", "系统", "平台", "软件", "产品", "应用", "游戏", "版本",
                 "聊天机器人", "数据集")
AFTER_PERSON = ("认为", "指出", "表示", "说", "提到", "强调", "回应", "推测", "承认", "预计", "补充",
                "警告", "建议", "同意", "观察到", "好奇", "询问", "提出", "总结", "解释", "质疑", "曾")


def kind_from_context(after: str) -> TermKind | None:
    """The kind that the words right after a term in Chinese prose imply, if any."""
    after = after.lstrip(" 　*\"”")
    for words, kind in ((AFTER_ORG, TermKind.ORG), (AFTER_PRODUCT, TermKind.PRODUCT),
                        (AFTER_PERSON, TermKind.PERSON)):
        if after.startswith(words):
            return kind
    return None


def _transliterated_name(zh: str) -> bool:
    core = zh.replace("·", "")
    return "·" in zh or (2 <= len(core) <= 5 and all(ch in PHONETIC for ch in core))


def classify(zh: str, en: str, *, keep_as_is: bool = False) -> TermKind:
    """The most likely kind of the pair ``zh``/``en``."""
    last = en.split()[-1] if en.split() else ""
    if has_han(zh):
        if WORK_ZH.search(zh) or WORK_EN.search(en):
            return TermKind.WORK
        if ORG_ZH.search(zh) or (len(en.split()) > 1 and ORG_LAST.search(last)):
            return TermKind.ORG
        if PLACE_ZH.search(zh) and en[:1].isupper() or PLACE_EN.search(en):
            return TermKind.PLACE
        if EVENT_ZH.search(zh) and en[:1].isupper():
            return TermKind.OTHER
        if is_person_name(en) and (_transliterated_name(zh) or (is_person_surname_start(zh) and len(zh) <= 3)):
            return TermKind.PERSON
        if len(en.split()) == 1 and en[:1].isupper() and en[1:].islower() and _transliterated_name(zh):
            return TermKind.PERSON
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
    if is_person_name(en):
        return TermKind.PERSON
    if PRODUCT_EN.search(en):
        return TermKind.PRODUCT
    if ACRONYM_RE.match(en):
        return TermKind.ABBREVIATION
    if en[:1].islower() and " " not in en:
        return TermKind.CONCEPT
    return TermKind.OTHER

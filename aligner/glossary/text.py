"""Character classes and normalisation shared by every extractor.

Kept in one place so that "is this Han?", "is this a transliteration character?" and "are
these two forms the same term?" get one answer across the package.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import product

from ..han import HAN, HAN_CHAR, has_han, is_han_char
from ..script import traditional_forms

HAN_RE = HAN_CHAR
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
WS_RE = re.compile(r"\s+")
MIDDLE_DOTS = "·•・‧∙⋅"

# Characters of the standard Chinese transliteration table for foreign names (Xinhua's
# 外国人名翻译用字). A run of them next to "·", or standing where a foreign name is
# expected, marks a transliterated name. Very common function characters are left out on
# purpose so that a run never swallows grammar (的, 和, 在, 是...).
PHONETIC = set(
    "阿埃艾爱安昂奥澳巴拜班邦贝本比彼宾滨波玻伯泊勃博布查达戴丹当道德登迪蒂迭丁东杜敦顿多朵厄恩"
    "尔法凡范菲费芬丰冯佛弗福富伽盖甘冈戈格葛根古瓜哈海亥汉豪赫黑亨洪胡华霍基吉伽加贾杰金卡凯"
    "坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里理丽利莉连林琳铃隆卢鲁陆路伦罗洛马玛迈麦曼芒梅"
    "门蒙米密明缪摩莫默姆穆纳娜奈南瑙内尼妮宁纽努诺欧帕潘庞佩彭皮珀泼普奇齐契恰乔切钦琴丘屈萨"
    "塞赛桑瑟森沙莎山尚绍舍申什施史舒斯松苏索塔泰坦汤唐特滕提廷图托瓦娃万旺威韦维温文沃乌伍武"
    "西希锡夏谢辛休许雅亚扬耶伊因英尤约泽扎詹兹佐祖茨辛逊夫廉烈依翰列卧儿蕾妮丝珊琼娅"
)
# Characters that occur in transliterations but almost never in Chinese given names.
FOREIGN_ONLY = set("斯克尔夫姆森顿逊兹茨莱娜莎蒂妮珀瑟迪")

# Single-character and compound surnames (百家姓, the common part). A general resource,
# used to tell a Chinese personal name from a transliteration or a common word.
COMPOUND_SURNAMES = (
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫"
    " 西门 申屠 太史 呼延 澹台 公冶 宗政 濮阳 淳于 单于 闻人 万俟 赫连 百里 东郭 拓跋"
).split()
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)

# Traditional Chinese writes the same names with other characters (陳, 歐陽, 蘭): the lists
# above recognise both scripts (see aligner.script; the text itself is never converted).
PHONETIC |= traditional_forms(PHONETIC)
FOREIGN_ONLY |= traditional_forms(FOREIGN_ONLY)
SURNAMES |= traditional_forms(SURNAMES)
COMPOUND_SURNAMES = COMPOUND_SURNAMES + sorted(
    "".join(chars)
    for name in COMPOUND_SURNAMES
    for chars in product(*({c} | traditional_forms(c) for c in name))
    if "".join(chars) != name
)


is_han = is_han_char


def has_latin(text: str) -> bool:
    return bool(LATIN_RE.search(text))


def is_latin_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "&/+.'-_") or bool(LATIN_RE.match(ch))


def norm_key(text: str) -> str:
    """The identity of a term form: NFKC, no whitespace, case-folded.

    ``DeepSeek - R1`` and ``DeepSeek-R1`` are one form; so are full- and half-width letters.
    """
    return WS_RE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def tidy(text: str) -> str:
    """Display form of a term: NFKC for Latin letters, single spaces, no padding."""
    text = unicodedata.normalize("NFKC", text) if not has_han(text) else text
    text = WS_RE.sub(" ", text.replace("**", "")).strip()
    # "DeepSeek - R1" (PDF spacing) reads "DeepSeek-R1"; "Character. AI" stays as written.
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)
    text = text.strip(" \"'“”‘’「」『』")
    # _mutex_, *term*: Markdown emphasis around the whole form is not part of it
    return re.sub(r"^([*_]{1,3})(?=\S)(.+?)(?<=\S)\1$", r"\2", text) if text[:1] in "*_" else text


def is_person_surname_start(name: str) -> bool:
    """True when ``name`` begins with a Chinese surname (compound ones included)."""
    return any(name.startswith(s) for s in COMPOUND_SURNAMES) or (name[:1] in SURNAMES)


def looks_transliterated(name: str) -> bool:
    """A Han name that reads as a transliteration of a foreign name (特朗普, 维尔东)."""
    core = name.replace("·", "")
    if "·" in name:
        return True
    if not core:
        return False
    if any(ch in FOREIGN_ONLY for ch in core[1:]):
        return True
    return len(core) >= 4 and all(ch in PHONETIC for ch in core)


_INVARIANT_ENDINGS = ("ss", "us", "is", "ics", "as", "os", "ous", "series", "news", "data")


def singular(english: str) -> str:
    """The termbase form of a lowercase English term: its last word singular (layers -> layer).

    Chinese does not mark the plural, so a gloss written as ``neural networks`` and one written
    ``neural network`` are one term. Names and acronyms (any capital) are left alone.
    """
    words = english.split(" ")
    last = words[-1] if words else ""
    if not english.islower() or len(last) <= 3 or not last.isalpha() or last.endswith(_INVARIANT_ENDINGS):
        return english
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes", "zzes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    else:
        return english
    return " ".join([*words[:-1], last])

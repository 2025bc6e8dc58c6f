"""Reading SRX files (the spec's sample, SRX 1.0, bad files) and Java regex translation."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.errors import FormatError, InputError
from aligner.model import Lang
from aligner.segment import load_rules, split_sentences
from aligner.segment.javaregex import JavaRegexError, compile_java, translate

DATA = Path(__file__).parent / "data" / "segment"


def cut(text: str, lang: Lang | str, srx: str) -> list[str]:
    rules = load_rules(DATA / srx)
    return [text[s:e] for s, e in split_sentences(text, lang, rules)]


# --- the SRX 2.0 specification's sample rules ------------------------------------------

SPEC_CASES = [
    # English rules, then (cascade) Default
    ("en-US", "I met Mr. Blair and the U.K. team. They won. Sugar, tea etc. are sold here.",
     ["I met Mr. Blair and the U.K. team.", "They won.", "Sugar, tea etc. are sold here."]),
    ("en", "Apples etc. Then pears?! Fine.", ["Apples etc.", "Then pears?!", "Fine."]),
    # the English rules need a space before Mr.: at the start of the text it breaks
    ("EN-GB", "Mr. Blair left.", ["Mr.", "Blair left."]),
    # French rules; Mr. is not a French exception
    ("fr-FR", "Voici Mme. Dupont et M. Martin. Ils partent. Bonjour Mr. Smith.",
     ["Voici Mme. Dupont et M. Martin.", "Ils partent.", "Bonjour Mr.", "Smith."]),
    # Japanese: an empty <afterbreak> means "anything", so break after every run of 。
    ("ja", "これは日本語です。次の文です！最後。", ["これは日本語です。", "次の文です！", "最後。"]),
    # Default only: a numbered list item does not break after its number
    ("de", "1. Erster Punkt. Zweiter Satz.", ["1. Erster Punkt.", "Zweiter Satz."]),
    (Lang.ZH, "第一句。第二句. Third sentence.", ["第一句。第二句.", "Third sentence."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SPEC_CASES)
def test_spec_sample(lang: Lang | str, text: str, expected: list[str]) -> None:
    assert cut(text, lang, "spec_example.srx") == expected


def test_spec_sample_structure() -> None:
    rules = load_rules(DATA / "spec_example.srx")
    assert rules.cascade is True
    assert list(rules.language_rules) == ["Default", "English", "French", "Japanese"]
    assert rules.rule_names_for("en-US") == ("English", "Default")
    assert rules.rule_names_for("pt-BR") == ("Default",)
    assert [r.is_break for r in rules.rules_for("en-US")] == [False, False, False, False, True]
    japanese = rules.language_rules["Japanese"].rules[0]
    assert japanese.after is None and japanese.line == 51


def test_without_cascade_only_the_first_matching_map_applies() -> None:
    rules = load_rules(DATA / "spec_example_nocascade.srx")
    assert rules.cascade is False
    assert rules.rule_names_for("en-US") == ("English",)
    # English alone has no break rule
    assert cut("It rained. Then sun.", "en", "spec_example_nocascade.srx") == ["It rained. Then sun."]
    assert cut("It rained. Then sun.", "de", "spec_example_nocascade.srx") == ["It rained.", "Then sun."]


def test_srx_1_0_uses_the_first_maprule() -> None:
    rules = load_rules(DATA / "srx10.srx")
    assert rules.rule_names_for("zh-CN") == ("Chinese",)
    assert rules.rule_names_for("en-US") == ()
    assert cut("一；二。三", Lang.ZH, "srx10.srx") == ["一；", "二。", "三"]
    assert cut("一；二。三", Lang.EN, "srx10.srx") == ["一；二。三"]  # no rules: one segment


def test_java_constructs_in_a_user_file() -> None:
    text = "See No. 5 for it. Done now! Next one."
    assert cut(text, Lang.EN, "java_features.srx") == ["See No. 5 for it.", "Done now!", "Next one."]


# --- errors name the file and line -------------------------------------------------------

def test_missing_file() -> None:
    path = DATA / "nope.srx"
    with pytest.raises(InputError) as err:
        load_rules(path)
    assert str(err.value) == f"{path}: SRX file not found. check the path."


def test_directory() -> None:
    with pytest.raises(InputError) as err:
        load_rules(DATA)
    assert str(err.value) == f"{DATA}: is a folder, not a file. give the .srx file itself."


def test_malformed_xml() -> None:
    with pytest.raises(FormatError) as err:
        load_rules(DATA / "malformed.srx")
    assert err.value.line == 5
    assert str(err.value) == (
        f"{DATA / 'malformed.srx'}:5: not well-formed XML at column 10: <languagerules> (opened on line 4) "
        "is closed by </body>. close <languagerules> before </body>, or remove the stray tag."
    )


def test_wrong_root() -> None:
    with pytest.raises(FormatError) as err:
        load_rules(DATA / "not_srx.tmx")
    assert str(err.value) == (
        f"{DATA / 'not_srx.tmx'}:2: root element is <tmx>, not an SRX <srx>. "
        'give an SRX 2.0 file (xmlns="http://www.lisa.org/srx20").'
    )


def test_bad_regex_names_the_rule_line() -> None:
    with pytest.raises(FormatError) as err:
        load_rules(DATA / "bad_regex.srx")
    msg = str(err.value)
    assert msg.startswith(f"{DATA / 'bad_regex.srx'}:7: bad regular expression: unterminated character class")
    assert msg.endswith("SRX rules are Java regular expressions; fix or remove the rule.")


def test_unknown_language_rule() -> None:
    with pytest.raises(FormatError) as err:
        load_rules(DATA / "unknown_rule.srx")
    assert str(err.value) == (
        f"{DATA / 'unknown_rule.srx'}:10: <languagemap> names the language rule 'Defualt', "
        "which is not defined. define it in <languagerules> or fix the name."
    )


@pytest.mark.parametrize(("body", "line", "message"), [
    ('<rule break="maybe"><beforebreak>a</beforebreak></rule>', 4,
     "break='maybe' must be yes or no. fix the attribute."),
    ('<rule><beforebreak>[a&amp;&amp;b]</beforebreak></rule>', 4,
     "bad regular expression: character class intersection '&&'"),
])
def test_bad_rules(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = tmp_path / "r.srx"
    path.write_text(
        '<?xml version="1.0"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body>\n'
        '<languagerules><languagerule languagerulename="X">\n'
        f"{body}\n"
        '</languagerule></languagerules><maprules><languagemap languagepattern=".*" '
        'languagerulename="X"/></maprules></body></srx>\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as err:
        load_rules(path)
    assert str(err.value).startswith(f"{path}:{line}: {message}")


def test_no_maps_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.srx"
    path.write_text('<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body/></srx>', encoding="utf-8")
    with pytest.raises(FormatError) as err:
        load_rules(path)
    assert str(err.value) == (
        f"{path}:1: SRX file has no <languagemap>, so no rule would ever apply. "
        "add <maprules> with at least one <languagemap>."
    )


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("LEAK", encoding="utf-8")
    path = tmp_path / "xxe.srx"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body><languagerules>'
        '<languagerule languagerulename="X"><rule><beforebreak>&x;</beforebreak></rule>'
        '</languagerule></languagerules><maprules><languagemap languagepattern=".*" '
        'languagerulename="X"/></maprules></body></srx>',
        encoding="utf-8",
    )
    # refused outright, as every XML reader here refuses entity declarations (issue 8)
    with pytest.raises(FormatError) as info:
        load_rules(path)
    assert str(info.value) == (
        f"{path}:1: the file declares the XML entity x. remove the <!DOCTYPE ...[...]> entity "
        "declarations and write the characters themselves; entities are refused for safety."
    )
    assert "LEAK" not in str(info.value)


# --- Java regular expressions -----------------------------------------------------------

REGEX_CASES = [
    # (java pattern, text, expected findall)
    (r"\s", "a\u3000b\xa0c d\te", [" ", "\t"]),  # Java \s is ASCII: not U+3000, not NBSP
    (r"\S+", "a\u3000b c", ["a\u3000b", "c"]),
    (r"\d+", "12３4", ["12", "4"]),  # not FULLWIDTH DIGIT THREE
    (r"\w+", "ab中cd", ["ab", "cd"]),
    (r"\p{Lu}", "aÉbC中", ["É", "C"]),
    (r"\P{Lu}", "aÉ", ["a"]),
    (r"\pL+", "ab1中", ["ab", "中"]),
    (r"\p{IsL}+", "ab1中", ["ab", "中"]),
    (r"\p{IsLatin}+", "abé中", ["abé"]),
    (r"\p{InCJKUnifiedIdeographs}+", "ab中文", ["中文"]),
    (r"\p{Punct}", "a!。,", ["!", ","]),  # POSIX classes are ASCII in Java
    (r"\p{Lower}+", "abéc", ["ab", "c"]),
    (r"\p{javaLowerCase}+", "abéC", ["abé"]),
    (r"[\s\p{Lu}]", "a B\u3000C", [" ", "B", "C"]),
    (r"[^\S]", "a b\u3000", [" "]),
    (r"[\S&&]", "", []),  # an '&&' with nothing after it still fails below; here skipped
    (r"[a\S]", " a b", ["a", "b"]),
    (r"[^a\S]", " a b", [" ", " "]),
    (r"[a[bc]]+", "abcd", ["abc"]),
    (r"\Qa.b\E", "a.b axb", ["a.b"]),
    (r"a\Q(*\E+", "a(** a(", ["a(**"]),
    (r"a++b", "aaab ab", ["aaab", "ab"]),
    (r"(?>a+)b", "aab", ["aab"]),
    (r"x(?i)abc", "xABC XABC", ["xABC"]),
    (r"(?i)mr\.", "MR. mr.", ["MR.", "mr."]),
    (r"(?i:ab)c", "ABc ABC", ["ABc"]),
    (r"a(?i)b|c", "aB C Ab", ["aB", "C"]),  # Java's inline flag also covers the next alternative
    (r"(?:x(?i)y|z)w", "xYw Zw zW XYw", ["xYw", "Zw"]),
    (r"\0777", "?7", ["?7"]),  # \077 then a literal 7
    (r"\x{4E2D}", "中文", ["中"]),
    (r"\u4E2D", "中文", ["中"]),
    (r"\0101", "AB", ["A"]),
    (r"\cA", "\x01x", ["\x01"]),
    (r"\e", "\x1bx", ["\x1b"]),
    (r"\h+", "a\u3000\xa0b", ["\u3000\xa0"]),
    (r"a.b", "a\nb", ["a\nb"]),  # DOTALL, as OmegaT compiles rules
    (r"b\z", "ab\n ab", ["b"]),
    (r"b\Z", "ab\n", ["b"]),
    (r"[&~|]", "a&b~c|", ["&", "~", "|"]),
]


@pytest.mark.parametrize(("java", "text", "expected"), [c for c in REGEX_CASES if "&&" not in c[0]])
def test_java_regex_translation(java: str, text: str, expected: list[str]) -> None:
    assert compile_java(java).findall(text) == expected


@pytest.mark.parametrize(("java", "error"), [
    (r"[a-z&&[^aeiou]]", "character class intersection '&&'"),
    (r"[a[^b]]", "negated nested character class"),
    (r"[abc", "unterminated character class"),
    (r"a)", "unbalanced ')'"),
    (r"a\\", None),
    ("a\\", "trailing backslash"),
    (r"\p{NoSuchProperty}", "unknown property"),
])
def test_java_regex_errors(java: str, error: str | None) -> None:
    if error is None:
        compile_java(java)  # an escaped backslash is fine
        return
    with pytest.raises(JavaRegexError) as err:
        compile_java(java)
    assert error in str(err.value)


def test_translation_keeps_plain_patterns() -> None:
    assert translate(r"[。？！]") == r"[。？！]"
    assert translate(r"etc\.") == r"etc\."
    assert translate(r"^\s*\p{Nd}+") == r"^[ \t\n\x0b\f\r]*\p{Nd}+"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="\\[]()^$|?*+{}-&.:<>=!ipPsSdDQEzZuxLl0123 ", max_size=16))
def test_any_pattern_compiles_or_raises_a_java_regex_error(pattern: str) -> None:
    try:
        compiled = compile_java(pattern)
    except JavaRegexError:
        return
    compiled.search("aB 1.")

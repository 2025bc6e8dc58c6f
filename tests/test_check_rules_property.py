"""Property: a unit whose target is a correct rendering of its source gives no finding, with
every rule on; and breaking one number, URL or placeholder of it gives exactly that finding.

Sources and targets are built from the same random parts: numbers written the Chinese way
(3.5万, 五千万, 百分之三十, full-width digits, 2024年3月) and rendered the English way, URLs,
e-mail addresses, placeholders and tags copied, brackets and quotes paired.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import Unit, all_rules, check

ALL = frozenset(r.id for r in all_rules())
_CN = "零一二三四五六七八九"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


@st.composite
def number(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["plain", "wan", "yi", "cn", "percent", "date", "fullwidth"]))
    n = draw(st.integers(1, 99))
    if kind == "plain":
        return str(n), str(n)
    if kind == "wan":
        tenths = draw(st.integers(1, 9))
        return f"{n}.{tenths}万", f"{(n * 10 + tenths) * 1000:,}"
    if kind == "yi":
        return f"{n}亿", f"{n * 100} million"
    if kind == "cn":
        tens, ones = divmod(n, 10)
        cn = (_CN[tens] if tens > 1 else "") + ("十" if tens else "") + (_CN[ones] if ones else "")
        if len(cn) < 2 or "十" not in cn:
            cn, n = _CN[max(tens, 1)] + "千", max(tens, 1) * 1000
        return cn, f"{n:,}"
    if kind == "percent":
        return f"{n}%", f"{n} percent"
    year, month = draw(st.integers(1990, 2030)), draw(st.integers(1, 12))
    if kind == "date":
        return f"{year}年{month}月", f"{_MONTHS[month - 1]} {year}"
    return _fullwidth(str(n)), str(n)


PART = st.one_of(
    number(),
    st.sampled_from([("https://example.com/a", "https://example.com/a"),
                     ("www.example.cn", "www.example.cn"),
                     ("info@example.com", "info@example.com"),
                     ("{0}", "{0}"), ("%s", "%s"), ("{{name}}", "{{name}}"),
                     ("<b>重要</b>", "<b>important</b>"), ("（注释）", "(note)"),
                     ("“引文”", "“quotation”"), ("数据", "data"), ("模型", "model")]),
)


@st.composite
def unit(draw: st.DrawFn) -> tuple[str, str]:
    parts = draw(st.lists(PART, min_size=1, max_size=4))
    source = "包括" + "，".join(p[0] for p in parts) + "。"
    target = "It includes " + ", ".join(p[1] for p in parts) + "."
    return source, target


@settings(max_examples=200, deadline=None)
@given(unit())
def test_correct_rendering_gives_no_finding(pair: tuple[str, str]) -> None:
    source, target = pair
    report = check([Unit("t.tmx", "1", 1, source, target)], [], rules=ALL)
    assert report.findings == [], (source, target, [f.message for f in report.findings])


@settings(max_examples=100, deadline=None)
@given(unit(), st.integers(1, 8))
def test_a_changed_number_is_found(pair: tuple[str, str], digit: int) -> None:
    """Appending a number the source lacks to the source: exactly one number finding."""
    source, target = pair
    extra = 7000 + digit * 111
    report = check([Unit("t.tmx", "1", 1, f"{source}另有{extra}项。", target)], [], rules=ALL)
    assert [(f.rule, f.source_term) for f in report.findings] == [("number-mismatch", str(extra))]

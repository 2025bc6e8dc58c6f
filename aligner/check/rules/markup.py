"""What must reach the target unchanged: URLs, e-mail addresses, placeholders, inline tags.

Each is compared as a multiset: every item of the source must be in the target as many
times, written the same. A target item that is not in the source is named in the message
("altered": {0} became {1}, https://a.example became https://b.example). Items are found
with conservative patterns (``{0}``, ``{name}``, ``{{name}}``, printf ``%s``/``%1$d``/
``%(name)s``, XML/HTML tags as text, as TMX and PO carry them; TeX math ``$…$`` is left
out, its braces are groups); XLIFF inline codes
(``<x id="1"/>``, which the unit text does not show) come from :mod:`aligner.check.codes`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...model import Finding, Severity
from ..units import Unit
from .registry import Family, RuleSpec, register, unit_finding

URL = RuleSpec("url-mismatch", Severity.ERROR,
               "a URL of the source is missing or altered in the target")
EMAIL = RuleSpec("email-mismatch", Severity.ERROR,
                 "an e-mail address of the source is missing or altered in the target")
PLACEHOLDER = RuleSpec("placeholder-mismatch", Severity.ERROR,
                       "a placeholder ({0}, {name}, {{name}}, %s, %1$d) of the source is missing "
                       "or altered in the target")
TAG = RuleSpec("tag-mismatch", Severity.ERROR,
               "an inline tag (<b>, </b>, <x/>, <ph>) of the source is missing or altered in "
               "the target")

# a URL ends before trailing punctuation of either language
_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'，。；：！？、）)】」』》]+"
                     r"(?<![.,;:!?])", re.I)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                       r"\.[A-Za-z]{2,}\b")
_PLACEHOLDER_RE = re.compile(
    r"\{\{\s*[\w.]+\s*\}\}"  # {{name}}
    r"|\{\d+(?:,[^{}]*)?\}|\{[A-Za-z_]\w*\}"  # {0}, {0,number}, {name}
    r"|%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]"  # %s %1$d %.2f
    r"|%\([A-Za-z_]\w*\)[sdifr]"  # %(name)s
    r"|\$\{[A-Za-z_]\w*\}")  # ${name}
# an opening tag follows no letter or digit: Rc<T> and Vec<u8> are generic types, not tags
_TAG_RE = re.compile(r"(?:</|(?<![A-Za-z0-9_])<)[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")


#: TeX math ($…$, $$…$$): its braces are groups ({B}, {1,2}), not placeholders
MATH_RE = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$", re.S)

#: a character every markup item holds: text without any of them has no markup (fast path)
_TRIGGER = re.compile(r"://|www\.|[@{%$<]", re.I)


def strip_markup(text: str) -> str:
    """``text`` without URLs, e-mail addresses, placeholders and tags (the numbers rule
    must not read the 2 of ``{2}`` or of ``https://x.example/v2``)."""
    if not _TRIGGER.search(text):
        return text
    for pattern in (_URL_RE, _EMAIL_RE, _PLACEHOLDER_RE, _TAG_RE):
        text = pattern.sub(" ", text)
    return text


def _percent_ok(text: str, match: re.Match[str]) -> bool:
    """``50%的`` is a percentage, not ``%s``: a printf directive follows no digit."""
    return not (match.group(0).startswith("%") and match.start() > 0
                and text[match.start() - 1].isdigit())


#: HTML elements without content: <br> and <br/> are the same tag
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
#: attributes whose value is text for the reader, translated with the segment
_TRANSLATABLE = {"alt", "title", "placeholder", "aria-label", "label", "caption", "summary"}
_ATTR = re.compile(r"([\w:-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_PARTS = re.compile(r"<(/?)([A-Za-z][\w:-]*)(.*?)\s*(/?)>", re.S)


def tag_key(tag: str) -> str:
    """A tag as the target must keep it: the values of translatable attributes (alt, title…)
    may change, a void element may be written <br> or <br/>, spacing between attributes is
    free; the element, the other attributes and their values must stay."""
    if " " not in tag and not tag.endswith("/>"):
        return tag
    parts = _PARTS.fullmatch(tag)
    if parts is None:  # pragma: no cover - _TAG_RE only finds tags this reads
        return tag
    close, name, attrs, empty = parts.groups()
    kept = [f"{a}=\"…\"" if a.lower() in _TRANSLATABLE else (f"{a}={v}" if v else a)
            for a, v in _ATTR.findall(attrs)]
    end = ">" if name.lower() in _VOID else f"{empty}>"
    return f"<{close}{name}{''.join(' ' + k for k in kept)}{end}"


def _items(pattern: re.Pattern[str], text: str) -> Counter[str]:
    if pattern is _PLACEHOLDER_RE:
        return Counter(m.group(0) for m in pattern.finditer(text) if _percent_ok(text, m))
    if pattern is _URL_RE:
        return Counter(m.group(0).rstrip("/") for m in pattern.finditer(text))
    if pattern is _TAG_RE:
        return Counter(tag_key(m.group(0)) for m in pattern.finditer(text))
    return Counter(m.group(0) for m in pattern.finditer(text))


def _compare(unit: Unit, rule: RuleSpec, source: Counter[str], target: Counter[str],
             what: str) -> Iterator[Finding]:
    missing = source - target
    if not missing:
        return
    extra = target - source
    names = ", ".join(sorted(missing))
    many = sum(missing.values()) > 1
    label = (what + ("es" if what.endswith("ss") else "s")) if many else what
    message = f"{label} {names} of the source {'are' if many else 'is'} not in the target"
    if extra:
        message += f" (the target has {', '.join(sorted(extra))})"
    yield unit_finding(unit, rule, source_term=names, expected=tuple(sorted(missing)),
                       message=message)


def check_markup(unit: Unit) -> Iterator[Finding]:
    source, target = unit.source, unit.target
    if not unit.codes[0] and not _TRIGGER.search(source):
        return  # nothing in the source that must reach the target
    yield from _compare(unit, URL, _items(_URL_RE, source), _items(_URL_RE, target), "URL")
    no_urls_source = MATH_RE.sub(" ", _URL_RE.sub(" ", source))
    no_urls_target = MATH_RE.sub(" ", _URL_RE.sub(" ", target))
    yield from _compare(unit, EMAIL, _items(_EMAIL_RE, no_urls_source),
                        _items(_EMAIL_RE, no_urls_target), "e-mail address")
    yield from _compare(unit, PLACEHOLDER, _items(_PLACEHOLDER_RE, no_urls_source),
                        _items(_PLACEHOLDER_RE, no_urls_target), "placeholder")
    tags_source = _items(_TAG_RE, no_urls_source) + Counter(unit.codes[0])
    tags_target = _items(_TAG_RE, no_urls_target) + Counter(unit.codes[1])
    yield from _compare(unit, TAG, tags_source, tags_target, "tag")


FAMILY = register(Family("markup", (URL, EMAIL, PLACEHOLDER, TAG), unit_check=check_markup))

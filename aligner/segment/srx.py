"""Reading SRX 2.0 segmentation rules.

SRX (Segmentation Rules eXchange, LISA/GALA) is the file format CAT tools share for sentence
rules. We read the part that decides sentence breaks:

* ``<languagerules>``: named lists of ``<rule break="yes|no">`` with ``<beforebreak>`` and
  ``<afterbreak>`` Java regular expressions;
* ``<maprules>``: ``<languagemap languagepattern=... languagerulename=...>`` in order;
* ``<header cascade="yes|no">``: with cascade every matching map contributes its rules (in
  map order), without it only the first. A header without ``cascade`` cascades, because
  OmegaT, whose rules users most often bring, always cascades.

``segmentsubflows``, ``<formathandle>`` and the include-tags options concern inline markup,
which plain text has none of; they are read and ignored. SRX 1.0 files (one ``<maprule>``
wrapping the language maps) are read too, using their first ``<maprule>``.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex
from lxml import etree

from ..errors import FormatError
from ..inputs import read_input, reading
from ..formats.xmltext import local_name, namespace, xml_syntax_problem
from .javaregex import JavaRegexError, compile_java

__all__ = ["DEFAULT_SRX", "LanguageMap", "LanguageRule", "Rule", "SegmentationRules", "load_rules"]

SRX_NAMESPACES = ("http://www.lisa.org/srx20", "http://www.lisa.org/srx10", "")
DEFAULT_SRX = "default.srx"  # in aligner/data/srx/


@dataclass(frozen=True)
class Rule:
    """One break or no-break rule; ``before``/``after`` are the Java source patterns."""

    is_break: bool
    before: str | None
    after: str | None
    line: int = 0
    before_re: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)
    after_re: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LanguageRule:
    """A named list of rules (``<languagerule languagerulename=...>``)."""

    name: str
    rules: tuple[Rule, ...]
    line: int = 0


@dataclass(frozen=True)
class LanguageMap:
    """``<languagemap>``: language codes matching ``pattern`` use the rules ``rule_name``."""

    pattern: str
    rule_name: str
    line: int = 0
    pattern_re: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def matches(self, code: str) -> bool:
        assert self.pattern_re is not None
        return self.pattern_re.fullmatch(code) is not None


@dataclass(frozen=True, eq=False)
class SegmentationRules:
    """A parsed SRX file: what :func:`aligner.segment.split_sentences` applies."""

    source: str
    language_rules: dict[str, LanguageRule]
    maps: tuple[LanguageMap, ...]
    cascade: bool = True
    digest: str = ""  # sha256 of the file, first 12 hex digits: names the rules in signatures

    @property
    def signature(self) -> str:
        """``srx:default.srx@1a2b3c4d5e6f``: which rules produced a set of segments."""
        return f"srx:{Path(self.source).name}@{self.digest}"

    def rules_for(self, code: str) -> tuple[Rule, ...]:
        """The ordered rules for a language code such as ``zh-CN``; earlier rules win."""
        return _rules_for(self, code)

    def rule_names_for(self, code: str) -> tuple[str, ...]:
        """Names of the language rules used for ``code``, in order (for reports)."""
        names = [m.rule_name for m in self.maps if m.matches(code)]
        return tuple(names if self.cascade else names[:1])


@functools.lru_cache(maxsize=64)
def _rules_for(rules: SegmentationRules, code: str) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for name in rules.rule_names_for(code):
        out.extend(rules.language_rules[name].rules)
    return tuple(out)


def _local(tag: object) -> str:
    return local_name(tag)


def _children(elem: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in elem if _local(c.tag) == name]


def _yes_no(value: str | None, *, default: bool, what: str, where: str, line: int) -> bool:
    if value is None:
        return default
    text = value.strip().lower()
    if text in ("yes", "true", "1"):
        return True
    if text in ("no", "false", "0"):
        return False
    raise FormatError(
        f"{what}={value!r} must be yes or no", path=where, line=line, hint="fix the attribute"
    )


def _compile(pattern: str | None, where: str, line: int) -> regex.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return compile_java(pattern)
    except JavaRegexError as exc:
        raise FormatError(
            f"bad regular expression: {exc}",
            path=where,
            line=line,
            hint="SRX rules are Java regular expressions; fix or remove the rule",
        ) from None


def _parse_rule(elem: etree._Element, where: str) -> Rule:
    line = elem.sourceline or 0
    is_break = _yes_no(elem.get("break"), default=True, what="break", where=where, line=line)
    before = after = None
    for child in elem:
        kind = _local(child.tag)
        if kind == "beforebreak":
            before = child.text or ""
        elif kind == "afterbreak":
            after = child.text or ""
    # An empty <beforebreak/> means "no condition", as in OmegaT.
    before = before or None
    after = after or None
    return Rule(
        is_break=is_break,
        before=before,
        after=after,
        line=line,
        before_re=_compile(before, where, line),
        after_re=_compile(after, where, line),
    )


def parse_srx(data: bytes, where: str) -> SegmentationRules:
    """Parse SRX bytes; ``where`` names the file in error messages."""
    from ..formats.xmlguard import refuse_entities

    refuse_entities(data, where)  # XXE, billion laughs: as every XML reader here
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message, hint, line = xml_syntax_problem(exc, "fix the SRX file")
        raise FormatError(message, path=where, line=line, hint=hint) from None
    ns = namespace(root.tag)
    if _local(root.tag) != "srx" or ns not in SRX_NAMESPACES:
        raise FormatError(
            f"root element is <{local_name(root.tag)}>, not an SRX <srx>",
            path=where,
            line=root.sourceline,
            hint="give an SRX 2.0 file (xmlns=\"http://www.lisa.org/srx20\")",
        )
    cascade = True
    for header in _children(root, "header"):
        cascade = _yes_no(
            header.get("cascade"), default=True, what="cascade", where=where,
            line=header.sourceline or 0,
        )
    bodies = _children(root, "body")
    if not bodies:
        raise FormatError("SRX file has no <body>", path=where, line=root.sourceline,
                          hint="add <body> with <languagerules> and <maprules>")
    body = bodies[0]
    language_rules: dict[str, LanguageRule] = {}
    for group in _children(body, "languagerules"):
        for elem in _children(group, "languagerule"):
            line = elem.sourceline or 0
            name = elem.get("languagerulename")
            if not name:
                raise FormatError("<languagerule> without languagerulename", path=where,
                                  line=line, hint="name the language rule")
            if name in language_rules:
                raise FormatError(
                    f"languagerulename {name!r} is defined twice (first on line "
                    f"{language_rules[name].line})", path=where, line=line,
                    hint="rename or merge the two language rules",
                )
            rules = tuple(_parse_rule(r, where) for r in _children(elem, "rule"))
            language_rules[name] = LanguageRule(name=name, rules=rules, line=line)
    maps: list[LanguageMap] = []
    for group in _children(body, "maprules"):
        holders = _children(group, "maprule")[:1] or [group]  # SRX 1.0 wraps maps in <maprule>
        for holder in holders:
            for elem in _children(holder, "languagemap"):
                line = elem.sourceline or 0
                pattern = elem.get("languagepattern")
                name = elem.get("languagerulename")
                if pattern is None or name is None:
                    raise FormatError("<languagemap> needs languagepattern and languagerulename",
                                      path=where, line=line, hint="add the missing attribute")
                if name not in language_rules:
                    raise FormatError(
                        f"<languagemap> names the language rule {name!r}, which is not defined",
                        path=where, line=line,
                        hint="define it in <languagerules> or fix the name",
                    )
                compiled = _compile(pattern, where, line)
                assert compiled is not None
                maps.append(LanguageMap(
                    pattern=pattern, rule_name=name, line=line,
                    pattern_re=regex.compile(compiled.pattern, compiled.flags | regex.IGNORECASE),
                ))
    if not maps:
        raise FormatError("SRX file has no <languagemap>, so no rule would ever apply",
                          path=where, line=body.sourceline,
                          hint="add <maprules> with at least one <languagemap>")
    return SegmentationRules(source=where, language_rules=language_rules, maps=tuple(maps),
                             cascade=cascade, digest=hashlib.sha256(data).hexdigest()[:12])


@functools.lru_cache(maxsize=1)
def _default_rules() -> SegmentationRules:
    ref = resources.files("aligner").joinpath("data", "srx", DEFAULT_SRX)
    return parse_srx(ref.read_bytes(), f"aligner/data/srx/{DEFAULT_SRX}")


def load_rules(path: Path | str | None = None) -> SegmentationRules:
    """Rules from an SRX file, or the packaged default (OmegaT-compatible) when ``None``."""
    if path is None:
        return _default_rules()
    path = Path(path)
    data = read_input(path, noun="SRX file", folder_hint="give the .srx file itself", allow_stdin=False)
    with reading(path):
        return parse_srx(data, str(path))

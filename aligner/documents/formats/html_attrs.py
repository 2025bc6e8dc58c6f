"""What a page shows beyond its elements' text, and what its attributes say is not text.

Attribute values a page shows to its reader are read as text of their own.

A browser shows a tooltip (``title``), an image's replacement text (``alt``), an empty
field's hint (``placeholder``), a button's caption (``value`` of a submit button), a
screen reader's label (``aria-label``) and a search result's snippet (``<meta
name="description" content>``); OmegaT's and Okapi's HTML filters offer each of them as a
segment of its own, so a TM made from the page must hold them too. Every other attribute
(``href``, ``class``, ``lang`` …) is markup. Which attribute is text depends on the element
(:func:`shown_attributes`); a value with no letter or digit (``×``), or one that repeats the
element's own text word for word (``<a title="导出">导出</a>``), adds nothing to a TM and is
``attribute`` debris instead.

``<q>`` is shown with quotation marks the browser adds from the language in force
(:func:`quote_marks`): “…” (‘…’ inside another ``q``) for Chinese written in simplified
characters and for English, 「…」 (『…』) for Traditional Chinese and Japanese.

Attributes also name what is not text: permalinks and note marks (:func:`fragment_mark`),
breadcrumbs and landmark roles (:func:`navigation`, :func:`furniture`), a book's notes
(:func:`is_note`); and Word's "Save as HTML" list numbers (:func:`word_fallbacks`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree

#: Attributes that are text on any element.
ANY_ELEMENT = ("title", "aria-label")
#: Attributes that are text on some elements only.
BY_ELEMENT: dict[str, tuple[str, ...]] = {
    "img": ("alt",), "area": ("alt",), "input": ("alt", "placeholder"), "textarea": ("placeholder",),
    "table": ("summary",), "option": ("label",), "optgroup": ("label",), "track": ("label",),
}
#: ``<input type=…>`` whose ``value`` is the caption of a button.
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
#: ``<meta name=… content=…>`` (or ``property=``) whose content a reader sees: search snippets
#: and the title and description of a shared link.
SHOWN_META = frozenset({
    "description", "keywords", "og:title", "og:description", "og:site_name", "twitter:title",
    "twitter:description", "application-name",
})

_TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant", "ja")


def shown_attributes(tag: str, attrib: dict[str, str]) -> Iterator[tuple[str, str]]:
    """``(name, value)`` of each attribute of ``<tag …>`` that a reader of the page sees."""
    if tag == "meta":
        name = (attrib.get("name") or attrib.get("property") or "").strip().lower()
        if name in SHOWN_META and attrib.get("content", "").strip():
            yield "content", attrib["content"]
        return
    names = ANY_ELEMENT + BY_ELEMENT.get(tag, ())
    if tag == "input" and attrib.get("type", "").strip().lower() in BUTTON_INPUTS:
        names += ("value",)
    for name in names:
        value = attrib.get(name)
        if value is not None and value.strip():
            yield name, value


def is_text(value: str, own_text: str) -> bool:
    """A value worth a segment: it has a letter or digit and is not the element's own text."""
    return any(ch.isalnum() for ch in value) and " ".join(value.split()) != " ".join(own_text.split())


def quote_marks(lang: str, depth: int) -> tuple[str, str]:
    """The marks a browser puts around a ``<q>`` (``depth`` 0 outermost) in language ``lang``."""
    traditional = lang.strip().lower().replace("_", "-").startswith(_TRADITIONAL)
    if traditional:
        return ("「", "」") if depth % 2 == 0 else ("『", "』")
    return ("“", "”") if depth % 2 == 0 else ("‘", "’")


_MARK = re.compile(r"\[?(?:\d{1,3}|[a-z]|[*†‡§])\]?")
_NOTE_HINTS = ("foot", "fn", "noteref", "reference", "citation")


def fragment_mark(el: lxml.etree._Element) -> str:
    """What a link to a place on the same page is when it is not text: ``anchor`` for a
    permalink (``¶``, ``#``, a zero-width space: Sphinx's headerlink, Docusaurus's
    hash-link, a footnote's ↩ back link), ``footnote-marker`` for a note mark (``[1]``,
    a superscript ``1``, a link whose class or role names a footnote); ``""`` otherwise."""
    href = (el.get("href") or "").strip()
    if not href.startswith("#"):
        return ""
    text = "".join(el.itertext()).strip()
    if not any(ch.isalnum() for ch in text):
        return "anchor"
    hints = " ".join(filter(None, (el.get("class"), el.get("role"), el.get("id"), el.get("name"),
                                   el.get("style")))).lower()
    parent = el.getparent()
    in_sup = any(isinstance(x.tag, str) and x.tag.rsplit("}", 1)[-1].lower() == "sup"
                 for x in [*el.iter(), *([parent] if parent is not None else [])])
    if _MARK.fullmatch(text) and (text.startswith("[") or in_sup or any(h in hints for h in _NOTE_HINTS)
                                  or any(h in href.lower() for h in ("#fn", "#_ftn", "#_edn", "#cite"))):
        return "footnote-marker"
    return ""


#: ARIA landmark roles of site furniture (what ``header``, ``footer`` and ``aside`` are),
#: set aside outside an article like those elements
FURNITURE_ROLES = frozenset({"banner", "contentinfo", "complementary"})


def navigation(el: lxml.etree._Element) -> bool:
    """Navigation written without ``<nav>``: ``role="navigation"``, or breadcrumbs named so
    in an ``id``, ``class`` or ``aria-label`` (Confluence, Sphinx and CMS exports)."""
    if (el.get("role") or "").strip().lower() == "navigation":
        return True
    names = " ".join(filter(None, (el.get("id"), el.get("class"), el.get("aria-label")))).lower()
    return "breadcrumb" in names


def furniture(el: lxml.etree._Element) -> bool:
    """A header, footer or sidebar written as a ``div``: its landmark role, or ``id="footer"``."""
    return (el.get("role") or "").strip().lower() in FURNITURE_ROLES or (el.get("id") or "").strip().lower() == "footer"


_NOTE_TYPES = ("footnote", "endnote", "rearnote", "doc-footnote", "doc-endnote")


def is_note(el: lxml.etree._Element) -> bool:
    """A footnote or endnote (``<aside epub:type="footnote">``, ``role="doc-endnote"``): text of
    the book, not a sidebar, though written as an ``aside``."""
    kinds = " ".join(filter(None, (el.get("epub:type"), el.get("{http://www.idpf.org/2007/ops}type"),
                                   el.get("role")))).lower()
    return any(kind in kinds for kind in _NOTE_TYPES)


#: Word's "Save as HTML" writes the list number it draws itself between ``<![if
#: !supportLists]>`` and ``<![endif]>`` (shown only by browsers without list support)
_WORD_FALLBACK = re.compile(r"<!\[if !(supportLists|supportEmptyParas|supportLineBreakNewLine)\]>(.{0,2000}?)<!\[endif\]>",
                            re.S | re.I)
_FALLBACK_KIND = {"supportlists": "list-marker"}
#: the debris kinds a fallback is set aside as (a page's own data-aligner-drop means nothing else)
FALLBACK_KINDS = frozenset({"list-marker", "markup"})


def _word_fallback(match: re.Match[str]) -> str:
    """The fallback as an element the walker sets aside (newlines kept: lines stay right)."""
    kind = _FALLBACK_KIND.get(match.group(1).lower(), "markup")
    return f'<s data-aligner-drop="{kind}">{match.group(2)}</s>'


def word_fallbacks(text: str) -> str:
    """The page with each of Word's fallbacks made an element the walker sets aside."""
    return _WORD_FALLBACK.sub(_word_fallback, text)

"""Template syntax that documentation sites put inside prose: what a reader shows of it.

Static-site generators and wikis extend Markdown (and HTML) with their own syntax. None of
it is text to translate, but some of it *displays* text:

* macros with arguments, ``{{domxref("Window")}}`` or ``{{glossary("method", "方法")}}``
  (MDN/KumaScript style), show their display argument (the second string when there are
  two, else the first);
* shortcodes, ``{{< note >}}`` ``{{% warning %}}`` ``{{< /note >}}`` (Hugo), ``{% raw %}``
  (Liquid/Jekyll), ``{{#include file.rs}}`` (mdBook), ``{{ site.title }}`` are structure,
  except a shortcode's or Liquid tag's ``text=``/``title=``/``caption=``/``content="…"`` argument, which it
  displays (a shortcode alone on its line that shows one is text, not structure);
* Sphinx/MyST-style roles, ``:numref:`fig_x``` ``:cite:`Key.2011``` ``:label:`sec_x```,
  are cross-references and labels: removed;
* heading anchors ``{#install-the-tool}`` and attribute lists ``{: .class}`` are markup;
* a wiki link ``[[page|shown text]]`` shows its text (``link`` debris).

A block that holds nothing but such syntax is structure as a whole (a sidebar macro, a
shortcode on its own line). Every removal is returned as ``(kind, text)`` so the reader
records it as debris. The rules are syntax-level: they name no site and no macro.
"""
from __future__ import annotations

import html
import re

__all__ = ["CODE_CLOSE", "CODE_OPEN", "expand", "expand_roles", "is_structure_only"]

# {{ name(args) }} — a call with parentheses; args may hold quoted strings with braces
_CALL = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*(?:\((.*?)\))?\s*\}\}", re.S)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'')
# {{< name args >}}, {{% name args %}}, {{</ name >}}
_SHORTCODE = re.compile(r"\{\{[<%]\s*/?\s*([A-Za-z_][\w./-]*)?(.*?)[>%]\}\}", re.S)
_NAMED_TEXT = re.compile(r'\b(?:text|title|name|label|caption|content)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
# [[page]] or [[page|shown text]] (wikis, Obsidian, MkDocs roamlinks)
_WIKILINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]")
_LIQUID = re.compile(r"\{%-?.*?-?%\}", re.S)
_MDBOOK = re.compile(r"\{\{\s*#[A-Za-z_][\w-]*[^}]*\}\}")
_VARIABLE = re.compile(r"\{\{-?\s*[^{}()<>%#]*?\s*-?\}\}")  # {{ site.title }}, {{ .Params.x }}
# the code span may be marked with the reader's sentinels (CODE_OPEN … CODE_CLOSE) instead
# of backticks
CODE_OPEN, CODE_CLOSE = "\ue000", "\ue001"
_ROLE = re.compile(r":(?:[A-Za-z][\w-]*:)?[A-Za-z][\w-]*:(?:`[^`\n]*`|\ue000[^\ue001]*\ue001)")
_BARE_ROLE = re.compile(r"^\s*:[A-Za-z][\w-]*:\s*$")  # :end_tab: on its own
_ANCHOR = re.compile(r"\s*\{\s*#[\w:.-]+(?:\s+[.#]?[\w:.=\"'-]+)*\s*\}\s*$")
_ATTRS = re.compile(r"\{:\s*[^}]*\}")

Removed = list[tuple[str, str]]


def _display(args: str | None) -> str:
    """The text a macro call shows: its second string argument when it has two, else its
    first; nothing when it has none."""
    if not args:
        return ""
    strings = [a if a is not None else b for a, b in _STRING.findall(args)]
    if not strings:
        return ""
    shown = strings[1] if len(strings) >= 2 and strings[1].strip() else strings[0]
    return html.unescape(shown.replace('\\"', '"').replace("\\'", "'"))


def expand(text: str, removed: Removed, *, role_marks: bool = True) -> str:
    """``text`` with template syntax replaced by what it displays; each removal appended
    to ``removed`` as ``(debris kind, text)``."""
    if "{" in text:
        text = _MDBOOK.sub(lambda m: _drop(m, "shortcode", removed), text)
        text = _SHORTCODE.sub(lambda m: _shortcode(m, removed), text)
        text = _LIQUID.sub(lambda m: _shortcode(m, removed), text)
        text = _CALL.sub(lambda m: _call(m, removed), text)
        text = _VARIABLE.sub(lambda m: _drop(m, "shortcode", removed), text)
        text = _ATTRS.sub(lambda m: _drop(m, "markup", removed), text)
        text = _ANCHOR.sub(lambda m: _drop(m, "anchor", removed), text)
    if "[[" in text:
        text = _WIKILINK.sub(lambda m: _wikilink(m, removed), text)
    if role_marks and ":" in text and ("`" in text or CODE_OPEN in text):
        text = _ROLE.sub(lambda m: _drop(m, "reference", removed), text)
    if _BARE_ROLE.match(text):
        removed.append(("reference", text.strip()))
        return ""
    return text


def expand_roles(text: str, removed: Removed) -> str:
    """Only the roles (cross-references and labels) of ``text`` removed."""
    if ":" in text and ("`" in text or CODE_OPEN in text):
        text = _ROLE.sub(lambda m: _drop(m, "reference", removed), text)
    return text


def _drop(match: re.Match[str], kind: str, removed: Removed) -> str:
    removed.append((kind, match.group().strip()))
    return ""


def _call(match: re.Match[str], removed: Removed) -> str:
    shown = _display(match.group(2))
    removed.append(("shortcode", match.group()))
    return shown


def _shortcode(match: re.Match[str], removed: Removed) -> str:
    """A Hugo shortcode or a Liquid tag (``{% include note.html content="…" %}``): its named
    display argument, if any."""
    named = _NAMED_TEXT.search(match.group(2) if match.re is _SHORTCODE else match.group())
    removed.append(("shortcode", match.group()))
    if named:
        return html.unescape(named.group(1) if named.group(1) is not None else named.group(2))
    return ""


def _wikilink(match: re.Match[str], removed: Removed) -> str:
    """A wiki link shows its text after ``|``, else the page's name (without a ``#section``)."""
    shown = match.group(2) if match.group(2) is not None else match.group(1).split("#", 1)[0]
    removed.append(("link", match.group()))
    return shown.strip()


def is_structure_only(text: str, *, shown_text: bool = True) -> bool:
    """True when ``text`` holds template syntax and nothing else (after expansion it would
    be empty or only punctuation): a block-level macro or shortcode, not prose. With
    ``shown_text=False`` the text a shortcode shows (``caption="…"``) counts as syntax too."""
    if "{" not in text and ":" not in text:
        return False
    rest = _MDBOOK.sub("", text)
    rest = _SHORTCODE.sub(lambda m: _shortcode(m, []) if shown_text else "", rest)  # a caption= is shown
    rest = _LIQUID.sub(lambda m: _shortcode(m, []) if shown_text else "", rest)
    rest = _CALL.sub("", rest)
    rest = _VARIABLE.sub("", rest)
    rest = _ROLE.sub("", rest)
    rest = _ATTRS.sub("", rest)
    return rest != text and not re.sub(r"[\W_]+", "", rest)

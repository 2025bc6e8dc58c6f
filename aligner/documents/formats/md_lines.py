"""Lines of a Markdown file that CommonMark reads as prose but the writer did not mean as prose.

Two shapes found in sites' Markdown, each decided from the line's own syntax, before the
parser runs (the line is blanked so the parser never sees it; line numbers do not move):

* a link reference definition (``[home]: https://example.com "Title"``) written right under a
  paragraph or a footnote. CommonMark says a definition cannot interrupt a paragraph, so the
  line becomes text of the paragraph above (``脚注。[home]: https://…``) and every
  ``[text][home]`` stays unresolved, brackets and all. Python-Markdown (MkDocs) and most
  writers take it as a definition, and a URL is never text to translate: it is registered as
  the definition the parser would have made (the link then resolves and the line is ``link``
  debris). Only a destination that looks like a URL or a path counts, so a Chinese line
  such as ``[注意]: 请先备份`` stays text.
* MDX's ES module lines (Docusaurus, Storybook): ``import Tabs from '@theme/Tabs';`` and
  ``export const meta = {…}`` with the lines up to the next blank line are code (``code``
  debris), as the MDX compiler runs them and shows nothing of them.

Fenced code is left alone.
"""
from __future__ import annotations

import re

from ...model import Debris

__all__ = ["set_aside"]

_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\^)((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|[^\s<>]+)"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$")
# a destination that is a URL, a site path, an anchor or a file, never prose
_URLISH = re.compile(r"^<?(?:[a-z][a-z0-9+.-]*:|/|\.{1,2}/|#|[\w.-]+\.[a-z]{2,5}(?:[/#?]|$))", re.I)
_ESM = re.compile(
    r"^(?:import\s+(?:[\w$*{}\s,]+\s+from\s+)?['\"][^'\"\n]+['\"];?\s*$"
    r"|export\s+(?:default\b|const\s|let\s|var\s|function[\s*]|async\s+function\s|class\s|\{))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def set_aside(lines: list[str], env: dict, debris: list[Debris]) -> list[str]:
    """``lines`` with lazy reference definitions and MDX module lines blanked; the
    definitions go into markdown-it's ``env`` and, as ``link``, into ``debris``, the
    module lines into ``debris`` as ``code``."""
    from markdown_it.common.utils import normalizeReference

    out = list(lines)
    fence = ""
    esm = False
    references = env.setdefault("references", {})
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        previous = lines[index - 1].strip() if index else ""
        if esm or (not previous and _ESM.match(line)):
            esm = bool(line.strip())
            if esm:
                debris.append(Debris("code", index + 1, line.strip()))
                out[index] = ""
            continue
        if not previous:
            continue  # the parser reads a definition after a blank line itself
        match = _DEFINITION.match(line)
        if match and _URLISH.match(match.group(2)):
            key = normalizeReference(match.group(1))
            href = match.group(2).strip("<>")
            title = (match.group(3) or "")[1:-1]
            references.setdefault(key, {"title": title, "href": href, "map": None})
            debris.append(Debris("link", index + 1, line.strip()))
            out[index] = ""
    return out

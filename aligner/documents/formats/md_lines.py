"""Lines of a Markdown file that CommonMark reads as prose but the writer did not mean as prose.

Shapes found in sites' Markdown, each decided from the line's own syntax, before the
parser runs (the line is blanked so the parser never sees it; line numbers do not move):

* a link reference definition (``[home]: https://example.com "Title"``) written right under a
  paragraph or a footnote. CommonMark says a definition cannot interrupt a paragraph, so the
  line becomes text of the paragraph above (``脚注。[home]: https://…``) and every
  ``[text][home]`` stays unresolved, brackets and all. Python-Markdown (MkDocs) and most
  writers take it as a definition, and a URL is never text to translate: it is registered as
  the definition the parser would have made (the link then resolves and the line is ``link``
  debris). Only a destination that looks like a URL or a path counts, so a Chinese line
  such as ``[注意]: 请先备份`` stays text.
* a link whose destination is a Hugo shortcode (``[配置]({{< ref "config.md" >}})``, which
  Hugo turns into a URL first) is made a link by percent-encoding the shortcode;
* an include line of MkDocs' snippets extension (``--8<-- "file.md"``) is ``shortcode`` debris;
* MDX's ES module lines (Docusaurus, Storybook): ``import Tabs from '@theme/Tabs';`` and
  ``export const meta = {…}`` with the lines up to the next blank line are code (``code``
  debris), as the MDX compiler runs them and shows nothing of them.

Fenced code is left alone. Admonition fences (``:::note`` … ``:::``, ``!!! warning "Title"``)
are structure too: :func:`admonitions` makes their marker lines debris and keeps the title
they show.
"""
from __future__ import annotations

import re

from ...model import Debris
from ..lines import Line, Recorder

__all__ = ["admonitions", "set_aside"]

_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\^)((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|[^\s<>]+)"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$")
# a destination that is a URL, a site path, an anchor or a file, never prose
_URLISH = re.compile(r"^<?(?:[a-z][a-z0-9+.-]*:|/|\.{1,2}/|#|[\w.-]+\.[a-z]{2,5}(?:[/#?]|$))", re.I)
_ESM = re.compile(
    r"^(?:import\s+(?:[\w$*{}\s,]+\s+from\s+)?['\"][^'\"\n]+['\"];?\s*$"
    r"|export\s+(?:default\b|const\s|let\s|var\s|function[\s*]|async\s+function\s|class\s|\{))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ADMONITION = re.compile(r"^\s*(?::{3,}\s*[\w-]*.*|[!?]{3}\+?\s+[\w-]+.*)$")


# a Hugo shortcode as a link's destination, [配置]({{< ref "config.md" >}}): Hugo replaces it
# with a URL before Markdown is read; CommonMark sees a destination with spaces, not a link
_LINK_SHORTCODE = re.compile(r"(?<=\]\()(\s*)(\{\{[<%].{0,300}?[>%]\}\})")
# an include line of pymdownx.snippets (MkDocs): --8<-- "file.md"
_SNIPPET = re.compile(r"^\s*-{1,2}8<-{1,2}(?:\s|$)")


def _encoded(match: re.Match[str]) -> str:
    """The shortcode percent-encoded, so the parser reads a link (its ``link`` debris is
    decoded again)."""
    from urllib.parse import quote

    return match.group(1) + quote(match.group(2), safe="{}/.#")


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
        if "]({{" in line:
            out[index] = line = _LINK_SHORTCODE.sub(_encoded, line)
        if _SNIPPET.match(line):
            debris.append(Debris("shortcode", index + 1, line.strip()))
            out[index] = ""
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


_FENCE_TITLE = re.compile(r"^\s*:{3,}\s*[\w-]+[ \t]*(?:\[([^\]]+)\]|([^{\s][^{]*?))?[ \t]*(?:\{[^}]*\})?\s*$")


def _admonition_title(text: str) -> str:
    """The title an admonition shows: ``!!! note "注意"``, ``:::tip 小提示``, ``:::tip[小提示]``."""
    quoted = re.search(r'"([^"]+)"', text)
    if quoted:
        return quoted.group(1)
    fence = _FENCE_TITLE.match(text)
    return next((g.strip() for g in fence.groups() if g and g.strip()), "") if fence else ""


def admonitions(lines: list[Line], rec: Recorder) -> list[str]:
    """Admonition fences (``:::note`` … ``:::``, ``!!! warning "Title"``) are structure:
    their marker lines become debris and an MkDocs admonition's indented body is dedented
    so it is read as text, not as an indented code block."""
    out: list[str] = []
    in_fence = False
    body_indent = False
    for line in lines:
        text = line.text
        if text.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and _ADMONITION.match(text):
            found = _admonition_title(text)
            rec.drop("markup", line.no, text.replace(found, "", 1).strip() if found else text.strip())
            body_indent = text.lstrip().startswith(("!!!", "???"))
            # the title stands alone: a blank line cannot be inserted without shifting every
            # later line, so the body's first line is read as a new block by marking the
            # title as a heading of the same line
            out.append(f"###### {found}" if found else "")
            continue
        if body_indent:
            if text.startswith("    "):
                text = text[4:]
            elif text.strip():
                body_indent = False
        out.append(text)
    return out

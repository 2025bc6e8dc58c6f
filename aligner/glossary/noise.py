"""What is never a term on a technical page: code, markup, quantities, versions, addresses.

Two tools, used by every extractor:

* :func:`mask_markup` blanks (offsets kept) the parts of a paragraph that are not prose:
  inline code and fenced code, shortcodes and macros (``{{< note >}}``, ``{{domxref(…)}}``,
  ``{% raw %}``), heading anchors (``{#id}``), HTML tags and entities, link targets, URLs,
  e-mail addresses, TeX math and Sphinx roles (``:numref:`x```). A reader that already
  removed them loses nothing; one that handed over raw Markdown or HTML gets no junk.
* :func:`is_noise` says whether a Latin form is code or data rather than a name or a term:
  identifiers (camelCase, snake_case, dotted.names, ``Foo::bar``, ``f()``), paths, flags,
  file names, quantities with units, version strings, slugs, HTML words and encodings.

Both are shape rules; no list of any corpus's terms is consulted.
"""
from __future__ import annotations

import functools
import re

from ..han import has_han

_FENCE_RE = re.compile(r"^(?:```|~~~).*?(?:^(?:```|~~~)[^\n]*$|\Z)", re.S | re.M)
_MASK_RES = tuple(re.compile(p, re.S) for p in (
    r"`[^`\n]+`",                                # inline code
    r"\{\{.*?\}\}",                              # {{< note >}}, {{domxref("x")}}, {{#include …}}
    r"\{%.*?%\}",                                # {% raw %}
    r"\{#[^}]*\}",                               # {#heading-id}
    r"\{\.[^}]*\}",                              # {.python .input}
    r"<!--.*?-->",                               # HTML comments
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # HTML tags with their attributes
    r"<![A-Za-z][^<>]*>",                        # <!DOCTYPE html>
    r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",      # entities
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)",          # link targets ](url "title")
    r"^\s*\[[^\]]+\]:\s*\S+.*$",                 # reference-style link definitions
    r"https?://\S+|ftp://\S+|www\.\S+",          # URLs
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",             # e-mail addresses
    r"\$\$.*?\$\$|\$[^$\n]+\$",                  # TeX math
    r":[a-z_]+:`[^`]*`|:[a-z_]+:\S+",            # Sphinx / d2l roles (:numref:`x`, :label:x)
    r"^#@.*$|^\s*:(?:begin|end)_tab:.*$",        # d2l framework markers
    r"\\[A-Za-z]+",                              # TeX commands left outside $…$
    r"#[A-Za-z][\w-]*",                          # #section-id anchors, #hashtags
))
_CODE_BLOCK_LINE = re.compile(r"^(?: {4,}|\t)\S")


@functools.lru_cache(maxsize=4096)
def mask_markup(text: str) -> str:
    """``text`` with everything that is code or markup replaced by spaces (same length)."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    for match in _FENCE_RE.finditer(text):
        blank(match.start(), match.end())
    masked = "".join(chars)
    for pattern in _MASK_RES:
        for match in pattern.finditer(masked):
            blank(match.start(), match.end())
        masked = "".join(chars)
    return masked


def code_line(text: str) -> bool:
    """An indented code block line (four spaces or a tab) with no Chinese prose in it."""
    return bool(_CODE_BLOCK_LINE.match(text)) and not has_han(text)


_UNITS = (
    r"(?:[KMGTPE]i?B|[KMGTPE]i|[kKMGT]?bps|[kMG]?Hz|[kMGT]?bit|[KMGT]b|bytes?|b|B|ms|ns|us|μs|µs|s|sec|min|h|"
    r"px|em|rem|pt|vh|vw|dpi|fps|rpm|RPM|IOPs|IOPS|FLOPS|TFLOPS|W|kW|V|mA|A|°C|°F|%|x|X|"
    r"m|cm|mm|km|kg|g|mg|K|M|G|T|k|nm|Gbit|GBit|Mbit|GT)"
)
_QUANTITY_RE = re.compile(
    rf"^[~<>≈±+-]?\d[\d.,]*(?:\s*[-–~]\s*\d[\d.,]*)?\s*{_UNITS}?(?:/{_UNITS}|/s)?$"
)
_BARE_UNIT_RE = re.compile(r"^(?:[KMGTPE]i?B|[KMGTPE]i|[kMG]Hz|ms|ns|μs|µs|[KMGT]bps|px|rem)$")
_VERSION_RE = re.compile(r"^(?:v|V|version\s*)?\d+(?:\.\d+)+(?:[-+.]?[A-Za-z0-9]+)*$|^v\d+$")
_CITATION_KEY_RE = re.compile(r"^[A-Z][\w-]*(?:\.[A-Z][\w-]*)*\.(?:ea\.)?\d{4}[a-z]?$")
_FILE_EXT = (
    "md|markdown|mdx|rst|txt|html?|xml|json|ya?ml|toml|ini|cfg|conf|csv|tsv|py|rs|js|mjs|ts|tsx|jsx|go|"
    "java|kt|c|h|cc|cpp|hpp|cs|rb|php|sh|bash|zsh|ps1|bat|css|scss|less|svg|png|jpe?g|gif|webp|pdf|"
    "zip|gz|tar|tgz|lock|log|sql|db|env|proto|lua|pl|swift|dart|vue|ipynb|wasm|so|dll|exe|bin|img|iso"
)
_FILE_RE = re.compile(rf"^[\w.@+/-]*[\w-]\.(?:{_FILE_EXT})$", re.I)
# HTML element and attribute names, and encoding labels: what raw HTML read as text leaves.
HTML_WORDS = frozenset(
    """html head body title meta link script style div span p a img br hr ul ol li dl dt dd table
    thead tbody tfoot tr td th h1 h2 h3 h4 h5 h6 pre code em strong b i u small sub sup form input
    button select option textarea label nav header footer main section article aside figure
    figcaption iframe svg path doctype charset href src alt rel lang class id name content
    viewport""".split()
)
ENCODINGS = frozenset("utf-8 utf8 utf-16 gbk gb2312 gb18030 big5 iso-8859-1 latin-1 ascii".split())


def is_quantity(form: str) -> bool:
    """``512 MiB``, ``3.5 GHz``, ``10ms``, ``100-200MB/s``, ``Gi``: a number or a unit."""
    form = form.strip()
    return bool(_QUANTITY_RE.match(form) or _BARE_UNIT_RE.match(form))


def is_version(form: str) -> bool:
    return bool(_VERSION_RE.match(form.strip()))


def is_code(form: str) -> bool:
    """An identifier, path, flag, key, call or shell command rather than a word of prose."""
    form = form.strip()
    if not form:
        return False
    if re.search(r"[`{}<>\[\]=;$\\|]|::|->|=>|\(\)|\(\s*\w*[,)]", form):
        return True  # Foo::bar, f(), key=value, template brackets
    if form.startswith(("-", "/", "./", "~/", "@", "$", "%", "!")) and re.search(r"[A-Za-z]", form):
        return True  # --flag, /etc/path, @decorator, $VAR
    if re.search(r"\w/\w+/|\\\w", form):
        return True  # a/b/c paths
    if form.endswith(":") or re.search(r"\w:\w", form) and not re.search(r"\s", form):
        return True  # yaml_key:, std:vector, U+xx excluded below
    for token in form.split():
        if _code_token(token):
            return True
    return False


def _code_token(token: str) -> bool:
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", token):
        return False  # i.i.d., e.g.: abbreviations
    token = token.strip(".,;:!?\"'")
    if not token:
        return False
    if re.fullmatch(r"[A-Z]\w*\.(?:js|ai|io|net|com|org|AI|IO|NET)", token):
        return False  # Node.js, Character.AI: names written like addresses
    if re.search(r"\w_|_\w", token):
        return True  # snake_case, _private, checked_*
    if re.fullmatch(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+", token) and not re.fullmatch(r"[a-z][A-Z]\w*", token):
        return True  # camelCase (querySelector, forEach); iPhone, eBay, xAI are brands
    if re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+", token) and not re.fullmatch(r"(?:[A-Za-z]\.){2,}", token):
        return True  # np.dot, tf.linalg.matvec, os.path (i.i.d. is an abbreviation)
    if re.search(r"[A-Za-z0-9]\.[a-z_]{2,}", token) and not re.search(r"\.(?:js|ai|io|net|com|org)$", token, re.I):
        return True  # A.sum, obj.method
    if re.fullmatch(r"[a-z]+\d+[a-z\d]*|\d+[a-z]\d+\w*|\d+[a-z][\w+-]*[-+]\w*", token):
        return True  # i32, u8, f64, 57u8
    if re.fullmatch(r"0[xob][0-9a-fA-F_]+|U\+[0-9A-Fa-f]{4,6}", token):
        return True  # 0xff, 0o77, U+10FFFF
    if re.search(r"[*+](?=\w)|\w[*]$", token) and not re.fullmatch(r"[A-Z][A-Za-z]*[+#*]+", token):
        return True  # i+a, wrapping_*; C++, C#, Q* stay
    return False


def is_slug(form: str) -> bool:
    """``install-the-tool``, ``eq_conv-layer``, ``ch04-01-what-is-ownership``: an anchor or key."""
    form = form.strip()
    if " " in form:
        return False
    parts = re.split(r"[-_]", form)
    return len(parts) >= 3 and form == form.lower() and all(p for p in parts)


def is_noise(form: str, *, markup_words: bool = True) -> bool:
    """True when ``form`` is code, data or markup, never a glossary term.

    ``markup_words=False`` for the English of a pair with Chinese: 标签（label）, 类（class）
    are terms although HTML has elements and attributes of those names.
    """
    form = form.strip()
    if not form:
        return True
    # as markup leaves them: lowercase tag names (Meta, the company, is not <meta>), any encoding
    if markup_words and (form in HTML_WORDS or form.lower() in ENCODINGS
                         or re.fullmatch(r"(?i)doctype(?: html)?|h[1-6]", form)):
        return True
    if re.match(r"(?i)https?:|www\.|mailto:", form) or re.fullmatch(r"\S+@\S+\.\w+", form):
        return True
    if _FILE_RE.match(form) or _CITATION_KEY_RE.match(form):
        return True
    if is_quantity(form) or is_version(form) or is_slug(form):
        return True
    if re.fullmatch(r"[\d\s.,:;/%+-]+", form) or re.match(r"^\d{3,4}\s+\d", form):
        return True  # numbers, table cells (1980 1 K)
    return is_code(form)

"""Front matter at the top of a Markdown file: YAML (``---`` … ``---``) or TOML (``+++`` … ``+++``,
Hugo's other syntax), read as data, except the values a reader of the page sees.

The front matter is mostly metadata (dates, tags, slugs, weights): its lines become
``front-matter`` debris and its mapping ``Document.front_matter``. Static-site generators
show a few of its values as text, though (the page title, its description or summary, a
sidebar label: :data:`TEXT_KEYS`), and a translated site translates them; with
``texts=True`` those top-level string values are returned as text units at their own lines
and only their key (``title:``) is debris. Every value is validated
where it enters, by the loader itself: a scalar that is not a plain string, a JSON-safe
number, a boolean or null stays the string the user wrote (``date: 2024-02-30``, a date that
does not exist; ``.inf`` and ``.nan``, which JSON cannot hold; a 5,000-digit integer;
``!!binary``), so nothing in it can fail later. A block that breaks the parser's own limits
(nesting) is a :class:`FormatError` naming the file and the line of the opening ``---``.
"""
from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import FormatError
from .lines import Line, Recorder

_MAX_LINES = 2000
_MAX_NODES = 100_000


#: Top-level keys whose string value a site shows as text (compared case-folded): the page
#: title and its short forms, descriptions and summaries (Hugo, Jekyll, Docusaurus, VuePress,
#: MkDocs). Everything else (dates, slugs, tags, ids, layout) is data.
TEXT_KEYS = frozenset({
    "title", "subtitle", "linktitle", "sidebar_label", "pagination_label", "description",
    "summary", "excerpt", "abstract", "tagline",
})


@dataclass
class FrontMatter:
    """A file's front matter: its mapping and, when asked for, the ``(line, text)`` of each
    value in :data:`TEXT_KEYS` (in file order)."""

    data: dict[str, Any] = field(default_factory=dict)
    texts: list[tuple[int, str]] = field(default_factory=list)


def take_front_matter(lines: list[Line], rec: Recorder, path: Any) -> dict[str, Any]:
    """Parse and blank the front matter at the top of ``lines``; ``{}`` when there is none.

    A block that is not a mapping is left alone (its lines stay text), so nothing is lost; a
    mapping too large or with self-referencing aliases is a :class:`FormatError`.
    """
    return read_front_matter(lines, rec, path).data


def read_front_matter(lines: list[Line], rec: Recorder, path: Any, *, texts: bool = False,
                      json_object: bool = False) -> FrontMatter:
    """:func:`take_front_matter`; with ``texts`` the values of :data:`TEXT_KEYS` are kept out of
    the debris and returned as text units (their key and quotes are the debris): a string
    value, or each string of a list, at any depth (``seo: {title: …}``). ``json_object``: a
    JSON object at the top is front matter too (Markdown only: a .txt may be JSON data)."""
    first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    if first is None:
        return FrontMatter()
    fence = lines[first].text.strip()
    if fence.startswith("{") and json_object:
        return _json_front_matter(lines, first, rec, path, texts)
    if fence not in ("---", "+++"):
        return FrontMatter()
    closing = ("---", "...") if fence == "---" else ("+++",)
    end = next(
        (i for i in range(first + 1, min(len(lines), first + _MAX_LINES))
         if lines[i].text.rstrip() in closing),
        None,
    )
    if end is None:
        return FrontMatter()
    body = [line.text for line in lines[first + 1:end]]
    parsed = _yaml(body, path, lines[first].no) if fence == "---" else _toml(body)
    if parsed is None:
        return FrontMatter()
    data, spans = parsed
    plain = _plain(data, path, lines[first].no, [0], 0)
    if fence == "+++":  # values in tables and lists: TOML keeps no positions
        spans = spans + _located(plain, body, {start for start, _, _ in spans}, [v for _, _, v in spans])
    separator = ":" if fence == "---" else "="
    shown = [(start, stop, _as_lines(value, body[start:stop + 1], separator)) for start, stop, value in spans]
    return _blank(lines[first:end + 1], -1, plain, shown if texts else [], rec)


def _blank(block: list[Line], base: int, plain: dict[str, Any], shown: Spans, rec: Recorder) -> FrontMatter:
    """Blank the front matter's lines (``block[i]`` is body line ``i + base``): each shown
    value is a text unit at its line, its key and quotes ``front-matter`` debris, every
    other line debris whole."""
    found = FrontMatter(plain)
    kept: dict[int, list[tuple[int, str]]] = {}  # body index of a value's first line -> (last, value)
    for start, stop, value in shown:
        kept.setdefault(start, []).append((stop, value))
    skip = base - 1
    for index, line in enumerate(block, start=base):
        if index in kept:
            rest = line.text
            for stop, value in kept[index]:
                rest = rest.replace(value, "", 1) if value in rest else rest
                found.texts.append((line.no, value))
                skip = max(skip, stop)
            rec.drop("front-matter", line.no, rest.strip())
            line.text = ""
        elif index <= skip:
            line.text = ""  # the continuation lines of a kept value: its text, not debris
        else:
            rec.drop_line("front-matter", line)
    return found


def _json_front_matter(lines: list[Line], first: int, rec: Recorder, path: Any, texts: bool) -> FrontMatter:
    """JSON front matter (Hugo's third syntax: an object from the first line, closed by a
    ``}`` at a line end); each shown value is found at the first line that holds it as
    written. Anything else opening with ``{`` (a ``{{< shortcode >}}``) is not front matter."""
    body = [line.text for line in lines[first:first + _MAX_LINES]]
    text = "\n".join(body)
    try:
        data, stop = json.JSONDecoder().raw_decode(text)
    except (ValueError, RecursionError):
        return FrontMatter()
    rest = text[stop:].split("\n", 1)[0]
    if not isinstance(data, dict) or rest.strip():
        return FrontMatter()
    end = text.count("\n", 0, stop)
    plain = _plain(data, path, lines[first].no, [0], 0)
    shown = _located(plain, body[:end + 1], set(), json_quoted=True) if texts else []
    return _blank(lines[first:first + end + 1], 0, plain, shown, rec)


def _shown_values(value: Any, key: str = "") -> list[str]:
    """The strings a site shows, in order: values of :data:`TEXT_KEYS` (a string or a list of
    strings) at any depth."""
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in _shown_values(v, str(k))]
    shown = key.casefold() in TEXT_KEYS
    if isinstance(value, list):
        return [text for item in value for text in
                ([item] if shown and isinstance(item, str) else _shown_values(item))]
    return [value] if shown and isinstance(value, str) and value.strip() else []


def _located(plain: dict[str, Any], body: list[str], used: set[int], found: list[str] = (),  # type: ignore[assignment]
             *, json_quoted: bool = False) -> Spans:
    """``(line, line, value)`` of each shown value not yet located, in file order: the next
    place after the one before, outside the ``used`` lines, holding it quoted as written
    (``"…"``, ``"\\u4e2d…"`` or ``'…'``). A value written over several lines, or with
    other escapes, is not found and stays data in the debris."""
    spans: Spans = []
    values = _shown_values(plain)
    for value in found:  # already located (TOML's top-level keys)
        if value in values:
            values.remove(value)
    at, column = 0, 0
    for value in values:
        forms = [json.dumps(value, ensure_ascii=False), json.dumps(value)] + ([] if json_quoted else [f"'{value}'"])
        for index in range(at, len(body) if "\n" not in value else 0):
            hits = [] if index in used else \
                [pos for f in forms if (pos := body[index].find(f, column if index == at else 0)) >= 0]
            if hits:
                spans.append((index, index, value))
                at, column = index, min(hits) + 2
                break
    return sorted(spans, key=lambda span: span[:2])


def _as_lines(value: str, raw: list[str], separator: str) -> str:
    """A value written over several lines as its lines (the reader joins them as soft
    wraps: no space between Han characters), when they hold exactly its text; YAML folds
    them with a space, which Chinese does not have. Otherwise the value as parsed."""
    if len(raw) < 2:
        return value
    pieces = [raw[0].split(separator, 1)[-1].strip()] + [piece.strip() for piece in raw[1:]]
    pieces[0] = re.sub(r"^[|>][+-]?\d*$", "", pieces[0]).lstrip("\"'")
    pieces[-1] = pieces[-1].rstrip("\"'")
    if "".join("".join(pieces).split()) != "".join(value.split()):
        return value
    return "\n".join(piece for piece in pieces if piece)


Spans = list[tuple[int, int, str]]  # (first, last) body line of a shown value, and the value


def _yaml(body: list[str], path: Any, line: int) -> tuple[Any, Spans] | None:
    loader = _PlainLoader("\n".join(body))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError:
        return None
    except RecursionError:
        raise _too_deep(path, line) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None
    spans: Spans = []
    _yaml_shown(node, spans, 0)
    return data, sorted(spans, key=lambda span: span[:2])


def _yaml_shown(node: yaml.Node, spans: Spans, depth: int) -> None:
    """Spans of the str scalars under :data:`TEXT_KEYS` (or in a list there), at any depth."""
    if depth > 50:
        return
    pairs = node.value if isinstance(node, yaml.MappingNode) else \
        [(None, item) for item in node.value] if isinstance(node, yaml.SequenceNode) else []
    for key, value in pairs:
        shown = isinstance(key, yaml.ScalarNode) and str(key.value).casefold() in TEXT_KEYS
        items = [value] if isinstance(value, yaml.ScalarNode) else \
            [v for v in value.value if isinstance(v, yaml.ScalarNode)] if shown and isinstance(value, yaml.SequenceNode) else []
        for item in items if shown else []:
            # a value tagged otherwise (!!binary, !!timestamp) is data even when kept as a string
            if item.tag == "tag:yaml.org,2002:str" and str(item.value).strip():
                first = key.start_mark.line if item is value else item.start_mark.line
                last = item.end_mark.line - (1 if item.end_mark.column == 0 and item.end_mark.line > first else 0)
                spans.append((first, last, str(item.value)))
        if isinstance(value, (yaml.MappingNode, yaml.SequenceNode)):
            _yaml_shown(value, spans, depth + 1)


_TOML_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=\s*(.*)$""")


def _toml(body: list[str]) -> tuple[Any, Spans] | None:
    """TOML front matter (Hugo's ``+++``); top-level keys located line by line (tomllib
    keeps no positions), a multi-line string to its closing quotes."""
    try:
        data = tomllib.loads("\n".join(body))
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    spans: Spans = []
    index = 0
    while index < len(body):
        line = body[index]
        if line.lstrip().startswith("["):  # a [table]: no top-level keys after it
            break
        match = _TOML_KEY.match(line)
        start = index
        if match:
            rest = match.group(4)
            quotes = rest[:3] if rest[:3] in ('"""', "'''") else ""
            if quotes and rest.count(quotes) < 2:
                while index + 1 < len(body) and quotes not in body[index + 1]:
                    index += 1
                index += 1
            key = next(g for g in match.groups()[:3] if g is not None)
            value = data.get(key)
            if key.casefold() in TEXT_KEYS and isinstance(value, str) and value.strip():
                spans.append((start, min(index, len(body) - 1), value))
        index += 1
    return data, spans


#: the longest integer kept as a number (Python refuses to convert more than 4,300 digits)
_MAX_INT_DIGITS = 18


class _PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader whose scalars are only str, int, finite float, bool or None."""


def _as_written(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


def _scalar(construct: Any) -> Any:
    """A constructor whose failure on the user's text keeps the text (``!!bool maybe``,
    ``!!int`` with nothing after it: PyYAML raised KeyError and IndexError there)."""
    def guarded(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except (ValueError, KeyError, IndexError, TypeError, OverflowError, AttributeError):
            return _as_written(loader, node)
    return guarded


def _int(loader: yaml.SafeLoader, node: yaml.Node) -> int | str:
    text = _as_written(loader, node)
    if sum(ch.isdigit() for ch in text) > _MAX_INT_DIGITS:
        return text
    return yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[arg-type]


def _float(loader: yaml.SafeLoader, node: yaml.Node) -> float | str:
    value = yaml.SafeLoader.construct_yaml_float(loader, node)  # type: ignore[arg-type]
    return value if math.isfinite(value) else _as_written(loader, node)


_PlainLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_written)
_PlainLoader.add_constructor("tag:yaml.org,2002:binary", _as_written)
_PlainLoader.add_constructor("tag:yaml.org,2002:int", _scalar(_int))
_PlainLoader.add_constructor("tag:yaml.org,2002:float", _scalar(_float))
_PlainLoader.add_constructor("tag:yaml.org,2002:bool", _scalar(yaml.SafeLoader.construct_yaml_bool))
_PlainLoader.add_constructor("tag:yaml.org,2002:null", _scalar(yaml.SafeLoader.construct_yaml_null))


def _too_deep(path: Any, line: int) -> FormatError:
    return FormatError(
        "the YAML front matter is too large or nests too deeply (recursive aliases?)",
        path=path, line=line, hint="simplify the front matter between the --- lines",
    )


def _plain(value: Any, path: Any, line: int, nodes: list[int], depth: int) -> Any:
    nodes[0] += 1
    if nodes[0] > _MAX_NODES or depth > 50:
        raise _too_deep(path, line)
    if isinstance(value, dict):
        return {str(k): _plain(v, path, line, nodes, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v, path, line, nodes, depth + 1) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return str(value)

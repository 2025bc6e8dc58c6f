"""YAML front matter (``---`` … ``---`` at the top of a Markdown file), read as data.

The front matter is metadata (names, dates, tags), not text to translate: its lines become
``front-matter`` debris and its mapping ``Document.front_matter``. Values are made plain
(dates become ISO strings) so the pipeline can write them as JSON.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

import yaml

from ..errors import FormatError
from .lines import Line, Recorder

_MAX_LINES = 2000
_MAX_NODES = 100_000


def take_front_matter(lines: list[Line], rec: Recorder, path: Any) -> dict[str, Any]:
    """Parse and blank the front matter at the top of ``lines``; ``{}`` when there is none.

    A block that is not a YAML mapping is left alone (its lines stay text), so nothing is
    lost; a mapping too large or with self-referencing aliases is a :class:`FormatError`.
    """
    first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    if first is None or lines[first].text.strip() != "---":
        return {}
    end = next(
        (i for i in range(first + 1, min(len(lines), first + _MAX_LINES))
         if lines[i].text.rstrip() in ("---", "...")),
        None,
    )
    if end is None:
        return {}
    body = "\n".join(line.text for line in lines[first + 1:end])
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    plain = _plain(data, path, lines[first].no, [0], 0)
    for line in lines[first:end + 1]:
        rec.drop_line("front-matter", line)
    return plain


def _plain(value: Any, path: Any, line: int, nodes: list[int], depth: int) -> Any:
    nodes[0] += 1
    if nodes[0] > _MAX_NODES or depth > 50:
        raise FormatError(
            "the YAML front matter is too large or nests too deeply (recursive aliases?)",
            path=path, line=line, hint="simplify the front matter between the --- lines",
        )
    if isinstance(value, dict):
        return {str(k): _plain(v, path, line, nodes, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v, path, line, nodes, depth + 1) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)

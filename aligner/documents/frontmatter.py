"""YAML front matter (``---`` … ``---`` at the top of a Markdown file), read as data.

The front matter is metadata (names, dates, tags), not text to translate: its lines become
``front-matter`` debris and its mapping ``Document.front_matter``. Every value is validated
where it enters, by the loader itself: a scalar that is not a plain string, a JSON-safe
number, a boolean or null stays the string the user wrote (``date: 2024-02-30``, a date that
does not exist; ``.inf`` and ``.nan``, which JSON cannot hold; a 5,000-digit integer;
``!!binary``), so nothing in it can fail later. A block that breaks the parser's own limits
(nesting) is a :class:`FormatError` naming the file and the line of the opening ``---``.
"""
from __future__ import annotations

import math
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
        data = yaml.load(body, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader, see below
    except yaml.YAMLError:
        return {}
    except RecursionError:
        raise _too_deep(path, lines[first].no) from None
    if not isinstance(data, dict):
        return {}
    plain = _plain(data, path, lines[first].no, [0], 0)
    for line in lines[first:end + 1]:
        rec.drop_line("front-matter", line)
    return plain


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

"""The review file: a reviewer's decisions, in the order they were made, per document.

``review.json`` beside the outputs records decisions, not a copy of the text: each names the
bead it acts on by its sentences (``"zh": [3, 4], "en": [5]``), so a decision that no longer
fits (the alignment changed under it) is found and named instead of applied to the wrong
pair. The glossary's decisions sit in the same file under ``"glossary"`` (see
:mod:`.glossary_decisions`); :func:`save_review` keeps that section when it is not given one.
The file is untrusted input: anything malformed is a one-line :class:`FormatError`.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ..atomic import write_text
from ..errors import FormatError

FORMAT = "aligner-review"
VERSION = 1
REVIEW_FILE = "review.json"
SIDES = ("zh", "en")
MAX_NOTE = 2000


class Op(str, Enum):
    ACCEPT = "accept"  # the pair goes into the TMX, whatever its confidence
    REJECT = "reject"  # the pair stays out of the TMX
    MERGE = "merge"  # the bead and the next become one
    SPLIT = "split"  # the bead becomes two: its first ``at`` sentences of each side, and the rest
    MOVE = "move"  # the border after the bead moves ``by`` sentences on ``side`` (+1 down, -1 up)
    ORPHAN = "orphan"  # no counterpart: the ``sentence`` of ``side`` (or, without one, every sentence) becomes unaligned


@dataclass(frozen=True)
class Decision:
    op: Op
    zh: tuple[int, ...]
    en: tuple[int, ...]
    at: tuple[int, int] = (0, 0)  # split: sentences of zh and en that stay in the first bead
    side: str = "zh"  # move: which language's border moves; orphan: the side of ``sentence``
    by: int = 0  # move: +1 takes the next bead's first sentence, -1 gives this bead's last
    note: str = ""  # accept/reject: the reviewer's note, written as the unit's <note> in the TMX
    sentence: int | None = None  # orphan: the one sentence with no counterpart (None: the whole bead)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"op": self.op.value, "zh": list(self.zh), "en": list(self.en)}
        if self.op is Op.SPLIT:
            data["at"] = list(self.at)
        if self.op is Op.MOVE:
            data["side"], data["by"] = self.side, self.by
        if self.note:
            data["note"] = self.note
        if self.op is Op.ORPHAN and self.sentence is not None:
            data["side"], data["sentence"] = self.side, self.sentence
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "Decision":
        """Raises ValueError/TypeError/KeyError on anything malformed (callers name the place)."""
        if not isinstance(data, dict):
            raise TypeError("a decision is an object such as {\"op\": \"accept\", \"zh\": [0], \"en\": [0]}")
        op = Op(data["op"])
        zh, en = _ints(data.get("zh", [])), _ints(data.get("en", []))
        if not zh and not en:
            raise ValueError("a decision names at least one sentence")
        at, side, by, sentence = (0, 0), "zh", 0, None
        if op is Op.SPLIT:
            at = _ints(data["at"])
            if len(at) != 2:
                raise ValueError("split needs \"at\": [zh sentences, en sentences] kept in the first bead")
        if op is Op.MOVE:
            side, by = str(data["side"]), int(data["by"])
            if side not in SIDES or by not in (-1, 1) or isinstance(data["by"], bool):
                raise ValueError("move needs \"side\": \"zh\" or \"en\" and \"by\": 1 or -1")
        note = data.get("note", "")
        if not isinstance(note, str) or len(note) > MAX_NOTE:
            raise ValueError(f"\"note\" must be text of at most {MAX_NOTE} characters")
        if note and op not in (Op.ACCEPT, Op.REJECT):
            raise ValueError("only accept and reject carry a \"note\"")
        if op is Op.ORPHAN and "sentence" in data:
            side, (sentence,) = str(data.get("side")), _ints([data["sentence"]])
            if side not in SIDES or sentence not in (zh if side == "zh" else en):
                raise ValueError("orphan needs \"side\": \"zh\" or \"en\" and a \"sentence\" of the bead on that side")
        return cls(op, zh, en, (at[0], at[1]), side, by, note, sentence)


def _ints(values: Any) -> tuple[int, ...]:
    if not isinstance(values, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise TypeError(f"expected a list of sentence numbers, got {values!r}"[:120])
    return tuple(values)


def parse_decisions(items: Any, where: str = "decisions") -> list[Decision]:
    """Decisions from JSON data; raises ValueError naming the first bad one."""
    if not isinstance(items, list):
        raise ValueError(f"{where} must be a list")
    out = []
    for number, item in enumerate(items, 1):
        try:
            out.append(Decision.from_dict(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{where} #{number}: {exc}") from None
    return out


#: what every message about a damaged review file suggests
HINT = "fix or remove the file (it holds only your decisions; the build is not changed by it)"


def read_review_file(path: Path) -> dict[str, Any] | None:
    """The review file's JSON object, its format and version checked; ``None`` when there is
    no file yet. The file is untrusted input: anything malformed is a one-line
    :class:`FormatError`. Both sections (documents, glossary) are read from this."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FormatError(f"not a readable review file ({exc})", path=path, hint=HINT) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise FormatError(f"damaged review file: expected {{\"format\": \"{FORMAT}\", \"version\": {VERSION}, …}}",
                          path=path, hint=HINT)
    return data


def load_review(path: Path) -> dict[str, list[Decision]]:
    """The decisions of each document stem; no file yet means no decisions."""
    data = read_review_file(path)
    if data is None:
        return {}
    try:
        documents = data.get("documents", {})
        if not isinstance(documents, dict):
            raise ValueError("\"documents\" must map document names to their decisions")
        return {str(stem): parse_decisions(doc.get("decisions") if isinstance(doc, dict) else None,
                                           f"document {stem!r} decision list")
                for stem, doc in documents.items()}
    except (TypeError, ValueError) as exc:
        raise FormatError(f"damaged review file: {exc}", path=path, hint=HINT) from None


def save_review(path: Path, documents: Mapping[str, Sequence[Decision]],
                glossary: Sequence[Mapping[str, Any]] | None = None) -> None:
    """Write atomically, documents sorted, one decision per line: stable and diffable.
    ``glossary`` is the glossary section's decisions (JSON-ready); None keeps the file's own,
    so a writer of alignment decisions never drops the glossary review."""
    if glossary is None:
        glossary = _glossary_section(path)
    lines = [f'{{"format": "{FORMAT}", "version": {VERSION}, "documents": {{']
    stems = [s for s in sorted(documents) if documents[s]]
    for n, stem in enumerate(stems):
        items = [json.dumps(d.to_dict(), ensure_ascii=False) for d in documents[stem]]
        body = ",\n    ".join(items)
        comma = "," if n < len(stems) - 1 else ""
        lines.append(f"  {json.dumps(stem, ensure_ascii=False)}: {{\"decisions\": [\n    {body}\n  ]}}{comma}")
    if glossary:
        body = ",\n    ".join(json.dumps(dict(d), ensure_ascii=False) for d in glossary)
        lines.append('}, "glossary": {"decisions": [\n    ' + body + "\n  ]}}")
    else:
        lines.append("}}")
    write_text(path, "\n".join(lines) + "\n")


def _glossary_section(path: Path) -> list[Mapping[str, Any]]:
    """The glossary decisions already in the file, as they are (checked when loaded)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        items = data["glossary"]["decisions"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [d for d in items if isinstance(d, dict)] if isinstance(items, list) else []

"""The human summary of ``aligner build`` (the command itself is in :mod:`.cli`)."""
from __future__ import annotations

from typing import Any

from .cli_support import EXIT_SKIPPED
from .wording import count


def format_build_report(data: dict[str, Any]) -> str:
    """The human summary of a build: one block per document, then the glossary and outputs."""
    lines = []
    for doc in data["documents"]:
        debris = ", ".join(f"{kind} {n}" for kind, n in doc["debris"].items()) or "none"
        lines.append(f"{doc['stem']}  ({doc['kind']}, {doc['encoding']})")
        lines.append(f"  segments: {doc['zh_segments']} zh, {doc['en_segments']} en")
        lines.append(f"  debris removed: {debris}")
        if doc.get("normalised"):
            lines.append("  normalised in place: " + ", ".join(f"{k} {n}" for k, n in doc["normalised"].items()))
        if doc.get("damage"):
            lines.append(f"  {doc['damage']}")
        if doc["tmx"]:
            lines.append(f"  aligned pairs: {doc['pairs']} -> {doc['tmx']}")
            skipped = []
            if doc["unaligned_zh"] or doc["unaligned_en"]:
                skipped.append(f"{doc['unaligned_zh']} zh / {doc['unaligned_en']} en sentences without a counterpart")
            if doc["below_min_score"]:
                skipped.append(f"{count(doc['below_min_score'], 'pair')} below --min-score")
            if skipped:
                lines.append(f"  not in TMX: {'; '.join(skipped)}")
        else:
            lines.append(f"  {doc['note']}")
        if doc.get("foreign"):
            where = ", ".join(str(line) for line, _ in doc["foreign"][:5])
            lines.append(f"  Chinese paragraphs in the English, kept in place: {len(doc['foreign'])} (line {where})")
        lines.append(f"  terms found: {doc['terms']}")
    status = ", ".join(f"{n} {s}" for s, n in data["terms_by_status"].items())
    lines.append(f"glossary: {count(data['terms'], 'term')}" + (f" ({status})" if status else "")
                 + f"; {count(data['conflicts'], 'conflict')} to review")
    if data.get("from_pairs") and data["from_pairs"].get("occurrences"):
        lines.append(f"  from aligned pairs: {data['from_pairs']['summary']}")
    if data.get("pair_names") and data["pair_names"].get("entries"):
        lines.append(f"  from aligned pairs: {data['pair_names']['summary']}")
    if data.get("tm_terms") and data["tm_terms"].get("pairs"):
        lines.append(f"  term pairs extracted from aligned pairs: {data['tm_terms']['summary']}")
    for name, n in data["tmx_warnings"].items():
        lines.append(f"warning: {n} {name.replace('_', ' ')} (see the TMX files)")
    check = data.get("check") or {}
    if check:
        lines.append(f"self-check: {check.get('summary', check)}")
        if check.get("findings"):
            tms = [o for o in data["outputs"] if o.endswith(".tmx") and not o.endswith("terms.tmx")]
            tbx = [o for o in data["outputs"] if o.endswith(".tbx")]
            lines.append(f"  details: aligner check {' '.join(tms)} -g {' '.join(tbx[:1])}")
    lines.append("wrote: " + ", ".join(data["outputs"]))
    failed = [item for item in data.get("skipped", ()) if item.get("kind") != "ignored"]
    ignored = [item for item in data.get("skipped", ()) if item.get("kind") == "ignored"]
    if ignored:
        lines.append(f"not documents, not read: {count(len(ignored), 'folder entry')}:")
        lines.extend(f"  {item['reason']}" for item in ignored)
    if failed:
        n = len(failed)
        lines.append(f"skipped {n} file{'s' * (n != 1)} that could not be read (exit status {EXIT_SKIPPED}):")
        lines.extend(f"  {item['reason']}" for item in failed)
    return "\n".join(lines)

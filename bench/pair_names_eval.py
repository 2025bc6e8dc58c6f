#!/usr/bin/env python3
"""Personal names the build learns from aligned pairs, on MAC-Dev's chapters as documents.

Each chapter's Chinese and English are written to a temporary corpus (zh/chNNN.txt,
en/chNNN.txt; nothing is kept, nothing enters the project), ``aligner build`` runs on it,
and the names learned from its aligned pairs (evidence ``aligned-name``) are printed with
their counts, for judging by eye: a wrong one is a Chinese run whose pinyin the English
happens to write.

    python bench/pair_names_eval.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.build import BuildSettings, build  # noqa: E402
from aligner.formats.glossary_read import read_glossary  # noqa: E402
from aligner.glossary.pair_names import EVIDENCE  # noqa: E402
from measure import measured  # noqa: E402
from shared_data import MAC_DEV, require  # noqa: E402

MAC = MAC_DEV


def main() -> int:
    require(MAC_DEV)
    with tempfile.TemporaryDirectory(prefix="pair-names-") as tmp:
        corpus = Path(tmp) / "corpus"
        for side in ("zh", "en"):
            (corpus / side).mkdir(parents=True)
            for path in sorted(MAC.glob(f"*.{side}")):
                shutil.copy(path, corpus / side / f"ch{path.stem}.txt")
        with measured("build") as span:
            report = build(BuildSettings(corpus=corpus, out=Path(tmp) / "out"))
        names = [e for e in read_glossary(Path(tmp) / "out" / "glossary" / "glossary.csv") if e.evidence == EVIDENCE]
    print(f"MAC-Dev as {len(report.documents)} documents with their English; {span.line()}")
    print(report.pair_names.get("summary", "no names"))
    for entry in names:
        also = f" (also {', '.join(entry.variants)})" if entry.variants else ""
        print(f"  {entry.zh}\t{entry.en}{also}\t{entry.count} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())

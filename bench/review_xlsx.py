#!/usr/bin/env python3
"""The review spreadsheet on a big document: export, a reviewer's edits, import.

Usage: python bench/review_xlsx.py [--beads N]
Makes the invented N-bead document of bench/review_page.py (default 10,000), exports it with
``aligner review --xlsx``'s code, sets every tenth pair's decision with openpyxl (as a
reviewer's spreadsheet would come back), imports it, and prints wall and CPU time of the
export and the import, and the workbook's size.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from openpyxl import load_workbook  # noqa: E402

from aligner.review import load_review, write_beads  # noqa: E402
from aligner.review.source import open_source  # noqa: E402
from aligner.review.xlsx import export_xlsx  # noqa: E402
from aligner.review.xlsx_import import import_xlsx  # noqa: E402
from review_page import document  # noqa: E402


def timed(label: str, work):  # noqa: ANN001, ANN201 - a bench helper
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_beads(out / "tmx" / "big.beads.json", document(args.beads))
        source = open_source(out)
        path = out / "review.xlsx"
        rows = timed("export", lambda: export_xlsx(path, source.docs, load_review(source.review)))
        print(f"  {rows} rows, {path.stat().st_size / 1e6:.1f} MB")
        wb = load_workbook(path)
        ws = wb["Review"]
        decided = 0
        for row in ws.iter_rows(min_row=2):
            if row[1].value % 10 == 0 and row[3].value:
                row[7].value = "reject" if row[1].value % 20 == 0 else "accept"
                decided += 1
        wb.save(path)
        report = timed("import", lambda: import_xlsx(path, source.docs, source.review))
        print(f"  {decided} decisions set; {report.summary()[0]}")


if __name__ == "__main__":
    main()

"""Where the benchmarks find the shared data (MAC-Dev, the evaluation scripts), and the one
line they print when it is missing.

The data lives outside the project, beside it as ``../shared``; ``ALIGNER_SHARED=DIR`` points
elsewhere. A benchmark checks what it needs before any work, so a missing folder is one line
on stderr and exit status 2, never a traceback halfway through.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "ALIGNER_SHARED"
ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get(ENV) or ROOT.parent / "shared")
MAC_DEV = SHARED / "mac-dev"
REALWORLD = SHARED / "realworld"
ALIGN_EVAL = SHARED / "bench" / "align_eval.py"
REALWORLD = SHARED / "realworld" / "corpus"

#: what each shared path is, for the message
_WHAT = {
    MAC_DEV: "MAC-Dev, the manually aligned Chinese-English chapters (NNN.zh, NNN.en)",
    MAC_DEV / "gold": "MAC-Dev's gold alignments",
    MAC_DEV / "bertalign": "Bertalign's MAC-Dev output",
    ALIGN_EVAL: "the alignment scorer",
    REALWORLD: "the realworld corpus (zh/ and en/ documents)",
}


def require(*paths: Path) -> None:
    """Exit with one line naming the first path that is missing and how to supply it."""
    for path in paths:
        empty = (path == MAC_DEV and path.is_dir() and not any(path.glob("*.zh"))) or \
            (path == REALWORLD and path.is_dir() and not any((path / "zh").glob("*")))
        if empty or not path.exists():
            script = Path(sys.argv[0]).name or "bench"
            print(f"{script}: needs {_WHAT.get(path, 'shared data')} at {path}, which is "
                  f"{'empty' if empty else 'missing'}; put the project's shared data beside the project as "
                  f"../shared, or set {ENV}=DIR.", file=sys.stderr)
            raise SystemExit(2)

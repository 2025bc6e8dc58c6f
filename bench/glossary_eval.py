"""Precision and recall of glossary extraction against the hand-built gold sets.

Usage: python bench/glossary_eval.py [--corpus corpus/zh] [--gold tests/data/glossary/gold] [-v]
       python bench/glossary_eval.py --pages CORPUS GOLD.tsv [--pages CORPUS2 GOLD2.tsv] [-v]

With ``--pages``: a corpus of real technical pages (zh/ and en/, read as ``aligner build``
reads them) scored against a page gold (columns zh, en, doc, line, evidence), with precision
and recall per evidence source (brackets, key words, names, Latin as-is, from pairs). A
source the gold has no rows of (Latin as-is in the realworld gold, which lists bracket pairs
only) is shown but its precision is not judged, and the first overall line leaves it out.

The glossary is extracted from every document in the corpus (as ``aligner build`` does,
so agreement across documents plays its part); an entry counts for a gold document when
one of its sources is in it. A pair matches when its zh and en forms are equal after
normalisation (NFKC, no whitespace, case-folded). Recall is reported per gold evidence
type, precision per predicted evidence type. Baseline in the same run: brackets only,
with the Chinese term cut at the nearest jieba word (what a naive extractor does).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.glossary import extract  # noqa: E402
from aligner.glossary.text import norm_key  # noqa: E402
from aligner.model import TermEntry  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from measure import measured  # noqa: E402


@dataclass(frozen=True)
class GoldPair:
    zh: str
    en: str
    evidence: str
    kind: str

    @property
    def key(self) -> tuple[str, str]:
        return norm_key(self.zh), norm_key(self.en)


def read_gold(path: Path) -> list[GoldPair]:
    pairs: list[GoldPair] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("zh\t"):
            continue
        zh, en, evidence, kind = line.split("\t")
        pairs.append(GoldPair(zh, en, evidence, kind))
    return pairs


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(entries: list[TermEntry], gold: dict[str, list[GoldPair]], verbose: bool = False) -> dict[str, Score]:
    """Scores keyed by 'overall' and by evidence type."""
    scores: dict[str, Score] = defaultdict(Score)
    for stem, pairs in sorted(gold.items()):
        predicted = {(norm_key(e.zh), norm_key(e.en)): e for e in entries if any(s.doc == stem for s in e.sources)}
        gold_keys = {p.key: p for p in pairs}
        for key, pair in sorted(gold_keys.items()):
            hit = key in predicted
            if hit:
                scores["overall"].tp += 1
                scores[f"recall:{pair.evidence}"].tp += 1
                scores[f"precision:{predicted[key].evidence}"].tp += 1
            else:
                scores["overall"].fn += 1
                scores[f"recall:{pair.evidence}"].fn += 1
                if verbose:
                    print(f"  missed {stem[:3]} {pair.evidence:12} {pair.zh} | {pair.en}")
        for key, entry in sorted(predicted.items()):
            if key not in gold_keys:
                scores["overall"].fp += 1
                scores[f"precision:{entry.evidence}"].fp += 1
                if verbose:
                    print(f"  extra  {stem[:3]} {entry.evidence:12} {entry.zh} | {entry.en}")
    return dict(scores)


def kind_accuracy(entries: list[TermEntry], gold: dict[str, list[GoldPair]],
                  verbose: bool = False) -> tuple[int, int]:
    """Matched pairs whose kind agrees with the gold; with ``verbose``, list the others."""
    by_key = {(norm_key(e.zh), norm_key(e.en)): e for e in entries}
    right = total = 0
    for stem, pairs in sorted(gold.items()):
        for pair in pairs:
            entry = by_key.get(pair.key)
            if entry is not None:
                total += 1
                right += entry.kind.value == pair.kind
                if verbose and entry.kind.value != pair.kind:
                    print(f"  kind   {stem[:3]} {pair.kind:>12} <- {entry.kind.value:12} {pair.zh} | {pair.en}")
    return right, total


def load_documents(corpus: Path) -> list:
    from aligner.documents import read_document

    return [read_document(path) for path in sorted(corpus.iterdir()) if path.is_file()]


def report(entries: list[TermEntry], gold: dict[str, list[GoldPair]], verbose: bool) -> None:
    scores = evaluate(entries, gold, verbose)
    print(f"{'':24} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    order = ["overall"] + sorted(k for k in scores if k != "overall")
    for name in order:
        s = scores[name]
        if name.startswith("recall:"):
            print(f"{name:24} {'':>6} {s.recall:6.3f} {'':>6}  {s.tp:3} {'':3} {s.fn:3}")
        elif name.startswith("precision:"):
            print(f"{name:24} {s.precision:6.3f} {'':>6} {'':>6}  {s.tp:3} {s.fp:3}")
        else:
            print(f"{name:24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:3} {s.fp:3} {s.fn:3}")
    right, total = kind_accuracy(entries, gold, verbose)
    if total:
        print(f"kind accuracy on matched pairs: {right}/{total} = {right / total:.3f}")


def baseline(docs: list) -> list[TermEntry]:
    """Naive extractor: 中文(English) only, the Chinese term = the last jieba word."""
    import re

    from aligner.glossary import lexicon
    from aligner.glossary.parens import paren_groups
    from aligner.model import Source

    found: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for doc in docs:
        for para in doc.zh:
            for group in paren_groups(para.text):
                inner = group.inner.strip()
                if not re.fullmatch(r"[A-Za-z][A-Za-z .,'/&-]*", inner):
                    continue
                words = lexicon.words(para.text[: group.start])
                if words and re.search("[\u4e00-\u9fff]", words[-1]):
                    found[(words[-1], inner)].append(Source(doc.stem, para.line_at(group.start)))
    return [TermEntry(zh, en, sources=tuple(s), evidence="paren") for (zh, en), s in sorted(found.items())]


# Evidence sources, as the issue names them: how a predicted entry or a gold row was found.
SOURCES = {
    "paren": "brackets", "keywords": "key words", "authors": "key words", "front-matter": "key words",
    "latin": "Latin as-is", "english-name": "names", "pinyin": "names", "pair-name": "names",
}


def source_of(evidence: str) -> str:
    """Coarse source of an evidence value (entry.evidence or a gold row's evidence column)."""
    if evidence.startswith("paren"):
        return "brackets"
    if evidence.startswith("aligned pair") or evidence.startswith("from-pairs"):
        return "from pairs"
    return SOURCES.get(evidence, evidence)


def entry_source(entry: TermEntry) -> str:
    """Source of a predicted entry for the page scores: a Latin form kept as-is (no Chinese
    side: PostgreSQL, or Public Benefit Corporation read from its bracket) is "Latin as-is"
    whatever its evidence, since a bracket-pair gold lists Chinese-English pairs only."""
    if entry.keep_as_is or not any("\u4e00" <= c <= "\u9fff" for c in entry.zh):
        return "Latin as-is"
    return source_of(entry.evidence)


@dataclass(frozen=True)
class PageGold:
    """A row of a page gold (realworld format: zh, en, doc, line, evidence)."""

    zh: str
    en: str
    doc: str
    evidence: str

    @property
    def key(self) -> tuple[str, str]:
        return norm_key(self.zh), norm_key(self.en)


def read_page_gold(path: Path) -> dict[str, list[PageGold]]:
    """Rows by document stem; ``#`` lines and the header are skipped."""
    gold: dict[str, list[PageGold]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("zh\t"):
            continue
        zh, en, doc, _line, evidence = line.split("\t")[:5]
        gold[doc].append(PageGold(zh, en, doc, evidence))
    return dict(gold)


def page_scores(entries: list[TermEntry], gold: dict[str, list[PageGold]],
                verbose: bool = False) -> tuple[dict[str, Score], set[str]]:
    """Scores by source, 'all' and 'judged' (only the sources the gold has rows of).

    A gold row is found when an entry of its document has its Chinese and its English as the
    English or as an English variant (中文（full form，ABBR）: ABBR is a variant of the entry,
    and a termbase writes it as a second term of the same concept).
    """
    covered = {source_of(p.evidence) for rows in gold.values() for p in rows}
    scores: dict[str, Score] = defaultdict(Score)
    for stem, rows in sorted(gold.items()):
        predicted = [e for e in entries if any(s.doc == stem for s in e.sources)]
        forms: dict[tuple[str, str], TermEntry] = {}
        for e in predicted:
            for en in (e.en, *[v for v in e.variants if not any("\u4e00" <= c <= "\u9fff" for c in v)]):
                forms.setdefault((norm_key(e.zh), norm_key(en)), e)
        used: set[int] = set()
        for row in rows:
            entry = forms.get(row.key)
            name = source_of(row.evidence)
            if entry is not None:
                used.add(id(entry))
                scores[f"recall:{name}"].tp += 1
            else:
                scores[f"recall:{name}"].fn += 1
                if verbose:
                    print(f"  missed {stem[:14]:14} {row.evidence:20} {row.zh} | {row.en}")
        for e in predicted:
            name = entry_source(e)
            hit = id(e) in used
            for key in ("all", "judged") if name in covered else ("all",):
                if hit:
                    scores[f"precision:{key}"].tp += 1
                else:
                    scores[f"precision:{key}"].fp += 1
            bucket = scores[f"precision:{name}"]
            bucket.tp += hit
            bucket.fp += not hit
            if verbose and not hit:
                print(f"  extra  {stem[:14]:14} {e.evidence[:20]:20} {e.status.value:9} {e.zh} | {e.en}")
    return dict(scores), covered


def page_report(entries: list[TermEntry], gold: dict[str, list[PageGold]], verbose: bool) -> None:
    scores, covered = page_scores(entries, gold, verbose)
    found = sum(s.tp for k, s in scores.items() if k.startswith("recall:"))
    rows = sum(s.tp + s.fn for k, s in scores.items() if k.startswith("recall:"))
    print(f"{'':30} {'P':>6} {'R':>6}   tp  fp  fn")
    for key in ("judged", "all"):
        s = scores.get(f"precision:{key}", Score())
        label = "overall (sources the gold covers)" if key == "judged" else "overall (every entry)"
        print(f"{label:30} {s.precision:6.3f} {found / rows if rows else 0:6.3f}  {s.tp:3} {s.fp:3} {rows - found:3}")
    names = sorted({k.split(":", 1)[1] for k in scores} - {"all", "judged"})
    for name in names:
        p = scores.get(f"precision:{name}", Score())
        r = scores.get(f"recall:{name}", Score())
        note = "" if name in covered else "   (no gold rows of this source: precision not judged)"
        p_text = f"{p.precision:6.3f}" if name in covered and p.tp + p.fp else f"{'-':>6}"
        r_text = f"{r.recall:6.3f}" if r.tp + r.fn else f"{'-':>6}"
        print(f"  {name:28} {p_text} {r_text}  {p.tp:3} {p.fp:3} {r.fn:3}{note}")


def pages_main(corpus: Path, gold_path: Path, verbose: bool) -> None:
    """Extract from a zh/ + en/ corpus of pages as ``aligner build`` reads it, and score."""
    from aligner.documents import read_corpus

    en_dir = corpus / "en"
    docs = read_corpus(corpus / "zh", en_dir if en_dir.is_dir() else None)
    gold = read_page_gold(gold_path)
    with measured("extraction") as span:
        extraction = extract(docs)
    print(f"{corpus}: {len(extraction.entries)} entries from {len(docs)} documents; {span.line()}; "
          f"gold {gold_path.name}: {sum(len(v) for v in gold.values())} rows in {len(gold)} documents")
    print(f"entries by evidence: {extraction.by_evidence}")
    page_report(extraction.entries, gold, verbose)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "zh")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "glossary" / "gold")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss, extra and wrong kind (gold <- predicted)")
    parser.add_argument("--pages", type=Path, nargs=2, action="append", metavar=("CORPUS", "GOLD_TSV"),
                        help="also score a zh/ + en/ corpus of pages against a page gold (zh, en, doc, line, "
                             "evidence), e.g. /work/shared/realworld/corpus "
                             "/work/shared/realworld/gold_glossary_dev.tsv; repeatable")
    args = parser.parse_args(argv)
    for corpus, gold_path in args.pages or ():
        pages_main(corpus, gold_path, args.verbose)
        print()
    if args.pages and args.corpus == ROOT / "corpus" / "zh" and not sys.argv[1:].count("--corpus"):
        return 0
    gold = {p.stem: read_gold(p) for p in sorted(args.gold.glob("*.tsv"))}
    docs = load_documents(args.corpus)
    with measured("extraction") as span:
        extraction = extract(docs)
    print(f"glossary: {len(extraction.entries)} entries from {len(docs)} documents; {span.line()}; "
          f"gold: {sum(len(v) for v in gold.values())} pairs in {', '.join(gold)}")
    print(f"entries by evidence: {extraction.by_evidence}")
    report(extraction.entries, gold, args.verbose)
    print("\nbaseline (brackets only, last jieba word):")
    report(baseline(docs), gold, False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Human-readable reasons for a bead: the anchors a translator can check at a glance."""
from __future__ import annotations

import numpy as np

from .pair import DocumentPair

MAX_LISTED = 6  # per kind, so a long sentence does not flood the note


def _cosine(pair: DocumentPair, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
    a = pair.src_vectors[list(src)].astype(np.float32).sum(axis=0)
    b = pair.tgt_vectors[list(tgt)].astype(np.float32).sum(axis=0)
    den = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / den if den > 0 else 0.0


def anchors(pair: DocumentPair, src: tuple[int, ...], tgt: tuple[int, ...], *, with_embedding: bool) -> tuple[str, ...]:
    """``number: 1987``, ``glossary: 杨立昆=Yann LeCun``, ``name: 清扬=Qingyang``,
    ``dictionary: 狗=dog``, ``punctuation: ?``, ``embedding: 0.83``, ``clauses: first 0.61,
    last 0.74`` (cosine of the bead's first clauses and of its last clauses); in that order.

    A name is a hit through pinyin, even when CC-CEDICT lists the reading too (李 "surname
    Li"), or through a Latin token kept in the Chinese; other hits go through CC-CEDICT.
    """
    if not src or not tgt:
        return ("unaligned",)
    zh_items: dict[str, str] = {}
    for k in src:
        for item, word in pair.src_items(k).items():
            zh_items.setdefault(item, word)
    en_items: dict[str, str] = {}
    for k in tgt:
        for item, word in pair.tgt_items(k).items():
            en_items.setdefault(item, word)
    shared = sorted(set(zh_items) & set(en_items))
    from .lexicon import cedict, romanised

    dictionary = cedict()
    numbers, glossary, names, words, marks = [], [], [], [], []
    for item in shared:
        word = zh_items[item]
        if item.startswith("#"):
            numbers.append(item[1:])
        elif item.startswith("~"):
            marks.append(item[1:])
        elif item.startswith("=g:"):
            glossary.append(f"{word}={en_items[item]}")
        elif word in dictionary and item in dictionary[word] and item != romanised(word):
            words.append(f"{word}={en_items[item]}")
        else:
            names.append(f"{word}={en_items[item]}")
    out: list[str] = []
    kinds = (("number", numbers), ("glossary", glossary), ("name", names), ("dictionary", words), ("punctuation", marks))
    for kind, found in kinds:
        if found:
            listed = found[:MAX_LISTED]
            more = f" (+{len(found) - len(listed)} more)" if len(found) > len(listed) else ""
            out.append(f"{kind}: " + ", ".join(listed) + more)
    if with_embedding:
        out.append(f"embedding: {_cosine(pair, src, tgt):.2f}")
        from .scorers.border import edge_scores

        start, end = edge_scores(pair, src, tgt)
        out.append(f"clauses: first {start:.2f}, last {end:.2f}")
    return tuple(out)

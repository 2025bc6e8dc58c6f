"""A corpus written from a dict of pages, and every file a build wrote: the cache tests'
shared fixtures."""
from __future__ import annotations

from pathlib import Path


def write_corpus(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """``pages``: file name → (Chinese, English) text, written under ``root/zh`` and ``root/en``."""
    for name, (zh, en) in pages.items():
        for side, text in (("zh", zh), ("en", en)):
            (root / side).mkdir(parents=True, exist_ok=True)
            (root / side / name).write_text(text, encoding="utf-8")
    return root


def output_files(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` by its relative path, with its bytes."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

"""Counted nouns agree with their number: "1 document", never "1 documents"."""
from __future__ import annotations

import pytest

from aligner.wording import count, noun, plural


@pytest.mark.parametrize(("singular", "expected"), [
    ("document", "documents"), ("entry", "entries"), ("day", "days"), ("match", "matches"),
    ("box", "boxes"), ("fuzzy entry", "fuzzy entries"), ("error", "errors"),
])
def test_plural(singular: str, expected: str) -> None:
    assert plural(singular) == expected


def test_count_agrees_with_the_number() -> None:
    assert count(1, "document") == "1 document"
    assert count(0, "document") == "0 documents"
    assert count(2, "entry") == "2 entries"
    assert count(1, "is", "are") == "1 is" and noun(3, "was", "were") == "were"

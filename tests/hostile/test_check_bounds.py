"""The term finder's overlap step is linear-logarithmic, not quadratic, and picks exactly what
the scan over every kept span picked (a 200,000-character segment took 28 s of CPU before:
`python bench/hostile_bounds.py --shape long-segment`)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aligner.check.terms import _disjoint


def _scan(candidates):
    """The definition: keep a candidate unless it overlaps one kept before it; text order."""
    taken = []
    for hit in candidates:
        if all(hit[1] <= t[0] or hit[0] >= t[1] for t in taken):
            taken.append(hit)
    return sorted(taken, key=lambda c: c[0])


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=80)


@given(spans)
def test_disjoint_keeps_what_the_scan_keeps(pairs) -> None:
    candidates = [(start, start + length, f"f{i}", None, False) for i, (start, length) in enumerate(pairs)]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))  # as find() orders them: longest, then leftmost
    assert _disjoint(candidates) == _scan(candidates)


def test_many_abutting_and_nested_hits() -> None:
    candidates = [(i, i + 4, "long", None, False) for i in range(0, 40_000, 4)]
    candidates += [(i + 1, i + 3, "inner", None, False) for i in range(0, 40_000, 4)]
    kept = _disjoint(candidates)
    assert [c[2] for c in kept] == ["long"] * 10_000 and [c[0] for c in kept] == list(range(0, 40_000, 4))


_CENTURY_RE = __import__("re").compile(r"(\d\d)\d\d\s*[-–—]\s*$")


@given(st.text(alphabet="0129 \t\n-–—a٣\u3000", max_size=24), st.data())
def test_century_before_reads_what_the_regex_found(text, data) -> None:
    from aligner.check.rules.numerals_en import _century_before

    end = data.draw(st.integers(0, len(text)))
    found = _CENTURY_RE.search(text, 0, end)
    assert _century_before(text, end) == (found.group(1) if found else None)


def test_a_year_range_still_reads_its_century() -> None:
    from aligner.check.rules.numerals_en import added_numbers

    assert dict(added_numbers("from 2020–24 on"))["24"] >= {2024}

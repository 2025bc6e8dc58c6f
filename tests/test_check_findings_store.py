"""``FindingStore.location`` (what term-rarely-used / term-varies list for the findings they
fold) answers as reading each finding back would, in memory and spilled to a file."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import findings
from aligner.check.findings import FindingStore
from aligner.check.term_usage import _located, _where
from aligner.model import Finding, Severity

_FILES = ["a.tmx", "b/c.po", "d é.xlf", "a.tmx:1"]
_finding = st.builds(
    lambda file, line, unit: Finding(file=file, unit=unit, rule="missing-term", severity=Severity.ERROR,
                                     source_term="术语", expected=("term",), target="t", message="m",
                                     line=line),
    st.sampled_from(_FILES), st.one_of(st.none(), st.just(0), st.integers(1, 2**40)),
    st.text(min_size=0, max_size=5))


@settings(max_examples=60, deadline=None)
@given(st.lists(_finding, max_size=12), st.integers(0, 13))
def test_location_answers_as_the_finding_read_back(items: list[Finding], in_memory: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(findings, "IN_MEMORY", in_memory)
        store = FindingStore()
        for at, finding in enumerate(items):
            assert store.add(0, at, finding) == at
        for at, finding in enumerate(items):
            known = store.location(at)
            assert known == ((finding.file, finding.line) if finding.line else None)
            assert _located(store, at) == _where(finding)

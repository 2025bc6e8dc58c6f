"""A large TMX check whose workers read their own byte ranges (:mod:`aligner.check.fanout`)
gives the report of reading and checking every unit in one process, byte for byte, and
falls back to the ordinary path (the same report, the same error) where a file cannot be
cut. The units are the planted-errors TM (every rule fires) repeated over two files with
empty, conflicting, malformed and en-GB units mixed in; the ranges are made tiny so that
there are many, and positions, lines and file order all cross range boundaries.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from aligner.check import fanout, read_units, run_check
from aligner.check.planted import plant
from aligner.check import TermIndex, all_rules
from aligner.errors import FormatError
from aligner.formats.glossary_read import read_glossary

DATA = Path(__file__).parent / "data" / "check"
GLOSSARY = DATA / "glossary.csv"
EVERY = {r.id for r in all_rules()}


def _write(path: Path, copy: int, extra: str = "") -> None:
    clean = list(read_units([DATA / "planted" / "clean.tmx"]))
    planted, _expected = plant(clean, TermIndex(read_glossary(GLOSSARY)))
    body = []
    for n, unit in enumerate([*planted, *clean] * 3):
        target = "" if (copy + n) % 23 == 0 else unit.target + ("" if (n + copy) % 3 else " ")
        tuid = f' tuid="{copy}-{n}"' if n % 5 else ""
        gb = f'<tuv xml:lang="en-GB"><seg>{escape(target)}!</seg></tuv>' if n % 11 == 0 else ""
        body.append(f'<tu{tuid}>\n  <tuv xml:lang="zh-CN"><seg>{escape(unit.source)}</seg></tuv>\n'
                    f'  <tuv xml:lang="en-US"><seg>{escape(target)}</seg></tuv>{gb}\n</tu>')
        if n % 37 == 5:
            body.append('<tu tuid="bad"><tuv xml:lang="zh-CN"><seg>缺</seg></tuv><tuv xml:lang="en-US"/></tu>')
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                    '<header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" '
                    'creationtool="t" creationtoolversion="1" o-tmf="t"/>\n<body>\n'
                    + "\n".join(body) + extra + "\n</body>\n</tmx>\n", encoding="utf-8")


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "a.tmx", tmp_path / "b.tmx"]
    for copy, path in enumerate(paths):
        _write(path, copy)
    return paths


@pytest.fixture()
def cut_small(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Tiny ranges from the first byte; the list counts the checks the ranges did."""
    monkeypatch.setattr(fanout, "SLICED_AFTER", 0)
    monkeypatch.setattr(fanout, "STEP", 700)
    used: list[int] = []
    real = fanout.check_sliced

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        used.append(result is not None)
        return result

    monkeypatch.setattr(fanout, "check_sliced", counted)
    return used


@pytest.mark.parametrize("include_fuzzy", [False, True])
def test_ranges_give_the_same_report(files: list[Path], cut_small: list[int], include_fuzzy: bool) -> None:
    alone = run_check(files, GLOSSARY, rules=EVERY, include_fuzzy=include_fuzzy, jobs=1)
    cut = run_check(files, GLOSSARY, rules=EVERY, include_fuzzy=include_fuzzy, jobs=2)
    assert cut_small == [True]  # the workers read the ranges
    rules = {f.rule for f in alone.findings}
    assert {"inconsistent-target", "number-mismatch"} <= rules  # not vacuous
    assert {"missing-term", "term-varies", "term-rarely-used"} & rules
    assert alone.bad_units and cut.bad_units == alone.bad_units
    assert [vars(f) for f in cut.files] == [vars(f) for f in alone.files]
    assert "".join(cut.iter_text()) == "".join(alone.iter_text())
    assert "".join(cut.iter_json()) == "".join(alone.iter_json())


def test_strict_stops_at_the_same_unit(files: list[Path], cut_small: list[int]) -> None:
    with pytest.raises(FormatError) as alone:
        run_check(files, GLOSSARY, strict=True, jobs=1)
    with pytest.raises(FormatError) as cut:
        run_check(files, GLOSSARY, strict=True, jobs=2)
    assert str(cut.value) == str(alone.value) and cut.value.line == alone.value.line


def test_a_file_that_cannot_be_cut_is_checked_the_ordinary_way(files: list[Path], cut_small: list[int],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fanout, "STEP", 1)  # a cut at every <tu, the one in the comment too
    _write(files[1], 1, extra="\n<!-- an example:\n<tu tuid='x'><tuv xml:lang='zh'><seg>例</seg></tuv></tu>\n-->")
    alone = run_check(files, GLOSSARY, rules=EVERY, jobs=1)
    cut = run_check(files, GLOSSARY, rules=EVERY, jobs=2)
    assert cut_small == [False]
    assert "".join(cut.iter_text()) == "".join(alone.iter_text())


def test_a_truncated_file_gives_the_ordinary_error(files: list[Path], cut_small: list[int]) -> None:
    data = files[0].read_bytes()
    files[0].write_bytes(data[: len(data) * 3 // 4])
    with pytest.raises(FormatError) as alone:
        run_check(files, GLOSSARY, jobs=1)
    with pytest.raises(FormatError) as cut:
        run_check(files, GLOSSARY, jobs=2)
    assert str(cut.value) == str(alone.value) and cut_small == [False]


def test_a_worker_that_dies_stops_the_check_with_one_line(files: list[Path], cut_small: list[int],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed while it reads its range (the out-of-memory killer) stops the check
    with a WorkerError naming the file and the line its range starts at; no wait forever."""
    import os

    from aligner.errors import WorkerError

    parent = os.getpid()
    real = fanout.slice_units

    def dying(piece, counts):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and piece.start > 0:
            os._exit(3)
        return real(piece, counts)

    monkeypatch.setattr(fanout, "slice_units", dying)  # the forked workers inherit the patch
    with pytest.raises(WorkerError) as caught:
        run_check(files, GLOSSARY, jobs=2)
    assert cut_small == []  # the range path raised, it did not fall back
    assert caught.value.path in {str(path) for path in files}
    assert caught.value.line and caught.value.line > 1
    assert "stopped without an answer" in str(caught.value)


def test_an_error_of_the_check_itself_is_raised_not_read_again(files: list[Path], cut_small: list[int],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a range that cannot be read alone (or a bad file) sends the check back to the
    ordinary path; a bug in a rule, raised in a worker, surfaces as it is (no second read
    that hides it)."""
    import os

    from aligner.check import parallel

    parent = os.getpid()
    real = parallel.UnitWork.run

    def buggy(self, unit, empty):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise LookupError("a bug in a rule")
        return real(self, unit, empty)

    monkeypatch.setattr(parallel.UnitWork, "run", buggy)
    with pytest.raises(LookupError, match="a bug in a rule"):
        run_check(files, GLOSSARY, jobs=2)
    assert cut_small == []  # raised from the range path, which did not fall back

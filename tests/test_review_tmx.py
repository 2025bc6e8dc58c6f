"""`aligner review FILE.tmx`: a TMX we wrote (with its beads file, or without) and another
tool's TMX (one bead per unit), reviewed, then written with our writer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook

from aligner.build import MIN_SCORE
from aligner.cli import cli
from aligner.review import Decision, Op, save_review
from aligner.review.server import Session
from aligner.review.source import open_source

from .review_helpers import build_into

FOREIGN = Path(__file__).resolve().parent / "data" / "review" / "foreign.tmx"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def units(path: Path) -> list[tuple[list[str], dict[str, str], str | None]]:
    return [([s.text for s in tu.iter("seg")], {p.get("type"): p.text for p in tu.findall("prop")},
             tu.findtext("note")) for tu in etree.parse(str(path)).iter("tu")]


def test_another_tools_tmx_one_bead_per_unit_no_confidence(tmp_path: Path) -> None:
    tmx = tmp_path / "foreign.tmx"
    shutil.copy(FOREIGN, tmx)
    session = Session.from_source(open_source(tmx=tmx))
    doc = session.document("foreign")
    assert [(b["zh"], b["en"], b["score"]) for b in doc["beads"]] == [([k], [k], None) for k in range(4)]
    assert session.review == tmp_path / "foreign.review.json"
    # the page's decisions: accept the first with a note, reject the wrong pair, merge the split sentence
    session.save("foreign", [Decision(Op.ACCEPT, (0,), (0,), note="checked"), Decision(Op.REJECT, (1,), (1,)),
                             Decision(Op.MERGE, (2,), (2,))])
    original = tmx.read_bytes()
    result = run("review", "apply", tmx)
    assert result.exit_code == 0, result.output
    reviewed = tmp_path / "foreign.reviewed.tmx"
    assert result.output == f"foreign: 2 pairs -> {reviewed}; 3 decisions: 1 accepted, 1 rejected, 1 edited\n"
    assert tmx.read_bytes() == original  # never overwritten
    got = units(reviewed)
    assert got == [
        (["花园俱乐部每周六上午开放。", "The garden club is open every Saturday morning."], {"x-review": "accepted"},
         "from the spring issue\nchecked"),
        (["新会员可以免费领取种子,数量有限。", "New members receive free seeds while stocks last."],
         {"x-score": "1.0000", "x-review": "edited"}, None),
    ]
    header = etree.parse(str(reviewed)).find("header")
    assert [(p.get("type"), p.text) for p in header.findall("prop")] == [
        ("x-aligner-signature", "aligner|src:zh-CN|tgt:en-GB|version:0.1.0"),
        ("x-project", "Garden club newsletter"),
        ("x-aligner-review", "foreign.review.json: 1 accepted, 1 rejected, 1 edited")]


def test_another_tools_tmx_through_the_spreadsheet(tmp_path: Path) -> None:
    tmx = tmp_path / "foreign.tmx"
    shutil.copy(FOREIGN, tmx)
    xlsx = tmp_path / "foreign.xlsx"
    result = run("review", tmx, "--xlsx", xlsx)
    assert result.exit_code == 0, result.output
    assert f"`aligner review import {xlsx} {tmx}`" in result.output
    wb = load_workbook(xlsx)
    ws = wb["Review"]
    assert [r[4].value for r in ws.iter_rows(min_row=2)] == [None] * 4  # no confidence: none shown
    ws["H3"] = "reject"
    wb.save(xlsx)
    assert run("review", "import", xlsx, tmx).exit_code == 0
    assert run("review", "apply", tmx, "-o", tmp_path / "out.tmx").exit_code == 0
    assert [u[0][0] for u in units(tmp_path / "out.tmx")] == ["花园俱乐部每周六上午开放。", "新会员可以免费领取种子,", "数量有限。"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("review-tmx-build"))


def test_our_tmx_with_its_beads_file_is_the_builds_review(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    shutil.copytree(built, out)
    tmx = out / "tmx" / "paper.tmx"
    source = open_source(tmx=tmx)
    assert list(source.docs) == ["paper"] and source.review == out / "review.json"
    beads = source.docs["paper"].beads
    assert len(beads) > 6  # every bead, not only the pairs in the TMX
    result = run("review", "apply", tmx)  # no decisions: the build's TMX byte for byte
    assert result.exit_code == 0 and tmx.read_bytes() == (built / "tmx" / "paper.tmx").read_bytes()
    first = next(b for b in beads if b.src and b.tgt and b.score >= MIN_SCORE)  # the first pair in the TMX
    save_review(out / "review.json", {"paper": [Decision(Op.REJECT, first.src, first.tgt)]})
    assert run("review", "apply", tmx).exit_code == 0
    assert len(units(tmx)) == len(units(built / "tmx" / "paper.tmx")) - 1
    assert (out / "tmx" / "speech.tmx").read_bytes() == (built / "tmx" / "speech.tmx").read_bytes()


def test_our_tmx_without_beads_file_keeps_its_confidence_and_anchors(built: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "paper.tmx"
    shutil.copy(built / "tmx" / "paper.tmx", tmx)
    doc = Session.from_source(open_source(tmx=tmx)).document("paper")
    written = units(tmx)
    assert [b["score"] for b in doc["beads"]] == [float(u[1]["x-score"]) for u in written]
    assert doc["beads"][0]["anchors"] and doc["beads"][0]["anchors"][0].startswith("glossary:")
    result = run("review", "apply", tmx)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "paper.reviewed.tmx").read_bytes() == tmx.read_bytes()


@pytest.mark.parametrize(("text", "message"), [
    ("<tmx version='1.4'><header srclang='zh-CN'/><body></body></tmx>", "no translation unit with both languages"),
    ("<tmx version='1.4'><header srclang='zh-CN'/><body><tu>", "XML"),
    ("<html/>", "root element is <html>, not <tmx>"),
])
def test_a_tmx_we_cannot_review_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    tmx = tmp_path / "bad.tmx"
    tmx.write_text(text, encoding="utf-8")
    result = run("review", tmx, "--no-browser")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr

"""The DOCX reader against the real OmegaT 3.6: a .docx pair built into a TMX, then the
Chinese .docx opened in OmegaT (its OpenXML filter) with that TMX in tm/auto.

Every segment OmegaT shows as plain text that our TMX holds must be filled from it exactly,
so the reader's text is what a CAT tool's format filter shows. Segments whose runs OmegaT
shows as inline tags (bold, a hyperlink, tracked changes) cannot match a plain-text TMX
exactly; the header, footer and table of contents are not in the TMX by design.

omegat_check.sh copies any source as .txt and prints the target as text; the test runs a
copy that keeps ``.docx`` and lists the target's parts instead.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tests.test_omegat_roundtrip as omegat
from aligner.cli import cli
from tests.docx_fixtures import GUIDES, guide_docx

pytestmark = pytest.mark.omegat

_TXT_ONLY = 'case "$sname" in *.txt) ;;'
_PRINT_TARGET = 'head -c 2000 "$tfile"'  # a .docx target is binary: not printed


def test_omegat_fills_the_docx_segments_from_our_tmx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    omegat.require_omegat()
    script = omegat.CHECK.read_text(encoding="utf-8")
    assert _TXT_ONLY in script and _PRINT_TARGET in script, "omegat_check.sh changed: update the .docx patch"
    script = script.replace(_TXT_ONLY, 'case "$sname" in *.txt|*.docx) ;;')
    check = tmp_path / "omegat_check.sh"
    check.write_text(script.replace(_PRINT_TARGET, 'unzip -l "$tfile" 2>/dev/null | head -c 2000'), encoding="utf-8")
    groovy = omegat.CHECK.with_name("omegat_check.groovy")
    (tmp_path / groovy.name).write_bytes(groovy.read_bytes())
    monkeypatch.setattr(omegat, "CHECK", check)

    corpus = tmp_path / "corpus"
    for lang in ("zh", "en"):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "guide.docx").write_bytes(guide_docx(lang))
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert built.exit_code == 0, built.output

    run = omegat.run_omegat(out / "tmx" / "guide.tmx", corpus / "zh" / "guide.docx")
    assert not run.load_error, run.output
    plain = {src: (done, tgt) for _, done, _, src, tgt in run.segments if "<" not in src}
    zh, en = GUIDES["zh"], GUIDES["en"]
    expected = {zh["title"]: en["title"], zh["note_para"]: en["note_para"], zh["footnote"]: en["footnote"]}
    expected.update({z: e for (zl, zr), (el, er) in zip(zh["table"], en["table"]) for z, e in ((zl, el), (zr, er))})
    for source, target in expected.items():
        assert plain.get(source) == (True, target), run.output
    assert run.summary["from_tm_auto"] == len(expected)  # 7 of the TMX's 9 entries

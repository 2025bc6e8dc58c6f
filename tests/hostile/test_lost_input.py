"""Issue 17, class 3: input lost without a word. Every entry of a corpus folder is read or
named with its reason; outputs never collide; text behind entities, delimiters, byte-order
marks and closed streams is read or refused, never dropped in silence."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from aligner.check.units import read_units
from aligner.documents import read_corpus
from aligner.documents.decode import decode
from aligner.documents.entries import IGNORED, scan
from aligner.errors import AlignerError

from .conftest import EN, GLOSSARY_CSV, ZH, invoke

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _corpus(root: Path) -> Path:
    (root / "zh").mkdir(parents=True)
    (root / "en").mkdir()
    (root / "zh" / "a.txt").write_text(ZH, encoding="utf-8")
    (root / "en" / "a.txt").write_text(EN, encoding="utf-8")
    return root


@needs_fifo
def test_build_names_every_entry_it_does_not_read(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    zh, en = corpus / "zh", corpus / "en"
    (zh / "sub").mkdir()
    (zh / "sub" / "b.txt").write_text(ZH, encoding="utf-8")
    (zh / "README.txt").write_text("Chinese documents go here.", encoding="utf-8")
    (zh / "gone.txt").symlink_to(zh / "nowhere.txt")
    (zh / "loop.txt").symlink_to(zh / "loop.txt")
    os.mkfifo(zh / "pipe.txt")  # opened for reading, it would block the build for ever
    (en / "a.md").write_text(EN, encoding="utf-8")
    (en / ".gitkeep").write_text("")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--json", "--quiet"])
    assert run.code == 3, run.err
    report = json.loads(run.out)
    named = {Path(item["path"]).name: item for item in report["skipped"]}
    assert set(named) == {"sub", "README.txt", "gone.txt", "loop.txt", "pipe.txt", "a.txt", ".gitkeep"}
    assert named["a.txt"]["path"].endswith("en/a.txt") and "a.md is the English of 'a'" in named["a.txt"]["reason"]
    assert "FIFO" in named["pipe.txt"]["reason"] and "loops" in named["loop.txt"]["reason"]
    assert "broken symbolic link" in named["gone.txt"]["reason"] and "folder" in named["sub"]["reason"]
    kinds = {name: item["kind"] for name, item in named.items()}
    assert kinds == {"sub": "skipped", "README.txt": IGNORED, "gone.txt": "skipped", "loop.txt": "skipped",
                     "pipe.txt": "skipped", "a.txt": IGNORED, ".gitkeep": IGNORED}


def test_ignored_entries_alone_keep_exit_status_0_and_are_in_the_summary(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    (corpus / "zh" / "README.md").write_text("notes", encoding="utf-8")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    assert run.code == 0, run.err
    assert "not documents, not read: 1 folder entry:" in run.out and "README.md: not read: a README" in run.out


@pytest.mark.parametrize("name", ["terms.txt", "Terms.md", "TERMS.docx"])
def test_a_document_named_like_an_output_is_refused(tmp_path: Path, name: str) -> None:
    corpus = tmp_path / "c"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "zh" / name).write_text(ZH, encoding="utf-8")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1
    assert "would overwrite the glossary's tmx/terms.tmx" in run.err
    assert not (tmp_path / "out").exists()


def test_two_documents_whose_names_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "zh" / "Report.txt").write_text(ZH, encoding="utf-8")
    (corpus / "zh" / "report.md").write_text(ZH, encoding="utf-8")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    assert run.code == 2 and "two documents share the name" in run.err


KINDS = ["file", "readme", "hidden", "backup", "folder", "broken", "loop", "fifo"]


@needs_fifo
@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.text("abcdefgh", min_size=1, max_size=6)),
                min_size=1, max_size=10, unique_by=lambda t: t[1]))
def test_every_generated_entry_is_read_or_named_exactly_once(tmp_path_factory, entries) -> None:
    zh = tmp_path_factory.mktemp("corpus") / "zh"
    zh.mkdir()
    (zh / "keep.txt").write_text(ZH, encoding="utf-8")
    for kind, stem in entries:
        name = {"readme": f"README{stem}.txt", "hidden": f".{stem}", "backup": f"{stem}.txt~"}.get(kind, f"x{stem}.txt")
        path = zh / name
        if kind in ("file", "readme", "hidden", "backup"):
            path.write_text(ZH, encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        elif kind == "broken":
            path.symlink_to(zh / f"missing-{stem}")
        elif kind == "loop":
            path.symlink_to(path)
        else:
            os.mkfifo(path)
    skipped: list = []
    docs = read_corpus(zh, None, skipped=skipped)
    read = [Path(d.path).name for d in docs]
    named = [Path(item.path).name for item in skipped]
    assert sorted(read + named) == sorted(p.name for p in zh.iterdir())
    assert len(set(read + named)) == len(read + named)
    files, others = scan(zh)
    assert [p.name for p in files] == sorted(read)


@needs_fifo
def test_check_of_a_folder_names_fifos_and_broken_or_looping_links(tmp_path: Path) -> None:
    tms = tmp_path / "tms"
    tms.mkdir()
    (tms / "good.csv").write_text("zh,en\n深度学习很重要。,Deep learning matters.\n", encoding="utf-8")
    os.mkfifo(tms / "pipe.tmx")
    (tms / "gone.tmx").symlink_to(tms / "nowhere.tmx")
    (tms / "loop.tmx").symlink_to(tms / "loop.tmx")
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    run = invoke(["check", str(tms), "-g", str(glossary), "--json"])
    assert run.code == 0, run.err
    skipped = {Path(item["path"]).name: item["reason"] for item in json.loads(run.out)["skipped_files"]}
    assert set(skipped) == {"pipe.tmx", "gone.tmx", "loop.tmx"}
    assert "FIFO" in skipped["pipe.tmx"] and "broken" in skipped["gone.tmx"] and "loops" in skipped["loop.tmx"]


DOCTYPE_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
<body><tu><tuv xml:lang="zh-CN"><seg>深度学习很重要。</seg></tuv><tuv xml:lang="en-US"><seg>Deep{ref}learning &amp; more&hellip;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("ref, char", [("&nbsp;", "\u00a0"), ("&ensp;", "\u2002"), ("&#160;", "\u00a0"), (" ", " ")])
def test_named_references_under_a_doctype_keep_their_text(tmp_path: Path, ref: str, char: str) -> None:
    tmx = tmp_path / "a.tmx"
    tmx.write_text(DOCTYPE_TMX.format(ref=ref), encoding="utf-8")
    units = list(read_units([tmx]))
    assert [u.target for u in units] == [f"Deep{char}learning & more\u2026"]


def test_an_unknown_named_reference_under_a_doctype_is_refused_with_its_line(tmp_path: Path) -> None:
    tmx = tmp_path / "a.tmx"
    tmx.write_text(DOCTYPE_TMX.format(ref="&madeup;"), encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    run = invoke(["check", str(tmx), "-g", str(glossary)])
    assert run.code == 2
    assert run.err.startswith(f"aligner: {tmx}:4: the entity &madeup; is not defined")


def test_a_semicolon_csv_tm_is_read_in_columns(tmp_path: Path) -> None:
    tm = tmp_path / "tm.csv"
    tm.write_text("zh;en\n深度学习很重要。;Deep study matters.\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    units = list(read_units([tm]))
    assert [(u.source, u.target) for u in units] == [("深度学习很重要。", "Deep study matters.")]
    run = invoke(["check", str(tm), "-g", str(glossary)])
    assert run.code == 1 and "missing-term" in run.out


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
@pytest.mark.parametrize("text", ["深度学习很重要。\n", "Deep learning.\n", "深度学习 (deep learning)\n第二行\n"])
def test_a_utf16_bom_before_utf8_is_damage(tmp_path: Path, bom: bytes, text: str) -> None:
    with pytest.raises(AlignerError, match="byte-order mark but the rest is UTF-8"):
        decode(bom + text.encode("utf-8"), Path("x.txt"))
    doc = tmp_path / "a.txt"
    doc.write_bytes(bom + text.encode("utf-8"))
    run = invoke(["segment", str(doc)])
    assert run.code == 2 and "the mark is wrong" in run.err


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=2, max_size=40).filter(lambda t: "\x00" not in t))
def test_real_utf16_is_never_taken_for_damage(text: str) -> None:
    """Any text saved as UTF-16 with its BOM decodes to itself (or fails for a reason of its own),
    unless its bytes after the mark also read as UTF-8 text with a space or line end and no
    control character: UTF-16 without NUL bytes holds no ASCII at all, so those bytes are
    UTF-8 behind a wrong mark far more often than not."""
    import re
    import unicodedata

    rest = text.encode("utf-16")[2:]
    try:
        as_utf8 = rest.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    assume(as_utf8 is None or not re.search("[ \n]", as_utf8) or b"\0" in rest
           or any(unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in "\t\n\r\f" for c in as_utf8))
    try:
        assert decode(text.encode("utf-16"), Path("x.txt"))[0] == text
    except AlignerError as exc:
        assert "byte-order mark but the rest is UTF-8" not in str(exc)


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "1.5"])
def test_min_score_must_be_a_number_from_0_to_1(tmp_path: Path, value: str) -> None:
    corpus = _corpus(tmp_path / "c")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--min-score", value])
    assert run.code == 2 and "--min-score" in run.err
    zh, en = corpus / "zh" / "a.txt", corpus / "en" / "a.txt"
    assert invoke(["align", str(zh), str(en), "--min-score", value]).code == 2


@pytest.mark.parametrize("args", [["segment", "{doc}"], ["read", "{doc}"]])
def test_a_closed_stdout_is_not_success(tmp_path: Path, args: list[str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ZH, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "aligner", *(a.format(doc=doc) for a in args)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: os.close(1), timeout=300)
    assert run.returncode == 2, run.stderr
    assert "standard output is closed" in run.stderr and "Traceback" not in run.stderr


TWO_ENGLISH = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
<body><tu tuid="7"><tuv xml:lang="zh-CN"><seg>深度学习很重要。</seg></tuv><tuv xml:lang="en-US"><seg>{us}</seg></tuv><tuv xml:lang="en-GB"><seg>{gb}</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("us, gb, findings", [
    ("Deep learning matters.", "Deep study matters.", 1),  # only the en-GB misses the term
    ("Deep study matters.", "Deep learning matters.", 1),
    ("Deep learning matters.", "Deep learning is important.", 0),  # two spellings: no rival translation
])
def test_every_english_variant_of_a_tu_is_checked(tmp_path: Path, us: str, gb: str, findings: int) -> None:
    tmx = tmp_path / "a.tmx"
    tmx.write_text(TWO_ENGLISH.format(us=us, gb=gb), encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    assert [u.target for u in read_units([tmx])] == [us, gb]
    run = invoke(["check", str(tmx), "-g", str(glossary), "--json"])
    assert len(json.loads(run.out)["findings"]) == findings, run.out


PLURAL_PO = """msgid ""
msgstr ""
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "%d个深度学习模型"
msgid_plural "%d个深度学习模型"
msgstr[0] "{one}"
msgstr[1] "{other}"
"""


@pytest.mark.parametrize("one, other, bad", [
    ("%d deep learning model", "%d deep study models", ["[1]"]),
    ("%d deep study model", "%d deep learning models", ["[0]"]),
    ("%d deep learning model", "%d deep learning models", []),
])
def test_every_plural_form_of_a_po_entry_is_checked(tmp_path: Path, one: str, other: str, bad: list[str]) -> None:
    po = tmp_path / "a.po"
    po.write_text(PLURAL_PO.format(one=one, other=other), encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    assert [u.target for u in read_units([po])] == [one, other]
    run = invoke(["check", str(po), "-g", str(glossary), "--json"])
    assert [f["unit"] for f in json.loads(run.out)["findings"]] == bad, run.out


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(1, 400), quote=st.booleans(), tail=st.booleans())
def test_markdown_nested_past_the_parser_limit_keeps_every_line(tmp_path_factory, depth: int, quote: bool,
                                                                 tail: bool) -> None:
    """markdown-it ends its parse of a container nested past 20 levels and skips the rest in
    silence (a 3,000-level list read as 9 paragraphs): every item is still read, in order, on
    its own line, and the marks of the lines read as plain text are counted as debris."""
    from aligner.documents import read_document

    items = [f"第{i}项的内容在这里。" for i in range(depth)]
    lines = [(">" * (i + 1) + " " if quote else "  " * i + "- ") + item for i, item in enumerate(items)]
    if tail:
        lines += ["", "最后一段正文。"]
        items.append("最后一段正文。")
    path = tmp_path_factory.mktemp("deep") / "deep.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path)
    texts = [p.text for p in doc.zh]
    assert texts == items
    assert [p.line for p in doc.zh][:depth] == list(range(1, depth + 1))
    deep = [d for d in doc.debris if d.kind == "too-deep"]
    if depth <= 8:  # within the parser's limit (a list level takes two)
        assert not deep
    if depth >= 30:
        assert deep and all(d.text.strip(">-").strip() == "" for d in deep)


def test_a_page_with_no_text_is_skipped_and_named_not_the_end_of_the_build(tmp_path: Path) -> None:
    """One page of a site that renders to nothing (an empty <div>, a Markdown file of rules)
    must not stop the build of the others: it is named, and the status is 3."""
    corpus = _corpus(tmp_path / "c")
    (corpus / "zh" / "b.html").write_text("<html><body><div></div></body></html>\n", encoding="utf-8")
    (corpus / "en" / "b.html").write_text("<p>Hello there.</p>\n", encoding="utf-8")
    (corpus / "zh" / "c.md").write_text("---\n***\n", encoding="utf-8")
    (corpus / "zh" / "d.txt").write_text(ZH, encoding="utf-8")
    (corpus / "en" / "d.txt").write_text("\n\n", encoding="utf-8")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--no-cache"])
    assert run.code == 3, run.err
    skipped = sorted(line for line in run.err.splitlines() if line.startswith("skipped: "))
    assert skipped == [
        f"skipped: {corpus / 'en' / 'd.txt'}: the file holds only whitespace. give the document's text, or remove the file.",
        f"skipped: {corpus / 'zh' / 'b.html'}: the file holds no text to translate (html). give the document's text, "
        "or remove the file.",
        f"skipped: {corpus / 'zh' / 'c.md'}: the file holds no text to translate (markdown). give the document's text, "
        "or remove the file."]
    assert (tmp_path / "out" / "tmx" / "a.tmx").is_file()
    assert "d  (" in run.out  # read without its English

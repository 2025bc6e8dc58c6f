"""Every hostile input through every command: the exit status, the exact message, and never a
traceback (issue 8).

One table, one test: each row is a command line (``{d}`` is the folder of generated inputs,
``{o}`` a fresh output folder), the exit status it must give and the last line it must print
on stderr (exactly, or the start of it where libxml2 words the detail). Every row also greps
stderr for "Traceback" and checks that a failed run left no output file behind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from .conftest import invoke

EMPTY = "the file is empty. give the document's text, or remove the file."
BLANK = "the file holds only whitespace. give the document's text, or remove the file."
PNG = "not a text file: it is a PNG image. give the text of the document as a .txt file saved as UTF-8."
ZIP = "not a text file: it is a ZIP archive. unpack it and give the documents inside it."
STRICT_1234 = ("{f}:1234: invalid UTF-8 byte 0xff at column 7. repair or re-save the file as UTF-8, or drop "
               "--strict to skip the bad bytes (they are counted).")
ENTITY = ("the file declares the XML entity {e}. remove the <!DOCTYPE ...[...]> entity declarations and "
          "write the characters themselves; entities are refused for safety.")
NOT_GLOSSARY = "XML root <html> is not a glossary. give a TBX file (root <martif> for TBX v2 or <tbx> for TBX v3)."
NOT_TM = "XML root <html> is neither TMX nor XLIFF. give a TMX, XLIFF 1.2/2.0, PO or bilingual CSV file."
NO_PAIRS = "glossary has no zh/en term pairs. check the language codes (zh..., en...) or the header row."
UNCLOSED = 'a quoted cell is never closed: the rest of the file would be one cell. add the missing closing quote (") on that row.'
BARE_AMP = "a bare & (an ampersand that starts no entity). write & as &amp;."
TRUNCATED_HINT = "get the complete file again (re-export or re-download it)."
SKIP_HINT = "repair the unit, or drop --strict to skip and count it."


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]
    code: int
    err: str | None = None  # the exact last stderr line, without "aligner: "
    err_start: str | None = None  # or its start
    err_has: tuple[str, ...] = ()  # lines that must appear somewhere on stderr
    out_has: tuple[str, ...] = ()  # substrings of stdout
    out: str | None = None  # exact stdout
    marks: tuple = field(default=())


def C(id: str, args: str, code: int, **kw) -> Case:  # noqa: N802 - a table reads better short
    return Case(id, tuple(args.split("|")), code, **kw)


def text_cases() -> list[Case]:
    """Each bad document through read, segment, glossary extract, align (either side), build."""
    cases: list[Case] = []
    for name, what in (("empty.txt", EMPTY), ("blank.txt", BLANK), ("image.txt", PNG), ("archive.txt", ZIP)):
        stem = name[:-4]
        f = "{d}/" + name
        cases += [
            C(f"read-{stem}", f"read|{f}", 2, err=f"{f}: {what}"),
            C(f"segment-{stem}", f"segment|{f}", 2, err=f"{f}: {what}"),
            C(f"extract-{stem}", f"glossary|extract|{f}|-o|{{o}}/g.tbx", 2, err=f"{f}: {what}"),
            C(f"align-zh-{stem}", f"align|{f}|{{d}}/en_only.txt|-o|{{o}}/a.tmx|--format|tmx", 2, err=f"{f}: {what}"),
            C(f"align-en-{stem}", f"align|{{d}}/zh_only.txt|{f}|-o|{{o}}/a.tmx|--format|tmx", 2, err=f"{f}: {what}"),
            C(f"build-{stem}", f"build|--corpus|{{d}}/corpus/{stem}|--out|{{o}}", 2,
              err=f"{{d}}/corpus/{stem}/zh/{name}: {what}"),
        ]
    bad = "{d}/bad_line_1234.txt"
    damage = f"undecodable bytes skipped in {bad}: 1 (line 1234)"
    cases += [
        C("read-bad-line", f"read|{bad}", 0, err=damage),
        C("segment-bad-line", f"segment|{bad}", 0, err=damage, out_has=("1234\t这是测试句子。",)),
        C("build-bad-line", "build|--corpus|{d}/corpus/bad_line_1234|--out|{o}", 0,
          out_has=("undecodable bytes skipped in {d}/corpus/bad_line_1234/zh/bad_line_1234.txt: 1 (line 1234)",)),
        C("extract-bad-line", f"glossary|extract|{bad}|-o|{{o}}/g.tbx", 0, err_has=(damage,)),
        C("align-bad-line", f"align|{bad}|{{d}}/en_only.txt|--scorer|length|-o|{{o}}/a.tmx|--format|tmx", 0,
          err_has=(damage,)),
        C("read-bad-line-strict", f"read|--strict|{bad}", 2, err=STRICT_1234.format(f=bad)),
        C("extract-bad-line-strict", f"glossary|extract|--strict|{bad}|-o|{{o}}/g.tbx", 2, err=STRICT_1234.format(f=bad)),
        C("align-bad-line-strict", f"align|--strict|{bad}|{{d}}/en_only.txt|-o|{{o}}/a.tmx", 2,
          err=STRICT_1234.format(f=bad)),
        C("align-presplit-bad-line-strict", f"align|--presplit|--strict|{bad}|{{d}}/en_only.txt|-o|{{o}}/a.tmx", 2,
          err=STRICT_1234.format(f=bad)),
        C("segment-bad-line-strict", f"segment|--strict|{bad}", 2, err=STRICT_1234.format(f=bad)),
        C("build-bad-line-strict", "build|--strict|--corpus|{d}/corpus/bad_line_1234|--out|{o}", 2,
          err=STRICT_1234.format(f="{d}/corpus/bad_line_1234/zh/bad_line_1234.txt")),
    ]
    for name, encoding, text in (("gbk.txt", "gb18030", "深度学习"), ("big5.txt", "big5", "深度學習"),
                                 ("utf16le_bom.txt", "utf-16-le", "深度学习"), ("utf16be_bom.txt", "utf-16-be", "深度学习"),
                                 ("utf16le.txt", "utf-16-le", "深度学习"), ("utf16be.txt", "utf-16-be", "深度学习")):
        f = "{d}/" + name
        cases += [
            C(f"read-{name[:-4]}", f"read|{f}", 0, err_start=f"{f}: plain, {encoding};", out_has=(text,)),
            C(f"segment-{name[:-4]}", f"segment|{f}", 0, out_has=("1\t人工智", )),
        ]
    cases += [
        C("extract-gbk", "glossary|extract|{d}/gbk.txt|-o|{o}/g.csv", 0, err_start="1 term (1 attested)"),
        C("build-utf16le", "build|--corpus|{d}/corpus/utf16le|--out|{o}", 0, out_has=("utf16le  (plain, utf-16-le)",)),
        C("segment-newlines", "segment|{d}/newlines.txt", 0, out="1\t第一句。\n2\t第二句。\n3\t第三句。\n4\t第四句。\n"),
        C("read-nul", "read|{d}/nul.txt", 0, err="control characters skipped in {d}/nul.txt: 1 (line 1)"),
        C("segment-nul", "segment|{d}/nul.txt", 0, out="1\t第一句。\n1\t第二句。\n"),
        C("read-controls", "read|{d}/controls.txt", 0, err="control characters skipped in {d}/controls.txt: 3 (line 1)"),
        C("align-controls", "align|{d}/controls.txt|{d}/en_only.txt|-o|{o}/a.tmx|--format|tmx", 0),
        C("extract-controls", "glossary|extract|{d}/controls.txt|-o|{o}/g.tbx", 0),
        C("segment-en-only", "segment|{d}/en_only.txt", 0,
          err="no Chinese text found in {d}/en_only.txt; nothing to segment."),
        C("segment-en-only-en", "segment|--lang|en|{d}/en_only.txt", 0,
          out_has=("1\tThe development of AI has attracted wide attention.",)),
        C("read-zh-only", "read|{d}/zh_only.txt", 0, err_start="{d}/zh_only.txt: plain, utf-8; 2 Chinese and 0 English"),
        C("build-zh-only", "build|--corpus|{d}/corpus/zh_only|--out|{o}", 0,
          out_has=("no English found: no sentence TMX written",)),
        C("build-en-only", "build|--corpus|{d}/corpus/en_only|--out|{o}", 0,
          out_has=("  no Chinese found: 3 English sentences not in any TMX (is this the English of another document? "
                   "put it in corpus/en/ named after its Chinese document)\n",)),
        C("align-10x", "align|{d}/zh_only.txt|{d}/en_10x.txt|-o|{o}/a.tmx|--format|tmx", 0,
          err_start="", err_has=()),
        # a side without its language is refused: nothing could be aligned, and swapped files
        # would otherwise give an empty TMX that a script takes for success
        C("align-zh-side-has-no-chinese", "align|{d}/en_only.txt|{d}/en_only.txt|-o|{o}/a.tmx|--format|tmx", 2,
          err="{d}/en_only.txt: no Chinese text found. give the Chinese document first and its English "
              "translation second."),
        C("align-en-side-has-no-english", "align|{d}/zh_only.txt|{d}/zh_only.txt|-o|{o}/a.tmx|--format|tmx", 2,
          err="{d}/zh_only.txt: no English text found. give the English translation of the Chinese document "
              "as the second file."),
        C("align-swapped", "align|{d}/en_only.txt|{d}/zh_only.txt|-o|{o}/a.tmx|--format|tmx", 2,
          err="{d}/en_only.txt: no Chinese text, but the English file has Chinese: the two files look swapped. "
              "give the Chinese file first: aligner align ZH EN."),
    ]
    return cases


def path_cases() -> list[Case]:
    spaced = "{d}/名字 with spaces.txt"
    return [
        C("read-spaces-chinese-name", f"read|{spaced}", 0, out_has=("深度学习",)),
        C("segment-spaces-chinese-name", f"segment|{spaced}", 0, out_has=("1\t人工智能",)),
        C("align-spaces-chinese-name", f"align|{spaced}|{{d}}/en_only.txt|-o|{{o}}/输出 file.tmx|--format|tmx", 0),
        C("extract-spaces-chinese-name", f"glossary|extract|{spaced}|-o|{{o}}/术语 表.tbx", 0),
        C("build-spaces-chinese-name", "build|--corpus|{d}/corpus/名字 with spaces|--out|{o}/输出 目录", 0),
        C("check-spaces-chinese-name", "check|{d}/good.tmx|-g|{d}/glossary.csv", 0),
        C("read-missing", "read|{d}/nope.txt", 2, err="{d}/nope.txt: file not found. check the path."),
        C("segment-missing", "segment|{d}/nope.txt", 2, err="{d}/nope.txt: file not found. check the path."),
        C("extract-missing", "glossary|extract|{d}/nope.txt|-o|{o}/g.tbx", 2, err_start="{d}/nope.txt: "),
        C("align-missing", "align|{d}/nope.txt|{d}/en_only.txt", 2, err_start="{d}/nope.txt: "),
        C("build-missing", "build|--corpus|{d}/nope|--out|{o}", 2, err_start="{d}/nope: corpus folder not found."),
        C("check-missing", "check|{d}/nope.tmx|-g|{d}/glossary.csv", 2, err="{d}/nope.tmx: file not found. check the path."),
        C("check-missing-glossary", "check|{d}/good.tmx|-g|{d}/nope.csv", 2,
          err="{d}/nope.csv: glossary file not found. check the path."),
        C("merge-missing", "glossary|merge|{d}/good.tbx|{d}/nope.tbx|-o|{o}/m.tbx", 2, err_start="{d}/nope.tbx: "),
        C("read-folder", "read|{d}/corpus", 2, err="{d}/corpus: is a folder, not a file. give a text file."),
        C("segment-folder", "segment|{d}/corpus", 2, err="{d}/corpus: is a folder, not a file. give a text file."),
        C("align-folder", "align|{d}/corpus|{d}/en_only.txt", 2, err_start="{d}/corpus: "),
        C("check-folder-glossary", "check|{d}/good.tmx|-g|{d}/corpus", 2,
          err="{d}/corpus: is a folder, not a file. give a TBX, CSV or OmegaT glossary file."),
        C("merge-folder", "glossary|merge|{d}/good.tbx|{d}/corpus|-o|{o}/m.tbx", 2, err_start="{d}/corpus: "),
        C("build-file-as-corpus", "build|--corpus|{d}/zh_only.txt|--out|{o}", 2, err_start="{d}/zh_only.txt: "),
        C("extract-out-is-folder", "glossary|extract|{d}/zh_only.txt|-o|{d}/corpus|--format|tbx", 2,
          err="{d}/corpus: is a directory. give a file name."),
        C("align-out-is-folder", "align|{d}/zh_only.txt|{d}/en_only.txt|-o|{d}/corpus|--format|tmx", 2,
          err="{d}/corpus: is a directory. give a file name."),
    ]


def xml_cases() -> list[Case]:
    g = "-g|{d}/glossary.csv"
    cases: list[Case] = []
    for ext, line, column, tcolumn, tag in (("tmx", 4, 94, 83, "seg"), ("xlf", 3, 68, 57, "target")):
        f = "{d}/%s." + ext
        cases += [
            C(f"check-malformed-{ext}", f"check|{f % 'malformed'}|{g}", 2,
              err=f"{f % 'malformed'}:{line}: not well-formed XML at column {column}: {BARE_AMP}"),
            C(f"check-truncated-{ext}", f"check|{f % 'truncated'}|{g}", 2,
              err=f"{f % 'truncated'}:{line}: not well-formed XML at column {tcolumn}: the file ends inside "
                  f"<{tag}> (opened on line {line}): it is truncated. {TRUNCATED_HINT}"),
            C(f"check-wrongroot-{ext}", f"check|{f % 'wrongroot'}|{g}", 2, err=f"{f % 'wrongroot'}:2: {NOT_TM}"),
            C(f"check-xxe-{ext}", f"check|{f % 'xxe'}|{g}", 2, err=f"{f % 'xxe'}:2: {ENTITY.format(e='xxe')}"),
            C(f"check-lol-{ext}", f"check|{f % 'lol'}|{g}", 2, err=f"{f % 'lol'}:3: {ENTITY.format(e='lol')}"),
            C(f"check-hidden-xxe-{ext}", f"check|{f % 'hidden_xxe'}|{g}", 2,
              err=f"{f % 'hidden_xxe'}:4: {ENTITY.format(e='xxe')}"),
        ]
    for name, reason, line in (("noseg", '<tuv xml:lang="en-US"> has no <seg>', 4), ("notuv", "<tu> has no <tuv>", 4),
                               ("duplang", 'every <tuv> has xml:lang="zh-CN": no translation to check', 4)):
        f = "{d}/%s.tmx" % name
        cases += [
            C(f"check-{name}", f"check|{f}|{g}", 0, out_has=(f"unit skipped at {f}:{line}: {reason}\n",
                                                            f"1 malformed unit skipped (first at {f}:{line})")),
            C(f"check-{name}-strict", f"check|--strict|{f}|{g}", 2, err=f"{f}:{line}: {reason}. {SKIP_HINT}"),
        ]
    cases += [
        C("segment-srx-bad-regex", "segment|--srx|{d}/bad_regex.srx|{d}/zh_only.txt", 2,
          err="{d}/bad_regex.srx:31: bad regular expression: \\x{Lu} is not a Unicode code point at position 2 of "
              "the pattern '\\\\x{Lu}'. SRX rules are Java regular expressions; fix or remove the rule."),
        C("segment-srx-xxe", "segment|--srx|{d}/xxe.srx|{d}/zh_only.txt", 2, err="{d}/xxe.srx:21: " + ENTITY.format(e="xxe")),
        C("build-srx-xxe", "build|--srx|{d}/xxe.srx|--corpus|{d}/corpus/zh_only|--out|{o}", 2,
          err="{d}/xxe.srx:21: " + ENTITY.format(e="xxe")),
        C("check-utf16-tsv", "check|{d}/unicode_text.tsv|" + g, 0,
          out="1 unit in 1 file against 1 glossary term: 1 term occurrence, no findings.\n"),
        C("check-gbk-csv", "check|{d}/gbk_tm.csv|" + g, 0,
          out="1 unit in 1 file against 1 glossary term: 1 term occurrence, no findings.\n"),
        C("check-nul-csv", "check|{d}/nul_tm.csv|" + g, 0, out_has=("1 unit in 1 file",)),
        C("check-tmx11", "check|{d}/tmx11.tmx|" + g, 0,
          out="1 unit in 1 file against 1 glossary term: 1 term occurrence, no findings.\n"),
        C("check-duplang-xlf", "check|{d}/duplang.xlf|" + g, 0, out_has=("1 unit in 1 file",)),
        C("check-empty-csv", "check|{d}/empty.csv|" + g, 2,
          err="{d}/empty.csv: the file is empty. give a TM or bilingual file with units."),
        C("check-blank-csv", "check|{d}/blank.csv|" + g, 2,
          err="{d}/blank.csv: the file holds only whitespace. give a TM or bilingual file with units."),
        C("check-unclosed-csv", "check|{d}/unclosed.csv|" + g, 2, err="{d}/unclosed.csv:2: " + UNCLOSED),
        C("check-png", "check|{d}/image.txt|" + g, 2, err_start="{d}/image.txt"),
        C("check-unclosed-glossary", "check|{d}/good.tmx|-g|{d}/unclosed.csv", 2, err="{d}/unclosed.csv:2: " + UNCLOSED),
        C("check-empty-glossary", "check|{d}/good.tmx|-g|{d}/empty.csv", 2, err_start="{d}/empty.csv"),
        C("check-glossary-header-quote", "check|{d}/good.tmx|-g|{d}/header_quote.csv", 2,
          err="{d}/header_quote.csv:1: the header row does not name a Chinese and an English column. "
              "write the header on one line, such as 'zh,en', and close its quotes."),
        C("check-noterm-glossary-strict", "check|--strict|{d}/good.tmx|-g|{d}/noterm.tbx", 2,
          err="{d}/noterm.tbx: " + NO_PAIRS),
    ]
    for cmd, prefix in (("check", "check|{d}/good.tmx|-g|"), ("merge", "glossary|merge|{d}/good.tbx|")):
        suffix = "" if cmd == "check" else "|-o|{o}/m.tbx"
        f = "{d}/%s.tbx"
        cases += [
            C(f"{cmd}-malformed-tbx", prefix + f % "malformed" + suffix, 2,
              err=f"{f % 'malformed'}:3: not well-formed XML at column 135: {BARE_AMP}"),
            C(f"{cmd}-truncated-tbx", prefix + f % "truncated" + suffix, 2,
              err=f"{f % 'truncated'}:3: not well-formed XML at column 124: the file ends inside <term> "
                  f"(opened on line 3): it is truncated. {TRUNCATED_HINT}"),
            C(f"{cmd}-wrongroot-tbx", prefix + f % "wrongroot" + suffix, 2, err=f"{f % 'wrongroot'}:2: {NOT_GLOSSARY}"),
            C(f"{cmd}-xxe-tbx", prefix + f % "xxe" + suffix, 2, err=f"{f % 'xxe'}:2: {ENTITY.format(e='xxe')}"),
            C(f"{cmd}-lol-tbx", prefix + f % "lol" + suffix, 2, err=f"{f % 'lol'}:3: {ENTITY.format(e='lol')}"),
            C(f"{cmd}-hidden-xxe-tbx", prefix + f % "hidden_xxe" + suffix, 2,
              err=f"{f % 'hidden_xxe'}:4: {ENTITY.format(e='xxe')}"),
            C(f"{cmd}-noterm-tbx", prefix + f % "noterm" + suffix, 2, err=f"{f % 'noterm'}: {NO_PAIRS}"),
            C(f"{cmd}-duplang-tbx", prefix + f % "duplang" + suffix, 2, err=f"{f % 'duplang'}: {NO_PAIRS}"),
            C(f"{cmd}-tmx-as-glossary", prefix + "{d}/good.tmx" + suffix, 2,
              err=f"{{d}}/good.tmx:2: {NOT_GLOSSARY.replace('<html>', '<tmx>')}"),
        ]
    return cases


CASES = text_cases() + path_cases() + xml_cases()


def _fill(text: str, d: Path, o: Path) -> str:
    return text.replace("{d}", str(d)).replace("{o}", str(o))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_every_case(case: Case, hostile: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    run = invoke([_fill(a, hostile, out_dir) for a in case.args])
    assert "Traceback" not in run.err, run.err
    assert "internal error" not in run.err, run.err
    last = run.err.rstrip("\n").rsplit("\n", 1)[-1]
    assert run.code == case.code, run.err
    if case.err is not None:
        assert last == "aligner: " + _fill(case.err, hostile, out_dir)
    if case.err_start is not None:
        assert last.startswith("aligner: " + _fill(case.err_start, hostile, out_dir)), last
    for line in case.err_has:
        assert "aligner: " + _fill(line, hostile, out_dir) in run.err.splitlines()
    for part in case.out_has:
        assert _fill(part, hostile, out_dir) in run.out, run.out[:2000]
    if case.out is not None:
        assert run.out == _fill(case.out, hostile, out_dir)
    if case.code == 2:  # a failed run leaves no output file, not even a temporary one
        assert not any(out_dir.rglob("*")), sorted(out_dir.rglob("*"))
    else:
        for written in out_dir.rglob("*.tmx"):  # every TMX written parses as XML
            etree.parse(str(written))


def test_check_lists_a_skipped_glossary_entry_and_strict_refuses_it(hostile: Path) -> None:
    run = invoke(["check", f"{hostile}/good.tmx", "-g", f"{hostile}/partial.tbx"])
    assert run.code == 0
    assert f"glossary entry skipped at {hostile}/partial.tbx:4: no English term\n" in run.out
    assert run.out.endswith("; 1 glossary entry skipped.\n")
    run = invoke(["check", "--strict", f"{hostile}/good.tmx", "-g", f"{hostile}/partial.tbx"])
    assert run.code == 2
    assert run.err == (f"aligner: {hostile}/partial.tbx:4: glossary entry has no English term. complete or "
                       "remove the entry, or drop --strict to skip and count it.\n")


def test_merge_reports_the_entries_it_could_not_use(hostile: Path, tmp_path: Path) -> None:
    run = invoke(["glossary", "merge", f"{hostile}/good.tbx", f"{hostile}/partial.tbx", "-o", f"{tmp_path}/m.csv"])
    assert run.code == 0
    # the user's 机器学习 entry has no English: said, with where, not silently dropped
    assert run.err.splitlines()[-1] == f"skipped (cannot be merged): {hostile}/partial.tbx:4: no English term"
    run = invoke(["glossary", "merge", "--strict", f"{hostile}/good.tbx", f"{hostile}/partial.tbx",
                  "-o", f"{tmp_path}/m2.csv"])
    assert run.code == 2
    assert run.err == (f"aligner: {hostile}/partial.tbx:4: glossary entry has no English term. complete or "
                       "remove the entry, or drop --strict to skip and count it.\n")
    assert not (tmp_path / "m2.csv").exists()

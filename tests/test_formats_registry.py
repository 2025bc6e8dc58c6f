"""Reading by format: bilingual files refused with a pointer, unreadable files skipped by
build (named, counted, exit 3), and the language of each paragraph of an English file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.documents import read_document
from aligner.documents.formats import UnreadableDocument
from aligner.model import Lang

ZH = "深度学习需要大量数据。\n\n对齐是一个难题。\n"
EN = "Deep learning needs a lot of data.\n\nAlignment is a hard problem.\n"

BILINGUAL = {
    "a.xlf": '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="zh"/></xliff>\n',
    "a.sdlxliff": '<?xml version="1.0" encoding="utf-8"?><!-- x --><xliff xmlns:sdl="x" version="1.2"/>',
    "a.tmx": '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><body/></tmx>',
    "a.tbx": '<?xml version="1.0"?>\n<martif type="TBX"><text/></martif>',
    "a.po": 'msgid ""\nmsgstr ""\n\nmsgid "对齐"\nmsgstr "alignment"\n',
    # content decides, not the extension
    "looks_like_text.txt": '<?xml version="1.0"?>\n<xliff version="2.0"/>',
}


@pytest.mark.parametrize("name", sorted(BILINGUAL))
def test_bilingual_files_are_refused_with_a_pointer_to_check(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BILINGUAL[name], encoding="utf-8")
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "not a document" in message
    assert f"aligner check {name}" in message and "\n" not in message


def test_build_skips_unreadable_files_names_them_and_exits_3(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "zh" / "good.txt").write_text(ZH, encoding="utf-8")
    (corpus / "en" / "good.txt").write_text(EN, encoding="utf-8")
    (corpus / "zh" / "tm.xlf").write_text(BILINGUAL["a.xlf"], encoding="utf-8")
    (corpus / "zh" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "--json"])
    assert run.exit_code == 3, run.output
    data = json.loads(run.stdout)
    assert [Path(s["path"]).name for s in data["skipped"]] == ["photo.txt", "tm.xlf"]
    assert (out / "tmx" / "good.tmx").is_file()  # the readable neighbour is not lost
    text = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert text.exit_code == 3
    assert "skipped 2 files that could not be read (exit status 3):" in text.stdout
    # --strict stops at the first unreadable file instead
    strict = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "o2"), "--strict"])
    assert strict.exit_code == 2 and "photo.txt" in strict.stderr


def test_an_unreadable_english_file_leaves_its_chinese_document_readable(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "zh" / "doc.txt").write_text(ZH, encoding="utf-8")
    (corpus / "en" / "doc.xlf").write_text(BILINGUAL["a.xlf"], encoding="utf-8")
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--json"])
    assert run.exit_code == 3
    data = json.loads(run.stdout)
    assert [d["stem"] for d in data["documents"]] == ["doc"]
    assert data["documents"][0]["zh_segments"] == 2


def test_a_chinese_paragraph_in_an_english_file_does_not_make_it_chinese(tmp_path: Path) -> None:
    en = tmp_path / "en.txt"
    en.write_text("A Short Guide\n\nDeep learning needs a lot of data, and data needs care.\n\n"
                  "这一段没有翻译。\n\nAlignment is a hard problem that tools solve in several ways.\n",
                  encoding="utf-8")
    doc = read_document(en)
    assert not doc.zh
    assert [p.lang for p in doc.en] == [Lang.EN] * 4  # the Chinese paragraph stays in place
    assert doc.foreign == [(5, "这一段没有翻译。")]
    zh = tmp_path / "zh.txt"
    zh.write_text("简短指南\n\n深度学习需要大量数据，而数据需要细心。\n\n对齐是一个难题，工具有几种解法。\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["align", str(zh), str(en), "--format", "tsv"])
    assert run.exit_code == 0, run.output
    assert "Alignment is a hard problem" in run.stdout

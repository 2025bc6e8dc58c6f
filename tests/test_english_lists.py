"""An English file that lists names or terms, one per line, is read one item per paragraph;
prose wrapped over several lines is still one paragraph."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aligner.documents import read_document
from aligner.documents.lines import Line
from aligner.documents.paragraphs import split_lists


def _english(tmp_path: Path, text: str) -> list[str]:
    zh = tmp_path / "a.txt"
    zh.write_text("肖茜和李峥讨论了人工智能。\n", encoding="utf-8")
    en = tmp_path / "a.en.txt"
    en.write_text(text, encoding="utf-8")
    return [p.text for p in read_document(zh, en_path=en).en]


def test_a_names_list_is_one_paragraph_per_name(tmp_path: Path) -> None:
    assert _english(tmp_path, "Xiao Qian\nLi Zheng\nTsinghua University\n") == [
        "Xiao Qian", "Li Zheng", "Tsinghua University"]


def test_wrapped_prose_stays_one_paragraph(tmp_path: Path) -> None:
    text = "Xiao Qian and Li Zheng discussed\nartificial intelligence at length.\n"
    assert _english(tmp_path, text) == ["Xiao Qian and Li Zheng discussed artificial intelligence at length."]


def test_no_name_is_read_across_the_end_of_a_line(tmp_path: Path) -> None:
    from aligner.glossary.en_names import english_names

    zh = tmp_path / "a.txt"
    zh.write_text("肖茜和李峥讨论了人工智能。\n", encoding="utf-8")
    en = tmp_path / "a.en.txt"
    en.write_text("Xiao Qian\nLi Zheng\n", encoding="utf-8")
    names = english_names([read_document(zh, en_path=en)])
    assert names.find("李峥", "a").form == "Li Zheng"
    assert names.find("肖茜", "a").form == "Xiao Qian"
    assert names.find("钱立", "a") is None  # "Qian Li" only exists across the line end


@given(st.lists(st.text(alphabet="Ab c.,", min_size=1, max_size=30), min_size=1, max_size=6))
def test_splitting_keeps_every_line_once_in_order(texts: list[str]) -> None:
    block = [Line(k + 1, t) for k, t in enumerate(texts)]
    out = split_lists([block])
    assert [line.no for b in out for line in b] == [line.no for line in block if len(out) == 1 or line.text.strip()]

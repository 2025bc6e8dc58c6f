"""Real-looking technical pages: code, markup, quantities and clause words never become terms.

The page (tests/data/glossary/pages, our own text) holds one of each junk class the issue
lists next to real glosses; its hand gold is tests/data/glossary/pages/gold.tsv.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

from aligner.documents import read_corpus
from aligner.glossary import extract
from aligner.glossary.left_edge import category_for_name, trim_clause
from aligner.glossary.noise import is_noise, mask_markup
from aligner.glossary.text import norm_key, singular
from aligner.model import TermEntry, TermStatus

PAGES = Path(__file__).resolve().parent / "data" / "glossary" / "pages"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import glossary_eval  # noqa: E402


@lru_cache(maxsize=1)
def page_entries() -> tuple[TermEntry, ...]:
    return tuple(extract(read_corpus(PAGES / "zh", PAGES / "en")).entries)


def forms() -> set[str]:
    return {norm_key(f) for e in page_entries() for f in (e.zh, e.en, *e.variants)}


# (The macro {{domxref("Document")}} displays "Document": the Markdown reader shows it as text,
# as the site does; a Latin form the Chinese shows only through a one-argument macro is a
# cross-reference, not a name, so it is junk here too.)
JUNK = [
    "max_connections", "getUserName", "getUserName()", "config.yaml", "index.md", "--dry-run", "kubectl",
    "apiVersion", "kind", "metadata", "web-frontend", "512 MiB", "MiB", "3.5 GHz", "10ms", "Gi", "v1.2.3",
    "3.11", "Python 3.11", "install-the-tool", "section-id", "note", "warning", "domxref", "Document", "raw",
    "https://example.com/docs", "admin@example.com", "DOCTYPE html", "DOCTYPE", "body", "h1", "utf-8",
    "value", "IP",
]


@pytest.mark.parametrize("junk", JUNK)
def test_no_junk_becomes_an_entry(junk: str) -> None:
    assert norm_key(junk) not in forms()


def test_the_page_gold_is_found_exactly() -> None:
    gold = glossary_eval.read_page_gold(PAGES / "gold.tsv")
    scores, covered = glossary_eval.page_scores(list(page_entries()), gold)
    assert covered == {"brackets", "Latin as-is"}
    judged = scores["precision:judged"]
    assert (judged.fp, scores["recall:brackets"].fn, scores["recall:Latin as-is"].fn) == (0, 0, 0)


def test_clause_words_are_cut() -> None:
    by_en = {e.en: e for e in page_entries()}
    assert by_en["shared memory"].zh == "共享内存"  # not 之间共享内存
    assert by_en["disk full"].zh == "磁盘写满"  # not 由于磁盘写满
    assert by_en["pattern matching"].zh == "模式匹配"  # not 可以使用模式匹配
    assert by_en["shared memory"].status is TermStatus.ATTESTED  # 之间 is grammar: a sure cut


def test_a_category_word_is_not_paired_with_a_product_name() -> None:
    assert not any(e.zh == "数据库" for e in page_entries())
    assert category_for_name("数据库", "PostgreSQL")
    assert not category_for_name("苹果", "Apple")  # the dictionary sense is the name's
    assert not category_for_name("数据库", "database")


@pytest.mark.parametrize("form", [
    "Foo::bar", "os.path.join", "snake_case", "camelCase", "f()", "/etc/hosts", "--foo", "key:", "200 MiB",
    "3.5 GHz", "10ms", "100-200MB/s", "v1.2.3", "3.11", "install-the-tool", "config.yaml", "src/main.rs",
    "https://a.b/c", "a@b.org", "h1", "utf-8", "0xff", "i32", "wrapping_*", "Smith.Jones.2017",
])
def test_code_and_data_shapes_are_noise(form: str) -> None:
    assert is_noise(form)


@pytest.mark.parametrize("form", [
    "PostgreSQL", "Kubernetes", "C++", "TCP/IP", "GPT-4", "i.i.d.", "iPhone", "R&D", "DeepSeek-R1",
    "Character.AI", "Scale AI", "HAL9000", "e/acc",
])
def test_names_are_not_noise(form: str) -> None:
    assert not is_noise(form)


def test_mask_markup_keeps_offsets_and_prose() -> None:
    text = "先运行 `make all`，见 {{< note >}} 与 https://x.org/a 和 <b>Rust</b>（语言）。"
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert "make" not in masked and "note" not in masked and "x.org" not in masked and "<b>" not in masked
    assert "Rust" in masked and "先运行" in masked


def test_trim_clause_keeps_a_verb_the_english_translates() -> None:
    count = lambda _s: 1  # noqa: E731 - nothing recurs
    assert trim_clause("获取资源", "resource acquisition", count).term == "获取资源"
    assert trim_clause("之间共享内存", "shared memory", count).term == "共享内存"
    assert trim_clause("通用人工智能", "AGI", count).term == "通用人工智能"


def test_a_verb_cut_is_a_guess() -> None:
    """使用 before a dictionary word: cut, but the entry is then only proposed."""
    edge = trim_clause("使用共享内存", "shared memory", lambda _s: 1)
    assert (edge.term, edge.cut, edge.uncertain) == ("共享内存", 2, True)
    sure = trim_clause("由于磁盘写满", "disk full", lambda _s: 1)
    assert (sure.term, sure.uncertain) == ("磁盘写满", False)


def test_singular_is_the_termbase_form() -> None:
    assert singular("neural networks") == "neural network"
    assert singular("mutexes") == "mutex"
    assert singular("categories") == "category"
    assert singular("bus") == "bus" and singular("analysis") == "analysis"
    assert singular("Tensor Cores") == "Tensor Cores"  # a name keeps its form

"""The review page in a real browser: Debian's Chromium, headless, driven over DevTools.

Keys pressed as a reviewer would (accept, next, reject, next, merge, undo, back, split, write), then the
review file and the written TMX are checked, and a reload shows the saved decisions. Without
Chromium the test skips; with CI set it fails (.ci/install-chromium installs it).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from lxml import etree

from aligner.review import read_beads
from aligner.review.server import Session, start

from .cdp import CHROMIUM, Browser
from .review_helpers import build_into

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason=f"needs Debian's chromium ({CHROMIUM}); .ci/install-chromium installs it",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("review-build"))


def _tus(path: Path) -> dict[str, dict[str, str]]:
    """Source text -> {prop type: value} of every TU."""
    out = {}
    for tu in etree.parse(str(path)).getroot().iter("tu"):
        source = tu.find("tuv/seg").text
        out[source] = {p.get("type"): p.text for p in tu.findall("prop")}
    return out


def test_keys_save_decisions_and_write_the_tmx(built: Path, tmp_path: Path) -> None:
    server, _ = start(Session.open(built))
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(server.url + "?doc=paper")
        browser.wait_for("document.body.dataset.ready === '1'")
        beads = read_beads(built / "tmx" / "paper.beads.json")
        first, second, third = beads.beads[:3]
        status = "document.getElementById('status').textContent"
        for key, expected in (("a", "accept; saved 1 "), ("j", None), ("r", "reject; saved 2 "), ("j", None),
                              ("m", "merge; saved 3 "), ("u", "undone; saved 2 "), ("k", None), ("k", None),
                              ("s", "split; saved 3 ")):
            browser.press(key)
            if expected:
                browser.wait_for(f"{status}.startsWith({json.dumps(expected)})")
        assert browser.evaluate("document.querySelectorAll('.row.rejected').length") == 1
        browser.screenshot(tmp_path / "review.png")
        browser.press("w")
        browser.wait_for(f"{status}.startsWith('wrote:')")

        review = json.loads((built / "review.json").read_text(encoding="utf-8"))
        assert review["documents"]["paper"]["decisions"] == [
            {"op": "accept", "zh": list(first.src), "en": list(first.tgt)},
            {"op": "reject", "zh": list(second.src), "en": list(second.tgt)},
            {"op": "split", "zh": list(first.src), "en": list(first.tgt), "at": [1, 1]},
        ]
        tus = _tus(built / "tmx" / "paper.tmx")
        zh = lambda bead: "".join(beads.zh[k].tmx_text for k in bead.src)  # noqa: E731
        assert len(first.src) == 2 and len(first.tgt) == 1  # the split keeps the first Chinese sentence with the English
        assert zh(first) not in tus
        assert tus[beads.zh[first.src[0]].tmx_text]["x-review"] == "edited"
        assert zh(second) not in tus
        assert "x-review" not in tus[zh(third)]  # untouched, still in by its confidence

        browser.call("Page.reload")
        browser.wait_for("document.body.dataset.ready === '1'")
        assert "3 decisions saved" in browser.evaluate("document.getElementById('summary').textContent")
        assert browser.evaluate("document.querySelectorAll('.row.rejected').length") == 1
        for key in "jjajr":  # typed fast, without waiting: the edits still arrive in order
            browser.press(key)
        browser.wait_for(f"{status}.startsWith('reject; saved 5 ')")
        decisions = json.loads((built / "review.json").read_text(encoding="utf-8"))["documents"]["paper"]["decisions"]
        assert [d["op"] for d in decisions] == ["accept", "reject", "split", "accept", "reject"]
        if os.environ.get("ALIGNER_SCREENSHOT"):
            browser.screenshot(Path(os.environ["ALIGNER_SCREENSHOT"]))
    finally:
        browser.close()
        server.shutdown()
        server.server_close()


def _glossary(path: Path) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    from aligner.formats.glossary_read import read_glossary

    return {e.zh: (e.en, e.status.value, e.variants) for e in read_glossary(path)}


def test_glossary_table_and_a_sentence_with_no_counterpart(built: Path, tmp_path: Path) -> None:
    """Mouse and keys: one sentence marked as having no counterpart; in the glossary table an
    entry accepted, one rejected, one edited and a variant picked; reload; write; the TMX and
    every glossary file say so."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns("review.json"))
    server, _ = start(Session.open(out))
    browser = Browser(tmp_path / "profile")
    status = "document.getElementById('status').textContent"
    shots = Path(os.environ.get("ALIGNER_SCREENSHOT_DIR", tmp_path))
    try:
        browser.open(server.url + "?doc=paper")
        browser.wait_for("document.body.dataset.ready === '1'")
        beads = read_beads(out / "tmx" / "paper.beads.json")
        first = beads.beads[0]
        assert len(first.src) == 2 and len(first.tgt) == 1
        # the mouse: the bead's second Chinese sentence, then the toolbar's "no counterpart"
        browser.click(f'.row[data-i="0"] .s[data-side="zh"][data-k="{first.src[1]}"]')
        browser.wait_for("document.querySelector('.s.cur') !== null")
        browser.click('#tools button[data-key="n"]')
        browser.wait_for(f"{status}.startsWith('orphan; saved 1 ')")
        assert browser.evaluate("S.beads.slice(0, 2).map((b) => [b.zh, b.en])") == [
            [[first.src[0]], list(first.tgt)], [[first.src[1]], []]]
        browser.screenshot(shots / "review-sentence.png")

        browser.press("g")
        browser.wait_for("document.querySelectorAll('.grow').length > 0")
        row = lambda zh: f'.grow[data-n="{browser.evaluate(f"G.rows.findIndex((r) => r.zh === {json.dumps(zh)})")}"]'  # noqa: E731
        browser.click(row("肖茜") + ' button[data-act="accept"]')  # the mouse
        browser.wait_for(f"{status}.startsWith('accept; saved 1 ')")
        browser.click(row("Meta") + " td")  # select with the mouse, decide with the keys
        browser.press("r")
        browser.wait_for(f"{status}.startsWith('reject; saved 2 ')")
        browser.click(row("开源大模型") + " td")
        browser.press("e")
        browser.wait_for("document.activeElement.id === 'edit-en'")
        browser.evaluate("document.getElementById('edit-en').value = 'open-source large models'")
        browser.press("Enter")
        browser.wait_for(f"{status}.startsWith('edit; saved 3 ')")
        browser.click(row("生成式人工智能") + " td")
        browser.press("1")  # the first form that can win: Generative AI
        browser.wait_for(f"{status}.startsWith('pick; saved 4 ')")
        browser.screenshot(shots / "review-glossary.png")
        browser.click("#gundecided")  # the filters: what is left to decide, then a search
        browser.wait_for("document.querySelectorAll('.grow').length === G.rows.filter((r) => !r.mark).length")
        browser.evaluate("document.getElementById('gsearch').value = 'turing'; "
                         "document.getElementById('gsearch').dispatchEvent(new Event('input'))")
        assert browser.evaluate("[...document.querySelectorAll('.grow td:first-child')].map((td) => td.textContent)") \
            == ["图灵奖"]

        browser.call("Page.reload")
        browser.wait_for("document.body.dataset.ready === '1'")
        browser.press("g")
        browser.wait_for("document.querySelectorAll('.grow').length > 0")
        assert browser.evaluate("G.rows.filter((r) => r.mark).map((r) => [r.zh, r.en, r.mark])") == [
            ["Meta", "Meta", "rejected"], ["开源大模型", "open-source large models", "edited"],
            ["生成式人工智能", "Generative AI", "picked"], ["肖茜", "Xiao Qian", "accepted"]]
        assert browser.evaluate("S.beads[1].zh.length === 1 && S.beads[1].en.length === 0")
        browser.press("w")
        browser.wait_for(f"{status}.startsWith('wrote:')")
    finally:
        browser.close()
        server.shutdown()
        server.server_close()

    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert review["documents"]["paper"]["decisions"] == [
        {"op": "orphan", "zh": list(first.src), "en": list(first.tgt), "side": "zh", "sentence": first.src[1]}]
    assert [d["op"] for d in review["glossary"]["decisions"]] == ["accept", "reject", "edit", "pick"]
    tus = _tus(out / "tmx" / "paper.tmx")
    assert tus[beads.zh[first.src[0]].tmx_text]["x-review"] == "edited"
    assert "".join(beads.zh[k].tmx_text for k in first.src) not in tus
    for name in ("glossary.tbx", "glossary.tbx3", "glossary.csv", "glossary.utf8"):
        entries = _glossary(out / "glossary" / name)
        assert "Meta" not in entries, name
        assert entries["肖茜"][:2] == ("Xiao Qian", "reviewed"), name
        assert entries["开源大模型"][:2] == ("open-source large models", "reviewed"), name
        assert entries["生成式人工智能"][0] == "Generative AI", name
        assert "Generative Artificial Intelligence" in entries["生成式人工智能"][2], name
        assert entries["图灵奖"][:2] == ("Turing Award", "attested"), name
    terms = (out / "tmx" / "terms.tmx").read_text(encoding="utf-8")
    assert "<seg>Meta</seg>" not in terms and "<seg>Generative AI</seg>" in terms


def test_a_long_document_puts_only_the_window_in_the_page(tmp_path: Path) -> None:
    """2,000 beads: a few dozen rows in the page, the filters and the minimap over every bead,
    scrolling to the end shows the last bead, selecting far away scrolls to it."""
    from aligner.model import Bead
    from aligner.review import BeadsFile, Sentence, write_beads

    zh, en, beads = [], [], []
    for k in range(2000):
        zh.append(Sentence(f"第{k}句话在这里。", k + 1))
        if k % 7 == 3:
            beads.append(Bead((len(zh) - 1,), ()))
            continue
        en.append(Sentence(f"Sentence {k} is here.", k + 1))
        beads.append(Bead((len(zh) - 1,), (len(en) - 1,), (k % 10) / 10))
    write_beads(tmp_path / "tmx" / "long.beads.json", BeadsFile("long", tuple(zh), tuple(en), tuple(beads)))
    server, _ = start(Session.open(tmp_path))
    browser = Browser(tmp_path / "profile")
    rows = "[...document.querySelectorAll('#rows .row')].map((r) => Number(r.dataset.i))"
    try:
        browser.open(server.url)
        browser.wait_for("document.body.dataset.ready === '1'")
        shown = browser.evaluate(rows)
        assert shown[0] == 0 and 5 < len(shown) < 100
        assert browser.evaluate("S.marks.length") == 2000
        browser.click("#orphans")
        unaligned = [i for i, b in enumerate(beads) if not b.tgt]
        browser.wait_for(f"S.visible.length === {len(unaligned)}")
        assert set(browser.evaluate(rows)) <= set(unaligned) and browser.evaluate("S.marks.length") == 2000
        browser.evaluate("document.getElementById('list').scrollTop = 1e9")
        browser.wait_for(f"{rows}.includes({unaligned[-1]})")
        browser.click("#orphans")
        browser.evaluate("document.getElementById('search').value = 'Sentence 1500 '; "
                         "document.getElementById('search').dispatchEvent(new Event('input'))")
        assert browser.evaluate(rows) == [1500]  # the one bead that matches
        browser.evaluate("document.getElementById('search').value = ''; "
                         "document.getElementById('search').dispatchEvent(new Event('input'))")
        browser.evaluate("select(1800)")  # far below the window: the list scrolls there
        browser.wait_for(f"{rows}.includes(1800)")  # the scroll's re-render runs on the next frame
        assert len(browser.evaluate(rows)) < 100
        browser.screenshot(tmp_path / "long.png")
    finally:
        browser.close()
        server.shutdown()
        server.server_close()

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

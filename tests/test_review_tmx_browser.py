"""Another tool's TMX on the review page, in a real Chromium: pairs without a confidence show
no number and no colour, and the page's decisions write ``<stem>.reviewed.tmx``."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from aligner.review.server import Session, start
from aligner.review.source import open_source

from .cdp import CHROMIUM, Browser

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason=f"needs Debian's chromium ({CHROMIUM}); .ci/install-chromium installs it",
)
FOREIGN = Path(__file__).resolve().parent / "data" / "review" / "foreign.tmx"


def test_a_foreign_tmx_on_the_page(tmp_path: Path) -> None:
    tmx = tmp_path / "foreign.tmx"
    shutil.copy(FOREIGN, tmx)
    server, _ = start(Session.from_source(open_source(tmx=tmx)))
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(server.url)
        browser.wait_for("document.body.dataset.ready === '1'")
        scores = browser.evaluate("[...document.querySelectorAll('.row .score')].map((e) => e.firstChild.textContent)")
        assert scores == ["—"] * 4
        status = "document.getElementById('status').textContent"
        browser.press("j")
        browser.press("r")
        browser.wait_for(f"{status}.startsWith('reject; saved 1 ')")
        browser.screenshot(tmp_path / "foreign.png")
        browser.press("w")
        browser.wait_for(f"{status}.startsWith('wrote:')")
        review = json.loads((tmp_path / "foreign.review.json").read_text(encoding="utf-8"))
        assert review["documents"]["foreign"]["decisions"] == [{"op": "reject", "zh": [1], "en": [1]}]
        segs = [tu.find("tuv/seg").text for tu in etree.parse(str(tmp_path / "foreign.reviewed.tmx")).iter("tu")]
        assert segs == ["花园俱乐部每周六上午开放。", "新会员可以免费领取种子,", "数量有限。"]
    finally:
        browser.close()
        server.shutdown()
        server.server_close()

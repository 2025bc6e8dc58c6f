"""The review server over real HTTP on 127.0.0.1 (urllib): pages, saves, refusals, apply."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from aligner.review import BeadsFile, Sentence, write_beads
from aligner.review.server import Session, start
from aligner.model import Bead


@pytest.fixture()
def server(tmp_path: Path):
    zh = (Sentence("第一句。", 1), Sentence("第二句。", 2), Sentence("第三句。", 3))
    en = (Sentence("One.", 1), Sentence("Two.", 2))
    beads = (Bead((0,), (0,), 0.9, ("x",)), Bead((1,), (1,), 0.3), Bead((2,), ()))
    write_beads(tmp_path / "tmx" / "doc.beads.json", BeadsFile("doc", zh, en, beads, header={"x-document": "doc"}))
    srv, _ = start(Session.open(tmp_path))
    yield srv, tmp_path
    srv.shutdown()
    srv.server_close()


def call(url: str, body: object = None, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_page_and_assets_are_served_from_the_package(server) -> None:
    srv, _ = server
    assert srv.server_address[0] == "127.0.0.1"
    for path, marker in (("", b"<script src=\"/app.js\">"), ("app.js", b"/api/doc/"), ("app.css", b".row")):
        with urllib.request.urlopen(srv.url + path, timeout=10) as response:
            body = response.read()
        assert marker in body
        assert b"http://" not in body and b"https://" not in body  # nothing fetched from the network


def test_save_replays_and_writes_the_review_file(server) -> None:
    srv, out = server
    status, doc = call(srv.url + "api/doc/doc")
    assert status == 200 and [b["zh"] for b in doc["beads"]] == [[0], [1], [2]] and doc["decisions"] == []
    status, saved = call(srv.url + "api/doc/doc/decisions", {"decisions": [{"op": "merge", "zh": [1], "en": [1]}]})
    assert status == 200 and saved["saved"] == 1
    assert [(b["zh"], b["en"], b["edited"]) for b in saved["beads"]] == [([0], [0], False), ([1, 2], [1], True)]
    assert json.loads((out / "review.json").read_text())["documents"]["doc"]["decisions"] == [
        {"op": "merge", "zh": [1], "en": [1]}]
    status, applied = call(srv.url + "api/apply", {})
    assert status == 200 and applied["written"] == [f"doc: 2 pairs -> {out / 'tmx' / 'doc.tmx'}; 1 decision: "
                                                    "0 accepted, 0 rejected, 1 edited"]
    assert "第二句。第三句。" in (out / "tmx" / "doc.tmx").read_text(encoding="utf-8")


def test_a_decision_that_does_not_fit_is_refused_and_nothing_written(server) -> None:
    srv, out = server
    status, answer = call(srv.url + "api/doc/doc/decisions", {"decisions": [{"op": "merge", "zh": [2], "en": []}]})
    assert status == 409 and "the last bead has no next bead" in answer["error"]
    status, answer = call(srv.url + "api/doc/doc/decisions", {"decisions": [{"op": "nope", "zh": [0]}]})
    assert status == 409 and answer["error"].startswith("decisions #1:")
    assert not (out / "review.json").exists()


@pytest.mark.parametrize("headers", [{"Host": "attacker.example"}, {"Origin": "http://attacker.example"}])
def test_other_sites_cannot_write(server, headers: dict[str, str]) -> None:
    srv, out = server
    status, answer = call(srv.url + "api/doc/doc/decisions", {"decisions": []}, headers)
    assert status == 403
    assert not (out / "review.json").exists()


def test_other_hosts_cannot_read(server) -> None:
    srv, _ = server
    request = urllib.request.Request(srv.url + "api/session", headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 403


def test_the_page_ships_in_the_package() -> None:
    """setup.cfg's package data names the page's files, so a wheel serves the same page."""
    import configparser
    from importlib import resources

    cfg = configparser.ConfigParser()
    cfg.read(Path(__file__).resolve().parent.parent / "setup.cfg", encoding="utf-8")
    assert "aligner.review = static/*" in cfg["options.package_data"]["aligner"] + "\n" + \
        "\n".join(f"{k} = {v}" for k, v in cfg["options.package_data"].items())
    for name in ("index.html", "app.js", "app.css"):
        assert resources.files("aligner.review").joinpath("static", name).is_file()


def test_glossary_decisions_over_http_keep_the_alignment_decisions(server) -> None:
    srv, out = server
    status, table = call(srv.url + "api/glossary")
    assert status == 200 and table["rows"] == [] and "kept no glossary" in table["note"]
    call(srv.url + "api/doc/doc/decisions", {"decisions": [{"op": "accept", "zh": [0], "en": [0]}]})
    status, answer = call(srv.url + "api/glossary/decisions", {"decisions": [{"op": "reject", "zh": "一", "en": "one"}]})
    assert status == 200 and answer["saved"] == 1
    status, answer = call(srv.url + "api/glossary/decisions", {"decisions": [{"op": "edit", "zh": "一", "en": "one"}]})
    assert status == 409 and answer["error"].startswith("glossary decisions #1: no 'to_zh'")
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert review["documents"]["doc"]["decisions"] == [{"op": "accept", "zh": [0], "en": [0]}]
    assert review["glossary"]["decisions"] == [{"op": "reject", "zh": "一", "en": "one"}]
    call(srv.url + "api/doc/doc/decisions", {"decisions": []})  # an alignment save keeps the glossary section
    assert json.loads((out / "review.json").read_text(encoding="utf-8"))["glossary"]["decisions"] == [
        {"op": "reject", "zh": "一", "en": "one"}]

"""Hostile requests to the review server: each gets a JSON answer, the review file is left as
it was, and the reviewer's terminal shows no traceback (before: a Content-Length that is not
a number and JSON nested past Python's recursion limit printed socketserver's traceback and
closed the connection without an answer)."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from aligner.model import Bead
from aligner.review import BeadsFile, Sentence, write_beads
from aligner.review.server import Session, start


@pytest.fixture()
def server(tmp_path: Path):
    zh = (Sentence("第一句。", 1), Sentence("第二句。", 2))
    en = (Sentence("One.", 1), Sentence("Two.", 2))
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.4))
    write_beads(tmp_path / "tmx" / "doc.beads.json", BeadsFile("doc", zh, en, beads, header={"x-document": "doc"}))
    srv, _ = start(Session.open(tmp_path))
    yield srv, tmp_path
    srv.shutdown()
    srv.server_close()


def _raw(srv, head: str, body: bytes = b"") -> tuple[int, dict]:
    """Send bytes as given (no client library fixes them up); the status and JSON answer."""
    port = srv.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.replace("{port}", str(port)).encode() + b"\r\n\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    header, _, payload = data.partition(b"\r\n\r\n")
    return int(header.split()[1]), json.loads(payload)


POST = "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {length}"
DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(("path", "length", "body", "status", "error"), [
    ("/api/apply", "abc", b"{}", 400, "Content-Length is not a number of bytes"),
    ("/api/apply", "-5", b"{}", 400, "Content-Length is not a number of bytes"),
    ("/api/apply", "99999999999", b"{}", 413, "request too large"),
    ("/api/doc/doc/decisions", None, DEEP, 400, "the body's JSON nests too deeply"),
    ("/api/glossary/decisions", None, b'{"decisions": ' + DEEP + b"}", 400, "the body's JSON nests too deeply"),
    ("/api/doc/doc/decisions", None, b'{"decisions": "\xff"}', 400, "the body is not JSON"),
    ("/api/doc/..%2f..%2fetc%2fpasswd/decisions", None, b'{"decisions": []}', 404,
     "no document '../../etc/passwd'"),
], ids=["length-not-a-number", "length-negative", "length-huge", "deep-json", "deep-json-in-object",
        "invalid-utf8", "path-traversal"])
def test_a_hostile_request_gets_one_json_answer_and_no_traceback(server, capfd, path, length, body, status,
                                                                 error) -> None:
    srv, out = server
    head = POST.format(path=path, port="{port}", length=len(body) if length is None else length)
    assert _raw(srv, head, body) == (status, {"error": error})
    assert not (out / "review.json").exists()  # nothing was saved
    err = capfd.readouterr().err
    assert "Traceback" not in err and err == ""


def test_the_server_keeps_serving_after_a_bug_and_says_it_in_one_line(server, capfd, monkeypatch) -> None:
    srv, _ = server

    def broken(self, stem):
        raise KeyError("boom")

    monkeypatch.setattr(Session, "document", broken)
    status, answer = _raw(srv, "GET /api/doc/doc HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close")
    assert (status, answer) == (500, {"error": "internal error (KeyError)"})
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == ["aligner: review: internal error answering a request (KeyError: 'boom'). This is a "
                                "bug: please report it (ALIGNER_DEBUG=1 shows the traceback)."]
    status, _ = _raw(srv, "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close")
    assert status == 200

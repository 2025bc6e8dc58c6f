"""The local review server: the page, a document's beads, and the reviewer's decisions.

Standard library only (``http.server``), bound to 127.0.0.1 on a free port. Every request
whose ``Host`` is not this server (DNS rebinding) and every write whose ``Origin`` is another
site is refused, so another tab cannot read or change a review. Each save replays the
decisions (:func:`.model.replay`) before writing ``review.json`` atomically, so the file never
holds a decision that does not fit, and answers with the replayed beads, which the page shows.
"""
from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..environment import debug
from ..errors import AlignerError
from .apply import apply_document
from .decisions import Decision, load_review, parse_decisions, save_review
from .glossary_decisions import GlossaryDecision, parse_glossary_decisions, replay_glossary
from .glossary_review import BuiltGlossary, apply_glossary, load_glossary_review, read_built, summary, table
from .model import ReplayError, replay
from .sidecar import BeadsFile
from .source import ReviewSource, open_source

STATIC = {"/": ("index.html", "text/html"), "/app.css": ("app.css", "text/css"),
          **{f"/{name}": (name, "text/javascript") for name in ("common.js", "list.js", "app.js", "glossary.js")}}
MAX_BODY = 64 * 1024 * 1024


@dataclass
class Session:
    """What one review serves: a build's output folder, its beads, decisions and glossary."""

    out: Path
    review: Path
    docs: dict[str, BeadsFile] = field(default_factory=dict)
    decisions: dict[str, list[Decision]] = field(default_factory=dict)
    glossary: list[dict[str, Any]] = field(default_factory=list)  # for highlighting terms in the pairs
    built: BuiltGlossary | None = None  # the build's glossary as built, for the glossary table
    glossary_decisions: list[GlossaryDecision] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    source: ReviewSource | None = None

    @classmethod
    def open(cls, out: Path, review: Path | None = None) -> "Session":
        """The review of a build's output folder (see :meth:`from_source`)."""
        return cls.from_source(open_source(out, review=review))

    @classmethod
    def from_source(cls, source: ReviewSource) -> "Session":
        """Every beads file and the review file are read and replayed now: a damaged one is a
        one-line error now, not a broken page later."""
        from .apply import replay_document

        session = cls(source.out, source.review, dict(source.docs), source=source)
        session.decisions = load_review(session.review)
        for stem, beads in session.docs.items():
            replay_document(beads, session.decisions.get(stem, []), session.review)
        session.built = read_built(source.out) if source.tmx is None else None
        session.glossary_decisions = load_glossary_review(session.review)
        session.glossary = _glossary(source.out)
        return session

    def document(self, stem: str) -> dict[str, Any]:
        beads = self.docs[stem]
        decisions = self.decisions.get(stem, [])
        return {
            "doc": stem, "min_score": beads.min_score,
            "zh": [{"text": s.tmx_text, "line": s.line, "role": s.role} for s in beads.zh],
            "en": [{"text": s.tmx_text, "line": s.line, "role": s.role} for s in beads.en],
            "decisions": [d.to_dict() for d in decisions],
            "beads": [b.to_dict() for b in replay(beads.beads, decisions)],
        }

    def save(self, stem: str, decisions: list[Decision]) -> dict[str, Any]:
        """Replay, then write: a decision that does not fit raises ReplayError, file untouched."""
        state = replay(self.docs[stem].beads, decisions)
        with self.lock:
            self.decisions[stem] = decisions
            save_review(self.review, self.decisions, [d.to_dict() for d in self.glossary_decisions])
        return {"beads": [b.to_dict() for b in state], "saved": len(decisions)}

    def glossary_table(self) -> dict[str, Any]:
        if self.built is None:
            return {"rows": [], "decisions": [], "note": "this build kept no glossary to review (re-run aligner build)"}
        state = replay_glossary(self.built.entries, self.glossary_decisions)
        return {"rows": table(state), "decisions": [d.to_dict() for d in self.glossary_decisions],
                "note": summary(state, len(self.glossary_decisions))}

    def save_glossary(self, decisions: list[GlossaryDecision]) -> dict[str, Any]:
        with self.lock:
            self.glossary_decisions = decisions
            save_review(self.review, self.decisions, [d.to_dict() for d in decisions])
        return {**self.glossary_table(), "saved": len(decisions)}

    def apply(self) -> list[str]:
        with self.lock:
            if self.source is not None:
                written = [d.summary() for d in self.source.apply(self.decisions)]
                glossary = self.source.apply_glossary()
            else:
                written = [apply_document(b, self.decisions.get(stem, []), self.out / "tmx" / f"{stem}.tmx",
                                          self.review).summary() for stem, b in sorted(self.docs.items())]
                glossary = apply_glossary(self.out, self.review)
            return written + ([glossary] if glossary else [])


def _glossary(out: Path) -> list[dict[str, Any]]:
    """The build's glossary for highlighting (zh, en and variants); none when there is none."""
    from ..formats.glossary_read import read_glossary

    path = out / "glossary" / "glossary.tbx"
    if not path.is_file():
        return []
    try:
        entries = read_glossary(path)
    except AlignerError:
        return []
    return [{"zh": e.zh, "en": e.en, "variants": list(e.variants)} for e in entries if e.zh and e.en]


class Handler(BaseHTTPRequestHandler):
    server: "ReviewServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet: the terminal is the user's
        pass

    def _own_host(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"), "application/json")

    def _error(self, status: int, message: str) -> None:
        self.close_connection = True  # a body left unread must not be taken for the next request
        self._json(status, {"error": message})

    def do_GET(self) -> None:  # noqa: N802
        self._answer(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._answer(self._post)

    def _answer(self, method: Any) -> None:
        """Whatever a request holds, the reviewer's terminal gets no traceback: a browser
        that went away is nothing to report; a bug is one line there and a 500 here."""
        try:
            method()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 - a bug: one line, the server keeps serving
            if debug():
                raise
            _report(exc)
            try:
                self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error ({type(exc).__name__})")
            except OSError:
                pass

    def _get(self) -> None:
        if not self._own_host():
            return self._error(HTTPStatus.FORBIDDEN, "wrong Host: open the address the review printed")
        path = urlsplit(self.path).path
        session = self.server.session
        if path in STATIC:
            name, ctype = STATIC[path]
            return self._send(HTTPStatus.OK, resources.files(__package__).joinpath("static", name).read_bytes(), ctype)
        if path == "/api/session":
            docs = [{"doc": stem, "beads": len(b.beads), "pairs": sum(1 for x in b.beads if x.src and x.tgt)}
                    for stem, b in sorted(session.docs.items())]
            return self._json(HTTPStatus.OK, {"documents": docs, "glossary": session.glossary,
                                              "review": str(session.review)})
        if path == "/api/glossary":
            return self._json(HTTPStatus.OK, session.glossary_table())
        if path.startswith("/api/doc/"):
            stem = unquote(path[len("/api/doc/"):])
            if stem not in session.docs:
                return self._error(HTTPStatus.NOT_FOUND, f"no document {stem!r}")
            return self._json(HTTPStatus.OK, session.document(stem))
        self._error(HTTPStatus.NOT_FOUND, "not found")

    def _post(self) -> None:
        port = self.server.server_address[1]
        origin = self.headers.get("Origin")
        if not self._own_host() or (origin and origin not in (f"http://127.0.0.1:{port}", f"http://localhost:{port}")):
            return self._error(HTTPStatus.FORBIDDEN, "cross-site request refused")
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json")
        length = (self.headers.get("Content-Length") or "0").strip()
        if not (length.isascii() and length.isdigit()):
            return self._error(HTTPStatus.BAD_REQUEST, "Content-Length is not a number of bytes")
        if int(length) > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        try:
            body = json.loads(self.rfile.read(int(length)) or b"{}")
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "the body is not JSON")
        except RecursionError:
            return self._error(HTTPStatus.BAD_REQUEST, "the body's JSON nests too deeply")
        path = urlsplit(self.path).path
        session = self.server.session
        try:
            if path.startswith("/api/doc/") and path.endswith("/decisions"):
                stem = unquote(path[len("/api/doc/"):-len("/decisions")])
                if stem not in session.docs:
                    return self._error(HTTPStatus.NOT_FOUND, f"no document {stem!r}")
                decisions = parse_decisions(body.get("decisions") if isinstance(body, dict) else None)
                return self._json(HTTPStatus.OK, session.save(stem, decisions))
            if path == "/api/glossary/decisions":
                items = parse_glossary_decisions(body.get("decisions") if isinstance(body, dict) else None)
                return self._json(HTTPStatus.OK, session.save_glossary(items))
            if path == "/api/apply":
                return self._json(HTTPStatus.OK, {"written": session.apply()})
        except (ReplayError, ValueError) as exc:
            return self._error(HTTPStatus.CONFLICT, str(exc))
        except AlignerError as exc:
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        self._error(HTTPStatus.NOT_FOUND, "not found")


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, session: Session, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.session = session

    def handle_error(self, request: Any, client_address: Any) -> None:
        """What fails outside a request's method (a malformed request line answered to a
        client already gone): one line at most, never socketserver's traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)) or exc is None:
            return
        if debug():
            super().handle_error(request, client_address)
            return
        _report(exc)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


def _report(exc: BaseException) -> None:
    try:
        sys.stderr.write(f"aligner: review: internal error answering a request ({type(exc).__name__}: {exc}). "
                         "This is a bug: please report it (ALIGNER_DEBUG=1 shows the traceback).\n")
    except (OSError, ValueError):
        pass


def start(session: Session, port: int = 0) -> tuple[ReviewServer, threading.Thread]:
    """Serve in a background thread (tests, and the CLI, which waits for Ctrl-C)."""
    server = ReviewServer(session, port)
    thread = threading.Thread(target=server.serve_forever, name="aligner-review", daemon=True)
    thread.start()
    return server, thread

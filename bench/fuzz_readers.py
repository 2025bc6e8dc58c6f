#!/usr/bin/env python3
"""Fuzz every reader of user files for a fixed time; print executions and crashes.

A *crash* is any exception other than :class:`aligner.errors.AlignerError` (the typed error
the CLI turns into one line and exit status 2), or a hang past ``--timeout``. Zero crashes is
the bar. Readers: ``text`` (decode, clean, segment), ``tmx`` (the library's TMX reader and
``check``'s), ``xliff``, ``tbx``, ``csv`` (a bilingual CSV TM and a CSV/OmegaT glossary) and ``srx``
(the ``--srx`` rules: XML plus Java regular expressions, then used to segment a paragraph) and
``formats`` (the Markdown, HTML and subtitle readers through ``read_document``: YAML and TOML
and JSON front matter, MDX, shortcodes, link definitions, tags and shown attributes, cues,
bilingual subtitles, ASS scripts; the input's first byte picks
the file's extension).

The engine is atheris (coverage-guided libFuzzer over the instrumented ``aligner`` and
``translate`` code) when installed, else hypothesis-generated mutations of the same seeds.
Each reader runs in its own process (atheris fuzzes once per process); all run in parallel.

    python bench/fuzz_readers.py --seconds 60            # every reader, 60 s each
    python bench/fuzz_readers.py --reader tmx --seconds 10
    python bench/fuzz_readers.py --seconds 2 --json      # what the CI test runs

Crashing inputs are written to ``--crash-dir`` (default: a temporary folder) for replay.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

READERS = ("text", "tmx", "xliff", "tbx", "csv", "srx", "formats")

TMX = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"><prop type="x-a">b</prop></header>
<body>
<tu tuid="1"><prop type="x-score">0.9</prop><note>n</note><tuv xml:lang="zh-CN"><seg>\xe6\xb7\xb1\xe5\xba\xa6<bpt i="1">&lt;b&gt;</bpt>x<ept i="1">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph></seg></tuv><tuv xml:lang="en-US"><seg>Deep <hi>learning</hi></seg></tuv></tu>
<tu><tuv lang="zh"><seg>a</seg></tuv></tu>
</body></tmx>
"""
XLIFF = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="a"><body>
<trans-unit id="1"><source>\xe6\xb7\xb1\xe5\xba\xa6<g id="1">x</g></source><target state="translated">Deep <x id="2"/></target><note>n</note></trans-unit>
<group id="g"><trans-unit id="2"><source>b</source></trans-unit></group>
</body></file></xliff>
"""
XLIFF2 = b"""<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit id="u"><segment><source>\xe4\xb8\x80<pc id="1">x</pc></source><target>One</target></segment></unit></file></xliff>
"""
TBX = b"""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="1"><descrip type="definition">d</descrip><langSet xml:lang="zh-CN"><tig><term>\xe6\xb7\xb1\xe5\xba\xa6</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet><langSet xml:lang="en-US"><tig><term>deep</term></tig><ntig><termGrp><term>deep2</term></termGrp></ntig></langSet></termEntry>
</body></text></martif>
"""
TBX3 = b"""<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>
<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>\xe4\xb8\x80</term></termSec></langSec><langSec xml:lang="en"><termSec><term>one</term></termSec></langSec></conceptEntry>
</body></text></tbx>
"""
TEXT = ("\ufeff---\ntitle: x\n---\n# \u6807\u9898\n\n\u6458\u8981:\u672c\u6587\u7814\u7a76\u3002\u5173\u952e\u8bcd:\u7ffb\u8bd1;\u8bb0\u5fc6\n"
        "\u6768\u7acb\u6606(Yann LeCun)\u8bf4:\u6df1\u5ea6\u5b66\u4e60\u3002Mr. Smith went. \r\n\u2460 \u811a\u6ce8\n"
        "##### 1#  \u697c\u4e3b  \u53d1\u8868\u4e8e 2025-11-12 15:41\n<b>x</b>&amp;[url=https://x.com]y[/url]\n\x0c12\n"
        "\u8096 \u831c:\u4f60\u597d\u3002\n").encode("utf-8")
CSV_TM = "zh,en\n\u6df1\u5ea6\u5b66\u4e60,deep learning\n\"\u5f15,\u53f7\",\"a \"\"b\"\"\"\n".encode()
CSV_GLOSSARY = "zh,en,kind,definition,variants,forbidden\n\u6df1\u5ea6\u5b66\u4e60,deep learning,concept,d,DL,deep-learning\n".encode()
OMEGAT = "\u6df1\u5ea6\u5b66\u4e60\tdeep learning\tcomment\n# c\n".encode()

MARKDOWN = ("---\ntitle: \"\u5b89\u88c5\"\ndescription: >\n  \u7b2c\u4e00\u884c\n  \u7b2c\u4e8c\u884c\ntags: [a, b]\n---\n"
            "import X from 'y';\n\n:::tip[\u63d0\u793a]\n\u6b63\u6587[\u94fe\u63a5][r]\u3002[^1]\n:::\n[r]: https://x.org\n\n"
            "[^1]: \u811a\u6ce8\u3002\n[s]: /p \"t\"\n\n{{< figure caption=\"\u56fe\" >}}\n<Tabs><TabItem label=\"\u6807\">"
            "\u5185\u5bb9</TabItem></Tabs>\n\n| a | `b \\| c` |\n|---|---|\n| 1 | 2 |\n").encode("utf-8")
TOML_MD = ("+++\ntitle = \"\u6807\u9898\"\nsummary = \"\"\"\n\u4e00\n\u4e8c\"\"\"\ndate = 2024-01-01\n[params]\nx = 1\n+++\n"
           "!!! note \"\u6ce8\"\n    \u6b63\u6587\u3002\n").encode("utf-8")
HTML = ("<!DOCTYPE html><html><head><meta charset=\"gb2312\"><title>\u6807</title></head><body><nav>n</nav>"
        "<p>\u4e00<br>\u4e8c<ruby>\u6c49<rt>han</rt></ruby>&nbsp;<code>x</code></p><table><tr><td>\u683c</td></tr></table>"
        "<figure><img alt=\"a\"><figcaption>\u8bf4\u660e</figcaption></figure></body></html>").encode("utf-8")
SUBTITLES = ("\ufeff1\r\n00:00:01,000 --> 00:00:02,000 X1:1\r\n<i>\u4e00</i>{\\an8}\r\n\r\n3\r\n00:00:01,500 --> 00:00:03,000\r\n"
             "- \u4f60\u597d\u3002\r\n- \u597d\u3002\r\n").encode("utf-8")
VTT = ("WEBVTT\n\nNOTE x\n\nid\n00:01.000 --> 00:02.000 align:start\n<v A>\u4e00<rt>yi</rt></v>&amp;\n").encode("utf-8")
JSON_MD = ('{\n  "title": "\u6807\u9898",\n  "seo": {"description": "\u8bf4\u660e", "summary": ["\u4e00", "\u4e8c"]}\n}\n\n'
           "\u6b63\u6587\u3002\n").encode("utf-8")
HTML_ATTRS = ("<html lang=\"zh-TW\"><head><meta name=\"description\" content=\"\u63cf\u8ff0\"></head><body>"
              "<p><a href=\"#x\" title=\"\u6807\">\u00b6</a><q>\u5f15<q>\u5185</q></q><sup><a href=\"#fn1\">1</a></sup>"
              "<![if !supportLists]>1.<![endif]><input type=submit value=\"\u5b58\" placeholder=\"p\">"
              "<button aria-label=\"\u5173\">\u00d7</button></p><div id=\"footer\">f</div></body></html>").encode("utf-8")
BILINGUAL_SRT = ("1\n00:00:01,000 --> 00:00:02,000\n\u4f60\u597d\u3002\nHello there.\n\n2\n00:00:02,000 --> "
                 "00:00:03,000\n[\u97f3\u4e50]\n\n3\n00:00:03,000 --> 00:00:04,000\nGood bye.\n\u518d\u89c1\u3002\n").encode("utf-8")
ASS = ("[Script Info]\nTitle: x\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
       "Dialogue: 0,0:00:01.00,0:00:02.00,Default,A,0,0,0,,\u4f60\u597d\u3002{\\i1}\\NHello.\n"
       "Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,{\\p1}m 0 0 l 1 1{\\p0}\n").encode("utf-8")
#: the extension a ``formats`` input is read under, picked by its first byte
FORMAT_SUFFIXES = (".md", ".mdx", ".html", ".srt", ".vtt", ".txt", ".ass")

SEEDS: dict[str, list[bytes]] = {
    "text": [TEXT, TEXT.decode().encode("gb18030"), b"\xff\xfe" + TEXT.decode().encode("utf-16-le"),
             "\u4eba\u5de5\u667a\u6167\u3002".encode("big5"), b"a\x00b\n\xff\xfe\n"],
    "tmx": [TMX, TMX.replace(b'version="1.4"', b'version="1.1"')],
    "xliff": [XLIFF, XLIFF2],
    "tbx": [TBX, TBX3],
    "csv": [CSV_TM, CSV_GLOSSARY, OMEGAT, b"source\ttarget\nx\ty\n"],
    "srx": [(ROOT / "aligner" / "data" / "srx" / "default.srx").read_bytes()],
    "formats": [MARKDOWN, TOML_MD, HTML, SUBTITLES, VTT, JSON_MD, HTML_ATTRS, BILINGUAL_SRT, ASS],
}


def _with_file(data: bytes, suffix: str, read: Callable[[Path], object]) -> None:
    handle, name = tempfile.mkstemp(suffix=suffix, dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        read(Path(name))
    finally:
        os.unlink(name)


def target(reader: str) -> Callable[[bytes], None]:
    """The function that feeds one input to ``reader``'s public entry points."""
    from aligner.check.units import UnitReader, read_units
    from aligner.documents import decode, read_text
    from aligner.formats.glossary_read import read_glossary_file
    from aligner.formats.tmx import read_tmx
    from aligner.segment import segment_paragraphs, split_sentences
    from aligner.segment.srx import parse_srx

    def units(data: bytes) -> None:
        list(read_units(["-"], reader=UnitReader(stdin=io.BytesIO(data))))

    def text(data: bytes) -> None:
        decoded, _ = decode(data, Path("f.txt"))
        doc = read_text(decoded, Path("f.txt"))
        segment_paragraphs(doc.zh + doc.en, doc.stem)

    def tmx(data: bytes) -> None:
        _with_file(data, ".tmx", lambda p: list(read_tmx(p)))
        units(data)

    def glossary(data: bytes, suffix: str) -> None:
        _with_file(data, suffix, read_glossary_file)

    def formats(data: bytes) -> None:
        from aligner.documents import read_document

        suffix = FORMAT_SUFFIXES[data[0] % len(FORMAT_SUFFIXES)] if data else ".md"
        _with_file(data, suffix, read_document)

    return {
        "text": text,
        "tmx": tmx,
        "xliff": units,
        "tbx": lambda data: glossary(data, ".tbx"),
        "csv": lambda data: (units(data), glossary(data, ".csv"), glossary(data, ".utf8")),
        "formats": formats,
        "srx": lambda data: [split_sentences("Mr. Smith went. 他说：“好。”然后走了！3.14 e.g. this?", lang,
                                             parse_srx(data, "f.srx")) for lang in ("zh", "en")],
    }[reader]


class Tally:
    """Executions and distinct crashes (by exception type and innermost aligner frame)."""

    def __init__(self, reader: str, crash_dir: Path) -> None:
        self.reader = reader
        self.crash_dir = crash_dir
        self.executions = 0
        self.crashes: dict[str, dict[str, str]] = {}
        self.started = time.monotonic()

    def run(self, fn: Callable[[bytes], None], data: bytes) -> None:
        from aligner.errors import AlignerError

        self.executions += 1
        try:
            fn(data)
        except AlignerError:
            pass
        except RecursionError:  # the CLI answers it with a one-line message, exit 2
            pass
        except Exception as exc:  # noqa: BLE001 - a crash is what we are looking for
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/aligner/" in f.filename]
            where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
            key = f"{type(exc).__name__} at {where}"
            if key not in self.crashes:
                self.crash_dir.mkdir(parents=True, exist_ok=True)
                sample = self.crash_dir / f"{self.reader}-{hashlib.sha1(data).hexdigest()[:12]}"
                sample.write_bytes(data)
                self.crashes[key] = {"error": f"{type(exc).__name__}: {str(exc)[:200]}", "input": str(sample)}

    def summary(self) -> dict[str, object]:
        return {"reader": self.reader, "executions": self.executions, "crashes": len(self.crashes),
                "seconds": round(time.monotonic() - self.started, 1), "crash_kinds": self.crashes}


def run_atheris(reader: str, seconds: float, crash_dir: Path, min_runs: int = 0) -> None:
    import atheris

    with atheris.instrument_imports(include=["aligner", "translate"]):
        fn = target(reader)
    tally = Tally(reader, crash_dir)
    deadline = time.monotonic() + seconds
    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{reader}-"))
    for number, seed in enumerate(SEEDS[reader]):
        (corpus / f"seed{number}").write_bytes(seed)
    # libFuzzer ends the process with C exit(), which skips Python's atexit: the time limit
    # is kept here instead, and the summary printed before leaving
    crash_dir.mkdir(parents=True, exist_ok=True)
    # libFuzzer writes crash-/oom-/timeout- files into the working folder unless told where
    argv = [sys.argv[0], f"-max_total_time={int(seconds) + 240}", "-rss_limit_mb=2048",
            f"-artifact_prefix={crash_dir}{os.sep}",
            "-timeout=20", "-max_len=65536", "-print_final_stats=0", str(corpus)]

    def one_input(data: bytes) -> None:
        if time.monotonic() > deadline and tally.executions >= min_runs:
            print("FUZZ-RESULT " + json.dumps(tally.summary()), flush=True)
            os._exit(0)
        tally.run(fn, data)

    sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # libFuzzer's progress lines: the summary on stdout says it all
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def run_hypothesis(reader: str, seconds: float, crash_dir: Path, min_runs: int = 0) -> None:
    """Without atheris: hypothesis mutates the seeds (splices, byte flips, truncation)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    fn = target(reader)
    tally = Tally(reader, crash_dir)
    deadline = time.monotonic() + seconds

    @st.composite
    def inputs(draw: st.DrawFn) -> bytes:
        data = bytearray(draw(st.sampled_from(SEEDS[reader])))
        for _ in range(draw(st.integers(0, 8))):
            op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice"]))
            at = draw(st.integers(0, max(0, len(data) - 1)))
            if op == "flip" and data:
                data[at] = draw(st.integers(0, 255))
            elif op == "insert":
                data[at:at] = draw(st.binary(max_size=16) | st.sampled_from(
                    [b"<", b"&", b"]]>", b"<!ENTITY a 'b'>", b"\x00", b"\xff\xfe", b'"', b"\t", b"\r\n", b"&#0;"]))
            elif op == "delete":
                del data[at:at + draw(st.integers(1, 32))]
            elif op == "truncate":
                del data[at:]
            else:
                other = draw(st.sampled_from(SEEDS[reader]))
                data[at:] = other[draw(st.integers(0, len(other))):]
        return bytes(data)

    @settings(max_examples=10**9, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(inputs())
    def fuzz(data: bytes) -> None:
        if time.monotonic() > deadline and tally.executions >= min_runs:
            raise _Done
        tally.run(fn, data)

    try:
        fuzz()
    except _Done:
        pass
    print("FUZZ-RESULT " + json.dumps(tally.summary()), flush=True)


class _Done(Exception):
    pass


def engine() -> str:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return "hypothesis"
    return "atheris"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reader", choices=READERS, action="append", help="only this reader (repeatable)")
    parser.add_argument("--seconds", type=float, default=30.0, help="fuzzing time per reader")
    parser.add_argument("--min-runs", type=int, default=0,
                        help="keep going past --seconds until this many inputs ran (a loaded machine)")
    parser.add_argument("--engine", choices=["atheris", "hypothesis"], default=engine())
    parser.add_argument("--crash-dir", type=Path, default=None, help="where crashing inputs are saved")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    crash_dir = args.crash_dir or Path(tempfile.mkdtemp(prefix="fuzz-crashes-"))
    readers = args.reader or list(READERS)

    if args.worker:  # one reader in this process
        (run_atheris if args.engine == "atheris" else run_hypothesis)(readers[0], args.seconds, crash_dir, args.min_runs)
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from measure import measured

    with measured("fuzzing, all workers (executions per second depend on the load)") as span:
        results = _run_workers(args, readers, crash_dir)
    if args.json:
        print(json.dumps({"engine": args.engine, "seconds_per_reader": args.seconds, "results": results,
                          "measure": span.line()}, indent=2))
    else:
        print(f"engine: {args.engine}; {args.seconds:g} s per reader; crash inputs in {crash_dir}")
        print(f"{'reader':<8} {'executions':>11} {'exec/s':>8} {'crashes':>8}")
        for r in results:
            rate = r["executions"] / r["seconds"] if r["seconds"] else 0
            print(f"{r['reader']:<8} {r['executions']:>11} {rate:>8.0f} {r['crashes']:>8}")
            for kind, info in r["crash_kinds"].items():
                print(f"  {kind}: {info['error']} ({info['input']})")
        total = sum(r["crashes"] for r in results)
        print(f"total: {sum(r['executions'] for r in results)} executions, {total} crashes")
        print(span.line())
    return 1 if any(r["crashes"] for r in results) else 0


def _run_workers(args: argparse.Namespace, readers: list[str], crash_dir: Path) -> list[dict]:
    """One fuzzing worker process per reader, run side by side; their result records."""
    procs = {
        reader: subprocess.Popen(
            [sys.executable, __file__, "--worker", "--reader", reader, "--seconds", str(args.seconds),
             "--min-runs", str(args.min_runs), "--engine", args.engine, "--crash-dir", str(crash_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for reader in readers
    }
    results = []
    for reader, proc in procs.items():
        out, err = proc.communicate(timeout=args.seconds + 300)
        lines = [line for line in out.splitlines() if line.startswith("FUZZ-RESULT ")]
        if lines:
            results.append(json.loads(lines[-1][len("FUZZ-RESULT "):]))
        else:  # the worker itself died (a hang past -timeout, out of memory, a native crash)
            results.append({"reader": reader, "executions": 0, "crashes": 1, "seconds": args.seconds,
                            "crash_kinds": {"worker died": {"error": (err or out)[-500:], "input": ""}}})
    return results


if __name__ == "__main__":
    sys.exit(main())

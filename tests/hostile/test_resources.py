"""Entity bombs and big inputs: bounded memory, no file read behind the user's back, and each
command run once on a 10 MB single line and on 200,000 short lines (issue 8)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import TBX, TMX, XLIFF, _body, invoke

MAX_RSS_MB = 200
SECRET = "CANARY-7f3e-not-to-be-read"

PROBE = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    from aligner.errors import AlignerError
    from aligner.check.units import read_units
    from aligner.formats.glossary_read import read_glossary_file
    from aligner.formats.tmx import read_tmx

    results = {}
    for name in sys.argv[1:]:
        path = Path(name)
        readers = {".tmx": [lambda p: list(read_tmx(p)), lambda p: list(read_units([p]))],
                   ".xlf": [lambda p: list(read_units([p]))],
                   ".tbx": [read_glossary_file]}[path.suffix]
        for number, reader in enumerate(readers):
            try:
                out = repr(reader(path))
            except AlignerError as exc:
                out = "AlignerError: " + str(exc)
            results[f"{path.name}#{number}"] = out
    # VmHWM: this process image's peak RSS (ru_maxrss would include the parent's, inherited
    # across fork and exec)
    status = Path("/proc/self/status")
    hwm = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")] if status.exists() else []
    results["maxrss_kb"] = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(results, ensure_ascii=False))
""")


def _bombs(folder: Path, fifo: Path) -> list[Path]:
    """XXE (a file and a FIFO that blocks whoever opens it), billion laughs, quadratic blowup,
    an external DTD and a parameter entity, in each XML format."""
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
    dtds = {
        "xxe_file": '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        "xxe_fifo": f'<!DOCTYPE r [<!ENTITY e SYSTEM "file://{fifo}">]>',
        "laughs": f"<!DOCTYPE r [{lol}<!ENTITY e \"&l9;\">]>",
        "quadratic": f'<!DOCTYPE r [<!ENTITY e "{"x" * 50_000}">]>',
        "parameter": f'<!DOCTYPE r [<!ENTITY % p SYSTEM "file://{fifo}"> %p;]>',
        "external_dtd": f'<!DOCTYPE r SYSTEM "file://{fifo}">',
    }
    paths = []
    for ext, xml, text in (("tmx", TMX, "Deep learning"), ("xlf", XLIFF, "Deep learning"), ("tbx", TBX, "deep learning")):
        for kind, dtd in dtds.items():
            use = "&e;" * (5000 if kind == "quadratic" else 1)
            body = _body(xml).replace(text, use if kind != "external_dtd" else text, 1)
            path = folder / f"{kind}.{ext}"
            path.write_text('<?xml version="1.0"?>\n' + dtd + "\n" + body, encoding="utf-8")
            paths.append(path)
    return paths


def test_entity_bombs_are_refused_in_bounded_memory_without_reading_files(tmp_path: Path) -> None:
    fifo = tmp_path / "secret.fifo"
    os.mkfifo(fifo)  # opening it for reading blocks: a reader that follows an entity hangs
    paths = _bombs(tmp_path, fifo)
    proc = subprocess.run([sys.executable, "-c", PROBE, *map(str, paths)], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    results = json.loads(proc.stdout)
    rss_mb = results.pop("maxrss_kb") / 1024
    assert rss_mb < MAX_RSS_MB, f"peak RSS {rss_mb:.0f} MB"
    for name, out in results.items():
        assert "root:" not in out, name  # /etc/passwd never shows up
        if name.startswith("external_dtd"):
            # no entity declared: the DTD is not loaded (the FIFO would have blocked) and
            # the file reads normally
            assert not out.startswith("AlignerError"), (name, out)
        else:
            assert out.startswith("AlignerError: ") and "declares the XML entity" in out, (name, out)


@pytest.fixture(scope="module")
def big_runs(big: Path, hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("big-out")
    commands = {
        "read-10mb": ["read", f"{big}/line_10mb.txt"],
        "segment-10mb": ["segment", f"{big}/line_10mb.txt"],
        "read-200k": ["read", f"{big}/lines_200k.txt"],
        "segment-200k": ["segment", f"{big}/lines_200k.txt"],
        "check-200k": ["check", f"{big}/tm_200k.csv", "-g", f"{hostile}/glossary.csv"],
        "align-200k": ["align", f"{big}/lines_200k.txt", f"{hostile}/en_only.txt", "--scorer", "length",
                       "-o", f"{out}/a.tmx", "--format", "tmx"],
        "extract-10mb": ["glossary", "extract", f"{big}/line_10mb.txt", "-o", f"{out}/g1.tbx"],
        "extract-200k": ["glossary", "extract", f"{big}/lines_200k.txt", "-o", f"{out}/g2.tbx"],
        "build-200k": ["build", "--corpus", f"{big}/corpus", "--out", f"{out}/build"],
    }
    return {name: invoke(args) for name, args in commands.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name, code, err_last, out_lines", [
    ("read-10mb", 0, "{big}/line_10mb.txt: plain, utf-8; 1 Chinese and 0 English paragraphs", 1),
    ("segment-10mb", 0, None, 10 * 1024 * 1024 // len("人工智能的发展引起了广泛关注。".encode())),
    ("read-200k", 0, "{big}/lines_200k.txt: plain, utf-8; 1 Chinese and 0 English paragraphs", 1),
    ("segment-200k", 0, None, 200_000),
    ("check-200k", 0, None, None),
    ("align-200k", 0, "200000 Chinese and 3 English sentences", 0),
    # the glossary's URL pattern was quadratic on a paragraph without spaces: 200,000 lines
    # never finished
    ("extract-10mb", 0, "0 terms from 1 document", None),
    ("extract-200k", 0, "0 terms from 1 document", None),
    ("build-200k", 0, None, None),
])
def test_big_inputs(big_runs: dict, big: Path, name: str, code: int, err_last: str | None,
                    out_lines: int | None) -> None:
    run = big_runs[name]
    assert "Traceback" not in run.err
    assert run.code == code, run.err[-2000:]
    if err_last:
        assert err_last.replace("{big}", str(big)) in run.err
    if out_lines is not None:
        assert run.out.count("\n") == out_lines
    if name == "build-200k":  # no English: read, glossary and segmentation of 200,000 lines
        assert "lines_200k  (plain, utf-8)\n  segments: 200000 zh, 0 en\n" in run.out
    if name == "check-200k":
        assert run.out == ("200000 units in 1 file against 1 glossary term: 200000 term occurrences, "
                           "no findings.\n")



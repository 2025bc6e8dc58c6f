"""CSV, OmegaT .utf8 and JSON glossary writers and the format registry: golden files,
exact columns, sanitising, and round trips through csv / translate-toolkit's OmegaT reader."""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage.omegat import OmegaTFile

from aligner.errors import UsageError
from aligner.formats.cellguard import unescape_cell
from aligner.formats.glossary_files import CSV_COLUMNS, sanitise_tsv_field, write_csv, write_json, write_utf8
from aligner.formats.registry import FORMAT_CHOICES, GlossaryFormat, glossary_format, write_glossary
from aligner.formats.xmltext import xml_clean
from aligner.model import Source, TermEntry
from tests.formats_helpers import csv_rows, load_entries

DATA = Path(__file__).parent / "data" / "formats"
SIGNATURE = "aligner|glossary|src:zh-CN|tgt:en-US|version:0.1.0"


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [(GlossaryFormat.CSV, "small.csv"), (GlossaryFormat.UTF8, "small.utf8"), (GlossaryFormat.JSON, "small.json")],
)
def test_golden_file(tmp_path: Path, fmt: GlossaryFormat, golden: str) -> None:
    out = tmp_path / golden
    write_glossary(load_entries(), out, fmt, signature=SIGNATURE)
    if os.environ.get("UPDATE_GOLDEN"):
        (DATA / golden).write_bytes(out.read_bytes())
    assert out.read_bytes() == (DATA / golden).read_bytes()


def test_csv_has_a_header_row_and_one_row_per_entry(tmp_path: Path) -> None:
    report = write_csv(load_entries(), tmp_path / "g.csv")
    raw = (tmp_path / "g.csv").read_bytes()
    # the header is a '#' line: OmegaT's CSV glossary reader skips it instead of taking "zh -> en"
    assert raw.startswith(b"#zh,en,kind,doc,line,status,count,definition,sources,variants,evidence,keep_as_is,variant_sources\r\n")
    assert raw.split(b"\r\n")[0].decode().removeprefix("#").split(",") == list(CSV_COLUMNS)
    rows = csv_rows(raw)
    assert (report.entries, len(rows)) == (6, 6)
    assert rows[0] == {
        "zh": "杨立昆", "en": "Yann LeCun", "kind": "person", "doc": "fixture", "line": "3",
        "status": "attested", "count": "2", "definition": "", "sources": "fixture:3;other_doc:12",
        "variants": "LeCun", "evidence": "paren", "keep_as_is": "no", "variant_sources": "",
    }
    assert (rows[3]["doc"], rows[3]["line"], rows[3]["status"]) == ("", "", "proposed")
    # quoted, and on one line: OmegaT's CSV reader would end the entry at a line break
    assert rows[5]["en"] == 'large model, "LLM" plural: models'
    assert (report.fields_sanitised, raw.count(b"\n")) == (1, 7)


def test_csv_bom_for_excel(tmp_path: Path) -> None:
    write_csv(load_entries()[:1], tmp_path / "g.csv", bom=True)
    assert (tmp_path / "g.csv").read_bytes().startswith(b"\xef\xbb\xbf#zh,en,")


def test_utf8_is_what_omegat_reads(tmp_path: Path) -> None:
    report = write_utf8(load_entries(), tmp_path / "g.utf8", signature=SIGNATURE)
    lines = (tmp_path / "g.utf8").read_text(encoding="utf-8").split("\n")
    assert lines[0] == f"# {SIGNATURE}"
    assert lines[1] == "杨立昆\tYann LeCun\tperson; attested; also: LeCun; sources: fixture:3, other_doc:12"
    # a Chinese variant gets its own line so OmegaT finds it in the source text
    assert lines[3].startswith("有效加速\teffective accelerationism\tvariant of 有效加速主义; concept;")
    assert lines[5] == "智源\tZhiyuan\torg; proposed: English form made by the tool, verify"
    assert lines[-2] == "大模型 (口语)\tlarge model, \"LLM\" plural: models\tconcept; attested; sources: fixture:3"
    assert lines[-1] == ""
    assert all(line.count("\t") == 2 for line in lines[1:-1])
    assert (report.entries, report.rows, report.fields_sanitised) == (6, 7, 2)


def test_utf8_comment_lists_at_most_five_sources(tmp_path: Path) -> None:
    entry = TermEntry("模型", "model", sources=tuple(Source("d", n) for n in range(1, 9)))
    write_utf8([entry], tmp_path / "g.utf8")
    comment = (tmp_path / "g.utf8").read_text(encoding="utf-8").split("\n")[1].split("\t")[2]
    assert comment == "other; attested; sources: d:1, d:2, d:3, d:4, d:5 (+3 more)"


def test_json_keeps_every_field(tmp_path: Path) -> None:
    write_json(load_entries(), tmp_path / "g.json", signature=SIGNATURE)
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["generator"] == SIGNATURE
    assert data["entries"][0]["sources"] == [{"doc": "fixture", "line": 3}, {"doc": "other_doc", "line": 12}]
    assert data["entries"][4]["keep_as_is"] is True


def test_registry_names_every_format() -> None:
    assert FORMAT_CHOICES == ("tbx", "tbx3", "csv", "utf8", "json")
    assert glossary_format("TBX3") is GlossaryFormat.TBX3
    assert [f.suffix for f in GlossaryFormat] == [".tbx", ".tbx", ".csv", ".utf8", ".json"]
    with pytest.raises(UsageError) as err:
        glossary_format("xlsx")
    assert str(err.value) == "unknown glossary format 'xlsx'. use one of tbx|tbx3|csv|utf8|json."


@pytest.mark.parametrize("fmt", list(GlossaryFormat))
def test_registry_dispatches_to_each_writer(tmp_path: Path, fmt: GlossaryFormat) -> None:
    out = tmp_path / f"g{fmt.suffix}"
    report = write_glossary(load_entries(), out, fmt.value)
    assert report.entries == 6
    assert out.read_bytes()[:5] in (b"<?xml", b"#zh,e", b"# ali", b'{\n  "')


field = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(["\t", "\n", "\r\n", '"', ",", ";", "\x00", "\ufffe"])),
    min_size=1, max_size=20,
).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.lists(st.tuples(field, field, field), min_size=1, max_size=4))
def test_any_text_round_trips(pairs: list[tuple[str, str, str]]) -> None:
    entries = [TermEntry(zh, en, definition=d) for zh, en, d in pairs]
    clean = lambda s: xml_clean(s)[0]  # noqa: E731
    kept = [(clean(zh), clean(en), clean(d)) for zh, en, d in pairs if clean(zh).strip() and clean(en).strip()]
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, utf8_path = Path(tmp) / "g.csv", Path(tmp) / "g.utf8"
        write_csv(entries, csv_path)
        rows = csv_rows(csv_path.read_bytes())
        one_line = lambda s: re.sub(r"[\r\n]+", " ", s)  # noqa: E731
        assert [(unescape_cell(r["zh"]), unescape_cell(r["en"]), unescape_cell(r["definition"])) for r in rows] == \
            [tuple(map(one_line, k)) for k in kept]

        write_utf8(entries, utf8_path)
        store = OmegaTFile(utf8_path.open("rb"))
        units = [u for u in store.units if u.source and not u.source.startswith("#")]
        expected = [(sanitise_tsv_field(zh), sanitise_tsv_field(en)) for zh, en, _ in kept if not sanitise_tsv_field(zh).startswith("#")]
        # OmegaT's reader is line based; a lone U+0085/U+2028 is not a line break to it
        assert [(u.source, u.target) for u in units] == expected

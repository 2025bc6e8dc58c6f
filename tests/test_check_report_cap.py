"""The text report of ``aligner check`` lists at most 10 places per translation of a source
translated differently across files, then says how many more there are; the JSON report
keeps every place (a source repeated in hundreds of segments must not print hundreds)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import Unit, check
from aligner.check.report import MAX_LOCATIONS
from aligner.cli import cli
from aligner.model import TermEntry

GLOSSARY = [TermEntry("对齐", "alignment")]


def _units(majority: int, minority: int = 2) -> list[Unit]:
    return ([Unit("a.po", "", n, "对齐很重要。", "Alignment matters.") for n in range(1, majority + 1)]
            + [Unit("b.po", "", 4 * n, "对齐很重要。", "Alignment is important.")
               for n in range(1, minority + 1)])


def _translation_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("  translations:") + 1
    return lines[start:lines.index("", start)]


def test_places_beyond_ten_are_counted_not_listed() -> None:
    text = check(_units(12), GLOSSARY).to_text()
    assert _translation_lines(text) == [
        "    Alignment matters.  (12): a.po:1, a.po:2, a.po:3, a.po:4, a.po:5, a.po:6, a.po:7, "
        "a.po:8, a.po:9, a.po:10, … and 2 more (see --json)",
        "    Alignment is important.  (2): b.po:4, b.po:8",
    ]


@pytest.mark.parametrize(("count", "tail"), [
    (MAX_LOCATIONS, "a.po:10"),
    (MAX_LOCATIONS + 1, "a.po:10, … and 1 more (see --json)"),
    (300, "a.po:10, … and 290 more (see --json)"),
])
def test_cap_boundary(count: int, tail: str) -> None:
    first = _translation_lines(check(_units(count), GLOSSARY).to_text())[0]
    assert first.startswith(f"    Alignment matters.  ({count}): a.po:1, ")
    assert first.endswith(tail)
    assert first.count("a.po:") == min(count, MAX_LOCATIONS)


def test_every_translation_is_capped_on_its_own() -> None:
    """The minority translation repeated 15 times is capped too, and its warnings stay."""
    text = check(_units(20, 15), GLOSSARY).to_text()
    lines = _translation_lines(text)
    assert lines[0].endswith("a.po:10, … and 10 more (see --json)")
    assert lines[1] == ("    Alignment is important.  (15): " + ", ".join(f"b.po:{4 * n}" for n in range(1, 11))
                        + ", … and 5 more (see --json)")
    assert text.count("\n  warning b.po:") == 15


def test_json_keeps_every_place() -> None:
    data = check(_units(300), GLOSSARY).to_json()
    [term] = data["terms"]
    assert [(v["target"], len(v["at"])) for v in term["variants"]] == [
        ("Alignment matters.", 300), ("Alignment is important.", 2)]
    assert term["variants"][0]["at"][-1] == "a.po:300"
    assert "more" not in json.dumps(data)


def test_cap_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("glossary.csv").write_text("zh,en\n对齐,alignment\n", encoding="utf-8")
    Path("a.csv").write_text("zh,en\n" + "对齐很重要。,Alignment matters.\n" * 13, encoding="utf-8")
    Path("b.csv").write_text("zh,en\n对齐很重要。,Alignment is important.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "a.csv", "b.csv", "-g", "glossary.csv"])
    assert result.exit_code == 0, result.output
    places = ", ".join(f"a.csv:{n}" for n in range(2, 12))
    assert f"    Alignment matters.  (13): {places}, … and 3 more (see --json)\n" in result.stdout
    as_json = CliRunner().invoke(cli, ["check", "a.csv", "b.csv", "-g", "glossary.csv", "--json"])
    variants = json.loads(as_json.stdout)["terms"][0]["variants"]
    assert variants[0]["at"] == [f"a.csv:{n}" for n in range(2, 15)]

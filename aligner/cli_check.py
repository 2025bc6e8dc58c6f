"""``aligner check``: the click command; the work is :mod:`aligner.check`'s. Imported by
:mod:`.cli`, which registers it."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .cli import Command, strict_option
from .wording import count


def _list_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--list-rules: every rule with its severity, whether it is on by default, what it finds."""
    if not value or ctx.resilient_parsing:
        return
    from .check.rules import families

    for family in families():
        for rule in family.rules:
            state = "on " if rule.default else "off"
            click.echo(f"{rule.id:<22} {family.name:<12} {rule.severity.value:<7} {state}  {rule.summary}")
    ctx.exit(0)


def _echo_pieces(pieces: Iterator[str], size: int = 1 << 16) -> None:
    """Write a report as it is made, in blocks (click flushes every echo)."""
    block: list[str] = []
    held = 0
    for piece in pieces:
        block.append(piece)
        held += len(piece)
        if held >= size:
            click.echo("".join(block), nl=False)
            block, held = [], 0
    click.echo("".join(block), nl=False)


@click.command("check", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("-g", "--glossary", required=True, type=click.Path(path_type=Path),
              help="Glossary: TBX v2/v3, CSV with a zh,en header, or OmegaT tab-separated.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True,
              help="Report format: text, JSON (schema: docs/check.md) or a self-contained HTML page.")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option("--rule", "only", multiple=True, metavar="ID",
              help="Run only these rules (ids or families, comma-separated or repeated; "
                   "--list-rules names them). Default: every rule on by default.")
@click.option("--skip-rule", "skip", multiple=True, metavar="ID",
              help="Do not run these rules (ids or families, comma-separated or repeated).")
@click.option("--list-rules", is_flag=True, expose_value=False, is_eager=True, callback=_list_rules,
              help="List every rule (id, family, severity, on/off by default) and exit.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Exit 1 when a finding reaches this severity.")
@click.option("--include-fuzzy", is_flag=True,
              help="Also check fuzzy / needs-review entries (skipped and counted by default); "
                   "their findings are marked fuzzy.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for a large check (TMX files of 6 MB or more: each worker "
                   "reads its own part of the file; other inputs: past 20,000 units; default: the "
                   "number of cores). The report is the same for any number.")
@strict_option
def check_command(files: tuple[Path, ...], glossary: Path, fmt: str, as_json: bool,
                  only: tuple[str, ...], skip: tuple[str, ...], fail_on: str, strict: bool,
                  include_fuzzy: bool, jobs: int | None) -> None:
    """Check TMX, XLIFF, PO or bilingual CSV/TSV files (folders, - for stdin) against a glossary
    and the QA rules (numbers, tags and placeholders, punctuation, copied sources, consistency).

    Exits 1 when findings reach --fail-on.
    """
    from .check import run_check, select_rules
    from .model import Severity
    from .runner.base import default_jobs

    fmt = "json" if as_json else fmt
    rules = select_rules(only, skip)
    report = run_check(list(files), glossary, strict=strict, include_fuzzy=include_fuzzy, rules=rules,
                       jobs=jobs or default_jobs())
    if report.fuzzy_skipped and fmt != "text":  # the text summary says so itself
        n = report.fuzzy_skipped
        click.echo(f"aligner check: skipped {count(n, 'fuzzy entry')} "
                   "(unreviewed, not counted as translations); --include-fuzzy checks them", err=True)
    if fmt == "json":  # streamed, a finding at a time: the same text as echo_json(report.to_json())
        _echo_pieces(report.iter_json())
        click.echo()
    elif fmt == "html":
        from .check.html import report_html

        click.echo(report_html(report), nl=False)
    else:
        _echo_pieces(report.iter_text())
    if report.reaches(Severity(fail_on)):
        sys.exit(1)

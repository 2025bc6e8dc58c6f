"""``aligner glossary extract`` and ``merge``: the click commands; the work is
:mod:`aligner.glossary.jobs`'s. Imported by :mod:`.cli`, which registers the group."""
from __future__ import annotations

from pathlib import Path

import click

from .bounds import MAX_BRACKET_DEPTH
from .cli import (
    _GLOSSARY_FORMATS,
    SRCLANG_HELP,
    TGTLANG_HELP,
    Group,
    _json_needs_file,
    echo_json,
    strict_option,
)
from .cli_support import out_option, progress, progress_for, quiet_option
from .wording import count, noun


@click.group("glossary", cls=Group)
def glossary_group() -> None:
    """Extract a terminology glossary from documents, or merge it with yours."""


@glossary_group.command("extract", reads_documents=True)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option("Glossary file to write (atomically); - for stdout.")
@click.option("--format", "fmt", type=click.Choice(_GLOSSARY_FORMATS), default=None,
              help="tbx (v2, OmegaT), tbx3 (TBX-Basic v3), csv, utf8 (OmegaT), json "
                   "[default: from the -o suffix, json on stdout].")
@click.option("--json", "as_json", is_flag=True, help="Print the report (counts, conflicts) as JSON on stdout; needs -o FILE.")
@click.option("--srclang", default="zh-CN", show_default=True, help=SRCLANG_HELP)
@click.option("--tgtlang", default="en-US", show_default=True, help=TGTLANG_HELP)
@strict_option
@quiet_option
def glossary_extract(files: tuple[Path, ...], out: str, fmt: str | None, as_json: bool, srclang: str, tgtlang: str,
                     strict: bool, quiet: bool) -> None:
    """Extract zh/en term pairs from FILES (documents or folders), with provenance.

    Pairs come from brackets (杨立昆(Yann LeCun)), a paper's key words and authors, YAML
    front matter, Latin names kept as-is, and pinyin for Chinese-only names (proposed).
    Conflicts (one form, two renderings) are listed on stderr for you to decide.
    """
    from .glossary.jobs import run_extract

    _json_needs_file(as_json, out)
    report = run_extract(list(files), out, fmt, progress=progress_for(quiet), strict=strict, srclang=srclang,
                         tgtlang=tgtlang)
    data = report.to_dict()
    if as_json:
        echo_json(data)
        return
    by_status = ", ".join(f"{n} {s}" for s, n in data["by_status"].items())
    by_evidence = ", ".join(f"{k} {n}" for k, n in data["by_evidence"].items())
    target = "stdout" if out == "-" else out
    if not quiet:
        progress(f"aligner: {count(data['entries'], 'term')}" + (f" ({by_status})" if by_status else "")
                 + f" from {count(len(data['documents']), 'document')}; "
                 + (f"by evidence: {by_evidence}; " if by_evidence else "") + f"wrote {report.format} to {target}")
    for conflict in report.conflicts:  # for you to decide: printed even with --quiet
        progress(f"conflict: {conflict.describe()}")
    n = data["brackets_not_translations"]
    if n and not quiet:
        progress(f"note: {n} of {count(data['brackets'], 'bracket')} "
                 + ("is an aside, year, citation or list marker, not a translation, and gave no term" if n == 1 else
                    "are asides, years, citations or list markers, not translations, and gave no term"))
    n = data["brackets_too_deep"]
    if n:  # a bound of docs/hostile-input.md was reached: said even with --quiet
        progress(f"note: {count(n, 'bracket')} nested more than {MAX_BRACKET_DEPTH} deep "
                 f"{noun(n, 'was', 'were')} not read for terms")
    n = data["unused_front_matter_names"]
    if n and not quiet:
        progress(f"note: {count(n, 'front-matter name')} {noun(n, 'is', 'are')} not used in the text "
                 f"and {noun(n, 'was', 'were')} left out")
    for skipped in data["skipped_files"]:
        progress(f"skipped: {skipped}" if ": not read: " in skipped else f"skipped (not a text document): {skipped}")


@glossary_group.command("merge")
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("yours", type=click.Path(path_type=Path))
@out_option("Merged glossary to write (atomically); - for stdout.")
@click.option("--format", "fmt", type=click.Choice(_GLOSSARY_FORMATS), default=None,
              help="Output format [default: from the -o suffix, json on stdout].")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout; needs -o FILE.")
@strict_option
def glossary_merge(ours: Path, yours: Path, out: str, fmt: str | None, as_json: bool, strict: bool) -> None:
    """Merge OURS (an extracted glossary) into YOURS (TBX, CSV or OmegaT).

    Your entries always win. Our entries for Chinese terms you lack are added; where we
    propose a different English for a term you have, the proposal is reported, not applied.
    """
    from .glossary.jobs import run_merge

    _json_needs_file(as_json, out)
    report = run_merge(ours, yours, out, fmt, strict=strict)
    data = report.to_dict()
    if as_json:
        echo_json(data)
        return
    target = "stdout" if out == "-" else out
    progress(f"aligner: {count(data['entries'], 'term')}: kept all {data['kept_yours']} of yours, added "
             f"{data['added_ours']} of ours, {data['agreed']} agreed, {len(data['differences'])} "
             f"{noun(len(data['differences']), 'differs', 'differ')}; "
             f"wrote {report.format} to {target}")
    for difference in report.result.differences:
        progress(f"differs: {difference.describe()}")
    for where, reason in report.skipped:
        progress(f"skipped (cannot be merged): {where}: {reason}")

"""``aligner terms``: the click command; the work is :mod:`aligner.glossary.from_tm`'s.
Imported by :mod:`.cli`, which registers it."""
from __future__ import annotations

from pathlib import Path

import click

from .cli import (
    _GLOSSARY_FORMATS,
    SRCLANG_HELP,
    TGTLANG_HELP,
    Command,
    _json_needs_file,
    echo_json,
    strict_option,
)
from .cli_support import out_option, progress, quiet_option
from .wording import count


@click.command("terms", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@out_option("Glossary file to write (atomically); - for stdout.")
@click.option("--format", "fmt", type=click.Choice(_GLOSSARY_FORMATS), default=None,
              help="tbx (v2, OmegaT), tbx3 (TBX-Basic v3), csv, utf8 (OmegaT), json "
                   "[default: from the -o suffix, json on stdout].")
@click.option("--min-freq", type=click.IntRange(1), default=1, show_default=True,
              help="Pairs a Chinese candidate must occur in to be considered.")
@click.option("--explain", is_flag=True, help="Say on stderr why each pair was made (counts, Dice, CC-CEDICT senses, IBM-1).")
@click.option("--json", "as_json", is_flag=True, help="Print the report (every pair and why) as JSON on stdout; needs -o FILE.")
@click.option("--include-fuzzy", is_flag=True, help="Also read fuzzy / needs-review entries (skipped by default).")
@click.option("--no-embeddings", is_flag=True,
              help="Leave out the phrase embeddings: about a quarter less CPU on a large TM, but a pair seen "
                   "only once or twice is then proposed only from a bracket, the dictionary or the alignment model.")
@click.option("--srclang", default="zh-CN", show_default=True, help=SRCLANG_HELP)
@click.option("--tgtlang", default="en-US", show_default=True, help=TGTLANG_HELP)
@strict_option
@quiet_option
def terms_command(files: tuple[Path, ...], out: str, fmt: str | None, min_freq: int, explain: bool, as_json: bool,
                  include_fuzzy: bool, no_embeddings: bool, srclang: str, tgtlang: str, strict: bool,
                  quiet: bool) -> None:
    """Extract a termbase from TMX, XLIFF, PO or bilingual CSV/TSV files (folders, - for stdin).

    Chinese noun phrases (jieba) are paired with the English phrase of the same pairs that
    CC-CEDICT accounts for, that an IBM-1 model trained on the pairs explains, or that
    co-occurs with them consistently. Attested when the dictionary supports it in two or
    more units, or the model or the co-occurrence is strong in three or more; otherwise
    proposed. The evidence column names example pairs (doc:line of both sides).
    """
    from .glossary.from_tm.job import run_terms

    _json_needs_file(as_json, out)
    report = run_terms(list(files), out, fmt, min_freq=min_freq, strict=strict, include_fuzzy=include_fuzzy,
                       srclang=srclang, tgtlang=tgtlang, embeddings=not no_embeddings)
    if as_json:
        echo_json(report.to_dict())
        return
    if explain:
        for term in report.result.terms:
            progress(f"why: {term.explain()}")
    if not quiet:
        target = "stdout" if out == "-" else out
        progress(f"aligner: {report.result.summary()}; wrote {report.format} to {target}")
        if report.untranslated:
            progress(f"note: {count(report.untranslated, 'unit')} without both sides (or fuzzy) not read")
    for where, reason in report.skipped:
        progress(f"skipped: {where}: {reason}")

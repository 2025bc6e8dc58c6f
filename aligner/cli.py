"""The click commands: parse options, call one library function, format the result.

Nothing here does the work. Library errors (:class:`aligner.errors.AlignerError`) become one
line on stderr and exit status 2; progress goes to stderr; machine-readable output to stdout.
An OS error no library call wrapped (stdout on a full disk) is one line and status 2 too; any
other exception is a bug: one line naming it and status 70 (``ALIGNER_DEBUG=1`` re-raises).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .build import MIN_SCORE
from .cli_cache import cache_options, open_cache
from .cli_support import (EXIT_BAD_INPUT, EXIT_HANGUP, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_SKIPPED,  # noqa: F401
                          EXIT_STATUSES, EXIT_TERMINATED, ClosedStdout, HelpEpilog, Score, out_option,
                          probe_out_folder, progress, progress_for, quiet_option)
from .environment import check_environment, debug
from .errors import AlignerError, UsageError
from .interrupts import exit_status, install, interrupted
from .streams import prepare_streams
from .wording import count


class Command(HelpEpilog, click.Command):
    """A command whose --help ends with the formats it reads and its exit statuses."""


class Group(HelpEpilog, click.Group):
    """Turns library errors into one-line messages instead of tracebacks."""

    command_class = Command
    group_class = type  # subgroups are Groups too

    def invoke(self, ctx: click.Context) -> Any:
        try:
            if ctx.parent is None:  # once per run, before any command reads or writes
                prepare_streams()
                check_environment()
            return super().invoke(ctx)
        except AlignerError as exc:
            click.echo(f"aligner: {exc}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (aligner/interrupts.py)
            click.echo(f"aligner: {interrupted(exc)}", err=True)
            ctx.exit(exit_status(exc))
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except RecursionError:
            click.echo("aligner: input nests too deeply to process; simplify the file.", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except MemoryError:
            click.echo("aligner: out of memory; split the input into smaller files.", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OSError as exc:  # a read or write no library call wrapped, e.g. stdout on a full disk
            _silence_stdout()
            where = exc.filename or "writing the output"
            click.echo(f"aligner: {where}: {exc.strerror or exc}. check the path, its permissions and "
                       "the free space.", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except Exception as exc:  # a bug: one line, not a traceback, unless asked for
            if debug():
                raise
            click.echo(f"aligner: internal error ({type(exc).__name__}: {exc}). This is a bug: please "
                       "report it with the input that caused it (ALIGNER_DEBUG=1 shows the traceback).",
                       err=True)
            ctx.exit(EXIT_INTERNAL)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of a failed stdout does
    not print an 'Exception ignored' trace after our one-line message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout replaced by a test runner
        pass


def echo_json(data: Any) -> None:
    """Machine-readable output: deterministic JSON on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


SRCLANG_HELP = ("TMX/TBX source language: zh-CN, zh-Hans or zh; zh-TW, zh-HK or zh-Hant for Traditional "
                "Chinese (the text is never converted).")
TGTLANG_HELP = "TMX/TBX target language: en-US, en-GB or en."

#: ``--strict`` means the same on every command: what is otherwise skipped and counted
#: (undecodable bytes, a malformed unit, a glossary entry without both terms) is an error.
strict_option = click.option(
    "--strict", is_flag=True,
    help="Stop with an error at the first recoverable problem (undecodable bytes, a malformed "
         "unit or entry) instead of skipping and counting it.",
)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Chinese to English translation memories (TMX) and terminology glossaries."""


# --- commands -------------------------------------------------------------------------
# Each command lives in its own block below: options, one library call, formatting.


@cli.command(reads_documents=True)
@click.option("--corpus", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True,
              help="Folder with zh/ (Chinese documents) and optionally en/ (their English).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              callback=probe_out_folder, help="Where tmx/ and glossary/ are written.")
@click.option("--srclang", default="zh-CN", show_default=True, help=SRCLANG_HELP)
@click.option("--tgtlang", default="en-US", show_default=True, help=TGTLANG_HELP)
@click.option("--scorer", default="default", show_default=True, help="Alignment scorer (see `aligner align --help`).")
@click.option("--srx", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="SRX 2.0 segmentation rules (default: rules equal to OmegaT's).")
@click.option("--min-score", type=Score(0, 1), default=MIN_SCORE, show_default=True,
              help="Leave out of the TMX pairs whose confidence is below this (they are counted); "
                   "0 keeps every pair.")
@click.option("--tm-terms/--no-tm-terms", default=True, show_default=True,
              help="Add term pairs extracted from the confident aligned pairs for Chinese forms the "
                   "glossary lacks (see `aligner terms`); --no-tm-terms leaves them out.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Documents aligned in parallel, each worker process loading the models once "
                   "(default: the number of cores). The outputs are the same bytes for any number.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Align the documents on the Dask cluster whose scheduler is at ADDRESS "
                   "(tcp://HOST:8786; needs aligner[dask] here and the same aligner on every worker). "
                   "The outputs are the bytes of a local build.")
@cache_options
@strict_option
@quiet_option
def build(corpus: Path, out: Path, srclang: str, tgtlang: str, scorer: str, srx: Path | None, min_score: float,
          tm_terms: bool, as_json: bool, jobs: int | None, scheduler: str | None, cache: Path | None,
          no_cache: bool, strict: bool, quiet: bool) -> None:
    """Turn a corpus into TMX (tmx/) and a terminology glossary (glossary/)."""
    from .build import BuildSettings
    from .build import build as run_build
    from .runner import default_jobs

    settings = BuildSettings(corpus=corpus, out=out, srclang=srclang, tgtlang=tgtlang, scorer=scorer,
                             srx=srx, min_score=min_score, strict=strict, tm_terms=tm_terms)
    report = run_build(settings, progress=progress_for(quiet), jobs=jobs or default_jobs(),
                       cache=open_cache(cache, no_cache, progress_for(quiet)), scheduler=scheduler)
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(format_build_report(report.to_dict()))
    if any(item["kind"] != "ignored" for item in report.skipped):
        sys.exit(EXIT_SKIPPED)


@cli.command("segment", reads_documents=True)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Which paragraphs to segment: the Chinese, or the English (embedded or a plain English file).")
@click.option("--srx", type=click.Path(path_type=Path), default=None,
              help="SRX 2.0 segmentation rules, e.g. your CAT tool's (default: rules equal to OmegaT's).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of segments instead of TSV.")
@strict_option
def segment_command(file: Path, lang: str, srx: Path | None, as_json: bool, strict: bool) -> None:
    """Print FILE's sentences, one per line: LINE<TAB>TEXT.

    LINE is the source line the sentence starts on. In TEXT a backslash, tab, line feed or
    carriage return is written as \\\\, \\t, \\n or \\r.
    """
    from .model import Lang
    from .segment.files import segment_file, tsv_escape

    segments = segment_file(file, Lang(lang), srx, strict=strict, progress=progress)
    if as_json:
        echo_json([{"doc": s.doc, "lang": s.lang.value, "line": s.line, "para": s.para,
                    "role": s.role.value, "text": s.text} for s in segments])
    else:
        for seg in segments:
            click.echo(f"{seg.line}\t{tsv_escape(seg.text)}")
    if not segments:
        from .inputs import input_name

        progress(f"aligner: no {'Chinese' if lang == 'zh' else 'English'} text found in {input_name(file)}; "
                 "nothing to segment.")


@cli.command("align", reads_documents=True)
@click.argument("zh", type=click.Path(path_type=Path))
@click.argument("en", type=click.Path(path_type=Path))
@out_option("File to write (atomically); - for stdout.")
@click.option("--format", "fmt", type=click.Choice(["tmx", "tsv", "beads", "json"]), default="tsv",
              show_default=True, help="beads: vecalign's [0, 1]:[0]:0.93 lines; tsv/json: texts, score, anchors.")
@click.option("--presplit", is_flag=True, help="Take one sentence per line as given (line N is sentence N-1).")
@click.option("--scorer", default="default", show_default=True,
              help="Bead scorer: default, embedding, embedding+length, length or lexical.")
@click.option("-g", "--glossary", type=click.Path(path_type=Path), default=None,
              help="Term pairs that count as anchors: TBX, CSV with a zh,en header, or OmegaT tab-separated.")
@click.option("--explain", is_flag=True, help="List the anchors behind each pair (numbers, dictionary hits, names...).")
@click.option("--min-score", type=Score(0, 1), default=0.0, show_default=True,
              help="Leave pairs whose confidence is below this out of tmx and tsv output (they are counted); "
                   "beads and json list every bead.")
@click.option("--srclang", default="zh-CN", show_default=True, help=SRCLANG_HELP)
@click.option("--tgtlang", default="en-US", show_default=True, help=TGTLANG_HELP)
@strict_option
@quiet_option
def align_command(zh: Path, en: Path, out: str, fmt: str, presplit: bool, scorer: str, glossary: Path | None,
                  explain: bool, min_score: float, srclang: str, tgtlang: str, strict: bool,
                  quiet: bool) -> None:
    """Align the Chinese document ZH with its English translation EN, sentence by sentence.

    Every sentence appears in exactly one bead (n:m sentence groups, or unaligned), each with
    a calibrated confidence: the chance, measured on a development set, that the pair is right.
    """
    from .align.files import align_files
    from .align.output import OutputFormat, left_out, write_result

    target = None if out == "-" else Path(out)
    result = align_files(zh, en, presplit=presplit, scorer=scorer, glossary_path=glossary, explain=explain,
                         progress=progress_for(quiet), strict=strict, srclang=srclang, tgtlang=tgtlang)
    text = write_result(result, OutputFormat(fmt), target, min_score)
    if text is not None:
        click.echo(text, nl=False)
    unaligned_zh, unaligned_en = result.unaligned
    pairs = sum(1 for b in result.beads if b.src and b.tgt)
    below = left_out(result, OutputFormat(fmt), min_score)
    if not quiet:
        progress(f"aligner: {count(pairs, 'pair')} from {len(result.src)} Chinese and "
                 f"{count(len(result.tgt), 'English sentence')}; "
                 f"unaligned: {unaligned_zh} Chinese, {unaligned_en} English"
                 + (f"; {count(below, 'pair')} below --min-score {min_score:g} left out" if below else "")
                 + (f"; wrote {target}" if target else ""))


@cli.command("read", reads_documents=True)
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--en", "en_file", type=click.Path(path_type=Path), default=None,
              help="The document's English in a separate file (as corpus/en/<stem>.* would give it).")
@click.option("--debris", "show_debris", is_flag=True,
              help="Print what cleaning removed (LINE, KIND, TEXT) instead of the paragraphs.")
@click.option("--json", "as_json", is_flag=True, help="Print everything the reader found as JSON.")
@strict_option
@quiet_option
def read_command(file: Path, en_file: Path | None, show_debris: bool, as_json: bool, strict: bool,
                 quiet: bool) -> None:
    """Show how FILE is read: its kind, encoding, cleaned paragraphs and removed debris.

    Prints one paragraph per line: LINE<TAB>LANG<TAB>ROLE<TAB>TEXT, where LINE is the source
    line the paragraph starts on; a summary of what was removed goes to stderr.
    """
    from .documents import document_to_dict, read_document
    from .documents.report import damage_summary
    from .inputs import input_name
    from .segment.files import tsv_escape

    doc = read_document(file, en_path=en_file, strict=strict)
    if as_json:
        echo_json(document_to_dict(doc))
    elif show_debris:
        for item in doc.debris:
            click.echo(f"{item.line}\t{item.kind}\t{tsv_escape(item.text)}")
    else:
        for para in doc.zh + doc.en:
            click.echo(f"{para.line}\t{para.lang.value}\t{para.role.value}\t{tsv_escape(para.text)}")
    removed = ", ".join(f"{kind} {n}" for kind, n in doc.debris_counts().items()) or "nothing"
    changed = ", ".join(f"{kind} {n}" for kind, n in doc.normalised.items()) or "nothing"
    if not quiet:
        progress(f"aligner: {input_name(file)}: {doc.kind.value}, {doc.encoding}; {len(doc.zh)} Chinese and {len(doc.en)} "
                 f"English paragraphs; removed: {removed}; normalised: {changed}")
    damage = damage_summary(doc)
    if damage:
        progress(f"aligner: {damage}")


_GLOSSARY_FORMATS = ["tbx", "tbx3", "csv", "utf8", "json"]


def _json_needs_file(as_json: bool, out: str) -> None:
    """The --json report goes to stdout, so the glossary itself must go to a file."""
    if as_json and out == "-":
        raise UsageError("--json prints the report on stdout, where the glossary would go too",
                         hint="write the glossary to a file with -o FILE")


from .cli_check import check_command  # noqa: E402 - commands that live in their own module
from .cli_format import format_build_report  # noqa: E402,F401 - the build summary (re-exported)
from .cli_glossary import glossary_group  # noqa: E402
from .cli_review import review_group  # noqa: E402
from .cli_terms import terms_command  # noqa: E402

cli.add_command(check_command)
cli.add_command(glossary_group)
cli.add_command(terms_command)

cli.add_command(review_group)


def main() -> None:
    """Console-script entry point."""
    if sys.stdout is None:  # started with standard output closed (>&-): writing must fail loudly
        sys.stdout = ClosedStdout()
    install()  # Ctrl-C, SIGTERM, SIGHUP: one line, the workers stopped too
    cli(prog_name="aligner")

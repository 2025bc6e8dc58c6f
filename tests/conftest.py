"""Every test gets its own empty user cache folder (``XDG_CACHE_HOME``), so a build the CLI runs
with the default cache never reads or fills the real ``~/.cache/aligner`` and no test sees
another's entries.

Hypothesis runs without its per-example deadline: a deadline is a timing assertion, and unit
tests here assert behaviour, never speed (speed lives in ``bench/``); on a loaded CI machine
it failed sound properties.
"""
from __future__ import annotations

import pytest
from hypothesis import settings

settings.register_profile("aligner", deadline=None)
settings.load_profile("aligner")


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))

"""Every test gets its own empty user cache folder (``XDG_CACHE_HOME``), so a build the CLI runs
with the default cache never reads or fills the real ``~/.cache/aligner`` and no test sees
another's entries."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))

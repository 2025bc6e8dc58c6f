"""CI's lock and floors stay true to setup.cfg's ranges, and the package ships its data."""
from __future__ import annotations

import configparser
import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _requirements() -> dict[str, Requirement]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = cfg["options"]["install_requires"].strip().splitlines()
    lines += cfg["options.extras_require"]["test"].strip().splitlines()
    reqs = [Requirement(line.strip()) for line in lines if line.strip()]
    return {canonicalize_name(r.name): r for r in reqs}


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / name).read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)", line.strip())
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_the_lock_pins_every_dependency_inside_its_range() -> None:
    pins = _pins("constraints.txt")
    for name, req in _requirements().items():
        if req.marker is not None and not req.marker.evaluate():
            continue
        assert name in pins, f"{name} is not pinned in .ci/constraints.txt: run .ci/lock"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"{name}=={pins[name]} is outside {req.specifier}: run .ci/lock"


def test_the_floors_are_the_lower_bounds() -> None:
    reqs = _requirements()
    floors = _pins("floors.txt")
    assert floors, "no floors in .ci/floors.txt"
    for name, version in floors.items():
        lower = [s.version for s in reqs[name].specifier if s.operator == ">="]
        assert lower, f"{name} has no lower bound in setup.cfg"
        # setup.cfg may say 5.2 where the floor names 5.2.0
        assert version.split(".")[:len(lower[0].split("."))] == lower[0].split(".") and \
            all(part == "0" for part in version.split(".")[len(lower[0].split(".")):]), \
            f".ci/floors.txt has {name}=={version}, setup.cfg says >={lower[0]}"


def test_the_segmentation_rules_ship_in_the_package() -> None:
    import aligner

    assert (Path(aligner.__file__).parent / "data" / "srx" / "default.srx").is_file()

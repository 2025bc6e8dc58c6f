"""Review before it goes into a TM: the beads of a build, a reviewer's decisions, and the
reviewed TMX.

A build keeps each document's sentences and beads in ``tmx/<stem>.beads.json``
(:mod:`.sidecar`); the reviewer's decisions (accept, reject, merge, split, move a border, no
counterpart) go to ``review.json`` beside the outputs (:mod:`.decisions`), never a copy of the
text; :func:`.model.replay` folds the decisions over the beads and :mod:`.apply` writes the
reviewed TMX with the build's writer and header. The glossary is reviewed the same way:
the build keeps its glossary as built, the decisions go to ``review.json``'s glossary section
(:mod:`.glossary_decisions`) and :mod:`.glossary_review` writes every glossary file with them.
:mod:`.server` serves the review page.
"""
from __future__ import annotations

from .apply import ApplyReport, apply_review
from .decisions import Decision, Op, load_review, save_review
from .model import ReviewBead, Status, replay
from .sidecar import BeadsFile, Sentence, beads_path, read_beads, write_beads

__all__ = [
    "ApplyReport", "BeadsFile", "Decision", "Op", "ReviewBead", "Sentence", "Status", "apply_review",
    "beads_path", "load_review", "read_beads", "replay", "save_review", "write_beads",
]

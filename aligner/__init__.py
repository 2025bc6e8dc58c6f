"""aligner: Chinese to English translation memories and terminology, offline."""
from __future__ import annotations

__version__ = "0.1.0"

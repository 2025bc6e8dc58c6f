"""Exchange formats a CAT tool reads: TMX, TBX (v2 and v3), CSV and OmegaT's tab-separated
glossary. Each writer is streaming or small, atomic and deterministic.

Import the module you need (``aligner.formats.tmx``, ``.tbx``, ``.glossary_files``,
``.registry``); this package file stays empty so that importing one format never loads the
others.
"""

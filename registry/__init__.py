"""Sổ Quy chế phối hợp: the data layer of the registry.

A pure library (no MkDocs import): load agreement files with line numbers,
validate them against one schema and the vocabularies, resolve relations,
build facet indexes, render pages from templates and write the open data.
Hooks (hooks/) and the CLI (python -m registry) are thin glue over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

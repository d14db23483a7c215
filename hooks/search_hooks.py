"""MkDocs hook: build the Pagefind search index from the built site (issue 4).

Runs after every build, `mkdocs serve` included (it builds into a temporary
site_dir). What to index and how lives in registry.search; this is glue.
"""

from __future__ import annotations

import logging
from pathlib import Path

from registry.loader import load_registry
from registry.search import build_search_index, hand_written_pages

log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config, **kwargs) -> None:
    root = Path(config.config_file_path).parent
    loaded = load_registry(root / "agreements")
    if not loaded.ok:  # the registry hook reports the problems; no partial index either
        raise RuntimeError(f"search index: {len(loaded.problems)} problems in agreements/")
    plan = build_search_index(Path(config.site_dir), loaded.registry, hand_written_pages(Path(config.docs_dir)))
    log.info("Pagefind: %d pages indexed into %s/pagefind", len(plan.pages), config.site_dir)

"""Measure a Zensical build fed by `python -m registry generate` (a note for the maintainers; not CI).

Zensical reads mkdocs.yml but runs no MkDocs hooks, so our pages would not exist. `generate`
writes them as Markdown: this script lays docs/ and the generated pages into one folder, builds
it with Zensical (no hooks, no Pagefind), copies the open data in, and compares the result
with a MkDocs build of the same records (pages, open data).

    python scripts/zensical_measure.py --zensical PATH/TO/zensical [--records DIR] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from compare_builds import differences, html_pages  # noqa: E402


def timed(command: list, **options) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **options)
    return time.perf_counter() - started, done


def project(work: Path, records: Path, hooks: bool) -> Path:
    """A project folder: mkdocs.yml of the repository (hooks kept or dropped), records, guide."""
    folder = work / ("mkdocs" if hooks else "zensical")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(records, folder / "agreements")
    shutil.copy(ROOT / "CONTRIBUTING.md", folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("base_path: [!relative $config_dir]", f"base_path: [{folder}]")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    if hooks:
        config = config.replace("  - hooks/registry_hooks.py", f"  - {ROOT / 'hooks' / 'registry_hooks.py'}")
        config = config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    else:
        config = re.sub(r"^hooks:\n  - .*\n", "", config, flags=re.MULTILINE)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zensical", required=True, help="the zensical command of a venv where it is installed")
    parser.add_argument("--records", type=Path, default=ROOT / "agreements")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "zensical")
    args = parser.parse_args()
    work = args.work.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    mk = project(work, args.records.resolve(), hooks=True)
    seconds_mk, done = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(mk / "site")], cwd=mk, env=env)
    if done.returncode != 0:
        sys.exit(f"MkDocs build failed:\n{done.stderr[-3000:]}")

    zen = project(work, args.records.resolve(), hooks=False)
    seconds_gen, done = timed([sys.executable, "-m", "registry", "generate", str(zen / "generated"),
                               "--root", str(zen / "agreements"), "--config", str(ROOT / "mkdocs.yml")], cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"generate failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    shutil.copytree(ROOT / "docs", zen / "docs")
    shutil.copytree(zen / "generated" / "docs", zen / "docs", dirs_exist_ok=True)
    seconds_zen, done = timed([args.zensical, "build", "-f", str(zen / "mkdocs.yml")], cwd=zen)
    print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")
    site = zen / "site"
    if done.returncode != 0 or not site.is_dir():
        print(f"Zensical build failed ({done.returncode}) after {seconds_zen:.1f} s")
        return 1
    shutil.copytree(zen / "generated" / "site", site, dirs_exist_ok=True)
    found = differences(mk / "site", site)
    for line in found[:60]:
        print(line)
    print(f"MkDocs (hooks, Pagefind) {seconds_mk:.1f} s; generate {seconds_gen:.1f} s + Zensical {seconds_zen:.1f} s; "
          f"pages: MkDocs {len(html_pages(mk / 'site'))}, Zensical {len(html_pages(site))}; {len(found)} differences")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the site with ProperDocs (a maintained MkDocs 1.6 continuation) from a clean venv and
compare it with the MkDocs build: the same pages, the same open data, the same records.

    python scripts/properdocs_check.py [--work build/properdocs] [--config mkdocs.yml]

Run by .ci/run (and `make properdocs`). Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from compare_builds import differences, html_pages  # noqa: E402

REQUIREMENTS = ROOT / "scripts" / "properdocs-requirements.txt"
MATERIAL = "mkdocs-material==9.8.1"  # as in requirements.txt, installed without its mkdocs dependency


def run(command: list, **options) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        sys.exit(f"Lỗi khi chạy {' '.join(map(str, command[:3]))} …:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


def clean_venv(folder: Path) -> Path:
    """A new venv with ProperDocs, Material (no mkdocs) and this project (no mkdocs either)."""
    shutil.rmtree(folder, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(folder)])
    python = folder / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)])
    run([python, "-m", "pip", "install", "--quiet", "--no-deps", MATERIAL, "-e", str(ROOT)])
    done = subprocess.run([python, "-c", "import importlib.util as u; print(u.find_spec('mkdocs') is None)"],
                          capture_output=True, text=True)
    if done.stdout.strip() != "True":
        sys.exit("venv ProperDocs không sạch: gói mkdocs đã được cài vào")
    return python


def build(command: list, config: Path, site: Path, env: dict) -> float:
    started = time.perf_counter()
    run([*command, "build", "--strict", "-f", str(config), "-d", str(site)], cwd=config.parent, env=env)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "properdocs")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="another project's mkdocs.yml")
    args = parser.parse_args()
    work = args.work.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    python = clean_venv(work / "venv")
    config = args.config.resolve()
    seconds_pd = build([str(python), "-m", "properdocs"], config, work / "site-properdocs", env)
    seconds_mk = build([sys.executable, "-m", "mkdocs"], config, work / "site-mkdocs", env)
    found = differences(work / "site-mkdocs", work / "site-properdocs")
    for line in found:
        print(line)
    pages = len(html_pages(work / "site-mkdocs"))
    print(f"ProperDocs {seconds_pd:.1f} s, MkDocs {seconds_mk:.1f} s; {pages} trang: "
          + (f"{len(found)} khác biệt" if found else "cùng trang, cùng dữ liệu mở"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

"""Hostile-input figures: summary rendering time on pathological bodies, and the build time of a
hostile registry. Compare two checkouts with --before (e.g. a `git worktree` of an older commit).

    .venv/bin/python scripts/hostile_benchmark.py                       # this checkout
    .venv/bin/python scripts/hostile_benchmark.py --before /tmp/old    # and an older one
    .venv/bin/python scripts/hostile_benchmark.py --build              # also a real build

Each rendering runs in its own process with a time limit (the old renderer took minutes); a
run over the limit is shown as '> N s'. Figures go to stdout as a table (or JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_CHARS = 20_000
PATTERNS = {
    "[": "[", "[](": "[](", "[a](": "[a](", "![": "![", "[a ": "[a ", "[a][": "[a][", "**a*": "**a*",
    "a\\n=\\n (1 đoạn)": "a\n=\n", "1. (lồng)": "1. ", "![a](x) ![b](y)": "![a](x) ![b](y) ",
}
SIZES = (2_000, 8_000, MAX_CHARS)
_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from registry.site.rendering import render_summary
text = (sys.argv[2] * (int(sys.argv[3]) // len(sys.argv[2]) + 1))[: int(sys.argv[3])]
started = time.perf_counter()
try:
    render_summary(text)
    print(f"{time.perf_counter() - started:.3f}")
except Exception as error:
    print(type(error).__name__)
"""


def render_time(checkout: Path, unit: str, size: int, limit: float) -> str:
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(checkout), unit, str(size)],
                              capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return f"> {limit:.0f} s"
    out = done.stdout.strip() or done.stderr.strip().splitlines()[-1]
    return f"{float(out):.3f} s" if out.replace(".", "").isdigit() else out


def _verdict(unit: str, size: int) -> str:
    """Whether this checkout's validate accepts such a summary ('nhận') or refuses it ('từ chối')."""
    sys.path.insert(0, str(ROOT))
    from registry.records.textpolicy import body_problems

    text = (unit * (size // len(unit) + 1))[:size]
    return "từ chối" if list(body_problems(text)) else "nhận"


def hostile_records(count: int) -> dict[str, str]:
    """`count` valid records with maximum-size pathological summaries (and two images each)."""
    base = (ROOT / "tests/cases/valid/minimal/agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md").read_text(encoding="utf-8")
    units = ["[", "[](", "![", "[a ", "[a][", "**a*", "![a](x) ![b](y) ", "[a](", "> a\n\n", "- a\n\n"]
    records = {}
    for i in range(count):
        day = f"2021-{1 + i // 28:02d}-{1 + i % 28:02d}"
        unit = units[i % len(units)]
        body = (unit * (MAX_CHARS // len(unit) + 1))[: MAX_CHARS - 100]
        front = base.split("\n---\n", 1)[0].replace("2022-05-06", day)
        records[f"lang-son/{day}-tt-hdnd-ubnd.md"] = f"{front}\n---\n{body}\n"
    return records


def build_time(checkout: Path, records: dict[str, str], limit: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name, text in records.items():
            (project / "agreements" / name).parent.mkdir(parents=True, exist_ok=True)
            (project / "agreements" / name).write_text(text, encoding="utf-8")
        (project / "CONTRIBUTING.md").write_bytes((checkout / "CONTRIBUTING.md").read_bytes())
        (project / "mkdocs.yml").write_text(
            f"INHERIT: {checkout / 'mkdocs.yml'}\ndocs_dir: {checkout / 'docs'}\n"
            f"theme:\n  custom_dir: {checkout / 'overrides'}\nhooks:\n  - {checkout / 'hooks/registry_hooks.py'}\n",
            encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(checkout)}
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
                                  cwd=project, env=env, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return f"> {limit:.0f} s"
        seconds = time.perf_counter() - started
        if done.returncode:
            last = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()][-1:]
            return f"thất bại sau {seconds:.1f} s ({last[0][:80] if last else ''})"
        return f"{seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="an older checkout to compare with")
    parser.add_argument("--limit", type=float, default=120, help="seconds allowed per rendering")
    parser.add_argument("--build", type=int, nargs="?", const=20, default=0, help="also build N hostile records")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    checkouts = {"sau": ROOT} | ({"trước": args.before.resolve()} if args.before else {})
    rows = []
    for name, unit in PATTERNS.items():
        for size in SIZES:
            row = {"mẫu": name, "ký tự": size, "validate": _verdict(unit, size)}
            for label, checkout in checkouts.items():
                row[label] = render_time(checkout, unit, size, args.limit)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False) if args.json else "  ".join(f"{v!s:>18}" for v in row.values()), flush=True)
    if args.build:
        records = hostile_records(args.build)
        for label, checkout in checkouts.items():
            result = build_time(checkout, records, args.limit * 5)
            print(json.dumps({"dựng": label, "bản ghi": len(records), "thời gian": result}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

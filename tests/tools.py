"""What the tests need on the machine: Chromium, Java (for the W3C checker) and the npm packages.

`ensure()` installs what is missing where it can (as root: Debian's `chromium`, `default-jre-headless`
and `nodejs npm` for `npm ci`; `npm ci` itself as any user) and otherwise returns ONE Vietnamese line saying
what to install. `make test` runs this file before pytest; the session's browser fixture in
conftest.py calls `ensure()` too (for `pytest` run directly) and stops the run with that line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
JAVA_MISSING = ("Thiếu Java để chạy trình kiểm tra HTML của W3C: cài gói default-jre-headless "
                "(sudo apt-get install default-jre-headless) rồi chạy lại make test.")


def _root_with_apt() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def _apt_install(*packages: str) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        if subprocess.run(command, env=env, capture_output=True).returncode != 0:
            return False
    return True


def ensure(npm_ci: bool = False) -> str | None:
    """None when everything is there (after installing what could be installed), else the line.
    `npm_ci`: run `npm ci` even if axe-core is there (package-lock.json changed)."""
    if not CHROMIUM.exists() and _root_with_apt():
        _apt_install("chromium")
    if not CHROMIUM.exists():
        return (f"Thiếu trình duyệt Chromium ({CHROMIUM}): cài gói chromium (sudo apt-get install chromium) "
                "hoặc đặt biến CHROMIUM_PATH, rồi chạy lại make test.")
    if java() is None:
        return JAVA_MISSING
    if npm_ci or not AXE.exists():
        if shutil.which("npm") is None and _root_with_apt():
            _apt_install("nodejs", "npm")
        if shutil.which("npm") is None:
            return "Thiếu npm (Node.js) để cài axe-core: cài Node.js (sudo apt-get install nodejs npm) rồi chạy lại make test."
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT, capture_output=True)
        if done.returncode != 0 or not AXE.exists():
            return "Không cài được axe-core bằng npm ci (cần mạng tới registry npm): chạy npm ci --no-audit --no-fund rồi chạy lại make test."
    return None


def java() -> str | None:
    """The java command, installed with apt where that is possible (root on Debian)."""
    if shutil.which("java") is None and _root_with_apt():
        _apt_install("default-jre-headless")
    return shutil.which("java")


if __name__ == "__main__":
    problem = ensure(npm_ci="--npm-ci" in sys.argv)
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(1)

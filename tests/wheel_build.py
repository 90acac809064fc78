"""Build the atlas's wheel as a clean clone would: tests/test_packaging.py reads it, tests/installed_atlas.py installs it.

The build runs on a copy of the project's own files (git's tracked files and new ones it does not ignore): setuptools
builds in place and keeps build/lib between builds, so a file gone from the checkout, or from the package-data globs,
could still reach a wheel built in the checkout itself, and hide the very breakage these checks look for.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_files(root: Path = ROOT) -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    # Regular files only: a deleted file is still listed until committed, and a link may point outside the project.
    return [Path(name) for name in listed if name and (root / name).is_file() and not (root / name).is_symlink()]


def build_wheel(work: Path, root: Path = ROOT) -> Path:
    """The wheel of ``root``'s files, built under ``work``; its build's output is in the error if it fails."""
    source = work / "source"
    for name in project_files(root):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, source / name)
    dist = work / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(source)],
                           capture_output=True, text=True)
    if build.returncode != 0:
        raise RuntimeError(f"pip wheel failed ({build.returncode}):\n{build.stdout}\n{build.stderr}")
    (wheel,) = dist.glob("*.whl")
    return wheel


if __name__ == "__main__":  # .ci/wheel-check: python tests/wheel_build.py WORK prints the wheel's path
    print(build_wheel(Path(sys.argv[1])))

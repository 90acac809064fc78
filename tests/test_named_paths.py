"""Every file a comment, a docstring or a document names exists: a moved or renamed module leaves no stale pointer.

Checked: the paths under the repository's own folders (components/..., static/..., tests/..., data/..., .streamlit/,
.ci/) and the modules named inside the package as ``map/assets.py``, in every tracked text file; in Python files, only
in comments and docstrings (a test's string naming a file inside an uploaded zip is data, not a pointer).
"""

from __future__ import annotations

import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A path from the repository root; the look-behind keeps "tests/..." inside "calais_atlas/tests/..." or a URL out.
FROM_ROOT = re.compile(r"(?<![\w./-])((?:components|static|tests|data|\.streamlit|\.ci)/[\w./-]*\w)")
# A module named from inside the package, as the code's comments do: "map/assets.py" is components/map/assets.py.
IN_PACKAGE = re.compile(r"(?<![\w./-])((?:data|model|map|ui|export|geocode)/\w+\.py)\b")
TEXT_SUFFIXES = {".py", ".md", ".toml", ".js", ".mjs", ".css", ".j2", ".html", ".cfg", ".conf", ".txt", ""}
NOT_OURS = ("static/vendor/", "tests/fixtures/")  # other projects' files; hostile data files written to be wrong


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    paths = [ROOT / name for name in names if not name.startswith(NOT_OURS)]
    return [p for p in paths if p.suffix in TEXT_SUFFIXES and p.is_file() and not p.is_symlink()]


def _python_prose(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring of a Python source."""
    prose, previous = [], tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            prose.append((token.start[0], token.string))
        elif token.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            prose += [(token.start[0] + n, line) for n, line in enumerate(token.string.splitlines())]
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token.type
    return prose


def _lines(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return _python_prose(text) if path.suffix == ".py" else list(enumerate(text.splitlines(), 1))


def _exists(named: str) -> bool:
    """A path as written, or a module named without its .py (README's pipeline: data/csvread)."""
    if "node_modules" in named.split("/"):
        return True  # made by npm ci, never committed
    return any((ROOT / candidate).exists() for candidate in (named, f"{named}.py", f"components/{named}.py"))


def _missing() -> list[str]:
    missing = []
    for path in _tracked_text_files():
        for number, line in _lines(path):
            named = [m.group(1).rstrip(".") for m in FROM_ROOT.finditer(line)]
            named += [f"components/{m.group(1)}" for m in IN_PACKAGE.finditer(line)]
            missing += [f"{path.relative_to(ROOT)}:{number}: {name}" for name in named if not _exists(name)]
    return missing


def test_every_path_named_in_the_repository_exists() -> None:
    """No comment, docstring, README or config names a file or module that is not there (all listed at once)."""
    assert _missing() == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("# components/panels/pages.py shows it\nx = 1\n", ["components/panels/pages.py"]),
        ('def f():\n    """Drawn by map/live.py."""\n', ["components/map/live.py"]),
        ('NAME = "data/inner.zip"  # a file inside an upload\n', []),
    ],
)
def test_the_check_reads_comments_and_docstrings_not_data(tmp_path: Path, source: str, found: list[str]) -> None:
    """The check itself: a stale path in a comment or a docstring is found; a string of test data is not read."""
    named = []
    for _, line in _python_prose(source):
        named += [m.group(1) for m in FROM_ROOT.finditer(line)] + [f"components/{m.group(1)}" for m in IN_PACKAGE.finditer(line)]
    assert [name for name in named if not _exists(name)] == found

"""The maintainers' messages in English and French: the catalogue (components/data/messages.py) and the code agree,
every message has both languages with the same placeholders, and the validator, the CLI, the Check page and the
map's problems panel write them in the language asked for, still naming file, line, column and value.

The keys used are read from the code with ``ast``: ``msg("literal", ...)`` calls and both branches of
``msg("a" if x else "b", ...)``, the same way tests/test_i18n_catalogue.py reads the interface's ``t()`` calls.
"""

from __future__ import annotations

import ast
import os
import pickle
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from apptest_helpers import open_page, page_failed, run_app
from calais_atlas.cli import main
from calais_atlas.data import dates
from calais_atlas.data.catalogue import LANGS, plural_form, plural_forms
from calais_atlas.data.loader import load_dataset
from calais_atlas.data.messages import MESSAGES, msg
from calais_atlas.data.upload import current_files
from datafolders import DEFECTS, MINIMAL, ROOT, build_data_folder

COMPONENTS = ROOT / "components"


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _forms(key: str, lang: str) -> dict[str, str]:
    text = MESSAGES[key][lang]
    return text if isinstance(text, dict) else {"": text}


def _is_plural(key: str) -> bool:
    return isinstance(MESSAGES[key]["en"], dict)


def _keys_of(node: ast.expr, where: str) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _keys_of(node.body, where)
        yield from _keys_of(node.orelse, where)
    else:
        pytest.fail(f"{where}: msg({ast.unparse(node)}, ...) is not a literal key; write the key out")


def _calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(COMPONENTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg":
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


CALLS = _calls()
USED = {key for where, call in CALLS for key in _keys_of(call.args[0], where)}


def test_the_scan_finds_the_calls() -> None:
    assert len(CALLS) > 50
    assert {"date.write", "cell.empty", "file.missing", "cli.summary", "upload.bad_zip", "row.too_many"} <= USED


def test_every_key_used_exists_and_none_is_unused() -> None:
    assert sorted(USED - set(MESSAGES)) == [], "used but not in the catalogue"
    assert sorted(set(MESSAGES) - USED) == [], "in the catalogue but used nowhere"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_in_every_language_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS), f"{key}: languages {sorted(entry)}, expected {list(LANGS)}"
    plural = _is_plural(key)
    expected = _placeholders(_forms(key, "en")["other" if plural else ""]) - {"count"}
    for lang in LANGS:
        assert isinstance(entry[lang], dict) == plural, f"{key}: plural forms in some languages only"
        if plural:
            assert set(entry[lang]) == set(plural_forms(lang)), f"{key} [{lang}]: not the CLDR plural forms"
        for form, text in _forms(key, lang).items():
            assert text.strip(), f"{key} [{lang}] {form}: empty"
            assert _placeholders(text) - {"count"} == expected, f"{key} [{lang}] {form}: placeholders differ from English"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_french_is_translated_and_typeset_like_the_interface(key: str) -> None:
    """No English left in French, values in « » rather than "...", and a space before ; ? as in the interface."""
    for form, text in _forms(key, "fr").items():
        assert text != _forms(key, "en").get(form, _forms(key, "en").get("other")), f"{key} {form}: not translated"
        assert '"' not in text, f"{key} {form}: French quotes values in « »"
        assert not re.search(r"[^\s(][;?]", text), f"{key} {form}: French puts a space before ; and ?"
        assert not re.search(r"«\S|\S»", text), f"{key} {form}: « » take a space inside"


def test_every_call_passes_what_its_message_needs() -> None:
    """count= exactly for plural messages, and the placeholders by name: rendering a problem can't fail on format()."""
    for where, call in CALLS:
        names = {keyword.arg for keyword in call.keywords}
        for key in _keys_of(call.args[0], where):
            plural = _is_plural(key)
            assert ("count" in names) == plural, f"{where}: {key} {'needs' if plural else 'takes no'} count="
            assert names - {"count"} == _placeholders(_forms(key, "en")["other" if plural else ""]) - {"count"}, where


def test_an_unknown_key_or_language_is_an_error_naming_the_catalogue() -> None:
    with pytest.raises(KeyError, match="components/data/messages.py"):
        msg("date.kayak").text("fr")
    with pytest.raises(KeyError, match="'de'"):
        msg("cell.empty").text("de")


def test_plural_and_nested_messages_follow_the_language() -> None:
    """French: 0 and 1 are singular, whole millions take "de", numbers and month names are French."""
    assert [msg("cli.problems", count=n).text("fr") for n in (0, 1, 2)] == ["0 problème", "1 problème", "2 problèmes"]
    assert [msg("cli.problems", count=n).text("en") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert plural_form(1_000_000, "fr") == "many"
    assert msg("cli.rows", count=1_000_000).text("fr") == "1\u202f000\u202f000 de lignes n'ont pas pu être utilisées"
    with pytest.raises(dates.DateError) as english:
        dates.parse("2015-02-30")
    assert str(english.value) == "is not a real date (February 2015 has 28 days)"
    assert english.value.message.text("fr") == "n'est pas une date réelle (février 2015 compte 28 jours)"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    return {defect: build_data_folder(root / defect / "data", defect) for defect in DEFECTS}


def test_every_problem_of_the_corpus_names_its_place_in_french(corpus: dict[str, Path]) -> None:
    """Each French line starts with the same file:line and column as the English one and quotes the same value."""
    seen = set()
    for folder in corpus.values():
        for problem in load_dataset(folder).problems:
            french, english = problem.text("fr"), problem.text("en")
            assert french != english
            location = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
            assert french.startswith(f"{location}: " + (f"{problem.column} : " if problem.column else ""))
            if problem.value is not None:
                assert f"« {problem.value.replace(chr(10), '')[:40]}" in french.replace("\\n", "")
            seen.add(problem.what.key)
    assert len(seen) >= 25, "the corpus reaches most problem messages"


def test_validate_lang_fr_prints_french_with_file_and_line(corpus: dict[str, Path]) -> None:
    """The installed entry point, as a maintainer runs it: `python -m calais_atlas.cli validate --lang fr data`."""
    folder = corpus["day-first-date"]
    env = {name: value for name, value in os.environ.items() if name != "CALAIS_ATLAS_LANG"} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "calais_atlas.cli", "validate", "--lang", "fr", "data"],
                          capture_output=True, text=True, cwd=folder.parent, env=env, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "data/events.csv:2: date : « 25/11/2015 » n'est pas une date ISO (écrivez 2015-11-25)"
    assert lines[-1].startswith("data: 2 problèmes ; 1 ligne n'a pas pu être utilisée ; lignes valides : 2 sources")


ENV_CASES = ["impossible-date", "backwards-interval", "decimal-comma", "unknown-column", "semicolons", "windows-1252"]


@pytest.mark.parametrize("defect", ENV_CASES)
def test_the_environment_variable_gives_french_and_lang_overrides_it(defect: str, corpus: dict[str, Path], monkeypatch,
                                                                      capsys) -> None:
    monkeypatch.chdir(corpus[defect].parent)
    monkeypatch.setenv("CALAIS_ATLAS_LANG", "fr")
    assert main(["validate", "data"]) == 1
    french = capsys.readouterr().out
    assert main(["validate", "--lang", "en", "data"]) == 1
    english = capsys.readouterr().out
    expected = (Path(__file__).parent / "fixtures" / "broken" / defect / "expected.txt").read_text()
    assert english == expected and french != expected
    assert [line.split(": ")[0] for line in french.splitlines()] == [line.split(": ")[0] for line in expected.splitlines()]
    assert "problème" in french.splitlines()[-1]


def test_an_unknown_language_is_refused_without_a_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setenv("CALAIS_ATLAS_LANG", "de")
    assert main(["validate", str(MINIMAL)]) == 2
    assert "CALAIS_ATLAS_LANG=de" in capsys.readouterr().err
    monkeypatch.setenv("CALAIS_ATLAS_LANG", "fr")
    assert main(["validate", str(MINIMAL)]) == 0
    assert "aucun problème" in capsys.readouterr().out


def test_a_cached_problem_renders_in_any_language_after_a_round_trip(corpus: dict[str, Path]) -> None:
    """st.cache_data pickles the dataset: its problems and rejected rows' reasons come back still in no language."""
    dataset = pickle.loads(pickle.dumps(load_dataset(corpus["day-first-date"])))
    assert [p.text("fr") for p in dataset.problems][0].endswith("n'est pas une date ISO (écrivez 2015-11-25)")
    assert dataset.rejected["events"]["_reason"].iloc[0].text("fr") == "date : n'est pas une date ISO (écrivez 2015-11-25)"


def test_the_check_page_in_french_writes_the_problems_in_french(tmp_path: Path, monkeypatch) -> None:
    folder = build_data_folder(tmp_path / "data")
    app = run_app(monkeypatch, folder, {"lang": "fr"})
    open_page(app, "check")
    assert [title.value for title in app.title] == ["Vérifier vos données"]
    edited = (folder / "events.csv").read_bytes().replace(b"2015-11-25,calais-jungle", b"25/11/2015,calais-jungle", 1)
    app.get("file_uploader")[0].set_value([("events.csv", edited, "text/csv"), ("notes.csv", b"x", "text/csv")]).run()
    assert not page_failed(app)
    assert [warning.value for warning in app.warning][0].startswith("« ` notes.csv ` » n'est pas l'un des fichiers de l'atlas")
    expected = [p.detail("fr") for p in load_dataset("upload", files=current_files(folder) | {"events.csv": edited}).problems]
    listed = app.dataframe[0].value
    assert list(listed["Problème"]) == expected
    assert expected[0] == "n'est pas une date ISO (écrivez 2015-11-25)"
    assert list(listed["Fichier"])[0] == "upload/events.csv" and list(listed["Ligne"])[0] == 2


def test_the_check_page_current_data_report_follows_the_language(corpus: dict[str, Path], monkeypatch) -> None:
    """The current data's problems (on the check page, no upload) are written in the page's language, and follow it."""
    folder = corpus["day-first-date"]
    dataset = load_dataset(folder)
    app = run_app(monkeypatch, folder, {"lang": "fr", "date": "2021-11-30", "window": "upto"})
    open_page(app, "check")
    assert not page_failed(app)
    assert list(app.dataframe[0].value["Problème"]) == [p.detail("fr") for p in dataset.problems]
    rejected = app.dataframe[1].value
    assert list(rejected["_reason"]) == ["date : n'est pas une date ISO (écrivez 2015-11-25)"]
    open_page(app, "")  # the language switch is on the map page
    app.radio(key="atlas.lang").set_value("en").run()
    open_page(app, "check")
    assert list(app.dataframe[0].value["Problem"]) == [p.message for p in dataset.problems]

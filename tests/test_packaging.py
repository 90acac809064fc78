"""The installed atlas: what the wheel holds, where the package finds its files (a wheel, or the checkout), and the
command line run from another folder (validate, serve; docs and geocode never writing into an installed package).

The wheel is built once for the module (about 10 s); the browser check of an installed server is CI's .ci/wheel-check.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

from calais_atlas.cli import main, serve_command
from calais_atlas.data.loader import DATA_ENV, default_data_dir
from calais_atlas.resources import bundle_dir, installed_bundle, is_installed_bundle, server_config, static_dir
from serve import free_port, wait_healthy
from wheel_build import ROOT, build_wheel

BUNDLE = "calais_atlas/bundle/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory) -> Path:
    """The wheel unpacked as pip lays it out in site-packages (a wheel is a zip of that layout)."""
    site = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_installed(site: Path, code: str, cwd: Path) -> subprocess.CompletedProcess:
    """Python code run with the unpacked wheel first on the path: ``calais_atlas`` is the wheel's, not the checkout's
    (the editable install's finder only answers for names nothing on the path has)."""
    environment = {key: value for key, value in os.environ.items() if key != DATA_ENV}
    environment["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=environment, capture_output=True, text=True)


def test_the_wheel_holds_what_the_atlas_runs(wheel: Path) -> None:
    """The package-data globs put the app, its server settings, the bundled data, the map's scripts, Leaflet and the
    handout template in the wheel; a broken glob (or a file moved out of its reach) fails here, not on a user's machine."""
    names = set(zipfile.ZipFile(wheel).namelist())
    tables = sorted(path.name for path in (ROOT / "data").glob("*.csv"))
    assert len(tables) >= 6
    expected = {BUNDLE + "app.py", BUNDLE + ".streamlit/config.toml", BUNDLE + "data/datapackage.json",
                *(BUNDLE + "data/" + name for name in tables), BUNDLE + "static/atlas/live-map.js",
                BUNDLE + "static/atlas/legend.css", BUNDLE + "static/vendor/leaflet/leaflet.js",
                BUNDLE + "static/vendor/LICENSES.md", BUNDLE + "static/basemap/region.geojson",
                "calais_atlas/export/templates/handout.html.j2"}
    assert expected - names == set()


def test_the_wheel_holds_every_module_and_no_build_tool(wheel: Path) -> None:
    """Every module under components/ is in the wheel under calais_atlas/; the README's screenshot and the basemap's
    build scripts, which the running atlas never reads, are not."""
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {"calais_atlas/" + path.relative_to(ROOT / "components").as_posix() for path in (ROOT / "components").rglob("*.py")}
    assert modules - names == set()
    assert {BUNDLE + "static/screenshot.png", BUNDLE + "static/basemap/build.py"} & names == set()


def test_every_package_folder_is_listed_in_pyproject() -> None:
    """pyproject.toml lists the packages by hand (package-dir maps components/ to calais_atlas): a new folder with an
    __init__.py must be added there, or the wheel silently ships without it."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(("calais_atlas", *init.parent.relative_to(ROOT / "components").parts))
               for init in (ROOT / "components").rglob("__init__.py")}
    assert folders - listed == set()
    assert listed - folders == {"calais_atlas.bundle"}  # the runtime files' data directory, not a folder of components/


def test_a_checkout_finds_its_files_in_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the editable install there is no calais_atlas/bundle: the files are the checkout's, the folder holding
    components/; the default data folder is its data/, wherever the command is run from."""
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert installed_bundle() is None
    assert bundle_dir() == ROOT
    assert (static_dir() / "vendor" / "leaflet" / "leaflet.js").is_file()
    assert server_config() == ROOT / ".streamlit" / "config.toml"
    assert default_data_dir() == ROOT / "data"
    assert not is_installed_bundle(ROOT / "data")


def test_an_installed_package_finds_its_files_in_its_bundle(unpacked: Path, tmp_path: Path) -> None:
    """Installed from the wheel, the package finds static/, the server settings and the data in calais_atlas/bundle,
    from any folder; that data is the installed bundle's, which writing commands refuse."""
    code = ("import calais_atlas, calais_atlas.map.assets as assets\n"
            "from calais_atlas.data.loader import default_data_dir\n"
            "from calais_atlas.resources import is_installed_bundle, server_config\n"
            "print(calais_atlas.__file__, assets.STATIC_DIR, server_config(), default_data_dir(), "
            "is_installed_bundle(default_data_dir()), sep='\\n')")
    answer = run_installed(unpacked, code, tmp_path)
    assert answer.returncode == 0, answer.stderr
    bundle = unpacked / "calais_atlas" / "bundle"
    assert answer.stdout.split("\n")[:5] == [str(unpacked / "calais_atlas" / "__init__.py"), str(bundle / "static"),
                                             str(bundle / ".streamlit" / "config.toml"), str(bundle / "data"), "True"]


def test_validate_with_no_folder_checks_the_bundled_data_from_anywhere(monkeypatch, tmp_path, capsys) -> None:
    """`calais-atlas validate` from a folder with no data/ checks the atlas's own data (here the checkout's), naming
    it by its full path; with CALAIS_ATLAS_DATA set, that folder instead, named from where the command runs."""
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith(f"{ROOT / 'data'}: no problems (")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "elsewhere"))
    assert main(["validate"]) == 2
    assert capsys.readouterr().err.startswith("elsewhere: no such folder (pass a data folder, or set CALAIS_ATLAS_DATA)")


def test_writing_commands_leave_the_installed_data_alone(unpacked: Path, tmp_path: Path) -> None:
    """Installed, `calais-atlas docs` and `calais-atlas geocode` with no folder stop with exit 2 and say how to work
    on a copy, changing nothing pip installed; `docs --check` (which only reads) still answers."""
    readme = unpacked / "calais_atlas" / "bundle" / "data" / "README.md"
    before = readme.read_bytes()
    run = "import sys; from calais_atlas.cli import main; sys.exit(main({}))"
    docs = run_installed(unpacked, run.format(["docs"]), tmp_path)
    geocode = run_installed(unpacked, run.format(["geocode"]), tmp_path)
    check = run_installed(unpacked, run.format(["docs", "--check"]), tmp_path)
    assert (docs.returncode, geocode.returncode, check.returncode) == (2, 2, 0), (docs.stderr, geocode.stderr, check.stderr)
    for answer in (docs, geocode):
        assert "the data installed with the atlas is not changed in place" in answer.stderr
        assert f"set {DATA_ENV}" in answer.stderr
    assert readme.read_bytes() == before


def test_serve_passes_the_project_settings_as_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`calais-atlas serve` runs this interpreter's Streamlit on the atlas's app.py with every setting of the one
    .streamlit/config.toml as a flag (Streamlit reads that file from the current folder only); --data becomes an
    absolute CALAIS_ATLAS_DATA for the server."""
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path)
    command, environment = serve_command(8642, Path("mine"))
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
    for flag in ("--server.enableStaticServing=true", "--server.enableWebsocketCompression=true",
                 "--runner.postScriptGC=false", "--client.showErrorDetails=none", "--server.maxUploadSize=100",
                 "--theme.primaryColor=#1f4e79", "--server.port=8642"):
        assert flag in command
    assert environment[DATA_ENV] == str(tmp_path / "mine")


def test_serve_refuses_a_data_folder_that_does_not_exist(tmp_path: Path, capsys) -> None:
    """`calais-atlas serve --data DIR` with no such folder says so and exits 2 rather than start a server that shows
    nothing."""
    assert main(["serve", "--data", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'nope'}: no such folder")


def test_serve_from_another_folder_serves_the_static_files_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """Started from a folder with no .streamlit/config.toml, `calais-atlas serve --port N` answers its health check and
    serves Leaflet from /app/static/ (static serving comes from the flags); Ctrl-C (SIGINT) stops it cleanly, exit 0."""
    port = free_port()
    script = Path(sys.executable).parent / "calais-atlas"
    server = subprocess.Popen([script, "serve", "--port", str(port)], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, server)
        with urllib.request.urlopen(f"{url}/app/static/vendor/leaflet/leaflet.js", timeout=10) as answer:
            assert (answer.status, answer.read(24)) == (200, b"/* @preserve\n * Leaflet ")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert code == 0, server.stderr.read()

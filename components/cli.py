"""The command line: ``calais-atlas serve | validate | geocode | docs | import-iom``."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tomllib
from pathlib import Path

from calais_atlas.data.catalogue import LANGS
from calais_atlas.data.csvread import display_path, max_mb_error
from calais_atlas.data.loader import DATA_ENV, default_data_dir, load_dataset
from calais_atlas.data.messages import msg
from calais_atlas.data.schema import TABLES_BY_NAME
from calais_atlas.resources import app_script, is_installed_bundle, server_config

LANG_ENV = "CALAIS_ATLAS_LANG"


def _env_lang() -> str:
    return os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGS else "en"


def _refuse_installed(directory: Path) -> bool:
    """Whether a writing command must stop (said on stderr): ``directory`` is the installed package's own data, files
    pip installed, never changed behind its back, whether the folder was named or found by default."""
    if not is_installed_bundle(directory):
        return False
    print(msg("cli.installed_data", directory=display_path(directory), env=DATA_ENV).text(_env_lang()), file=sys.stderr)
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    lang = _language(args)
    if lang is None:
        return 2
    directory = Path(args.directory) if args.directory else default_data_dir()
    shown = display_path(directory)  # the bundled data, found from anywhere, named as a path from here when it can be
    if not directory.is_dir():
        print(msg("cli.no_folder", directory=shown, env=DATA_ENV).text(lang), file=sys.stderr)
        return 2
    dataset = load_dataset(directory)
    for problem in dataset.problems:
        print(problem.text(lang))
    # A missing optional file (a folder without deaths.csv) is no table of 0 rows: it is left out of the counts.
    counts = ", ".join(f"{count} {name}" for name, count in dataset.row_counts().items()
                       if not TABLES_BY_NAME[name].optional_file or (directory / f"{name}.csv").exists())
    rejected = sum(len(frame) for frame in dataset.rejected.values())
    if dataset.ok:
        print(msg("cli.clean", directory=shown, counts=counts).text(lang))
        return 0
    summary = msg("cli.summary", directory=shown, counts=counts,
                  problems=msg("cli.problems", count=dataset.problem_count), rows=msg("cli.rows", count=rejected))
    print(summary.text(lang))
    return 1


def cmd_geocode(args: argparse.Namespace) -> int:
    from calais_atlas.geocode import GeocodeError, geocode_places

    directory = Path(args.directory) if args.directory else default_data_dir()
    if not args.dry_run and _refuse_installed(directory):
        return 2
    try:
        report = geocode_places(
            directory / "places.csv", refresh=args.refresh, dry_run=args.dry_run, today=args.today
        )
    except GeocodeError as err:
        print(err, file=sys.stderr)
        return 2
    for place_id, reason in report.flagged:
        print(f"flagged {place_id}: {reason}")
    for place_id, reason in report.failed:
        print(f"failed  {place_id}: {reason}")
    print(report.summary())
    return 0 if report.ok() else 1


def _language(args: argparse.Namespace) -> str | None:
    lang = getattr(args, "lang", None) or os.environ.get(LANG_ENV) or "en"
    if lang not in LANGS:
        print(f"{LANG_ENV}={lang}: not a language of the messages (choose one of: {', '.join(LANGS)})", file=sys.stderr)
        return None
    return lang


def _writable_folder(args: argparse.Namespace, lang: str) -> Path | None:
    """The data folder an import writes into: named, or found by default; never the installed package's own."""
    directory = Path(args.directory) if args.directory else default_data_dir()
    if not directory.is_dir():
        print(msg("cli.no_folder", directory=display_path(directory), env=DATA_ENV).text(lang), file=sys.stderr)
        return None
    if not args.dry_run and _refuse_installed(directory):
        return None
    return directory


def cmd_import_iom(args: argparse.Namespace) -> int:
    from calais_atlas.data.iom import IomFileError, read_incidents
    from calais_atlas.data.iom_update import (
        plan_update,
        read_deaths,
        render,
        report_lines,
        validation_problems,
        write_atomically,
    )
    from calais_atlas.data.schema import DEATHS, DEATHS_ROUTES

    lang = _language(args)
    if lang is None:
        return 2
    directory = _writable_folder(args, lang)
    if directory is None:
        return 2
    target = directory / DEATHS.filename
    shown = display_path(target)
    try:
        incidents = read_incidents(Path(args.file))
        existing = read_deaths(target)
    except IomFileError as err:
        for problem in err.problems:
            print(problem.text(lang), file=sys.stderr)
        print(msg("import.refused", file=err.problems[0].file).text(lang), file=sys.stderr)
        return 1
    for note in incidents.notes:
        print(note.text(lang))
    if not incidents.rows:
        print(msg("import.no_route", file=incidents.shown, routes=", ".join(DEATHS_ROUTES)).text(lang))
        return 0
    print(msg("import.read", file=incidents.shown, count=incidents.read, form=incidents.form.name,
              incidents=len(incidents.rows)).text(lang))
    update = plan_update(existing, incidents, refresh=args.refresh)
    for line in report_lines(update, shown):
        print(line.text(lang))
    if not update.writes:
        print(msg("import.nothing", file=shown).text(lang))
        return 0
    data = render(update.rows)
    problems = validation_problems(data, shown)
    if problems:
        print(msg("import.invalid_result", file=shown).text(lang), file=sys.stderr)
        for problem in problems:
            print(problem.text(lang), file=sys.stderr)
        return 1
    if args.dry_run:
        print(msg("import.dry_run").text(lang))
        return 0
    write_atomically(target, data)
    print(msg("import.wrote", file=shown).text(lang))
    return 0


def _generated_docs(directory: Path) -> dict[Path, str]:
    """What ``calais-atlas docs`` writes: the column guide, and the data package (which lists sources.csv's rows)."""
    from calais_atlas.data.datapackage import FILENAME, render_datapackage
    from calais_atlas.data.docs import render_readme

    return {directory / "README.md": render_readme(), directory / FILENAME: render_datapackage(directory)}


def cmd_docs(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else default_data_dir()
    if not args.check and _refuse_installed(directory):
        return 2
    generated = _generated_docs(directory)
    if args.check:
        stale = [target for target, text in generated.items()
                 if not target.exists() or target.read_text(encoding="utf-8") != text]
        for target in stale:
            print(f"{target} is out of date: run `calais-atlas docs`", file=sys.stderr)
        if not stale:
            print(f"{', '.join(map(str, generated))} match the schema")
        return 1 if stale else 0
    for target, text in generated.items():
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


def _flags(settings: dict, prefix: str = "") -> list[str]:
    """config.toml's settings as Streamlit's command-line flags (``--server.enableStaticServing=true``), tables nested."""
    flags = []
    for name, value in settings.items():
        if isinstance(value, dict):
            flags += _flags(value, f"{prefix}{name}.")
        else:
            flags.append(f"--{prefix}{name}={str(value).lower() if isinstance(value, bool) else value}")
    return flags


def serve_command(port: int | None, data: Path | None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run the atlas with the project's server settings, from any folder.

    Streamlit reads .streamlit/config.toml from the current folder only: the bundle's own file is passed as flags
    instead (the one source of the settings; flags beat any config file). The cli layer never imports streamlit
    (pyproject.toml's import-linter contract): the server is ``python -m streamlit``, of this same interpreter.
    """
    settings = tomllib.loads(server_config().read_text(encoding="utf-8"))
    command = [sys.executable, "-m", "streamlit", "run", str(app_script()), *_flags(settings)]
    if port is not None:
        command.append(f"--server.port={port}")
    environment = dict(os.environ)
    if data is not None:  # absolute: the server may resolve it from another folder
        environment[DATA_ENV] = str(data.resolve())
    return command, environment


def cmd_serve(args: argparse.Namespace) -> int:
    data = Path(args.data) if args.data else None
    if data is not None and not data.is_dir():
        print(msg("cli.no_folder", directory=args.data, env=DATA_ENV).text(_env_lang()), file=sys.stderr)
        return 2
    command, environment = serve_command(args.port, data)
    sys.stdout.flush()
    # The server takes this process's place: Ctrl-C reaches Streamlit itself, which stops cleanly, and no parent is left
    # to forward signals or to outlive it.
    os.execve(command[0], command, environment)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="calais-atlas", description="Serve the Calais Atlas; check and maintain its data.")
    commands = parser.add_subparsers(dest="command", required=True)
    folder_help = f"data folder (default: ${DATA_ENV}, or the data shipped with the atlas)"

    serve = commands.add_parser("serve", help="start the atlas (Streamlit) with the project's server settings")
    serve.add_argument("--port", type=int, help="port to listen on (default: Streamlit's, 8501)")
    serve.add_argument("--data", metavar="DIR", help=f"data folder to show (sets ${DATA_ENV} for the server)")
    serve.set_defaults(run=cmd_serve)

    validate = commands.add_parser("validate", help="check every CSV file and list every problem")
    validate.add_argument("directory", nargs="?", help=folder_help)
    validate.add_argument("--lang", choices=LANGS, help=f"language of the messages (default: ${LANG_ENV} or en)")
    validate.set_defaults(run=cmd_validate)

    geocode = commands.add_parser("geocode", help="fill lat/lon in places.csv with Nominatim (1 request per second)")
    geocode.add_argument("directory", nargs="?", help=folder_help)
    geocode.add_argument(
        "--refresh",
        action="store_true",
        help="also re-query places that already have coordinates, hand-entered ones included",
    )
    geocode.add_argument("--dry-run", action="store_true", help="query and report, but write nothing")
    geocode.set_defaults(run=cmd_geocode)

    iom = commands.add_parser(
        "import-iom",
        help="add and update deaths.csv from an IOM Missing Migrants Project download (the route to the UK)",
        description="Read an MMP export (or the curated route table), keep the incidents of the route from mainland "
        "Europe to the UK, merge split incidents, and add new and changed incidents to deaths.csv. Rows corrected by "
        "hand are kept, unless --refresh; note is never changed.",
    )
    iom.add_argument("file", help="the MMP file (CSV) downloaded from https://missingmigrants.iom.int/downloads")
    iom.add_argument("directory", nargs="?", help=folder_help)
    iom.add_argument("--refresh", action="store_true",
                     help="replace rows corrected by hand with IOM's values too (their note is kept)")
    iom.add_argument("--dry-run", action="store_true", help="say what would change, and write nothing")
    iom.add_argument("--lang", choices=LANGS, help=f"language of the messages (default: ${LANG_ENV} or en)")
    iom.set_defaults(run=cmd_import_iom)

    docs = commands.add_parser("docs", help="regenerate data/README.md and data/datapackage.json from the schema")
    docs.add_argument("directory", nargs="?", help=folder_help)
    docs.add_argument("--check", action="store_true", help="only check that both are up to date")
    docs.set_defaults(run=cmd_docs)
    return parser


def main(argv: list[str] | None = None, *, today: datetime.date | None = None) -> int:
    """Run one command; ``today`` (default: the real date) is what geocode stamps in coord_source."""
    args = build_parser().parse_args(argv)
    args.today = today
    setting = max_mb_error()
    if setting is not None:  # a wrong limit would let every file through, or none: say so and stop
        print(setting.text(_env_lang()), file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

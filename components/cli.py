"""The maintainers' command line: ``calais-atlas validate | geocode | docs``."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from calais_atlas.data.catalogue import LANGS
from calais_atlas.data.csvread import max_mb_error
from calais_atlas.data.loader import DATA_ENV, default_data_dir, load_dataset
from calais_atlas.data.messages import msg

LANG_ENV = "CALAIS_ATLAS_LANG"


def cmd_validate(args: argparse.Namespace) -> int:
    lang = args.lang or os.environ.get(LANG_ENV) or "en"
    if lang not in LANGS:
        print(f"{LANG_ENV}={lang}: not a language of the validator (choose one of: {', '.join(LANGS)})", file=sys.stderr)
        return 2
    directory = Path(args.directory) if args.directory else default_data_dir()
    if not directory.is_dir():
        print(msg("cli.no_folder", directory=str(directory), env=DATA_ENV).text(lang), file=sys.stderr)
        return 2
    dataset = load_dataset(directory)
    for problem in dataset.problems:
        print(problem.text(lang))
    counts = ", ".join(f"{count} {name}" for name, count in dataset.row_counts().items())
    rejected = sum(len(frame) for frame in dataset.rejected.values())
    if dataset.ok:
        print(msg("cli.clean", directory=str(directory), counts=counts).text(lang))
        return 0
    summary = msg("cli.summary", directory=str(directory), counts=counts,
                  problems=msg("cli.problems", count=dataset.problem_count), rows=msg("cli.rows", count=rejected))
    print(summary.text(lang))
    return 1


def cmd_geocode(args: argparse.Namespace) -> int:
    from calais_atlas.geocode import GeocodeError, geocode_places

    directory = Path(args.directory) if args.directory else default_data_dir()
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


def _generated_docs(directory: Path) -> dict[Path, str]:
    """What ``calais-atlas docs`` writes: the column guide, and the data package (which lists sources.csv's rows)."""
    from calais_atlas.data.datapackage import FILENAME, render_datapackage
    from calais_atlas.data.docs import render_readme

    return {directory / "README.md": render_readme(), directory / FILENAME: render_datapackage(directory)}


def cmd_docs(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else default_data_dir()
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="calais-atlas", description="Check and maintain the Calais Atlas data folder.")
    commands = parser.add_subparsers(dest="command", required=True)
    folder_help = f"data folder (default: ${DATA_ENV} or ./data)"

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
        print(setting.text(os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGS else "en"), file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""Synthetic data folders for the benchmark, in the same schema as data/ (components/data/schema.py).

    python tests/bench/synth.py OUT_DIR --events 10000 --places 1000 [--seed 7]

Everything is drawn from seeded random generators (one per table), so a given set of arguments always
writes the same bytes, and folders of different sizes share the same places, figures and captions.
Places are spread over the Channel coast (lon -2..5, lat 48..52); camps and centres have
``active`` intervals, some open-ended; population figures carry qualifiers, ranges and disagreeing
same-period figures from different sources; dates are ISO at day, month, year and interval precision
between 1999 and 2021. The folder is loaded with ``calais_atlas.data.loader.load_dataset`` at the end and
must report zero problems (``generate`` raises otherwise).

Not a test module: pytest does not collect it (no ``test_`` prefix).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calais_atlas.data.schema import CAPTIONS, CHAPTERS, EVENT_CATEGORIES, EVENTS, PLACES, POPULATION, SOURCES  # noqa: E402

FIRST, LAST = date(1999, 1, 1), date(2021, 12, 31)
BBOX = (-2.0, 48.0, 5.0, 52.0)  # lon_min, lat_min, lon_max, lat_max
CATEGORIES = [value for value, _ in EVENT_CATEGORIES]

# Kinds and their shares; camps are the sites that get population figures and active intervals.
KINDS = (("camp", 0.30), ("facility", 0.14), ("town", 0.18), ("village", 0.18), ("transport", 0.08),
         ("border", 0.04), ("coast", 0.04), ("sea", 0.02), ("region", 0.02))

TOWN_STEMS = ("Calais", "Dunkerque", "Boulogne", "Gravelines", "Loon", "Wissant", "Sangatte", "Coquelles", "Marck",
              "Oye", "Grande-Synthe", "Teteghem", "Bergues", "Hazebrouck", "Saint-Omer", "Ardres", "Guines", "Audruicq",
              "Steenvoorde", "Norrent", "Angres", "Cherbourg", "Ouistreham", "Dieppe", "Le Havre", "Abbeville",
              "Berck", "Etaples", "Ostende", "Zeebrugge", "Bruges", "Furnes", "Douvres", "Folkestone", "Ramsgate")
CAMP_WORDS = ("jungle", "camp", "campement", "squat", "bois", "dunes", "hangar", "terrain", "friche", "lande")
FACILITY_WORDS = ("day centre", "reception centre", "church", "distribution point", "shelter", "clinic", "school")
PUBLISHERS = ("Le Monde", "La Voix du Nord", "Libération", "BBC News", "The Guardian", "TIME", "Reuters", "AFP",
              "France 24", "Médecins Sans Frontières", "Human Rights Watch", "Magnum Photos", "Nord Littoral",
              "Le Figaro", "The Independent", "InfoMigrants", "Al Jazeera", "Ouest-France")
AUTHORS = ("Claire Martin", "Olivier Laurent", "Jerome Sessini", "Anna Dupont", "Kamal Haddad", "Sarah Lewis",
           "Pierre Leroy", "Marta Nowak", "Yusuf Ahmadi", "Hélène Caron", "")
SUBJECTS = ("Police", "Volunteers", "The prefecture", "Residents", "The mayor", "Aid groups", "Migrants", "The court",
            "Lorry drivers", "Local families", "The interior ministry", "A charity", "Riot police", "Smugglers")
VERBS = ("clear", "visit", "open", "close", "protest at", "rebuild", "evacuate", "count people at", "bring food to",
         "block access to", "report on", "dismantle", "inspect", "move people from")
OBJECTS = ("shelters", "a makeshift school", "the water points", "a new camp", "tents and huts", "the dunes",
           "a disused warehouse", "the showers", "the ring road", "the old factory site", "the port fence")
SENTENCES = (
    "Witnesses described {n} people gathered near {place} in the early morning, "
    "many of them from Sudan, Eritrea and Afghanistan.",
    "The operation at {place} lasted several hours; aid groups said about {n} tents and shelters were affected.",
    "According to the prefecture, {n} places were offered in reception centres, though many refused to leave {place}.",
    "Volunteers set up a kitchen near {place} and served some {n} meals a day during the cold spell.",
    "Local papers reported tension at {place} after a night of attempts to board lorries heading for the port.",
    "A court in Lille ordered the authorities to provide water points and toilets at {place} within eight days.",
    "Residents of {place} said the police used tear gas; the authorities denied any excessive force.",
    "The charity counted {n} unaccompanied minors at {place}, more than double the figure given a month earlier.",
)
QUOTES_EN = ("We have nowhere else to go", "It is cold and the children are sick", "They came at dawn and took everything",
             "The situation is unacceptable in a country like ours", "We counted more than {n} people that night")
QUOTES_FR = (("On n'a nulle part où aller", "We have nowhere to go"),
             ("La situation est indigne d'un pays comme le nôtre", "The situation is unworthy of a country like ours"),
             ("Ils sont venus à l'aube et ont tout pris", "They came at dawn and took everything"),
             ("Nous avons compté plus de {n} personnes cette nuit-là", "We counted more than {n} people that night"))
CAPTION_OPENINGS = ("A man warms his hands over a fire", "Children play between the tents", "Volunteers unload boxes of food",
                    "Police in riot gear stand at the edge", "A family waits for the distribution of blankets",
                    "Shelters made of wood and tarpaulin stand in the mud", "A bulldozer clears the remains of huts",
                    "Men queue for the showers", "A makeshift church built of pallets", "Smoke rises from a burnt shelter")


def _clip(text: str, low: int, high: int, filler: str = " near the coast") -> str:
    while len(text) < low:
        text += filler
    if len(text) > high:
        text = text[:high].rsplit(" ", 1)[0].rstrip(",;:")
    return text


def _random_day(rng: random.Random, first: date = FIRST, last: date = LAST) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def fuzzy_date(rng: random.Random, shares: tuple[float, float, float, float] = (0.70, 0.15, 0.08, 0.07),
               first: date = FIRST, last: date = LAST) -> str:
    """An ISO date at day, month, year or interval precision, inside [first, last]."""
    day = _random_day(rng, first, last)
    roll = rng.random()
    if roll < shares[0]:
        return day.isoformat()
    if roll < shares[0] + shares[1]:
        return f"{day.year:04d}-{day.month:02d}"
    if roll < shares[0] + shares[1] + shares[2]:
        return f"{day.year:04d}"
    end = min(last, day + timedelta(days=rng.randint(10, 120)))
    if rng.random() < 0.5:
        return f"{day.year:04d}-{day.month:02d}/{end.year:04d}-{end.month:02d}"
    return f"{day.isoformat()}/{end.isoformat()}"


def _sentence(rng: random.Random, place: str) -> str:
    return rng.choice(SENTENCES).format(n=rng.randint(20, 3000), place=place)


def _description(rng: random.Random, place: str) -> str:
    text = _sentence(rng, place)
    if len(text) < 100 or rng.random() < 0.4:
        text += " " + _sentence(rng, place)
    return _clip(text, 100, 200)


def _write(folder: Path, table, rows: list[dict]) -> None:
    with (folder / table.filename).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table.column_names), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_sources(rng: random.Random, count: int) -> list[dict]:
    rows = []
    for index in range(1, count + 1):
        publisher = rng.choice(PUBLISHERS)
        french = publisher in ("Le Monde", "La Voix du Nord", "Libération", "Nord Littoral", "Le Figaro", "Ouest-France")
        subject = rng.choice(TOWN_STEMS)
        title = (f"À {subject}, la vie dans les campements au bord de la Manche" if french
                 else f"Life and loss in the camps around {subject} on the Channel coast")
        rows.append({
            "source_id": f"src-{index:03d}",
            "title": _clip(title, 40, 60),
            "publisher": publisher,
            "author": rng.choice(AUTHORS),
            "published": fuzzy_date(rng, (0.6, 0.3, 0.1, 0.0)),
            "url": (f"https://example.org/{publisher.lower().replace(' ', '-').replace('é', 'e')}/{index:03d}"
                    if rng.random() < 0.85 else ""),
            "language": "fr" if french else "en",
            "notes": _clip(f"Synthetic source {index} for the benchmark; figures and dates are invented. "
                           f"{_sentence(rng, subject)}", 60, 220)
            if rng.random() < 0.5 else "",
        })
    return rows


def _pick_kind(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for kind, share in KINDS:
        total += share
        if roll < total:
            return kind
    return KINDS[-1][0]


def make_places(rng: random.Random, count: int, sources: list[dict]) -> list[dict]:
    rows, used_points = [], set()
    for index in range(1, count + 1):
        kind = _pick_kind(rng)
        stem = rng.choice(TOWN_STEMS)
        if kind == "camp":
            name = f"{stem} {rng.choice(CAMP_WORDS)} {index}"
        elif kind == "facility":
            name = f"{stem} {rng.choice(FACILITY_WORDS)} {index}"
        else:
            name = f"{stem} {kind} {index}"
        while True:
            lon = round(rng.uniform(BBOX[0], BBOX[2]), 5)
            lat = round(rng.uniform(BBOX[1], BBOX[3]), 5)
            if (lat, lon) not in used_points:
                used_points.add((lat, lon))
                break
        active = ""
        if kind in ("camp", "facility") and rng.random() < (0.75 if kind == "camp" else 0.4):
            start = _random_day(rng, FIRST, date(2020, 6, 30))
            roll = rng.random()
            if roll < 0.15:
                active = f"{start.year:04d}-{start.month:02d}/.."
            else:
                end = min(LAST, start + timedelta(days=rng.randint(60, 2500)))
                active = (f"{start.isoformat()}/{end.isoformat()}" if roll < 0.6
                          else f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}")
        rows.append({
            "place_id": f"place-{index:04d}",
            "name": name,
            "kind": kind,
            "geocode_query": f"{stem}, France" if kind in ("town", "village") else "",
            "lat": f"{lat:.5f}",
            "lon": f"{lon:.5f}",
            "location_precision": "area" if kind in ("camp", "sea", "region", "coast") else rng.choice(("exact", "approximate")),
            "coord_source": "manual: synthetic benchmark point",
            "active": active,
            "description": _description(rng, name) if rng.random() < 0.8 else "",
            "source_id": rng.choice(sources)["source_id"] if rng.random() < 0.9 else "",
            "notes": "Synthetic place." if rng.random() < 0.2 else "",
        })
    return rows


def make_events(rng: random.Random, count: int, places: list[dict], sources: list[dict]) -> list[dict]:
    camps = [p for p in places if p["kind"] == "camp"]
    rows = []
    for index in range(1, count + 1):
        place = rng.choice(camps) if rng.random() < 0.6 else rng.choice(places)
        category = rng.choice(CATEGORIES)
        title = _clip(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} at {place['name']}", 40, 60)
        quote, quote_en = "", ""
        roll = rng.random()
        if roll < 0.2:
            quote = rng.choice(QUOTES_EN).format(n=rng.randint(100, 5000))
        elif roll < 0.3:
            french, english = rng.choice(QUOTES_FR)
            n = rng.randint(100, 5000)
            quote, quote_en = french.format(n=n), english.format(n=n)
        rows.append({
            "event_id": f"ev-{index:06d}",
            "date": fuzzy_date(rng),
            "place_id": place["place_id"],
            "category": category,
            "title": title,
            "description": _description(rng, place["name"]) if rng.random() < 0.9 else "",
            "source_id": rng.choice(sources)["source_id"],
            "quote": quote,
            "quote_en": quote_en,
            "date_note": "Month inferred from a report published 'last week'." if rng.random() < 0.05 else "",
        })
    return rows


def make_population(rng: random.Random, count: int, places: list[dict], sources: list[dict]) -> list[dict]:
    camps = [p for p in places if p["kind"] == "camp"]
    towns = [p for p in places if p["kind"] in ("town", "village")]
    rows: list[dict] = []
    while len(rows) < count:
        index = len(rows) + 1
        if rng.random() < 0.8 and camps:
            place, what = rng.choice(camps), rng.choices(("residents", "capacity", "to-be-moved"), (0.85, 0.1, 0.05))[0]
            amount = rng.randint(20, 8000)
        else:
            place, what = rng.choice(towns), "inhabitants"
            amount = rng.randint(50, 120000)
        qualifier = rng.choices(("exact", "about", "over", "under", "planned"), (0.35, 0.35, 0.15, 0.1, 0.05))[0]
        count_max = str(amount + rng.randint(10, 2000)) if rng.random() < 0.1 else ""
        when = fuzzy_date(rng, (0.5, 0.25, 0.1, 0.15))
        row = {
            "figure_id": f"fig-{index:05d}",
            "place_id": place["place_id"],
            "date": when,
            "count": str(amount),
            "qualifier": qualifier,
            "count_max": count_max,
            "what": what,
            "source_id": rng.choice(sources)["source_id"],
            "quote": f"{qualifier if qualifier != 'exact' else ''} {amount:,} people".strip() if rng.random() < 0.5 else "",
            "date_note": "" if rng.random() < 0.9 else "The source gives the season only.",
        }
        rows.append(row)
        if what == "residents" and rng.random() < 0.08 and len(rows) < count:
            # Another source, same place and period, a different head count: the app must show both.
            other = dict(row, figure_id=f"fig-{len(rows) + 1:05d}", count=str(max(0, amount + rng.randint(-1500, 1500))),
                         count_max="", source_id=rng.choice(sources)["source_id"],
                         qualifier=rng.choice(("about", "over", "exact")))
            rows.append(other)
    return rows


def make_captions(rng: random.Random, count: int, places: list[dict], events: list[dict], sources: list[dict]) -> list[dict]:
    camps = [p for p in places if p["kind"] == "camp"]
    rows = []
    for index in range(1, count + 1):
        event = rng.choice(events) if events and rng.random() < 0.3 else None
        place_id = event["place_id"] if event else rng.choice(camps)["place_id"]
        french = rng.random() < 0.15
        if french:
            text = (f"Un homme se réchauffe près d'un feu dans le campement, le {rng.randint(1, 28)} du mois, "
                    "avant l'évacuation annoncée par la préfecture.")
        else:
            text = (f"{rng.choice(CAPTION_OPENINGS)} in the \"jungle\", where a mix of refugees, asylum seekers and migrants "
                    f"from Sudan, Afghanistan, Syria, Iraq and Eritrea live before they attempt to reach the United Kingdom.")
        text = _clip(text, 100, 300 if rng.random() < 0.8 else 600, " The photographer returned a week later.")
        rows.append({
            "caption_id": f"cap-{index:05d}",
            "place_id": place_id,
            "date": event["date"] if event else fuzzy_date(rng, (0.85, 0.1, 0.05, 0.0)),
            "text": text,
            "credit": rng.choice(("Jerome Sessini—Magnum Photos", "Anna Dupont—Synthetic Agency", "Kamal Haddad / AFP")),
            "source_id": rng.choice(sources)["source_id"],
            "event_id": event["event_id"] if event else "",
            "language": "fr" if french else "en",
            "position": str(rng.randint(1, 40)) if rng.random() < 0.7 else "",
            "note": "Repaired damaged quotes." if rng.random() < 0.05 else "",
        })
    return rows


def make_chapters(rng: random.Random, count: int, places: list[dict], captions: list[dict], sources: list[dict]) -> list[dict]:
    """A small lesson whose references all point into the synthetic folder."""
    rows = []
    for number in range(1, count + 1):
        caption = rng.choice(captions)
        day = _random_day(rng, date(2000, 1, 1), date(2021, 6, 30))
        rows.append({
            "chapter": str(number), "title": f"Chapter {number}: the camps in {day.year}",
            "title_fr": f"Chapitre {number} : les camps en {day.year}",
            "date": day.isoformat(), "window": "around" if number % 3 else "upto", "months": "3" if number % 3 else "",
            "place_id": caption["place_id"], "view": ("site", "coast", "all")[number % 3],
            "layers": "" if number % 2 else "sites,events", "caption_id": caption["caption_id"],
            "narrative": _description(rng, "the coast"),
            "narrative_fr": "Le camp a grandi pendant l'automne, malgré les évacuations.",
            "question": "What do the sources agree on, and where do they differ?",
            "question_fr": "Sur quoi les sources s'accordent-elles ?",
            "teacher_notes": "Synthetic chapter for the benchmark.", "teacher_notes_fr": "",
            "source_id": rng.choice(sources)["source_id"],
        })
    return rows


def generate(out: Path, events: int, places: int = 1000, *, sources: int = 50, figures: int = 3000, captions: int = 3000,
             chapters: int = 6, seed: int = 20161024, check: bool = True) -> dict[str, int]:
    """Write the six CSVs into ``out``; return the row counts. Raises AssertionError if the folder has any problem."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    def rng(table: str) -> random.Random:
        # One stream per table: the places, figures and captions are the same whatever the number of events,
        # so data sets of different sizes differ only in their events.
        return random.Random(f"{seed}:{table}")

    source_rows = make_sources(rng("sources"), sources)
    place_rows = make_places(rng("places"), places, source_rows)
    event_rows = make_events(rng("events"), events, place_rows, source_rows)
    figure_rows = make_population(rng("population"), figures, place_rows, source_rows)
    caption_rows = make_captions(rng("captions"), captions, place_rows, event_rows, source_rows)
    tables = [(SOURCES, source_rows), (PLACES, place_rows), (EVENTS, event_rows), (POPULATION, figure_rows),
              (CAPTIONS, caption_rows)]
    if chapters:
        tables.append((CHAPTERS, make_chapters(rng("chapters"), chapters, place_rows, caption_rows, source_rows)))
    else:
        (out / CHAPTERS.filename).unlink(missing_ok=True)
    for table, rows in tables:
        _write(out, table, rows)
    counts = {table.name: len(rows) for table, rows in tables}
    if check:
        from calais_atlas.data.loader import load_dataset

        dataset = load_dataset(out)
        problems = [str(problem) for problem in dataset.problems]
        assert not problems, f"synthetic folder {out} has {len(problems)} problems, e.g.:\n" + "\n".join(problems[:20])
        # The tables not written (the IOM's deaths, optional) are empty.
        expected = {name: counts.get(name, 0) for name in dataset.row_counts()}
        assert dataset.row_counts() == expected, (dataset.row_counts(), expected)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (created; existing CSVs are overwritten)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--figures", type=int, default=3000, help="population rows")
    parser.add_argument("--captions", type=int, default=3000)
    parser.add_argument("--chapters", type=int, default=6, help="0 to write no chapters.csv (it is optional)")
    parser.add_argument("--seed", type=int, default=20161024)
    parser.add_argument("--no-check", action="store_true", help="skip the zero-problem check")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.out, args.events, args.places, sources=args.sources, figures=args.figures, captions=args.captions,
                      chapters=args.chapters, seed=args.seed, check=not args.no_check)
    checked = "" if args.no_check else ", 0 problems"
    counted = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"{args.out}: {counted}{checked} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

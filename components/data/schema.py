"""The one description of every CSV column.

The validator, ``data/README.md`` and ``data/datapackage.json`` are all derived from the
tables below, so a column is described here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

# The forms of the cell types, as regular expressions in the subset that XML Schema, JavaScript and Python share
# (implicitly anchored, no lookaround, no (?:...)), so that data/datapackage.json hands them to any Frictionless tool.
# The validator's own checks (checks.py, dates.py) say more, and say it better: these are what a generic tool can check.
_YEAR = r"\d{4}"
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"
# Each month's length; 29 February in a year that has none is beyond a regular expression, and left to dates.py.
_DAY = r"\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2\d))"
_DATE_PART = f"({_DAY}|{_MONTH}|{_YEAR})"
DATE_PATTERN = rf"({_DATE_PART}(/({_DATE_PART}|\.\.))?)"  # an open end is ".."
ID_STANDARD_PATTERN = r"([a-z0-9]+(-[a-z0-9]+)*)"
ID_PATTERN = f"^{ID_STANDARD_PATTERN}$"  # the validator's form of the same pattern (re.match)
URL_PATTERN = r"([Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+.*)"  # http(s) and a host, as checks.check_url wants
DAY_PATTERN = f"({_DAY})"  # one day, no coarser precision: an incident IOM records
IOM_ID_STANDARD_PATTERN = r"(\d{4}\.MMP\d+)"  # IOM's Main ID: the year, then MMP and a number
IOM_ID_PATTERN = f"^{IOM_ID_STANDARD_PATTERN}$"
_LINK = r"[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+\S*"
LINKS_PATTERN = f"({_LINK}( {_LINK})*)"  # web addresses separated by a single space
SCORES_PATTERN = r"([1-5]( [1-5])*)"  # one IOM source-quality score, or a split incident's several, by a space


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # id | text | integer | number | date | interval | enum | url | ref | layers | day | iom_id | links | scores
    description: str
    required: bool = False
    example: str = ""
    values: tuple[tuple[str, str], ...] = ()  # (value, meaning) for enum columns
    ref: str | None = None  # "table.column" for references
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    quoted: bool = False  # the value is a publisher's words (or their translation), not the project's (datapackage.RIGHTS)

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.values)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: str | None
    how_to_add: str = ""
    optional_file: bool = False
    # A table that is someone else's data: the credit its rows carry wherever they are shown or exported, its link,
    # and the rows of sources.csv that describe where it comes from (the data package lists them as its sources).
    credit: str = ""
    credit_url: str = ""
    source_ids: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


LANGUAGES = (("en", "English"), ("fr", "French"))

PRECISION = (
    ("exact", "the point is the place itself (a building, a village centre)"),
    ("approximate", "within about a kilometre: the source names the place but not the spot"),
    ("area", "the place is a zone (a camp of several hectares, a stretch of sea); the point is its middle"),
)

PLACE_KINDS = (
    ("camp", "an encampment where people lived"),
    ("facility", "a building or centre: a reception centre, a church, a day centre"),
    ("town", "a town or city"),
    ("village", "a village"),
    ("transport", "a port, a tunnel terminal, a road"),
    ("border", "a frontier or crossing point"),
    ("coast", "a beach or stretch of shore"),
    ("sea", "a sea or strait"),
    ("region", "an administrative region"),
)

EVENT_CATEGORIES = (
    ("camp", "a camp opens, grows, moves or closes"),
    ("demolition", "shelters are cleared, bulldozed or evicted"),
    ("clash", "violence between people and police"),
    ("protest", "a demonstration, for or against the migrants"),
    ("politics", "elections, rallies, statements by politicians"),
    ("policy", "a decision by a government, a prefecture or a court"),
    ("death", "a person dies"),
    ("humanitarian", "aid, shelter, volunteers, facilities"),
    ("daily-life", "ordinary life in and around the camps"),
)

QUALIFIERS = (
    ("exact", "the source gives the figure plainly, with no 'about' or 'over'"),
    ("about", "the source says about, around, some"),
    ("over", "the source says more than, over"),
    ("under", "the source says fewer than, under"),
    ("planned", "a plan or a target, not a head count"),
)

POPULATION_WHAT = (
    ("residents", "people living at the site (head count)"),
    ("inhabitants", "the population of a town or village (census)"),
    ("capacity", "places available, not people present"),
    ("to-be-moved", "people a plan says will be moved; not a head count"),
)

HEAD_COUNTS = ("residents", "inhabitants")

_DATE_HELP = (
    "ISO 8601 at the precision the source supports: a year (2015), a month (2015-11), "
    "a day (2015-11-25), or an interval start/end (2015-09/2015-11)"
)

SOURCES = Table(
    name="sources",
    description="Every document the atlas cites. Every other file points here with source_id.",
    key="source_id",
    columns=(
        Column("source_id", "id", "Short unique id, lowercase words joined by hyphens.", True, "time-2016-lightbox", unique=True),
        Column(
            "title",
            "text",
            "Title of the document, in its own language.",
            True,
            "The Many Lives of the Calais 'Jungle' Refugee Camp",
            quoted=True,
        ),
        Column("publisher", "text", "Who published it.", True, "TIME"),
        Column("author", "text", "Author or photographer.", False, "Olivier Laurent"),
        Column("published", "date", f"Publication date. {_DATE_HELP}.", False, "2016-02-26"),
        Column("url", "url", "Web address; only http:// and https:// are accepted.", False, "https://time.com/..."),
        Column("language", "enum", "Language of the document.", True, "en", values=LANGUAGES),
        Column("notes", "text", "How the document was used, and anything a reader should know about it.", False),
    ),
    how_to_add="Add a row before citing a new document anywhere else. Pick a source_id you will recognise.",
)

PLACES = Table(
    name="places",
    description="Every place the atlas shows: camps, facilities, towns, the sea.",
    key="place_id",
    columns=(
        Column("place_id", "id", "Short unique id.", True, "calais-jungle", unique=True),
        Column("name", "text", "Name shown on the map.", True, "Calais 'Jungle' (Lande de Calais)"),
        Column(
            "name_fr",
            "text",
            "The place's name in French, shown when the interface is in French; empty: the name is used.",
            False,
            "« Jungle » de Calais (Lande de Calais)",
        ),
        Column("kind", "enum", "What sort of place it is.", True, "camp", values=PLACE_KINDS),
        Column(
            "geocode_query",
            "text",
            "What to ask the geocoder; leave empty for places no geocoder knows (camps).",
            False,
            "Wissant, Pas-de-Calais, France",
        ),
        Column(
            "lat",
            "number",
            "Latitude in decimal degrees, with a point: 50.96, not 50,96.",
            False,
            "50.9655",
            minimum=-90,
            maximum=90,
        ),
        Column("lon", "number", "Longitude in decimal degrees, east positive.", False, "1.8945", minimum=-180, maximum=180),
        Column("location_precision", "enum", "How sure the point is.", True, "area", values=PRECISION),
        Column(
            "coord_source",
            "text",
            "How lat/lon were obtained: 'nominatim 2026-11-24', or 'manual: <reason and reference>'.",
            False,
            "manual: Wikipedia, Calais Jungle infobox",
        ),
        Column(
            "active",
            "interval",
            f"For camps and centres: when it existed, start/end. An open end is '..'. {_DATE_HELP}.",
            False,
            "2015-04/2016-10-31",
        ),
        Column("description", "text", "One or two sentences for the popup, in English.", False),
        Column(
            "description_fr",
            "text",
            "The description in French, shown when the interface is in French; empty: the description is used.",
            False,
        ),
        Column(
            "source_id",
            "ref",
            "Source for the place's description and dates.",
            False,
            "wikipedia-calais-jungle",
            ref="sources.source_id",
        ),
        Column("notes", "text", "Anything a maintainer should know: names, uncertain locations.", False),
    ),
    how_to_add=(
        "Add a row with a new place_id, a name, a kind and a location_precision. Either type lat and lon "
        "(and say where they came from in coord_source, starting with 'manual:'), or fill geocode_query "
        "and run `calais-atlas geocode`."
    ),
)

EVENTS = Table(
    name="events",
    description="What happened, where and when, each with its source.",
    key="event_id",
    columns=(
        Column("event_id", "id", "Short unique id.", True, "jungle-clash-2015-11-25", unique=True),
        Column("date", "date", f"When it happened (not when it was published). {_DATE_HELP}.", True, "2015-11-25"),
        Column("place_id", "ref", "Where it happened.", True, "calais-jungle", ref="places.place_id"),
        Column("category", "enum", "One of the categories below.", True, "clash", values=EVENT_CATEGORIES),
        Column("title", "text", "A short English title.", True, "Clash between migrants and police"),
        Column(
            "title_fr",
            "text",
            "The title in French, shown when the interface is in French; empty: the title is used.",
            False,
            "Affrontement entre des migrants et la police",
        ),
        Column("description", "text", "One to three sober English sentences.", False),
        Column(
            "description_fr",
            "text",
            "The description in French, shown when the interface is in French; empty: the description is used.",
            False,
        ),
        Column("source_id", "ref", "The source that reports it.", True, "time-2016-lightbox", ref="sources.source_id"),
        Column("quote", "text", "The source's exact words, in the source's language.", False, quoted=True),
        Column("quote_en", "text", "English translation of a quote that is not in English.", False, quoted=True),
        Column("date_note", "text", "How the date was worked out when the source gives it relative ('last week').", False),
    ),
    how_to_add="Add a row with the date the event happened, the place_id of an existing place, a category and a source_id.",
)

POPULATION = Table(
    name="population",
    description=(
        "How many people lived at a place, by date and source. Conflicting figures stay side by side, "
        "one row each; they are never averaged."
    ),
    key="figure_id",
    columns=(
        Column("figure_id", "id", "Short unique id.", True, "jungle-2015-fall-time", unique=True),
        Column("place_id", "ref", "The place counted.", True, "calais-jungle", ref="places.place_id"),
        Column("date", "date", f"When the count applies. {_DATE_HELP}.", True, "2015-09/2015-11"),
        Column("count", "integer", "The figure, digits only: 6000, not 6,000 or 6 000.", True, "6000", minimum=0),
        Column("qualifier", "enum", "How the source words the figure.", True, "over", values=QUALIFIERS),
        Column("count_max", "integer", "Upper end, when the source gives a range.", False, "", minimum=0),
        Column("what", "enum", "What is counted. Only head counts size the circles.", True, "residents", values=POPULATION_WHAT),
        Column("source_id", "ref", "The source of the figure.", True, "time-2016-lightbox", ref="sources.source_id"),
        Column("quote", "text", "The source's exact words.", False, "more than 6,000 last fall", quoted=True),
        Column("date_note", "text", "How the date was worked out.", False),
    ),
    how_to_add=(
        "Add one row per figure per source, with the qualifier the source uses. "
        "Never replace a figure another source gives."
    ),
)

CAPTIONS = Table(
    name="captions",
    description="The photo captions, each tied to a place and a date.",
    key="caption_id",
    columns=(
        Column("caption_id", "id", "Short unique id.", True, "time-01", unique=True),
        Column("place_id", "ref", "Where the photo was taken.", True, "calais-jungle", ref="places.place_id"),
        Column("date", "date", f"When the photo was taken. {_DATE_HELP}.", True, "2015-11-25"),
        Column("text", "text", "The caption, as published, with broken characters repaired.", True, quoted=True),
        Column("credit", "text", "Photographer and agency.", True, "Jerome Sessini—Magnum Photos"),
        Column("source_id", "ref", "Where the caption was published.", True, "time-2016-lightbox", ref="sources.source_id"),
        Column("event_id", "ref", "The event the photo shows, if any.", False, "jungle-clash-2015-11-25", ref="events.event_id"),
        Column("language", "enum", "Language of the caption.", True, "en", values=LANGUAGES),
        Column("position", "integer", "Position of the photo in the published essay.", False, "1", minimum=1),
        Column("note", "text", "Repairs and corrections made to the text, with the original wording.", False),
    ),
    how_to_add="Add a row with the caption text exactly as published, the place it shows and the date it was taken.",
)

LAYER_NAMES = (
    ("sites", "sites and population"),
    ("events", "events"),
    ("captions", "photo captions"),
    ("context", "context places"),
    ("deaths", "deaths at the border, from IOM's Missing Migrants Project (deaths.csv)"),
)
_LAYER = "(" + "|".join(name for name, _ in LAYER_NAMES) + ")"
LAYERS_PATTERN = rf"(\s*{_LAYER}\s*(,\s*{_LAYER}\s*)*)"  # the layers column: some of them, separated by commas
VIEWS = (
    ("coast", "the Channel coast, Wissant to Dunkirk"),
    ("all", "every place, Brachay included"),
    ("site", "centred on the chapter's place"),
)
WINDOWS = (
    ("around", "events within `months` months either side of the date"),
    ("upto", "every event up to the date"),
)

CHAPTERS = Table(
    name="chapters",
    description=(
        "The lesson: chapters an educator steps through. Each chapter sets the date, the map view, the layers and the "
        "caption panel, and shows its narrative and a discussion question."
    ),
    key="chapter",
    optional_file=True,
    columns=(
        Column(
            "chapter",
            "integer",
            "Chapter number: the order of the lesson, from 1. It is also the link: ?chapter=3.",
            True,
            "3",
            minimum=1,
            unique=True,
        ),
        Column("title", "text", "Short title, in English.", True, "The Jungle grows"),
        Column("title_fr", "text", "The title in French, shown when the interface is in French.", False, "La « Jungle » grandit"),
        Column("date", "date", "The day the slider moves to (a day: 2015-11-25).", True, "2015-11-25"),
        Column("window", "enum", "Which events are shown around that date.", True, "around", values=WINDOWS),
        Column("months", "integer", "For window=around: months either side of the date.", False, "3", minimum=0, maximum=120),
        Column(
            "place_id",
            "ref",
            "The place the chapter is about: selected, and its captions shown.",
            False,
            "calais-jungle",
            ref="places.place_id",
        ),
        Column("view", "enum", "What the map shows.", True, "site", values=VIEWS),
        Column(
            "layers",
            "layers",
            "Layers on, separated by commas; empty for all: sites, events, captions, context, deaths.",
            False,
            "sites,events",
        ),
        Column("caption_id", "ref", "A caption to highlight in the panel.", False, "time-01", ref="captions.caption_id"),
        Column("narrative", "text", "What the class reads: two to five sober sentences, in English.", True),
        Column("narrative_fr", "text", "The narrative in French.", False),
        Column("question", "text", "A question to discuss, in English.", True),
        Column("question_fr", "text", "The question in French.", False),
        Column(
            "teacher_notes",
            "text",
            "For the teacher only (hidden unless shown): context, pitfalls, what the sources do not say.",
            False,
        ),
        Column("teacher_notes_fr", "text", "The teacher notes in French.", False),
        Column("source_id", "ref", "The main source of the chapter.", True, "time-2016-lightbox", ref="sources.source_id"),
    ),
    how_to_add="Add a row with the next chapter number. Check it with `make validate`, then open `?chapter=N` in the app.",
)

DEATHS_CREDIT = (
    "IOM's Missing Migrants Project, CC BY 4.0; route table compiled by Giorgio Coppola, CC BY 4.0; "
    "changes made by the atlas"
)
DEATHS_CREDIT_URL = "https://missingmigrants.iom.int"
DEATHS_ROUTES = ("Mainland Europe to the UK", "English Channel to the UK")  # the route's name, then its older name
LOCATION_PRECISION = (
    ("reported", "the point IOM gives for the place it names"),
    (
        "approximate",
        "a whole-degree latitude or longitude (up to about 70 km off on this coast), or an \"unspecified location\" "
        "for which IOM gives a representative point",
    ),
)
FINGERPRINT_COLUMN = "iom_fingerprint"

DEATHS = Table(
    name="deaths",
    description=(
        "Deaths at the border: the IOM Missing Migrants Project's incidents on the route from mainland Europe to the "
        "UK, one row per incident (IOM's Main ID). Each row is one or more people who died or went missing. The counts "
        "are IOM's, a lower bound: an empty count is unknown, never zero. Rows are written by `calais-atlas "
        "import-iom`; a maintainer may correct a row, and the importer keeps the correction."
    ),
    key="iom_id",
    optional_file=True,
    credit=DEATHS_CREDIT,
    credit_url=DEATHS_CREDIT_URL,
    source_ids=("iom-missing-migrants", "coppola-missing-migrants-count"),
    columns=(
        Column("iom_id", "iom_id", "IOM's Main ID of the incident: the year, a point, MMP and a number.", True,
               "2021.MMP0189", unique=True),
        Column("date", "day", "The day of the incident, as IOM gives it, written YYYY-MM-DD.", True, "2021-11-24"),
        Column("dead", "integer", "Number of people dead. Empty when unknown: never 0 for unknown.", False, "27",
               minimum=0),
        Column("missing", "integer", "Minimum estimated number of people missing. Empty when unknown.", False, "0",
               minimum=0),
        Column("survivors", "integer", "Number of survivors. Empty when unknown.", False, "2", minimum=0),
        Column("location", "text", "IOM's words for the place (its Location of death), verbatim.", True,
               "Remains found on Plage de Wissant, Calais, France - English Channel crossing", quoted=True),
        Column(
            "country",
            "text",
            "The country of the incident: IOM's Country of Incident, with \"United Kingdom\" for IOM's \"United "
            "Kingdom of Great Britain and Northern Ireland\". An MMP export has no such column: for its new rows, the "
            "country named at the end of the location, or empty.",
            False,
            "France",
        ),
        Column("lat", "number", "Latitude as IOM gives it, in decimal degrees.", True, "50.888161",
               minimum=-90, maximum=90),
        Column("lon", "number", "Longitude as IOM gives it, in decimal degrees, east positive.", True, "1.660781",
               minimum=-180, maximum=180),
        Column("location_precision", "enum", "How far the point can be trusted.", True, "reported",
               values=LOCATION_PRECISION),
        Column("cause", "text", "IOM's cause of death, as reported.", False, "Drowning", quoted=True),
        Column("sources", "text", "IOM's sources (its Source or Information Source), verbatim.", False,
               "France Bleu, AFP", quoted=True),
        Column("links", "links", "IOM's links: web addresses (http:// or https://) separated by a single space.", False,
               "https://archive.vn/MQurP"),
        Column(
            "source_quality",
            "scores",
            "IOM's source-quality score, 1 to 5: how well IOM judges the incident sourced, 5 the best (IOM's "
            "methodology defines each step). A split incident keeps the distinct scores of its parts, lowest first, "
            "separated by a space, never summed.",
            False,
            "4 5",
        ),
        Column("incident_ids", "text", "IOM's Incident IDs merged into this row, separated by a space: one for a plain "
               "incident, several for an incident IOM split over several rows.", False, "2026.MMP0150176 2026.MMP0150177"),
        Column("note", "text", "The atlas maintainers' own note on the row. The importer never changes it.", False),
        Column(
            FINGERPRINT_COLUMN,
            "text",
            "Written by the importer: a short fingerprint of the row's other values (all but note) as last imported. "
            "Leave it alone. When a row no longer matches it, the importer knows a maintainer corrected the row by "
            "hand and keeps the correction (unless run with --refresh). Empty for a row added by hand.",
            False,
            "5f1c0e9a2b7d",
        ),
    ),
    how_to_add=(
        "Download the route's incidents from the Missing Migrants Project (https://missingmigrants.iom.int/downloads) "
        "and run `calais-atlas import-iom FILE`: it adds new incidents, updates changed ones and keeps the rows you "
        "corrected by hand. To correct a row, edit its cells (a coordinate, the location's precision) and leave "
        "iom_fingerprint as it is; write your reason in note."
    ),
)

TABLES: tuple[Table, ...] = (SOURCES, PLACES, EVENTS, POPULATION, CAPTIONS, CHAPTERS, DEATHS)
TABLES_BY_NAME = {table.name: table for table in TABLES}

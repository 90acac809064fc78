"""Interface text in English and French. The data's own texts have ``<column>_fr`` columns, read through
``translated``; quotes, captions and source titles stay in their own language.

Every message has one key and a text in every language of ``LANGS``; a message that counts something has
its CLDR plural forms. ``t(key, lang, count=n)`` picks the form through Babel and writes ``{count}`` as the
number in that language. The mechanism is components/data/catalogue.py, shared with the maintainers' messages
(components/data/messages.py). tests/test_i18n_catalogue.py keeps the catalogue and the code in step.
"""

from __future__ import annotations

from collections.abc import Mapping

from calais_atlas.data.catalogue import LANGS, Text, lookup, plural_form, plural_forms

__all__ = ["LANGS", "MESSAGES", "plural_form", "plural_forms", "t", "translated"]

MESSAGES: dict[str, dict[str, Text]] = {
    # -- the map: labels, popups, legend
    "since": {"en": "since {date}", "fr": "depuis {date}"},
    "qualifier.about": {"en": "about {amount}", "fr": "environ {amount}"},
    "qualifier.over": {"en": "over {amount}", "fr": "plus de {amount}"},
    "qualifier.under": {"en": "under {amount}", "fr": "moins de {amount}"},
    "qualifier.planned": {"en": "planned: {amount}", "fr": "prévu : {amount}"},
    "wording.exact": {"en": "exact", "fr": "exact"},
    "wording.about": {"en": "about", "fr": "environ"},
    "wording.over": {"en": "over", "fr": "plus de"},
    "wording.under": {"en": "under", "fr": "moins de"},
    "wording.planned": {"en": "planned", "fr": "prévu"},
    "what.residents": {"en": "residents", "fr": "résidents"},
    "what.inhabitants": {"en": "inhabitants", "fr": "habitants"},
    "what.capacity": {"en": "capacity", "fr": "capacité"},
    "what.to-be-moved": {"en": "to be moved", "fr": "à déplacer"},
    "status.closed": {"en": "closed ({date})", "fr": "fermé ({date})"},
    "status.not_yet": {"en": "not yet open (opens {date})", "fr": "pas encore ouvert (ouvre {date})"},
    "status.no_figure": {"en": "no figure yet", "fr": "pas encore de chiffre"},
    "status.disagree": {"en": "sources disagree", "fr": "les sources divergent"},
    "source": {"en": "Source", "fr": "Source"},
    "colon": {"en": ": ", "fr": "\u00a0: "},  # between a label and what it names: French puts a no-break space before
    "location.exact": {"en": "exact location", "fr": "emplacement exact"},
    "location.approximate": {"en": "approximate location (within about 1 km)", "fr": "emplacement approximatif (à 1 km près)"},
    "location.area": {"en": "a zone; the point is its middle", "fr": "une zone ; le point en marque le centre"},
    "layer.sites": {"en": "Sites and population", "fr": "Sites et population"},
    "layer.events": {"en": "Events", "fr": "Événements"},
    "layer.captions": {"en": "Photo captions", "fr": "Légendes photo"},
    "layer.context": {"en": "Context places", "fr": "Lieux de contexte"},
    "layer.deaths": {"en": "Deaths at the border (IOM)", "fr": "Morts à la frontière (OIM)"},
    # The map's credit line; no-break spaces keep a French colon with its word where the line wraps.
    "credit.basemap": {
        "en": "Basemap: Natural Earth (public domain); coast near Calais and Brachay: GSHHG (Wessel & Smith 1996, LGPL-3+)",
        "fr": "Fond de carte\u00a0: Natural Earth (domaine public)\u00a0; côte près de Calais et de Brachay\u00a0: GSHHG "
              "(Wessel & Smith 1996, LGPL-3+)",
    },
    "credit.short": {"en": "Basemap: Natural Earth, GSHHG", "fr": "Fond de carte\u00a0: Natural Earth, GSHHG"},
    "credit.osm": {"en": "© {link} contributors", "fr": "© les contributeurs d’{link}"},
    "legend.title": {"en": "Legend", "fr": "Légende"},
    "legend.circle": {"en": "Circle area ∝ people counted at the date", "fr": "Aire du cercle ∝ personnes comptées à la date"},
    "legend.closed": {"en": "Camp closed at the date", "fr": "Camp fermé à la date"},
    "legend.dashed": {"en": "Dashed outline: date known only to the month, year or a span", "fr": "Contour pointillé : date connue au mois, à l'année ou sur une période"},
    "legend.zone": {"en": "Dashed ring: location approximate or a zone", "fr": "Anneau pointillé : lieu approximatif ou zone"},
    "legend.photos": {"en": "Photos taken here", "fr": "Photos prises ici"},
    "legend.context": {"en": "Town, port, terminal", "fr": "Ville, port, terminal"},
    # -- the IOM's record of deaths at the border (issue 22): its layer, popup, legend, credit, text view and search
    "legend.deaths": {"en": "Deaths at the border (IOM): area ∝ dead and missing (own scale)",
                      "fr": "Morts à la frontière (OIM) : aire ∝ morts et disparus (autre échelle)"},
    "death.total": {
        "en": {"one": "{count} dead or missing", "other": "{count} dead or missing"},
        "fr": {"one": "{count} mort ou disparu", "many": "{count} de morts ou disparus", "other": "{count} morts ou disparus"},
    },
    "death.total_unknown": {"en": "Number of dead and missing not known", "fr": "Nombre de morts et de disparus inconnu"},
    "death.dead": {"en": "Dead", "fr": "Morts"},
    "death.missing": {"en": "Missing", "fr": "Disparus"},
    "death.survivors": {"en": "Survivors", "fr": "Survivants"},
    "death.unknown": {"en": "unknown", "fr": "inconnu"},
    "death.place": {"en": "Place (IOM's words)", "fr": "Lieu (termes de l'OIM)"},
    "death.approximate": {"en": "approximate position, as IOM gives it", "fr": "position approximative, telle que l'OIM la donne"},
    "death.cause": {"en": "Cause (IOM)", "fr": "Cause (OIM)"},
    "death.sources": {"en": "IOM's sources", "fr": "Sources de l'OIM"},
    "death.links": {"en": "Links", "fr": "Liens"},
    "death.quality": {"en": "IOM source quality (1 to 5)", "fr": "Qualité des sources selon l'OIM (1 à 5)"},
    "death.note": {"en": "Atlas note", "fr": "Note de l'atlas"},
    "death.id": {"en": "IOM id", "fr": "Identifiant OIM"},
    "death.credit": {"en": "Data: {credit}", "fr": "Données : {credit}"},
    # The English is the data package's credit (components/data/schema.py DEATHS_CREDIT), word for word: tests/test_deaths_credit.py
    "death.credit_text": {
        "en": "IOM's Missing Migrants Project, CC BY 4.0; route table compiled by Giorgio Coppola, CC BY 4.0; "
              "changes made by the atlas",
        "fr": "Missing Migrants Project de l'OIM, CC BY 4.0\u00a0; table de la route établie par Giorgio Coppola, "
              "CC BY 4.0\u00a0; modifications faites par l'atlas",
    },
    "credit.deaths": {"en": "Deaths: IOM Missing Migrants Project", "fr": "Morts : Missing Migrants Project de l'OIM"},
    "text.deaths": {"en": "Deaths at the border (IOM) in the window ({n})",
                    "fr": "Morts à la frontière (OIM) dans la période ({n})"},
    "search.death": {"en": "deaths at the border (IOM)", "fr": "morts à la frontière (OIM)"},
    "category.camp": {"en": "Camp opens, grows, closes", "fr": "Camp : ouverture, croissance, fermeture"},
    "category.demolition": {"en": "Demolition, eviction", "fr": "Démolition, expulsion"},
    "category.clash": {"en": "Clash with police", "fr": "Affrontement avec la police"},
    "category.protest": {"en": "Protest", "fr": "Manifestation"},
    "category.politics": {"en": "Politics", "fr": "Politique"},
    "category.policy": {"en": "Government or court decision", "fr": "Décision publique ou judiciaire"},
    "category.death": {"en": "Death", "fr": "Décès"},
    "category.humanitarian": {"en": "Aid and shelter", "fr": "Aide et abri"},
    "category.daily-life": {"en": "Daily life", "fr": "Vie quotidienne"},
    "photos": {
        "en": {"one": "{count} photo caption", "other": "{count} photo captions"},
        "fr": {"one": "{count} légende photo", "many": "{count} de légendes photo", "other": "{count} légendes photo"},
    },
    # -- the atlas page
    "page.map": {"en": "Map", "fr": "Carte"},
    "app.title": {"en": "Calais Atlas", "fr": "Atlas de Calais"},
    "app.tagline": {
        "en": "The migrant camps of the Channel coast and the deaths at the border, {first}–{last}: where the camps were, how many people lived there, and what happened. Every figure names its source.",
        "fr": "Les camps de migrants de la côte de la Manche et les morts à la frontière, {first}–{last} : où étaient les camps, combien de personnes y vivaient, ce qui s'y est passé. Chaque chiffre cite sa source.",
    },
    "ui.language": {"en": "Language", "fr": "Langue"},
    "ui.layers": {"en": "Layers", "fr": "Calques"},
    "ui.basemap": {"en": "Basemap", "fr": "Fond de carte"},
    "basemap.offline": {"en": "Offline (Natural Earth)", "fr": "Hors ligne (Natural Earth)"},
    "basemap.osm": {"en": "OpenStreetMap (needs internet)", "fr": "OpenStreetMap (internet requis)"},
    "ui.goto": {"en": "Go to place", "fr": "Aller au lieu"},
    "ui.goto_none": {"en": "— choose a place —", "fr": "— choisir un lieu —"},
    "ui.show_all": {"en": "Show all places", "fr": "Voir tous les lieux"},
    "ui.show_coast": {"en": "Back to the Channel coast", "fr": "Revenir à la côte"},
    # -- find and filter (issue 14)
    "ui.categories": {"en": "Event categories", "fr": "Catégories d'événements"},
    "ui.categories_help": {
        "en": "Pick one or more to show only those events on the map, in the text view, in Previous/Next, Play and the CSV. None picked shows them all.",
        "fr": "Choisissez-en une ou plusieurs pour n'afficher que ces événements sur la carte, dans la vue texte, Précédent/Suivant, la lecture et le CSV. Sans choix, tous sont affichés.",
    },
    "ui.categories_shown": {"en": "Only: {names}", "fr": "Seulement : {names}"},
    "search.label": {"en": "Search events, photos, places, sources", "fr": "Chercher événements, photos, lieux, sources"},
    "search.placeholder": {"en": "e.g. Wissant, Utopia 56, Linière", "fr": "ex. Wissant, Utopia 56, Linière"},
    "search.help": {
        "en": "Every word must match the beginning of a word, in English or French; accents and case are ignored. Choose a result to go to its date and place.",
        "fr": "Chaque mot doit correspondre au début d'un mot, en anglais ou en français ; accents et majuscules sont ignorés. Choisissez un résultat pour aller à sa date et à son lieu.",
    },
    "search.found": {
        "en": {"one": "{count} result", "other": "{count} results"},
        "fr": {"one": "{count} résultat", "many": "{count} de résultats", "other": "{count} résultats"},
    },
    "search.first": {"en": "the first {shown} are listed", "fr": "les {shown} premiers sont listés"},
    "search.none": {"en": "Nothing found for “{query}”.", "fr": "Rien trouvé pour « {query} »."},
    "search.no_words": {"en": "Type a word: letters or digits.", "fr": "Tapez un mot : des lettres ou des chiffres."},
    "search.cut": {
        "en": "Only the beginning of the query was searched ({chars} characters, {words} words at most).",
        "fr": "Seul le début de la recherche a été pris en compte ({chars} caractères, {words} mots au plus).",
    },
    "search.event": {"en": "event", "fr": "événement"},
    "search.caption": {"en": "photo", "fr": "photo"},
    "search.place": {"en": "place", "fr": "lieu"},
    "search.source": {"en": "source", "fr": "source"},
    "search.hidden": {"en": "hidden by the category filter", "fr": "masqué par le filtre de catégories"},
    "ui.date": {"en": "Date", "fr": "Date"},
    "ui.window": {"en": "Events shown", "fr": "Événements affichés"},
    "window.around": {"en": "Months around the date", "fr": "Mois autour de la date"},
    "window.upto": {"en": "Everything up to the date", "fr": "Tout jusqu'à la date"},
    "ui.months": {"en": "Months either side", "fr": "Mois de part et d'autre"},
    "ui.window_explain_around": {
        "en": {
            "one": "Showing events from {start} to {end}: {count} month either side of {date}, so what happened nearby in time stays visible as you move.",
            "other": "Showing events from {start} to {end}: {count} months either side of {date}, so what happened nearby in time stays visible as you move.",
        },
        "fr": {
            "one": "Événements du {start} au {end} : {count} mois de part et d'autre du {date}, pour garder en vue ce qui s'est passé autour de cette date.",
            "many": "Événements du {start} au {end} : {count} de mois de part et d'autre du {date}, pour garder en vue ce qui s'est passé autour de cette date.",
            "other": "Événements du {start} au {end} : {count} mois de part et d'autre du {date}, pour garder en vue ce qui s'est passé autour de cette date.",
        },
    },
    "ui.window_explain_upto": {
        "en": "Showing every event up to {date}.",
        "fr": "Tous les événements jusqu'au {date}.",
    },
    "ui.population_rule": {
        "en": "Population: the latest count on or before the date, with its own date; conflicting sources are shown as a range.",
        "fr": "Population : le dernier chiffre connu à la date, avec sa propre date ; des sources divergentes donnent une fourchette.",
    },
    "ui.prev": {"en": "◀ Previous event", "fr": "◀ Événement précédent"},
    "ui.next": {"en": "Next event ▶", "fr": "Événement suivant ▶"},
    "ui.play": {"en": "▶ Play", "fr": "▶ Lecture"},
    "ui.pause": {"en": "⏸ Pause", "fr": "⏸ Pause"},
    "ui.speed": {"en": "Speed", "fr": "Vitesse"},
    "ui.explain": {"en": "What the date shows", "fr": "Ce que montre la date"},
    "strip.from": {"en": "From", "fr": "À partir du"},
    "strip.events": {"en": "Events", "fr": "Événements"},
    "strip.all_sites": {"en": "every site together", "fr": "tous les sites ensemble"},
    "strip.alt": {
        "en": "Timeline of the events from {first} to {last}, with the population of {what} as a line. "
              "The same events and figures are listed in the tab “What the map shows (text)”.",
        "fr": "Frise des événements du {first} au {last}, avec la population de : {what}, en ligne. "
              "Les mêmes événements et chiffres sont listés dans l'onglet « Ce que montre la carte (texte) ».",
    },
    "strip.explain": {
        "en": "The strip: the whole period on top, the months around the date below it. Each mark is an event, shaped "
              "and coloured as on the map; click one to go to its date and place. The shaded band is the window shown on "
              "the map, the red line the date, the blue line the population of {what} as the map counts it (a pale band "
              "up to the highest figure when sources disagree), and the red dot on the date says it.",
        "fr": "La frise : toute la période en haut, les mois autour de la date en dessous. Chaque marque est un événement, "
              "de la forme et de la couleur de la carte ; cliquez-en une pour aller à sa date et à son lieu. La bande grisée "
              "est la période montrée sur la carte, le trait rouge la date, la ligne bleue la population de : {what}, comptée "
              "comme sur la carte (une bande pâle jusqu'au chiffre le plus haut quand les sources divergent), et le point "
              "rouge sur la date la donne.",
    },
    "strip.deaths_label": {"en": "Dead and missing per month, IOM", "fr": "Morts et disparus par mois, OIM"},
    "strip.deaths_month": {"en": "{month}: {total} ({dead}, {missing}; {incidents})",
                           "fr": "{month}\u00a0: {total} ({dead}, {missing}\u00a0; {incidents})"},
    "strip.dead_or_missing": {
        "en": {"one": "{count} dead or missing", "other": "{count} dead or missing"},
        "fr": {"one": "{count} mort ou disparu", "many": "{count} de morts ou disparus", "other": "{count} morts ou disparus"},
    },
    "strip.dead": {
        "en": {"one": "{count} dead", "other": "{count} dead"},
        "fr": {"one": "{count} mort", "many": "{count} de morts", "other": "{count} morts"},
    },
    "strip.missing": {
        "en": {"one": "{count} missing", "other": "{count} missing"},
        "fr": {"one": "{count} disparu", "many": "{count} de disparus", "other": "{count} disparus"},
    },
    "strip.dead_at_least": {
        "en": {"one": "at least {count} dead", "other": "at least {count} dead"},
        "fr": {"one": "au moins {count} mort", "many": "au moins {count} de morts", "other": "au moins {count} morts"},
    },
    "strip.missing_at_least": {
        "en": {"one": "at least {count} missing", "other": "at least {count} missing"},
        "fr": {"one": "au moins {count} disparu", "many": "au moins {count} de disparus", "other": "au moins {count} disparus"},
    },
    "strip.dead_unknown": {"en": "dead: unknown", "fr": "morts\u00a0: nombre inconnu"},
    "strip.missing_unknown": {"en": "missing: unknown", "fr": "disparus\u00a0: nombre inconnu"},
    "strip.incidents": {
        "en": {"one": "{count} incident", "other": "{count} incidents"},
        "fr": {"one": "{count} incident", "many": "{count} d'incidents", "other": "{count} incidents"},
    },
    "strip.deaths_explain": {
        "en": "The grey bars under the top row are the dead and missing recorded each month on the route to the UK by IOM's "
              "Missing Migrants Project; point at a bar for its month and counts. They are a lower bound: bodies never "
              "found and deaths never reported are not in them.",
        "fr": "Les barres grises sous la ligne du haut sont les morts et disparus enregistrés chaque mois sur la route du "
              "Royaume-Uni par le Missing Migrants Project de l'OIM\u00a0; pointez une barre pour son mois et ses chiffres. "
              "C'est un minimum\u00a0: les corps jamais retrouvés et les morts jamais signalées n'y sont pas.",
    },
    "strip.alt_deaths": {
        "en": " Under the top row, bars count the dead and missing per month recorded by IOM's Missing Migrants Project: "
              "{total} in all.",
        "fr": " Sous la ligne du haut, des barres comptent les morts et disparus par mois enregistrés par le Missing "
              "Migrants Project de l'OIM\u00a0: {total} en tout.",
    },
    "strip.deaths_credit": {"en": "Bars: {credit}.", "fr": "Barres\u00a0: {credit}."},
    "strip.counted": {
        "en": "With more than {limit} events, each mark counts a category's events in a few weeks; its size grows with them.",
        "fr": "Au-delà de {limit} événements, chaque marque compte ceux d'une catégorie sur quelques semaines ; sa taille croît avec leur nombre.",
    },
    "ui.captions": {"en": "Photo captions", "fr": "Légendes photo"},
    "ui.captions_for": {"en": "Photos at {place}", "fr": "Photos : {place}"},
    "ui.captions_all": {"en": "All photos in the window. Click a site on the map to see only its photos.", "fr": "Toutes les photos de la période. Cliquez sur un site pour ne voir que les siennes."},
    "ui.captions_none": {"en": "No photo captions here in this time window.", "fr": "Aucune légende photo ici pour cette période."},
    "tooltip.more": {"en": {"one": "and {count} more: click for all", "other": "and {count} more: click for all"},
                     "fr": {"one": "et {count} autre : cliquer pour tout voir", "many": "et {count} d’autres : cliquer pour tout voir",
                            "other": "et {count} autres : cliquer pour tout voir"}},
    "ui.show_caption_on_map": {"en": "Show on map: {date}, “{words}…”", "fr": "Voir sur la carte : {date}, « {words}… »"},
    "ui.grouped": {
        "en": {
            "one": "{count} event in this window: too many to draw one by one, so each grey disc counts a place's events. "
                   "Its popup lists the latest; the text view lists the first 300. Narrow the window to see each event.",
            "other": "{count} events in this window: too many to draw one by one, so each grey disc counts a place's events. "
                     "Its popup lists the latest; the text view lists the first 300. Narrow the window to see each event.",
        },
        "fr": {
            "one": "{count} événement dans cette période : trop pour les dessiner un par un, chaque disque gris compte ceux d'un lieu. "
                   "Sa fenêtre liste les derniers ; la vue texte liste les 300 premiers. Réduisez la période pour voir chaque événement.",
            "many": "{count} d'événements dans cette période : trop pour les dessiner un par un, chaque disque gris compte ceux d'un lieu. "
                    "Sa fenêtre liste les derniers ; la vue texte liste les 300 premiers. Réduisez la période pour voir chaque événement.",
            "other": "{count} événements dans cette période : trop pour les dessiner un par un, chaque disque gris compte ceux d'un lieu. "
                     "Sa fenêtre liste les derniers ; la vue texte liste les 300 premiers. Réduisez la période pour voir chaque événement.",
        },
    },
    "ui.more": {
        "en": {"one": "Show more ({count} left)", "other": "Show more ({count} left)"},
        "fr": {"one": "Afficher plus ({count} restante)", "many": "Afficher plus ({count} restantes)", "other": "Afficher plus ({count} restantes)"},
    },
    "ui.selected": {"en": "Selected", "fr": "Sélectionné"},
    "ui.clear_site": {"en": "Show all photos", "fr": "Toutes les photos"},
    "ui.population": {"en": "Population over time", "fr": "Population dans le temps"},
    "ui.population_site": {"en": "Site", "fr": "Site"},
    "ui.no_population": {"en": "No head count for this place.", "fr": "Aucun chiffre de population pour ce lieu."},
    "ui.textview": {"en": "What the map shows (text)", "fr": "Ce que montre la carte (texte)"},
    "ui.sources": {"en": "Sources", "fr": "Sources"},
    "ui.data_notice": {
        "en": "Some rows of the atlas's data are not shown; maintainers can see why on",
        "fr": "Certaines lignes des données de l'atlas ne sont pas affichées\u00a0; les responsables peuvent voir pourquoi sur",
    },
    "ui.rejected": {"en": "Rows not shown: {file}", "fr": "Lignes non affichées\u00a0: {file}"},
    "ui.rejected_first": {"en": "The first {shown} of {total} rows not shown are listed here.",
                          "fr": "Les {shown} premières des {total} lignes non affichées sont listées ici."},
    "col.file": {"en": "File", "fr": "Fichier"},
    "col.line": {"en": "Line", "fr": "Ligne"},
    "col.column": {"en": "Column", "fr": "Colonne"},
    "col.value": {"en": "Value", "fr": "Valeur"},
    "col.problem": {"en": "Problem", "fr": "Problème"},
    "col.site": {"en": "Site", "fr": "Site"},
    "col.population": {"en": "Population at the date", "fr": "Population à la date"},
    "col.figure_date": {"en": "Figure dated", "fr": "Chiffre daté"},
    "col.source": {"en": "Source", "fr": "Source"},
    "col.qualifier": {"en": "Wording", "fr": "Formulation"},
    "col.event": {"en": "Event", "fr": "Événement"},
    "col.category": {"en": "Category", "fr": "Catégorie"},
    "col.date": {"en": "Date", "fr": "Date"},
    "col.place": {"en": "Place", "fr": "Lieu"},
    "col.caption": {"en": "Caption", "fr": "Légende"},
    "text.sites": {"en": "Sites at {date}", "fr": "Sites au {date}"},
    "text.events": {"en": "Events in the window ({n})", "fr": "Événements de la période ({n})"},
    "text.captions": {"en": "Photo captions in the window ({n})", "fr": "Légendes photo de la période ({n})"},
    "text.cut": {
        "en": {"one": "(text cut: {count} character in all)", "other": "(text cut: {count} characters in all)"},
        "fr": {"one": "(texte coupé : {count} caractère au total)", "many": "(texte coupé : {count} de caractères au total)",
               "other": "(texte coupé : {count} caractères au total)"},
    },
    "ui.published": {"en": "published {date}", "fr": "publié {date}"},
    "ui.url_ignored": {"en": "Ignored from the link: {items}", "fr": "Ignoré dans le lien : {items}"},
    "url.unknown": {"en": "not a setting of the atlas", "fr": "réglage inconnu de l'atlas"},
    "url.invalid": {"en": "not a value it can take", "fr": "valeur impossible"},
    "url.outside": {"en": "outside the dates of the data", "fr": "hors des dates des données"},
    "url.missing": {"en": "not in the data", "fr": "absent des données"},
    "url.repeated": {"en": "given twice; the first was used", "fr": "donné deux fois ; le premier a été retenu"},
    "url.too_long": {"en": "far too long", "fr": "beaucoup trop long"},
    "url.no_chapter": {"en": "a presentation needs a chapter (start the lesson, then choose the presentation layout)",
                       "fr": "une présentation demande un chapitre (commencez la leçon, puis choisissez le mode présentation)"},
    "ui.url_more": {"en": {"one": "and {count} more", "other": "and {count} more"},
                   "fr": {"one": "et {count} autre", "many": "et {count} d'autres", "other": "et {count} autres"}},
    # -- the check page
    "check.title": {"en": "Check your data", "fr": "Vérifier vos données"},
    "check.intro": {
        "en": "Upload one CSV file, or a zip of the whole data folder, to see what the atlas would make of it: every problem "
              "with its file, row and column, what changes against the current data, and a preview on the map. "
              "**Nothing is saved**: the files stay in this browser session, and the atlas's data are not touched.",
        "fr": "Déposez un fichier CSV, ou un zip du dossier de données, pour voir ce que l'atlas en ferait : chaque problème "
              "avec son fichier, sa ligne et sa colonne, les changements par rapport aux données actuelles, et un aperçu sur la "
              "carte. **Rien n'est enregistré** : les fichiers restent dans cette session, les données de l'atlas ne changent pas.",
    },
    "check.current": {"en": "The current data", "fr": "Les données actuelles"},
    "check.current_clean": {"en": "No problems: every row is shown. Valid rows: {counts}.",
                            "fr": "Aucun problème\u00a0: toutes les lignes sont affichées. Lignes valides\u00a0: {counts}."},
    "check.current_problems": {
        "en": {"one": "{count} problem in the data the atlas shows now. Valid rows, shown on the map: {counts}. "
                      "The rows below are not shown until they are fixed.",
               "other": "{count} problems in the data the atlas shows now. Valid rows, shown on the map: {counts}. "
                        "The rows below are not shown until they are fixed."},
        "fr": {"one": "{count} problème dans les données que l'atlas montre. Lignes valides, affichées sur la carte\u00a0: "
                      "{counts}. Les lignes ci-dessous ne sont pas affichées tant qu'elles ne sont pas corrigées.",
               "many": "{count} de problèmes dans les données que l'atlas montre. Lignes valides, affichées sur la carte\u00a0: "
                       "{counts}. Les lignes ci-dessous ne sont pas affichées tant qu'elles ne sont pas corrigées.",
               "other": "{count} problèmes dans les données que l'atlas montre. Lignes valides, affichées sur la carte\u00a0: "
                        "{counts}. Les lignes ci-dessous ne sont pas affichées tant qu'elles ne sont pas corrigées."},
    },
    "check.upload_title": {"en": "Check new files", "fr": "Vérifier de nouveaux fichiers"},
    "check.upload": {"en": "CSV files or a zip of the data folder", "fr": "Fichiers CSV ou zip du dossier de données"},
    "check.waiting": {"en": "Waiting for a file. Files you do not upload are taken from the current data.",
                      "fr": "En attente d'un fichier. Les fichiers non déposés sont pris dans les données actuelles."},
    "check.replacing": {
        "en": {"one": "Checking with your {files}; the other files are the current ones.",
               "other": "Checking with your {files}; the other files are the current ones."},
        "fr": {"one": "Vérification avec votre fichier {files} ; les autres sont les fichiers actuels.",
               "many": "Vérification avec vos fichiers {files} ; les autres sont les fichiers actuels.",
               "other": "Vérification avec vos fichiers {files} ; les autres sont les fichiers actuels."},
    },
    "check.clean": {"en": "No problems. Valid rows: {counts}.", "fr": "Aucun problème. Lignes valides : {counts}."},
    "check.problems": {
        "en": {"one": "{count} problem. Valid rows: {counts}. Fix the rows below, then upload again.",
               "other": "{count} problems. Valid rows: {counts}. Fix the rows below, then upload again."},
        "fr": {"one": "{count} problème. Lignes valides : {counts}. Corrigez les lignes ci-dessous, puis déposez à nouveau.",
               "many": "{count} de problèmes. Lignes valides : {counts}. Corrigez les lignes ci-dessous, puis déposez à nouveau.",
               "other": "{count} problèmes. Lignes valides : {counts}. Corrigez les lignes ci-dessous, puis déposez à nouveau."},
    },
    "check.download_report": {"en": "Download the report (text)", "fr": "Télécharger le rapport (texte)"},
    "check.changes": {"en": "What changes", "fr": "Ce qui change"},
    "check.no_changes": {"en": "The valid rows are the same as in the current data.", "fr": "Les lignes valides sont identiques aux données actuelles."},
    "check.diff_line": {"en": "{name}.csv: {added}, {removed}, {changed}, {not_valid}",
                        "fr": "{name}.csv : {added}, {removed}, {changed}, {not_valid}"},
    "check.diff_added": {
        "en": {"one": "{count} added", "other": "{count} added"},
        "fr": {"one": "{count} ajoutée", "many": "{count} ajoutées", "other": "{count} ajoutées"},
    },
    "check.diff_removed": {
        "en": {"one": "{count} removed", "other": "{count} removed"},
        "fr": {"one": "{count} supprimée", "many": "{count} supprimées", "other": "{count} supprimées"},
    },
    "check.diff_changed": {
        "en": {"one": "{count} changed", "other": "{count} changed"},
        "fr": {"one": "{count} modifiée", "many": "{count} modifiées", "other": "{count} modifiées"},
    },
    "check.diff_not_valid": {
        "en": {"one": "{count} not valid", "other": "{count} not valid"},
        "fr": {"one": "{count} non valide", "many": "{count} non valides", "other": "{count} non valides"},
    },
    "check.added": {"en": "Added:", "fr": "Ajoutées\u00a0:"},
    "check.not_valid": {"en": "Not valid (not shown until fixed; see the problems above):",
                        "fr": "Non valides (non affichées tant qu'elles ne sont pas corrigées\u00a0; voir les problèmes plus "
                              "haut)\u00a0:"},
    "check.removed": {"en": "Removed:", "fr": "Supprimées\u00a0:"},
    "check.before": {"en": "Before", "fr": "Avant"},
    "check.after": {"en": "After", "fr": "Après"},
    "check.preview": {"en": "Preview on the map (everything up to the date)", "fr": "Aperçu sur la carte (tout jusqu'à la date)"},
    # -- lessons and exports
    "lesson.handout": {"en": "{atlas}: lesson handout", "fr": "{atlas} : fiche de séance"},
    "lesson.question": {"en": "Discuss:", "fr": "À discuter :"},
    "lesson.notes": {"en": "Teacher notes:", "fr": "Notes pour l'enseignant :"},
    "lesson.places": {"en": "Places in the lesson", "fr": "Lieux de la séance"},
    "lesson.handout_teacher": {"en": "{atlas}: the lesson — teacher's edition, with notes", "fr": "{atlas} : la séance — édition de l'enseignant, avec les notes"},
    "lesson.map_of": {"en": "Map of chapter {n}, {day}", "fr": "Carte du chapitre {n}, {day}"},
    "lesson.start": {
        "en": {"one": "Start the lesson ({count} chapter)", "other": "Start the lesson ({count} chapters)"},
        "fr": {"one": "Commencer la leçon ({count} chapitre)", "many": "Commencer la leçon ({count} de chapitres)",
               "other": "Commencer la leçon ({count} chapitres)"},
    },
    "lesson.of": {"en": "Chapter {n} of {total}", "fr": "Chapitre {n} sur {total}"},
    "lesson.prev": {"en": "◀ Previous chapter", "fr": "◀ Chapitre précédent"},
    "lesson.next": {"en": "Next chapter ▶", "fr": "Chapitre suivant ▶"},
    "lesson.leave": {"en": "Leave the lesson", "fr": "Quitter la leçon"},
    "lesson.show_notes": {"en": "Show teacher notes", "fr": "Afficher les notes de l'enseignant"},
    "lesson.present": {"en": "Presentation layout", "fr": "Mode présentation"},
    "lesson.keys": {"en": "Keys: ← → or Page Up / Page Down (a presentation clicker) change chapter.",
                    "fr": "Touches : ← → ou Page préc. / Page suiv. (télécommande de présentation) pour changer de chapitre."},
    "export.title": {"en": "Export", "fr": "Exporter"},
    "export.map": {"en": "This map (HTML, works offline)", "fr": "Cette carte (HTML, hors ligne)"},
    "export.rows": {"en": "Rows shown (CSV)", "fr": "Lignes affichées (CSV)"},
    "export.handout": {"en": "Lesson handout (printable)", "fr": "Fiche de séance (imprimable)"},
    "export.handout_teacher": {"en": "Handout with teacher notes", "fr": "Fiche avec notes de l'enseignant"},
    "export.data": {"en": "The data (zip: CSV files, data package, notes)", "fr": "Les données (zip : fichiers CSV, paquet de données, notes)"},
    "export.data_licence": {"en": "Data under CC BY 4.0 (the curation, coordinates and the atlas's own texts); captions and quotes stay under their publishers' rights.", "fr": "Données sous licence CC BY 4.0 (la sélection, les coordonnées et les textes propres à l'atlas) ; les légendes et les citations restent soumises aux droits de leurs éditeurs."},
}


def translated(row: Mapping, column: str, lang: str) -> str:
    """A data row's ``<column>_fr`` when the interface is French and it is filled, else ``<column>``: the one rule for
    the project's own texts (names, titles, descriptions, chapters). Raw text, unescaped; a missing or NaN cell is empty.
    """
    if lang == "fr":
        french = row.get(f"{column}_fr")
        if isinstance(french, str) and french:
            return french
    english = row.get(column)
    return "" if english is None or english != english else str(english)  # english != english: NaN


def t(key: str, lang: str = "en", *, count: int | None = None, **values: object) -> str:
    """The message for ``key`` in ``lang``, its placeholders filled from ``values``.

    A message with plural forms needs ``count``: it picks the form and fills ``{count}``, written as a number of
    ``lang`` ("1,500" in English, "1 500" in French). ``count`` for a message without plural forms is a TypeError.

    An unknown key, or a language a message lacks, is a KeyError: a missing text must fail loudly, not show
    "category.kayak" to a reader. Keys built from data, t(f"category.{c}"), cannot reach a page unknown: they only
    take values of the schema's enums (a row with any other value is rejected by the loader and listed as a
    problem, so it is never drawn), and tests/test_i18n_catalogue.py checks that every enum value and every
    constant they iterate over (layers, basemaps, window modes) has its key in every language. Should one slip
    through anyway, pages.py's guard shows an error instead of a traceback.
    """
    return lookup(MESSAGES, "interface text", "components/model/i18n.py", key, lang, count, values)

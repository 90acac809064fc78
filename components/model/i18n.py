"""Interface text in English and French. Data text stays in its own language."""

from __future__ import annotations

LANGS = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    "since": {"en": "since {date}", "fr": "depuis {date}"},
    "qualifier.about": {"en": "about {amount}", "fr": "environ {amount}"},
    "qualifier.over": {"en": "over {amount}", "fr": "plus de {amount}"},
    "qualifier.under": {"en": "under {amount}", "fr": "moins de {amount}"},
    "qualifier.planned": {"en": "planned: {amount}", "fr": "prévu : {amount}"},
    "what.residents": {"en": "residents", "fr": "résidents"},
    "what.inhabitants": {"en": "inhabitants", "fr": "habitants"},
    "what.capacity": {"en": "capacity", "fr": "capacité"},
    "what.to-be-moved": {"en": "to be moved", "fr": "à déplacer"},
    "status.closed": {"en": "closed ({date})", "fr": "fermé ({date})"},
    "status.not_yet": {"en": "not yet open (opens {date})", "fr": "pas encore ouvert (ouvre {date})"},
    "status.no_figure": {"en": "no figure yet", "fr": "pas encore de chiffre"},
    "status.disagree": {"en": "sources disagree", "fr": "les sources divergent"},
    "as_of": {"en": "figure of {date}", "fr": "chiffre de {date}"},
    "source": {"en": "Source", "fr": "Source"},
    "sources": {"en": "Sources", "fr": "Sources"},
    "place": {"en": "Place", "fr": "Lieu"},
    "date": {"en": "Date", "fr": "Date"},
    "date_uncertain": {"en": "date known only to the {precision}", "fr": "date connue seulement à {precision}"},
    "precision.month": {"en": "month", "fr": "au mois près"},
    "precision.year": {"en": "year", "fr": "l'année près"},
    "precision.interval": {"en": "span shown", "fr": "la période indiquée"},
    "location.exact": {"en": "exact location", "fr": "emplacement exact"},
    "location.approximate": {"en": "approximate location (within about 1 km)", "fr": "emplacement approximatif (à 1 km près)"},
    "location.area": {"en": "a zone; the point is its middle", "fr": "une zone ; le point en marque le centre"},
    "layer.sites": {"en": "Sites and population", "fr": "Sites et population"},
    "layer.events": {"en": "Events", "fr": "Événements"},
    "layer.captions": {"en": "Photo captions", "fr": "Légendes photo"},
    "layer.context": {"en": "Context places", "fr": "Lieux de contexte"},
    "legend.title": {"en": "Legend", "fr": "Légende"},
    "legend.circle": {"en": "Circle area ∝ people counted at the date", "fr": "Aire du cercle ∝ personnes comptées à la date"},
    "legend.closed": {"en": "Camp closed at the date", "fr": "Camp fermé à la date"},
    "legend.dashed": {"en": "Dashed outline: date known only to the month, year or a span", "fr": "Contour pointillé : date connue au mois, à l'année ou sur une période"},
    "legend.zone": {"en": "Dashed ring: location approximate or a zone", "fr": "Anneau pointillé : lieu approximatif ou zone"},
    "legend.photos": {"en": "Photos taken here", "fr": "Photos prises ici"},
    "legend.context": {"en": "Town, port, terminal", "fr": "Ville, port, terminal"},
    "category.camp": {"en": "Camp opens, grows, closes", "fr": "Camp : ouverture, croissance, fermeture"},
    "category.demolition": {"en": "Demolition, eviction", "fr": "Démolition, expulsion"},
    "category.clash": {"en": "Clash with police", "fr": "Affrontement avec la police"},
    "category.protest": {"en": "Protest", "fr": "Manifestation"},
    "category.politics": {"en": "Politics", "fr": "Politique"},
    "category.policy": {"en": "Government or court decision", "fr": "Décision publique ou judiciaire"},
    "category.death": {"en": "Death", "fr": "Décès"},
    "category.humanitarian": {"en": "Aid and shelter", "fr": "Aide et abri"},
    "category.daily-life": {"en": "Daily life", "fr": "Vie quotidienne"},
    "photos": {"en": "{n} photo captions", "fr": "{n} légendes photo"},
    "photo": {"en": "1 photo caption", "fr": "1 légende photo"},
}


def translated(row: dict, column: str, lang: str) -> str:
    """A data row's ``<column>_fr`` when the interface is French and it is filled, else ``<column>``."""
    french = row.get(f"{column}_fr") if lang == "fr" else None
    return str(french or row.get(column) or "")


def t(key: str, lang: str = "en", **values: object) -> str:
    """The message for ``key`` in ``lang``; English when French is missing, the key itself when unknown."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key.format(**values) if values else key
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text

MESSAGES.update({
    "app.title": {"en": "Calais Atlas", "fr": "Atlas de Calais"},
    "app.tagline": {
        "en": "The migrant camps of the Channel coast, 1999–2021: where they were, how many people lived there, and what happened. Every figure names its source.",
        "fr": "Les camps de migrants de la côte de la Manche, 1999–2021 : où ils étaient, combien de personnes y vivaient, ce qui s'y est passé. Chaque chiffre cite sa source.",
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
    "ui.date": {"en": "Date", "fr": "Date"},
    "ui.window": {"en": "Events shown", "fr": "Événements affichés"},
    "window.around": {"en": "Months around the date", "fr": "Mois autour de la date"},
    "window.upto": {"en": "Everything up to the date", "fr": "Tout jusqu'à la date"},
    "ui.months": {"en": "Months either side", "fr": "Mois de part et d'autre"},
    "ui.window_explain_around": {
        "en": "Showing events from {start} to {end}: {months} months either side of {date}, so what happened nearby in time stays visible as you move.",
        "fr": "Événements du {start} au {end} : {months} mois de part et d'autre du {date}, pour garder en vue ce qui s'est passé autour de cette date.",
    },
    "ui.window_explain_upto": {
        "en": "Showing every event up to {date}. Population is always the latest figure on or before the date.",
        "fr": "Tous les événements jusqu'au {date}. La population est toujours le dernier chiffre connu à cette date.",
    },
    "ui.population_rule": {
        "en": "Population: the latest count on or before the date, with its own date; conflicting sources are shown as a range.",
        "fr": "Population : le dernier chiffre connu à la date, avec sa propre date ; des sources divergentes donnent une fourchette.",
    },
    "ui.prev": {"en": "◀ Previous event", "fr": "◀ Événement précédent"},
    "ui.next": {"en": "Next event ▶", "fr": "Événement suivant ▶"},
    "ui.play": {"en": "▶ Play", "fr": "▶ Lecture"},
    "ui.pause": {"en": "⏸ Pause", "fr": "⏸ Pause"},
    "ui.speed": {"en": "Seconds per step", "fr": "Secondes par étape"},
    "ui.captions": {"en": "Photo captions", "fr": "Légendes photo"},
    "ui.captions_for": {"en": "Photos at {place}", "fr": "Photos : {place}"},
    "ui.captions_all": {"en": "All photos in the window. Click a site on the map to see only its photos.", "fr": "Toutes les photos de la période. Cliquez sur un site pour ne voir que les siennes."},
    "ui.captions_none": {"en": "No photo captions here in this time window.", "fr": "Aucune légende photo ici pour cette période."},
    "ui.show_on_map": {"en": "Show on map", "fr": "Voir sur la carte"},
    "ui.grouped": {"en": "{n} events in this window: too many to draw one by one, so each grey disc counts a place's events. "
                         "Its popup lists the latest; the text view lists the first 300. Narrow the window to see each event.",
                   "fr": "{n} événements dans cette période : trop pour les dessiner un par un, chaque disque gris compte ceux d'un lieu. "
                         "Sa fenêtre liste les derniers ; la vue texte liste les 300 premiers. Réduisez la période pour voir chaque événement."},
    "ui.more": {"en": "Show more ({n} left)", "fr": "Afficher plus ({n} restantes)"},
    "ui.selected": {"en": "Selected", "fr": "Sélectionné"},
    "ui.clear_site": {"en": "Show all photos", "fr": "Toutes les photos"},
    "ui.population": {"en": "Population over time", "fr": "Population dans le temps"},
    "ui.population_site": {"en": "Site", "fr": "Site"},
    "ui.no_population": {"en": "No head count for this place.", "fr": "Aucun chiffre de population pour ce lieu."},
    "ui.textview": {"en": "What the map shows (text)", "fr": "Ce que montre la carte (texte)"},
    "ui.sources": {"en": "Sources", "fr": "Sources"},
    "ui.problems": {"en": "{n} problem(s) in the data. Valid rows are shown; the rest are listed below.", "fr": "{n} problème(s) dans les données. Les lignes valides sont affichées ; les autres sont listées ci-dessous."},
    "ui.problems_detail": {"en": "Problems and rows not shown", "fr": "Problèmes et lignes non affichées"},
    "ui.rejected": {"en": "Rows not shown", "fr": "Lignes non affichées"},
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
    "text.cut": {"en": "(text cut: {n} characters in all)", "fr": "(texte coupé : {n} caractères au total)"},
    "ui.published": {"en": "published {date}", "fr": "publié {date}"},
    "ui.url_ignored": {"en": "Ignored from the link: {items}", "fr": "Ignoré dans le lien : {items}"},
})

MESSAGES.update({
    "check.title": {"en": "Check your data", "fr": "Vérifier vos données"},
    "check.intro": {
        "en": "Upload one CSV file, or a zip of the whole data folder, to see what the atlas would make of it: every problem "
              "with its file, row and column, what changes against the current data, and a preview on the map. "
              "**Nothing is saved**: the files stay in this browser session, and the atlas's data are not touched.",
        "fr": "Déposez un fichier CSV, ou un zip du dossier de données, pour voir ce que l'atlas en ferait : chaque problème "
              "avec son fichier, sa ligne et sa colonne, les changements par rapport aux données actuelles, et un aperçu sur la "
              "carte. **Rien n'est enregistré** : les fichiers restent dans cette session, les données de l'atlas ne changent pas.",
    },
    "check.upload": {"en": "CSV files or a zip of the data folder", "fr": "Fichiers CSV ou zip du dossier de données"},
    "check.waiting": {"en": "Waiting for a file. Files you do not upload are taken from the current data.",
                      "fr": "En attente d'un fichier. Les fichiers non déposés sont pris dans les données actuelles."},
    "check.replacing": {"en": "Checking with your {files}; the other files are the current ones.",
                        "fr": "Vérification avec vos fichiers {files} ; les autres sont les fichiers actuels."},
    "check.clean": {"en": "No problems. Valid rows: {counts}.", "fr": "Aucun problème. Lignes valides : {counts}."},
    "check.problems": {"en": "{n} problem(s). Valid rows: {counts}. Fix the rows below, then upload again.",
                       "fr": "{n} problème(s). Lignes valides : {counts}. Corrigez les lignes ci-dessous, puis déposez à nouveau."},
    "check.download_report": {"en": "Download the report (text)", "fr": "Télécharger le rapport (texte)"},
    "check.changes": {"en": "What changes", "fr": "Ce qui change"},
    "check.no_changes": {"en": "The valid rows are the same as in the current data.", "fr": "Les lignes valides sont identiques aux données actuelles."},
    "check.diff_line": {"en": "{name}.csv: {added} added, {removed} removed, {changed} changed",
                        "fr": "{name}.csv : {added} ajoutée(s), {removed} supprimée(s), {changed} modifiée(s)"},
    "check.added": {"en": "Added", "fr": "Ajoutées"},
    "check.removed": {"en": "Removed", "fr": "Supprimées"},
    "check.before": {"en": "Before", "fr": "Avant"},
    "check.after": {"en": "After", "fr": "Après"},
    "check.preview": {"en": "Preview on the map (everything up to the date)", "fr": "Aperçu sur la carte (tout jusqu'à la date)"},
})

MESSAGES.update({
    "lesson.handout": {"en": "lesson handout", "fr": "fiche de séance"},
    "lesson.question": {"en": "Discuss:", "fr": "À discuter :"},
    "lesson.notes": {"en": "Teacher notes:", "fr": "Notes pour l'enseignant :"},
    "lesson.places": {"en": "Places in the lesson", "fr": "Lieux de la séance"},
    "lesson.mode": {"en": "Lesson mode", "fr": "Mode leçon"},
    "lesson.start": {"en": "Start the lesson ({n} chapters)", "fr": "Commencer la leçon ({n} chapitres)"},
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
})

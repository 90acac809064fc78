"""What the validator tells maintainers, in English and French: the catalogue of problem messages and the Message
that names one of them with its values.

A Problem carries a Message, not a text: the loader's (cached) results are the same in every language, and the
CLI, the Check page and the map's problems panel render them in theirs. The English texts are the reference the
defect corpus checks (tests/fixtures/broken/*/expected.txt). Each message says what is wrong and what to write
instead; column and file names stay as they are in every language, because they are what the CSV files hold.
French follows the interface's style (components/model/i18n.py): a space before ":" ";" "?", and « » around values.
tests/test_problem_messages.py keeps this catalogue and the code in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import get_month_names
from babel.numbers import format_decimal, get_decimal_symbol

from calais_atlas.data.catalogue import Text, lookup

HOME = "components/data/messages.py"

_DID_YOU_MEAN: dict[str, Text] = {"en": '; did you mean "{guess}"?', "fr": " ; vouliez-vous dire « {guess} » ?"}
_QUOTE_COMMAS = "(a value containing a comma must be in double quotes)"
_ISO = {"en": "YYYY, YYYY-MM or YYYY-MM-DD", "fr": "AAAA, AAAA-MM ou AAAA-MM-JJ"}

MESSAGES: dict[str, dict[str, Text]] = {
    # -- how one problem is written: the location stays "file:line: ", as compilers and editors read it
    "problem.value": {"en": '"{value}" {message}', "fr": "« {value} » {message}"},
    "problem.column": {"en": "{column}: {detail}", "fr": "{column} : {detail}"},
    "hint.did_you_mean": _DID_YOU_MEAN,
    # -- reading a file (csvread.py)
    "file.missing": {"en": "file not found; every data folder needs it (see data/README.md)",
                     "fr": "fichier introuvable ; chaque dossier de données doit le contenir (voir data/README.md)"},
    "file.folder": {"en": "is a folder, not a CSV file", "fr": "est un dossier, pas un fichier CSV"},
    "file.too_large": {
        "en": "is too large to read ({size}; the limit is {limit}). Split it, or raise {env} if the machine has the memory",
        "fr": "est trop volumineux pour être lu ({size} ; la limite est de {limit}). Découpez-le, ou augmentez {env} "
              "si la machine a assez de mémoire",
    },
    "file.empty": {"en": "is empty; it needs a header row naming the columns (see data/README.md)",
                   "fr": "est vide ; il lui faut une ligne d'en-tête qui nomme les colonnes (voir data/README.md)"},
    "file.not_utf8": {
        "en": "is not UTF-8 (byte 0x{byte} on line {line}); it was read as Windows-1252. "
              "Save it as 'CSV UTF-8' to make this message go away",
        "fr": "n'est pas en UTF-8 (octet 0x{byte} à la ligne {line}) ; il a été lu comme du Windows-1252. "
              "Enregistrez-le au format « CSV UTF-8 » pour que ce message disparaisse",
    },
    "file.semicolons": {
        "en": "separates columns with semicolons (;); the atlas expects commas. It was read anyway. "
              "In LibreOffice choose 'Comma' as field delimiter; in Excel save as 'CSV UTF-8 (Comma delimited)'",
        "fr": "sépare les colonnes par des points-virgules (;) ; l'atlas attend des virgules. Il a quand même été lu. "
              "Dans LibreOffice, choisissez « Virgule » comme séparateur de champ ; dans Excel, enregistrez au format "
              "« CSV UTF-8 (délimité par des virgules) »",
    },
    "file.unreadable": {
        "en": "cannot be read past this row ({error}); look for an unclosed or stray double quote. Rows after it were not read",
        "fr": "ne peut pas être lu au-delà de cette ligne ({error}) ; cherchez un guillemet double non fermé ou égaré. "
              "Les lignes suivantes n'ont pas été lues",
    },
    "file.utf16": {
        "en": "is UTF-16 (Excel's 'Unicode text'); it was read anyway. Save it as 'CSV UTF-8' to make this message go away",
        "fr": "est en UTF-16 (« Texte Unicode » d'Excel) ; il a quand même été lu. Enregistrez-le au format "
              "« CSV UTF-8 » pour que ce message disparaisse",
    },
    "file.tabs": {
        "en": "separates columns with tabs; the atlas expects commas. It was read anyway. "
              "In Excel save as 'CSV UTF-8 (Comma delimited)', not as 'Unicode text'",
        "fr": "sépare les colonnes par des tabulations ; l'atlas attend des virgules. Il a quand même été lu. "
              "Dans Excel, enregistrez au format « CSV UTF-8 (délimité par des virgules) », pas en « Texte Unicode »",
    },
    "file.not_regular": {
        "en": "is not a regular file (a pipe, a device or a socket); only CSV files are read",
        "fr": "n'est pas un fichier ordinaire (un tube, un périphérique ou une socket) ; seuls les fichiers CSV sont lus",
    },
    "file.permission": {"en": "cannot be opened: permission denied (check who owns it and its permissions)",
                        "fr": "ne peut pas être ouvert : permission refusée (vérifiez son propriétaire et ses droits)"},
    "file.os_error": {"en": "cannot be read ({error})", "fr": "ne peut pas être lu ({error})"},
    "file.too_wide": {
        "en": {"one": "has {count} columns on its first line; the schema has {width}, and a file with more than "
                      "{limit} is not read. Is it the right file?",
               "other": "has {count} columns on its first line; the schema has {width}, and a file with more than "
                        "{limit} is not read. Is it the right file?"},
        "fr": {"one": "a {count} colonnes sur sa première ligne ; le schéma en a {width}, et un fichier de plus de "
                      "{limit} colonnes n'est pas lu. Est-ce le bon fichier ?",
               "many": "a {count} de colonnes sur sa première ligne ; le schéma en a {width}, et un fichier de plus de "
                       "{limit} colonnes n'est pas lu. Est-ce le bon fichier ?",
               "other": "a {count} colonnes sur sa première ligne ; le schéma en a {width}, et un fichier de plus de "
                        "{limit} colonnes n'est pas lu. Est-ce le bon fichier ?"},
    },
    "row.too_wide": {
        "en": {"one": "has {count} fields; a row with more than {limit} is not read. Rows after it were not read",
               "other": "has {count} fields; a row with more than {limit} is not read. Rows after it were not read"},
        "fr": {"one": "a {count} champs ; une ligne de plus de {limit} champs n'est pas lue. "
                      "Les lignes suivantes n'ont pas été lues",
               "many": "a {count} de champs ; une ligne de plus de {limit} champs n'est pas lue. "
                       "Les lignes suivantes n'ont pas été lues",
               "other": "a {count} champs ; une ligne de plus de {limit} champs n'est pas lue. "
                        "Les lignes suivantes n'ont pas été lues"},
    },
    "file.field_too_long": {
        "en": "has a field longer than {limit} characters; look for an unclosed double quote or a file that is not a "
              "CSV. Rows after it were not read",
        "fr": "a un champ de plus de {limit} caractères ; cherchez un guillemet double non fermé ou un fichier qui "
              "n'est pas un CSV. Les lignes suivantes n'ont pas été lues",
    },
    "size.mb": {"en": "{amount} MB", "fr": "{amount} Mo"},
    "size.kb": {"en": "{amount} KB", "fr": "{amount} Ko"},
    # -- the header and the rows (validate.py)
    "header.twice": {"en": 'column "{name}" appears twice; only the first is read',
                     "fr": "la colonne « {name} » apparaît deux fois ; seule la première est lue"},
    "header.title_row": {
        "en": "line 1 is not the header; the header is on line {line}. The lines above it were skipped: "
              "delete them so that the header is the first line",
        "fr": "la ligne 1 n'est pas l'en-tête ; l'en-tête est à la ligne {line}. Les lignes au-dessus ont été ignorées : "
              "supprimez-les pour que l'en-tête soit la première ligne",
    },
    "header.none_known": {
        "en": "line 1 names none of this file's columns, so no row could be read. "
              "The first line must be the header: {columns}",
        "fr": "la ligne 1 ne nomme aucune des colonnes de ce fichier, donc aucune ligne n'a pu être lue. "
              "La première ligne doit être l'en-tête : {columns}",
    },
    "header.unknown": {"en": 'unknown column "{name}"{hint}', "fr": "colonne inconnue « {name} »{hint}"},
    "header.known": {"en": " (known columns: {columns})", "fr": " (colonnes connues : {columns})"},
    "header.missing": {"en": 'required column "{name}" is missing from the header',
                       "fr": "la colonne obligatoire « {name} » manque dans l'en-tête"},
    "table.no_rows": {"en": "has a header but no rows; add at least one row (see data/README.md)",
                      "fr": "a un en-tête mais aucune ligne ; ajoutez au moins une ligne (voir data/README.md)"},
    "row.too_many": {
        "en": {"one": "has {count} fields but the header has {width}: too many " + _QUOTE_COMMAS,
               "other": "has {count} fields but the header has {width}: too many " + _QUOTE_COMMAS},
        "fr": {"one": "a {count} champ alors que l'en-tête en a {width} : c'est trop (une valeur qui contient une virgule "
                      "doit être entre guillemets doubles)",
               "many": "a {count} de champs alors que l'en-tête en a {width} : c'est trop (une valeur qui contient une "
                       "virgule doit être entre guillemets doubles)",
               "other": "a {count} champs alors que l'en-tête en a {width} : c'est trop (une valeur qui contient une "
                        "virgule doit être entre guillemets doubles)"},
    },
    "row.too_few": {
        "en": {"one": "has {count} fields but the header has {width}: too few",
               "other": "has {count} fields but the header has {width}: too few"},
        "fr": {"one": "a {count} champ alors que l'en-tête en a {width} : il en manque",
               "many": "a {count} de champs alors que l'en-tête en a {width} : il en manque",
               "other": "a {count} champs alors que l'en-tête en a {width} : il en manque"},
    },
    "reason.no_column": {"en": "the file lacks a required column", "fr": "il manque au fichier une colonne obligatoire"},
    "reason.too_many": {"en": "too many fields", "fr": "trop de champs"},
    "reason.too_few": {"en": "too few fields", "fr": "pas assez de champs"},
    "reason.cell": {"en": "{column}: {message}", "fr": "{column} : {message}"},
    "reason.unknown_ref": {"en": "{column}: unknown reference", "fr": "{column} : référence inconnue"},
    # -- one cell (validate.py, checks.py)
    "cell.spaces": {"en": 'has spaces around it (write "{fixed}")', "fr": "est entouré d'espaces (écrivez « {fixed} »)"},
    "cell.garbled": {
        "en": "looks garbled (text saved in the wrong encoding, e.g. 'Ã©' for 'é' or 'Ò…Ó' for quotes); "
              "retype the accents or quotes",
        "fr": "semble mal encodé (texte enregistré dans le mauvais encodage, par ex. « Ã© » pour « é » ou « Ò…Ó » "
              "pour des guillemets) ; retapez les accents ou les guillemets",
    },
    "cell.empty": {"en": "is empty (required)", "fr": "est vide (obligatoire)"},
    "cell.twice": {"en": "is used twice (first on line {line}); ids must be unique",
                   "fr": "est utilisé deux fois (d'abord à la ligne {line}) ; les identifiants doivent être uniques"},
    "id.invalid": {
        "en": 'is not a valid id (use lowercase letters, digits and hyphens, e.g. "{example}")',
        "fr": "n'est pas un identifiant valide (utilisez des lettres minuscules sans accents, des chiffres et des tirets, "
              "par ex. « {example} »)",
    },
    "integer.thousands": {"en": "has a thousands separator (write {fixed})",
                          "fr": "contient un séparateur de milliers (écrivez {fixed})"},
    "integer.not_whole": {
        "en": "is not a whole number (write digits only, e.g. 2500; put 'about' or 'over' in qualifier)",
        "fr": "n'est pas un nombre entier (écrivez seulement des chiffres, par ex. 2500 ; mettez « about » ou « over » "
              "dans qualifier)",
    },
    "number.decimal_comma": {"en": "uses a decimal comma (write {fixed})",
                             "fr": "utilise une virgule décimale (écrivez {fixed}, avec un point)"},
    "number.not_number": {"en": "is not a number (write decimal degrees with a point, e.g. 50.9513)",
                          "fr": "n'est pas un nombre (écrivez des degrés décimaux avec un point, par ex. 50.9513)"},
    "range.out": {"en": "is out of range ({column} must be {bounds})",
                  "fr": "est hors limites ({column} doit valoir {bounds})"},
    "range.between": {"en": "between {low} and {high}", "fr": "entre {low} et {high}"},
    "range.at_least": {"en": "at least {low}", "fr": "au moins {low}"},
    "range.at_most": {"en": "at most {high}", "fr": "au plus {high}"},
    "enum.case": {"en": 'is not allowed (write "{fixed}")', "fr": "n'est pas une valeur permise (écrivez « {fixed} »)"},
    "enum.choose": {"en": "is not allowed (choose one of: {allowed}{hint})",
                    "fr": "n'est pas une valeur permise (choisissez parmi : {allowed}{hint})"},
    "url.invalid": {"en": "is not a web address (only http:// and https:// links are accepted)",
                    "fr": "n'est pas une adresse web (seuls les liens http:// et https:// sont acceptés)"},
    "integer.unknown": {
        "en": "is not a number; leave the cell empty when the number is unknown (never 0 for unknown)",
        "fr": "n'est pas un nombre ; laissez la cellule vide quand le nombre est inconnu (jamais 0 pour inconnu)",
    },
    "day.not_day": {"en": "is not a day (write the incident's day, YYYY-MM-DD, e.g. 2021-11-24)",
                    "fr": "n'est pas un jour (écrivez le jour de l'incident, AAAA-MM-JJ, par ex. 2021-11-24)"},
    "iom_id.invalid": {
        "en": 'is not an IOM Main ID (write it as IOM does: the year, a point, MMP and digits, e.g. "{example}")',
        "fr": "n'est pas un Main ID de l'OIM (écrivez-le comme l'OIM : l'année, un point, MMP et des chiffres, "
              "par ex. « {example} »)",
    },
    "links.separator": {
        "en": 'separates its links with something else than a single space (write "{fixed}")',
        "fr": "sépare ses liens autrement que par une seule espace (écrivez « {fixed} »)",
    },
    "links.invalid": {
        "en": 'holds "{link}", which is not a web address (only http:// and https:// links, separated by a single space)',
        "fr": "contient « {link} », qui n'est pas une adresse web (seulement des liens http:// et https://, séparés "
              "par une seule espace)",
    },
    "scores.run_together": {
        "en": 'runs several scores together (write "{fixed}": a split incident\'s scores separated by a space, never summed)',
        "fr": "colle plusieurs notes (écrivez « {fixed} » : les notes d'un incident scindé séparées par une espace, "
              "jamais additionnées)",
    },
    "scores.invalid": {
        "en": 'is not a source-quality score (write a digit from 1 to 5, or several separated by a space, e.g. "4 5")',
        "fr": "n'est pas une note de qualité des sources (écrivez un chiffre de 1 à 5, ou plusieurs séparés par une "
              "espace, par ex. « 4 5 »)",
    },
    "layers.unknown": {
        "en": "names an unknown layer ({unknown}); use some of: {allowed}, separated by commas",
        "fr": "nomme un calque inconnu ({unknown}) ; choisissez parmi : {allowed}, séparés par des virgules",
    },
    # -- dates (dates.py)
    "date.write": {"en": "is not an ISO date (write {fixed})", "fr": "n'est pas une date ISO (écrivez {fixed})"},
    "date.not_iso": {"en": f"is not an ISO date (write {_ISO['en']})", "fr": f"n'est pas une date ISO (écrivez {_ISO['fr']})"},
    "date.empty": {"en": f"is empty (write {_ISO['en']})", "fr": f"est vide (écrivez {_ISO['fr']})"},
    "date.no_month": {"en": "is not a real date (month {month} does not exist; months run 01 to 12)",
                      "fr": "n'est pas une date réelle (le mois {month} n'existe pas ; les mois vont de 01 à 12)"},
    "date.no_day": {"en": "is not a real date ({month} {year} has {days} days)",
                    "fr": "n'est pas une date réelle ({month} {year} compte {days} jours)"},
    "date.backwards": {"en": "starts after it ends (write the earlier date first: {fixed})",
                       "fr": "commence après sa fin (écrivez d'abord la date la plus ancienne : {fixed})"},
    "problems.more": {
        "en": {"one": "… and {amount} more like this, from this line on",
               "other": "… and {amount} more like this, from this line on"},
        "fr": {"one": "… et {amount} autre du même genre, à partir de cette ligne",
               "many": "… et {amount} autres du même genre, à partir de cette ligne",
               "other": "… et {amount} autres du même genre, à partir de cette ligne"},
    },
    # -- between files (loader.py)
    "ref.unchecked": {"en": "cannot be checked: {file} has no usable rows (see its problems above)",
                      "fr": "ne peut pas être vérifié : {file} n'a aucune ligne utilisable (voir ses problèmes plus haut)"},
    "ref.bad_row": {"en": "points to a row of {file} that has problems itself (line {line})",
                    "fr": "renvoie à une ligne de {file} qui a elle-même des problèmes (ligne {line})"},
    "ref.missing": {"en": "does not exist in {file}{hint}", "fr": "n'existe pas dans {file}{hint}"},
    "ref.add_first": {"en": "; add it to {file} first", "fr": " ; ajoutez-le d'abord à {file}"},
    "place.no_point": {
        "en": "is empty: this place has no coordinates yet, so it is not on the map; "
              "type lat and lon, or fill geocode_query and run `calais-atlas geocode`",
        "fr": "est vide : ce lieu n'a pas encore de coordonnées, il n'est donc pas sur la carte ; "
              "tapez lat et lon, ou remplissez geocode_query et lancez `calais-atlas geocode`",
    },
    "place.half_point": {"en": "is empty while the other coordinate is set; a place needs both lat and lon",
                         "fr": "est vide alors que l'autre coordonnée est remplie ; un lieu a besoin de lat et de lon"},
    "place.same_point": {
        "en": 'is the same point as "{other}" (line {line}); give each place its own point '
              "(mark it approximate or area when the exact spot is not known)",
        "fr": "est le même point que « {other} » (ligne {line}) ; donnez à chaque lieu son propre point "
              "(indiquez approximate ou area quand l'emplacement exact n'est pas connu)",
    },
    "population.max_below": {"en": "is smaller than count ({figure}); count_max is the upper end of a range",
                             "fr": "est inférieur à count ({figure}) ; count_max est la borne haute d'une fourchette"},
    # -- uploads on the Check page (upload.py)
    "upload.unknown": {"en": '"{name}" is not one of the atlas files ({known}); it was ignored',
                       "fr": "« {name} » n'est pas l'un des fichiers de l'atlas ({known}) ; il a été ignoré"},
    "upload.twice": {"en": '"{name}" was given twice; the first copy was used',
                     "fr": "« {name} » a été donné deux fois ; le premier exemplaire a été utilisé"},
    "upload.bad_zip": {"en": '"{name}" is not a readable zip file', "fr": "« {name} » n'est pas un fichier zip lisible"},
    "upload.too_many": {"en": '"{name}" holds {entries} files; at most {limit} are read',
                        "fr": "« {name} » contient {entries} fichiers ; {limit} au plus sont lus"},
    "upload.too_big": {
        "en": '"{name}" in "{zip}" unpacks to more than {limit}; it was not read. Split it, or raise {env} if the '
              "machine has the memory",
        "fr": "« {name} » dans « {zip} » fait plus de {limit} une fois décompressé ; il n'a pas été lu. Découpez-le, ou "
              "augmentez {env} si la machine a assez de mémoire",
    },
    "upload.nested": {
        "en": '"{name}" in "{zip}" is a zip inside the zip; it was not opened. Upload its CSV files, or a zip of them',
        "fr": "« {name} » dans « {zip} » est un zip dans le zip ; il n'a pas été ouvert. Envoyez ses fichiers CSV, "
              "ou un zip de ceux-ci",
    },
    "upload.encrypted": {
        "en": '"{name}" in "{zip}" is protected by a password; it was not read. Make the zip again without a password',
        "fr": "« {name} » dans « {zip} » est protégé par un mot de passe ; il n'a pas été lu. Refaites le zip sans mot de passe",
    },
    "upload.method": {
        "en": '"{name}" in "{zip}" is compressed in a way the atlas cannot read (method {method}); it was not read. '
              'Make the zip again with the ordinary "Deflate" compression',
        "fr": "« {name} » dans « {zip} » est compressé d'une manière que l'atlas ne sait pas lire (méthode {method}) ; "
              "il n'a pas été lu. Refaites le zip avec la compression ordinaire « Deflate »",
    },
    "upload.corrupt": {
        "en": '"{name}" in "{zip}" is damaged ({error}); it was not read. Make the zip again, or upload the CSV itself',
        "fr": "« {name} » dans « {zip} » est endommagé ({error}) ; il n'a pas été lu. Refaites le zip, "
              "ou envoyez le CSV lui-même",
    },
    "upload.nothing": {
        "en": "None of the uploaded files is an atlas file ({known}); nothing was checked",
        "fr": "Aucun des fichiers envoyés n'est un fichier de l'atlas ({known}) ; rien n'a été vérifié",
    },
    # -- one check on the Check page (check_run.py)
    "check.timeout": {
        "en": "The check was stopped after {seconds} s, its time limit; nothing was changed. Check one file at a time, "
              "or run `calais-atlas validate` on your own computer",
        "fr": "La vérification a été arrêtée après {seconds} s, sa limite de temps ; rien n'a été modifié. Vérifiez un "
              "fichier à la fois, ou lancez `calais-atlas validate` sur votre ordinateur",
    },
    "check.memory": {
        "en": "The check was stopped: it needed more than {megabytes} MB of memory; nothing was changed. Check one file "
              "at a time, or run `calais-atlas validate` on your own computer",
        "fr": "La vérification a été arrêtée : elle demandait plus de {megabytes} Mo de mémoire ; rien n'a été modifié. "
              "Vérifiez un fichier à la fois, ou lancez `calais-atlas validate` sur votre ordinateur",
    },
    "check.crashed": {
        "en": "The check failed; nothing was changed. Run `calais-atlas validate` on your own computer to see why",
        "fr": "La vérification a échoué ; rien n'a été modifié. Lancez `calais-atlas validate` sur votre ordinateur "
              "pour savoir pourquoi",
    },
    "check.busy": {
        "en": "The server is checking other uploads; try again in a minute",
        "fr": "Le serveur vérifie d'autres envois ; réessayez dans une minute",
    },
    # -- importing an IOM Missing Migrants Project file (iom.py, iom_update.py, cli.py)
    "import.not_read": {"en": "is not an MMP export that can be read", "fr": "n'est pas un export du MMP lisible"},
    "import.form_export": {"en": "MMP export", "fr": "export du MMP"},
    "import.form_curated": {"en": "curated route table", "fr": "table de la route compilée"},
    "import.not_mmp": {
        "en": "is not an MMP export: it lacks the columns {missing} of the {form}. Download the route's incidents from "
              "https://missingmigrants.iom.int/downloads",
        "fr": "n'est pas un export du MMP : il lui manque les colonnes {missing} de la forme « {form} ». Téléchargez "
              "les incidents de la route sur https://missingmigrants.iom.int/downloads",
    },
    "import.not_mmp_at_all": {
        "en": "is not an MMP export: its first line names none of the export's columns ({expected}). Download the "
              "route's incidents from https://missingmigrants.iom.int/downloads",
        "fr": "n'est pas un export du MMP : sa première ligne ne nomme aucune des colonnes de l'export ({expected}). "
              "Téléchargez les incidents de la route sur https://missingmigrants.iom.int/downloads",
    },
    "import.not_mmp_text": {
        "en": "is not an MMP export: it is not CSV text (the MMP's downloads are UTF-8 CSV files)",
        "fr": "n'est pas un export du MMP : ce n'est pas du texte CSV (les téléchargements du MMP sont des fichiers "
              "CSV en UTF-8)",
    },
    "import.date": {
        "en": 'is not a date as IOM writes it ("Thu, 01/27/2026 - 12:00", month first, or 2026-01-27)',
        "fr": "n'est pas une date écrite comme l'OIM l'écrit (« Thu, 01/27/2026 - 12:00 », le mois d'abord, "
              "ou 2026-01-27)",
    },
    "import.count": {"en": "is not a count (digits, or empty when unknown)",
                     "fr": "n'est pas un effectif (des chiffres, ou vide quand il est inconnu)"},
    "import.coordinates": {"en": 'is not "latitude, longitude" in decimal degrees (e.g. "51.026, 2.103")',
                           "fr": "n'est pas « latitude, longitude » en degrés décimaux (par ex. « 51.026, 2.103 »)"},
    "import.link_left_out": {"en": '"{link}" is not a web address; it was left out of the row\'s links',
                             "fr": "« {link} » n'est pas une adresse web ; il a été laissé hors des liens de la ligne"},
    "import.unknown_column": {
        "en": 'has a column "{name}" the importer does not know; move what it holds to note, remove it, then import again',
        "fr": "a une colonne « {name} » que l'importateur ne connaît pas ; déplacez son contenu dans note, "
              "supprimez-la, puis importez de nouveau",
    },
    "import.invalid_result": {
        "en": "{file}: the imported rows would not validate; nothing was written. The problems:",
        "fr": "{file} : les lignes importées ne seraient pas valides ; rien n'a été écrit. Les problèmes :",
    },
    "import.refused": {"en": "{file}: cannot be imported; nothing was written",
                       "fr": "{file} : ne peut pas être importé ; rien n'a été écrit"},
    "import.no_route": {
        "en": "{file}: no incident of the route ({routes}); nothing to do",
        "fr": "{file} : aucun incident de la route ({routes}) ; rien à faire",
    },
    "import.read": {
        "en": {"one": "{file}: {count} row of the route read ({form}), {incidents} incidents",
               "other": "{file}: {count} rows of the route read ({form}), {incidents} incidents"},
        "fr": {"one": "{file} : {count} ligne de la route lue ({form}), {incidents} incidents",
               "many": "{file} : {count} de lignes de la route lues ({form}), {incidents} incidents",
               "other": "{file} : {count} lignes de la route lues ({form}), {incidents} incidents"},
    },
    "import.added": {"en": "added    {iom_id}: {date}, {location}", "fr": "ajouté   {iom_id} : {date}, {location}"},
    "import.changed": {"en": "changed  {iom_id}: {columns}", "fr": "modifié  {iom_id} : {columns}"},
    "import.kept": {
        "en": "kept     {iom_id}: corrected by hand; IOM's values differ in {columns} (--refresh replaces the row)",
        "fr": "conservé {iom_id} : corrigé à la main ; les valeurs de l'OIM diffèrent pour {columns} (--refresh "
              "remplace la ligne)",
    },
    "import.replaced": {"en": "replaced {iom_id}: a hand correction, by IOM's values ({columns}); note kept",
                        "fr": "remplacé {iom_id} : une correction à la main, par les valeurs de l'OIM ({columns}) ; "
                              "note conservée"},
    "import.fingerprint_only": {"en": "the row now matches IOM's values", "fr": "la ligne correspond désormais aux "
                                                                              "valeurs de l'OIM"},
    "import.summary": {
        "en": "{file}: {added} added, {changed} changed, {kept} kept as corrected by hand, {replaced} replaced, "
              "{unchanged} unchanged, {others} not in the imported file (left as they are)",
        "fr": "{file} : {added} ajoutés, {changed} modifiés, {kept} conservés tels que corrigés à la main, "
              "{replaced} remplacés, {unchanged} inchangés, {others} absents du fichier importé (laissés tels quels)",
    },
    "import.wrote": {"en": "{file}: written", "fr": "{file} : écrit"},
    "import.nothing": {"en": "{file}: already up to date; nothing changed",
                       "fr": "{file} : déjà à jour ; rien n'a changé"},
    "import.dry_run": {"en": "dry run: nothing was written", "fr": "simulation : rien n'a été écrit"},
    # -- configuration (csvread.py): the CLI stops on it, the app says it and uses the default
    "config.max_mb": {"en": "{env}={setting} is not a size in megabytes above 0 (e.g. {env}={default})",
                      "fr": "{env}={setting} n'est pas une taille en mégaoctets supérieure à 0 (par ex. {env}={default})"},
    "config.default_used": {"en": "{problem}; the default limit, {default} MB, is used",
                            "fr": "{problem} ; la limite par défaut, {default} Mo, est utilisée"},
    # -- the command line's report (cli.py): the folder leads like a file name, "data: ..."
    "cli.no_folder": {"en": "{directory}: no such folder (pass a data folder, or set {env})",
                      "fr": "{directory}: dossier introuvable (indiquez un dossier de données, ou définissez {env})"},
    "cli.installed_data": {
        "en": "{directory}: the data installed with the atlas is not changed in place (pip owns it; an upgrade would "
              "overwrite it). Copy it to a folder of your own, then pass that folder or set {env}",
        "fr": "{directory}: les données installées avec l'atlas ne sont pas modifiées sur place (pip en est responsable ; "
              "une mise à jour les écraserait). Copiez-les dans un dossier à vous, puis indiquez ce dossier ou définissez {env}",
    },
    "cli.clean": {"en": "{directory}: no problems ({counts})", "fr": "{directory}: aucun problème ({counts})"},
    "cli.summary": {"en": "{directory}: {problems}; {rows}; valid rows: {counts}",
                    "fr": "{directory}: {problems} ; {rows} ; lignes valides : {counts}"},
    "cli.problems": {
        "en": {"one": "{count} problem", "other": "{count} problems"},
        "fr": {"one": "{count} problème", "many": "{count} de problèmes", "other": "{count} problèmes"},
    },
    "cli.rows": {
        "en": {"one": "{count} row could not be used", "other": "{count} rows could not be used"},
        "fr": {"one": "{count} ligne n'a pas pu être utilisée", "many": "{count} de lignes n'ont pas pu être utilisées",
               "other": "{count} lignes n'ont pas pu être utilisées"},
    },
}


@dataclass(frozen=True)
class Message:
    """A catalogue key and its values, written in a language only when shown. A value with a ``text(lang)`` of its
    own (a nested hint, a month name, a size) is written in the same language."""

    key: str
    values: tuple[tuple[str, object], ...] = ()
    count: int | None = None

    def text(self, lang: str = "en") -> str:
        values = {name: value.text(lang) if type(value) not in _PLAIN and hasattr(value, "text") else value
                  for name, value in self.values}
        return lookup(MESSAGES, "problem message", HOME, self.key, lang, self.count, values)

    def __str__(self) -> str:
        return self.text("en")


_PLAIN = (str, int)  # most values: written as they are, without looking for a text(lang) of their own


def msg(key: str, *, count: int | None = None, **values: object) -> Message:
    """The message ``key`` with its values; tests/test_problem_messages.py finds every call by this name."""
    return Message(key, tuple(values.items()), count)


@dataclass(frozen=True)
class MonthName:
    month: int  # 1 to 12

    def text(self, lang: str = "en") -> str:
        return get_month_names("wide", locale=lang)[self.month]


@dataclass(frozen=True)
class Number:
    """A count written with the language's grouping: 249,000 in English, 249 000 in French."""

    count: int

    def text(self, lang: str = "en") -> str:
        return format_decimal(self.count, locale=lang)


@dataclass(frozen=True)
class Size:
    """A file size: whole megabytes from 1 MB, else kilobytes to one decimal, with the language's decimal sign."""

    count: int

    def text(self, lang: str = "en") -> str:
        if self.count >= 1e6:
            return msg("size.mb", amount=f"{self.count / 1e6:.0f}").text(lang)
        amount = f"{self.count / 1e3:.1f}".replace(".", get_decimal_symbol(lang))
        return msg("size.kb", amount=amount).text(lang)

"""Word lists the header reader works from, kept as data (lower case unless noted).

Each list names the sources of the dev set it was drawn from, so a reviewer can judge how
far it generalises. Regular expressions built from these live in `header.py`.
"""

from __future__ import annotations

from statement_cli.text.dates import MONTHS
from statement_cli.text.geography import COUNTRIES

# Honorifics dropped from a name: "H.E. Ms. Jane Example", "the Honourable Jane Example".
HONORIFICS: tuple[str, ...] = (
    "his excellency",
    "her excellency",
    "the honourable",
    "the honorable",
    "honourable",
    "honorable",
    "h.e.",
    "h. e.",
    "he",
    "hon.",
    "hon",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "dr.",
    "dr",
    "sir",
    "dame",
    "rep.",
    "excmo.",
    "excma.",
    "sr.",
    "sra.",
)

# Words a speaker's title is made of ("Acting Deputy Chief of Mission", "Chargé d'Affaires
# a.i.", "U.S. Deputy Representative"). A title is a run of these from the start of the
# line that ends on one of TITLE_NOUNS; the rest of the line is the name.
TITLE_NOUNS = frozenset(
    [
        "ambassador",
        "ambassador-at-large",
        "representative",
        "secretary",
        "minister",
        "counselor",
        "counsellor",
        "adviser",
        "advisor",
        "envoy",
        "coordinator",
        "officer",
        "delegate",
        "director",
        "mission",
        "delegation",
        "president",
        "senator",
        "congressman",
        "congresswoman",
        "councillor",
        "councilor",
        "commissioner",
        "attaché",
        "attache",
        "chair",
        "chairman",
        "chairperson",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "co-chair",
        "co-chairman",
        "vice-chair",
        "vice-chairman",
        "affaires",
        "a.i.",
        "a.i",
        "secretary-general",
        "chief",
        "head",
        "member",
        "state",
    ]
) | frozenset(
    # The same offices in French, German, Spanish, Russian and Ukrainian, as headers write
    # them (Russian and Ukrainian also in the genitive and instrumental of a delivery line).
    (
        "ambassadeur ambassadrice représentant représentante ministre porte-parole secrétaire "
        "président présidente délégué déléguée chef directeur directrice conseiller "
        "conseillère commissaire chargée "
        "botschafter botschafterin außenminister außenministerin bundesaußenminister "
        "bundesaußenministerin minister ministerin bundesminister bundesministerin "
        "staatssekretär staatssekretärin staatsminister staatsministerin bundeskanzler "
        "bundeskanzlerin bundespräsident bundespräsidentin vertreter vertreterin "
        "embajador embajadora representante ministro ministra secretario secretaria "
        "presidente canciller ambasciatore ambasciatrice segretario embaixador embaixadora "
        "ministra ambassadeur staatssecretaris "
        "представитель представителя представителем заместитель заместителя заместителем "
        "посол посла министр министра председатель председателя представник представника "
        "представником заступник заступника міністр міністра голова секретарь секретаря "
        "генеральный генерального генеральна генерального"
    ).split()
)
TITLE_WORDS = TITLE_NOUNS | frozenset(
    [
        "acting",
        "deputy",
        "assistant",
        "under",
        "principal",
        "senior",
        "special",
        "permanent",
        "alternate",
        "political",
        "economic",
        "military",
        "legal",
        "public",
        "u.s.",
        "us",
        "united",
        "states",
        "chargé",
        "charge",
        "chargé",
        "d'affaires",
        "d’affaires",
        "d'affaires",
        "of",
        "the",
        "for",
        "foreign",
        "prime",
        "vice",
        "executive",
        "federal",
        "general",
        "interim",
        "ad",
        "first",
        "second",
        "third",
        "human",
        "rights",
        "affairs",
        # French, German, Spanish, Russian and Ukrainian rank words.
        "adjoint",
        "adjointe",
        "permanente",
        "général",
        "générale",
        "haut",
        "haute",
        "premier",
        "première",
        "d'état",
        "d’état",
        "ständiger",
        "ständige",
        "stellvertretender",
        "stellvertretende",
        "adjunto",
        "adjunta",
        "постоянный",
        "постоянного",
        "постоянным",
        "первый",
        "первого",
        "постійний",
        "постійного",
        "постійним",
        "перший",
        "першого",
    ]
)
# Acronyms of bodies, never a surname written in capitals ("Jeanne EXEMPLE", "IWAYA Taro").
BODY_ACRONYMS = frozenset(
    "osce osze obse nato otan unesco unicef odihr unhcr unodc iaea opcw asean icrc ohchr "
    "unsc unga unog unov fdfa mofa mfa".split()
)
# Words of a state's or a body's name, never of a person's ("the Czech Republic", "African
# Union Commission Chairperson Jane Example").
GENRE_WORDS = frozenset(
    "statement statements remarks speech address declaration intervention briefing".split()
)
STATE_WORDS = frozenset(
    "republic kingdom federation union states nations emirates islands confederation "
    "principality commonwealth république republik república repubblica royaume königreich "
    "reino regno fédération föderation federación federazione unión unione états staaten "
    "estados stati nationen naciones nazioni".split()
)
NAME_PARTICLES = frozenset(
    [
        "de",
        "van",
        "von",
        "der",
        "da",
        "del",
        "la",
        "le",
        "bin",
        "al",
        "el",
        "di",
        "du",
        "dos",
        "das",
        "ter",
        "ten",
    ]
)
# Whole lines that are page furniture, never a field (State, WH, UK, AU, UN, OSCE).
CHROME_LINES: frozenset[str] = frozenset(
    {
        "print friendly",
        "printer-friendly version",
        "printable banner",
        "diplomacy in action",
        "flag bar",
        "blue bar",
        "read article",
        "hot off the email.",
        "quote:",
        "language selection",
        "national statements",
        "thematic issues",
        "as delivered",
        "as prepared",
        "as prepared for delivery",
        "check against delivery",
        "usis washington file",
        "(begin text)",
        "(end text)",
        "speech",
        "speeches",
        "press release",
        "press statement",
        "media note",
        "remarks",
        "statement",
        "closing statement",
        "opening statement",
        "general statement",
        "news",
        "for immediate release",
    }
)
# Image alt text glued to the start or end of a header line ("Great Seal Secretary of …").
ALT_TEXTS: tuple[str, ...] = ("great seal", "department seal", "seal")
# Labels around a date or place line: "PRESS RELEASE | date", "Delivered on: date",
# "14.01.2016 - Press release", "Location: Vienna", "For Immediate Release date".
LINE_LABELS: tuple[str, ...] = (
    "for immediate release",
    "press release",
    "press statement",
    "communiqué de presse",
    "communique de presse",
    "medienmitteilung",
    "pressemitteilung",
    "nota de prensa",
    "comunicado de prensa",
    "пресс-релиз",
    "publication date",
    "delivered on:",
    "location:",
    "date:",
    "posted:",
    "posted on",
    "published:",
    "published on",
)
# Labelled header lines ("Orateur : Name, Office", "Datum: 14.01.2016", "Lieu : Vienne",
# "Publishing date: …") and the field each label gives, in the archive's languages.
FIELD_LABELS: dict[str, str] = {
    **dict.fromkeys(
        "speaker orateur oratrice intervenant redner rednerin redner(in) rednerin/redner "
        "redner/rednerin orador oradora "
        "выступающий доповідач".split(),
        "speaker",
    ),
    **dict.fromkeys(
        ["date", "date du discours", "datum", "fecha", "дата", "publishing date",
         "date of delivery", "delivered on", "published", "date de publication",
         "publication date", "date of publication", "veröffentlicht am",
         "fecha de publicación", "дата публикации", "дата публікації"],
        "date",
    ),
    **dict.fromkeys("lieu ort location place lugar место місце".split(), "city"),
    **dict.fromkeys(["venue", "anlass", "occasion", "événement", "evento"], "venue"),
    **dict.fromkeys(["publisher", "herausgeber", "issuer", "éditeur"], "organization"),
    **dict.fromkeys(["title", "titre", "titel", "título", "subtitle", "untertitel"], "title"),
}
# Labels of a page's own dates, not the statement's: traps ("Last updated: …").
UPDATE_LABELS: tuple[str, ...] = (
    "last updated",
    "updated",
    "last modified",
    "modified",
    "mis à jour",
    "mis a jour",
    "mise à jour",
    "dernière modification",
    "derniere modification",
    "aktualisiert",
    "zuletzt aktualisiert",
    "stand",
    "actualizado",
    "última actualización",
    "обновлено",
    "оновлено",
)
# Section names a site prints above a headline: short lines ending on a plural genre noun
# ("Press Conferences", "Meeting Summaries", "Oireachtas Joint and Select Committees").
SECTION_NOUNS: frozenset[str] = frozenset(
    "conferences speeches statements committees summaries releases briefings transcripts "
    "news communiqués communiques reden erklärungen pressemitteilungen discursos "
    "declaraciones выступления заявления".split()
)
# One-word genre labels above a headline, in the archive's languages ("Discours", "Óráid").
GENRE_LABELS: frozenset[str] = frozenset(
    "discours óráid rede discurso intervención выступление виступ déclaration erklärung".split()
)
# Category prefixes a site puts before a headline ("Press Releases: ", "Text: ").
TITLE_PREFIXES: tuple[str, ...] = ("press releases:", "press release:", "text:", "news:")

WEEKDAYS: frozenset[str] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

# Words a consumed header line may drop: labels, honorifics, dates' words, countries after
# a city, meeting numbers' "No". A header line leaves the body only when each of its words
# is in a field or here (the no-word-lost guarantee); benchmarks check the same list.
DROPPABLE_WORDS: frozenset[str] = (
    frozenset(
        (
            "as delivered by to the at before in prepared for delivery statement remarks on of a "
            "an and mr ms mrs dr he h e hon honourable honorable his her excellency sir dame rep "
            "no session date press release releases text location immediate posted published "
            "st nd rd th er "
            "availability address speech intervention testimony delivered"
        ).split()
    )
    | WEEKDAYS
    | frozenset(MONTHS)
    | frozenset(w for c in COUNTRIES for w in c.replace(".", " ").split())
)

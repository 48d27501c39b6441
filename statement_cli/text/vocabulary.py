"""Word lists the header reader works from, kept as data (lower case unless noted).

Each list names the sources of the dev set it was drawn from, so a reviewer can judge how
far it generalises. Regular expressions built from these live in `header.py`.
"""

from __future__ import annotations

from statement_cli.text.dates import MONTHS

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
KNOWN_CITIES = frozenset(
    [
        "vienna",
        "geneva",
        "brussels",
        "strasbourg",
        "paris",
        "london",
        "helsinki",
        "warsaw",
        "rome",
        "berlin",
        "bern",
        "astana",
        "nur-sultan",
        "tashkent",
        "bishkek",
        "almaty",
        "kyiv",
        "kiev",
        "moscow",
        "minsk",
        "tbilisi",
        "yerevan",
        "baku",
        "chisinau",
        "belgrade",
        "sarajevo",
        "pristina",
        "skopje",
        "tirana",
        "podgorica",
        "zagreb",
        "ljubljana",
        "bratislava",
        "prague",
        "budapest",
        "bucharest",
        "sofia",
        "athens",
        "ankara",
        "istanbul",
        "madrid",
        "lisbon",
        "stockholm",
        "oslo",
        "copenhagen",
        "reykjavik",
        "dublin",
        "ottawa",
        "tokyo",
        "nairobi",
        "hamburg",
        "basel",
        "milan",
        "dushanbe",
        "ashgabat",
        "ulaanbaatar",
        "valletta",
        "vilnius",
        "riga",
        "tallinn",
        "luxembourg",
        "monaco",
        "zurich",
        "zürich",
        "lausanne",
        "montreux",
        "munich",
        "bonn",
        "washington",
    ]
) | {"new york", "new york city", "the hague", "washington, d.c.", "washington, dc", "addis ababa"}
# Further capitals and cities where statements are delivered (UN, OSCE, AU, Commonwealth).
KNOWN_CITIES |= frozenset(
    (
        "new delhi|beijing|bangkok|jakarta|manila|seoul|canberra|sydney|wellington|ottawa|"
        "montreal|toronto|chicago|boston|los angeles|san francisco|cairo|amman|beirut|"
        "baghdad|kabul|islamabad|tehran|riyadh|doha|abu dhabi|dubai|jerusalem|tel aviv|"
        "pretoria|johannesburg|lagos|abuja|dakar|accra|kampala|kinshasa|khartoum|mogadishu|"
        "brasilia|buenos aires|santiago|lima|bogota|mexico city|havana|caracas|valletta|"
        "nicosia|andorra la vella|san marino|vaduz|podgorica|chisinau|skopje|tirana|"
        "edinburgh|belfast|cardiff|the hague|amsterdam|rotterdam|antwerp|frankfurt|dresden|"
        "salzburg|graz|krakow|gdansk|lodz|łódź|odesa|odessa|kharkiv|lviv|mariupol|"
        "st. petersburg|saint petersburg|sochi|minsk|vilnius|osh|samarkand|turkmenbashi|"
        "baku|tbilisi|batumi|helsinki|turku|reykjavik|oslo|bergen|stockholm|gothenburg|"
        "copenhagen|aarhus|marrakech|rabat|tunis|algiers|tripoli|nairobi|addis ababa|"
        "addis abeba|"
        # as French, German, Spanish, Russian and Ukrainian write them
        "vienne|genève|bruxelles|londres|varsovie|moscou|la haye|wien|genf|brüssel|moskau|"
        "warschau|rom|prag|den haag|viena|ginebra|bruselas|varsovia|moscú|nueva york|"
        "nueva delhi|la haya|нью-йорк|вена|женева|брюссель|москва|варшава|київ|відень|"
        "брюссель|лондон|париж|берлин|берлін|athen|münchen|mailand|milán|milano|belgrad|kiew|"
        "lissabon|kopenhagen|athènes|estocolmo|atenas"
    ).split("|")
)

# Nouns that head an issuing body's line: "U.S. Mission to the OSCE", "Office of the Press
# Secretary", "Delegation of the European Union to Albania" (OSCE, State, USUN, WH, EU, AU).
ORG_NOUNS: tuple[str, ...] = (
    "mission",
    "delegation",
    "embassy",
    "ministry",
    "department",
    "office",
    "commission",
    "consulate",
    "permanent representation",
    "secretariat",
    "government",
    "service",
)
# The same in the archive's other languages; the body's name after them needs no "of"
# ("Постоянное представительство Российской Федерации при ООН", "Ständige Vertretung …").
FOREIGN_ORG_NOUNS: tuple[str, ...] = (
    "mission permanente",
    "représentation permanente",
    "ambassade",
    "ministère",
    "délégation",
    "ständige vertretung",
    "botschaft",
    "auswärtiges amt",
    "ministerium",
    "misión permanente",
    "representación permanente",
    "embajada",
    "ministerio",
    "delegación",
    "представительство",
    "посольство",
    "министерство",
    "делегация",
    "миссия",
    "представництво",
    "міністерство",
    "делегація",
    "місія",
)
# Issuing bodies known by name rather than by a head noun.
ORG_NAMES: frozenset[str] = frozenset({"the white house", "white house"})

# Nouns that end the name of a body addressed: "Permanent Council", "General Assembly",
# "Forum for Security Co-operation", "Annual Security Review Conference".
VENUE_NOUNS: frozenset[str] = frozenset(
    {
        "council",
        "assembly",
        "conference",
        "meeting",
        "forum",
        "committee",
        "commission",
        "summit",
        "ministerial",
        "session",
        "stakeout",
        "co-operation",
        "cooperation",
        "board",
        "gathering",
        "plenary",
    }
)
# The same nouns in the other languages of the archive, inflected as headers write them
# ("Assemblée générale", "Conseil de sécurité", "vor dem Ständigen Rat", "Совета
# Безопасности", "Постійної ради"). In these languages the noun comes first and the words
# after it may be lower case.
FOREIGN_VENUE_NOUNS: frozenset[str] = frozenset(
    (
        "conseil assemblée assemblee conférence conference réunion reunion comité comite sommet "
        "rat rates rats versammlung konferenz gipfel ausschuss sitzung "
        "consejo asamblea conferencia cumbre comité reunión sesión "
        "совет совета совету советом совете ассамблея ассамблеи ассамблее конференция "
        "конференции саммит рада ради раді радою асамблея асамблеї конференція конференції "
        "consiglio conferenza assemblea vertice conselho assembleia conferência cimeira raad "
        "vergadering conferentie top"
    ).split()
)
# German compounds ending in a venue noun: "Sicherheitsrat", "UN-Generalversammlung".
VENUE_NOUN_ENDINGS: tuple[str, ...] = (
    "sicherheitsrat",
    "menschenrechtsrat",
    "ministerrat",
    "versammlung",
    "konferenz",
)
# Bodies addressed that carry none of those nouns: "UK statement to the OSCE".
VENUE_BODIES: frozenset[str] = frozenset(
    {"osce", "nato", "unsc", "unga", "osze", "обсє", "обсе", "сб оон", "рб оон", "га оон"}
)
# Named places of delivery (White House rooms; the dev set's 040).
PLACES: frozenset[str] = frozenset(
    {"oval office", "east room", "rose garden", "roosevelt room", "state dining room"}
)
# The kind of meeting after a body's name, cut off with whatever follows it:
# "UN Security Council Briefing Called by …", "General Assembly debate on …".
OCCASIONS: tuple[str, ...] = (
    "high-level open debate",
    "open debate",
    "debate",
    "briefing",
    "consultations",
    "arria-formula meeting",
    "closing statement",
    "tribute",
    "closing session",
    "opening session",
    "wrap-up session",
)
# UN press-release symbols and the body each names as venue ("GA/9199": UN press, 065).
SYMBOL_VENUES: dict[str, str] = {"GA": "General Assembly"}
# Bodies that author their own press statements ("Security Council press statement", UN).
AUTHOR_BODIES: tuple[str, ...] = ("Security Council",)

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

# Countries and states written after a city ("Vienna, Austria", "New York, NY").
COUNTRIES: frozenset[str] = frozenset(
    {
        "austria",
        "germany",
        "denmark",
        "poland",
        "turkey",
        "switzerland",
        "belgium",
        "finland",
        "france",
        "netherlands",
        "the netherlands",
        "italy",
        "spain",
        "sweden",
        "norway",
        "lithuania",
        "latvia",
        "estonia",
        "ukraine",
        "georgia",
        "serbia",
        "slovakia",
        "czech republic",
        "hungary",
        "romania",
        "bulgaria",
        "albania",
        "kazakhstan",
        "uzbekistan",
        "mongolia",
        "malta",
        "ireland",
        "united kingdom",
        "uk",
        "usa",
        "u.s.a.",
        "united states",
        "united states of america",
        "canada",
        "australia",
        "kenya",
        "ethiopia",
        "japan",
        "austria-hungary",
        "belarus",
        "moldova",
        "armenia",
        "azerbaijan",
        "kyrgyzstan",
        "tajikistan",
        "turkmenistan",
        "russia",
        "russian federation",
        "greece",
        "portugal",
        "croatia",
        "slovenia",
        "bosnia and herzegovina",
        "montenegro",
        "north macedonia",
        "kosovo",
        "cyprus",
        "luxembourg",
        "iceland",
        "new zealand",
        "india",
        "china",
        "south africa",
        "egypt",
        "morocco",
        "brazil",
        "mexico",
        "korea",
        "republic of korea",
        "scotland",
        "england",
        "wales",
        "northern ireland",
        "ontario",
        "quebec",
        "nsw",
        "california",
        "massachusetts",
        "illinois",
        # US states and their abbreviations as place lines write them.
        "new york",
        "ny",
        "n.y.",
        "dc",
        "d.c.",
        "virginia",
        "va",
        "maryland",
        "md",
    }
)
# States named as a speaker ("Statement by the United States of America"): not a person
# and, by the dev set's convention, not an issuing body either.
STATES: frozenset[str] = frozenset(
    {"the united states of america", "the united states", "united states of america"}
)

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

"""Bodies as headers name them, kept as data (lower case unless noted): the nouns that
head an issuing body's line and end the name of a body addressed, in the archive's
languages, the bodies known by name, the occasions after a body's name, and the symbols
that name a venue. Each list names the sources of the dev set it was drawn from.
"""

from __future__ import annotations

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

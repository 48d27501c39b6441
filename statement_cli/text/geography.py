"""Places as headers write them, kept as data (lower case): the cities statements are
delivered in, in the archive's languages, the countries and states written after a city,
and states named as a speaker. Drawn from the dev set's sources (UN, OSCE, AU, State,
the White House, the Commonwealth) and the capitals where such bodies meet.
"""

from __future__ import annotations

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

"""Header kinds that many sources use, each checked on the real statements that hold it.

The texts and their expected fields are read from the dev set in ../shared/statements (or
$STATEMENT_SHARED/statements); nothing of them is copied here. A kind names the files where
it stands and the fields it must give; the expected values are the dev set's own (strict).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from statement_cli.text.decode import decode
from statement_cli.text.parse import parse_with_sources

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = Path(os.environ.get("STATEMENT_SHARED") or ROOT.parent / "shared") / "statements"

# kind: {file number: fields the kind gives there}
KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "place and date pairs before the attribution on one line": {
        "070": ("speaker", "speaker_title", "venue", "city", "date"),
        "071": ("speaker", "speaker_title", "city", "date"),
    },
    "an attribution that ends with its date": {
        "079": ("speaker", "speaker_title", "date"),
        "091": ("speaker", "speaker_title", "date"),
    },
    "labelled fields (Orateur :, Lieu :, Redner(in):, Datum:, Publishing date:)": {
        "078": ("speaker", "date"),
        "087": ("speaker", "speaker_title", "city", "date"),
        "097": ("date",),
    },
    "headline parts between dashes, one of them the attribution": {
        "072": ("speaker", "speaker_title", "venue", "date"),
        "073": ("title", "speaker_title", "date"),
    },
    "a 'by …' line under a generic headline": {
        "077": ("title", "speaker", "speaker_title", "city", "date"),
        "081": ("speaker", "speaker_title", "venue", "date"),
        "082": ("speaker", "speaker_title", "venue"),
    },
    "meeting words, ordinals and session numbers around a venue": {
        "076": ("venue",),
        "079": ("venue",),
        "081": ("venue",),
    },
    "a rank and name in the possessive before the genre": {
        "083": ("speaker", "speaker_title", "venue", "date"),
        "092": ("speaker_title", "venue"),
    },
    "the speaker named in a summary or lead sentence": {
        "076": ("speaker", "speaker_title"),
        "084": ("speaker", "speaker_title"),
        "105": ("speaker", "speaker_title"),
    },
    "section labels and doubled labels above the headline": {
        "085": ("title", "venue"),
        "086": ("title",),
        "093": ("title",),
    },
    "a document symbol in brackets is no photo credit": {
        "091": ("title", "venue"),
    },
    "an issuing body named with 'and'": {
        "076": ("organization", "title"),
    },
    "Russian and Ukrainian attributions: office first, the name after it": {
        "080": ("speaker", "speaker_title", "venue", "date"),
        "089": ("title", "speaker", "speaker_title", "venue"),
    },
    "an issuing body in another language, or with a site's country suffix": {
        "089": ("organization",),
        "099": ("organization",),
    },
    "the venue before the speaker ('Statement to the General Assembly by …')": {
        "099": ("title", "speaker", "speaker_title", "venue", "city", "date"),
    },
    "a posting stamp with a time of day, weaker than the delivery date": {
        "079": ("date",),
        "080": ("date",),
        "086": ("speaker", "speaker_title", "venue", "date"),
    },
    "a headline repeated without the site's suffix, and again with the date": {
        "100": ("title", "venue", "date"),
    },
    "a meeting line above the headline, a parliament record's name line": {
        "094": ("title", "speaker", "venue", "date"),
    },
    "meeting coverage: the body that holds the meeting opens the headline": {
        "096": ("venue",),
    },
    "a dateline naming two cities": {
        "097": ("city", "date"),
    },
    "a feed that glued a label to the name and a city to the office": {
        "098": ("title", "speaker", "speaker_title", "city", "date", "venue"),
    },
    "a headline with a bracketed note": {
        "072": ("title",),
        "074": ("title", "venue"),
    },
}


def _expected() -> dict[str, dict[str, object]]:
    path = DEV_SET / "expected.json"
    if not path.is_file():
        reason = f"the dev set is not at {DEV_SET} (set STATEMENT_SHARED)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    entries = json.loads(path.read_text("utf-8"))
    return {Path(e["file"]).name[:3]: e for e in entries}


def _read(entry: dict[str, object]) -> dict[str, object]:
    path = DEV_SET / str(entry["file"])
    statement, sources = parse_with_sources(decode(path.read_bytes()), path.name)
    fields = statement.to_dict()
    if (sources.get("title") or {}).get("from") == "file name":
        fields["title"] = ""  # a display fallback, not read off the header
    return fields


def _norm(value: object) -> str | None:
    """The dev set's strict comparison (its README): NFKC, quotes and spaces folded, case
    folded; empty is None."""
    if value is None or not str(value).strip():
        return None
    text = unicodedata.normalize("NFKC", str(value)).translate(_QUOTES)
    return " ".join(text.split()).casefold()


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"'})


@pytest.mark.parametrize("kind", list(KINDS))
def test_header_kind_gives_its_fields(kind: str) -> None:
    expected = _expected()
    wrong = {}
    for number, fields in KINDS[kind].items():
        entry = expected[number]
        got = _read(entry)
        for field in fields:
            if _norm(got[field]) != _norm(entry[field]):
                wrong[f"{number} {field}"] = (got[field], entry[field])
    assert not wrong, f"(got, expected): {wrong}"


# Invented headers of kinds the hidden sets hold (names and texts made up): the header,
# then the fields it must give.
INVENTED: dict[str, tuple[str, dict[str, str]]] = {
    "a pipe between place and date on the venue line": (
        "Statement on the Situation in Ruritania\n\nAs delivered by Ambassador Jane Q. Example\n"
        "to the Permanent Council, Vienna | November 4, 2014\n\nThank you, Mr. Chair.\n",
        {"speaker": "Jane Q. Example", "venue": "Permanent Council", "city": "Vienna",
         "date": "2014-11-04"},
    ),
    "'to the' alone on a line, a meeting number written N°": (
        "Response to the Report of the Head of Mission\n\nAs delivered by Chargé d'Affaires "
        "John Example\nto the\nPermanent Council N°1034, Vienna\nMarch 12, 2015\n\nThank you.\n",
        {"speaker": "John Example", "venue": "Permanent Council", "city": "Vienna",
         "date": "2015-03-12"},
    ),
    "an inverted attribution with place and date after the name": (
        "On the Situation in Ruritania\n\nAs delivered to the Permanent Council by Ambassador "
        "Jane Example, Vienna, June 8, 2017\n\nThank you, Mr. Chair.\n",
        {"speaker": "Jane Example", "speaker_title": "Ambassador", "venue": "Permanent Council",
         "city": "Vienna", "date": "2017-06-08"},
    ),
    "the speaker named only in a summary sentence": (
        "OSCE Special Permanent Council: UK statement on Ruritania\n\nHead of the UK Delegation "
        "Jane Example gave the UK statement to a special meeting of OSCE Permanent Council.\n\n"
        "Thank you, Madam Chair.\n",
        {"speaker": "Jane Example", "speaker_title": "Head of the UK Delegation"},
    ),
    "an ordinal before the venue": (
        "Statement by Ambassador Jane Example at the 24th OSCE Ministerial Council\n\n"
        "Basel, 4 December 2014\n\nMr. Chairperson,\n",
        {"venue": "OSCE Ministerial Council", "city": "Basel", "date": "2014-12-04"},
    ),
    "a dateline with the city after the date, an update date as a trap": (
        "Statement by the Chairperson of the Commission on the situation in Ruritania\n\n"
        "25 June 2019, Addis Abeba: The Chairperson has followed with concern the events.\n\n"
        "Mis à jour le 12 juillet 2019\n",
        {"city": "Addis Abeba", "date": "2019-06-25"},
    ),
    "a meeting number written 1458th": (
        "Statement at the 1458th Plenary Meeting of the Forum for Security Co-operation\n\n"
        "Delivered by Colonel John Example, Military Adviser\nVienna, 3 March 2021\n\n"
        "Madam Chair,\n",
        {"venue": "Forum for Security Co-operation", "city": "Vienna", "date": "2021-03-03"},
    ),
    "a 'Publisher:' label": (
        "Address by the Minister to the Permanent Council No. 1381\n\nPublisher: Federal "
        "Foreign Office\nDate: 7 July 2022\n\nMr Chair,\n",
        {"organization": "Federal Foreign Office", "venue": "Permanent Council",
         "date": "2022-07-07"},
    ),
    "French: Intervention de M., a French salutation, venue and date between dashes": (
        "Intervention de M. Jean Exemple, représentant permanent de la Ruritanie auprès des "
        "Nations unies\n\nConseil de sécurité - 7 avril 2022\n\nMonsieur le Président,\n",
        {"speaker": "Jean Exemple",
         "speaker_title": "représentant permanent de la Ruritanie auprès des Nations unies",
         "venue": "Conseil de sécurité", "date": "2022-04-07"},
    ),
    "German: Rede von, a compound venue, a dotted date": (
        "Rede von Außenministerin Erika Beispiel vor der UN-Generalversammlung\n\n"
        "New York, 23.02.2023\n\nHerr Präsident,\n",
        {"speaker": "Erika Beispiel", "speaker_title": "Außenministerin",
         "venue": "UN-Generalversammlung", "city": "New York", "date": "2023-02-23"},
    ),
    "Spanish: Intervención del Embajador, a city in Spanish, 7 de abril de 2016": (
        "Intervención del Embajador Juan Ejemplo Pérez ante el Consejo de Seguridad\n\n"
        "Nueva York, 7 de abril de 2016\n\nSeñor Presidente:\n",
        {"speaker": "Juan Ejemplo Pérez", "speaker_title": "Embajador",
         "venue": "Consejo de Seguridad", "city": "Nueva York", "date": "2016-04-07"},
    ),
    "Russian: Выступление, office first, initials glued, 7 апреля 2016 г.": (
        "Выступление Постоянного представителя Руритании при ООН И.И.Примерова на заседании "
        "Совета Безопасности ООН\n\n7 апреля 2016 г.\n\nГосподин Председатель,\n",
        {"speaker": "И.И.Примерова",
         "speaker_title": "Постоянного представителя Руритании при ООН",
         "venue": "Совета Безопасности ООН", "date": "2016-04-07"},
    ),
    "an embassy's name with its city, the states it is accredited to under it": (
        "Ruritanian Embassy and Permanent Mission to the United Nations, Vienna\n"
        "Austria, Slovakia, Hungary and Slovenia\n\nOSCE Permanent Council Meeting - Statement "
        "by Ruritania\n\n31 August 2017\n\nStatement by Ms Jane Example, Deputy Head of "
        "Mission\n\nMr Chair,\n",
        {"title": "OSCE Permanent Council Meeting - Statement by Ruritania",
         "organization": "Ruritanian Embassy and Permanent Mission to the United Nations, Vienna",
         "speaker": "Jane Example", "date": "2017-08-31"},
    ),
    "an OSCE document's symbol and language line above the headline": (
        "PC.DEL/1234/16\n12 January 2016\nENGLISH only\n\nStatement by Ambassador Jane "
        "Example at the Permanent Council\n\nMr Chair,\n",
        {"title": "Statement by Ambassador Jane Example at the Permanent Council",
         "speaker": "Jane Example", "venue": "Permanent Council"},
    ),
    "a date after a dash or 'le' at the end of the attribution": (
        "Statement delivered by Jane Q. Example, Permanent Representative of Ruritania to the "
        "United Nations in New York - 29 September 2020\n\nMr President,\n",
        {"speaker": "Jane Q. Example", "date": "2020-09-29"},
    ),
    "French: 'Intervention de l’Ambassadrice Name le 14 juillet 2017'": (
        "Intervention de l’Ambassadrice Jeanne EXEMPLE le 14 juillet 2017\n\nExcellences, "
        "chers collègues,\n",
        {"speaker": "Jeanne EXEMPLE", "speaker_title": "Ambassadrice", "date": "2017-07-14"},
    ),
    "French: explanation of vote, venue and date between dashes": (
        "Ruritanie : notre position [en]\n\nRuritanie - Explication de vote de M. Jean "
        "Exemple, Représentant permanent de la Ruritanie auprès des Nations unies - Conseil de "
        "sécurité - 14 avril 2018\n\nMonsieur le Président,\n",
        {"speaker": "Jean Exemple", "venue": "Conseil de sécurité", "date": "2018-04-14",
         "speaker_title": "Représentant permanent de la Ruritanie auprès des Nations unies"},
    ),
    "Spanish: the office, then the name between commas, in the lead": (
        "Ruritania interviene en la Sesión de Emergencia de la Asamblea General\n\nEl "
        "Embajador Representante Permanente de Ruritania ante las Naciones Unidas, Juan "
        "Ejemplo, ha intervenido en la segunda jornada de la Sesión de Emergencia de la Asamblea "
        "General.\n\n1 de marzo de 2022\n",
        {"speaker": "Juan Ejemplo", "venue": "Asamblea General", "date": "2022-03-01",
         "speaker_title": "Embajador Representante Permanente de Ruritania ante las Naciones "
         "Unidas"},
    ),
    "a lead sentence under a note, naming the speaker and the day": (
        "Statement of Ruritania at the Reinforced OSCE Permanent Council\n\n(This article "
        "expired 01.02.2014.)\n\nHead of Security Policy Department of the Ruritanian MFA Mr. "
        "Jan Example delivered on behalf of Ruritania the statement at the Reinforced OSCE "
        "Permanent Council on November 11, 2011.\n\nMr. Chairman,\n",
        {"speaker": "Jan Example", "date": "2011-11-11",
         "speaker_title": "Head of Security Policy Department of the Ruritanian MFA"},
    ),
    "German: a rank and surname, the venue after 'zur' and an ordinal": (
        "Rede von Bundeskanzlerin Beispiel zur 55. Münchner Sicherheitskonferenz\n\nSehr "
        "geehrte Damen und Herren,\n",
        {"speaker": "Beispiel", "speaker_title": "Bundeskanzlerin",
         "venue": "Münchner Sicherheitskonferenz"},
    ),
    "a capitalised surname after an honorific, a year/month/day date": (
        "Statement by H.E. Mr. EXAMPLE Taro, Senior Deputy Minister for Foreign Affairs of "
        "Ruritania, at the United Nations Security Council Meeting on the Maintenance of Peace"
        "\n\n2024/9/25\n\nMadam President,\n",
        {"speaker": "EXAMPLE Taro", "venue": "United Nations Security Council",
         "speaker_title": "Senior Deputy Minister for Foreign Affairs of Ruritania",
         "date": "2024-09-25"},
    ),
    "German labels 'Rednerin/Redner:', a range of days": (
        "05.12.2019\n\nBratislava, 5.– 6. Dezember 2019\n\nRednerin/Redner: Erika Beispiel"
        "\n\nMonsieur le Président,\n",
        {"speaker": "Erika Beispiel", "city": "Bratislava", "date": "2019-12-05", "title": ""},
    ),
    "'At the Open Debate of the Security Council' on a line of its own": (
        "Statement by H.E. Mr. Jan Example\nPermanent Representative of Ruritania to the United "
        "Nations\nAt the Open Debate of the Security Council\n23 February 2015\nMr. President,\n",
        {"speaker": "Jan Example", "venue": "Security Council", "date": "2015-02-23",
         "speaker_title": "Permanent Representative of Ruritania to the United Nations"},
    ),
    "'Remarks of …' names a person, 'Statement of the Czech Republic' a state": (
        "Remarks of African Union Commission Chairperson H.E. Mr. Jan Example at the C-10 "
        "Summit\n\nYour Excellency,\n",
        {"speaker": "Jan Example", "speaker_title": "African Union Commission Chairperson"},
    ),
    "a state is no speaker": (
        "Statement of the Czech Republic at the OSCE Ministerial Council in Kyiv\n\n"
        "Mr. Chairman,\n",
        {"speaker": "", "venue": "OSCE Ministerial Council"},
    ),
    "a 'by …' line ending in ' - ' and the page's own words": (
        "Pre-Ministerial press conference\n\nby NATO Secretary General Jane Example - "
        "Secretary General's opening remarks\n\nGood afternoon.\n",
        {"speaker": "Jane Example", "speaker_title": "NATO Secretary General"},
    ),
    "Russian: 'Из выступления …' on a special meeting": (
        "Из выступления Постоянного представителя Руритании при ОБСЕ И.И.Примерова на "
        "специальном заседании Постоянного совета ОБСЕ\n\nГосподин Председатель,\n",
        {"speaker": "И.И.Примерова", "venue": "Постоянного совета ОБСЕ",
         "speaker_title": "Постоянного представителя Руритании при ОБСЕ"},
    ),
    "a repeated headline going on with where and when": (
        "National Statement by Deputy Minister Jan Example\n\nNational Statement by Deputy "
        "Minister Jan Example, held at the OSCE 32nd Ministerial Council, 4 December 2025\n\n"
        "Excellencies,\n",
        {"speaker": "Jan Example", "venue": "OSCE Ministerial Council", "date": "2025-12-04"},
    ),
    "a body named with 'of' and 'Meeting' after it; a long name": (
        "Address by Minister Example at the Ministerial Council of the Organization for "
        "Security and Co-operation in Europe\n\nDecember 3, 2015 - Belgrade, Serbia\n\n"
        "Thank you.\n",
        {"venue": "Ministerial Council of the Organization for Security and Co-operation in "
         "Europe", "city": "Belgrade", "date": "2015-12-03"},
    ),
    "a headline labelled with a body's name is no transcript": (
        "1 March 2007\n\n\nNATO: Defence of security and shared values\n\nSpeech by NATO "
        "Secretary General Jan Example\nat the Annual Conference\n\nLadies and Gentlemen,\n",
        {"title": "NATO: Defence of security and shared values", "speaker": "Jan Example",
         "speaker_title": "NATO Secretary General", "date": "2007-03-01"},
    ),
    "an initial after a long office opens the name; a place and date in brackets": (
        "Statement of Minister of Foreign Affairs of the Republic of Ruritania B. Example at "
        "the Informal OSCE Ministerial Gathering\n\n(High Tatras, July 9, 2019)\n\nDear "
        "colleagues,\n",
        {"speaker": "B. Example", "city": "High Tatras", "date": "2019-07-09",
         "speaker_title": "Minister of Foreign Affairs of the Republic of Ruritania"},
    ),
    "an attribution opening a paragraph after its place and date": (
        "EU Statement – UN General Assembly Third Committee: General Debate\n\n3 October "
        "2025, New York - European Union Statement delivered by H.E. Mr. Jan Example, "
        "Ambassador and Head of the European Union Delegation to the United Nations, at the "
        "80th Session of the UN General Assembly Third Committee. We align ourselves with the "
        "statement just made.\n",
        {"speaker": "Jan Example", "city": "New York", "date": "2025-10-03",
         "venue": "UN General Assembly Third Committee"},
    ),
    "a genre, its topic, then 'by'; a signed quotation as the headline": (
        "“Nationalism is the opposite of the UN.” – Jane Example, UN High Commissioner for "
        "Human Rights\n\nOpening statement and global update of human rights concerns by UN "
        "High Commissioner for Human Rights Jane Example at 38th session of the Human Rights "
        "Council\n\n18 June 2018\nMr. President,\n",
        {"speaker": "Jane Example", "venue": "Human Rights Council", "date": "2018-06-18"},
    ),
    "a particle does not open a name (Portuguese, Dutch)": (
        "Intervenção da Ministra da Defesa Nacional, Helena Exemplo, no briefing sobre a "
        "Ruritânia no Conselho de Segurança das Nações Unidas\n\nSenhor Presidente,\n",
        {"speaker": "Helena Exemplo", "speaker_title": "Ministra da Defesa Nacional",
         "venue": "Conselho de Segurança das Nações Unidas"},
    ),
    "a state, then the person: 'Statement by Ruritania at … by First Secretary, Name'": (
        "Statement by Ruritania at the 1458th (Special) Meeting of the Permanent Council on 26 "
        "January 2024 by First Secretary, Jane Example\n\nThank you, Madame Chair,\n",
        {"speaker": "Jane Example", "speaker_title": "First Secretary"},
    ),
    "a breadcrumb before the headline; an ordinal and 'UNGA'": (
        "Home / Articles / Statement by Foreign Minister at the 73rd Session of the UNGA\n\n"
        "29 September 2018\n\nMr. President,\n",
        {"title": "Statement by Foreign Minister at the 73rd Session of the UNGA",
         "date": "2018-09-29"},
    ),
    "a country, then the name; a city known by the country after it": (
        "Intervention by Minister of Foreign Affairs of the Netherlands Jan Example at the "
        "OSCE Ministerial Council\n\nOSCE Ministerial Council in Mauerbach (Austria) 11 July "
        "2017\n\nDear colleagues,\n",
        {"speaker": "Jan Example", "city": "Mauerbach", "date": "2017-07-11",
         "speaker_title": "Minister of Foreign Affairs of the Netherlands"},
    ),
    "an office and name in the possessive, place and date in brackets": (
        "Minister of Foreign Affairs Jan Example' intervention at the meeting of the UN "
        "Security Council on Ruritania (New York, 24.02.2025)\n\nThank you, Mr. President.\n",
        {"speaker": "Jan Example", "speaker_title": "Minister of Foreign Affairs",
         "venue": "UN Security Council", "city": "New York", "date": "2025-02-24"},
    ),
    "a body's name before a rank is no name": (
        "Remarks by World Bank Group President Jan Example at the Annual Meetings\n\n"
        "Thank you.\n",
        {"speaker": "Jan Example", "speaker_title": "World Bank Group President"},
    ),
    "'…, delivered by the Ambassador, Name.' and an office over two lines": (
        "UN Human Rights Council 55: UK Statement for Item 10\n\nStatement for Item 10 General "
        "Debate, delivered by the UK's Human Rights Ambassador, Jane Example.\n\nThank you.\n",
        {"speaker": "Jane Example", "speaker_title": "UK's Human Rights Ambassador",
         "venue": "UN Human Rights Council"},
    ),
    "Spanish: an article before the rank, a present-tense lead": (
        "Intervención de Ruritania en respuesta al Ministro\n\nLa Embajadora Juana Ejemplo "
        "interviene ante el Consejo Permanente de la OSCE en Viena\n\n4 de junio de 2015\n\n"
        "Sr. Presidente,\n",
        {"speaker": "Juana Ejemplo", "speaker_title": "Embajadora",
         "venue": "Consejo Permanente de la OSCE", "date": "2015-06-04"},
    ),
    "Russian: a three-word name after the office, no acronym taken for a name": (
        "Генеральный секретарь ООН Пан Ги Пример\n\nПослание по случаю Международного дня "
        "мира\n\nДорогие друзья,\n",
        {"speaker": "Пан Ги Пример", "speaker_title": "Генеральный секретарь ООН"},
    ),
    "a country's day is no speaker": (
        "Canada Day\nJune 27, 1996\nOttawa, Ontario\nThe Prime Minister issued the following "
        "statement for Canada Day:\n",
        {"speaker": "", "title": "Canada Day", "city": "Ottawa", "date": "1996-06-27"},
    ),
    "a page whose headline is its 'by …' line": (
        "by NATO Secretary General Jane Example to the NATO Parliamentary Assembly, Warsaw, "
        "Poland\n\nThank you very much.\n",
        {"title": "by NATO Secretary General Jane Example to the NATO Parliamentary Assembly, "
         "Warsaw, Poland", "speaker": "Jane Example", "speaker_title": "NATO Secretary General",
         "venue": "NATO Parliamentary Assembly", "city": "Warsaw"},
    ),
    "a genre label before the date, in the archive's languages": (
        "Déclaration sur la situation en Ruritanie\n\nCommuniqué de presse, 27.02.2023\n\n"
        "Le Gouvernement salue l'accord conclu aujourd'hui entre les parties.\n",
        {"date": "2023-02-27", "city": ""},
    ),
    "place, genre label, dotted date": (
        "Erklärung zur Lage in Ruritanien\n\nBern, Medienmitteilung, 13.01.2014\n\n"
        "Der Bundesrat begrüsst die heute erzielte Einigung zwischen den Parteien.\n",
        {"date": "2014-01-13", "city": "Bern"},
    ),
    "Spanish press-note label before the date": (
        "Declaración sobre la situación en Ruritania\n\nNota de prensa, 3 de mayo de 2019\n\n"
        "El Gobierno celebra el acuerdo alcanzado hoy entre las partes.\n",
        {"date": "2019-05-03"},
    ),
    "a publication-date label with a time of day, no colon": (
        "Statement on the situation in Ruritania\n\nPublication date 1.10.2015 12.27\n\n"
        "The Government welcomes the agreement reached today between the parties.\n",
        {"date": "2015-10-01"},
    ),
    "a labelled publication date": (
        "Statement on the situation in Ruritania\n\nDate of publication: 1 October 2015\n\n"
        "The Government welcomes the agreement reached today between the parties.\n",
        {"date": "2015-10-01"},
    ),
    "Russian: a year written 'год', the city after it": (
        "Заявление о положении в Рурітании\n\n26 июня 2018 год, Нью-Йорк -\n\n"
        "Правительство приветствует соглашение, достигнутое сегодня сторонами.\n",
        {"date": "2018-06-26", "city": "Нью-Йорк"},
    ),
}


@pytest.mark.parametrize("kind", list(INVENTED))
def test_invented_header_kind(kind: str) -> None:
    text, expected = INVENTED[kind]
    statement, _ = parse_with_sources(text, "")
    got = {field: getattr(statement, field) for field in expected}
    assert got == expected

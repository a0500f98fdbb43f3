"""Language rules found on the fourth batch of real dev items (tests/data/README.md): Russian nouns for a
country's people in every case and number, Russian and German adjectives of cities and regions, French
départements, the common Spanish names CLDR lacks, and offices a national outlet names by title alone.
Each expected set is what the labelling rules give the text, written by hand."""

from __future__ import annotations

import dataclasses

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str, home: str = "") -> set[str]:
    article = dataclasses.replace(make_article(text), source_country=home)
    return set(geo.tag(article).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Почему белорусы не вышли на улицы 9 мая?", {"BY"}),  # the plural, not the adjective
        ("Россиянки назвали самые желанные страны для путешествий", {"RU"}),  # feminine plural, capitalised
        ("Переговоры с немцами и французами зашли в тупик", {"DE", "FR"}),  # instrumental plural
        ("Двое китайцев задержаны на границе", {"CN"}),  # -ец with the й of китаец
        ("Встреча армян и азербайджанцев", {"AM", "AZ"}),  # -янин genitive plural, -ец genitive plural
        ("Полиция задержала англичанина", {"GB"}),  # -анин genitive singular
        ("Бразильца арестовали в аэропорту", {"BR"}),  # бразилец -> бразильца
    ],
)
def test_russian_nouns_for_a_people_count_in_every_case_and_number(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Омский министр здравоохранения пропал на охоте", {"RU"}),
        ("Пациента доставили в киевскую больницу", {"UA"}),
        ("Минские власти ответили", {"BY"}),
        ("Суд в Подмосковье и петербургские депутаты", {"RU"}),
    ],
)
def test_russian_city_and_region_adjectives_count_for_their_country(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kinderleiche im niedersächsischen Bispingen entdeckt", {"DE"}),
        ("Die bayerische Staatsregierung plant Lockerungen", {"DE"}),
        ("Die steirische Landesregierung tagt", {"AT"}),
        ("Inzucht im Berliner Zoo", {"DE"}),  # a city's adjective in -er
        ("Die Münchner Polizei ermittelt", {"DE"}),
        ("Ein Pariser Gericht hat entschieden", {"FR"}),
        ("Die Wiener Festwochen beginnen", {"AT"}),
        ("Wie die Frankfurter Allgemeine berichtet, wird verhandelt", set()),  # a paper, not the city
        ("Das Pariser Klimaabkommen wird zehn Jahre alt", set()),  # a treaty, like "the Paris Agreement"
        ("Ein Wiener Schnitzel zum Mittag", set()),  # a dish
    ],
)
def test_german_adjectives_of_regions_and_cities(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ardèche, Creuse… Des départements lèvent l'obligation du port du masque en extérieur", {"FR"}),
        ("Incendie en Gironde : 300 hectares brûlés", {"FR"}),
        ("Les urgences de Seine-Saint-Denis saturées", {"FR"}),
        ("Neige dans le Nord : la circulation perturbée", set()),  # "Nord" is a word first: not a key
    ],
)
def test_french_departements_count_for_france(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los campeones mundiales Sub 20 en Holanda", {"NL"}),
        ("Una delegación del Vaticano llegó a Caracas", {"VA", "VE"}),
        ("O Vaticano confirmou a visita", {"VA"}),
    ],
)
def test_common_names_cldr_lacks(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("Les députés insoumis n'iront pas au rassemblement", "FR", {"FR"}),
        ("Les députés insoumis n'iront pas au rassemblement", "", set()),  # no home known: no country
        ("Marine Le Pen écrit aux préfets", "FR", {"FR"}),
        ("Les députés britanniques ont voté contre", "FR", {"GB"}),  # another country's deputies
        ("El diputado Carlos Selva tiene coronavirus", "AR", {"AR"}),
        ("Hummels kehrt in die Nationalmannschaft zurück", "DE", {"DE"}),
        ("Une perquisition au ministère de l'Économie", "FR", {"FR"}),
    ],
)
def test_offices_named_by_title_stand_for_the_outlets_home(text: str, home: str, expected: set[str]) -> None:
    assert codes(text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Гол Миранчука помог «Аталанте» разгромить «Парму» в Серии А", set()),  # clubs in «»
        ("Овечкин инвестировал в женский футбольный клуб «Вашингтон Спирит»", set()),  # a name and one word
        ("Партия «Единая Россия» победила на выборах", {"RU"}),  # the place is not the quote's first word
        ("Mere, le « Lidl russe », va ouvrir trois supermarchés en France", {"FR", "RU"}),  # spaced French quotes
        ("Удар по Парме, сообщили в «Известиях»", {"IT"}),  # outside the quote the city counts
    ],
)
def test_a_place_that_opens_a_short_guillemet_quote_is_a_name(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        ("Итоги дня\nМОСКВА, 9 мая — РИА Новости. В День Победы организаторы", "RU", set()),
        ("Итоги дня\nМОСКВА, 9 мая — РИА Новости. В День Победы организаторы", "UA", {"RU"}),  # not its home
        ("Stellantis\nPARIS (Reuters) - Stellantis et le taïwanais Foxconn", "FR", {"TW"}),
        ("Stellantis\nPARIS (Reuters) - Stellantis s'installe à Paris", "FR", {"FR"}),  # named again: counts
        ("Stellantis\nParis (Reuters) - Stellantis et Foxconn", "FR", {"FR"}),  # not a dateline's capitals
    ],
)
def test_a_dateline_in_the_outlets_own_country_counts_for_nothing(text: str, home: str, expected: set[str]) -> None:
    assert codes(text, home) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FC Bayern: Umbruch wegen Nagelsmann", set()),  # a club's prefix
        ("Der 1. FC Köln gewinnt das Derby", set()),
        ("lors de la finale contre l’AS Monaco", set()),  # after a curly apostrophe too
        ("Santiago Maggiotti, exintendente de Navarro", set()),  # a first name before a surname
        ("En Santiago de Chile hubo protestas", {"CL"}),  # a capitalised preposition is no given name
        ("Desde Santiago, el presidente habló", {"CL"}),
        ("Gilles Paris, éditorialiste au « Monde »", set()),  # a given name before a place word
        ("Dominik Paris gewinnt die Abfahrt", set()),
        ("Neuer Trainer in Köln", {"DE"}),
    ],
)
def test_clubs_and_peoples_names_that_hold_a_place_word(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("习近平访美", {"CN", "US"}),  # 访 + 美: visits the US
        ("法国总统马克龙访华", {"CN", "FR"}),
        ("总理赴日访问", {"JP"}),
        ("欧盟援乌资金", {"UA"}),
        ("美国对华关税", {"CN", "US"}),
        ("驻华盛顿记者报道", {"US"}),  # the longer name wins: Washington, not China
        ("对印尼的出口", {"ID"}),  # Indonesia, not India
        ("美国对华为的制裁", {"US"}),  # Huawei is a company
        ("拜访日程已定", set()),  # 日程 is a schedule, not Japan
        ("印军增兵，澳方回应", {"AU", "IN"}),
        ("法总统马克龙与日首相会谈", {"FR", "JP"}),
        ("美丽的风景和对美好生活的向往", set()),  # 美 as "beautiful"
        ("台风来袭", set()),  # a typhoon
    ],
)
def test_chinese_one_character_abbreviations_glued_to_a_verb_or_a_title(text: str, expected: set[str]) -> None:
    assert codes(text) == expected

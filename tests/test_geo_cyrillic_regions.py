"""Russian and Ukrainian regions and big cities that real Lenta.ru and UNIAN items named without a tag
(Саратов, Казань, Днепр, Забайкалье, Харківська область, Київщина): the regions' adjectives and -щина
nouns in a reviewed list, big cities judged without their own language's frequency (as Leipzig is in
German), and the feminine soft-sign cases (в Казани). Expected tags are written by hand on sentences
written for the test."""

from __future__ import annotations

import dataclasses

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str, language: str) -> set[str]:
    article = dataclasses.replace(make_article(title=text, summary=""), language=language)
    return set(geo.tag(article).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Автобус столкнулся с опорой в Саратове", {"RU"}),
        ("В Казани открыли новую станцию метро", {"RU"}),
        ("В Перми выпал снег", {"RU"}),
        ("Пожар в центре Днепра", {"UA"}),
        ("При обрушении рудника в Забайкалье погиб человек", {"RU"}),
        ("Губернатор Курской области заявил", {"RU"}),
        ("Паводок в Краснодарском крае", {"RU"}),
        ("Минск принял делегацию", {"BY"}),
    ],
)
def test_russian_cities_and_regions(text: str, expected: set[str]) -> None:
    assert codes(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("У Харківській області впав літак", {"UA"}),
        ("Нові туристичні маршрути Київщиною", {"UA"}),
        ("На Тернопільщині відкрили школу", {"UA"}),
        ("Туристи повертаються до Прип'яті", {"UA"}),
        ("Обстріл у Курській області", {"RU"}),
    ],
)
def test_ukrainian_regions(text: str, expected: set[str]) -> None:
    assert codes(text, "uk") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Шахты закрыли на ремонт",  # Шахты, the town: "mines"
        "Находка для археологов",  # Находка, the port: "a find"
        "Владимир Иванов рассказал о планах",  # Владимир and Иванов: a person
    ],
)
def test_a_town_named_by_a_word_or_a_person_stays_a_word(text: str) -> None:
    assert codes(text, "ru") == set()

"""Country names in the languages of the world press: CLDR names, their inflections, adjectives, CJK."""

from __future__ import annotations

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str) -> set[str]:
    return set(geo.tag(make_article(text)).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German: names, genitive -s, lower-case adjectives
        ("Russland droht, Zypern schweigt.", {"RU", "CY"}),
        ("Deutschlands Rolle und die Zukunft Russlands.", {"DE", "RU"}),
        ("Die syrische Übergangsregierung und die türkischen Truppen.", {"SY", "TR"}),
        # French and Portuguese, Spanish, Italian
        ("La Syrie et la Russie accusent les États-Unis.", {"SY", "RU", "US"}),
        ("Les autorités iraniennes et le ministre israélien.", {"IR", "IL"}),
        ("EUA e Brasil assinam acordo; o governo alemão reagiu.", {"US", "BR", "DE"}),
        ("El gobierno estadounidense y las tropas rusas.", {"US", "RU"}),
        ("Il governo tedesco e le truppe russe.", {"DE", "RU"}),
        # Russian, Ukrainian, Polish cases
        ("Россия, России, Россию и Россией.", {"RU"}),
        ("Санкции США против Ирана.", {"US", "IR"}),
        ("Лукашенко оценил готовность Украины к переговорам.", {"BY", "UA"}),  # Lukashenko acts for BY
        ("Полиция задержала российского бизнесмена.", {"RU"}),
        ("Україна, України, Україні та Німеччини.", {"UA", "DE"}),
        ("Rosja i Niemcy; w Polsce i Ukrainie.", {"RU", "DE", "PL", "UA"}),
        # Turkish suffixes after an apostrophe
        ("Rusya'nın ve Almanya'daki gelişmeler.", {"RU", "DE"}),
        # Arabic clitics and the article
        ("بوتين في روسيا والإمارات ولسوريا", {"RU", "AE", "SY"}),
        ("القوات الروسية والحكومة الأمريكية", {"RU", "US"}),
        # CJK without spaces; Korean particles glued on
        ("中国和德国以及美国的关系", {"CN", "DE", "US"}),
        ("美國與日本的會談", {"US", "JP"}),
        ("ロシアと中国の首脳が会談", {"RU", "CN"}),
        ("미국은 북한의 도발을 규탄했다", {"US", "KP"}),
    ],
)
def test_country_names_in_other_languages(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "マリオが来た",  # Mario, not Mali: katakana names are whole katakana words
        "Того же мнения",  # "of that", not Togo
        "Island of hope",  # German for Iceland, an English word
        "사랑이란 무엇인가",  # a Korean particle, not Iran
    ],
)
def test_words_that_only_look_like_names(text: str) -> None:
    assert codes(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Conflito no Irão abre crise nos fertilizantes.", {"IR"}),  # European Portuguese (CLDR pt_PT)
        ("Exercício com caça sueco integra a operação.", {"SE"}),  # reviewed adjectives, more countries
        ("De Noorse kroonprinses onder vuur.", {"NO"}),
        ("Los fiscales catalanes y el gobierno belga.", {"ES", "BE"}),
        ("Le ministre tchèque et son homologue danois.", {"CZ", "DK"}),
        ("Die rumänische Regierung und das irische Parlament.", {"RO", "IE"}),
        ("L'omaggio alla campionessa Usa e al biatleta norvegese.", {"US", "NO"}),  # "Usa": the laxer case rule
        # Chinese: provinces, short forms, Singapore districts (the longest name wins: 巴西立 is not 巴西)
        ("广东和四川的暴雨，沙特与阿联酋", {"CN", "SA", "AE"}),
        ("盛港东路发生汽车起火事故，巴西立一带", {"SG"}),
        ("امریکی وزیرِ خارجہ کی پاکستان آمد", {"US", "PK"}),  # Urdu: CLDR names and reviewed adjectives
        ("（纽约讯）阿拉巴马州规定；以军空袭加沙", {"US", "IL", "PS"}),  # US states and cities in Chinese
        ("罗马教廷的马赛克", {"VA"}),  # the longest name wins; 马赛克 (mosaic) is no Marseille
    ],
)
def test_more_adjectives_and_regional_names(text: str, expected: set[str]) -> None:
    assert codes(text) == expected

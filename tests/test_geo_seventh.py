"""Data of the seventh pass (issue 10, the dev misses of the eighth batch: BBC Chinese's world page in
traditional characters, DW's Chinese service). Expected tags are written by hand from the labelling rules
(tests/data/README.md), on sentences written for the test, not copied from the labelled items."""

from __future__ import annotations

import dataclasses

import pytest

from newsreader import geo
from tests.geo_support import make_article


def codes(text: str, home: str = "", language: str = "zh") -> set[str]:
    article = dataclasses.replace(make_article(text), source_country=home, language=language)
    return set(geo.tag(article).country_codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hong Kong's traditional names (CLDR zh_Hant_HK), not Taiwan's: Nigeria is not Niger (尼日)
        ("尼日利亞總統周三宣布新內閣名單。", {"NG"}),
        ("尼日爾軍政府關閉邊境。", {"NE"}),
        ("意大利和肯尼亞簽署協議。", {"IT", "KE"}),
        # the hand-kept simplified forms and pairs, in traditional characters
        ("俄軍在邊境集結。", {"RU"}),
        ("白宮發言人拒絕評論。", {"US"}),
        ("外長下月訪華。", {"CN"}),
        ("韓媒報道了這一消息。", {"KR"}),
        # the simplified forms still hold
        ("俄军在边境集结。", {"RU"}),
        # one-character abbreviations in a list
        ("美國的動議得到俄、中支持。", {"CN", "RU", "US"}),
        ("会议由美、日、韩三方主持。", {"JP", "KR", "US"}),
        ("中、法两国外长通电话。", {"CN", "FR"}),
        # a list of other words ends in the same characters: no country (增加, 办法, days)
        ("收入增加、中小企业受益。", set()),
        ("5日、6日两天有雨。", set()),
        # a longer name the list's last character starts wins over the list
        ("日本、美國和中國的代表出席。", {"CN", "JP", "US"}),
        # a newspaper named after its city gives nothing; the city named as a place does
        ("《法兰克福汇报》评论称，谈判仍有希望。", set()),
        ("《紐約時報》報道稱，談判仍有希望。", set()),
        ("抗议者在纽约游行。", {"US"}),
        # the EU-India trade agreement names India (the EU is no country); Indo-European is a language family
        ("欧印自由贸易协定将于明年生效。", {"IN"}),
        ("印欧语系包括许多语言。", set()),
    ],
)
def test_seventh_pass_chinese(text: str, expected: set[str]) -> None:
    assert codes(text) == expected

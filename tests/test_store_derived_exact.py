"""store/derive.py case by case, in process (for mutation testing: tests/MUTANTS.md).

tests/test_store_derived.py holds save()'s rows with and without the derived parts equal on real feeds;
this file pins each part derive() makes to hand-written values: the link key, the language (declared or
detected), the lead and the rest of the body, the index terms of each column (Snowball stems, CJK bigrams),
which terms the story vector is made of, twins and repeated ids, and covers() for each kind of batch.
Where a stem was not obvious by hand (Arabic, a Russian reflexive verb) the oracle is lang.terms' own
index_text of the hand-chosen column text: it says which text went into which column, not how it is stemmed.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime

from newsreader.lang.terms import index_text
from newsreader.models import Article
from newsreader.store.derive import Derived, covers, derive
from newsreader.stories.model import decode, encode, make_vector

T = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _article(id_: str, title: str, *, summary: str = "", body: str = "", **kw: str) -> Article:
    fields = {"source": "Example News", "origin": "feed.xml", "url": f"https://example.com/{id_}", **kw}
    return Article(id=id_, title=title, published=T, fetched_at=T, summary=summary, body=body, **fields)


ENGLISH = _article(
    "en1",
    "Ceasefire talks resume in Geneva",
    summary="Negotiators met on Monday.",
    body="Negotiators met on Monday. The delegations agreed to meet again next week in Geneva.",
    url="HTTPS://Example.com/world/talks?utm_source=rss",
    language="en",
)
RUSSIAN = _article(
    "ru1",
    "Переговоры в Женеве возобновились",
    body="Делегации встретились в понедельник и договорились продолжить переговоры.",
    source="Пример",
    origin="ru.xml",
)


def test_an_english_article_declared_with_its_lead_and_a_tracking_parameter() -> None:
    got = derive([ENGLISH])
    assert list(got) == ["en1"]
    made = got["en1"]
    assert made.url_key == "example.com/world/talks"
    assert made.language == "en"
    assert made.lead == 26  # len("Negotiators met on Monday.")
    assert made.packed == "Negotiators met on Monday. The delegations agreed to meet again next week in Geneva."
    assert made.terms == (
        "ceasefir talk resum in geneva",
        "negoti met on mondai",
        "the deleg agre to meet again next week in geneva",
        "exampl new",
    )
    # The vector is the title's and the summary's terms (the lead), not the rest of the body's.
    vector = decode(made.vector)
    assert set(vector) == {"ceasefir", "talk", "resum", "in", "geneva", "negoti", "met", "on", "mondai"}
    assert vector["geneva"] > vector["negoti"]  # a title word weighs more than a lead word
    assert made.vector == encode(make_vector("ceasefir talk resum in geneva", "negoti met on mondai", "en"))


def test_an_undeclared_russian_article_without_summary_is_detected_and_its_body_is_the_lead() -> None:
    made = derive([RUSSIAN])["ru1"]
    assert made.language == "ru"
    assert (made.url_key, made.lead) == ("example.com/ru1", 0)
    assert made.packed == "Делегации встретились в понедельник и договорились продолжить переговоры."
    assert made.terms == (
        "переговор в женев возобнов",
        "",
        "делегац встрет в понедельник и договор продолж переговор",
        "пример",
    )
    # No summary: the body's terms stand for the lead; one-letter words ("в", "и") are no part of it.
    assert set(decode(made.vector)) == {
        "переговор",
        "женев",
        "возобнов",
        "делегац",
        "встрет",
        "понедельник",
        "договор",
        "продолж",
    }
    assert made.vector == encode(
        make_vector("переговор в женев возобнов", "делегац встрет в понедельник и договор продолж переговор", "ru")
    )


def test_chinese_terms_are_bigrams_and_a_summary_not_followed_by_a_break_is_no_lead() -> None:
    article = _article(
        "zh1", "北京举行会谈", summary="双方举行会谈。", body="双方举行会谈。会谈持续两个小时。", language="zh"
    )
    made = derive([article])["zh1"]
    assert made.lead == 0
    assert made.packed == "双方举行会谈。" + "双方举行会谈。会谈持续两个小时。"  # the summary, then the whole body
    assert made.terms[:2] == ("北京 京举 举行 行会 会谈", "双方 方举 举行 行会 会谈")
    assert set(decode(made.vector)) == {"北京", "京举", "举行", "行会", "会谈", "双方", "方举"}


def test_a_long_rest_of_the_body_is_packed_with_the_summary() -> None:
    rest = "\n\n" + "The delegations agreed to meet again. " * 30
    article = _article("long", "Talks", summary="Negotiators met.", body="Negotiators met." + rest, language="en")
    made = derive([article])["long"]
    assert made.lead == len("Negotiators met.")
    assert isinstance(made.packed, bytes) and len(made.packed) < len(rest)
    assert zlib.decompress(made.packed).decode() == "Negotiators met." + rest


def test_twins_by_link_give_the_first_and_a_repeated_id_its_last_copy() -> None:
    twin = _article("twin", "Twin", url="https://example.com/world/talks", language="en")
    again = _article("ru1", "Переговоры продолжатся", source="Пример", origin="ru.xml", language="ru")
    got = derive([ENGLISH, twin, RUSSIAN, again])
    assert sorted(got) == ["en1", "ru1"]  # the twin shares en1's link key
    assert got["ru1"].terms[0] == index_text("Переговоры продолжатся", "ru")  # the last copy of ru1
    assert got["ru1"].language == "ru"


def test_articles_of_one_feed_share_the_language_detected_from_them() -> None:
    arabic = _article("ar1", "محادثات في جنيف", body="التقى المفاوضون يوم الاثنين في جنيف", origin="mixed.xml")
    russian = _article("ru2", "Переговоры в Женеве возобновились", origin="mixed.xml")
    alone = _article("ar2", "محادثات في جنيف", body="التقى المفاوضون يوم الاثنين في جنيف", origin="ar.xml")
    got = derive([russian, arabic, alone])
    assert got["ar1"].language == got["ru2"].language == "ru"  # the feed's, from both titles
    assert got["ar2"].language == "ar"
    texts = ("محادثات في جنيف", "", "التقى المفاوضون يوم الاثنين في جنيف", "Example News")
    assert got["ar2"].terms == tuple(index_text(t, "ar") for t in texts)  # each column in Arabic's terms
    assert got["ar2"].terms[3] == "example news"  # no English stemming under Arabic


def test_an_empty_batch_derives_nothing() -> None:
    assert derive([]) == {}


def test_covers_only_a_mapping_with_every_article() -> None:
    made = derive([ENGLISH, RUSSIAN])
    assert covers(made, [ENGLISH, RUSSIAN]) is True
    assert covers(made, [ENGLISH]) is True
    assert covers({"en1": made["en1"]}, [ENGLISH, RUSSIAN]) is False
    assert covers({"ru1": made["ru1"]}, [ENGLISH, RUSSIAN]) is False
    assert covers(None, [ENGLISH]) is False
    assert covers(None, []) is False
    assert covers({}, []) is True
    assert isinstance(made["en1"], Derived)

"""The cheaper paths of grouping give what the plain ones gave (bench/README.md, "Stories cost, pass nine"):
a vector's text as encode writes it, a member made from its stored text (decoded only when compared), a
grouping of the pending articles that keeps their vectors as text until then, and pending rows left by
0265b84's newsreader (a mark in place of the vector) grouped from their stored articles.

Oracles: the text written pair by pair with an f-string, as the stored form is defined (stories/model.py);
the decoded dict's own first terms; the labelled real set's vectors made from its articles' index terms;
the rows of the same articles grouped from their own vectors' text.
"""

from __future__ import annotations

import json
import sqlite3
from itertools import combinations, islice
from pathlib import Path

import pytest

from newsreader.lang.terms import index_text
from newsreader.models import Article
from newsreader.store import Store
from newsreader.store.stories import group_pending, pack_terms, terms_text, unpack_terms
from newsreader.stories.model import Member, decode, encode, make_vector
from newsreader.stories.window import KEY_TERMS, keys

DATA = Path(__file__).parent / "data"


def _real_vectors() -> list[dict[str, float]]:
    """The story vectors of the labelled sets' articles (their title and summary terms), every language."""
    found = []
    for name in ("stories_real.jsonl", "stories_dense.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                language = row.get("lang", "en")
                title, summary = index_text(row["title"], language), index_text(row["summary"], language)
                found.append(make_vector(title, summary, language))
    return found


@pytest.fixture(scope="module")
def vectors() -> list[dict[str, float]]:
    return _real_vectors()


def _written(vector: dict[str, float]) -> str:
    return " ".join(f"{term} {weight}" for term, weight in vector.items())


def test_encode_writes_each_pair_as_formatted_floats(vectors: list[dict[str, float]]) -> None:
    assert len(vectors) > 1000
    assert [encode(v) for v in vectors] == [_written(v) for v in vectors]
    # twice: the second time every weight's text is a remembered one
    assert [encode(v) for v in vectors] == [_written(v) for v in vectors]


@pytest.mark.parametrize(
    "vector",
    [{}, {"a": 1.0}, {"zero": 0.0, "minus": -0.0}, {"small": 1e-05, "big": 1e16, "x": 0.1234}, {"n": -0.5}],
)
def test_encode_of_odd_weights_is_their_float_text(vector: dict[str, float]) -> None:
    assert encode(vector) == _written(vector)
    assert encode({"minus": -0.0}) == "minus -0.0"  # not the remembered text of 0.0


def test_member_from_text_has_the_decoded_vector_and_keys(vectors: list[dict[str, float]]) -> None:
    for vector in vectors:
        text = encode(vector)
        lazy, plain = Member(1, 0.0, "a", text), Member(1, 0.0, "a", decode(text))
        assert lazy.heaviest(KEY_TERMS) == list(islice(decode(text), KEY_TERMS))
        assert list(keys(lazy)) == list(keys(plain)) == list(combinations(sorted(islice(vector, KEY_TERMS)), 2))
        assert lazy.vector == vector and list(lazy.vector) == list(vector)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("", []),
        ("a 0.5", ["a"]),
        ("a 0.5 b", ["a"]),  # a stray term without its weight is dropped, as decode drops it
        ("a 0.5 b 0.4 c 0.3", ["a", "b"]),
        ("a 0.5 b 0.4 a 0.3 c 0.2", ["a", "b"]),  # a term twice: the decoded dict's order
    ],
)
def test_heaviest_terms_of_a_text_are_the_decoded_ones(text: str, first: list[str]) -> None:
    member = Member(1, 0.0, "a", text)
    assert member.heaviest(2) == first == list(islice(decode(text), 2))
    assert member.vector == decode(text)


def test_stored_terms_read_as_text_decode_to_the_vector(vectors: list[dict[str, float]]) -> None:
    for vector in vectors[:200]:
        stored = pack_terms(vector)
        assert terms_text(stored) == encode(vector)
        assert unpack_terms(stored) == vector


def test_pending_grouped_with_vectors_as_text_stores_the_same_members(tmp_path: Path) -> None:
    """Articles left pending then grouped (their vectors kept as text until compared) get the rows that
    grouping them as they are saved gives: the same stories, components and stored vectors."""
    from test_stories_order import _articles

    articles = sorted(_articles(), key=lambda a: (a.published, a.id))
    rows = {}
    for name, later in (("now", False), ("later", True)):
        path = tmp_path / f"{name}.db"
        with Store.open(path) as store:
            for start in range(0, len(articles), 50):
                store.save(articles[start : start + 50], group_later=later)
            if later:
                assert group_pending(store) == len(articles)
        with sqlite3.connect(path) as conn:
            rows[name] = conn.execute(
                "SELECT a.id, m.published_ts, m.source, m.countries, m.terms, s.id FROM story_members m "
                "JOIN articles a ON a.seq = m.article JOIN stories s ON s.story = m.story ORDER BY a.id"
            ).fetchall()
    assert len(rows["now"]) == len(articles)
    assert rows["later"] == rows["now"]


def _members(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT a.id, m.published_ts, m.source, m.countries, m.terms, m.component, s.id FROM story_members m "
            "JOIN articles a ON a.seq = m.article JOIN stories s ON s.story = m.story ORDER BY a.id"
        ).fetchall()


def _pending_terms(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT terms FROM story_pending ORDER BY article")]


@pytest.fixture(scope="module")
def real_articles() -> list[Article]:
    from test_stories_order import _articles

    return sorted(_articles(), key=lambda a: (a.published, a.id))


def _save_pending(path: Path, articles: list[Article]) -> Store:
    store = Store.open(path)
    for start in range(0, len(articles), 50):
        store.save(articles[start : start + 50], group_later=True)
    return store


def test_pending_rows_hold_their_vectors_as_text(tmp_path: Path, real_articles: list[Article]) -> None:
    """story_pending keeps each vector's text, so any process (or an older newsreader) can group the rows."""
    with _save_pending(tmp_path / "a.db", real_articles):
        terms = _pending_terms(tmp_path / "a.db")
    vectors = [
        encode(make_vector(index_text(a.title, a.language), index_text(a.summary, a.language), a.language))
        for a in sorted(real_articles, key=lambda a: a.id)
    ]
    assert len(terms) == len(real_articles)
    assert sorted(terms) == sorted(vectors)


def test_pending_marks_left_by_0265b84_are_grouped_from_the_stored_articles(
    tmp_path: Path, real_articles: list[Article]
) -> None:
    """A store left mid-fetch by the newsreader of 0265b84 holds `#` and a CRC-32 in place of the vectors it
    held in memory: those rows are grouped as the same rows with their vectors, not as empty vectors."""
    with _save_pending(tmp_path / "text.db", real_articles) as store:
        assert group_pending(store) == len(real_articles)
    with _save_pending(tmp_path / "marks.db", real_articles):
        pass
    with sqlite3.connect(tmp_path / "marks.db") as conn:
        conn.execute("UPDATE story_pending SET terms = printf('#%08x', article * 7919)")
    assert all(t.startswith("#") and len(t) == 9 for t in _pending_terms(tmp_path / "marks.db"))
    with Store.open(tmp_path / "marks.db") as store:
        assert group_pending(store) == len(real_articles)
    expected = _members(tmp_path / "text.db")
    assert len(expected) == len(real_articles)
    assert _members(tmp_path / "marks.db") == expected

"""store/stories.py in-process on real SQLite files: grouping again from nothing gives the stories that
grouping article by article gave.

The oracle is the store's own incremental grouping, run on the same articles: `regroup` (run after a model
change) must not depend on the path, so the two partitions must be equal. The articles are chosen so that
primary countries decide some links: pairs share a growing part of their titles, one side about GB and US,
the other about US alone (a shared country raises a link, none shared lowers it).
"""

from __future__ import annotations

import dataclasses
import gc
import math
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stories_support import member_vectors

from newsreader.models import Article, CountryTag, Filters
from newsreader.store import Store
from newsreader.store import stories as st

T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)
WORDS = [
    "tariff",
    "talks",
    "steel",
    "quota",
    "envoy",
    "summit",
    "minister",
    "harbour",
    "convoy",
    "ceasefire",
    "pipeline",
    "ballot",
]
FILLER = [
    "orchard",
    "violin",
    "glacier",
    "pepper",
    "lantern",
    "meadow",
    "saddle",
    "cobalt",
    "thimble",
    "walnut",
    "quiver",
    "basalt",
    "falcon",
    "marble",
    "ginger",
    "canyon",
    "velvet",
    "spruce",
    "bramble",
    "tundra",
    "mosaic",
    "pewter",
    "juniper",
    "sorrel",
]
GB = CountryTag("GB", mentions=2, in_lead=True, primary=True)
US = CountryTag("US", mentions=2, in_lead=True, primary=True)


def _articles() -> list[Article]:
    out = []
    for i in range(1, len(WORDS) + 1):  # pair i: the first i words shared, the rest different
        shared = WORDS[:i]
        for side, (outlet, countries, filler) in enumerate(
            (("Wire A", (GB, US), FILLER[: len(WORDS) - i]), ("Daily B", (US,), FILLER[12:][: len(WORDS) - i]))
        ):
            n = 2 * i + side
            text = " ".join([*shared, *filler])
            out.append(
                Article(
                    id=f"{n:016x}",
                    title=text.capitalize(),
                    source=outlet,
                    published=T0 + timedelta(days=3 * i, minutes=30 * side),
                    fetched_at=T0,
                    origin=f"feed-{side}",
                    summary=text + ".",
                    countries=countries,
                    language="en",
                )
            )
    return out


def _partition(path: Path) -> set[frozenset[str]]:
    conn = sqlite3.connect(path)
    try:
        groups: dict[int, set[str]] = {}
        for story, aid in conn.execute(
            "SELECT m.story, a.id FROM story_members m JOIN articles a ON a.seq = m.article"
        ):
            groups.setdefault(story, set()).add(aid)
        return {frozenset(g) for g in groups.values()}
    finally:
        conn.close()


def test_regroup_gives_the_stories_of_grouping_as_saved(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        for article in _articles():
            store.save([article])
    saved = _partition(path)
    assert len(saved) < len(_articles())  # some pairs linked,
    assert any(len(g) == 1 for g in saved)  # some not: the fixture spans the threshold
    calls: list[tuple[int, int]] = []
    with Store.open(path) as store, store.transaction() as conn:
        assert st.regroup(conn, lambda done, total: calls.append((done, total)), batch=5) == 24
    assert calls == [(5, 24), (10, 24), (15, 24), (20, 24), (24, 24)]  # 12 pairs, read 5 at a time
    assert _partition(path) == saved


def _pair_and_one(path: Path) -> int:
    """Two articles with the same title (one story; ids chosen by hand) and one unrelated; the pair's number."""
    same = " ".join(WORDS).capitalize()
    rows = [("a1000000000000aa", same, 0), ("b2c0000000000000", same, 1), ("c3000000000000cc", " ".join(FILLER), 2)]
    with Store.open(path) as store:
        for aid, title, k in rows:
            article = Article(
                id=aid,
                title=title,
                source=f"Outlet {k}",
                published=T0 + timedelta(hours=k),
                fetched_at=T0,
                origin=f"feed-{k}",
                summary=title + ".",
                language="en",
            )
            store.save([article])
            assert gc.isenabled()  # grouping pauses the collector, and turns it back on
    conn = sqlite3.connect(path)
    try:
        ((story,),) = conn.execute("SELECT story FROM stories WHERE id = 'a1000000000000aa'").fetchall()
        assert conn.execute("SELECT count(*) FROM story_members WHERE story = ?", (story,)).fetchone()[0] == 2
        # numbered 1, 2, ... as stories start: the pair keeps the number of its first article's story
        assert [r[0] for r in conn.execute("SELECT story FROM stories ORDER BY story")] == [1, 2]
        return int(story)
    finally:
        conn.close()


def test_story_of_by_the_prefix_of_a_later_member_and_an_ambiguous_prefix(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    pair = _pair_and_one(path)
    with Store.open(path) as store:
        assert st.story_of(store, "a1") == pair  # the story's own id
        assert st.story_of(store, " B2 ") == pair  # the second article's id: a letter follows the prefix
        assert st.story_of(store, "") == -1  # every story: ambiguous
        assert st.story_of(store, "d") is None


def test_members_of_gives_each_row_its_story(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    pair = _pair_and_one(path)
    with Store.open(path) as store:
        found = st.members_of(store, [pair])
    assert [(m.story, m.id, m.source) for m in found[pair]] == [
        (pair, "a1000000000000aa", "Outlet 0"),
        (pair, "b2c0000000000000", "Outlet 1"),
    ]


def _article(n: int, title: str, **fields: object) -> Article:
    values: dict[str, object] = {
        "id": f"{n:016x}",
        "title": title,
        "source": f"Outlet {n % 3}",
        "published": T0 + timedelta(hours=n),
        "fetched_at": T0,
        "origin": f"feed-{n % 3}",
        "language": "en",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def test_regroup_makes_the_term_vectors_saving_made(tmp_path: Path) -> None:
    """The vector of each article (title, then summary or the body's start, in its language) is the same
    whether it was made as the article was saved or by grouping again from nothing."""
    body = " ".join(FILLER * 2)  # no summary: the lead is the body's start
    articles = [
        _article(1, "Tariff talks on steel quotas", summary="Ministers met the envoy at the harbour."),
        _article(2, "Summit on the pipeline ballot", body=body),
        _article(3, "Die Minister sprachen über Zölle", summary="Die Gespräche dauerten an.", language="de"),
        _article(4, "Les ministres parlent des quotas", body="Les négociations continuent. " + body, language="fr"),
    ]
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.save(articles)
    saved = member_vectors(path)
    assert set(saved) == {a.id for a in articles}
    assert all(saved.values())
    assert "orchard" in saved[articles[1].id] and "quot" in saved[articles[3].id]
    with Store.open(path) as store, store.transaction() as conn:
        assert st.regroup(conn) == 4
    assert member_vectors(path) == saved


def test_regroup_without_primary_countries_gives_the_stories_of_saving(tmp_path: Path) -> None:
    """Articles without primary countries share none: grouping again must not treat "no country" as one."""
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        for article in _articles():
            store.save([dataclasses.replace(article, countries=())])
    saved = _partition(path)
    assert len(saved) < 24 and any(len(g) == 1 for g in saved)
    with Store.open(path) as store, store.transaction() as conn:
        st.regroup(conn)
    assert _partition(path) == saved


def test_group_pending_counts_every_chunk_and_regroup_clears_what_waits(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    articles = [_article(n, f"{WORDS[n]} {FILLER[n]} {FILLER[n + 12]}") for n in range(5)]
    with Store.open(path) as store:
        store.save(articles, group_later=True)
        assert st.group_pending(store, 2) == 5  # chunks of 2, 2 and 1
        assert st.group_pending(store, 2) == 0
        store.save([_article(7, "Glacier violin pepper")], group_later=True)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM story_pending").fetchone()[0] == 1
    finally:
        conn.close()
    with Store.open(path) as store, store.transaction() as conn:
        assert st.regroup(conn) == 6
        assert conn.execute("SELECT count(*) FROM story_pending").fetchone()[0] == 0


def test_group_pending_keeps_primary_countries_apart(tmp_path: Path) -> None:
    """Waiting articles about GB and US share US with one about US alone, as when grouped as saved."""
    grouped, later = tmp_path / "grouped.db", tmp_path / "later.db"
    with Store.open(grouped) as store:
        for article in _articles():
            store.save([article])
    with Store.open(later) as store:
        store.save(_articles(), group_later=True)
        assert st.group_pending(store) == 24
    assert _partition(later) == _partition(grouped)


def test_top_stories_without_a_limit_and_under_a_filter(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    words = [f"{a}{b}" for a in FILLER for b in FILLER]  # 3 words of their own per article: no links
    articles = [_article(n, " ".join(words[3 * n : 3 * n + 3]), countries=(GB,) if n == 5 else ()) for n in range(64)]
    with Store.open(path) as store:
        store.save(articles)
        every = st.top_stories(store, Filters(limit=0), 1)
        assert len(every) == 64  # more than 62: no cap short of 2**31
        assert len(st.top_stories(store, Filters(limit=3), 1)) == 3
        [gb] = st.top_stories(store, Filters(countries=("GB",), limit=0), 1)
        assert st.stories_of(store, [articles[5].id])[articles[5].id][0] == gb
        assert st.top_stories(store, Filters(countries=("FR",), limit=0), 1) == []


def test_stories_of_reads_ids_beyond_the_first_chunks(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    pair = _pair_and_one(path)
    ids = [f"{n:016x}" for n in range(1000)] + ["b2c0000000000000"]  # the real one 1,001st
    with Store.open(path) as store:
        found = st.stories_of(store, ids)
    assert found == {"b2c0000000000000": (pair, "a1000000000000aa", 2, ("Outlet 0", "Outlet 1"))}


def test_members_of_reads_every_field_of_a_row(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    one = _article(1, "Tariff talks on steel", countries=(GB, US), regions=("Europe", "North America"))
    with Store.open(path) as store:
        store.save([one])
        [story] = st.top_stories(store, Filters(limit=0), 1)
        [row] = st.members_of(store, [story])[story]
    conn = sqlite3.connect(path)
    try:
        seq = conn.execute("SELECT seq FROM articles WHERE id = ?", (one.id,)).fetchone()[0]
    finally:
        conn.close()
    assert (row.story, row.seq, row.id, row.title, row.source) == (story, seq, one.id, one.title, "Outlet 1")
    assert row.countries == ("GB", "US")
    assert row.regions == ("Europe", "North America")
    assert set(row.vector) == {"tariff", "talk", "on", "steel"}  # index terms: stemmed, no stop list


def test_the_v13_step_on_a_store_that_has_its_column_marks_stored_stories_outdated_and_an_empty_store_current(
    tmp_path: Path,
) -> None:
    # Run by hand on stores that already have story_members.component (a store set back by hand): the column
    # is not added twice; a store with an article is marked to be grouped again, an empty one stamped current.
    stamp = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
    with Store.open(tmp_path / "full.db") as store:
        store.save(
            [Article(id=f"{1:016x}", title="Talks", source="Wire", published=stamp, fetched_at=stamp, origin="feed-a")]
        )
    with Store.open(tmp_path / "empty.db"):
        pass
    for name, expected in (("full.db", True), ("empty.db", False)):
        conn = sqlite3.connect(tmp_path / name)
        try:
            st.add_components(conn)
            columns = [row[1] for row in conn.execute("PRAGMA table_info(story_members)")]
            assert columns.count("component") == 1, name
            assert st.outdated(conn) is expected, name
        finally:
            conn.close()


# -- grouping across saves and sessions ----------------------------------------------------------------
#
# Invented words (no stemmer changes them; none is in the common-word tables, so each weighs 1). A title
# word counts twice (model.TITLE_WEIGHT), weighing 1 + ln 2; a summary word once, weighing 1. Two articles
# with the same three-word title and eleven summary words each of their own have the cosine
#   3 (1 + ln 2)^2 / (3 (1 + ln 2)^2 + 11) = 0.439
# (computed by hand in _COSINE): above the link threshold (0.35), under the same-outlet bar (0.5), and under
# the threshold once times 0.75 (primary countries on both sides, none shared: 0.329).
TITLE = "Zorbak quilnex drovum"
OWN = [
    "plaxit frundel gompik traxel wivvum blorf snazik kreppo yultan mizzor daffin",
    "hovlex brintak caslor dwemmit fyrbol glenzor harpik jostel klumvar lorbex mentak",
]
_COSINE = 3 * (1 + math.log(2)) ** 2 / (3 * (1 + math.log(2)) ** 2 + 11)


def _say(
    n: int, title: str, summary: str, outlet: str, hours: float, countries: tuple[CountryTag, ...] = ()
) -> Article:
    return Article(
        id=f"{n:016x}",
        title=title,
        source=outlet,
        published=T0 + timedelta(hours=hours),
        fetched_at=T0,
        origin=f"feed-{outlet}",
        summary=summary,
        countries=countries,
        language="en",
    )


def _stories(path: Path) -> dict[int, tuple[str, int, int, float, float]]:
    """The stories table: story -> (id, articles, sources, first_ts, last_ts)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT story, id, articles, sources, first_ts, last_ts FROM stories")
        return {story: (sid, n, k, first, last) for story, sid, n, k, first, last in rows}
    finally:
        conn.close()


def _story_by_id(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT a.id, m.story FROM story_members m JOIN articles a ON a.seq = m.article")
        return dict(rows.fetchall())
    finally:
        conn.close()


def test_the_fixture_cosine_lies_between_the_thresholds() -> None:
    assert 0.35 < _COSINE < 0.5 and _COSINE * 0.75 < 0.35  # what the next tests rely on


def test_one_outlet_needs_more_than_a_link_and_a_member_read_back_keeps_its_outlet(tmp_path: Path) -> None:
    # The first article is stored in one session, the second grouped in another: the first comes back from
    # story_members (the window's loader) with its outlet, terms and component.
    for outlet, expected in (("Wire A", 2), ("Daily B", 1)):
        path = tmp_path / f"{outlet}.db"
        with Store.open(path) as store:
            store.save([_say(1, TITLE, OWN[0], "Wire A", 0)])
        with Store.open(path) as store:
            store.save([_say(2, TITLE, OWN[1], outlet, 1)])
        assert len(set(_story_by_id(path).values())) == expected, outlet
        assert len(_partition(path)) == expected, outlet
        if expected == 1:
            conn = sqlite3.connect(path)
            try:
                components = {r[0] for r in conn.execute("SELECT component FROM story_members")}
            finally:
                conn.close()
            assert components == {1}  # the first article's row: the second joined its component


def test_primary_countries_of_a_member_held_in_the_window_decide_a_link(tmp_path: Path) -> None:
    # Both saved in one session: the second meets the first as the window holds it. GB and FR share no
    # country (0.439 x 0.75 under the threshold: two stories); GB and GB share one (one story).
    fr = CountryTag("FR", mentions=2, in_lead=True, primary=True)
    for name, theirs, expected in (("apart", (fr,), 2), ("shared", (GB,), 1)):
        path = tmp_path / f"{name}.db"
        with Store.open(path) as store:
            store.save([_say(1, TITLE, OWN[0], "Wire A", 0, (GB,))])
            store.save([_say(2, TITLE, OWN[1], "Daily B", 1, theirs)])
        assert len(_partition(path)) == expected, name


def test_an_earlier_article_saved_later_starts_the_story_afresh(tmp_path: Path) -> None:
    # X alone, then A, then B: B is published before A and says the same, so {A, B} is one story whose
    # first article is B; X keeps a story of its own. The stories table agrees with the members.
    path = tmp_path / "store.db"
    x = _say(1, "Glenzor mavrik tusselt", "Pindor quabble ressik.", "Wire X", 0)
    a = _say(2, TITLE, OWN[0], "Wire A", 2)
    b = _say(3, TITLE, OWN[0], "Daily B", 1)
    with Store.open(path) as store:
        for article in (x, a, b):
            store.save([article])
    assert _partition(path) == {frozenset({x.id}), frozenset({a.id, b.id})}
    by_id = _story_by_id(path)
    stories = _stories(path)
    assert set(stories) == set(by_id.values())  # every member's story has its row, and no row is left empty
    assert stories[by_id[x.id]] == (x.id, 1, 1, x.published.timestamp(), x.published.timestamp())
    assert stories[by_id[a.id]] == (b.id, 2, 2, b.published.timestamp(), a.published.timestamp())


def test_an_article_between_two_of_a_story_keeps_its_number(tmp_path: Path) -> None:
    # A and C are one story; B, published between them, is grouped after: the story is made again from A
    # (a story straddles B's place) and keeps the number A's story had.
    path = tmp_path / "store.db"
    a, c = _say(1, TITLE, OWN[0], "Wire A", 0), _say(2, TITLE, OWN[0], "Wire C", 2)
    b = _say(3, TITLE, OWN[0], "Daily B", 1)
    with Store.open(path) as store:
        store.save([a])
        store.save([c])
    [number] = set(_story_by_id(path).values())
    with Store.open(path) as store:
        store.save([b])
    assert _story_by_id(path) == {a.id: number, b.id: number, c.id: number}
    assert _stories(path) == {number: (a.id, 3, 3, a.published.timestamp(), c.published.timestamp())}


def test_an_article_near_two_stories_merges_their_components_and_stories(tmp_path: Path) -> None:
    # Headlines of invented words: A "zorbak quilnex", B "drovum plaxit" (nothing shared), then, in a later
    # save, C with all four: its cosine with each is 2 / (sqrt 2 x 2) = 0.707, over the headline threshold
    # (0.25) and over MERGE (0.5) for both stories: one component, one story.
    path = tmp_path / "store.db"
    a, b = _say(1, "Zorbak quilnex", "", "Wire A", 0), _say(2, "Drovum plaxit", "", "Daily B", 1)
    c = _say(3, "Zorbak quilnex drovum plaxit", "", "Gulf C", 2)
    with Store.open(path) as store:
        store.save([a])
        store.save([b])
        assert len(_partition(path)) == 2
        store.save([c])
    assert _partition(path) == {frozenset({a.id, b.id, c.id})}
    conn = sqlite3.connect(path)
    try:
        assert len({r[0] for r in conn.execute("SELECT component FROM story_members")}) == 1
    finally:
        conn.close()


def test_a_store_grouped_by_another_model_is_grouped_again_at_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    a, b = _say(1, TITLE, OWN[0], "Wire A", 0), _say(2, TITLE, OWN[0], "Daily B", 1)
    with Store.open(path) as store:
        store.save([a])
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("DELETE FROM stories")
            conn.execute("DELETE FROM story_members")
            conn.execute("DELETE FROM store_meta WHERE key = ?", (st.MODEL_KEY,))
    finally:
        conn.close()
    with Store.open(path) as store:
        store.save([b])
    assert _partition(path) == {frozenset({a.id, b.id})}  # A grouped again, then B with it
    conn = sqlite3.connect(path)
    try:
        assert st.outdated(conn) is False
    finally:
        conn.close()


def test_a_word_as_common_as_the_weighs_least_in_an_english_vector(tmp_path: Path) -> None:
    # "the" is among the commonest English words (the common-word table): whatever its count, it weighs
    # less than an invented word said once; grouped in any other language's table (or none) it would not.
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.save([_say(1, "Zorbak the quilnex", "The drovum, the plaxit.", "Wire A", 0)])
    [vector] = member_vectors(path).values()
    assert set(vector) <= {"zorbak", "the", "quilnex", "drovum", "plaxit"}
    assert {"zorbak", "quilnex", "drovum", "plaxit"} <= set(vector)
    assert vector.get("the", 0.0) < min(vector["drovum"], vector["plaxit"]) / 10


def test_packed_terms_come_back_whatever_their_characters() -> None:
    # A lone surrogate can reach a term (text decoded with surrogateescape); packing must not refuse it.
    vector = {f"zorb\udc80{n}": 0.2 for n in range(24)}
    packed = st.pack_terms(vector)
    assert isinstance(packed, bytes)  # long and repetitive: compressed
    assert st.unpack_terms(packed) == vector


def test_group_saved_groups_now_by_default_and_later_with_the_vectors_given(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    a, b = _say(1, "Zorbak quilnex", "", "Wire A", 0), _say(2, "Drovum plaxit", "", "Daily B", 1)
    with Store.open(path) as store:
        store.save([a, b], group_later=True)  # stored and waiting, rows 1 and 2
        with store.transaction() as conn:
            conn.execute("DELETE FROM story_pending")
            st.group_saved(store, conn, [(1, a, "en", (1, "zorbak quilnex", "", "", "wire a"))])
            st.group_saved(store, conn, [(2, b, "en", (2, "drovum plaxit", "", "", "daily b"))], True, {2: "given 1.0"})
    conn = sqlite3.connect(path)
    try:
        assert [r[0] for r in conn.execute("SELECT article FROM story_members")] == [1]
        assert conn.execute("SELECT article, terms FROM story_pending").fetchall() == [(2, "given 1.0")]
    finally:
        conn.close()


def test_a_story_split_by_an_arrival_gives_its_number_to_one_part_only(tmp_path: Path) -> None:
    # Each article's title is its text (every word counted 3 times: all weigh alike, cosines are word
    # counts). A: six words; D: A's six and two of C's four; C: four words. cos(A, D) = 6 / sqrt(6 x 8) =
    # 0.87, cos(C, D) = 2 / sqrt(4 x 8) = 0.35 (over the headline threshold, 0.25: all linked), and C's
    # cosine with the story {A, D} is 0.18, over JOIN (0.15): one story. B, A's words again, published
    # between D and C, joins it; C's cosine with {A, D, B} is 0.12, under JOIN: C leaves for a story of its
    # own, and only the part with the story's first article keeps the story's number.
    a_words, c_words = "zorbak quilnex drovum plaxit frundel gompik", "hovlex brintak caslor dwemmit"
    d_words = a_words + " hovlex brintak"
    assert round(6 / math.sqrt(6 * 8), 2) == 0.87 and round(2 / math.sqrt(4 * 8), 2) == 0.35
    for copies_of_a, expected in ((1, 0.18), (2, 0.12)):  # the story {A, D}, then {A, D, B}
        centroid = [copies_of_a / math.sqrt(6) + 1 / math.sqrt(8)] * 6 + [1 / math.sqrt(8)] * 2
        dot = 2 * (1 / math.sqrt(4)) * (1 / math.sqrt(8))  # C's two words shared with D
        assert round(dot / math.sqrt(sum(w * w for w in centroid)), 2) == expected
    path = tmp_path / "store.db"
    # C alone has a primary country: a story without any is not "another country" (no factor 0.75), as
    # the members read back must show (no country is no country, not the empty one).
    fr = CountryTag("FR", mentions=2, in_lead=True, primary=True)
    a, d = _say(1, a_words, a_words, "Wire A", 0), _say(2, d_words, d_words, "Daily D", 1)
    c, b = _say(3, c_words, c_words, "Gulf C", 3, (fr,)), _say(4, a_words, a_words, "Euro B", 2)
    with Store.open(path) as store:
        for article in (a, d, c):
            store.save([article])
        assert _partition(path) == {frozenset({a.id, d.id, c.id})}
        [number] = set(_story_by_id(path).values())
        store.save([b])
    by_id = _story_by_id(path)
    assert _partition(path) == {frozenset({a.id, d.id, b.id}), frozenset({c.id})}
    assert by_id[a.id] == number and by_id[c.id] != number
    assert set(_stories(path)) == {number, by_id[c.id]}


FR = CountryTag("FR", mentions=2, in_lead=True, primary=True)


def test_primary_countries_of_a_member_read_back_decide_a_link_and_regroup_agrees(tmp_path: Path) -> None:
    # As test_primary_countries_of_a_member_held_in_the_window_decide_a_link, the first article stored in
    # an earlier session (read back from story_members); GB and US against US share US.
    cases = (("apart", (GB,), (FR,), 2), ("shared", (GB, US), (US,), 1))
    for name, mine, theirs, expected in cases:
        path = tmp_path / f"{name}.db"
        with Store.open(path) as store:
            store.save([_say(1, TITLE, OWN[0], "Wire A", 0, mine)])
        with Store.open(path) as store:
            store.save([_say(2, TITLE, OWN[1], "Daily B", 1, theirs)])
        saved = _partition(path)
        assert len(saved) == expected, name
        with Store.open(path) as store, store.transaction() as conn:
            assert st.regroup(conn) == 2
        assert _partition(path) == saved, name


def test_an_article_near_two_stories_stored_earlier_merges_them(tmp_path: Path) -> None:
    # As test_an_article_near_two_stories_merges_their_components_and_stories, with A and B read back from
    # the store by a later session: both are candidates (two members, not one).
    path = tmp_path / "store.db"
    a, b = _say(1, "Zorbak quilnex", "", "Wire A", 0), _say(2, "Drovum plaxit", "", "Daily B", 1)
    with Store.open(path) as store:
        store.save([a])
        store.save([b])
    with Store.open(path) as store:
        store.save([_say(3, "Zorbak quilnex drovum plaxit", "", "Gulf C", 2)])
    assert len(_partition(path)) == 1


def test_an_article_linked_to_a_merged_component_joins_it(tmp_path: Path) -> None:
    # After C merged A's and B's components, D (B's words) links to B alone: it is in the merged component
    # too. Its cosine with the story {A, B, C} is 2 x (1 / sqrt 2) x (1 / sqrt 2 + 1 / 2) / norm = 0.71.
    path = tmp_path / "store.db"
    a, b = _say(1, "Zorbak quilnex", "", "Wire A", 0), _say(2, "Drovum plaxit", "", "Daily B", 1)
    c, d = _say(3, "Zorbak quilnex drovum plaxit", "", "Gulf C", 2), _say(4, "Drovum plaxit", "", "Euro D", 3)
    centroid = [1 / math.sqrt(2) + 1 / 2] * 4
    dot = 2 * (1 / math.sqrt(2)) * (1 / math.sqrt(2) + 1 / 2)
    assert round(dot / math.sqrt(sum(w * w for w in centroid)), 2) == 0.71
    with Store.open(path) as store:
        for article in (a, b, c, d):
            store.save([article])
    assert _partition(path) == {frozenset({a.id, b.id, c.id, d.id})}
    conn = sqlite3.connect(path)
    try:
        assert len({r[0] for r in conn.execute("SELECT component FROM story_members")}) == 1
    finally:
        conn.close()


def test_merged_components_are_made_again_from_their_start(tmp_path: Path) -> None:
    # Nine-word articles (each word once in the title and once in the summary: all weigh alike). A and B
    # share two words: cosine 2/9 = 0.22, under the link threshold (0.35: two components) but over JOIN
    # (0.15, with the 2 shared words a nine-word article needs). C has six of A's words and four of B's:
    # 6 / sqrt(10 x 9) = 0.63 and 4 / sqrt(90) = 0.42, linked to both. One component from the start, B
    # would have joined A's story: grouped after the merge, it must, as grouping all three again does.
    assert round(2 / 9, 2) == 0.22 and round(6 / math.sqrt(90), 2) == 0.63 and round(4 / math.sqrt(90), 2) == 0.42
    a_words = "aldrix bemmot cuvrel dastik eplon fumbrex gartok shared1x shared2x"
    b_words = "hulvem ixtrad jorbeck kelmis lupert mavrot nexil shared1x shared2x"
    c_words = "aldrix bemmot cuvrel dastik eplon fumbrex hulvem ixtrad jorbeck kelmis"
    path = tmp_path / "store.db"
    a, b = _say(1, a_words, a_words, "Wire A", 0), _say(2, b_words, b_words, "Daily B", 1)
    c = _say(3, c_words, c_words, "Gulf C", 2)
    with Store.open(path) as store:
        store.save([a])
        store.save([b])
        assert len(_partition(path)) == 2
        store.save([c])
    saved = _partition(path)
    assert saved == {frozenset({a.id, b.id, c.id})}
    with Store.open(path) as store, store.transaction() as conn:
        st.regroup(conn)
    assert _partition(path) == saved


def test_three_articles_of_one_event_saved_at_once_make_one_story(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    articles = [_say(n, TITLE, OWN[0], f"Outlet {n}", n) for n in (1, 2, 3)]
    with Store.open(path) as store:
        store.save(articles)
    assert _partition(path) == {frozenset(a.id for a in articles)}
    [(sid, n, sources, first, last)] = _stories(path).values()
    assert (sid, n, sources) == (articles[0].id, 3, 3)
    assert (first, last) == (articles[0].published.timestamp(), articles[2].published.timestamp())


def test_a_story_takes_no_article_a_week_after_its_first(tmp_path: Path) -> None:
    # One text every 50 hours (linked: the Gaussian at 50 h is 0.38, times cosine 1) from four outlets: one
    # story of four spanning 150 h; a fifth 20 h after the fourth is 170 h after the first, past SPAN (7
    # days, 168 h): a story of its own. Its grouping reads the members since 170 - 168 = 2 h only, so the
    # story's first article is not among them.
    assert round(math.exp(-(50**2) / (2 * 36**2)), 2) == 0.38
    path = tmp_path / "store.db"
    articles = [_say(n + 1, TITLE, OWN[0], f"Outlet {n}", hours) for n, hours in enumerate((0, 50, 100, 150, 170))]
    with Store.open(path) as store:
        for article in articles:
            store.save([article])
    assert _partition(path) == {frozenset(a.id for a in articles[:4]), frozenset({articles[4].id})}


def test_another_session_s_save_is_seen_by_a_store_open_before_it(tmp_path: Path) -> None:
    # Two Store objects on one file: the first groups X, the second B, then the first C (B's text): its
    # window must be emptied (the store holds a member it does not know) to find B.
    path = tmp_path / "store.db"
    x = _say(1, "Glenzor mavrik tusselt", "Pindor quabble ressik.", "Wire X", 0)
    b, c = _say(2, TITLE, OWN[0], "Daily B", 1), _say(3, TITLE, OWN[0], "Gulf C", 2)
    with Store.open(path) as first:
        first.save([x])
        with Store.open(path) as second:
            second.save([b])
        first.save([c])
    assert _partition(path) == {frozenset({x.id}), frozenset({b.id, c.id})}


def test_vectors_of_articles_left_to_group_later(tmp_path: Path) -> None:
    # Title words counted twice (weight 1 + ln 2), lead words once (1); the lead is the summary, or the
    # body when there is none. Unit length, 4 decimals. "the" (the commonest English word) weighs least.
    path = tmp_path / "store.db"
    with_summary = _say(1, "Zorbak quilnex", "Drovum plaxit.", "Wire A", 0)
    with_body = dataclasses.replace(_say(2, "Frundel gompik", "", "Daily B", 1), body="Traxel wivvum.")
    common = _say(3, "Zorbak the quilnex", "The drovum, the plaxit.", "Gulf C", 2)
    with Store.open(path) as store:
        store.save([with_summary, with_body, common], group_later=True)
        conn = sqlite3.connect(path)
        try:
            rows = dict(conn.execute("SELECT a.id, p.terms FROM story_pending p JOIN articles a ON a.seq = p.article"))
        finally:
            conn.close()
    t = 1 + math.log(2)
    norm = math.sqrt(2 * t * t + 2)
    for article, title, lead in (
        (with_summary, "zorbak quilnex", "drovum plaxit"),
        (with_body, "frundel gompik", "traxel wivvum"),
    ):
        vector = st.unpack_terms(rows[article.id])
        expected = {**{w: t / norm for w in title.split()}, **{w: 1 / norm for w in lead.split()}}
        assert set(vector) == set(expected), article.id
        assert all(abs(vector[w] - expected[w]) < 1e-4 for w in expected), article.id
    vector = st.unpack_terms(rows[common.id])
    assert vector.get("the", 0.0) < min(vector["drovum"], vector["plaxit"]) / 10


def test_packed_terms_are_the_text_unless_shorter() -> None:
    assert st.pack_terms({"zorbak": 1.0}) == "zorbak 1.0"
    # 23 characters that zlib makes 23 bytes: not shorter, so the text
    assert st.pack_terms({"ab0": 0.1, "ab1": 0.1, "ab2": 0.1}) == "ab0 0.1 ab1 0.1 ab2 0.1"


def test_outlet_countries_lists_each_home_country_once(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    homes = ["GB", "", "US", "GB", "QA", "US"]
    articles = [dataclasses.replace(_article(n, f"Talks {n}"), source_country=c) for n, c in enumerate(homes)]
    with Store.open(path) as store:
        store.save(articles)
        assert st.outlet_countries(store) == ["GB", "QA", "US"]
    with Store.open(tmp_path / "empty.db") as store:
        assert st.outlet_countries(store) == []


def test_members_and_stories_of_two_stories(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    a = _say(1, TITLE, OWN[0], "Wire A", 0)
    a = dataclasses.replace(a, url="https://a.example/1", source_country="US")
    b = dataclasses.replace(_say(2, TITLE, OWN[0], "Daily B", 1), url="https://b.example/2", source_country="GB")
    x = dataclasses.replace(_say(3, "Glenzor mavrik tusselt", "Pindor.", "Wire X", 2), url="https://x.example/3")
    with Store.open(path) as store:
        store.save([a, b, x])
        by_id = _story_by_id(path)
        pair, alone = by_id[a.id], by_id[x.id]
        found = st.members_of(store, [pair, alone])
        assert [(m.id, m.url, m.source_country) for m in found[pair]] == [
            (a.id, a.url, "US"),
            (b.id, b.url, "GB"),
        ]
        assert [(m.id, m.url, m.source_country) for m in found[alone]] == [(x.id, x.url, "")]
        assert [m.published for m in found[pair]] == [a.published.isoformat(), b.published.isoformat()]
        assert st.stories_of(store, [b.id, x.id]) == {
            b.id: (pair, a.id, 2, ("Wire A", "Daily B")),
            x.id: (alone, x.id, 1, ("Wire X",)),
        }
        gb = dataclasses.replace(x, id=f"{9:016x}", url="https://x.example/9", countries=(GB,))
        store.save([gb])
        since = Filters(countries=("GB",), since=T0, limit=0)  # a tag filter within dates: probes considered
        assert st.top_stories(store, since, 1) == [_story_by_id(path)[gb.id]]


def test_a_thousand_and_one_stories_read_and_grouped_again(tmp_path: Path) -> None:
    # 1,001 articles with words of their own: as many stories. stories_of reads their stories in chunks
    # (500 at a time), regroup reads the articles 1,000 at a time and reports after each read.
    path = tmp_path / "store.db"
    articles = [
        Article(
            id=f"{n:016x}",
            title=f"w{n}a w{n}b",
            source="Wire",
            published=T0 + timedelta(minutes=n),
            fetched_at=T0,
            origin="feed",
        )
        for n in range(1001)
    ]
    with Store.open(path) as store:
        store.save(articles)
        found = st.stories_of(store, [a.id for a in articles])
        assert len({story for story, *_ in found.values()}) == 1001
        assert all((sid, n, outlets) == (aid, 1, ("Wire",)) for aid, (_, sid, n, outlets) in found.items())
        calls: list[tuple[int, int]] = []
        with store.transaction() as conn:
            assert st.regroup(conn, lambda done, total: calls.append((done, total))) == 1001
        assert calls == [(1000, 1001), (1001, 1001)]


def test_an_arrival_before_a_merge_replays_the_stories_the_merge_joined(tmp_path: Path) -> None:
    # Words each once in title and summary (all weigh alike). A: six a-words; A2: six b-words (nothing
    # shared: two stories); C, later, all twelve: cosine 6 / sqrt(12 x 6) = 0.71 with each, over MERGE
    # (0.5): one story. Then B, published between A2 and C: the six b-words and ten of its own (cosine with
    # A2 6 / sqrt(16 x 6) = 0.61), about GB, while C is about FR. Grouped from A on, B joins A2's story, and C
    # no longer merges it: its cosine with {A2, B} is 0.635, times 0.75 for the countries (0.48, under
    # MERGE), while A's story gives 0.71. So {A, C} and {A2, B}, as grouping all four again gives.
    a_words = "abrok aclim adrum afvex agnol akrut"
    b_words = "bavok bezit bimrul bodex bruvak bylek"
    e_words = "ebrak ecmot edvik efrul egzon ekmar elpik emvor enzut epkal"
    centroid = [1 / math.sqrt(6) + 1 / math.sqrt(16)] * 6 + [1 / math.sqrt(16)] * 10  # A2 + B
    dot = 6 * (1 / math.sqrt(12)) * (1 / math.sqrt(6) + 1 / math.sqrt(16))
    cos = dot / math.sqrt(sum(w * w for w in centroid))
    assert round(cos, 3) == 0.635 and cos * 0.75 < 0.5 < round(6 / math.sqrt(72), 2) == 0.71
    path = tmp_path / "store.db"
    a, a2 = _say(1, a_words, a_words, "Wire A", 0), _say(2, b_words, b_words, "Daily A2", 1)
    c_text, b_text = f"{a_words} {b_words}", f"{b_words} {e_words}"
    c, b = _say(3, c_text, c_text, "Gulf C", 3, (FR,)), _say(4, b_text, b_text, "Euro B", 2, (GB,))
    with Store.open(path) as store:
        for article in (a, a2, c):
            store.save([article])
        assert _partition(path) == {frozenset({a.id, a2.id, c.id})}
        store.save([b])
    saved = _partition(path)
    assert saved == {frozenset({a.id, c.id}), frozenset({a2.id, b.id})}
    with Store.open(path) as store, store.transaction() as conn:
        st.regroup(conn)
    assert _partition(path) == saved


def test_regroup_reads_as_much_of_a_long_worded_body_as_saving_does(tmp_path: Path) -> None:
    # No summary: the lead is the body's first 50 terms, in the article's language. Of 60 words of 16
    # characters, 600 characters hold 37; of 49 words of 11 characters and one of 20, 600 characters cut the 50th short (12 of its 20,
    # and the 20-letter word sorts first: it is among the 24 terms kept). Grouping again gives the vectors
    # saving gave, the 50th word whole.
    def word(n: int, size: int) -> str:
        letters = f"{chr(98 + n % 24)}{chr(98 + n // 24)}"
        return (letters + "zorbakquilnexdrovumplaxit")[:size]

    long_words = " ".join(word(n, 13) + "ing" for n in range(60))  # English stems drop the -ing
    cut_word = " ".join([*(word(n, 11) for n in range(49)), "a" * 20, *(word(n, 11) for n in range(49, 60))])
    assert len(" ".join(word(n, 11) for n in range(49))) + 1 == 588  # the 20 letters start at 588
    # and with a summary the body is no part of the lead at all
    both = _article(3, "Talks", summary="Drovum plaxit.", body="Frundel gompik traxel.")
    articles = [_article(1, "Talks", body=long_words), _article(2, "Talks", body=cut_word), both]
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.save(articles)
    saved = member_vectors(path)
    assert set(saved[both.id]) == {"talk", "drovum", "plaxit"}
    assert "a" * 20 in saved[articles[1].id]
    assert all(not term.endswith("ing") for term in saved[articles[0].id])
    with Store.open(path) as store, store.transaction() as conn:
        assert st.regroup(conn) == 3
    assert member_vectors(path) == saved

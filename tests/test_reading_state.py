"""Read state and stars, end to end: real SQLite files, the real loopback feed server, the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import invoke, rss, serve_feeds, write_article


def ids_of(db: Path, *args: str) -> list[str]:
    code, out, err = invoke(db, *args, "--json", "--limit", "1000")
    assert code == 0, err
    return [a["id"] for a in json.loads(out)]


def read_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM article_reads")}


def by_title(db: Path) -> dict[str, dict[str, object]]:
    code, out, _ = invoke(db, "show", "--json", "--limit", "1000")
    assert code == 0
    return {a["title"]: a for a in json.loads(out)}


TTY = {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "0"}  # the terminal table, not piped lines
ITEMS = [
    ("Talks resume in Geneva", "https://wire.example/a1", "wire-1", "Delegations met."),
    ("Second story", "https://wire.example/a2", "wire-2", "More news."),
]


def test_new_articles_are_unread_and_showing_one_in_full_marks_it_read(db: Path) -> None:
    with serve_feeds({"/feed": rss("Wire", ITEMS)}) as base:
        assert invoke(db, "fetch", f"{base}/feed")[0] == 0
    articles = by_title(db)
    assert {t: a["read"] for t, a in articles.items()} == {"Talks resume in Geneva": False, "Second story": False}
    code, out, _ = invoke(db, "show", env=TTY)
    assert code == 0 and out.count("•") == 2
    first = str(articles["Second story"]["id"])
    assert invoke(db, "show", first[:6], "--no-pager")[0] == 0
    assert read_ids(db) == {first}
    assert ids_of(db, "show", "--unread") == [str(articles["Talks resume in Geneva"]["id"])]
    code, out, _ = invoke(db, "show", env=TTY)
    assert out.count("•") == 1


def test_mark_read_and_unread_by_id_and_unknown_ids_mark_nothing(db: Path) -> None:
    with serve_feeds({"/feed": rss("Wire", ITEMS)}) as base:
        invoke(db, "fetch", f"{base}/feed")
    ids = [str(a["id"]) for a in by_title(db).values()]
    code, _, err = invoke(db, "mark", "read", ids[0], "ffffffffffff")
    assert code == 1 and "no article with id 'ffffffffffff'" in err
    assert read_ids(db) == set()
    code, _, err = invoke(db, "mark", "read", *ids)
    assert code == 0 and "marked 2 articles read" in err
    assert read_ids(db) == set(ids)
    code, _, err = invoke(db, "mark", "unread", ids[1][:8])
    assert code == 0 and "marked 1 article unread" in err
    assert read_ids(db) == {ids[0]}
    code, _, err = invoke(db, "mark", "read")
    assert code == 2 and "give article ids, or --all" in err


def test_read_and_star_survive_refetch_update_and_retag(db: Path) -> None:
    documents = {"/feed": rss("Wire", ITEMS)}
    with serve_feeds(documents) as base:
        invoke(db, "fetch", f"{base}/feed")
        ids = {t: str(a["id"]) for t, a in by_title(db).items()}
        assert invoke(db, "mark", "read", ids["Talks resume in Geneva"])[0] == 0
        assert invoke(db, "star", ids["Second story"])[0] == 0
        invoke(db, "fetch", f"{base}/feed")  # unchanged
        # The same guids with new text: an update of both articles.
        documents["/feed"] = rss(
            "Wire", [(t + " (updated)", link, guid, d + " Iran said more.") for t, link, guid, d in ITEMS]
        )
        assert invoke(db, "fetch", f"{base}/feed")[0] == 0
    assert invoke(db, "retag")[0] == 0
    after = by_title(db)
    assert after["Talks resume in Geneva (updated)"]["read"] is True
    assert after["Second story (updated)"]["read"] is False
    assert after["Second story (updated)"]["starred"] is True
    assert ids_of(db, "show", "--starred") == [ids["Second story"]]
    assert invoke(db, "unstar", ids["Second story"])[0] == 0
    assert ids_of(db, "show", "--starred") == []


# -- mark --all marks exactly what the listing lists ------------------------------------------------------

FIXTURE = [
    # (file, title, source, date, body)
    ("a.txt", "Tehran talks", "Alpha News", "2026-02-01 08:00 UTC", "Iran and the IAEA met in Vienna about Iran."),
    ("b.txt", "Kyiv power cuts", "Beta Wire", "2026-02-02 08:00 UTC", "Ukraine faced outages after strikes on Kyiv."),
    ("c.txt", "Berlin budget", "Alpha News", "2026-02-03 08:00 UTC", "Germany passed its budget in Berlin."),
    ("d.txt", "Iran oil exports", "Beta Wire", "2026-02-04 08:00 UTC", "Iran sold more oil to China this month."),
    ("e.txt", "Lviv rail link", "Gamma Post", "2026-02-05 08:00 UTC", "Ukraine reopened the Lviv rail link."),
    ("f.txt", "Paris summit", "Gamma Post", "2026-02-06 08:00 UTC", "France hosted a summit in Paris on trade."),
]


@pytest.fixture
def fixture_db(tmp_path: Path, db: Path) -> Path:
    folder = tmp_path / "articles"
    for name, title, source, date, body in FIXTURE:
        write_article(folder, name, title=title, source=source, date=date, body=body)
    assert invoke(db, "fetch", str(folder))[0] == 0
    return db


def oracle(**want: str) -> set[str]:
    """Titles the filter should select, computed from the fixture data alone."""
    chosen = set()
    for _, title, source, date, body in FIXTURE:
        if "source" in want and source != want["source"]:
            continue
        if "since" in want and date[:10] < want["since"]:
            continue
        if "until" in want and date[:10] > want["until"]:
            continue
        if "word" in want and want["word"].lower() not in f"{title} {body}".lower():
            continue
        if "country" in want and want["country"] not in body:
            continue
        chosen.add(title)
    return chosen


CASES = [
    (["--source", "Alpha News"], {"source": "Alpha News"}),
    (["--since", "2026-02-03"], {"since": "2026-02-03"}),
    (["--until", "2026-02-02"], {"until": "2026-02-02"}),
    (["--since", "2026-02-02", "--until", "2026-02-04"], {"since": "2026-02-02", "until": "2026-02-04"}),
    (["--country", "Ukraine"], {"country": "Ukraine"}),
    (["--region", "Middle East"], {"country": "Iran"}),
    (["--source", "Beta Wire", "--country", "Iran"], {"source": "Beta Wire", "country": "Iran"}),
    (["--query", "Iran"], {"word": "Iran"}),
    (["--query", "Ukraine", "--since", "2026-02-03"], {"word": "Ukraine", "since": "2026-02-03"}),
]


@pytest.mark.parametrize(("args", "want"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_mark_all_marks_exactly_what_the_listing_lists(fixture_db: Path, args: list[str], want: dict[str, str]) -> None:
    titles = {str(a["id"]): t for t, a in by_title(fixture_db).items()}
    if args[0] == "--query":
        listed = ids_of(fixture_db, "search", args[1], *args[2:])
    else:
        listed = ids_of(fixture_db, "show", *args)
    assert {titles[i] for i in listed} == oracle(**want)
    # --limit 1 on the listing must not matter: --all is every page.
    code, _, err = invoke(fixture_db, "mark", "read", "--all", *args)
    assert code == 0, err
    assert {titles[i] for i in read_ids(fixture_db)} == oracle(**want)
    assert ids_of(fixture_db, "show", "--unread") == [i for i in ids_of(fixture_db, "show") if i not in listed]


def test_mark_all_unread_with_state_filters(fixture_db: Path) -> None:
    titles = {t: str(a["id"]) for t, a in by_title(fixture_db).items()}
    assert invoke(fixture_db, "mark", "read", "--all")[0] == 0
    assert len(read_ids(fixture_db)) == len(FIXTURE)
    invoke(fixture_db, "star", titles["Paris summit"], titles["Tehran talks"])
    code, _, err = invoke(fixture_db, "mark", "unread", "--all", "--starred", "--source", "Gamma Post")
    assert code == 0 and "marked 1 article unread" in err
    assert ids_of(fixture_db, "show", "--unread") == [titles["Paris summit"]]


# -- what is new: fetch runs ------------------------------------------------------------------------------


def test_new_lists_what_the_last_fetch_stored_and_fetch_json_reports_it(db: Path) -> None:
    documents = {"/feed": rss("Wire", ITEMS[:1])}
    with serve_feeds(documents) as base:
        code, out, _ = invoke(db, "fetch", f"{base}/feed", "--json")
        first = json.loads(out)
        assert code == 0 and first["totals"] == {"new": 1, "updated": 0, "unchanged": 0, "failed": 0}
        documents["/feed"] = rss("Wire", ITEMS)
        code, out, _ = invoke(db, "fetch", f"{base}/feed", "--json")
        second = json.loads(out)
    ids = {t: str(a["id"]) for t, a in by_title(db).items()}
    assert first["new_ids"] == [ids["Talks resume in Geneva"]]
    assert second["run"] == first["run"] + 1
    assert second["sources"][0]["new_ids"] == [ids["Second story"]] == second["new_ids"]
    assert second["sources"][0]["status"] == "ok" and second["sources"][0]["unchanged"] == 1
    assert ids_of(db, "show", "--new") == [ids["Second story"]]
    assert set(ids_of(db, "show", "--new-since-fetch", "2")) == set(ids.values())
    assert ids_of(db, "show", "--new-since-fetch", f"@{second['run']}") == [ids["Second story"]]
    assert ids_of(db, "search", "story", "--new") == [ids["Second story"]]
    code, _, err = invoke(db, "show", "--new-since-fetch", "3")
    assert code == 2 and "only 2 fetch runs are recorded" in err
    code, _, err = invoke(db, "show", "--new-since-fetch", "@99")
    assert code == 2 and "there is no fetch run 99" in err
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT run, targets, new, unchanged, finished_at FROM fetch_runs ORDER BY run").fetchall()
    assert [(r[2], r[3]) for r in runs] == [(1, 0), (1, 1)]
    assert all(json.loads(r[1]) == [f"{base}/feed"] for r in runs) and all(r[4] for r in runs)


def test_new_before_any_fetch_lists_nothing(db: Path, tmp_path: Path) -> None:
    assert ids_of(db, "show", "--new") == []


# -- open ---------------------------------------------------------------------------------------------------


def test_open_without_a_link_says_so(db: Path, tmp_path: Path) -> None:
    write_article(tmp_path / "a", "x.txt", title="No link here", body="Text only.")
    invoke(db, "fetch", str(tmp_path / "a"))
    (article_id,) = [str(a["id"]) for a in by_title(db).values()]
    code, _, err = invoke(db, "open", article_id)
    assert code == 1 and f"article {article_id} has no web link to open" in err
    assert read_ids(db) == set()


def _run_cli(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _clean_env(tmp_path: Path, browser: str) -> dict[str, str]:
    """No display and a PATH without browsers: only $BROWSER can open anything."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    env.update(PATH=str(empty), BROWSER=browser)
    return env


def test_open_hands_the_link_to_browser_and_marks_read(db: Path, tmp_path: Path) -> None:
    with serve_feeds({"/feed": rss("Wire", ITEMS[:1])}) as base:
        invoke(db, "fetch", f"{base}/feed")
    (article_id,) = [str(a["id"]) for a in by_title(db).values()]
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {record}\n', encoding="utf-8")
    script.chmod(0o755)
    done = _run_cli(db, _clean_env(tmp_path, str(script)), "open", article_id[:6])
    assert done.returncode == 0, done.stderr
    assert record.read_text(encoding="utf-8") == "https://wire.example/a1"
    assert read_ids(db) == {article_id}


def test_open_without_a_browser_prints_the_link(db: Path, tmp_path: Path) -> None:
    with serve_feeds({"/feed": rss("Wire", ITEMS[:1])}) as base:
        invoke(db, "fetch", f"{base}/feed")
    (article_id,) = [str(a["id"]) for a in by_title(db).values()]
    failing = tmp_path / "nobrowser.sh"
    failing.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    done = _run_cli(db, _clean_env(tmp_path, str(failing)), "open", article_id)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "https://wire.example/a1\n"
    assert "no browser found" in done.stderr
    assert read_ids(db) == {article_id}

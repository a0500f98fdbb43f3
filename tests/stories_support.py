"""Fixture feeds for the story tests: four outlets in three countries reporting a few events (written by hand).

Every item names its event in its guid (`quake-a`: event `quake`, outlet `a`), so a test's oracle is the
event labels written here, never the grouping code.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

OUTLETS = {"a": ("Wire A", "US"), "b": ("Daily B", "US"), "c": ("Gulf C", "QA"), "d": ("Euro D", "GB")}

# (guid, published, title, description)
ITEMS: dict[str, list[tuple[str, str, str, str]]] = {
    "a": [
        (
            "quake-a",
            "Mon, 05 Jan 2026 06:10:00 +0000",
            "Magnitude 7.1 earthquake strikes near Gaziantep in southern Turkey",
            "The quake collapsed buildings in Gaziantep and Kahramanmaras, rescuers said.",
        ),
        (
            "shutdown-a",
            "Sat, 10 Jan 2026 03:00:00 +0000",
            "Senate passes stopgap funding bill to avert government shutdown",
            "The Senate approved the stopgap bill late on Friday, averting a government shutdown.",
        ),
        (
            "flood-a",
            "Wed, 14 Jan 2026 08:00:00 +0000",
            "Dam breach floods villages along the Tisza river",
            "Water from the breached dam flooded villages downstream on the Tisza overnight.",
        ),
    ],
    "b": [
        (
            "shutdown-b",
            "Sat, 10 Jan 2026 05:30:00 +0000",
            "Government shutdown averted as Senate approves stopgap bill",
            "Senators passed the stopgap funding bill hours before the shutdown deadline.",
        ),
        (
            "bakery-b",
            "Sun, 11 Jan 2026 09:00:00 +0000",
            "Local bakery wins national sourdough award",
            "The family bakery on Elm Street took the prize for its rye sourdough.",
        ),
    ],
    "c": [
        (
            "quake-c",
            "Mon, 05 Jan 2026 07:40:00 +0000",
            "Powerful earthquake hits Gaziantep, southern Turkey; buildings collapse",
            "Rescuers search collapsed buildings in Gaziantep after the magnitude 7.1 quake.",
        ),
        (
            "flood-c",
            "Wed, 14 Jan 2026 10:30:00 +0000",
            "Hungarian army evacuates Szolnok residents",
            "Soldiers moved residents of Szolnok to shelters as the water rose.",
        ),
    ],
    "d": [
        (
            "quake-d",
            "Mon, 05 Jan 2026 11:00:00 +0000",
            "Turkey earthquake: rescuers dig through rubble in Gaziantep",
            "A magnitude 7.1 quake struck near Gaziantep early on Monday, collapsing buildings.",
        ),
        (
            "flood-d",
            "Wed, 14 Jan 2026 12:00:00 +0000",
            "Tisza dam breach: army evacuates Szolnok as villages flood",
            "The breached dam on the Tisza flooded villages; soldiers evacuated residents of Szolnok to shelters.",
        ),
        (
            "museum-d",
            "Thu, 15 Jan 2026 09:00:00 +0000",
            "Museum reopens Roman mosaic gallery in Bath",
            "Visitors can see the restored mosaics from Saturday.",
        ),
    ],
}


def feed(outlet: str) -> bytes:
    name, _ = OUTLETS[outlet]
    entries = "".join(
        f"<item><title>{t}</title><link>https://{outlet}.example/{g}</link><guid>{g}</guid>"
        f"<pubDate>{p}</pubDate><description>{d}</description></item>"
        for g, p, t, d in ITEMS[outlet]
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
        f"<link>https://{outlet}.example/</link>{entries}</channel></rss>"
    ).encode()


def config(path: Path, base: str, outlets: str = "abcd") -> Path:
    """A config with one feed per outlet (its name and home country), served under `base`."""
    lines = []
    for outlet in outlets:
        name, country = OUTLETS[outlet]
        lines += ["[[feeds]]", f'url = "{base}/{outlet}.xml"', f'name = "{name}"', f'country = "{country}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def groups(db: Path) -> set[frozenset[str]]:
    """The stored stories as sets of guids (the event labels), read straight from the tables."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT m.story, a.url FROM story_members m JOIN articles a ON a.seq = m.article"
        ).fetchall()
    finally:
        conn.close()
    found: dict[int, set[str]] = {}
    for story, url in rows:
        found.setdefault(story, set()).add(url.rsplit("/", 1)[1])
    return {frozenset(g) for g in found.values()}


def title_groups(db: Path) -> set[frozenset[str]]:
    """The stored stories as sets of their articles' titles, read straight from the tables."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT m.story, a.title FROM story_members m JOIN articles a ON a.seq = m.article"
        ).fetchall()
    finally:
        conn.close()
    found: dict[int, set[str]] = {}
    for story, title in rows:
        found.setdefault(story, set()).add(title)
    return {frozenset(titles) for titles in found.values()}


def member_vectors(db: Path) -> dict[str, dict[str, float]]:
    """Each grouped article's stored term vector, by article id, read straight from the tables."""
    from newsreader.store.stories import unpack_terms

    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT a.id, m.terms FROM story_members m JOIN articles a ON a.seq = m.article")
        return {aid: unpack_terms(terms) for aid, terms in rows}
    finally:
        conn.close()

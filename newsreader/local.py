"""Local files: find article files under the paths the user gave, read them safely, build Articles."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsreader.errors import NewsreaderError, SourceError
from newsreader.lang import normalise
from newsreader.models import Article, CountryTag, make_id
from newsreader.parse.text import parse_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".json", ".rdf", ".feed"}
OPML_SUFFIXES = {".opml"}
MAX_TEXT_BYTES = 5 * 1024 * 1024  # a pasted article is kilobytes; anything this big is not one


@dataclass(slots=True)
class FoundFiles:
    """The files under a folder worth reading, and notes about the ones we skipped."""

    text: list[Path] = field(default_factory=list)
    feeds: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # OPML lists are not followed from a folder: a list names feeds on the network, and pointing newsreader
    # at a folder of saved files should never start fetching the web. They are reported instead.
    opml: list[Path] = field(default_factory=list)


def walk(folder: Path) -> FoundFiles:
    """Every article or feed file under `folder`, sorted; symlinked folders are not followed (no loops).
    OPML lists are collected apart (see FoundFiles.opml)."""
    found = FoundFiles()

    def on_error(exc: OSError) -> None:
        found.skipped.append(f"{exc.filename}: cannot read ({exc.strerror})")

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            suffix = path.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                found.text.append(path)
            elif suffix in OPML_SUFFIXES:
                found.opml.append(path)
            elif suffix in FEED_SUFFIXES:
                if _is_special(path):  # a FIFO named feed.xml would block the feed reader forever
                    found.skipped.append(f"{path}: skipped (not a regular file: a pipe, device or socket)")
                else:
                    found.feeds.append(path)
            else:
                found.skipped.append(f"{path}: skipped (not a .txt, .md or feed file)")
    return found


def _is_special(path: Path) -> bool:
    """True for an existing FIFO, device or socket (broken links are left for the reader to report)."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def read_bounded(path: Path, limit: int, setting: str = "") -> bytes:
    """A regular file's bytes, at most `limit` of them; SourceError for anything else."""
    where = f" ({setting})" if setting else ""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block forever and /dev/zero never ends: only plain files are read.
            raise SourceError(str(path), "not a regular file (a pipe, device or socket)")
        if info.st_size > limit:
            raise SourceError(str(path), f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit{where}")
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)  # bounded: the file may grow after stat()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    if len(raw) > limit:
        raise SourceError(str(path), f"file is over the {limit:,}-byte limit{where}")
    return raw


def read_text_file(path: Path) -> tuple[str, list[str]]:
    """The file's text and notes; SourceError for files that are not readable text."""
    raw = read_bounded(path, MAX_TEXT_BYTES)
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(str(path), "looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None:
        return str(best), [f"{path}: not UTF-8, read as {best.encoding}"]
    return raw.decode("utf-8", errors="replace"), [f"{path}: not UTF-8, unreadable bytes replaced"]


def load_text_article(path: Path, origin: str, source: str | None, now: datetime) -> tuple[Article, list[str]]:
    """One text file as an Article (untagged), with notes about what had to be guessed."""
    text, notes = read_text_file(path)
    parsed = parse_text(text)
    notes.extend(f"{path}: {n}" for n in parsed.notes)
    if not parsed.body.strip():
        raise SourceError(str(path), "no article text in the file")
    published = parsed.published
    if published is None:
        try:
            published = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:  # removed since we read it
            published = now
        notes.append(f"{path}: no date found, using the file's modification time")
    countries, regions = _declared_places(parsed.countries, parsed.regions, path, notes)
    key = parsed.url or str(path.resolve())
    article = Article(
        id=make_id("local", key),
        title=parsed.title or path.stem,
        source=source or parsed.source or "Local files",
        author=parsed.author,
        published=published,
        fetched_at=now,
        origin=origin,
        url=parsed.url,
        summary=parsed.summary,
        body=parsed.body,
        countries=countries,
        regions=regions,
        tags=tuple(parsed.tags),
        language=normalise(parsed.language),
    )
    return article, notes


def header_countries(article: Article) -> tuple[CountryTag, ...] | None:
    """The Country: header tags of the local file an article came from, read again (for retagging).

    () when the article cannot have a header (it came from a feed); None when the file is gone,
    unreadable from here (a relative origin), or no longer holds the article's text.
    """
    path = Path(article.origin).expanduser()
    if "://" in article.origin or path.suffix.lower() not in TEXT_SUFFIXES:
        return ()
    try:
        text, _ = read_text_file(path)
    except SourceError:
        return None
    parsed = parse_text(text)
    if parsed.body != article.body:
        return None
    countries, _ = _declared_places(parsed.countries, [], path, [])
    return countries


def _declared_places(
    countries: list[str], regions: list[str], path: Path, notes: list[str]
) -> tuple[tuple[CountryTag, ...], tuple[str, ...]]:
    """Country/Region header values, resolved to codes and canonical names; unknown ones noted."""
    if not countries and not regions:
        return (), ()
    from newsreader.names import resolve_country, resolve_region

    tags: dict[str, CountryTag] = {}
    for name in countries:
        try:
            code = resolve_country(name)
        except NewsreaderError as exc:
            notes.append(f"{path}: Country header: {exc}")
            continue
        tags[code] = CountryTag(code, mentions=1, in_lead=True, primary=True, declared=True)
    names: list[str] = []
    for name in regions:
        try:
            names.append(resolve_region(name).name)
        except NewsreaderError as exc:
            notes.append(f"{path}: Region header: {exc}")
    return tuple(tags.values()), tuple(dict.fromkeys(names))

"""Deterministic synthetic news: articles, RSS feed files and stores of realistic size for the benchmarks."""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

# Make `python bench/synth.py` work from a fresh checkout without installing the package.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from newsreader.models import Article, CountryTag, make_id  # noqa: E402

END = datetime(2026, 11, 1, tzinfo=UTC)  # fixed, so every run builds the same store
MONTHS = 12

# (code, name, region, weight): weights make Iran, Israel, the US, Ukraine... as frequent as in real news.
COUNTRIES: tuple[tuple[str, str, str, float], ...] = (
    ("US", "United States", "North America", 10),
    ("CN", "China", "East Asia", 8),
    ("RU", "Russia", "Europe", 8),
    ("UA", "Ukraine", "Europe", 7),
    ("IR", "Iran", "Middle East", 6),
    ("IL", "Israel", "Middle East", 6),
    ("GB", "United Kingdom", "Europe", 5),
    ("FR", "France", "Europe", 4),
    ("DE", "Germany", "Europe", 4),
    ("IN", "India", "South Asia", 4),
    ("PK", "Pakistan", "South Asia", 3),
    ("TR", "Turkey", "Middle East", 3),
    ("SA", "Saudi Arabia", "Middle East", 3),
    ("SY", "Syria", "Middle East", 2.5),
    ("IQ", "Iraq", "Middle East", 2),
    ("LB", "Lebanon", "Middle East", 2),
    ("EG", "Egypt", "Middle East", 2),
    ("JP", "Japan", "East Asia", 2.5),
    ("KR", "South Korea", "East Asia", 2),
    ("KP", "North Korea", "East Asia", 1.5),
    ("TW", "Taiwan", "East Asia", 2),
    ("BR", "Brazil", "South America", 2),
    ("AR", "Argentina", "South America", 1),
    ("VE", "Venezuela", "South America", 1.2),
    ("MX", "Mexico", "North America", 2),
    ("CA", "Canada", "North America", 2),
    ("NG", "Nigeria", "Africa", 1.5),
    ("ZA", "South Africa", "Africa", 1.5),
    ("ET", "Ethiopia", "Africa", 1),
    ("SD", "Sudan", "Africa", 1.2),
    ("KE", "Kenya", "Africa", 1),
    ("AU", "Australia", "Oceania", 1.5),
    ("ID", "Indonesia", "Southeast Asia", 1.2),
    ("PH", "Philippines", "Southeast Asia", 1),
    ("VN", "Vietnam", "Southeast Asia", 1),
    ("AZ", "Azerbaijan", "Caucasus", 0.8),
    ("AM", "Armenia", "Caucasus", 0.8),
    ("GE", "Georgia", "Caucasus", 0.6),
    ("PL", "Poland", "Europe", 1.5),
    ("IT", "Italy", "Europe", 1.5),
    ("ES", "Spain", "Europe", 1.2),
    ("AF", "Afghanistan", "South Asia", 1),
    ("YE", "Yemen", "Middle East", 1.2),
    ("QA", "Qatar", "Middle East", 1),
    ("JO", "Jordan", "Middle East", 0.8),
)

# Plain news vocabulary; drawn with Zipf-like weights so term frequencies look like real text.
_COMMON = """
the of and to in a for on that said is with was as by at from it has have will are be an its this
government minister president officials talks country security military forces people week year
after new would also but not more than over who they their about after which been were had two
year police foreign state according news report reported statement official ministry spokesman
attack peace deal agreement sanctions nuclear election vote parliament opposition party leader prime
border troops ceasefire conflict war army strikes missile drone defence defense economy economic
trade tariffs exports imports oil gas energy prices inflation bank central growth market markets
investment investors currency budget debt crisis protest protests protesters rally capital city
region regional international global united nations council summit meeting visit delegation envoy
diplomatic diplomats relations cooperation negotiations proposal plan policy reform law court judge
ruling trial prison arrested detained killed wounded injured civilians humanitarian aid refugees
camp hospital health water food shortage drought flood floods earthquake storm climate emissions
coal renewable solar wind power grid infrastructure railway port airport ship shipping navy coast
island sea strait waters territory sovereignty independence referendum constitution coalition
cabinet resignation scandal corruption investigation inquiry intelligence agency spy hackers cyber
technology companies company chief executive workers strike union jobs unemployment wages tax taxes
schools students university minority rights activists media journalists press freedom censorship
online social platform video images footage witnesses residents village villages district province
northern southern eastern western central ally allies alliance nato bloc partners partnership
weapons arms supplies shipment aircraft fighter jets tanks artillery shelling offensive front line
positions withdrawal occupation settlers settlement hostages prisoners exchange mediation mediators
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december morning evening night earlier later today yesterday
million billion percent dollars euros per cent first second third last next several many few most
"""
WORDS = _COMMON.split()


def _tail_words(n: int) -> list[str]:
    """A long tail of made-up words (names, rare terms), so the search index sees a real vocabulary size."""
    rnd = random.Random(42)
    syllables_text = (
        "ka ri to na mel vor sha den lu pri an est ol gra ti bur zen mo fa qui ro hal ne ur dim bo se kel tra mi"
    )
    syllables = syllables_text.split()
    out: dict[str, None] = {}
    while len(out) < n:
        out["".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 3)))] = None
    return list(out)


# About 400 common words then 20,000 rare ones: with Zipf weights the common ones make ~60% of the tokens.
WORDS += _tail_words(20_000)

_ADJ = "Daily Global Evening Morning National Free Independent New Eastern Western Northern Southern"
ADJ = _ADJ.split()
_NOUN = "Times Herald Tribune Post Observer Courier Gazette Monitor Journal Chronicle Dispatch Review Wire"
NOUN = _NOUN.split()


# Mixed stores (`--mixed`, the scale bench): a share of the outlets write in other languages and scripts.
# Their text is the same Zipf vocabulary written in that script (letter by letter; CJK as one ideograph
# per few letters, without spaces), so term frequencies and lengths stay those of the English text while
# the index, the stemmers and the snippets see every script. The shares are a plausible world press mix.
LANGUAGES: tuple[tuple[str, float], ...] = (
    ("en", 0.50),
    ("ru", 0.08),
    ("ar", 0.07),
    ("zh", 0.07),
    ("fr", 0.06),
    ("es", 0.06),
    ("de", 0.05),
    ("ja", 0.04),
    ("fa", 0.03),
    ("tr", 0.02),
    ("uk", 0.02),
)
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_SCRIPTS = {
    "ru": "абцдефгхийклмнопкрстувшхыз",
    "uk": "абцдєфгхіїклмнопкрстувшхиз",
    "ar": "ابتدعفغهيجكلمنوپقرستوويخيز",
    "fa": "ابچدعفگهیجکلمنوپقرستووشخیز",
    "fr": "àbçdéfghîjklmnôpqrstûvwxyz",
    "es": "ábcdéfghíjklmñópqrstúvwxyz",
    "de": "äbcdefghijklmnöpqrstüvwxyz",
    "tr": "abçdefğhıjklmnöpqrştüvwxyz",
}
assert all(len(v) == len(_LATIN) for v in _SCRIPTS.values())
_TABLES = {lang: str.maketrans(_LATIN + _LATIN.upper(), v + v.upper()) for lang, v in _SCRIPTS.items()}
_CJK = {"zh", "ja"}
_WORD_RE = re.compile(r"[A-Za-z]+")


def _ideographs(word: str) -> str:
    """A word as CJK characters: one per four letters, chosen by a hash (the same word, the same characters)."""
    h = zlib.crc32(word.lower().encode())
    return "".join(chr(0x4E00 + (h >> (5 * i)) % 3500) for i in range(1 + len(word) // 4))


def render(text: str, language: str) -> str:
    """English synthetic text written in `language`'s script (see LANGUAGES); English stays as it is."""
    if language in _CJK:
        text = _WORD_RE.sub(lambda m: _ideographs(m.group()), text)
        return text.replace(" ", "").replace(".", "。")
    table = _TABLES.get(language)
    return text.translate(table) if table else text


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    country: str  # the outlet's home country
    full_text: bool  # some outlets ship the whole article, most only a summary
    language: str = ""  # only in mixed stores: the language the outlet writes (declared, as feeds do)


@dataclass(frozen=True, slots=True)
class SynthEntry:
    """One generated item with the country tags we planted in it (ground truth for a placeholder tagger)."""

    guid: str
    title: str
    link: str
    published: datetime
    summary: str
    body: str
    categories: tuple[str, ...]
    countries: tuple[CountryTag, ...]
    regions: tuple[str, ...]


class Synth:
    """Generates the same entries for the same seed: `sources` outlets spread over the last 12 months."""

    def __init__(self, seed: int = 1, n_sources: int = 250, *, mixed: bool = False) -> None:
        self.seed = seed
        rnd = random.Random(seed)
        self.sources = [
            Source(
                f"{rnd.choice(ADJ)} {rnd.choice(NOUN)} {i:03d}",
                rnd.choice(COUNTRIES)[0],
                rnd.random() < 0.4,
            )
            for i in range(n_sources)
        ]
        if mixed:  # a separate generator, so the English-only stores stay exactly as they were
            pick = random.Random(seed * 104729)
            codes, weights = zip(*LANGUAGES, strict=True)
            self.sources = [
                Source(s.name, s.country, s.full_text, pick.choices(codes, weights)[0]) for s in self.sources
            ]
        self._cum_words = _cumulative([1.0 / (r + 2) for r in range(len(WORDS))])
        self._cum_countries = _cumulative([c[3] for c in COUNTRIES])

    # -- text ---------------------------------------------------------------------------------------
    def _words(self, rnd: random.Random, k: int) -> list[str]:
        return rnd.choices(WORDS, cum_weights=self._cum_words, k=k)

    def _sentence(self, rnd: random.Random, names: list[str]) -> str:
        words = self._words(rnd, rnd.randint(12, 26))
        if names and rnd.random() < 0.5:
            words.insert(rnd.randrange(len(words)), rnd.choice(names))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def entry(self, source_index: int, n: int) -> SynthEntry:
        """The n-th entry of a source; seeded by (seed, source, n) so any subset can be regenerated."""
        src = self.sources[source_index]
        rnd = random.Random(f"{self.seed}/{source_index}/{n}")
        picked = {COUNTRIES[i] for i in _pick(rnd, self._cum_countries, rnd.choice((0, 1, 1, 2, 2, 3)))}
        countries = sorted(picked, key=lambda c: -c[3])
        names = [c[1] for c in countries]
        title_words = self._words(rnd, rnd.randint(6, 11))
        if names:
            title_words.insert(rnd.randrange(len(title_words)), names[0])
        title = " ".join(title_words)
        title = title[0].upper() + title[1:]
        summary = " ".join(self._sentence(rnd, names) for _ in range(rnd.randint(1, 3)))
        body = ""
        if src.full_text:
            body = "\n\n".join(
                " ".join(self._sentence(rnd, names) for _ in range(rnd.randint(2, 5))) for _ in range(rnd.randint(3, 9))
            )
        published = END - timedelta(seconds=rnd.randrange(MONTHS * 30 * 86400))
        tags = tuple(
            CountryTag(c[0], mentions=1 + (title + summary + body).count(c[1]), in_lead=i == 0, primary=i == 0)
            for i, c in enumerate(countries)
        )
        regions = tuple(dict.fromkeys(c[2] for c in countries))
        guid = f"urn:synth:{self.seed}:{source_index}:{n}"
        if src.language:
            title, summary, body = (render(x, src.language) for x in (title, summary, body))
        return SynthEntry(
            guid=guid,
            title=title,
            link=f"https://news{source_index:03d}.example/{published:%Y/%m/%d}/{n}",
            published=published,
            summary=summary,
            body=body,
            categories=tuple(dict.fromkeys(c[2] for c in countries[:1])) or ("World",),
            countries=tags,
            regions=regions,
        )

    def entries(self, source_index: int, count: int, start: int = 0) -> list[SynthEntry]:
        return [self.entry(source_index, n) for n in range(start, start + count)]

    # -- articles and stores ------------------------------------------------------------------------
    def article(self, source_index: int, entry: SynthEntry, *, planted_tags: bool = True) -> Article:
        """The Article a feed reader would build from this entry (ids as newsreader makes them for a guid)."""
        src = self.sources[source_index]
        return Article(
            id=make_id(f"https://news{source_index:03d}.example/feed.xml", entry.guid),
            title=entry.title,
            source=src.name,
            published=entry.published,
            fetched_at=END,
            origin=f"https://news{source_index:03d}.example/feed.xml",
            url=entry.link,
            summary=entry.summary,
            body=entry.body or entry.summary,  # as a feed entry becomes: no content, the description is the body
            countries=entry.countries if planted_tags else (),
            regions=entry.regions if planted_tags else (),
            tags=entry.categories,
            source_country=src.country,
            language=src.language,
        )

    def plan(self, total: int) -> list[int]:
        """How many of `total` entries each source gets (uneven, like real outlets)."""
        rnd = random.Random(self.seed * 7919)
        weights = [rnd.uniform(0.2, 3.0) for _ in self.sources]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        return counts

    def article_batches(self, total: int, *, planted_tags: bool = True) -> Iterator[list[Article]]:
        """`total` articles, one list per source (the unit newsreader saves in one transaction)."""
        for index, count in enumerate(self.plan(total)):
            yield [self.article(index, e, planted_tags=planted_tags) for e in self.entries(index, count)]

    # -- feed files ---------------------------------------------------------------------------------
    def rss(self, source_index: int, entries: list[SynthEntry]) -> str:
        """An RSS 2.0 document with content:encoded bodies, as news sites publish them."""
        src = self.sources[source_index]
        items = []
        for e in entries:
            cats = "".join(f"<category>{escape(c)}</category>" for c in e.categories)
            content = ""
            if e.body:
                html = "".join(f"<p>{escape(p)}</p>" for p in e.body.split("\n\n"))
                content = f"<content:encoded><![CDATA[{html}]]></content:encoded>"
            items.append(
                f"<item><title>{escape(e.title)}</title><link>{escape(e.link)}</link>"
                f'<guid isPermaLink="false">{escape(e.guid)}</guid>'
                f"<pubDate>{format_datetime(e.published, usegmt=True)}</pubDate>"
                f"<description>{escape(e.summary)}</description>{cats}{content}</item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{escape(src.name)}</title><link>https://news{source_index:03d}.example/</link>"
            f"<description>News from {escape(src.name)}</description><language>en</language>"
            + "".join(items)
            + "</channel></rss>\n"
        )

    def write_feeds(self, folder: Path, n_feeds: int, per_feed: int) -> list[Path]:
        """`n_feeds` RSS files of `per_feed` entries each; returns their paths (sorted)."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(n_feeds):
            path = folder / f"feed{i:03d}.xml"
            path.write_text(self.rss(i % len(self.sources), self.entries(i % len(self.sources), per_feed)), "utf-8")
            paths.append(path)
        return paths


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _pick(rnd: random.Random, cum: list[float], k: int) -> list[int]:
    return rnd.choices(range(len(cum)), cum_weights=cum, k=k)


def build_store(
    path: Path, total: int, *, seed: int = 1, tagger: str = "auto", quiet: bool = False, mixed: bool = False
) -> dict[str, float | str]:
    """Build a store of `total` articles through Store.save, one source per transaction, tagging each article.

    tagger: "geo" runs newsreader.geo.tag; "planted" keeps the tags the generator planted; "auto" uses geo
    unless it is still the placeholder (it finds no country in a text naming several), then planted.
    mixed: outlets in several languages and scripts (see LANGUAGES).
    Returns timings: generate (text synthesis, not newsreader's work), ingest (tag + save; wall and CPU of
    this process), and the tagger used.
    """
    from newsreader import geo
    from newsreader.store import Store

    synth = Synth(seed, mixed=mixed)
    if tagger == "auto":
        probe = synth.article(0, synth.entry(0, 0), planted_tags=False)
        probe = probe.__class__(**{**_fields(probe), "title": "Iran and Israel talks in France"})
        tagger = "geo" if geo.tag(probe).countries else "planted"
    use_geo = tagger == "geo"
    gen = ingest = cpu = 0.0
    done = 0
    from newsreader.store.compact import compact_if_grown, pages

    store = Store.open(path)
    try:
        pages_before = pages(store)
        plan = synth.plan(total)
        for index, count in enumerate(plan):
            t0 = time.perf_counter()
            batch = [synth.article(index, e, planted_tags=not use_geo) for e in synth.entries(index, count)]
            t1, c1 = time.perf_counter(), time.process_time()
            if use_geo:
                batch = [geo.tag(a) for a in batch]
            store.save(batch)
            t2 = time.perf_counter()
            gen += t1 - t0
            ingest += t2 - t1
            cpu += time.process_time() - c1
            done += count
            if not quiet and index % 25 == 0:
                print(f"  {done:>8,} / {total:,} articles", file=sys.stderr, flush=True)
        # As a fetch ends (newsreader/feeds.py): compacted when the build at least doubled the file.
        t1, c1 = time.perf_counter(), time.process_time()
        compact_if_grown(store, pages_before)
        ingest += time.perf_counter() - t1
        cpu += time.process_time() - c1
    finally:
        store.close()
    return {"generate_s": gen, "ingest_s": ingest, "ingest_cpu_s": cpu, "tagger": tagger}


def _fields(article: Article) -> dict[str, object]:
    return {name: getattr(article, name) for name in article.__slots__}  # type: ignore[attr-defined]


def digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    feeds = sub.add_parser("feeds", help="write RSS feed files")
    feeds.add_argument("folder", type=Path)
    feeds.add_argument("--feeds", type=int, default=200)
    feeds.add_argument("--entries", type=int, default=100, help="entries per feed")
    feeds.add_argument("--seed", type=int, default=1)
    store = sub.add_parser("store", help="build a store of N articles")
    store.add_argument("db", type=Path)
    store.add_argument("--articles", type=int, default=100_000)
    store.add_argument("--seed", type=int, default=1)
    store.add_argument("--tagger", choices=("auto", "geo", "planted"), default="auto")
    store.add_argument("--mixed", action="store_true", help="outlets in several languages and scripts")
    args = parser.parse_args(argv)
    if args.what == "feeds":
        paths = Synth(args.seed).write_feeds(args.folder, args.feeds, args.entries)
        print(f"wrote {len(paths)} feeds of {args.entries} entries to {args.folder}")
    else:
        times = build_store(args.db, args.articles, seed=args.seed, tagger=args.tagger, mixed=args.mixed)
        size = args.db.stat().st_size / 1e6
        print(f"{args.db}: {args.articles:,} articles, ingest {times['ingest_s']:.1f} s, {size:.0f} MB ({times})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

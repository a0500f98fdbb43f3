"""Country and region tagging of articles, and resolving country/region names given by users.

Importing this package is cheap: the gazetteer (data/gazetteer.json, built by scripts/build_geo_data.py)
is parsed and its automaton built on first use, then cached for the process.

EU policy: the European Union is not a country. "EU", "Brussels" (as the EU's seat) and the EU
institutions are tagged as the region "European Union"; Belgium is tagged only from Belgium/Belgian/
Antwerp etc. Bare "Korea" means South Korea unless only North Korean signals are in the text;
bare "Congo" means DR Congo unless only Brazzaville signals are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from newsreader.geo.gazetteer import Gazetteer, load
from newsreader.models import Article, CountryTag, RegionFilter

# Resolving names users type needs no gazetteer: newsreader.names reads tables generated from it.
from newsreader.names import country_name, resolve_country, resolve_region

__all__ = [
    "country_name",
    "gazetteer_version",
    "list_regions",
    "load_tagger",
    "resolve_country",
    "resolve_region",
    "retag",
    "tag",
]


# Bump when a change to the tagger's rules (not its data) changes what it finds: stores retag on it.
RULES_VERSION = "10"


def gazetteer_version() -> str:
    """What the stored tags depend on: the rules version and a digest of the shipped gazetteer data.

    A store whose tags came from another version is retagged (core/tagging.py); reading the file
    costs a few ms, not a gazetteer load.
    """
    import hashlib

    from newsreader.geo.gazetteer import data_path

    return f"{RULES_VERSION}-{hashlib.sha1(data_path().read_bytes()).hexdigest()[:12]}"


def load_tagger() -> Gazetteer:
    """The process-wide gazetteer and automaton (built on the first call)."""
    return load()


def tag(article: Article) -> Article:
    """Return the article with countries and regions found in title, summary and body.

    Countries flagged `declared` (from a file header) are kept and always primary; any other
    country on the article is recomputed, so tag(tag(a)) == tag(a). Regions already on the
    article are kept (header regions cannot be told from found ones; retag() sorts that out).
    """
    return _tag_article()(load(), article)


@lru_cache(maxsize=1)
def _tag_article() -> Callable[[Gazetteer, Article], Article]:
    """The tagger, imported on first use (importing this package stays cheap) and then without the
    cost of an import statement on each of the thousands of articles a fetch tags."""
    from newsreader.geo.tagger import tag_article

    return tag_article


HeaderReader = Callable[[Article], tuple[CountryTag, ...] | None]


def retag(article: Article, read_header: HeaderReader | None = None) -> Article:
    """Tag a stored article again with the current gazetteer.

    Found countries are recomputed. Declared ones are those flagged `declared`. The store does not
    keep that flag yet, so for an article with no flagged country: a feed article has none; a local
    file's header is read again by `read_header` (the caller's, as local files are not this package's
    business; without one, no article has a header) if the file still holds the article's text; failing
    that (file gone, edited, or a relative origin from another folder), a stored primary country the
    current tagger would not make primary is kept as declared: a header fact is never lost, at the price of an
    older tagger's primary possibly surviving for such files.
    """
    from newsreader.geo.tagger import tag_article

    gaz = load()
    declared = tuple(c for c in article.countries if c.declared)
    if not declared:
        header = read_header(article) if read_header is not None else ()
        if header is None:
            fresh = set(tag_article(gaz, article.with_tags((), ())).primary_codes)
            header = tuple(replace(c, declared=True) for c in article.countries if c.primary and c.code not in fresh)
        declared = header
    derived = {r for c in article.countries for r in gaz.derived_regions.get(c.code, ())}
    text_regions = set(tag_article(gaz, article.with_tags(declared, ())).regions)
    own_regions = tuple(r for r in article.regions if r not in derived and r not in text_regions)
    return tag_article(gaz, article.with_tags(declared, own_regions))


def list_regions(custom: Mapping[str, Iterable[str]] | None = None) -> list[RegionFilter]:
    """Every known region: news regions, then UN M49 regions and sub-regions, then the user's."""
    out = [RegionFilter(r.name, r.filter_codes) for r in load().regions.values()]
    out += [RegionFilter(n, frozenset(c.strip().upper() for c in codes)) for n, codes in (custom or {}).items()]
    return out

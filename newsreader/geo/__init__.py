"""Country and region tagging of articles, and resolving country/region names given by users.

Importing this package is cheap: the gazetteer (data/gazetteer.json, built by scripts/build_geo_data.py)
is parsed and its automaton built on first use, then cached for the process.

EU policy: the European Union is not a country. "EU", "Brussels" (as the EU's seat) and the EU
institutions are tagged as the region "European Union"; Belgium is tagged only from Belgium/Belgian/
Antwerp etc. Bare "Korea" means South Korea unless only North Korean signals are in the text;
bare "Congo" means DR Congo unless only Brazzaville signals are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from newsreader.errors import UnknownNameError
from newsreader.geo.gazetteer import Gazetteer, load, normalise, strip_accents
from newsreader.models import Article, RegionFilter

__all__ = [
    "country_name",
    "list_regions",
    "load_tagger",
    "resolve_country",
    "resolve_region",
    "retag",
    "tag",
]


def load_tagger() -> Gazetteer:
    """The process-wide gazetteer and automaton (built on the first call)."""
    return load()


def tag(article: Article) -> Article:
    """Return the article with countries and regions found in title, summary and body.

    Countries flagged `declared` (from a file header) are kept and always primary; any other
    country on the article is recomputed, so tag(tag(a)) == tag(a). Regions already on the
    article are kept (header regions cannot be told from found ones; retag() sorts that out).
    """
    from newsreader.geo.tagger import tag_article

    return tag_article(load(), article)


def retag(article: Article) -> Article:
    """Tag a stored article again with the current gazetteer.

    Found countries are recomputed. Declared ones are those flagged `declared`. The store does not
    keep that flag yet, so for an article with no flagged country: a feed article has none; a local
    file's header is read again if the file still holds the article's text; failing that (file gone,
    edited, or a relative origin from another folder), a stored primary country the current tagger
    would not make primary is kept as declared: a header fact is never lost, at the price of an
    older tagger's primary possibly surviving for such files.
    """
    from newsreader.geo.tagger import tag_article

    gaz = load()
    declared = tuple(c for c in article.countries if c.declared)
    if not declared:
        from newsreader.local import header_countries

        header = header_countries(article)
        if header is None:
            fresh = set(tag_article(gaz, article.with_tags((), ())).primary_codes)
            header = tuple(replace(c, declared=True) for c in article.countries if c.primary and c.code not in fresh)
        declared = header
    derived = {r for c in article.countries for r in gaz.derived_regions.get(c.code, ())}
    text_regions = set(tag_article(gaz, article.with_tags(declared, ())).regions)
    own_regions = tuple(r for r in article.regions if r not in derived and r not in text_regions)
    return tag_article(gaz, article.with_tags(declared, own_regions))


def country_name(code: str) -> str:
    """Display name for an ISO code ("IR" -> "Iran"); the code itself if unknown."""
    return load().names.get(code.strip().upper(), code)


def _suggest(query: str, choices: Mapping[str, str]) -> str:
    """'; did you mean: A, B?' from the closest keys of `choices` (key -> display name), or ''.

    Ranked by similarity, ties broken by closeness in length, so "Iranx" suggests Iran, Iraq first.
    """
    import difflib  # only a misspelt name gets here; the filters of `show` and `search` should not pay for it

    wanted = query.casefold()
    matcher = difflib.SequenceMatcher(b=wanted)
    best: dict[str, tuple[float, int]] = {}
    for key, display in choices.items():
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
            continue
        rank = (matcher.ratio(), -abs(len(key) - len(wanted)))
        if rank[0] >= 0.6 and rank > best.get(display, (0.0, 0)):
            best[display] = rank
    names = sorted(best, key=lambda d: best[d], reverse=True)[:3]
    return f"; did you mean: {', '.join(names)}?" if names else ""


def resolve_country(name: str) -> str:
    """An ISO code for a code, name or demonym ("IR", "iran", "Iranian"), case-insensitive."""
    gaz = load()
    query = name.strip()
    for key in (query.casefold(), strip_accents(query).casefold(), query.casefold().removeprefix("the ")):
        code = gaz.resolve.get(key)
        if code:
            return code
    choices = {n.casefold(): n for n in gaz.names.values()}
    choices.update({k: gaz.names.get(c, c) for k, c in gaz.resolve.items() if len(k) > 3 and k not in choices})
    raise UnknownNameError(f"unknown country {name!r}{_suggest(query, choices)}")


def _region_key(name: str) -> str:
    return " ".join(normalise(name).split()).removeprefix("the ")


def resolve_region(name: str, custom: Mapping[str, Iterable[str]] | None = None) -> RegionFilter:
    """A region filter for a news region, UN M49 region/sub-region, alias, or a user-defined region.

    The name is the canonical one tag() stores, so the store can match on stored regions too.
    """
    gaz = load()
    key = _region_key(name)
    for custom_name, codes in (custom or {}).items():
        if _region_key(custom_name) == key:
            return RegionFilter(custom_name, frozenset(c.strip().upper() for c in codes))
    lookup = {_region_key(alias): canonical for alias, canonical in gaz.region_lookup.items()}
    canonical = lookup.get(key)
    if canonical is not None:
        return RegionFilter(canonical, gaz.regions[canonical].filter_codes)
    choices = {k: v for k, v in lookup.items()}
    choices.update({_region_key(c): c for c in custom or {}})
    raise UnknownNameError(f"unknown region {name!r}{_suggest(key, choices)}")


def list_regions(custom: Mapping[str, Iterable[str]] | None = None) -> list[RegionFilter]:
    """Every known region: news regions, then UN M49 regions and sub-regions, then the user's."""
    out = [RegionFilter(r.name, r.filter_codes) for r in load().regions.values()]
    out += [RegionFilter(n, frozenset(c.strip().upper() for c in codes)) for n, codes in (custom or {}).items()]
    return out

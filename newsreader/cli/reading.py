"""Reading commands: show and search (what they print is decided in listing.py)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newsreader.cli.app import (
    CountryOpt,
    FieldsOpt,
    JsonlOpt,
    JsonOpt,
    LimitOpt,
    OffsetOpt,
    PlainOpt,
    PrimaryOpt,
    RegionOpt,
    SinceOpt,
    SourceCountryOpt,
    SourceOpt,
    UntilOpt,
    WideOpt,
    _filters,
    _say_nothing_found,
    _state,
    app,
    handle_errors,
)
from newsreader.cli.help import examples
from newsreader.cli.stateopts import NewOpt, NewSinceOpt, StarredOpt, UnreadOpt, with_state

StoriesOpt = Annotated[
    bool, typer.Option("--stories", help="One row per story: its first article here, with +N for its other outlets.")
]
LangOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        "--language",
        help="Only articles in this language: an ISO 639-1 code such as de, ru, zh (repeatable).",
    ),
]


@app.command(
    epilog=examples(
        'newsreader show --region "Middle East" --since 7d',
        "newsreader show --source reuters --limit 50 --offset 50",
        "newsreader show ID",
    )
)
@handle_errors
def show(
    ctx: typer.Context,
    article_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="Show this article in full (its id or a unique prefix).")
    ] = None,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 20,
    lang: LangOpt = None,
    offset: OffsetOpt = 0,
    unread: UnreadOpt = False,
    starred: StarredOpt = False,
    new: NewOpt = False,
    new_since: NewSinceOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    plain: PlainOpt = False,
    wide: WideOpt = False,
    fields: FieldsOpt = None,
    stories: StoriesOpt = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="With ID: print the article even when it is taller than the screen.")
    ] = False,
) -> None:
    """List stored articles, newest first, or show one in full (which marks it read).

    On a terminal: a table fitted to its width. Piped (or with --plain): one tab-separated line per
    article (id, published, source, title), every value whole.
    Also: newsreader show --unread --new
    """
    from newsreader import core
    from newsreader.cli.listing import choose_output, write_article, write_articles

    state = _state(ctx)
    output = choose_output(as_json=as_json, as_jsonl=as_jsonl, plain=plain, wide=wide, fields=fields)
    if article_id is not None:
        if output.kind in ("json", "jsonl"):
            article = core.get_article(state.db_path, article_id)
        else:
            from newsreader.core.reading import read_article

            article = read_article(state.db_path, article_id)  # reading it in full marks it read
        names: dict[str, str] = {}
        if output.kind not in ("json", "jsonl"):
            from newsreader.core.names import article_country_names

            names = article_country_names(article)
        write_article(article, output, names, pager=output.kind == "table" and not no_pager)
        return
    filters = _listing_filters(
        state,
        source,
        region,
        country,
        primary,
        source_country,
        since,
        until,
        limit,
        lang,
        offset,
        unread=unread,
        starred=starred,
        new=new,
        new_since=new_since,
    )
    if stories:
        from newsreader.cli.stories import fold_articles, wider, write_folded

        folded, found = fold_articles(state.db_path, core.list_articles(state.db_path, wider(filters)), limit)
        write_folded(folded, found, output)
        return
    articles = core.list_articles(state.db_path, filters)
    if not articles and output.kind in ("plain", "table"):
        _say_nothing_found(state.db_path, "No articles match these filters.")
        return
    write_articles(articles, output, total=lambda: core.count_matching(state.db_path, filters), offset=offset)


SortOpt = Annotated[str, typer.Option("--sort", help="relevance (best match first) or newest (most recent first).")]


# Unknown options are query words, so `search nuclear -oil` excludes "oil" (a word that starts like a short
# option, `-c...`, `-r...`, `-n...`, needs the query quoted or `--` before it).
@app.command(
    context_settings={"ignore_unknown_options": True},
    epilog=examples(
        "newsreader search nuclear talks --country Iran",
        "newsreader search '\"nuclear talks\"' -oil --since 30d --jsonl",
        "newsreader search Путин --lang ru --sort newest",
    ),
)
@handle_errors
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help='Words to find, all of them; "a phrase", -excluded, a OR b, prefix*. With --raw, FTS5 syntax.'
        ),
    ],
    raw: Annotated[bool, typer.Option("--raw", help='Pass FTS5 syntax through: "a phrase", OR, NOT, prefix*.')] = False,
    source: SourceOpt = None,
    region: RegionOpt = None,
    country: CountryOpt = None,
    primary: PrimaryOpt = False,
    source_country: SourceCountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 20,
    lang: LangOpt = None,
    sort: SortOpt = "relevance",
    offset: OffsetOpt = 0,
    unread: UnreadOpt = False,
    starred: StarredOpt = False,
    new: NewOpt = False,
    new_since: NewSinceOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    plain: PlainOpt = False,
    wide: WideOpt = False,
    fields: FieldsOpt = None,
    stories: StoriesOpt = False,
) -> None:
    """Search stored articles in any language, best match first, with the matched words highlighted.

    Piped (or with --plain): one tab-separated line per hit, as `show` writes them.
    """
    from newsreader.cli.listing import choose_output, wants_footer, write_hits
    from newsreader.core.searching import no_hits_message, run

    state = _state(ctx)
    output = choose_output(as_json=as_json, as_jsonl=as_jsonl, plain=plain, wide=wide, fields=fields)
    filters = _listing_filters(
        state,
        source,
        region,
        country,
        primary,
        source_country,
        since,
        until,
        limit,
        lang,
        offset,
        unread=unread,
        starred=starred,
        new=new,
        new_since=new_since,
    )
    text = " ".join(query)
    snippets = output.kind == "table" or "snippet" in output.fields
    if stories:
        from dataclasses import replace

        from newsreader.cli.stories import fold_articles, wider, write_folded

        hits = run(state.db_path, text, wider(filters), raw=raw, sort=sort, snippets=snippets).hits
        folded, found = fold_articles(state.db_path, [h.article for h in hits], limit)
        by_id = {h.article.id: h for h in hits}
        write_folded(folded, found, output, [replace(by_id[a.id], article=a) for a in folded])
        return
    result = run(state.db_path, text, filters, raw=raw, sort=sort, count=wants_footer(output), snippets=snippets)
    if not result.hits and output.kind in ("plain", "table"):
        _say_nothing_found(state.db_path, no_hits_message(text, filters, result.unfiltered))
        return
    write_hits(result.hits, output, total=lambda: result.total, offset=offset, noun="matches")


def _listing_filters(
    state: Any,
    source: list[str] | None,
    region: list[str] | None,
    country: list[str] | None,
    primary: bool,
    source_country: list[str] | None,
    since: str | None,
    until: str | None,
    limit: int,
    lang: list[str] | None,
    offset: int,
    **read_state: Any,
) -> Any:
    """The filters `show` and `search` share, read state included: one mapping, so the two never drift."""
    filters = _filters(
        state,
        sources=source,
        regions=region,
        countries=country,
        primary=primary,
        source_countries=source_country,
        since=since,
        until=until,
        limit=limit,
        languages=lang or (),
        offset=offset,
    )
    return with_state(state.db_path, filters, **read_state)

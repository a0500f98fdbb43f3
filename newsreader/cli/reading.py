"""Reading commands: show and search."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from newsreader.cli.app import (
    CountryOpt,
    JsonOpt,
    LimitOpt,
    PrimaryOpt,
    RegionOpt,
    SinceOpt,
    SourceCountryOpt,
    SourceOpt,
    UntilOpt,
    _filters,
    _say_nothing_found,
    _state,
    app,
    handle_errors,
)

LangOpt = Annotated[
    list[str] | None,
    typer.Option("--lang", help="Only articles in this language: an ISO 639-1 code such as de, ru, zh (repeatable)."),
]


@app.command()
@handle_errors
def show(
    ctx: typer.Context,
    article_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Show this article in full (an id or its prefix).")
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
    as_json: JsonOpt = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="With ID: print the article even when it is taller than the screen.")
    ] = False,
) -> None:
    """List stored articles, newest first, or show one in full.

    Examples: newsreader show --region "Middle East" --since 7d;  newsreader show 3f2a9c1e
    """
    from newsreader import core
    from newsreader.render import article_json, to_json

    state = _state(ctx)
    if article_id is not None:
        article = core.get_article(state.db_path, article_id)
        if as_json:
            typer.echo(to_json(article_json(article, with_body=True)))
            return
        from newsreader import geo
        from newsreader.render import article_view, stdout_console

        names = {c: geo.country_name(c) for c in (*article.country_codes, article.source_country) if c}
        console = stdout_console()
        if console.is_terminal and not no_pager:
            # A pager only on a terminal: `less` keeps colours (-R), leaves short articles on screen
            # (-F quits at once when they fit, -X keeps them after it quits). $PAGER is honoured.
            os.environ.setdefault("LESS", "-FRX")
            with console.pager(styles=True):
                console.print(article_view(article, names))
        else:
            console.print(article_view(article, names))
        return
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
    )
    articles = core.list_articles(state.db_path, filters)
    if as_json:
        typer.echo(to_json([article_json(a) for a in articles]))
        return
    if not articles:
        _say_nothing_found(state.db_path, "No articles match these filters.")
        return
    from newsreader.render import article_table, stdout_console

    console = stdout_console()
    console.print(article_table(articles, console.width))


SortOpt = Annotated[str, typer.Option("--sort", help="relevance (best match first) or newest (most recent first).")]


# Unknown options are query words, so `search nuclear -oil` excludes "oil" (a word that starts like a short
# option, `-c...`, `-r...`, `-n...`, needs the query quoted or `--` before it).
@app.command(context_settings={"ignore_unknown_options": True})
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
    as_json: JsonOpt = False,
) -> None:
    """Search stored articles in any language, best match first, with the matched words highlighted.

    Examples: newsreader search nuclear talks --country Iran;  newsreader search '"nuclear talks"' -sanctions;
    newsreader search Путин --lang ru;  newsreader search --raw 'negotiat* NEAR(iran talks, 5)'
    """
    from newsreader.core.searching import no_hits_message, run
    from newsreader.render import article_json, stdout_console, to_json

    state = _state(ctx)
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
    )
    text = " ".join(query)
    footer = not as_json and sys.stderr.isatty()
    result = run(state.db_path, text, filters, raw=raw, sort=sort, count=footer, snippets=not as_json)
    if as_json:
        typer.echo(to_json([article_json(h.article) for h in result.hits]))
        return
    if not result.hits:
        _say_nothing_found(state.db_path, no_hits_message(text, filters, result.unfiltered))
        return
    from newsreader.render import search_results

    stdout_console().print(search_results(result.hits))
    if footer and result.total is not None:
        noun = "match" if result.total == 1 else "matches"
        typer.echo(f"{len(result.hits)} of {result.total} {noun}", err=True)

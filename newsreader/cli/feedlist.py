"""Managing the configured feeds without editing TOML by hand: feeds add, remove, disable, enable."""

from __future__ import annotations

from typing import Annotated

import typer

from newsreader.cli.app import _err, _state, handle_errors
from newsreader.cli.fetching import feeds_app
from newsreader.cli.help import examples

FeedArg = Annotated[str, typer.Argument(metavar="URL|NAME", help="The feed's URL (any spelling) or its name.")]


@feeds_app.command(
    "add",
    epilog=examples(
        'newsreader feeds add https://feeds.bbci.co.uk/news/world/rss.xml --name "BBC World" --country GB',
        'newsreader feeds add https://www.aljazeera.com/xml/rss/all.xml --tags "middle east,english"',
    ),
)
@handle_errors
def feeds_add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(metavar="URL", help="The feed's http(s) URL.")],
    name: Annotated[str, typer.Option("--name", help="The outlet's name, as listings show it.")] = "",
    country: Annotated[str, typer.Option("--country", help="The outlet's home country (two-letter code).")] = "",
    tags: Annotated[str, typer.Option("--tags", help="Comma-separated tags kept with the feed.")] = "",
) -> None:
    """Add a feed to your config file (comments and layout kept); a URL already there is refused."""
    from newsreader.core.feeds import add_feed

    tag_list = [t.strip() for t in tags.split(",") if t.strip()]
    path = add_feed(
        _state(ctx).config_path, url.strip(), name=name.strip(), country=country.strip().upper(), tags=tag_list
    )
    _err(f"added {name.strip() or url.strip()} to {path}; fetch it with `newsreader fetch`")


@feeds_app.command(
    "remove",
    epilog=examples(
        'newsreader feeds remove "BBC World"',
        "newsreader feeds remove https://example.com/rss --purge",
    ),
)
@handle_errors
def feeds_remove(
    ctx: typer.Context,
    feed: FeedArg,
    purge: Annotated[
        bool, typer.Option("--purge", help="Also delete its stored articles (starred ones are kept).")
    ] = False,
) -> None:
    """Take a feed out of your config file; its stored articles stay unless --purge."""
    from newsreader.core.feeds import remove_feed

    state = _state(ctx)
    removed = remove_feed(state.config_path, feed)
    message = f"removed {removed.name or removed.url}"
    if purge:
        from newsreader.core.purge import purge_origin

        message += f" and its {purge_origin(state.db_path, removed.url)} stored articles"
    _err(message)


def _toggle(ctx: typer.Context, feed: str, enabled: bool) -> None:
    from newsreader.core.feeds import set_enabled

    changed = set_enabled(_state(ctx).config_path, feed, enabled)
    _err(f"{'enabled' if enabled else 'disabled'} {changed.name or changed.url}")


@feeds_app.command(
    "disable",
    epilog=examples(
        'newsreader feeds disable "BBC World"',
        "newsreader feeds disable https://feeds.bbci.co.uk/news/world/rss.xml",
    ),
)
@handle_errors
def feeds_disable(ctx: typer.Context, feed: FeedArg) -> None:
    """Keep a feed in your config but skip it when fetching (`enabled = false`)."""
    _toggle(ctx, feed, False)


@feeds_app.command(
    "enable",
    epilog=examples(
        'newsreader feeds enable "BBC World"',
        "newsreader feeds enable https://feeds.bbci.co.uk/news/world/rss.xml",
    ),
)
@handle_errors
def feeds_enable(ctx: typer.Context, feed: FeedArg) -> None:
    """Fetch a disabled feed again."""
    _toggle(ctx, feed, True)

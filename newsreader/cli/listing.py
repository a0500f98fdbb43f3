"""How `show` and `search` write what they found: a table on a terminal, plain lines into a pipe, JSON.

One decision for both commands: `--json`/`--jsonl` write JSON; otherwise a terminal gets the Rich table
(and a count footer on stderr) unless `--plain`, `--wide` or `--fields` ask for plain lines; anything that
is not a terminal gets plain lines. Rich is imported only for the table and the article view on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsreader.errors import UsageError
from newsreader.models import Article, SearchHit


@dataclass(frozen=True, slots=True)
class Output:
    """The chosen output: `kind` is json, jsonl, plain or table; `fields` for plain lines."""

    kind: str
    fields: tuple[str, ...] = ()


def choose_output(
    *, as_json: bool = False, as_jsonl: bool = False, plain: bool = False, wide: bool = False, fields: str | None = None
) -> Output:
    """Decide the output from the flags and whether stdout is a terminal; UsageError on a contradiction."""
    from newsreader.formats import DEFAULT_FIELDS, WIDE_FIELDS, parse_fields

    if as_json and as_jsonl:
        raise UsageError("--json and --jsonl cannot be used together; pick one")
    if as_json or as_jsonl:
        return Output("json" if as_json else "jsonl")
    try:
        chosen = parse_fields(fields) if fields is not None else (WIDE_FIELDS if wide else DEFAULT_FIELDS)
    except ValueError as exc:
        raise UsageError(f"--fields: {exc}") from None
    explicit = plain or wide or fields is not None
    return Output("plain" if explicit or not stdout_is_terminal() else "table", chosen)


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal, by Rich's rules (so the table and its colours agree): TTY_COMPATIBLE=1/0
    and FORCE_COLOR (https://force-color.org) override what isatty() says, e.g. `FORCE_COLOR=1 ... | less -R`."""
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdout
        return False


def write_articles(
    articles: Sequence[Article], output: Output, *, total: Callable[[], int | None] | None = None, offset: int = 0
) -> None:
    """A listing in the chosen output; on a terminal, `total()` (the count without limit) feeds the footer."""
    if output.kind == "table":
        from newsreader.render import article_table, stdout_console

        console = stdout_console()
        console.print(article_table(articles, console.width))
    else:
        _write_data([(a, None) for a in articles], output)
    if wants_footer(output):
        _footer(len(articles), total, offset)


def write_hits(
    hits: Sequence[SearchHit],
    output: Output,
    *,
    total: Callable[[], int | None] | None = None,
    offset: int = 0,
    noun: str = "articles",
) -> None:
    """Search results in the chosen output (JSON objects carry the article; plain lines as for `show`)."""
    if output.kind == "table":
        from newsreader.render import search_results, stdout_console

        stdout_console().print(search_results(hits))
    else:
        _write_data([(h.article, h) for h in hits], output)
    if wants_footer(output):
        _footer(len(hits), total, offset, noun)


def wants_footer(output: Output) -> bool:
    """The count goes under a terminal listing, and to a terminal's stderr when the lines go to a pipe."""
    if output.kind == "table":
        return True
    try:
        return output.kind == "plain" and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _write_data(rows: Sequence[tuple[Article, SearchHit | None]], output: Output) -> None:
    from newsreader.formats import article_json, plain_line, to_json, to_jsonl

    out = sys.stdout
    if output.kind == "json":
        out.write(to_json([article_json(a) for a, _ in rows]) + "\n")
    elif output.kind == "jsonl":
        for article, _ in rows:  # flushed line by line: a reader downstream can start at once
            out.write(to_jsonl(article_json(article)) + "\n")
            out.flush()
    else:
        out.write("".join(plain_line(a, output.fields, h.snippet if h else "") + "\n" for a, h in rows))
    out.flush()


def _footer(shown: int, total: Callable[[], int | None] | None, offset: int, noun: str = "articles") -> None:
    """`20 of 4,471 articles` on stderr, under a terminal listing (never part of the data)."""
    counted = total() if total is not None and shown else None
    if counted is None:
        return
    from newsreader.formats import count_line

    if counted == 1:
        noun = {"articles": "article", "matches": "match"}.get(noun, noun)
    sys.stderr.write(count_line(shown, counted, offset, noun) + "\n")
    sys.stderr.flush()


def write_article(article: Article, output: Output, country_names: dict[str, str], *, pager: bool) -> None:
    """One article in full: JSON, plain text into a pipe, or the Rich view (paged when taller than the screen)."""
    from newsreader.formats import article_json, plain_article, to_json, to_jsonl

    if output.kind in ("json", "jsonl"):
        data = article_json(article, with_body=True)
        sys.stdout.write((to_json(data) if output.kind == "json" else to_jsonl(data)) + "\n")
        return
    if output.kind == "plain":
        sys.stdout.write(plain_article(article, country_names))
        return
    from newsreader.render import print_article, stdout_console

    console = stdout_console()
    if not pager:
        print_article(console, article, country_names)
        return
    with console.capture() as captured:
        print_article(console, article, country_names)
    page(captured.get(), console.height)


def page(text: str, height: int) -> None:
    """Show `text` in the user's pager ($PAGER, else `less`); print it instead when that cannot start.

    `less -FRX` keeps colours (-R), quits at once when the text fits the screen (-F) and leaves it on
    screen after quitting (-X). A pager that is missing or fails to start (exit 126/127 from the shell)
    gets a one-line warning and the text is printed, never lost.
    """
    import subprocess

    command = os.environ.get("PAGER") or "less"
    if text.count("\n") < height - 1:  # fits: no pager needed
        sys.stdout.write(text)
        return
    env = {**os.environ, "LESS": os.environ.get("LESS", "-FRX")}
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except OSError as exc:
        _pager_failed(command, str(exc.strerror or exc), text)
        return
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode("utf-8", "replace"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the pager quit (or never started): its exit status says which
    code = pager.wait()
    if code in (126, 127):
        assert pager.stderr is not None
        reason = " ".join(pager.stderr.read().decode("utf-8", "replace").split()) or f"exit status {code}"
        _pager_failed(command, reason, text)


def _pager_failed(command: str, reason: str, text: str) -> None:
    from newsreader.cli.app import _warn

    _warn(f"cannot start the pager {command!r} ({reason}); printing instead")
    sys.stdout.write(text)
    sys.stdout.flush()

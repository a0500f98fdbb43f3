"""The article reader: title, facts, link and body (wrapped at most 100 columns), scrollable."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.core.browse import country_names
from newsreader.models import Article
from newsreader.render import article_view

READER_WIDTH = 100  # the body is never wider than this, however wide the terminal


class Reader(VerticalScroll, can_focus=True):
    """Shows one article as `show ID` does (the same sanitised view), scrolled with j/k and space."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]
    DEFAULT_CSS = f"""
    Reader {{ padding: 0 1; background: $surface; }}
    Reader > Static {{ max-width: {READER_WIDTH}; }}
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._body = Static(Text(""), expand=False)

    def compose(self):  # type: ignore[no-untyped-def]
        yield self._body

    def show(self, article: Article) -> None:
        self.article = article
        self._body.update(reader_renderable(article))
        self.scroll_home(animate=False)

    def clear(self) -> None:
        self.article = None
        self._body.update(Text(""))


def reader_renderable(article: Article) -> RenderableType:
    return article_view(article, dict(country_names(article)))

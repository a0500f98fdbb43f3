"""The article list: a virtual list that draws only the rows on screen, read from the store a page at a time.

The widget knows the listing's length (for the scroll bar) and keeps a few pages of rows in a small
cache; scrolling to row 80,000 reads that page alone. Nothing here holds the whole listing.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.core.browse import Pager, View
from newsreader.models import Article
from newsreader.render import TABLE_REGIONS, UNDATED_MARK, local_time
from newsreader.sanitize import clean_line

PAGE_ROWS = 100  # rows read per query
MAX_PAGES = 5  # pages kept; the rows held stay under PAGE_ROWS * MAX_PAGES
WIDE = 100  # from this width on, the list shows regions
COMPACT = 70  # below this width (a list beside the reader, a small terminal) it shows date and title only


class ArticleList(ScrollView, can_focus=True):
    """Rows: date, source, regions (when wide), title; unread rows bold, starred ones marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Open"),
    ]
    DEFAULT_CSS = """
    ArticleList { background: $surface; overflow-x: hidden; }
    """

    class Opened(Message):
        """The user opened the article under the cursor (Enter or a click)."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    class Moved(Message):
        """The cursor moved (the status line shows the position)."""

    def __init__(self, pager: Pager, *, id: str | None = None, page_rows: int = PAGE_ROWS) -> None:
        super().__init__(id=id)
        self.pager = pager
        self.view: View | None = None
        self.total = 0
        self.cursor = 0
        self.page_rows = page_rows
        self._pages: OrderedDict[int, list[Article]] = OrderedDict()
        self._base: Style | None = None  # the widget's style and width during one paint (render_lines)
        self._width = 0

    # -- data ----------------------------------------------------------------------------------------
    def show_view(self, view: View, *, keep_cursor: bool = False) -> None:
        """List this view from its first row (or keep the cursor's row, after a refresh)."""
        self.view = view
        self._pages.clear()
        self.total = self.pager.count(view)
        self.virtual_size = Size(self.size.width, self.total)
        self.cursor = min(self.cursor, max(self.total - 1, 0)) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(y=0, animate=False)
        self.refresh()
        self.post_message(self.Moved())

    def reload(self) -> None:
        """Read the view again (after a fetch or a mark-all); the cursor stays on its row."""
        if self.view is not None:
            self.show_view(self.view, keep_cursor=True)

    @property
    def held_rows(self) -> int:
        """How many rows are in memory (bounded by the page cache, whatever the listing's length)."""
        return sum(len(p) for p in self._pages.values())

    def article_at(self, row: int) -> Article | None:
        if self.view is None or not 0 <= row < self.total:
            return None
        number = row // self.page_rows
        rows = self._pages.get(number)
        if rows is None:
            rows = self.pager.page(self.view, number * self.page_rows, self.page_rows)
            self._pages[number] = rows
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        index = row - number * self.page_rows
        return rows[index] if index < len(rows) else None

    @property
    def current(self) -> Article | None:
        return self.article_at(self.cursor)

    def update_article(self, article: Article) -> None:
        """Show an article's new read or star state without reading the page again."""
        for rows in self._pages.values():
            for i, old in enumerate(rows):
                if old.id == article.id:
                    rows[i] = replace(old, **_state_of(article))  # type: ignore[arg-type]
        self.refresh()

    # -- cursor --------------------------------------------------------------------------------------
    def move_to(self, row: int) -> None:
        if self.total == 0:
            return
        self.cursor = max(0, min(row, self.total - 1))
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Moved())

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        step = max(self.size.height - 1, 1)
        self.move_to(self.cursor + direction * step)
        self.scroll_to(y=max(0, min(self.cursor, self.total - self.size.height)), animate=False, immediate=True)

    def action_jump(self, row: int) -> None:
        self.move_to(row if row >= 0 else self.total - 1)

    def action_open(self) -> None:
        article = self.current
        if article is not None:
            self.post_message(self.Opened(article))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        if 0 <= row < self.total:
            self.move_to(row)
            if event.chain >= 2:
                self.action_open()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)

    # -- drawing -------------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style is the same for every line of one paint: look it up once, not per line.
        self._base = self.rich_style
        self._width = self.scrollable_content_region.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        base = self._base or self.rich_style
        width = self._width or self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        if row >= self.total:
            if self.total == 0 and y == 0:
                return Strip([Segment("  No articles in this view.", base + Style(dim=True))]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        article = self.article_at(row)
        if article is None:
            return Strip.blank(width, base)
        cursor = (Style(reverse=True) if self.has_focus else Style(underline=True)) if row == self.cursor else None
        return Strip(row_segments(article, width, base, cursor), width)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _state_of(article: Article) -> dict[str, bool]:
    return {k: getattr(article, k) for k in ("read", "starred") if hasattr(article, k)}


_MARK, _DATE, _SOURCE, _REGIONS = Style(color="cyan"), Style(dim=True), Style(color="green"), Style(color="magenta")
_STAR, _BOLD = Style(color="yellow"), Style(bold=True)


def row_segments(article: Article, width: int, base: Style, cursor: Style | None = None) -> list[Segment]:
    """One row of the list, exactly `width` cells: every field from the feed as plain, sanitised text.

    Built from segments directly (no Rich Text layout): a page move draws some 50 of these.
    """
    unread = not getattr(article, "read", False)
    starred = getattr(article, "starred", False)
    mark = "★ " if starred else ("● " if unread else "  ")
    when = _listing_time(article.published, article.dated)
    cells: list[tuple[str, Style]] = [(mark, _STAR if starred else _MARK)]
    if width < COMPACT:
        cells.append((f"{when[:-16]}{when[-11:]}  ", _DATE))  # without the year: [~]MM-DD HH:MM
    else:
        cells.append((f"{when}  ", _DATE))
        cells.append((_fit(clean_line(article.source), 18) + "  ", _SOURCE))
        if width >= WIDE:
            cells.append((_fit(clean_line(", ".join(article.regions[:TABLE_REGIONS])), 22) + "  ", _REGIONS))
    used = sum(cell_len(text) for text, _ in cells)
    cells.append((_fit(clean_line(article.title), max(width - used, 0)), _BOLD if unread else Style()))
    segments = []
    for text, style in cells:
        style = base + style
        segments.append(Segment(text, style + cursor if cursor else style))
    if used > width:  # a very narrow pane: even the fixed columns do not fit
        return list(Strip(segments).crop_extend(0, width, base + cursor if cursor else base))
    return segments


@lru_cache(maxsize=4 * PAGE_ROWS)
def _listing_time(published: datetime, dated: bool) -> str:
    """render.listing_time, remembered: a repaint draws the same rows again, and a local time costs a
    time-zone conversion each ("~" before it when it is only when the article was first seen)."""
    return ("" if dated else UNDATED_MARK) + local_time(published)


def _fit(text: str, size: int) -> str:
    """`text` in exactly `size` cells: cut with an ellipsis, or padded (wide CJK characters count two)."""
    if cell_len(text) <= size:
        return set_cell_size(text, size)
    return set_cell_size(text, max(size - 1, 0)) + "…" if size else ""


def row_text(article: Article, width: int) -> str:
    """The row as plain text (for tests and screenshots)."""
    return "".join(s.text for s in row_segments(article, width, Style()))

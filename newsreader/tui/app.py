"""The browser app: views on the left, the article list, the reader; newsboat's keys; fetching in the background."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import Static, Tree

from newsreader.core import browse
from newsreader.core.browse import Pager, View
from newsreader.errors import NewsreaderError
from newsreader.models import Article, FetchReport, Filters
from newsreader.render import safe_link
from newsreader.sanitize import clean_line
from newsreader.tui.article_list import PAGE_ROWS, ArticleList
from newsreader.tui.keybar import KeyBar
from newsreader.tui.reader import Reader
from newsreader.tui.text import plain
from newsreader.tui.views import ViewTree

if TYPE_CHECKING:
    from newsreader.config import Config

NARROW = 100  # below this width the panes stack and an open article takes the whole screen
PROMPTS = {
    "region": "Region (empty: any region)",
    "country": "Country (empty: any country)",
    "source": "Source (empty: any source)",
}
FIELDS = {"region": "regions", "country": "countries", "source": "sources"}


@dataclass(slots=True)
class FetchState:
    """What the status line says about a background fetch."""

    running: bool = False
    done: int = 0
    total: int = 0
    last: str = ""
    reports: list[FetchReport] = field(default_factory=list)


class _Progress:
    """The core's fetch progress callback, relaying to the screen's thread."""

    def __init__(self, app: BrowseApp) -> None:
        self._app = app

    def add_total(self, count: int) -> None:
        self._app.call_from_thread(self._app.fetch_progress, 0, count, "")

    def __call__(self, label: str) -> None:
        self._app.call_from_thread(self._app.fetch_progress, 1, 0, label)


class BrowseApp(App[None]):
    """`newsreader browse`: every string from a feed reaches the screen as plain, sanitised Text."""

    TITLE = "newsreader"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #panes { height: 1fr; }
    #views { width: 32; border-right: solid $panel; }
    #list { width: 1fr; }
    #reader { display: none; width: 2fr; border-left: solid $panel; }
    #panes.-reading #reader { display: block; }
    #panes.-narrow { layout: vertical; }
    #panes.-narrow #views { width: 1fr; height: 8; border-right: none; border-bottom: solid $panel; }
    #panes.-narrow #list { height: 1fr; }
    #panes.-narrow.-reading #views, #panes.-narrow.-reading #list { display: none; }
    #panes.-narrow #reader { width: 1fr; height: 1fr; border-left: none; }
    #status { height: 1; background: $panel; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "go_back", "Back"),
        Binding("question_mark", "help", "Help"),
        Binding("n", "next_unread(1)", "Next unread"),
        Binding("p", "next_unread(-1)", "Prev unread", show=False),
        Binding("N", "toggle_read", "Read"),
        Binding("A", "mark_all", "All read"),
        Binding("s", "star", "Star"),
        Binding("o", "browser", "Browser"),
        Binding("slash", "search", "Search"),
        Binding("r", "filter('region')", "Region", show=False),
        Binding("c", "filter('country')", "Country", show=False),
        Binding("f", "filter('source')", "Source", show=False),
        Binding("u", "unread_only", "Unread"),
        Binding("R", "fetch", "Fetch"),
    ]

    def __init__(
        self, db_path: Path, config: Config, base: Filters | None = None, *, page_rows: int = PAGE_ROWS
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.config = config
        self.base = base or Filters()
        self.pager = Pager(db_path)
        self.view: View = browse.top_views(self.base)[0]
        self.narrowing: dict[str, Any] = {}
        self.views: list[View] = browse.top_views(self.base)
        self.searches: list[View] = []
        self.fetching = FetchState()
        self.views_loaded = False  # set once the tree has its countries, sources and counts
        self._page_rows = page_rows

    # -- layout ----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The layout class is set before the first paint: set on mount, it would restyle every pane again.
        with Horizontal(id="panes", classes="-narrow" if self.size.width < NARROW else ""):
            yield ViewTree(id="views")
            yield ArticleList(self.pager, id="list", page_rows=self._page_rows)
            yield Reader(id="reader")
        yield Static(Text(""), id="status")
        yield KeyBar(id="keys")

    @property
    def view_tree(self) -> ViewTree:
        return self.query_one(ViewTree)

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def reading(self) -> bool:
        return self.query_one("#panes").has_class("-reading")

    @property
    def current_view(self) -> View:
        """The selected view with the filters of r, c, f and u applied."""
        return browse.narrowed(self.view, **self.narrowing)

    def on_mount(self) -> None:
        self.view_tree.set_views(self.views)
        self.articles.show_view(self.current_view)
        self.articles.focus()
        # After the first paint: reading the gazetteer and counting views would hold the GIL before it.
        self.call_after_refresh(self.refresh_views)

    def on_unmount(self) -> None:
        self.pager.close()

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.query_one("#panes").set_class(width < NARROW, "-narrow")

    def _set_reading(self, reading: bool) -> None:
        self.query_one("#panes").set_class(reading, "-reading")

    # -- the tree of views (filled off the screen's thread) --------------------------------------------
    def refresh_views(self) -> None:
        """Read the tree's views and counts again, in the background."""
        self.views_loaded = False
        self.load_views()

    @work(thread=True, exclusive=True, group="views")
    def load_views(self) -> None:
        try:
            views = browse.list_views(self.db_path, self.config, self.base)
            self.call_from_thread(self._views_listed, views)
            counts = browse.view_counts(self.db_path, [*views, *self.searches])
        except NewsreaderError as exc:
            self.call_from_thread(self._views_failed, str(exc))
            return
        self.call_from_thread(self._views_counted, counts)

    def _views_failed(self, message: str) -> None:
        self.views_loaded = True  # as loaded as it will get
        self.say(message, "error")

    def _views_listed(self, views: list[View]) -> None:
        self.views = views
        self.view_tree.set_views([*views, *self.searches])

    def _views_counted(self, counts: dict[str, int]) -> None:
        self.view_tree.set_counts(counts)
        self.views_loaded = True

    def on_tree_node_selected(self, event: Tree.NodeSelected[View]) -> None:
        if event.node.data is not None:
            self.select_view(event.node.data)
            self.articles.focus()

    def select_view(self, view: View) -> None:
        self.view = view
        self._close_reader()
        self.articles.show_view(self.current_view)

    # -- the list and the reader -----------------------------------------------------------------------
    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article)

    def on_article_list_moved(self, message: ArticleList.Moved) -> None:
        if self.is_running and not self._exit:
            self.update_status()

    def open_article(self, article: Article) -> None:
        try:
            full = browse.read_article(self.db_path, self.pager, article.id)
        except NewsreaderError as exc:
            self.say(str(exc), "error")
            return
        self.reader.show(full)
        self.articles.update_article(full)
        self._set_reading(True)
        self.reader.focus()

    def _close_reader(self) -> None:
        self._set_reading(False)
        self.reader.clear()

    def _target(self) -> Article | None:
        """The article a key acts on: the open one, else the one under the cursor."""
        return self.reader.article if self.reading and self.reader.article else self.articles.current

    # -- actions -----------------------------------------------------------------------------------------
    def action_go_back(self) -> None:
        if self.reading:
            self._close_reader()
            self.articles.focus()
        elif self.focused is self.articles:
            self.view_tree.focus()
        else:
            self.exit()

    def action_help(self) -> None:
        from newsreader.tui.dialogs import HelpScreen  # with Input and its suggester: not needed to start

        self.push_screen(HelpScreen())

    def action_next_unread(self, direction: int) -> None:
        found = self.pager.next_unread(self.current_view, self._target(), forward=direction > 0)
        if found is None:
            self.say("No more unread articles in this view." if direction > 0 else "No earlier unread article.")
            return
        row, target = found
        shown = self.articles.article_at(row)
        if shown is None or shown.id != target.id:
            # The view changed since its rows were read (articles read in an unread-only view): read it again.
            self.articles.reload()
        self.articles.move_to(row)
        if self.reading:
            self.open_article(target)

    def action_toggle_read(self) -> None:
        article = self._target()
        if article is None:
            return
        try:
            updated = browse.toggle_read(self.db_path, article)
        except NewsreaderError as exc:
            self.say(str(exc), "error")
            return
        self._updated(updated)

    def action_star(self) -> None:
        article = self._target()
        if article is None:
            return
        try:
            updated = browse.toggle_star(self.db_path, article)
        except NewsreaderError as exc:
            self.say(str(exc), "error")
            return
        self._updated(updated)

    def _updated(self, article: Article) -> None:
        self.articles.update_article(article)
        if self.reader.article is not None and self.reader.article.id == article.id:
            self.reader.article = article
        self.refresh_views()

    def action_mark_all(self) -> None:
        try:
            changed = browse.mark_all_read(self.db_path, self.current_view)
        except NewsreaderError as exc:
            self.say(str(exc), "error")
            return
        self.say(f"Marked {changed} article{'s' if changed != 1 else ''} read.")
        self.articles.reload()
        self.refresh_views()

    def action_browser(self) -> None:
        article = self._target()
        if article is None:
            return
        link = safe_link(article.url)
        if not link:
            self.say("This article has no link.")
            return
        self._open_link(link)
        try:
            self._updated(browse.mark_read(self.db_path, article))
        except NewsreaderError as exc:
            self.say(str(exc), "error")

    @work(thread=True, group="browser")
    def _open_link(self, link: str) -> None:
        import webbrowser  # only when a link is opened: not a cost of start-up

        try:
            opened = webbrowser.open(link)
        except webbrowser.Error:
            opened = False
        if not opened:
            self.call_from_thread(self.say, f"No browser to open; the link: {link}")

    def action_search(self) -> None:
        from newsreader.tui.dialogs import PromptScreen

        self.push_screen(PromptScreen("Search (words; the hits become a view)"), self._searched)

    def _searched(self, query: str | None) -> None:
        if not query or not query.strip():
            return
        try:
            view = browse.search_view(self.base, query.strip())
        except NewsreaderError as exc:
            self.say(str(exc), "error")
            return
        if view.key not in {s.key for s in self.searches}:
            self.searches.append(view)
        self.view_tree.add_view(view)
        self.select_view(view)
        self.articles.focus()
        self.refresh_views()

    def action_filter(self, kind: str) -> None:
        from newsreader.tui.dialogs import PromptScreen

        choices = self._choices(kind)
        current = self.narrowing.get(FIELDS[kind], ())
        value = ""
        if current:
            first = current[0]
            value = getattr(first, "name", str(first))
        self.push_screen(PromptScreen(PROMPTS[kind], value=value, choices=choices), lambda v: self._filtered(kind, v))

    def _choices(self, kind: str) -> list[str]:
        group = {"region": browse.REGIONS, "country": browse.COUNTRIES, "source": browse.SOURCES}[kind]
        views = [v for v in self.views if v.group == group]
        if kind == "country":
            return [v.label.rsplit(" (", 1)[0] for v in views]
        return [clean_line(v.label) for v in views]

    def _filtered(self, kind: str, value: str | None) -> None:
        if value is None:
            return
        try:
            fields = browse.resolve_choice(kind, value, self.config)
        except NewsreaderError as exc:
            self.say(str(exc), "error")
            return
        for name, chosen in fields.items():
            if chosen:
                self.narrowing[name] = chosen
            else:
                self.narrowing.pop(name, None)
        self._close_reader()
        self.articles.show_view(self.current_view)
        self.articles.focus()

    def action_unread_only(self) -> None:
        if not browse.supports_read_state():
            self.say("This store has no read state yet.")
            return
        if self.narrowing.pop("unread", False) is False:
            self.narrowing["unread"] = True
        self._close_reader()
        self.articles.show_view(self.current_view)
        self.articles.focus()

    # -- fetching in the background --------------------------------------------------------------------
    def action_fetch(self) -> None:
        if self.fetching.running:
            self.say("A fetch is already running.")
            return
        self.fetching = FetchState(running=True)
        self.update_status()
        self.run_fetch()

    @work(thread=True, exclusive=True, group="fetch")
    def run_fetch(self) -> None:
        from newsreader import core

        try:
            report = core.fetch(self.db_path, self.config, [], progress=_Progress(self))
        except NewsreaderError as exc:
            self.call_from_thread(self._fetch_finished, None, str(exc))
            return
        except Exception as exc:  # a worker's crash would take the whole screen down: report it instead
            self.call_from_thread(self._fetch_finished, None, f"fetch failed: {exc}")
            return
        self.call_from_thread(self._fetch_finished, report, "")

    def fetch_progress(self, done: int, total: int, label: str) -> None:
        self.fetching.done += done
        self.fetching.total += total
        if label:
            self.fetching.last = clean_line(label)
        self.update_status()

    def _fetch_finished(self, report: FetchReport | None, error: str) -> None:
        self.fetching.running = False
        if report is None:
            self.say(error, "error")
        else:
            self.fetching.reports.append(report)
            new = sum(s.new for s in report.sources)
            updated = sum(s.updated for s in report.sources)
            failed = len(report.failed)
            self.say(f"Fetched: {new} new, {updated} updated, {failed} failed.", "warning" if failed else "information")
            self.articles.reload()
            self.refresh_views()
        self.update_status()

    # -- status ------------------------------------------------------------------------------------------
    def update_status(self) -> None:
        view = self.current_view
        line = Text()
        line.append_text(plain(view.label, "bold"))
        for name in ("regions", "countries", "sources"):
            for value in self.narrowing.get(name, ()):
                line.append(
                    "  " + {"regions": "region ", "countries": "country ", "sources": "source "}[name], style="dim"
                )
                line.append_text(plain(getattr(value, "name", str(value))))
        if self.narrowing.get("unread"):
            line.append("  unread only", style="dim")
        listing = self.articles
        position = f"{listing.cursor + 1}/{listing.total}" if listing.total else "0/0"
        line.append(f"  {position}", style="cyan")
        if self.fetching.running:
            total = f"/{self.fetching.total}" if self.fetching.total else ""
            line.append(f"  fetching {self.fetching.done}{total} ", style="yellow")
            line.append_text(plain(self.fetching.last[:40], "dim"))
        self.query_one("#status", Static).update(line)

    def say(self, message: str, severity: str = "information") -> None:
        """A notification; never markup (messages quote feed names, paths and typed text)."""
        self.notify(clean_line(message), severity=severity, markup=False)  # type: ignore[arg-type]

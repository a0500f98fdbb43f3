"""Small screens over the browser: the key help (`?`) and one-line prompts (search, filters)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

# (keys, what they do): the help screen and the README list the same keys.
KEYS: tuple[tuple[str, str], ...] = (
    ("j / k, ↓ / ↑", "move down / up (in the reader: scroll)"),
    ("PgDn / PgUp, Home / End", "move by a page, to the first / last article"),
    ("Enter", "open the article (marks it read) or the view under the cursor"),
    ("q / Esc", "back: close the article, then to the views; quit from the views"),
    ("Tab", "next pane"),
    ("n / p", "next / previous unread article"),
    ("N", "toggle read / unread"),
    ("A", "mark every article of this view read (exactly this listing)"),
    ("s", "star / unstar"),
    ("o", "open the article's link in the browser"),
    ("/", "search (words, as `search` takes them): the hits become a view"),
    ("r / c / f", "filter by region / country / source (empty: no filter)"),
    ("u", "unread articles only (toggle)"),
    ("R", "fetch every configured feed in the background"),
    ("?", "this help"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 86; max-width: 100%; height: auto; max-height: 100%;
                            border: round $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, what in KEYS:
            table.add_row(keys, what)
        with Vertical():
            yield Static(Text("newsreader browse: keys", style="bold"))
            yield Static(table)
            yield Static(
                Text("Esc or q closes this help. The mouse works too: click, double-click, scroll.", style="dim")
            )

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """One line of input; Enter gives its text (maybe empty), Esc gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    PromptScreen { align: center bottom; }
    PromptScreen > Vertical { width: 100%; height: auto; background: $surface; border-top: solid $accent; }
    """

    def __init__(self, title: str, *, value: str = "", choices: Sequence[str] = ()) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        suggester = SuggestFromList(self._choices, case_sensitive=False) if self._choices else None
        with Vertical():
            yield Static(Text(self._title, style="bold"))
            yield Input(value=self._value, suggester=suggester, id="prompt")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The footer: the keys that act on the focused pane, drawn as one line of text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyBar(Widget, can_focus=False):
    """What Textual's Footer shows (` ⏎ Open  q Back  ? Help …`), as one widget drawing one line.

    The Footer mounts a widget per key, each with its own styles: ~70 ms of CPU at start-up (under load)
    to show one line, while the keys were already on the screen's bindings. A click on a key presses it,
    as in the Footer.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyBar > .keybar--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, key) of each key drawn
        self._ready = False  # the screen's bindings are known once it says so (as the Footer waits)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self._ready = True
        self.refresh()

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        if not self._ready:
            return line
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        dim = Style(dim=True)
        actions: set[str] = set()
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue  # one entry per action, under its first key (q, not also Esc)
            actions.add(binding.action)
            start = line.cell_len
            line.append(f" {self.app.get_key_display(binding)} ", key_style if enabled else key_style + dim)
            line.append(f"{binding.description} ", description_style if enabled else description_style + dim)
            self._spans.append((start, line.cell_len, binding.key))
        return line

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

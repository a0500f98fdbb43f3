"""The tree of views: All, Unread, Starred, then watches, regions, countries and sources, with counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.core.browse import COUNTRIES, REGIONS, SEARCHES, SOURCES, WATCHES, View
from newsreader.tui.text import plain

GROUPS = (SEARCHES, WATCHES, REGIONS, COUNTRIES, SOURCES)
EXPANDED = {SEARCHES, WATCHES, REGIONS}


class ViewTree(Tree[View]):
    """Select a view with Enter or a click; labels are plain text (source names come from feeds)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    DEFAULT_CSS = """
    ViewTree { background: $surface; overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Views"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self._view_nodes: dict[str, TreeNode[View]] = {}
        self._groups: dict[str, TreeNode[View]] = {}
        self._counts: dict[str, int] = {}

    def set_views(self, views: Sequence[View]) -> None:
        """(Re)build the tree, keeping the cursor on the same view when it is still there."""
        current = self.cursor_node.data.key if self.cursor_node and self.cursor_node.data else None
        self.clear()
        self._view_nodes.clear()
        self._groups.clear()
        for view in views:
            parent = self.root
            if view.group:
                parent = self._groups.get(view.group) or self._add_group(view.group)
            self._view_nodes[view.key] = parent.add_leaf(self._label(view), data=view)
        if current and current in self._view_nodes:
            self.move_cursor(self._view_nodes[current])

    def _add_group(self, group: str) -> TreeNode[View]:
        node = self.root.add(Text(group, style="bold"), expand=group in EXPANDED)
        self._groups[group] = node
        return node

    def add_view(self, view: View) -> None:
        """Add (or find) a view, e.g. a search, and put the cursor on it."""
        node = self._view_nodes.get(view.key)
        if node is None:
            parent = self._groups.get(view.group) or self._add_group(view.group)
            node = parent.add_leaf(self._label(view), data=view)
            self._view_nodes[view.key] = node
        self.reveal(view.key)

    def reveal(self, key: str) -> None:
        """Put the cursor on a view, opening its group if it is closed."""
        node = self._view_nodes[key]
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        # The tree lays its lines out again on the next refresh; the node has its line only then.
        self.call_after_refresh(self.move_cursor, node)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self._counts.update(counts)
        for key, node in self._view_nodes.items():
            if key in counts and node.data is not None:
                node.set_label(self._label(node.data))

    def _label(self, view: View) -> Text:
        label = plain(view.label)
        count = self._counts.get(view.key)
        if count is not None:
            label.append(f" {count}", style="bold cyan" if count else "dim")
        return label

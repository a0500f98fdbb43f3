"""Imports run one way: the core never reaches for the terminal, and no module imports one above it."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "newsreader"


def test_core_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys, newsreader.core, newsreader.store, newsreader.local, newsreader.parse.text;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(path: Path) -> set[str]:
    """Every module `path` imports when it runs (at the top or inside functions), `if TYPE_CHECKING:` left out.

    `from newsreader import geo` counts as importing newsreader.geo."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    return found


@functools.cache
def _all_imports() -> dict[str, frozenset[str]]:
    """Parsed once per session; the generated tables (pure literals, no imports) are not parsed at all."""
    tables = {"newsreader.name_tables", "newsreader.date_names"}
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: frozenset(runtime_imports(p)) for name, p in modules.items() if name not in tables}


def _imports_of(prefix: str) -> dict[str, frozenset[str]]:
    """module name -> its runtime imports, for every module of the package whose name starts with `prefix`."""
    modules = _all_imports()
    return {name: imports for name, imports in modules.items() if name == prefix or name.startswith(prefix + ".")}


def _offending(prefix: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    offending: dict[str, list[str]] = {}
    for module, imports in _imports_of(prefix).items():
        bad = sorted(i for i in imports if any(i == f or i.startswith(f + ".") for f in forbidden))
        if bad:
            offending[module] = bad
    return offending


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        # The command line and the browser reach fetching, tagging and the config through the core only.
        ("newsreader.cli", ("newsreader.feeds", "newsreader.geo", "newsreader.config", "newsreader.feedlist")),
        ("newsreader.tui", ("newsreader.feeds", "newsreader.geo", "newsreader.config", "newsreader.feedlist")),
        # Fetching is wired by the core, never the other way round (is_url lives in urls.py).
        ("newsreader.feeds", ("newsreader.core", "newsreader.cli", "newsreader.tui", "newsreader.render")),
        # Tagging knows nothing of local files, the store or the screen (retag is handed a header reader).
        (
            "newsreader.geo",
            ("newsreader.local", "newsreader.feeds", "newsreader.store", "newsreader.core", "newsreader.cli"),
        ),
        ("newsreader.core", ("newsreader.cli", "newsreader.tui", "newsreader.render", "typer", "rich", "textual")),
        ("newsreader.store", ("newsreader.core", "newsreader.cli", "newsreader.feeds", "newsreader.geo", "rich")),
        ("newsreader.parse", ("newsreader.core", "newsreader.store", "newsreader.cli", "newsreader.geo", "rich")),
        ("newsreader.names", ("newsreader.geo", "newsreader.core", "newsreader.store", "newsreader.local")),
    ],
)
def test_no_module_imports_a_layer_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    assert _imports_of(layer), f"no module named {layer}"  # the rule checks something
    assert _offending(layer, forbidden) == {}


def test_the_import_scan_sees_function_level_imports_and_skips_type_only_ones(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from newsreader.config import Config\n"
        "def f():\n    from newsreader import geo\n    import newsreader.feeds\n",
        "utf-8",
    )
    found = runtime_imports(sample)
    assert {"newsreader.geo", "newsreader.feeds"} <= found
    assert "newsreader.config" not in found

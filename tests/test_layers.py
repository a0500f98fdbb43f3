"""The core never reaches for the terminal: importing it pulls in neither Typer nor Rich."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_core_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys, newsreader.core, newsreader.store, newsreader.local, newsreader.parse.text;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

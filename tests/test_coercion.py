"""newsreader/_coercion.py patches typer's internals: this fails loudly the day a typer upgrade moves them."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from tests.conftest import REPO


def test_the_plain_parameter_patch_applies_to_the_installed_typer() -> None:
    import typer.core

    import newsreader.cli  # noqa: F401  (installs the patch)
    from newsreader import _coercion

    assert _coercion.install(), (
        f"typer {version('typer')} no longer has the internals newsreader/_coercion.py replaces "
        "(typer.core.build_runtime_param, typer._coercion.RuntimeParam): update the patch, then the typer "
        "range pinned in pyproject.toml"
    )
    assert getattr(typer.core.build_runtime_param, "_newsreader_plain", False)


def test_simple_options_are_converted_without_pydantic(tmp_path: object) -> None:
    """What the patch is for: typer would import pydantic and build a validator per parameter on every run."""
    probe = (
        "import sys\nfrom newsreader.cli import app\n"
        "try:\n    app(['--db', sys.argv[1], 'show', '-n', '3', '--source', 'A', '--json'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, f"{tmp_path}/news.db"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == ["[]", "False"]

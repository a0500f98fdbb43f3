"""The TOML config: the shipped example, error lines naming file/line/key, `config init`, `feeds import`."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsreader.cli import app
from newsreader.config import FeedConfig, add_feeds, example_config, load_config
from newsreader.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def cli(tmp_path: Path, cfg: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "n.db"), "--config", str(cfg), *args])
    return result.exit_code, result.output


def test_example_config_is_valid_and_shipped_in_the_package() -> None:
    shipped = example_config()
    assert shipped == (ROOT / "config.example.toml").read_text(encoding="utf-8")
    config = load_config(ROOT / "config.example.toml")
    assert not config.warnings
    assert len(config.feeds) >= 20
    assert all(f.country and f.name and f.url.startswith(("http://", "https://")) for f in config.feeds)
    assert len({f.country for f in config.feeds}) >= 15
    # every setting is documented in the example
    assert set(tomllib.loads(shipped)["settings"]) == set(config.settings.__dataclass_fields__)


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[settings]\ntimeout = 5\n[[feeds]]\nurl = "https://x.example/rss\n', encoding="utf-8")
    code, out = cli(tmp_path, cfg, "feeds")
    assert code == 2
    assert str(cfg) in out and "line 4" in out
    assert len(out.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("body", "line", "key"),
    [
        ('[settings]\ntimeout = "soon"\n', 2, "timeout"),
        ("[settings]\nconcurrency = 0\n", 2, "concurrency"),
        ('[[feeds]]\nurl = "ftp://x.example/rss"\n', 2, "url"),
        ('[[feeds]]\nurl = "https://x.example/rss"\ncountry = "Qatar"\n', 3, "country"),
        ('[[feeds]]\nurl = "https://x.example/rss"\ntags = "world"\n', 3, "tags"),
    ],
)
def test_invalid_values_name_file_line_and_key(tmp_path: Path, body: str, line: int, key: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert f"{cfg}:{line}: key {key!r}" in str(info.value)
    code, out = cli(tmp_path, cfg, "fetch")
    assert code == 2 and f"{cfg}:{line}" in out


def test_config_init_writes_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    cfg = tmp_path / "sub" / "config.toml"
    code, out = cli(tmp_path, cfg, "config", "init")
    assert code == 0 and str(cfg) in out
    assert cfg.read_text(encoding="utf-8") == example_config()
    cfg.write_text("# mine\n", encoding="utf-8")
    code, out = cli(tmp_path, cfg, "config", "init")
    assert code == 2 and "--force" in out
    assert cfg.read_text(encoding="utf-8") == "# mine\n"
    code, _ = cli(tmp_path, cfg, "config", "init", "--force")
    assert code == 0 and cfg.read_text(encoding="utf-8") == example_config()


def test_config_env_var_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "env.toml"
    cfg.write_text('[[feeds]]\nurl = "https://env.example/rss"\nname = "Env Feed"\n', encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(cfg))
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "n.db"), "feeds"])
    assert result.exit_code == 0 and "Env Feed" in result.output


def test_add_feeds_keeps_comments_and_skips_duplicates(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '# my precious comment\n[settings]\ntimeout = 7.0  # seconds\n\n[[feeds]]\nurl = "https://a.example/rss"\n',
        encoding="utf-8",
    )
    added, existing = add_feeds(
        cfg, [FeedConfig("https://a.example/rss"), FeedConfig("https://b.example/rss", name="B & Co")]
    )
    assert [f.url for f in added] == ["https://b.example/rss"] and len(existing) == 1
    text = cfg.read_text(encoding="utf-8")
    assert "# my precious comment" in text and "timeout = 7.0  # seconds" in text
    config = load_config(cfg)
    assert [(f.url, f.name) for f in config.feeds] == [
        ("https://a.example/rss", ""),
        ("https://b.example/rss", "B & Co"),
    ]


def test_feeds_import_and_export_round_trip(tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<opml version="1.0"><body><outline text="News & Co" xmlUrl="https://n.example/rss"/>'
        '<outline text="Two" xmlUrl="https://two.example/feed"/></body></opml>',
        encoding="utf-8",
    )
    cfg = tmp_path / "new" / "config.toml"
    code, out = cli(tmp_path, cfg, "feeds", "import", str(opml))
    assert code == 0 and "added 2 feeds" in out
    code, out = cli(tmp_path, cfg, "feeds", "import", str(opml))
    assert code == 0 and "added 0 feeds" in out and "2 already there" in out
    code, out = cli(tmp_path, cfg, "feeds")
    assert code == 0 and "News & Co" in out and "never fetched" in out
    exported = tmp_path / "out.opml"
    code, _ = cli(tmp_path, cfg, "feeds", "export", "-o", str(exported))
    assert code == 0
    from newsreader.opml import read_opml

    feeds, notes = read_opml(exported)
    assert [(f.url, f.title) for f in feeds] == [
        ("https://n.example/rss", "News & Co"),
        ("https://two.example/feed", "Two"),
    ]
    assert not notes
    code, out = cli(tmp_path, cfg, "feeds", "export")
    assert code == 0 and out.startswith("<?xml") and "https://two.example/feed" in out


def test_feeds_import_of_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("this is not xml at all", encoding="utf-8")
    code, out = cli(tmp_path, tmp_path / "c.toml", "feeds", "import", str(bad))
    assert code == 2 and "bad.opml" in out
    assert not (tmp_path / "c.toml").exists()

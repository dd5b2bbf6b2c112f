"""`mailcoach-server` argument handling and the `manifests` subcommand, in process."""
from __future__ import annotations

from pathlib import Path

import pytest

from addin_server import cli, settings

REPO = Path(__file__).resolve().parent.parent
SERVER_SETTINGS = ["LOG_LEVEL", "MAX_BODY_BYTES", "CONFIG_FILE", "REQUIRE_AUTH", "API_KEYS", "CORS_ORIGINS",
                   "CORS_MAX_AGE", "RATELIMIT", "RATELIMIT_STORAGE_URI", "TRUSTED_PROXIES"]


def test_serve_is_the_default_command():
    args = cli.parse_args([])
    assert args.command == "serve" and (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 2)
    args = cli.parse_args(["--port", "9000", "--workers", "3"])
    assert args.command == "serve" and args.port == 9000 and args.workers == 3


@pytest.mark.parametrize("argv", [["--port", "-1"], ["--port", "70000"], ["--threads", "x"],
                                  ["manifests", "--out", "x"], ["manifests", "--base-url", "https://h", "--out", "x",
                                                                "--set", "novalue"], ["nonsense-command"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_manifests_renders_every_template(tmp_path):
    out = tmp_path / "out"
    assert cli.main(["manifests", "--base-url", "https://mail.example.com:8443/", "--out", str(out),
                     "--set", "version=9.9.9"]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    from addin_server import manifests

    assert {t.relative_to(manifests.template_dir()).as_posix() for t in manifests.templates()} <= set(written)
    text = "\n".join(p.read_text() for p in out.rglob("*") if p.suffix in {".xml", ".json"})
    assert "https://mail.example.com:8443" in text and "${" not in text


def test_manifests_rejects_a_bad_url(tmp_path, capsys):
    assert cli.main(["manifests", "--base-url", "mail.example.com", "--out", str(tmp_path)]) == 2
    assert "--base-url" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_gunicorn_options_keep_drafts_out_of_the_access_log():
    from addin_server.gunicorn_conf import options

    opts = options(port=0, workers=3)
    assert opts["preload_app"] is True and opts["workers"] == 3 and opts["bind"] == ["127.0.0.1:0"]
    fmt = opts["access_log_format"]
    assert "%(U)s" in fmt and "%(r)s" not in fmt and "%(q)s" not in fmt and "%(f)s" not in fmt


def test_every_server_setting_is_documented(make_app):
    make_app()
    doc = (REPO / "docs" / "server.md").read_text()
    declared = settings.declared()
    for name in SERVER_SETTINGS:
        assert name in declared
        assert f"`MAILCOACH_{name}`" in doc, name


def test_every_setting_of_every_feature_is_documented(make_app):
    make_app()
    docs = "".join(p.read_text() for p in (REPO / "docs").glob("*.md"))
    missing = [name for name in settings.declared() if f"`MAILCOACH_{name}`" not in docs]
    assert not missing


def test_readme_lists_every_setting(make_app):
    make_app()
    readme = (REPO / "README.md").read_text()
    assert [n for n in settings.declared() if f"`MAILCOACH_{n}`" not in readme] == []

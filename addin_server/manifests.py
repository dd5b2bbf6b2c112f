"""Renders the add-in manifests in `manifests/` for one deployment's public URL.

The files under `manifests/` are templates with `${name}` placeholders (string.Template); the
values below fill them, and `render_all` writes the same layout to an output folder
(`DIR/outlook/manifest.xml`, `DIR/outlook/manifest.json`, `DIR/gmail/deployment.json`).
"""
from __future__ import annotations

import os
import string
import sys
import uuid
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

# Checked in this order: the source checkout, then where `pip install` put the data files.
_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "manifests",
    Path(sys.prefix) / "share" / "mailcoach" / "manifests",
)


def template_dir() -> Path:
    for path in _CANDIDATES:
        if path.is_dir():
            return path
    raise FileNotFoundError("the manifests/ templates are not installed")


def default_values(base_url: str, ms_app_id: str | None = None) -> dict[str, str]:
    """Values for every placeholder, derived from the base URL (and app id) where they can be."""
    base_url = base_url.rstrip("/")
    host = urlsplit(base_url).netloc
    return {
        "base_url": base_url,
        "host": host,
        "version": "1.0.0",
        **outlook_values(base_url, ms_app_id),
    }


# Stands in for the Entra app's client id until one is registered (docs/outlook.md); the add-in
# works without sign-in, and Office SSO stays off until a real id is rendered in.
NO_MS_APP_ID = "00000000-0000-0000-0000-000000000000"


def outlook_values(base_url: str, ms_app_id: str | None = None) -> dict[str, str]:
    """The Outlook manifests' ids. The add-in id is derived from the base URL so each deployment
    keeps one id across renders (Outlook treats a new id as a new add-in) and staging and
    production can be installed side by side; the Microsoft values come from the same
    MAILCOACH_MS_* settings the server reads."""
    host = urlsplit(base_url).netloc
    ms_app_id = ms_app_id or os.environ.get("MAILCOACH_MS_CLIENT_ID") or NO_MS_APP_ID
    return {
        "outlook_addin_id": os.environ.get("MAILCOACH_OUTLOOK_ADDIN_ID")
        or str(uuid.uuid5(uuid.NAMESPACE_URL, base_url + "/outlook")),
        "ms_app_id": ms_app_id,
        "ms_app_id_uri": os.environ.get("MAILCOACH_MS_APP_ID_URI") or f"api://{host}/{ms_app_id}",
    }


def templates() -> list[Path]:
    root = template_dir()
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".xml", ".json"})


def render(template: Path, values: Mapping[str, str]) -> str:
    """One template filled in; an unknown placeholder is an error, not a silent blank."""
    return string.Template(template.read_text(encoding="utf-8")).substitute(values)


def render_all(values: Mapping[str, str], out: Path) -> list[Path]:
    """Render every template into `out`, keeping the layout; returns the files written."""
    root = template_dir()
    rendered: dict[Path, bytes] = {t.relative_to(root): render(t, values).encode("utf-8") for t in templates()}
    # Package files beside the templates (the unified manifest's color.png and outline.png) are
    # copied as they are, so DIR/outlook/ zips into an app package.
    rendered.update({p.relative_to(root): p.read_bytes() for p in assets()})
    written = []
    for rel, content in rendered.items():  # all rendered before any is written
        target = Path(out) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(target)
        written.append(target)
    return written


def assets() -> list[Path]:
    root = template_dir()
    return sorted(p for p in root.rglob("*.png") if p.is_file())

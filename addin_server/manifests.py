"""Renders the add-in manifests in `manifests/` for one deployment's public URL.

The files under `manifests/` are templates with `${name}` placeholders (string.Template); the
values below fill them, and `render_all` writes the same layout to an output folder
(`DIR/outlook/manifest.xml`, `DIR/outlook/manifest.json`, `DIR/gmail/deployment.json`).
"""
from __future__ import annotations

import string
import sys
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


def default_values(base_url: str) -> dict[str, str]:
    """Values for every placeholder, derived from the base URL where they can be."""
    base_url = base_url.rstrip("/")
    host = urlsplit(base_url).netloc
    return {
        "base_url": base_url,
        "host": host,
        "version": "1.0.0",
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
    rendered = {t.relative_to(root): render(t, values) for t in templates()}  # all, before writing any
    written = []
    for rel, content in rendered.items():
        target = Path(out) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written

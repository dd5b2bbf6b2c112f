"""manifests/gmail/deployment.json: rendered for a base URL, every URL served, narrow scopes."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from addin_server import manifests
from addin_server.gmail import scopes
from gmail_support import BASE, app, certs, client  # noqa: F401

TEMPLATE = Path(manifests.template_dir()) / "gmail" / "deployment.json"


def rendered(base: str = BASE) -> dict:
    return json.loads(manifests.render(TEMPLATE, manifests.default_values(base)))


def urls_in(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from urls_in(v)
    elif isinstance(node, list):
        for v in node:
            yield from urls_in(v)
    elif isinstance(node, str) and node.startswith(("http://", "https://")) and "/auth/" not in node:
        yield node


def test_renders_for_a_base_url_with_google_field_names():
    deployment = rendered("https://coach.example.com/")
    common, gmail = deployment["addOns"]["common"], deployment["addOns"]["gmail"]
    assert common["name"] == "mailcoach"
    assert common["homepageTrigger"]["runFunction"] == "https://coach.example.com/gmail/home"
    action = gmail["composeTrigger"]["actions"][0]
    assert action == {"label": "Coach this draft", "runFunction": "https://coach.example.com/gmail/compose",
                      "logoUrl": "https://coach.example.com/gmail/logo.png"}
    assert gmail["composeTrigger"]["draftAccess"] == "METADATA"
    assert deployment["addOns"]["httpOptions"] == {"authorizationHeader": "SYSTEM_ID_TOKEN",
                                                   "granularOauthPermissionSupport": "OPT_IN"}
    assert "${" not in json.dumps(deployment)


def test_every_url_in_it_is_served(client):
    """Triggers are POST endpoints that exist (401 without Google's token, not 404/405); the
    logo is a public GET."""
    found = list(urls_in(rendered()))
    assert len(found) >= 3
    for url in found:
        assert url.startswith(BASE + "/")
        path = url[len(BASE):]
        if path.endswith(".png"):
            response = client.get(path)
            assert response.status_code == 200 and response.mimetype == "image/png"
        else:
            response = client.post(path, json={})
            assert response.status_code == 401, url
            assert response.json["error"] == "missing_token"


def test_scopes_are_the_narrowest_that_work():
    listed = rendered()["oauthScopes"]
    assert listed == list(scopes.DEPLOYMENT_SCOPES)
    assert len(set(listed)) == len(listed)
    broad = {scopes.PREFIX + s for s in ("gmail.readonly", "gmail.modify", "gmail.send", "gmail.insert",
                                         "gmail.labels", "gmail.settings.basic", "userinfo.email")}
    assert not broad & set(listed) and "https://mail.google.com/" not in listed
    # exactly one scope that can read drafts (a compose trigger cannot read the body itself)
    assert [s for s in listed if s in scopes.READ_DRAFTS] == [scopes.DRAFTS]
    # compose add-ons need the compose action scope; draftAccess METADATA needs message.metadata
    assert scopes.COMPOSE_ACTION in listed and scopes.MESSAGE_METADATA in listed and scopes.EXECUTE in listed


def test_written_by_render_all_at_dir_gmail(tmp_path):
    written = manifests.render_all(manifests.default_values(BASE), tmp_path)
    target = tmp_path / "gmail" / "deployment.json"
    assert target in written
    assert json.loads(target.read_text())["addOns"]["common"]["logoUrl"] == BASE + "/gmail/logo.png"


def test_cli_renders_it(tmp_path):
    pytest.importorskip("addin_server.cli")
    result = subprocess.run([sys.executable, "-m", "addin_server.cli", "manifests", "--base-url",
                             "https://coach.example.org", "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    deployment = json.loads((tmp_path / "gmail" / "deployment.json").read_text())
    assert deployment["addOns"]["common"]["homepageTrigger"]["runFunction"] == "https://coach.example.org/gmail/home"
    assert not re.search(r"\$\{", json.dumps(deployment))

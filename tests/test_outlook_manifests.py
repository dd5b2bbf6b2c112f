"""The Outlook manifests, rendered for https://coach.example.com as a deployment would.

XML: valid against Microsoft's XSDs (../shared/schemas/office-xml), except the Smart Alerts
markup those schemas predate (Runtimes, the LaunchEvent extension point), which is checked here
by its documented structure; every resid names a resource of the right kind.
JSON: valid against the official schema in the npm package @microsoft/app-manifest.
Both: every URL is one the server answers with 200; icons are real PNGs of the declared size,
served cacheable.
"""
from __future__ import annotations

import copy
import json
import re
import struct
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

from addin_server import manifests

REPO = Path(__file__).resolve().parent.parent
XSD = REPO.parent / "shared" / "schemas" / "office-xml" / "OfficeAppManifestV1_1.xsd"
SCHEMAS = REPO / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas"
BASE = "https://coach.example.com"
MS_APP_ID = "5f0c9a4e-3b1d-4c57-9f53-2a7e1c6d8b90"

NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "v0": "http://schemas.microsoft.com/office/mailappversionoverrides",
    "v1": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """The manifests as `mailcoach-server manifests` writes them."""
    out = tmp_path_factory.mktemp("manifests")
    result = subprocess.run(
        [sys.executable, "-m", "addin_server.cli", "manifests", "--base-url", BASE + "/", "--out", str(out),
         "--set", f"ms_app_id={MS_APP_ID}", "--set", f"ms_app_id_uri=api://coach.example.com/{MS_APP_ID}"],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return out / "outlook"


@pytest.fixture(scope="module")
def xml_text(rendered) -> str:
    return (rendered / "manifest.xml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def manifest_json(rendered) -> dict:
    return json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def v1_1(root: ET.Element) -> ET.Element:
    return root.find("v0:VersionOverrides/v1:VersionOverrides", NS)


SMART_ALERTS = (  # the markup the XSDs predate, cut out of the text (ElementTree cannot
    # re-serialise nested default namespaces, which the unprefixed xsi:type values depend on)
    re.compile(r"\s*<Runtimes>.*?</Runtimes>", re.S),
    re.compile(r'\s*<ExtensionPoint xsi:type="LaunchEvent">.*?</ExtensionPoint>', re.S),
)


def without_smart_alerts(xml_text: str) -> str:
    """The manifest without Runtimes and the LaunchEvent extension point, and nothing else."""
    stripped = xml_text
    for pattern in SMART_ALERTS:
        stripped, count = pattern.subn("", stripped)
        assert count == 1, pattern.pattern
    original = ET.fromstring(xml_text)
    form = v1_1(original).find("v1:Hosts/v1:Host/v1:DesktopFormFactor", NS)
    removed = [v1_1(original).find("v1:Hosts/v1:Host/v1:Runtimes", NS),
               form.find("v1:ExtensionPoint[@xsi:type='LaunchEvent']", NS)]
    size = sum(len(list(el.iter())) for el in removed)
    assert len(list(original.iter())) - len(list(ET.fromstring(stripped).iter())) == size
    return stripped


# --- rendering --------------------------------------------------------------------------------

def test_library_and_cli_render_the_same(rendered, xml_text):
    values = manifests.default_values(BASE)
    values.update(ms_app_id=MS_APP_ID, ms_app_id_uri=f"api://coach.example.com/{MS_APP_ID}")
    template = manifests.template_dir() / "outlook" / "manifest.xml"
    assert manifests.render(template, values) == xml_text
    assert "${" not in xml_text and "$" not in xml_text
    assert (rendered / "color.png").exists() and (rendered / "outline.png").exists()


def test_addin_id_is_stable_per_deployment():
    a = manifests.default_values("https://coach.example.com")["outlook_addin_id"]
    assert a == manifests.default_values("https://coach.example.com/")["outlook_addin_id"]
    assert a != manifests.default_values("https://staging.example.com")["outlook_addin_id"]
    assert re.fullmatch(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}", a)


def test_app_id_uri_defaults_from_host_and_client_id(monkeypatch):
    monkeypatch.setenv("MAILCOACH_MS_CLIENT_ID", MS_APP_ID)
    monkeypatch.delenv("MAILCOACH_MS_APP_ID_URI", raising=False)
    values = manifests.default_values("https://coach.example.com:8443")
    assert values["ms_app_id"] == MS_APP_ID
    assert values["ms_app_id_uri"] == f"api://coach.example.com:8443/{MS_APP_ID}"


# --- the XML manifest ---------------------------------------------------------------------------

def test_xml_is_valid_against_the_office_schemas_outside_smart_alerts(xml_text, schema):
    schema.validate(without_smart_alerts(xml_text))


def test_the_schema_check_catches_misordered_elements(xml_text, schema):
    stripped = without_smart_alerts(xml_text)
    support = re.search(r"\s*<SupportUrl [^>]*/>", stripped).group(0)
    misordered = stripped.replace(support, "").replace("<Permissions>", support.strip() + "\n  <Permissions>")
    assert schema.is_valid(stripped) and not schema.is_valid(misordered)


def test_xml_overrides_and_requirement_sets(xml_text):
    root = ET.fromstring(xml_text)
    assert root.get(XSI_TYPE) == "MailApp"
    assert root.findtext("o:Permissions", namespaces=NS) == "ReadWriteItem"
    outer = root.find("v0:VersionOverrides", NS)
    assert outer.get(XSI_TYPE) == "VersionOverridesV1_0"
    assert list(outer)[-1] is outer.find("v1:VersionOverrides", NS), "V1_1 must be V1_0's last child"
    assert outer.find("v0:Requirements/bt:Sets", NS).get("DefaultMinVersion") == "1.3"
    inner = v1_1(root)
    assert inner.get(XSI_TYPE) == "VersionOverridesV1_1"
    assert inner.find("v1:Requirements/bt:Sets", NS).get("DefaultMinVersion") == "1.12"
    assert inner.find("v1:Requirements/bt:Sets/bt:Set", NS).get("Name") == "Mailbox"
    button = inner.find(".//v1:ExtensionPoint[@xsi:type='MessageComposeCommandSurface']"
                        "//v1:Control[@xsi:type='Button']", NS)
    assert button.find("v1:Action", NS).get(XSI_TYPE) == "ShowTaskpane"
    assert button.findtext("v1:Action/v1:SupportsPinning", namespaces=NS) == "true"
    info = inner.find("v1:WebApplicationInfo", NS)
    assert list(inner)[-1] is info, "WebApplicationInfo comes after Resources"
    assert info.findtext("v1:Id", namespaces=NS) == MS_APP_ID
    assert info.findtext("v1:Resource", namespaces=NS) == f"api://coach.example.com/{MS_APP_ID}"
    assert "User.Read" in [s.text for s in info.findall("v1:Scopes/v1:Scope", NS)]


def test_smart_alerts_markup_has_its_documented_structure(xml_text):
    """What the XSDs cannot check (MS-OWEMXML and the Smart Alerts walkthrough):
    MailHost > Runtimes (first) > Runtime[resid] > Override[type=javascript][resid];
    DesktopFormFactor > ExtensionPoint[LaunchEvent] > LaunchEvents > LaunchEvent[Type, FunctionName,
    SendMode], then SourceLocation naming the runtime's resid."""
    inner = v1_1(ET.fromstring(xml_text))
    host = inner.find("v1:Hosts/v1:Host", NS)
    assert host.get(XSI_TYPE) == "MailHost"
    assert list(host)[0].tag == f"{{{NS['v1']}}}Runtimes"
    runtimes = host.findall("v1:Runtimes/v1:Runtime", NS)
    assert len(runtimes) == 1
    runtime = runtimes[0]
    overrides = runtime.findall("v1:Override", NS)
    assert [(o.get("type"), bool(o.get("resid"))) for o in overrides] == [("javascript", True)]
    urls = {u.get("id"): u.get("DefaultValue") for u in inner.findall("v1:Resources/bt:Urls/bt:Url", NS)}
    assert urls[runtime.get("resid")].endswith(".html")
    assert urls[overrides[0].get("resid")].endswith(".js")

    form = host.find("v1:DesktopFormFactor", NS)
    points = [p for p in form.findall("v1:ExtensionPoint", NS) if p.get(XSI_TYPE) == "LaunchEvent"]
    assert len(points) == 1
    point = points[0]
    assert [child.tag.split("}")[1] for child in point] == ["LaunchEvents", "SourceLocation"]
    events = point.findall("v1:LaunchEvents/v1:LaunchEvent", NS)
    assert [(e.get("Type"), e.get("FunctionName"), e.get("SendMode")) for e in events] == [
        ("OnMessageSend", "onMessageSendHandler", "SoftBlock")]
    assert set(events[0].attrib) <= {"Type", "FunctionName", "SendMode"}
    assert point.find("v1:SourceLocation", NS).get("resid") == runtime.get("resid")
    # The handler the manifest names is the one the script registers.
    script = (REPO / "addin_server" / "static" / "outlook" / "launchevent.js").read_text(encoding="utf-8")
    assert 'Office.actions.associate("onMessageSendHandler", onMessageSendHandler)' in script


RESOURCE_KIND = {  # element (local name) that takes a resid -> the resource collection it names
    "Image": "Images", "SourceLocation": "Urls", "FunctionFile": "Urls", "Runtime": "Urls",
    "Override": "Urls", "Label": "ShortStrings", "Title": "ShortStrings", "Description": "LongStrings",
}


def _resids(scope: ET.Element, skip: ET.Element | None) -> list[tuple[str, str]]:
    out = []
    for el in scope.iter():
        if skip is not None and el is skip:
            continue
        if skip is not None and any(el is d for d in skip.iter()):
            continue
        if el.get("resid") is not None:
            out.append((el.tag.split("}")[1], el.get("resid")))
    return out


def _resources(overrides: ET.Element, ns: str) -> dict[str, set[str]]:
    res = overrides.find(f"{ns}:Resources", NS)
    return {kind: {e.get("id") for e in res.find(f"bt:{kind}", NS) or []}
            for kind in ("Images", "Urls", "ShortStrings", "LongStrings")}


def test_every_resid_names_a_resource_of_its_kind(xml_text):
    root = ET.fromstring(xml_text)
    outer = root.find("v0:VersionOverrides", NS)
    inner = v1_1(root)
    for scope, ns, skip in ((outer, "v0", inner), (inner, "v1", None)):
        defined = _resources(scope, ns)
        used = _resids(scope, skip)
        assert used, "no resid found: the walk is broken"
        for tag, resid in used:
            assert len(resid) <= 32, resid
            assert resid in defined[RESOURCE_KIND[tag]], f"{tag} resid={resid!r} is not a {RESOURCE_KIND[tag]} resource"
    for res in root.iter(f"{{{NS['bt']}}}String"):
        limit = 125 if res in list(root.iter(f"{{{NS['bt']}}}ShortStrings"))[0] else 250
        assert len(res.get("DefaultValue")) <= limit


# --- the JSON manifest --------------------------------------------------------------------------

def _json_schema_for(manifest: dict) -> dict:
    if not SCHEMAS.is_dir():
        pytest.skip("node_modules/@microsoft/app-manifest is not installed: run `npm install` at the repo root")
    match = re.fullmatch(r"https://developer\.microsoft\.com/json-schemas/teams/(v[\w.]+)/MicrosoftTeams\.schema\.json",
                         manifest["$schema"])
    assert match, manifest["$schema"]
    path = SCHEMAS / "teams" / match.group(1) / "MicrosoftTeams.schema.json"
    assert path.exists(), f"the package has no schema {match.group(1)}"
    return json.loads(path.read_text(encoding="utf-8-sig"))


def test_json_is_valid_against_the_official_schema(manifest_json):
    schema = _json_schema_for(manifest_json)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(manifest_json), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert manifest_json["manifestVersion"] == manifest_json["$schema"].split("/")[-2].lstrip("v")


def test_the_json_schema_check_catches_mistakes(manifest_json):
    schema = _json_schema_for(manifest_json)
    broken = copy.deepcopy(manifest_json)
    broken["extensions"][0]["autoRunEvents"][0]["events"][0]["options"]["sendMode"] = "maybe"
    del broken["developer"]
    assert len(list(jsonschema.Draft4Validator(schema).iter_errors(broken))) >= 2


def test_json_says_what_the_xml_says(manifest_json, xml_text):
    root = ET.fromstring(xml_text)
    assert manifest_json["id"] == root.findtext("o:Id", namespaces=NS)
    assert manifest_json["webApplicationInfo"] == {"id": MS_APP_ID, "resource": f"api://coach.example.com/{MS_APP_ID}"}
    ext = manifest_json["extensions"][0]
    assert ext["requirements"]["capabilities"] == [{"name": "Mailbox", "minVersion": "1.3"}]
    actions = {a["id"]: (rt, a) for rt in ext["runtimes"] for a in rt["actions"]}
    event = ext["autoRunEvents"][0]["events"][0]
    assert event == {"type": "messageSending", "actionId": "onMessageSendHandler", "options": {"sendMode": "softBlock"}}
    runtime, action = actions[event["actionId"]]
    assert action["type"] == "executeFunction"
    assert runtime["code"] == {"page": f"{BASE}/outlook/commands.html", "script": f"{BASE}/outlook/launchevent.js"}
    assert runtime["requirements"]["capabilities"] == [{"name": "Mailbox", "minVersion": "1.12"}]
    control = ext["ribbons"][0]["tabs"][0]["groups"][0]["controls"][0]
    assert ext["ribbons"][0]["contexts"] == ["mailCompose"]
    pane_runtime, pane_action = actions[control["actionId"]]
    assert pane_action == {"id": control["actionId"], "type": "openPage", "pinnable": True}
    assert pane_runtime["code"]["page"] == f"{BASE}/outlook/taskpane.html"
    assert manifest_json["validDomains"] == ["coach.example.com"]


# --- every URL is served ----------------------------------------------------------------------

def _xml_urls(xml_text: str) -> list[tuple[str, int | None]]:
    """(url, icon size or None) for every URL in the XML manifest."""
    root = ET.fromstring(xml_text)
    sizes = {"IconUrl": 64, "HighResolutionIconUrl": 128}
    out = []
    for el in root.iter():
        value = el.get("DefaultValue") or ""
        if value.startswith("http"):
            size = sizes.get(el.tag.split("}")[1])
            if el.tag == f"{{{NS['bt']}}}Image":
                size = int(re.search(r"(\d+)\.png$", value).group(1))
            out.append((value, size))
    return out


def _json_urls(node, size=None):
    if isinstance(node, dict):
        if "url" in node and "size" in node:
            yield node["url"], node["size"]
            return
        for key, value in node.items():
            if key != "$schema":
                yield from _json_urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _json_urls(value)
    elif isinstance(node, str) and node.startswith("http"):
        yield node, None


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_every_url_in_either_manifest_is_served(make_app, xml_text, manifest_json):
    client = make_app().test_client()
    urls = _xml_urls(xml_text) + list(_json_urls(manifest_json))
    assert len(urls) >= 15
    checked = set()
    for url, size in urls:
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == BASE, url
        response = client.get(parts.path, headers={"Host": "coach.example.com"}, base_url=BASE)
        assert response.status_code == 200, url
        checked.add(parts.path)
        if size is not None:
            assert response.mimetype == "image/png", url
            assert _png_size(response.data) == (size, size), url
            cache = response.headers.get("Cache-Control", "")
            assert "no-store" not in cache and "no-cache" not in cache and "max-age=" in cache, (url, cache)
    assert {"/outlook/taskpane.html", "/outlook/commands.html", "/outlook/launchevent.js"} <= checked


def test_package_icons_have_the_sizes_teams_wants(rendered):
    assert _png_size((rendered / "color.png").read_bytes()) == (192, 192)
    assert _png_size((rendered / "outline.png").read_bytes()) == (32, 32)


def test_allow_list_names_the_event_runtime_files(make_app, xml_text):
    client = make_app().test_client()
    response = client.get("/.well-known/microsoft-officeaddins-allowed.json", base_url=BASE)
    assert response.status_code == 200 and response.mimetype == "application/json"
    urls = {u.get("id"): u.get("DefaultValue") for u in v1_1(ET.fromstring(xml_text)).iter(f"{{{NS['bt']}}}Url")}
    assert set(response.get_json()["allowed"]) == {urls["JSRuntime.Url"], urls["WebViewRuntime.Url"]}


def test_cli_renders_the_entra_app_id_into_id_and_resource(tmp_path):
    from addin_server import cli

    app_id = "11111111-2222-3333-4444-555555555555"
    assert cli.main(["manifests", "--base-url", "https://coach.example.com", "--out", str(tmp_path),
                     "--ms-app-id", app_id]) == 0
    xml = (tmp_path / "outlook" / "manifest.xml").read_text()
    assert f"<Id>{app_id}</Id>" in xml
    assert f"<Resource>api://coach.example.com/{app_id}</Resource>" in xml
    assert app_id in (tmp_path / "outlook" / "manifest.json").read_text()

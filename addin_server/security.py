"""Response headers, CORS and the per-client rate limit.

Content-Security-Policy: every page loads only same-origin scripts and styles, and may not be
framed. A blueprint whose pages need more (the Outlook task pane loads office.js from
Microsoft and is framed by Outlook on the web) declares it with `extend_csp(bp_name, ...)`;
one view can add to its own response through `g.csp_extra` (same shape).

CORS: only origins listed in `MAILCOACH_CORS_ORIGINS` get `Access-Control-Allow-Origin`, and
the server echoes the `Origin` header exactly, because Outlook's event runtime sends
`https://host/` with a trailing slash and rejects a response that names `https://host`.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from flask import Flask, Request, Response, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import settings

settings.defaults(
    CORS_ORIGINS="",  # comma-separated, e.g. "https://mail.example.com,https://localhost:3000"
    CORS_MAX_AGE=600,  # seconds browsers may cache a preflight answer
    RATELIMIT="120/minute",  # per client address, shared by /api/ and /v2/; "off" disables
    RATELIMIT_STORAGE_URI="memory://",  # e.g. redis://host:6379 to share among instances
    TRUSTED_PROXIES=0,  # how many reverse proxies in front set X-Forwarded-For
)

# The policy every response gets unless a blueprint or view extends it.
BASE_CSP: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "font-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}

# Extra sources by blueprint name. Outlook hosts its task pane in an iframe on these origins
# (Outlook on the web, new Outlook) and the pane loads office.js from Microsoft's CDN, the one
# supported way to get it.
_CSP_EXTRA: dict[str, dict[str, tuple[str, ...]]] = {
    "outlook": {
        "script-src": ("https://appsforoffice.microsoft.com",),
        "frame-ancestors": ("'self'", "https://outlook.office.com", "https://outlook.office365.com",
                            "https://outlook.live.com", "https://*.outlook.com", "https://*.office.com",
                            "https://*.office365.com", "https://*.officeapps.live.com",
                            "https://*.microsoft.com"),
    },
}

# Paths that count against the rate limit; pages and static assets do not.
RATE_LIMITED_PREFIXES = ["/api/", "/v2/"]

ALLOWED_HEADERS = "Authorization, Content-Type, X-API-Key"
ALLOWED_METHODS = "GET, POST, OPTIONS"


def extend_csp(blueprint: str, **directives: Iterable[str]) -> None:
    """Allow more sources on one blueprint's responses: extend_csp("outlook", script_src=[...])."""
    table = _CSP_EXTRA.setdefault(blueprint, {})
    for name, sources in directives.items():
        key = name.replace("_", "-")
        table[key] = tuple(dict.fromkeys(table.get(key, ()) + tuple(sources)))
    _HEADERS_CACHE.clear()


def content_security_policy(blueprint: str | None, extra: dict[str, Iterable[str]] | None = None) -> str:
    """The policy for a blueprint's responses (built once per blueprint: `_HEADERS_CACHE`)."""
    policy = {k: list(v) for k, v in BASE_CSP.items()}
    for table in (_CSP_EXTRA.get(blueprint or "", {}), extra or {}):
        for name, sources in table.items():
            name = name.replace("_", "-")
            current = [s for s in policy.get(name, []) if s != "'none'"]
            policy[name] = list(dict.fromkeys(current + list(sources)))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


# Headers every response gets unless the view set them; name (lower case), name, value.
_FIXED_HEADERS = (
    ("x-content-type-options", "X-Content-Type-Options", "nosniff"),
    ("referrer-policy", "Referrer-Policy", "no-referrer"),
    ("cross-origin-resource-policy", "Cross-Origin-Resource-Policy", "same-site"),
)


def _default_headers(csp: str, api: bool, secure: bool) -> tuple[tuple[str, str, str], ...]:
    """The headers SecurityHeaders adds when absent, in order: (lower-case name, name, value)."""
    headers = (("content-security-policy", "Content-Security-Policy", csp),) + _FIXED_HEADERS
    if "frame-ancestors 'none'" in csp:  # for browsers without CSP level 2
        headers += (("x-frame-options", "X-Frame-Options", "DENY"),)
    if api:
        headers += (("cache-control", "Cache-Control", "no-store"),)  # answers quote the draft
    if secure:
        headers += (("strict-transport-security", "Strict-Transport-Security", "max-age=31536000"),)
    return headers


# Most responses are alike: memoised by (blueprint, api, secure) when the view added nothing;
# extend_csp() empties it.
_HEADERS_CACHE: dict[tuple[str | None, bool, bool], tuple[tuple[str, str, str], ...]] = {}
_CHOSEN = "mailcoach.security_headers"  # where _finish leaves its choice for SecurityHeaders


def _headers_for(blueprint: str | None, path: str, secure: bool,
                 extra: dict[str, Iterable[str]] | None = None) -> tuple[tuple[str, str, str], ...]:
    """The headers a response to `path` from `blueprint` gets unless its view set them."""
    api = path.startswith(("/api/", "/v2/"))
    if extra:
        return _default_headers(content_security_policy(blueprint, extra), api, secure)
    key = (blueprint, api, secure)
    found = _HEADERS_CACHE.get(key)
    if found is None:
        found = _HEADERS_CACHE[key] = _default_headers(content_security_policy(blueprint, None), api, secure)
    return found


class SecurityHeaders:
    """WSGI middleware that adds the security headers to every response as it starts.

    Added here, at the WSGI layer, rather than to Flask's response object: werkzeug checks and
    copies every header it holds (twice per response), and these are known-good constants.
    Responses that never reached `_finish` (an error before routing) still get the defaults."""

    def __init__(self, wsgi_app: Callable):
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            return start_response(status, _with_security_headers(environ, status, headers), exc_info)

        return self.wsgi_app(environ, start)


def _with_security_headers(environ: dict, status: str, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    chosen = environ.get(_CHOSEN)
    if chosen is None:
        chosen = _headers_for(None, environ.get("PATH_INFO", ""), environ.get("wsgi.url_scheme") == "https")
    present = {name.lower() for name, _ in headers}
    if "retry-after" in present and not status.startswith("429"):
        headers = [h for h in headers if h[0].lower() != "retry-after"]  # the limiter adds it to every response
    if "vary" in present:  # responses differ by Origin (CORS), whatever else they vary by
        headers = [(name, _vary_origin(value) if name.lower() == "vary" else value) for name, value in headers]
    else:
        headers = headers + [("Vary", "Origin")]
    headers += [(name, value) for lower, name, value in chosen if lower not in present]
    return headers


def _vary_origin(value: str) -> str:
    names = [v.strip() for v in value.split(",") if v.strip()]
    return value if "*" in names or "origin" in (v.lower() for v in names) else ", ".join(names + ["Origin"])


# --- CORS -------------------------------------------------------------------------------

def _normal(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


def allowed_origin(app: Flask, origin: str | None) -> bool:
    """True if `origin` is configured; `https://host/` and `https://host` are the same origin."""
    if not origin:
        return False
    allowed = {_normal(o) for o in settings.as_list(app.config["CORS_ORIGINS"])}
    # the server's own origin: Outlook's event runtime sends it (with a trailing slash) for the
    # add-in's own files, which this server serves
    parts = urlsplit(settings.public_base_url(app, request))
    allowed.add(_normal(f"{parts.scheme}://{parts.netloc}"))
    return "*" in allowed or _normal(origin) in allowed


def _preflight() -> Response | None:
    """Answer a CORS preflight before routing, auth or rate limits see it."""
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
        return None
    response = current_app.make_response(("", 204))
    origin = request.headers.get("Origin")
    if allowed_origin(current_app, origin):
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = str(current_app.config["CORS_MAX_AGE"])
    return response


def _cors(response: Response, req: Request) -> None:
    """Allow a configured origin (SecurityHeaders adds `Vary: Origin` to every response)."""
    origin = req.environ.get("HTTP_ORIGIN")  # request.headers.get("Origin"), without its KeyError
    if origin and allowed_origin(current_app, origin):
        response.headers["Access-Control-Allow-Origin"] = origin  # echoed exactly, slash and all


def _finish(response: Response) -> Response:
    """Choose the response's security headers (SecurityHeaders adds them), then CORS."""
    req = request._get_current_object()  # type: ignore[attr-defined]
    req.environ[_CHOSEN] = _headers_for(req.blueprint, req.path, req.is_secure, g.get("csp_extra"))
    _cors(response, req)
    return response


# --- rate limit ---------------------------------------------------------------------------

def _exempt() -> bool:
    return request.method == "OPTIONS" or not request.path.startswith(tuple(RATE_LIMITED_PREFIXES))


def _init_limiter(app: Flask) -> None:
    limit = str(app.config["RATELIMIT"] or "").strip()
    enabled = limit.lower() not in {"", "off", "none", "0"}
    if enabled:
        from limits import parse_many

        try:
            parse_many(limit)
        except ValueError:
            raise ValueError(f"MAILCOACH_RATELIMIT={limit!r} is not a rate limit like '120/minute'") from None
    app.config.setdefault("RATELIMIT_ENABLED", enabled)
    app.config["RATELIMIT_HEADERS_ENABLED"] = True
    limiter = Limiter(
        get_remote_address,
        app=app,
        application_limits=[limit] if enabled else [],
        application_limits_exempt_when=_exempt,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        key_prefix="mailcoach",
    )
    app.extensions["mailcoach_limiter"] = limiter


def init_app(app: Flask) -> None:
    app.wsgi_app = SecurityHeaders(app.wsgi_app)  # type: ignore[method-assign]
    trusted = int(app.config["TRUSTED_PROXIES"] or 0)
    if trusted:  # outermost: everything inside sees the client's address and scheme
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)  # type: ignore[method-assign]
    app.before_request(_preflight)  # first, so a preflight never meets auth or the limiter
    app.after_request(_finish)
    _init_limiter(app)

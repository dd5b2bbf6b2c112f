"""Every error the server sends is JSON: `{"error": {"code": ..., "message": ...}}`.

Views raise `ApiError` for bad input; werkzeug's HTTP errors (404, 405, 413, 429 ...) get the
same shape. Anything else is a bug: it is logged by exception type only (never the request,
which holds a customer's email) and answered with a plain JSON 500, never a traceback.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

# Short machine-readable codes for the statuses the server sends.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
}


class ApiError(Exception):
    """A request the server will not serve; the message is shown to the client."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = headers or {}


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def error_response(status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    response = jsonify({"error": {"code": code or CODES.get(status, "error"), "message": message}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# Werkzeug's default descriptions talk about browsers; these say what to do instead.
_MESSAGES = {
    404: "no such endpoint; see /openapi.json",
    413: "the request body is larger than the server accepts",
    429: "too many requests; retry after the time given in Retry-After",
}


def _http_error(e: HTTPException) -> Response:
    status = e.code or 500
    if status == 405:
        allowed = ", ".join(m for m in e.valid_methods or () if m != "OPTIONS") if hasattr(e, "valid_methods") else ""
        message = f"method not allowed; use {allowed}" if allowed else "method not allowed"
    elif status == 429:
        message = f"too many requests ({e.description}); retry after the time given in Retry-After"
    else:
        message = _MESSAGES.get(status) or (e.description or e.name)
    response = error_response(status, message)
    for name, value in e.get_headers():  # keeps Allow on 405, WWW-Authenticate on 401, ...
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _api_error(e: ApiError) -> Response:
    return error_response(e.status, e.message, e.code, e.headers)


def _unexpected(e: Exception) -> Response:
    # The type only: the message or traceback could quote the draft being analysed.
    log.error("unhandled %s.%s while serving a request", type(e).__module__, type(e).__qualname__)
    return error_response(500, "internal error; the request was not processed")


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)

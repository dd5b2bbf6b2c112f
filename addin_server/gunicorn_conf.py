"""Gunicorn settings for mailcoach, shared by `mailcoach-server` and plain gunicorn.

    gunicorn -c python:addin_server.gunicorn_conf "addin_server:create_app()"

The access log names the path only (`%(U)s`), never the query string or the referrer: a
LanguageTool client could put a draft in a URL, and drafts are never logged.
"""
from __future__ import annotations

import sys

ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def options(*, host: str = "127.0.0.1", port: int = 8000, workers: int = 2, threads: int = 1,
            certfile: str | None = None, keyfile: str | None = None, timeout: int = 30,
            graceful_timeout: int = 10, log_level: str = "info", access_log: bool = True) -> dict:
    """Gunicorn settings for one run of `mailcoach-server serve`."""
    out = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "preload_app": True,  # load and warm the library once, before fork
        "timeout": timeout,
        "graceful_timeout": graceful_timeout,
        "loglevel": log_level,
        "accesslog": "-" if access_log else None,
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "when_ready": when_ready,
        "proc_name": "mailcoach-server",
    }
    if certfile:
        out.update(certfile=certfile, keyfile=keyfile)
    if _has_setting("control_socket_disable"):  # gunicorn 27+: one fixed socket path per user
        out["control_socket_disable"] = True  # would clash between instances; mailcoach needs none
    return out


def _has_setting(name: str) -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(s.name == name for s in KNOWN_SETTINGS)


def when_ready(server) -> None:
    """Warm the library in the master (before workers fork), then say where we listen.

    The "listening on" line is what tests and scripts read to learn a port chosen by the OS."""
    from .api import warm_up

    warm_up()
    scheme = "https" if server.cfg.is_ssl else "http"
    for listener in server.LISTENERS:
        host, port = listener.sock.getsockname()[:2]
        host = f"[{host}]" if ":" in host else host
        print(f"mailcoach-server: listening on {scheme}://{host}:{port}", file=sys.stderr, flush=True)


# Module-level values, for `gunicorn -c python:addin_server.gunicorn_conf`.
globals().update({k: v for k, v in options().items()})

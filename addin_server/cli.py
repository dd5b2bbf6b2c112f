"""`mailcoach-server`: run the server under gunicorn, or render the add-in manifests.

    mailcoach-server                      # serve on http://127.0.0.1:8000
    mailcoach-server serve --port 8443 --certfile cert.pem --keyfile key.pem
    mailcoach-server manifests --base-url https://mail.example.com --out build/manifests

Settings other than the listening socket come from MAILCOACH_* variables (docs/server.md).
Usage errors exit with status 2.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Sequence

COMMANDS = ("serve", "manifests")


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535, not {port}")
    return port


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _key_value(value: str) -> tuple[str, str]:
    key, sep, val = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected key=value, got {value!r}")
    return key.strip(), val


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailcoach-server",
        description="Serve the mailcoach API, LanguageTool endpoint and playground, or render the add-in manifests.",
        epilog="With no command, 'serve' runs. Settings: MAILCOACH_* environment variables (see docs/server.md).",
    )
    sub = parser.add_subparsers(dest="command", metavar="{serve,manifests}")

    serve = sub.add_parser("serve", help="run the server under gunicorn (default)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to bind; 0 lets the OS pick (default 8000)")
    serve.add_argument("--workers", type=_positive, default=2, help="worker processes (default 2)")
    serve.add_argument("--threads", type=_positive, default=1, help="threads per worker (default 1)")
    serve.add_argument("--certfile", help="TLS certificate (PEM); serve HTTPS. Needs --keyfile")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--timeout", type=_positive, default=30, help="seconds before a stuck worker is restarted")
    serve.add_argument("--graceful-timeout", type=_positive, default=10,
                       help="seconds workers get to finish on shutdown")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error", "critical"])
    serve.add_argument("--no-access-log", dest="access_log", action="store_false",
                       help="do not log one line per request (the line never holds a draft)")

    manifests = sub.add_parser("manifests", help="render the Outlook and Gmail manifests for a public URL")
    manifests.add_argument("--base-url", required=True, help="public https URL of this server")
    manifests.add_argument("--out", required=True, type=Path, help="folder to write the manifests into")
    manifests.add_argument("--ms-app-id", help="the Entra app (client) id for Outlook sign-in "
                                               "(default: MAILCOACH_MS_CLIENT_ID, else sign-in stays off)")
    manifests.add_argument("--set", dest="values", action="append", type=_key_value, default=[],
                           metavar="KEY=VALUE", help="set or override a template value (repeatable)")
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in {"-h", "--help"}):
        argv.insert(0, "serve")
    return build_parser().parse_args(argv)


def serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from gunicorn.app.base import BaseApplication

    from . import create_app
    from .gunicorn_conf import options

    if bool(args.certfile) != bool(args.keyfile):
        parser.error("--certfile and --keyfile go together")
    for path in filter(None, (args.certfile, args.keyfile)):
        if not os.path.isfile(path):
            parser.error(f"no such file: {path}")
    try:
        app = create_app()  # before fork: a bad setting stops here, with its name
    except (ValueError, OSError) as e:
        print(f"mailcoach-server: error: {e}", file=sys.stderr)
        return 2
    settings = options(host=args.host, port=args.port, workers=args.workers, threads=args.threads,
                       certfile=args.certfile, keyfile=args.keyfile, timeout=args.timeout,
                       graceful_timeout=args.graceful_timeout, log_level=args.log_level,
                       access_log=args.access_log)

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    Server().run()  # exits the process through SystemExit when gunicorn stops
    return 0


def render_manifests(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from . import manifests

    parts = urlsplit(args.base_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        print(f"mailcoach-server manifests: error: --base-url must be an http(s) URL, not {args.base_url!r}",
              file=sys.stderr)
        return 2
    values = manifests.default_values(args.base_url, args.ms_app_id)
    values.update(dict(args.values))
    try:
        written = manifests.render_all(values, args.out)
    except KeyError as e:
        print(f"mailcoach-server manifests: error: no value for placeholder {e}; pass --set {e.args[0]}=...",
              file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        print(f"mailcoach-server manifests: error: {e}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    if parts.scheme != "https":
        print("mailcoach-server manifests: note: Outlook loads add-ins only over https", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "manifests":
        return render_manifests(args)
    return serve(args, build_parser())


if __name__ == "__main__":
    sys.exit(main())

"""web stage: the atlas page and its API (`create_app`), and `serve` to run it with uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import sys
from dataclasses import replace

from .app import create_app, find_node_modules
from .security import LOOPBACK_NAMES, SecuritySettings, read_token_path

log = logging.getLogger("eventatlas.web")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    tile_url: str | None = None,
    security: SecuritySettings | None = None,
) -> None:
    """Run the atlas at http://host:port until interrupted.

    `security` defaults to $EVENTATLAS_* settings (web.security); a loopback server answers only to
    loopback host names unless allowed_hosts (or $EVENTATLAS_ALLOWED_HOSTS) says otherwise.
    """
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    settings = security or SecuritySettings.from_env()
    if settings.allowed_hosts is None and _is_loopback(host):
        settings = replace(settings, allowed_hosts=LOOPBACK_NAMES)
    app = create_app(db_url, tile_url=tile_url, security=settings)
    sec = app.state.security
    if not _is_loopback(host):
        reads = (
            "reading needs the read token"
            if settings.read_protected
            else "anyone who can reach this machine can read the atlas and its reports (serve --read-token "
            "to require a token)"
        )
        print(
            f"warning: serving on {host}, which is not a loopback address: {reads}; writing needs the "
            "write token. Traffic is not encrypted: put a TLS proxy in front.",
            file=sys.stderr,
        )
    _print_tokens(sec, f"http://{host}:{port}")
    print(f"eventatlas atlas: http://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _print_tokens(sec, base: str) -> None:
    """A token is shown once, when it is made; later runs say only where it is kept."""
    if sec.write_token is None:
        print(f"warning: writing from the browser is off: {sec.problem}", file=sys.stderr)
    elif "write" in sec.created:
        print(f"write token (shown once, kept in {sec.token_file}, mode 0600): {sec.write_token}", flush=True)
    else:
        print(f"write token: in {sec.token_file}", flush=True)
    if sec.settings.read_protected and sec.read_token is not None:
        path = read_token_path(sec.token_file)
        if "read" in sec.created:
            print(f"read token (shown once, kept in {path}): {sec.read_token}", flush=True)
            print(f"open the atlas once with {base}/?token={sec.read_token}", flush=True)
        else:
            print(f"reading needs the read token in {path}: open {base}/?token=TOKEN once", flush=True)
    if sec.settings.cors_origins:
        print(f"CORS allowed for: {', '.join(sec.settings.cors_origins)}", flush=True)


__all__ = ["create_app", "serve", "find_node_modules", "SecuritySettings"]

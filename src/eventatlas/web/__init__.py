"""web stage: the atlas page and its API (`create_app`), and `serve` to run it with uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import sys

from .app import create_app, find_node_modules

log = logging.getLogger("eventatlas.web")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, tile_url: str | None = None) -> None:
    """Run the atlas at http://host:port until interrupted."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    app = create_app(db_url, tile_url=tile_url)
    if not _is_loopback(host):
        print(
            f"warning: serving on {host}, which is not a loopback address: anyone who can reach this "
            "machine can read the atlas and its reports (there is no authentication).",
            file=sys.stderr,
        )
    print(f"eventatlas atlas: http://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


__all__ = ["create_app", "serve", "find_node_modules"]

"""The default fetcher for URLs: bounded in time and size, http(s) only, redirects followed.

Addresses on private, loopback and link-local networks are refused (every hop of a redirect is
checked), so a URL handed to eventatlas cannot reach services inside the user's network, unless the
setting `EVENTATLAS_ALLOW_PRIVATE_URLS=1` allows it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

import httpx

TIMEOUT_S = 20.0
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "eventatlas/0.1 (+https://github.com/eventatlas)"


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ("http", "https")


def private_urls_allowed() -> bool:
    return os.environ.get("EVENTATLAS_ALLOW_PRIVATE_URLS", "").strip().lower() in ("1", "true", "yes")


def check_public(url: str) -> None:
    """Raise ValueError unless `url` is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url}")
    if not parts.hostname:
        raise ValueError(f"no host in URL: {url}")
    if private_urls_allowed():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise ValueError(f"cannot resolve host {parts.hostname!r}: {exc.strerror}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise ValueError(
                f"refused: {parts.hostname} resolves to a non-public address ({address});"
                " set EVENTATLAS_ALLOW_PRIVATE_URLS=1 to allow it"
            )


def fetch_url(url: str) -> tuple[bytes, str]:
    """GET a page or feed and return (body, content type); raise ValueError/httpx errors on failure."""
    check_public(url)
    headers = {"User-Agent": USER_AGENT}
    hooks = {"request": [lambda request: check_public(str(request.url))]}
    with httpx.Client(timeout=TIMEOUT_S, follow_redirects=True, headers=headers, event_hooks=hooks) as client:
        with client.stream("GET", url) as response:
            response.raise_for_status()
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES} bytes")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > MAX_BYTES:
                    raise ValueError(f"larger than {MAX_BYTES} bytes")
            return bytes(body), response.headers.get("content-type", "")

"""The default fetcher for URLs: bounded in time and size, http(s) only, redirects followed."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

TIMEOUT_S = 20.0
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "eventatlas/0.1 (+https://github.com/eventatlas)"


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ("http", "https")


def fetch_url(url: str) -> tuple[bytes, str]:
    """GET a page or feed and return (body, content type); raise ValueError/httpx errors on failure."""
    if not is_url(url):
        raise ValueError(f"not an http(s) URL: {url}")
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=TIMEOUT_S, follow_redirects=True, headers=headers) as client:
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

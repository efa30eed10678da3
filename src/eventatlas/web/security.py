"""Who may write and read the atlas, and how much: tokens, CORS, Host names, body size and rate limits.

Writing (ingest from the browser) always needs the write token: generated on first run with
`secrets.token_urlsafe`, kept in a file only its owner can read (0600; by default `<db>.token` next to
the database) and sent as `Authorization: Bearer TOKEN` or `X-Eventatlas-Token: TOKEN` - headers a
page on another origin cannot add without CORS, so a token-less cookie can never write. Reading is
open by default; `read_protected` makes /api/* need the read token (`<token file>.read`) or the write
token, in those headers or in the cookie (`eventatlas_token_<port>`) the page gets from
`/?token=READ_TOKEN`.

Every setting has an environment variable, so tests and `eventatlas serve` configure the same thing.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import os
import secrets
import stat
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, HTTPException, Request

log = logging.getLogger("eventatlas.web")

DEFAULT_MAX_BODY_MB = 25.0
DEFAULT_RATE_PER_MINUTE = 3000  # per client: a page load at 100,000 events makes a few dozen requests
COOKIE = "eventatlas_token"
TOKEN_HEADER = "x-eventatlas-token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class TokenError(RuntimeError):
    """A token file exists but cannot be used; the message names the file."""


def _env_flag(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


def _env_number(name: str) -> float | None:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"${name} must be a number; got {value!r}") from None


def _env_list(name: str) -> tuple[str, ...] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


@dataclass(frozen=True)
class SecuritySettings:
    """The server's protections; `from_env` fills what is not given from $EVENTATLAS_* variables.

    token_file: the write token's file (None: `<db>.token`, or the user data dir for a server DB).
    read_protected: reading /api/* needs a token too.
    cors_origins: origins allowed to call the API from their pages (none: CORS off).
    allowed_hosts: Host header names accepted (None: not set, any; "*": any); `serve` limits a
    loopback server to loopback names when it is not set, so a page using DNS rebinding cannot
    read the atlas.
    max_body_bytes: the largest request body (413 above it).
    rate_per_minute: requests per minute per client address, with a burst of as many (0: no limit).
    """

    token_file: Path | None = None
    read_protected: bool = False
    cors_origins: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] | None = None
    max_body_bytes: int = int(DEFAULT_MAX_BODY_MB * 1024 * 1024)
    rate_per_minute: float = DEFAULT_RATE_PER_MINUTE

    @classmethod
    def from_env(
        cls,
        token_file: Path | str | None = None,
        read_protected: bool | None = None,
        cors_origins: tuple[str, ...] | list[str] | None = None,
        allowed_hosts: tuple[str, ...] | list[str] | None = None,
        max_body_mb: float | None = None,
        rate_per_minute: float | None = None,
    ) -> SecuritySettings:
        """Arguments win over $EVENTATLAS_TOKEN_FILE, $EVENTATLAS_READ_TOKEN (1 = protect reads),
        $EVENTATLAS_CORS and $EVENTATLAS_ALLOWED_HOSTS (comma-separated; * = any),
        $EVENTATLAS_MAX_BODY_MB and $EVENTATLAS_RATE_LIMIT (per minute; 0 = off)."""
        token_file = token_file or os.environ.get("EVENTATLAS_TOKEN_FILE") or None
        if read_protected is None:
            read_protected = bool(_env_flag("EVENTATLAS_READ_TOKEN"))
        cors = tuple(cors_origins) if cors_origins else (_env_list("EVENTATLAS_CORS") or ())
        hosts = tuple(allowed_hosts) if allowed_hosts else _env_list("EVENTATLAS_ALLOWED_HOSTS")
        if hosts is not None and (not hosts or "*" in hosts):
            hosts = ("*",)
        body_mb = max_body_mb if max_body_mb is not None else _env_number("EVENTATLAS_MAX_BODY_MB")
        rate = rate_per_minute if rate_per_minute is not None else _env_number("EVENTATLAS_RATE_LIMIT")
        if body_mb is not None and body_mb <= 0:
            raise ValueError(f"the body size limit must be positive; got {body_mb} MB")
        if rate is not None and rate < 0:
            raise ValueError(f"the rate limit must be 0 (off) or positive; got {rate}")
        if "*" in cors:
            raise ValueError("CORS origin '*' is not allowed: name the origins (e.g. https://example.org)")
        return cls(
            token_file=Path(token_file).expanduser() if token_file else None,
            read_protected=read_protected,
            cors_origins=cors,
            allowed_hosts=hosts,
            max_body_bytes=int((body_mb if body_mb is not None else DEFAULT_MAX_BODY_MB) * 1024 * 1024),
            rate_per_minute=rate if rate is not None else DEFAULT_RATE_PER_MINUTE,
        )


def default_token_path(db_url: str) -> Path:
    """`<db>.token` beside a SQLite file; for a database server, one file per server and database in the
    user data dir (`server-<hash>.token`), so two atlases on two databases never share a write token."""
    text = str(db_url)
    if text.startswith(("postgresql://", "postgres://")):
        import hashlib
        from urllib.parse import urlsplit

        u = urlsplit(text)
        where = f"{u.hostname or ''}:{u.port or ''}/{u.path.lstrip('/')}"  # not the password
        digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]
        return Path.home() / ".local" / "share" / "eventatlas" / f"server-{digest}.token"
    from eventatlas.store.sqlite import sqlite_path

    path = sqlite_path(text)
    return path.with_name(path.name + ".token")


def read_token_path(token_file: Path) -> Path:
    return token_file.with_name(token_file.name + ".read")


def load_or_create_token(path: Path) -> tuple[str, bool]:
    """(token, created): the token in `path`, made now with mode 0600 if the file does not exist.

    A file that others may read is narrowed to 0600 with a warning; an empty or unreadable one is a
    TokenError (delete it and a new token is made)."""
    for _ in range(2):
        try:
            st = path.stat()
        except FileNotFoundError:
            pass
        else:
            if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                os.chmod(path, 0o600)
                log.warning("%s could be read by other users; its permissions are now 0600", path)
            try:
                token = path.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise TokenError(f"{path}: cannot read the token file ({exc})") from None
            if not token or any(c.isspace() for c in token):
                raise TokenError(
                    f"{path}: not a token file (empty or malformed); delete it to make a new token"
                )
            return token, False
        token = secrets.token_urlsafe(32)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: read theirs
            continue
        except OSError as exc:
            raise TokenError(f"{path}: cannot create the token file ({exc.strerror or exc})") from None
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, (token + "\n").encode("ascii"))
        finally:
            os.close(fd)
        return token, True
    raise TokenError(f"{path}: the token file keeps changing; is another server making it?")


@dataclass
class Security:
    """The settings with the tokens loaded: what the middleware and the write check consult."""

    settings: SecuritySettings
    token_file: Path
    write_token: str | None = None
    read_token: str | None = None
    created: list[str] = field(default_factory=list)  # which tokens were made now: "write", "read"
    problem: str | None = None  # why writing is off (the token file could not be made or read)

    @classmethod
    def load(cls, db_url: str, settings: SecuritySettings | None = None) -> Security:
        settings = settings or SecuritySettings.from_env()
        token_file = settings.token_file or default_token_path(db_url)
        sec = cls(settings=settings, token_file=token_file)
        try:
            sec.write_token, made = load_or_create_token(token_file)
            if made:
                sec.created.append("write")
            if settings.read_protected:
                sec.read_token, made = load_or_create_token(read_token_path(token_file))
                if made:
                    sec.created.append("read")
        except TokenError as exc:
            sec.problem = str(exc)
            off = (
                "writing from the browser is off" if sec.write_token is None else "only the write token reads"
            )
            log.warning("eventatlas atlas: %s; %s", exc, off)
        return sec

    # -- checks ---------------------------------------------------------------------------
    @staticmethod
    def presented(headers: MutableMapping[str, str] | Any) -> str | None:
        """The token a request carries in Authorization: Bearer or X-Eventatlas-Token."""
        auth = headers.get("authorization") or ""
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        value = headers.get(TOKEN_HEADER)
        return value.strip() if value and value.strip() else None

    @staticmethod
    def _same(given: str | None, expected: str | None) -> bool:
        if not given or not expected:
            return False
        return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))

    def check_write(self, headers: Any) -> None:
        """Raise 401 (no token), 403 (wrong token) or 503 (writing off) unless the write token is sent."""
        if self.write_token is None:
            raise HTTPException(503, detail=f"writing is off on this server: {self.problem or 'no token'}")
        given = self.presented(headers)
        if given is None:
            raise HTTPException(
                401,
                detail="writing needs the server's token (Authorization: Bearer TOKEN or X-Eventatlas-Token);"
                f" `eventatlas serve` printed it on first run and keeps it in {self.token_file.name}",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not self._same(given, self.write_token):
            raise HTTPException(403, detail="wrong token: writing needs the server's write token")

    def can_read(self, token: str | None) -> bool:
        return (
            not self.settings.read_protected
            or self._same(token, self.read_token)
            or self._same(token, self.write_token)
        )


def require_write(request: Request) -> None:
    """FastAPI dependency for writing endpoints: the write token, in a header (never a cookie)."""
    security: Security = request.app.state.security
    security.check_write(request.headers)


# -- middleware ------------------------------------------------------------------------------


class _Bucket:
    __slots__ = ("tokens", "stamp")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens = tokens
        self.stamp = stamp


class RateLimiter:
    """A token bucket per client address: `per_minute` requests a minute, bursts of as many."""

    MAX_CLIENTS = 10_000

    def __init__(self, per_minute: float) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.buckets: dict[str, _Bucket] = {}
        self.lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 if the request may go, else the seconds until it could."""
        now = time.monotonic() if now is None else now
        with self.lock:
            bucket = self.buckets.get(client)
            if bucket is None:
                if len(self.buckets) >= self.MAX_CLIENTS:  # forget clients whose buckets are full again
                    full = self.capacity / self.rate if self.rate else 0
                    self.buckets = {k: b for k, b in self.buckets.items() if now - b.stamp < full}
                    if len(self.buckets) >= self.MAX_CLIENTS // 2:  # still crowded: keep the newest half
                        newest = sorted(self.buckets.items(), key=lambda kv: kv[1].stamp)[
                            -self.MAX_CLIENTS // 2 :
                        ]
                        self.buckets = dict(newest)
                bucket = self.buckets[client] = _Bucket(self.capacity, now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate


async def _send_json(send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": message, "message": message}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Host names, rate limit, the write token, body size and read protection, before any route
    runs (pure ASGI), so a request that will be refused costs no body parsing."""

    def __init__(self, app: ASGIApp, security: Security) -> None:
        self.app = app
        self.security = security
        s = security.settings
        self.limiter = RateLimiter(s.rate_per_minute) if s.rate_per_minute > 0 else None
        hosts = s.allowed_hosts
        self.hosts = None if hosts is None or "*" in hosts else {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.hosts is not None and _host_name(headers.get("host", "")) not in self.hosts:
            await _send_json(
                send,
                400,
                f"unknown Host {headers.get('host', '')!r}: this server answers to "
                f"{', '.join(sorted(self.hosts))} (see $EVENTATLAS_ALLOWED_HOSTS)",
            )
            return
        if self.limiter is not None:
            client = (scope.get("client") or ("?", 0))[0]
            wait = self.limiter.take(client)
            if wait > 0:
                retry = max(1, math.ceil(wait))
                await _send_json(
                    send,
                    429,
                    f"too many requests from {client}: retry in {retry} s",
                    [(b"retry-after", str(retry).encode())],
                )
                return
        path: str = scope.get("path", "")
        if (
            path.startswith("/api/")
            and scope.get("method") not in ("GET", "HEAD", "OPTIONS")
            and _is_route(scope)  # no route takes it: the router's 404/405, not a token demand
        ):
            try:  # every writing request, before its body is read (the route checks again)
                self.security.check_write(headers)
            except HTTPException as exc:
                extra = [
                    (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (exc.headers or {}).items()
                ]
                await _send_json(send, exc.status_code, str(exc.detail), extra)
                return
        limit = self.security.settings.max_body_bytes
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                await _send_json(send, 400, f"bad Content-Length {length!r}")
                return
            if int(length) > limit:
                await _send_json(send, 413, _too_large(limit))
                return
        elif scope.get("method") in ("POST", "PUT", "PATCH") and "chunked" in headers.get(
            "transfer-encoding", ""
        ):
            receive = await _bounded_body(receive, limit)
            if receive is None:
                await _send_json(send, 413, _too_large(limit))
                return
        if self.security.settings.read_protected and scope.get("method") != "OPTIONS":
            cookie_name = _cookie_name(scope)
            token = Security.presented(headers) or _cookie(headers.get("cookie", ""), cookie_name)
            if path.startswith("/api/") and not self.security.can_read(token):
                await _send_json(
                    send,
                    401,
                    "reading this atlas needs a token: open the link `eventatlas serve` printed "
                    "(/?token=…), or send Authorization: Bearer TOKEN",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            if not path.startswith("/api/") and scope.get("method") == "GET":
                query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                given = next((v for k, v in query if k == "token"), None)
                if given is not None:
                    await self._token_link(send, path, query, given, cookie_name)
                    return
        await self.app(scope, receive, send)

    async def _token_link(
        self, send: Send, path: str, query: list[tuple[str, str]], given: str, cookie_name: str
    ) -> None:
        """`/?token=T`: keep T in a cookie the page's own requests carry, and drop it from the URL."""
        if not self.security.can_read(given):
            await _send_json(send, 403, "wrong token: this link does not open the atlas")
            return
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        location = path + (f"?{rest}" if rest else "")
        cookie = f"{cookie_name}={given}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"content-length", b"0"),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _too_large(limit: int) -> str:
    return f"request body too large: the limit is {limit / (1024 * 1024):g} MB (serve --max-body-mb)"


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cookie_name(scope: Scope) -> str:
    """Cookies ignore ports: each server on a host keeps its token under its own name."""
    server = scope.get("server") or ("", None)
    return f"{COOKIE}_{server[1]}" if server[1] else COOKIE


def _cookie(header: str, name: str) -> str | None:
    if not header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is no token
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def _bounded_body(receive: Receive, limit: int) -> Receive | None:
    """Read a chunked body up to `limit` bytes; None if it is longer, else a receive that replays it."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def install_security(app: FastAPI, db_url: str, settings: SecuritySettings | None = None) -> Security:
    """Load the tokens and add the middleware (and CORS, when origins are given) to `app`."""
    from fastapi.middleware.cors import CORSMiddleware

    security = Security.load(db_url, settings)
    app.state.security = security
    app.add_middleware(SecurityMiddleware, security=security)
    if security.settings.cors_origins:  # outermost: errors and preflights get CORS headers too
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(security.settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-Eventatlas-Token", "Content-Type"],
            max_age=600,
        )
    return security


__all__ = [
    "Security",
    "SecuritySettings",
    "TokenError",
    "default_token_path",
    "install_security",
    "load_or_create_token",
    "read_token_path",
    "require_write",
]


def _is_route(scope: Scope) -> bool:
    from starlette.routing import Match

    app = scope.get("app")
    return app is None or any(r.matches(scope)[0] == Match.FULL for r in app.router.routes)

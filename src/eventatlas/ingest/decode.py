"""Bytes to text for the text formats: BOMs, UTF-8, then Western single-byte encodings.

charset-normalizer alone tends to call short French or German text cp1250 or cp850; news archives
in Western languages are far more often cp1252/latin-1, so those win whenever they read plausibly,
and charset-normalizer decides the rest (Cyrillic, Greek, ...).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


class Undecodable(ValueError):
    """The bytes are not text in any encoding we accept."""


def _strip_bom(raw: bytes) -> tuple[bytes, str] | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :], encoding
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return "\x00" in text or controls > max(2, len(text) // 100)


def decode(raw: bytes, declared: str | None = None) -> str:
    """Decode a text file's bytes; raise Undecodable for binary data (NUL bytes, no plausible encoding)."""
    bom = _strip_bom(raw)
    if bom is not None:
        body, encoding = bom
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise Undecodable(f"invalid {encoding}") from exc
    elif b"\x00" in raw:
        if not (declared or "").startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
            raise Undecodable("NUL bytes")
        try:
            text = raw.decode(declared or "")
        except (UnicodeDecodeError, LookupError) as exc:
            raise Undecodable(f"invalid {declared}") from exc
    else:
        text = _guess(raw, declared)
    if _looks_binary(text):
        raise Undecodable("control characters")
    return text


# A well-formed UTF-8 multi-byte sequence; cp1252/latin-1 text almost never contains one by chance.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _is_utf8(encoding: str | None) -> bool:
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _guess(raw: bytes, declared: str | None) -> str:
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            if _is_utf8(encoding) and _UTF8_SEQUENCE.search(raw):
                # UTF-8 with bad bytes (corrupt, or two encodings mixed): a Western reading would
                # store mojibake for every accented letter. A page that declares UTF-8 is read as
                # browsers read it (U+FFFD for the bad bytes); a bare file is an error that says where.
                if _is_utf8(declared):
                    return raw.decode("utf-8", errors="replace")
                bad = raw[exc.start : exc.start + 1].hex()
                raise Undecodable(f"invalid UTF-8: byte 0x{bad} at offset {exc.start}") from None
            continue
        except LookupError:
            continue
    western = _western(raw)
    if western is not None:
        return western
    best = from_bytes(raw).best()
    if best is None:
        raise Undecodable("no plausible encoding")
    return str(best)


_PUNCT = set("\u00a0‘’‚“”„–—…•€«»°§©®±²³´·¹º¿×÷¡¢£¤¥¦¨ª¬¯µ¶¸¼½¾†‡‰‹›™")


def _western(raw: bytes) -> str | None:
    """cp1252 (else latin-1) text when it reads like a Western language: its non-ASCII characters
    are Latin letters and typographic punctuation, and most letters are still plain ASCII
    (Cyrillic or Greek read as cp1252 turns into words made only of accented letters)."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    high = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() for ch in text)
    odd = sum(1 for ch in high if ch not in _PUNCT and not ch.isalpha())
    accented = sum(ch.isalpha() for ch in high)
    if odd <= len(high) // 10 and accented <= 0.3 * max(letters, 1):
        return text
    return None


def declared_charset(raw: bytes, content_type: str = "") -> str | None:
    """The charset named by a Content-Type header, an HTML meta tag or an XML declaration."""
    m = _CHARSET.search(content_type.encode("latin-1", "replace")) or _CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read pages labelled latin-1 as cp1252, and so do we: the curly quotes are cp1252.
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name

"""Name keys: the forms under which the gazetteer indexes a place name.

`name_key` folds case, diacritics and punctuation ("Bâb al-Azîziyah" → "bab al aziziyah", "U.S." →
"us"). `skeleton_key` is a much coarser transliteration key meant to catch the many romanisations of
Arabic and other names (Darnah/Derna/Darna, Misratah/Misrata, Bin Jawwad/Ben Jawad): articles dropped,
bin/ben/ibn unified, doubled letters collapsed, inner vowels dropped. Matches on the skeleton are
verified against the real spelling with rapidfuzz before they are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOS = str.maketrans({"’": "", "'": "", "`": "", "ʼ": "", "ʻ": "", "‘": ""})
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_INITIALS = re.compile(r"\b([a-z])\.(?=[a-z]\b\.?)")
_DOUBLE = re.compile(r"(.)\1+")
_ASPIR = re.compile(r"([kgstdz])h")
_VOWELS = re.compile(r"[aeiouy]")
_ARTICLES = {"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "adh", "ath"}
_SON = {"bin", "ben", "ibn", "bn", "beni", "bani", "banu"}


def fold(text: str) -> str:
    """Strip diacritics and special letters, keep case: "Şanlıurfa" → "Sanliurfa"."""
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    """True when a name is written in Latin script (other scripts are not indexed)."""
    if text.isascii():
        return True
    for c in text:
        if c.isalpha() and ord(c) > 0x24F and not 0x1E00 <= ord(c) <= 0x1EFF:
            return False
    return True


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Exact-match key: lower case, no diacritics, punctuation as single spaces."""
    if text.isalpha() and text.isascii():
        return text.lower()
    text = fold(text.translate(_APOS)).lower()
    if "." in text:  # "U.S." and "D.C." → "us", "dc": dots between single letters vanish
        text = _INITIALS.sub(r"\1", text)
    if "&" in text:
        text = text.replace("&", " and ")
    key = _NON_ALNUM.sub(" ", text).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def _skel_word(word: str) -> str:
    if len(word) <= 2:
        return word
    w = word
    w = _DOUBLE.sub(r"\1", w)  # Jawwad → Jawad
    w = w.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    w = _ASPIR.sub(r"\1", w)  # Sabratha → Sabrata, Khan → Kan
    w = w.replace("q", "k").replace("ph", "f")
    if w.endswith("h"):  # Misratah → Misrata
        w = w[:-1]
    first, rest = w[0], w[1:]
    rest = _VOWELS.sub("", rest)  # Darna / Derna → drn
    return first + rest


@lru_cache(maxsize=200_000)
def skeleton_key(text: str) -> str:
    """Coarse transliteration key (see module doc); "" when too short to be safe."""
    words = name_key(text).split()
    out: list[str] = []
    for i, w in enumerate(words):
        if w in _ARTICLES and i < len(words) - 1:
            continue
        if w in _SON:
            out.append("bn")
            continue
        # "al-Khums" written as one word: "alkhums"
        if len(words) == 1 and w.startswith(("al", "el")) and len(w) > 6:
            w = w[2:]
        out.append(_skel_word(w))
    key = " ".join(out)
    return key if len(key.replace(" ", "")) >= 3 else ""


def variant_names(name: str) -> set[str]:
    """Cheap spelling variants worth indexing as exact names (Saint/St., Mount/Mt., hyphens)."""
    out = {name}
    if not _VARIANT_HINT.search(name):
        return out
    for a, b in _VARIANTS:
        if a.search(name):
            out.add(a.sub(b, name))
    return out


_VARIANT_HINT = re.compile(r"\b(?:Saint|St|Sainte|Mount|Fort|Port)\b")
_VARIANTS = [(re.compile(a), b) for a, b in (
    (r"\bSaint\b", "St."), (r"\bSt\.? ", "Saint "), (r"\bSainte\b", "Ste."),
    (r"\bMount\b", "Mt."), (r"\bFort\b", "Ft."), (r"\bPort\b", "Pt."))]

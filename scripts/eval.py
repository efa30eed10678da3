#!/usr/bin/env python3
"""`make eval`: run eventatlas on the evaluation data in ../shared/data and print the scorers' figures.

Every step calls the real `eventatlas` command, exactly as the data's README shows, and the scorers
in ../shared/eval. Outputs go to var/eval/. Nothing from the data is written into the repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTATLAS = [sys.executable, "-m", "eventatlas"]


def run(cmd: list[str], stdout: Path | None = None) -> str:
    """Run a command; stream stderr; return stdout (or write it to a file)."""
    started = time.perf_counter()
    if stdout is not None:
        with stdout.open("w", encoding="utf-8") as fh:
            subprocess.run(cmd, check=True, stdout=fh)
        text = ""
    else:
        text = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    print(f"   ({time.perf_counter() - started:.1f} s) {' '.join(str(c) for c in cmd[2:] if c)}", file=sys.stderr)
    return text


def section(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared/ folder")
    ap.add_argument("--out", default=str(ROOT / "var" / "eval"), help="where outputs go")
    ap.add_argument("--only", choices=["geo", "events", "case", "trained"], action="append")
    a = ap.parse_args()
    shared = Path(a.shared)
    data, scorers = shared / "data", shared / "eval"
    if not data.is_dir():
        print(f"{data}: not found; nothing to evaluate", file=sys.stderr)
        return 0
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    only = set(a.only or ["geo", "events", "case", "trained"])
    py = sys.executable

    if "geo" in only:
        for corpus in ("lgl_dev", "geovirus_dev"):
            gold = data / "geoparse" / f"{corpus}.jsonl"
            if not gold.exists():
                continue
            for mode, flags in (("given spans", ["--given-spans"]), ("end to end", [])):
                section(f"geoparse {corpus} ({mode})")
                pred = out / f"{corpus}_{'given' if flags else 'e2e'}.jsonl"
                run([*EVENTATLAS, "geoparse", "--input", str(gold), "--output", str(pred), *flags])
                print(run([py, str(scorers / "score_geoparse.py"), str(gold), str(pred)]), end="")

    acled = data / "events" / "acled_africa_2016-01_05.csv"
    case = data / "events" / "case2021_task2_dev.tsv"
    if "events" in only and acled.exists():
        section("events: default coder on ACLED Africa 2016-01..05")
        docs = out / "acled_docs.jsonl"
        run([py, str(scorers / "acled_docs.py"), str(acled)], stdout=docs)
        pred = out / "acled_events.jsonl"
        run([*EVENTATLAS, "extract", "--input", str(docs), "--output", str(pred)])
        print(run([py, str(scorers / "score_events.py"), str(acled), str(pred)]), end="")
        # Location split by what the gazetteer holds (precise rows): see scripts/eval_location.py.
        print(run([py, str(ROOT / "scripts" / "eval_location.py"), str(acled), str(pred),
                   "--scorers", str(scorers)]), end="")

    if "case" in only and case.exists():
        section("events: default coder on CASE 2021 task 2 dev")
        docs = out / "case_docs.jsonl"
        run([py, str(scorers / "score_case.py"), "docs", str(case)], stdout=docs)
        pred = out / "case_events.jsonl"
        run([*EVENTATLAS, "extract", "--input", str(docs), "--output", str(pred)])
        print(run([py, str(scorers / "score_case.py"), "score", str(case), str(pred)]), end="")

    if "trained" in only and acled.exists() and case.exists():
        section("events: model trained on the ACLED file, scored on CASE")
        model = out / "acled_model.joblib"
        run([*EVENTATLAS, "train", "events", "--from", str(acled), "--out", str(model)])
        docs = out / "case_docs.jsonl"
        if not docs.exists():
            run([py, str(scorers / "score_case.py"), "docs", str(case)], stdout=docs)
        pred = out / "case_events_trained.jsonl"
        run([*EVENTATLAS, "extract", "--input", str(docs), "--output", str(pred), "--model", str(model)])
        print(run([py, str(scorers / "score_case.py"), "score", str(case), str(pred)]), end="")

        section("events: model trained on CASE 2021 task 2 dev, scored on ACLED Africa 2016-01..05")
        model = out / "case_model.joblib"
        run([*EVENTATLAS, "train", "events", "--from", str(case), "--out", str(model)])
        docs = out / "acled_docs.jsonl"
        if not docs.exists():
            run([py, str(scorers / "acled_docs.py"), str(acled)], stdout=docs)
        pred = out / "acled_events_trained.jsonl"
        run([*EVENTATLAS, "extract", "--input", str(docs), "--output", str(pred), "--model", str(model)])
        print(run([py, str(scorers / "score_events.py"), str(acled), str(pred)]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

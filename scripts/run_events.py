"""Run the event extractor over a JSONL file of documents (for evaluation): run_events.py IN OUT [MODEL]."""
import sys
import time
from pathlib import Path

from eventatlas.events import EventExtractor, extract_jsonl

if __name__ == "__main__":
    model = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    ex = EventExtractor(model_path=model)
    t = time.time()
    with open(sys.argv[1], encoding="utf-8") as fi, open(sys.argv[2], "w", encoding="utf-8") as fo:
        n = extract_jsonl(fi, fo, ex)
    print(f"{n} events in {time.time() - t:.1f}s", file=sys.stderr)

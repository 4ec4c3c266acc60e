"""Score qpr's duties against every hand reading in a folder (by default tests/duties/data).

    python benchmarks/score_readings.py [FOLDER ...] [--only NAME ...] [--errors]

Each reading is a ``NAME.jsonl`` beside the regulation ``NAME.md``. Prints one
line per reading (assignments, targets and unassigned F1, modality and level
agreement) and the mean assignments F1, using ``../shared/gold/score_duties.py``
with ``--municipality`` for a 直辖市's regulation. ``--errors`` also prints what
the scorer lists as missed and spurious.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "gold" / "score_duties.py"


def score(gold: Path, text: Path, errors: bool) -> tuple[dict, str, str]:
    import qpr
    from qpr.actors import jurisdiction_from_title
    from qpr.duties import extract, to_jsonl

    reg = qpr.load(text)
    place = jurisdiction_from_title(reg.title)
    flags = ["--municipality"] if place is not None and place.municipality else []
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        fh.write(to_jsonl(extract(reg).duties))
    run = [sys.executable, str(SCORER), str(gold), fh.name, *flags]
    report = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, check=True).stdout)
    shown = subprocess.run([*run, "--show-errors"], capture_output=True, text=True, check=True).stdout if errors else ""
    Path(fh.name).unlink()
    return report, shown, reg.title


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "duties" / "data"])
    parser.add_argument("--only", nargs="*", help="only readings whose name contains one of these")
    parser.add_argument("--errors", action="store_true", help="print the scorer's missed and spurious records")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (as in the README) instead")
    args = parser.parse_args(argv)
    rows = []
    for folder in args.folders:
        for gold in sorted(folder.glob("*.jsonl")):
            text = gold.with_suffix(".md")
            if not text.is_file() or (args.only and not any(o in gold.stem for o in args.only)):
                continue
            report, shown, title = score(gold, text, args.errors)
            rows.append((gold.stem, report))
            if args.markdown:
                cell = {k: f"{report[k]['f1']:.3f}" if report[k]["gold"] else "–"
                        for k in ("assignments", "targets", "unassigned")}
                print(f"| {title} (`{gold.stem}`) | {cell['assignments']} | {cell['targets']} | {cell['unassigned']} "
                      f"| {report['modality_agreement']:.3f} | {report['level_agreement']:.2f} |")
                continue
            f1 = {k: report[k]["f1"] if report[k]["gold"] else None for k in ("assignments", "targets", "unassigned")}
            cells = " ".join(f"{k[:3]}={v:.3f}" if v is not None else f"{k[:3]}=  –  " for k, v in f1.items())
            print(f"{gold.stem:55s} {cells} mod={report['modality_agreement']:.3f} lvl={report['level_agreement']:.3f}")
            if shown:
                print(shown)
    if rows:
        mean = sum(r["assignments"]["f1"] for _, r in rows) / len(rows)
        print(f"mean assignments F1 over {len(rows)} readings: {mean:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

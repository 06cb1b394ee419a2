"""Time the steps of ``make run`` and print them as a table before the server starts.

``step_times.py --file F --run-id R run NAME -- CMD...`` runs CMD, appends its wall time to F
(tab-separated: run id, step, seconds, exit status) and exits with CMD's status;
``step_times.py --file F --run-id R report`` prints this run's steps and their total. Standard
library only: it runs with the system Python before the virtual environment exists.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path


def run_step(file: Path, run_id: str, name: str, command: list[str]) -> int:
    """Run ``command``, record its wall time under ``name``; returns its exit status."""
    start = time.monotonic()
    status = subprocess.call(command)
    seconds = time.monotonic() - start
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("a", encoding="utf-8") as out:
        out.write(f"{run_id}\t{name}\t{seconds:.1f}\t{status}\n")
    return status


def report(file: Path, run_id: str) -> str:
    """This run's steps, one line each, and the total (steps skipped by make are absent)."""
    rows = []
    if file.exists():
        for line in file.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[0] == run_id:
                rows.append((parts[1], float(parts[2])))
    width = max([len(name) for name, _ in rows] + [len("total")])
    lines = ["make run, wall time per step:"]
    lines += [f"  {name:<{width}}  {seconds:7.1f} s" for name, seconds in rows]
    total = sum(seconds for _, seconds in rows)
    lines.append(f"  {'total':<{width}}  {total:7.1f} s  ({total / 60:.1f} min)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``run NAME -- CMD...`` or ``report``."""
    parser = argparse.ArgumentParser(description="time make run's steps")
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--run-id", required=True, help="one value per make invocation")
    sub = parser.add_subparsers(dest="action", required=True)
    run = sub.add_parser("run")
    run.add_argument("name")
    run.add_argument("command", nargs=argparse.REMAINDER)
    sub.add_parser("report")
    args = parser.parse_args(argv)
    if args.action == "report":
        print(report(args.file, args.run_id))
        return 0
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("run needs a command after --")
    return run_step(args.file, args.run_id, args.name, command)


if __name__ == "__main__":
    sys.exit(main())

"""``scripts/step_times.py``, which times `make run`'s steps: each step's time and status are
recorded under its run id, the report shows only this run's steps and their total."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "step_times.py"
spec = importlib.util.spec_from_file_location("step_times", SCRIPT)
assert spec and spec.loader
step_times = importlib.util.module_from_spec(spec)
spec.loader.exec_module(step_times)


def test_steps_are_recorded_per_run_and_failures_pass_through(tmp_path: Path) -> None:
    file = tmp_path / "state" / "steps.tsv"
    ok = [sys.executable, "-c", "pass"]
    assert step_times.main(["--file", str(file), "--run-id", "old", "run", "stale", "--", *ok]) == 0
    assert step_times.main(["--file", str(file), "--run-id", "r1", "run", "db start", "--", *ok]) == 0
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    assert step_times.main(["--file", str(file), "--run-id", "r1", "run", "load demo", "--",
                            *failing]) == 3
    lines = step_times.report(file, "r1").splitlines()
    assert lines[0] == "make run, wall time per step:"
    assert [line.split()[0] for line in lines[1:]] == ["db", "load", "total"]
    assert "stale" not in "\n".join(lines)
    steps = [float(line.split()[-2]) for line in lines[1:3]]
    assert float(lines[3].split()[1]) == round(sum(steps), 1)


def test_a_run_without_steps_reports_a_zero_total(tmp_path: Path) -> None:
    assert step_times.report(tmp_path / "missing.tsv", "r").splitlines()[-1].split()[:2] == ["total", "0.0"]
